"""Embeds a labelled set with an encoder and forms the genuine and impostor pairs to score, set by set.

Genuine: every pair of genuine images of one identity. Impostors come in kinds: *skilled* (a
writer's genuine signature against a skilled forgery of it), *hard* (same cue, another group: the
same name signed by another writer), *random* (another writer, or another cue, of the same set);
without cues or forgeries, every pair of different identities is an *impostor*. Pairs never cross
sets. Large sets are sampled.
"""
from typing import Callable, Dict, List, Optional

import numpy as np
import torch

from .data import Sample
from .losses import distance_matrix

MAX_IMPOSTOR_PAIRS = 500_000

KINDS = ("skilled", "hard", "random", "impostor")  # the first one present decides


@torch.no_grad()
def embed(encoder: Callable, tensors: torch.Tensor, batch: int = 128) -> torch.Tensor:
    return torch.cat([encoder(tensors[i:i + batch]) for i in range(0, len(tensors), batch)])


def served_encoder(model: Callable, card: Optional[dict]) -> Callable:
    """The model as the service runs it under its card: with `embedding.mirrorAverage` an input's
    embedding is the mean of the model's outputs for it and for its mirror image (left and right
    swapped), scaled back to unit length when the card's embeddings are unit vectors."""
    spec = (card or {}).get("embedding", {})
    if not spec.get("mirrorAverage"):
        return model

    def mirror_averaged(tensors: torch.Tensor) -> torch.Tensor:
        mean = (model(tensors) + model(torch.flip(tensors, dims=[-1]))) / 2
        return torch.nn.functional.normalize(mean, dim=1) if spec.get("normalized") else mean
    return mirror_averaged


def pair_distances(samples: List[Sample], embeddings: torch.Tensor, metric: str,
                   seed: int = 0) -> Dict[str, Dict[str, np.ndarray]]:
    """{set name: {kind: distances}}, with "genuine" among the kinds."""
    by_set: Dict[str, List[int]] = {}
    for index, sample in enumerate(samples):
        by_set.setdefault(sample.dataset, []).append(index)
    return {name: _set_distances([samples[i] for i in rows], embeddings[rows], metric, seed)
            for name, rows in by_set.items()}


def _set_distances(samples: List[Sample], embeddings: torch.Tensor, metric: str,
                   seed: int) -> Dict[str, np.ndarray]:
    distances = distance_matrix(embeddings, metric).numpy()
    i, j = np.triu_indices(len(samples), k=1)
    identity = np.array([s.identity for s in samples])
    group = np.array([s.group for s in samples])
    cue = np.array([s.cue for s in samples])
    forgery = np.array([s.forgery for s in samples])
    values = distances[i, j]
    both_genuine = ~forgery[i] & ~forgery[j]
    same_identity = identity[i] == identity[j]
    kinds = {"genuine": values[both_genuine & same_identity]}
    if forgery.any():
        kinds["skilled"] = values[(forgery[i] != forgery[j]) & same_identity]
        kinds["random"] = values[both_genuine & ~same_identity]
    elif cue[0] != "":
        same_cue = cue[i] == cue[j]
        kinds["hard"] = values[both_genuine & ~same_identity & same_cue & (group[i] != group[j])]
        kinds["random"] = values[both_genuine & ~same_cue]
    else:
        kinds["impostor"] = values[both_genuine & ~same_identity]
    rng = np.random.default_rng(seed)
    return {kind: (rng.choice(v, MAX_IMPOSTOR_PAIRS, replace=False) if kind != "genuine"
                   and len(v) > MAX_IMPOSTOR_PAIRS else v) for kind, v in kinds.items()}


def impostor_kinds(distances: Dict[str, np.ndarray]) -> List[str]:
    """The impostor kinds of one set, the one that decides first (skilled, else hard)."""
    return [kind for kind in KINDS if kind in distances]
