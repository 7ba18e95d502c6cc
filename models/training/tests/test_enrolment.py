"""The subject-verify rules on distances worked out by hand: the same values as the Java service's
SubjectRuleTests, so that a rule chosen here means the same there."""
import numpy as np
import pytest
import torch

from siamese_training.data import Sample
from siamese_training.enrolment import Rule, probe_scores

DISTANCES = np.array([0.5, 0.2, 0.4, 0.3])


def among(spread: float, count: int = 4) -> np.ndarray:
    """A count × count distance matrix whose mean off-diagonal distance is `spread`."""
    matrix = np.full((count, count), spread)
    np.fill_diagonal(matrix, 0)
    return matrix


def test_smallest_takes_the_closest_reference():
    assert Rule("smallest").score(DISTANCES, among(0.25)) == 0.2


def test_mean_of_nearest_averages_the_k_smallest_and_all_when_fewer():
    assert Rule("mean-of-nearest", 2).score(DISTANCES, among(1)) == pytest.approx(0.25)
    assert Rule("mean-of-nearest", 9).score(DISTANCES, among(1)) == pytest.approx(0.35)


def test_spread_normalized_divides_by_the_spread_and_falls_back_with_one_reference():
    assert Rule("spread-normalized").score(DISTANCES, among(0.4)) == pytest.approx(0.5)
    assert Rule("spread-normalized").score(np.array([0.3]), among(0, 1)) == 0.3


def test_labels_name_rules_as_decisions_show_them():
    assert Rule("mean-of-nearest", 3).label == "mean-of-nearest-3"
    assert Rule("spread-normalized").label == "spread-normalized"


def test_every_writer_enrols_and_is_probed_by_its_rest_its_forgeries_and_others():
    samples, vectors = [], []
    for writer in range(3):
        for copy in range(4):
            samples.append(Sample(None, f"w{writer}", f"w{writer}", "", "s"))
            vectors.append([1.0, writer, copy * 0.01])
        samples.append(Sample(None, f"w{writer}", f"w{writer}", "", "s", forgery=True))
        vectors.append([1.0, writer + 0.5, 0])
    scores = probe_scores(samples, torch.tensor(vectors), "euclidean", references=3)
    smallest = scores["s"]["smallest"]
    assert len(smallest["genuine"]) == 3 and len(smallest["skilled"]) == 3 and len(smallest["random"]) == 6
    assert smallest["genuine"].max() < smallest["skilled"].min() < smallest["random"].min()
