import math

import pytest
import torch

from siamese_training.losses import (ContrastiveLoss, HardNegativeTripletLoss, SemiHardTripletLoss, distance_matrix,
                                     pair_distance)


def test_cosine_distance_ranges_from_zero_to_two():
    a = torch.tensor([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]])
    b = torch.tensor([[2.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
    assert pair_distance(a, b, "cosine").tolist() == pytest.approx([0.0, 1.0, 2.0])


def test_unknown_metric_is_rejected():
    with pytest.raises(ValueError):
        pair_distance(torch.ones(1, 2), torch.ones(1, 2), "manhattan")


def test_contrastive_loss_values():
    loss = ContrastiveLoss(margin=1.0, metric="euclidean")
    a = torch.tensor([[0.0, 0.0], [0.0, 0.0]])
    b = torch.tensor([[0.6, 0.0], [0.6, 0.0]])
    # same: 0.6² = 0.36; different: (1 - 0.6)² = 0.16; mean / 2
    assert loss(a, b, torch.tensor([1, 0])).item() == pytest.approx((0.36 + 0.16) / 4)


def test_triplet_loss_picks_the_closest_semi_hard_negative():
    # anchor 0 and positive 1 at distance 1; negatives at 1.5 (semi-hard) and 3 (easy) and 0.5 (hard)
    embeddings = torch.tensor([[0.0], [1.0], [1.5], [3.0], [-0.5]])
    labels = torch.tensor([0, 0, 1, 2, 3])
    loss = SemiHardTripletLoss(margin=1.0, metric="euclidean")
    # pair (0,1): d_ap 1, semi-hard negative 1.5 → 0.5; pair (1,0): d_ap 1, negatives from 1 at
    # 0.5, 2, 1.5 → closest farther than 1 is 1.5 → 0.5
    assert loss(embeddings, labels).item() == pytest.approx(0.5, abs=1e-5)


def test_triplet_loss_falls_back_to_the_farthest_negative():
    embeddings = torch.tensor([[0.0], [2.0], [1.0]])
    labels = torch.tensor([0, 0, 1])
    # every negative is closer than the positive: use the farthest one (1.0): 2 - 1 + 0.5
    assert SemiHardTripletLoss(0.5, "euclidean")(embeddings, labels).item() == pytest.approx(1.5, abs=1e-5)


def test_triplet_loss_is_zero_when_well_separated_and_has_gradients():
    embeddings = torch.tensor([[0.0, 0.0], [0.1, 0.0], [5.0, 0.0], [5.1, 0.0]], requires_grad=True)
    loss = SemiHardTripletLoss(1.0, "euclidean")(embeddings, torch.tensor([0, 0, 1, 1]))
    assert loss.item() == 0.0
    loss.backward()
    assert not torch.isnan(embeddings.grad).any()


def test_distance_matrix_diagonal_is_zero():
    d = distance_matrix(torch.randn(4, 3), "euclidean")
    assert torch.allclose(torch.diagonal(d), torch.zeros(4), atol=1e-5)
    assert math.isclose(distance_matrix(torch.eye(2), "cosine")[0, 1].item(), 1.0, abs_tol=1e-6)


def test_hard_negative_loss_sees_a_forgery_closer_than_the_positive():
    # anchor 0 and positive 1 at distance 1; a forgery of identity 0 at 0.5 (closer than the
    # positive: semi-hard mining would skip it), another identity's sample at 1.5
    embeddings = torch.tensor([[0.0], [1.0], [0.5], [1.5]])
    labels = torch.tensor([0, 0, -1, 1])
    imitates = torch.tensor([-1, -1, 0, -1])
    cues = torch.tensor([-1, -1, -1, -1])
    loss = HardNegativeTripletLoss(margin=0.2, metric="euclidean")(embeddings, labels, imitates, cues)
    # triples (0, 1, forgery): 1 - 0.5 + 0.2 = 0.7; (1, 0, forgery): 1 - 0.5 + 0.2 = 0.7
    assert loss.item() == pytest.approx(0.7, abs=1e-5)


def test_hard_negative_loss_takes_the_same_cue_of_another_identity():
    embeddings = torch.tensor([[0.0], [0.1], [0.3], [5.0]])
    labels = torch.tensor([0, 0, 1, 2])
    imitates = torch.tensor([-1, -1, -1, -1])
    cues = torch.tensor([7, 7, 7, 8])    # identities 0 and 1 share a cue (the same name)
    loss = HardNegativeTripletLoss(margin=0.5, metric="euclidean")(embeddings, labels, imitates, cues)
    # (0, 1, 2): 0.1 - 0.3 + 0.5 = 0.3; (1, 0, 2): 0.1 - 0.2 + 0.5 = 0.4; identity 1 has no positive
    assert loss.item() == pytest.approx(0.35, abs=1e-5)


def test_hard_negative_loss_is_zero_without_designated_negatives():
    embeddings = torch.tensor([[0.0], [1.0], [3.0]], requires_grad=True)
    loss = HardNegativeTripletLoss(0.5, "euclidean")(embeddings, torch.tensor([0, 0, 1]), torch.tensor([-1, -1, -1]),
                                                     torch.tensor([-1, -1, -1]))
    assert loss.item() == 0.0
    loss.backward()
