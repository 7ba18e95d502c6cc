"""Embeds a labelled set with an encoder and forms the genuine and impostor pairs to score.

Genuine: every pair of images of one identity. Impostors come in two kinds when samples carry a
cue: *hard* (same cue, another group: the same name signed by another writer) and *random*
(another cue); without cues, every pair of different identities. Large sets are sampled.
"""
from typing import Callable, Dict, List

import numpy as np
import torch

from .data import Sample
from .losses import distance_matrix

MAX_IMPOSTOR_PAIRS = 500_000


@torch.no_grad()
def embed(encoder: Callable, tensors: torch.Tensor, batch: int = 128) -> torch.Tensor:
    return torch.cat([encoder(tensors[i:i + batch]) for i in range(0, len(tensors), batch)])


def pair_distances(samples: List[Sample], embeddings: torch.Tensor, metric: str,
                   seed: int = 0) -> Dict[str, np.ndarray]:
    distances = distance_matrix(embeddings, metric).numpy()
    upper = np.triu_indices(len(samples), k=1)
    identity = np.array([s.identity for s in samples])
    group = np.array([s.group for s in samples])
    cue = np.array([s.cue for s in samples])
    i, j = upper
    values = distances[i, j]
    genuine = identity[i] == identity[j]
    impostor = ~genuine
    kinds = {"genuine": values[genuine]}
    if cue[0] != "":
        same_cue = cue[i] == cue[j]
        kinds["hard"] = values[impostor & same_cue & (group[i] != group[j])]
        kinds["random"] = values[impostor & ~same_cue]
    else:
        kinds["impostor"] = values[impostor]
    rng = np.random.default_rng(seed)
    return {kind: (rng.choice(v, MAX_IMPOSTOR_PAIRS, replace=False) if kind != "genuine"
                   and len(v) > MAX_IMPOSTOR_PAIRS else v) for kind, v in kinds.items()}


def impostor_kinds(distances: Dict[str, np.ndarray]) -> List[str]:
    """The impostor kinds present, the one that decides (hard, when there is one) first."""
    return [kind for kind in ("hard", "random", "impostor") if kind in distances]
