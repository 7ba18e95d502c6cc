"""Distances and the metric-learning losses (contrastive on pairs, triplet with semi-hard mining, and
a triplet term over the designated hard negatives: skilled forgeries and the same name by another
writer)."""
import torch
import torch.nn.functional as F
from torch import Tensor, nn


def pair_distance(a: Tensor, b: Tensor, metric: str) -> Tensor:
    """Row-wise distance: Euclidean, or cosine distance 1 - cos (0 same direction, 2 opposite)."""
    if metric == "euclidean":
        return torch.linalg.norm(a - b, dim=1)
    if metric == "cosine":
        return 1.0 - F.cosine_similarity(a, b, dim=1)
    raise ValueError(f"unknown metric {metric!r}")


def distance_matrix(embeddings: Tensor, metric: str) -> Tensor:
    if metric == "euclidean":
        squared = torch.cdist(embeddings, embeddings).pow(2)
        # sqrt(0) has an infinite gradient: keep the diagonal (and exact duplicates) differentiable.
        return torch.sqrt(squared.clamp_min(1e-12))
    if metric == "cosine":
        unit = F.normalize(embeddings, dim=1)
        return 1.0 - unit @ unit.t()
    raise ValueError(f"unknown metric {metric!r}")


class ContrastiveLoss(nn.Module):
    """Hadsell, Chopra and LeCun (2006): same → d², different → max(0, margin - d)²."""

    def __init__(self, margin: float, metric: str):
        super().__init__()
        self.margin = margin
        self.metric = metric

    def forward(self, first: Tensor, second: Tensor, same: Tensor) -> Tensor:
        d = pair_distance(first, second, self.metric)
        same = same.float()
        return (same * d.pow(2) + (1 - same) * F.relu(self.margin - d).pow(2)).mean() / 2


class SemiHardTripletLoss(nn.Module):
    """FaceNet's triplet loss over every anchor-positive pair of a batch (Schroff et al. 2015).

    For each pair the negative is the closest one still farther than the positive (semi-hard);
    when none is, the farthest negative, as TensorFlow Addons' triplet_semihard_loss does.
    """

    def __init__(self, margin: float, metric: str):
        super().__init__()
        self.margin = margin
        self.metric = metric

    def forward(self, embeddings: Tensor, labels: Tensor) -> Tensor:
        d = distance_matrix(embeddings, self.metric)
        same = labels[:, None] == labels[None, :]
        eye = torch.eye(len(labels), dtype=torch.bool, device=labels.device)
        positive_pairs = (same & ~eye).nonzero()
        if positive_pairs.numel() == 0:
            return embeddings.sum() * 0.0
        anchors, positives = positive_pairs[:, 0], positive_pairs[:, 1]
        d_ap = d[anchors, positives]
        d_an = d[anchors]                                  # pairs × batch
        negative = ~same[anchors]
        semi_hard = negative & (d_an > d_ap[:, None])
        inf = torch.finfo(d.dtype).max
        closest_semi_hard = torch.where(semi_hard, d_an, torch.full_like(d_an, inf)).min(dim=1).values
        farthest = torch.where(negative, d_an, torch.full_like(d_an, -inf)).max(dim=1).values
        d_neg = torch.where(semi_hard.any(dim=1), closest_semi_hard, farthest)
        has_negative = negative.any(dim=1)
        losses = F.relu(d_ap - d_neg + self.margin)[has_negative]
        return losses.mean() if losses.numel() else embeddings.sum() * 0.0


class HardNegativeTripletLoss(nn.Module):
    """A triplet term over negatives named in advance, not mined: every anchor-positive pair against
    every sample that is a designated hard negative of the anchor (a skilled forgery imitating the
    anchor's identity, or another identity with the anchor's cue, the same name by another writer).

    Semi-hard mining alone never picks such a negative when it lies closer to the anchor than the
    positive does, which is exactly the forgery a verifier accepts; this term always sees it.
    """

    def __init__(self, margin: float, metric: str):
        super().__init__()
        self.margin = margin
        self.metric = metric

    def forward(self, embeddings: Tensor, labels: Tensor, imitates: Tensor, cues: Tensor) -> Tensor:
        """labels: identity (< 0 for a forgery); imitates: the identity a forgery imitates (-1 for a
        genuine sample); cues: the cue id (-1 for none)."""
        d = distance_matrix(embeddings, self.metric)
        same = labels[:, None] == labels[None, :]
        eye = torch.eye(len(labels), dtype=torch.bool, device=labels.device)
        genuine = labels >= 0
        forged = imitates[None, :] == labels[:, None]
        same_cue = (cues[:, None] == cues[None, :]) & (cues[:, None] >= 0) & ~same & genuine[None, :]
        hard = (forged | same_cue) & genuine[:, None]              # anchor × negative
        positive = same & ~eye & genuine[:, None]                 # anchor × positive
        # anchor × positive × negative hinge, over the triples that exist
        triples = positive[:, :, None] & hard[:, None, :]
        if not triples.any():
            return embeddings.sum() * 0.0
        hinge = F.relu(d[:, :, None] - d[:, None, :] + self.margin)
        return hinge[triples].mean()
