"""How a probe is compared with a subject who enrolled several references: the rules a service can
apply, and their figures when each writer of a labelled part enrols some of its genuine images.

Rules, each turning the probe's distances to the subject's references into one score compared
with a threshold of its own (`score <= threshold` accepts):

- `smallest`: the distance to the closest reference;
- `mean-of-nearest-k`: the mean of the k smallest distances (all of them when fewer);
- `spread-normalized`: the smallest distance divided by the mean distance between the subject's
  own references, so that a writer who varies a lot is allowed more (with one reference, the
  smallest distance).
"""
from dataclasses import dataclass
from typing import Dict, List, Sequence

import numpy as np
import torch

from .data import Sample
from .losses import distance_matrix


@dataclass(frozen=True)
class Rule:
    name: str
    k: int = 1

    @property
    def label(self) -> str:
        return f"{self.name}-{self.k}" if self.name == "mean-of-nearest" else self.name

    def score(self, to_references: np.ndarray, among_references: np.ndarray) -> float:
        """to_references: distances probe → each reference; among_references: R × R distances."""
        nearest = np.sort(to_references)
        if self.name == "smallest":
            return float(nearest[0])
        if self.name == "mean-of-nearest":
            return float(np.mean(nearest[:self.k]))
        if self.name == "spread-normalized":
            count = len(among_references)
            if count < 2:
                return float(nearest[0])
            spread = among_references[np.triu_indices(count, k=1)].mean()
            return float(nearest[0] / max(spread, 1e-6))
        raise ValueError(f"unknown rule {self.name!r}")


RULES = (Rule("smallest"), Rule("mean-of-nearest", 2), Rule("mean-of-nearest", 3), Rule("spread-normalized"))

IMPOSTORS_PER_SUBJECT = 10  # other writers' genuine probes against each enrolled subject


def probe_scores(samples: Sequence[Sample], embeddings: torch.Tensor, metric: str, references: int,
                 seed: int = 0) -> Dict[str, Dict[str, Dict[str, np.ndarray]]]:
    """{set: {rule label: {kind: scores}}}: every genuine identity enrols `references` of its genuine
    images (chosen with the seed; at least one image is left to probe with); the rest of its
    genuine images are genuine probes, its skilled forgeries skilled probes, the same name by other
    writers hard probes, and genuine images of other identities of the set random probes."""
    rng = np.random.default_rng(seed)
    distances = distance_matrix(embeddings, metric).numpy()
    scores: Dict[str, Dict[str, Dict[str, List[float]]]] = {}
    by_set: Dict[str, List[int]] = {}
    for index, sample in enumerate(samples):
        by_set.setdefault(sample.dataset, []).append(index)
    for name, rows in by_set.items():
        genuine: Dict[str, List[int]] = {}
        forged: Dict[str, List[int]] = {}
        for i in rows:
            (forged if samples[i].forgery else genuine).setdefault(samples[i].identity, []).append(i)
        identities = sorted(k for k, v in genuine.items() if len(v) >= 2)
        per_rule = scores.setdefault(name, {rule.label: {} for rule in RULES})
        for identity in identities:
            images = list(rng.permutation(genuine[identity]))
            enrolled = images[:min(references, len(images) - 1)]
            probes = {"genuine": images[len(enrolled):], "skilled": forged.get(identity, [])}
            cue, group = samples[images[0]].cue, samples[images[0]].group
            if cue:
                probes["hard"] = [i for other in identities if other != identity for i in genuine[other]
                                  if samples[i].cue == cue and samples[i].group != group]
            others = [other for other in identities if other != identity and
                      (not cue or samples[genuine[other][0]].cue != cue)]
            chosen = rng.choice(len(others), min(IMPOSTORS_PER_SUBJECT, len(others)), replace=False)
            probes["random"] = [int(rng.choice(genuine[others[c]])) for c in chosen]
            among = distances[np.ix_(enrolled, enrolled)]
            for kind, indices in probes.items():
                for probe in indices:
                    to_references = distances[probe, enrolled]
                    for rule in RULES:
                        per_rule[rule.label].setdefault(kind, []).append(rule.score(to_references, among))
    return {name: {label: {kind: np.asarray(values) for kind, values in kinds.items() if values}
                   for label, kinds in rules.items()} for name, rules in scores.items()}
