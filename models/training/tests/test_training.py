"""The auxiliary heads' loss: which samples each head sees and at what weight, and with which loss."""
import pytest
import torch
import torch.nn.functional as F

from siamese_training.config import TrainConfig
from siamese_training.training import augment, auxiliary_heads, auxiliary_loss

FEATURES = torch.randn(6, 8, generator=torch.Generator().manual_seed(3))
LABELS = torch.tensor([0, 0, 1, -1, -2, 2])  # three identities, two forgeries


def config(**weights) -> TrainConfig:
    return TrainConfig(data="unused", **weights)


def test_the_writer_head_names_only_genuine_samples():
    heads = auxiliary_heads(8, 3)
    genuine = LABELS >= 0
    expected = 0.5 * F.cross_entropy(heads["writer"](FEATURES[genuine]), LABELS[genuine])
    assert torch.allclose(auxiliary_loss(heads, FEATURES, LABELS, config(softmax_weight=0.5)), expected)


def test_the_forgery_head_tells_every_sample_genuine_or_forged():
    heads = auxiliary_heads(8, 3)
    forged = torch.tensor([0.0, 0.0, 0.0, 1.0, 1.0, 0.0])
    expected = 2.0 * F.binary_cross_entropy_with_logits(heads["forgery"](FEATURES).squeeze(1), forged)
    assert torch.allclose(auxiliary_loss(heads, FEATURES, LABELS, config(forgery_weight=2.0)), expected)


def test_both_heads_add_up_and_none_adds_nothing():
    heads = auxiliary_heads(8, 3)
    both = auxiliary_loss(heads, FEATURES, LABELS, config(softmax_weight=1.0, forgery_weight=1.0))
    apart = (auxiliary_loss(heads, FEATURES, LABELS, config(softmax_weight=1.0))
             + auxiliary_loss(heads, FEATURES, LABELS, config(forgery_weight=1.0)))
    assert torch.allclose(both, apart)
    assert auxiliary_loss(heads, FEATURES, LABELS, config()).item() == 0.0


def test_the_heads_are_refused_with_the_contrastive_loss_rather_than_ignored():
    with pytest.raises(ValueError, match="forgery_weight, softmax_weight work only with the triplet loss"):
        config(loss="contrastive", softmax_weight=1.0, forgery_weight=1.0)
    assert config(loss="contrastive").loss == "contrastive"


def test_ink_augmentation_changes_the_tone_within_paper_to_full_ink():
    canvas = torch.zeros(60, 1, 16, 48)
    canvas[:, :, 6:10, 8:40] = 0.5
    out = augment(canvas, torch.Generator().manual_seed(5), ink=True)
    assert out.min() >= 0 and out.max() <= 1
    peaks = out.amax(dim=(1, 2, 3))
    flat = [(img[img > 0] == 1).all() for img in out]
    assert any(flat), "some canvases drawn in one flat tone"
    assert ((peaks > 0.3) & (peaks < 0.45)).any() and ((peaks > 0.55) & (peaks < 0.7)).any(), "darker and lighter"
