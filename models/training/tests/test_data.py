import pytest
import torch

from siamese_training.data import (IdentityBatchSampler, TensorCache, as_bytes, preprocessed, sample_pairs, scan,
                                   scan_sets, share_of_groups, split_by_group)
from siamese_training.config import DataSet

PATTERN = r"_(n\d+)_"


def test_scan_splits_class_folders_into_identities(signatures):
    samples = scan(signatures, PATTERN)
    assert len(samples) == 54
    assert {s.identity for s in samples if s.group == "w00"} == {"w00/n0", "w00/n1", "w00/n2"}
    assert {s.cue for s in samples} == {"n0", "n1", "n2"}


def test_scan_without_pattern_takes_folders_as_identities(signatures):
    samples = scan(signatures)
    assert {s.identity for s in samples} == {s.group for s in samples}
    assert {s.cue for s in samples} == {""}


def test_scan_of_an_empty_folder_fails(tmp_path):
    with pytest.raises(ValueError, match="no images"):
        scan(tmp_path)


def test_scan_rejects_file_names_the_pattern_does_not_match(signatures):
    with pytest.raises(ValueError, match="identity pattern"):
        scan(signatures, r"_(x\d+)_")


def test_split_never_shares_a_group(signatures):
    parts = split_by_group(scan(signatures, PATTERN), [0.5, 0.25, 0.25], seed=3)
    groups = [{s.group for s in part} for part in parts]
    assert sum(len(g) for g in groups) == 6 and all(groups)
    assert not (groups[0] & groups[1]) and not (groups[0] & groups[2]) and not (groups[1] & groups[2])
    assert sum(len(part) for part in parts) == 54


def test_split_is_reproducible(signatures):
    samples = scan(signatures, PATTERN)
    assert split_by_group(samples, [0.5, 0.5], seed=9) == split_by_group(samples, [0.5, 0.5], seed=9)


def test_batches_hold_identities_of_one_cue_together(signatures):
    samples = scan(signatures, PATTERN)
    sampler = IdentityBatchSampler(samples, identities_per_batch=6, per_identity=2, identities_per_cue=3, seed=1)
    batches = list(sampler)
    assert len(batches) == len(sampler) == 3
    for batch in batches:
        identities = [samples[i].identity for i in batch]
        assert len(batch) == 12 and len(set(identities)) == 6
        cues = [samples[i].cue for i in batch]
        assert max(cues.count(c) for c in set(cues)) >= 6  # three writers of one name, two images each


def test_pairs_are_balanced_and_labelled_right(signatures):
    samples = scan(signatures, PATTERN)
    pairs = sample_pairs(samples, 200, seed=4, hard_fraction=1.0)
    assert sum(same for _, _, same in pairs) == 100
    for i, j, same in pairs:
        assert (samples[i].identity == samples[j].identity) == bool(same)
        if not same:
            assert samples[i].cue == samples[j].cue  # hard_fraction 1: every impostor shares the name


def test_forgeries_imitate_their_folders_writer_and_are_never_genuine(forged_signatures):
    samples = scan(forged_signatures, forgeries="forged_", dataset="forged")
    forged = [s for s in samples if s.forgery]
    assert len(forged) == 18 and all(s.path.name.startswith("forged_") for s in forged)
    assert {s.identity for s in forged} == {s.group for s in samples} == {f"forged/w{w:02d}" for w in range(6)}
    cache = TensorCache(samples, None, tensors=torch.zeros(len(samples), 1, 2, 2))
    labels = cache.labels.tolist()
    assert all(label < 0 for label, s in zip(labels, samples) if s.forgery)
    assert len({label for label, s in zip(labels, samples) if s.forgery}) == 18  # a label each: never positives
    assert len(cache.identities) == 6


def test_each_set_is_split_by_writer_in_the_same_proportions(signatures, forged_signatures):
    samples = scan_sets([DataSet("names", str(signatures), PATTERN), DataSet("forged", str(forged_signatures),
                                                                                forgeries="forged_")])
    parts = split_by_group(samples, [2, 2, 2], seed=5)
    for part in parts:
        assert sorted({s.dataset for s in part}) == ["forged", "names"]
        assert len({s.group for s in part if s.dataset == "forged"}) == 2
    groups = [{s.group for s in part} for part in parts]
    assert not (groups[0] & groups[1] or groups[0] & groups[2] or groups[1] & groups[2])


def test_a_share_of_writers_keeps_whole_writers_of_every_set(signatures, forged_signatures):
    samples = scan_sets([DataSet("names", str(signatures), PATTERN), DataSet("forged", str(forged_signatures),
                                                                                forgeries="forged_")])
    half = share_of_groups(samples, 0.5, seed=5)
    for dataset in ("names", "forged"):
        groups = {s.group for s in samples if s.dataset == dataset}
        kept = {s.group for s in half if s.dataset == dataset}
        assert len(kept) == round(len(groups) / 2) and kept < groups
        assert [s for s in half if s.dataset == dataset] == [s for s in samples if s.group in kept]
    assert share_of_groups(samples, 0.5, seed=5) == half, "seeded"
    assert share_of_groups(samples, 1.0, seed=5) == samples


def test_batches_keep_to_one_set_and_bring_the_writers_forgeries(signatures, forged_signatures):
    samples = scan_sets([DataSet("names", str(signatures), PATTERN), DataSet("forged", str(forged_signatures),
                                                                                forgeries="forged_")])
    sampler = IdentityBatchSampler(samples, identities_per_batch=3, per_identity=2, identities_per_cue=3, seed=2,
                                   forgeries_per_identity=2)
    batches = list(sampler)
    assert len(batches) == len(sampler) == 18 // 3 + 6 // 3
    for batch in batches:
        assert len({samples[i].dataset for i in batch}) == 1
        if samples[batch[0]].dataset == "forged":
            genuine = {samples[i].identity for i in batch if not samples[i].forgery}
            forged = [samples[i] for i in batch if samples[i].forgery]
            assert len(forged) == 6 and {s.identity for s in forged} == genuine


def test_pairs_take_a_writers_forgeries_as_hard_impostors(forged_signatures):
    samples = scan(forged_signatures, forgeries="forged_")
    pairs = sample_pairs(samples, 200, seed=4, hard_fraction=1.0)
    for i, j, same in pairs:
        assert not samples[i].forgery
        if same:
            assert not samples[j].forgery and samples[i].identity == samples[j].identity
        else:
            assert samples[j].forgery and samples[j].identity == samples[i].identity


@pytest.mark.parametrize("pipeline", ["signature", "signature-ink"])
def test_the_cache_gives_back_what_the_preprocessing_made(signatures, tmp_path, pipeline):
    samples = scan(signatures, PATTERN)[:6]
    card = {"input": {"width": 48, "height": 16, "channels": 1}, "preprocessing": {"pipeline": pipeline}}
    made = preprocessed(samples, card, tmp_path)
    assert len(list(tmp_path.glob("*.npz"))) == 1
    again = preprocessed(samples, card, tmp_path)
    assert torch.allclose(made, again, rtol=0, atol=1e-6)
    assert (made > 0).any()


def test_only_whole_levels_are_kept_as_bytes():
    import numpy as np
    assert as_bytes(np.array([[0.0, 1.0]], dtype=np.float32), 1).tolist() == [[0, 1]]
    assert as_bytes(np.array([[2 / 255, 1.0]], dtype=np.float32), 255).tolist() == [[2, 255]]
    assert as_bytes(np.array([[0.5]], dtype=np.float32), 255) is None, "127.5 is no level"
    assert as_bytes(np.array([[-1.0]], dtype=np.float32), 1) is None
