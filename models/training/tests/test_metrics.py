import numpy as np
import pytest

from siamese_training.metrics import at_far, equal_error, mean_curve, plot, rates_at, report, roc


def test_accept_means_distance_at_most_threshold():
    curve = roc(genuine=[0.1, 0.2, 0.3, 0.4], impostor=[0.3, 0.5, 0.6, 0.7])
    assert rates_at(curve, 0.3) == {"threshold": 0.3, "far": 0.25, "frr": 0.25}
    assert rates_at(curve, 0.0) == {"threshold": 0.0, "far": 0.0, "frr": 1.0}


def test_below_the_curves_first_point_nothing_is_accepted():
    # the first point's threshold is not -inf with every scikit-learn: below it must not wrap
    # around to the last point (everything accepted)
    curve = roc(genuine=[0.1, 0.2, 0.3, 0.4], impostor=[0.3, 0.5, 0.6, 0.7])
    assert rates_at(curve, -5.0) == {"threshold": -5.0, "far": 0.0, "frr": 1.0}


def test_one_threshold_for_several_sets_lies_among_their_distances():
    # two sets on different scales: the mean curve's EER point must fall where both have pairs
    rng = np.random.default_rng(2)
    near = roc(rng.normal(0.1, 0.03, 2000), rng.normal(0.3, 0.03, 2000))
    far = roc(rng.normal(0.5, 0.05, 2000), rng.normal(0.9, 0.05, 2000))
    shared = equal_error(mean_curve([near, far]))
    assert 0.1 < shared["threshold"] < 0.9
    assert shared["eer"] == pytest.approx((shared["far"] + shared["frr"]) / 2)
    assert rates_at(near, shared["threshold"])["far"] + rates_at(far, shared["threshold"])["far"] > 0


def test_separable_classes_have_zero_eer_and_a_threshold_between_them():
    eer = equal_error(roc([0.1, 0.2], [0.8, 0.9]))
    assert eer["eer"] == 0.0
    assert eer["threshold"] == pytest.approx(0.5)


def test_eer_of_overlapping_gaussians_matches_theory():
    rng = np.random.default_rng(0)
    genuine, impostor = rng.normal(0, 1, 200_000), rng.normal(2, 1, 200_000)
    # symmetric unit normals 2 apart cross at 1: EER = P(N(0,1) > 1) = 15.87 %
    result = equal_error(roc(genuine, impostor))
    assert result["eer"] == pytest.approx(0.1587, abs=0.003)
    assert result["threshold"] == pytest.approx(1.0, abs=0.02)


def test_tar_at_far_respects_the_far_bound():
    rng = np.random.default_rng(1)
    curve = roc(rng.normal(0, 1, 5000), rng.normal(3, 1, 5000))
    point = at_far(curve, 1e-2)
    assert point["far"] <= 1e-2 and point["tar"] == pytest.approx(1 - curve.frr[curve.thresholds == point["threshold"]][0])


def test_report_needs_both_kinds_of_pairs():
    with pytest.raises(ValueError):
        report([], [0.5], [0.4])


def test_plot_writes_a_png(tmp_path):
    plot({"all": roc([0.1, 0.4], [0.3, 0.9])}, tmp_path / "roc.png", "test")
    assert (tmp_path / "roc.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
