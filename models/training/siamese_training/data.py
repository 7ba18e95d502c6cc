"""Labelled images in the folder-per-class layout, split by class, with pair and triplet sampling.

`DIR/<class>/<image>`. A class folder may hold several identities told apart by a regular
expression on the file name (`identity_pattern`): a signature folder is one writer, and the
name written (`genuine_n03_ipad.png` → `n03`) makes the identity `w001/n03`. The folder is the
*group*: splits never put one group on both sides, and the identity key (`n03`) is the *cue*
shared by hard impostors (the same name by another writer).
"""
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
from PIL import Image

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".pgm", ".tif", ".tiff", ".webp"}


@dataclass(frozen=True)
class Sample:
    path: Path
    identity: str  # what genuine means: same identity
    group: str     # the class folder: the unit of the train/validation split
    cue: str       # identities sharing a cue across groups are hard impostors ("" when none)


def scan(root: Path, identity_pattern: Optional[str] = None) -> List[Sample]:
    """Every image under root/<group>/, sorted, labelled by folder and (optionally) file name."""
    pattern = re.compile(identity_pattern) if identity_pattern else None
    samples = []
    for folder in sorted(p for p in Path(root).iterdir() if p.is_dir()):
        for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES):
            cue = ""
            if pattern:
                match = pattern.search(path.name)
                if not match:
                    raise ValueError(f"{path.name}: no match for identity pattern {identity_pattern!r}")
                cue = match.group(1)
            identity = f"{folder.name}/{cue}" if cue else folder.name
            samples.append(Sample(path, identity, folder.name, cue))
    if not samples:
        raise ValueError(f"no images under {root}/<class>/")
    return samples


def split_by_group(samples: Sequence[Sample], fractions: Sequence[float], seed: int) -> List[List[Sample]]:
    """Shuffles the groups with the seed and cuts them by fractions; no group is in two parts."""
    groups = sorted({s.group for s in samples})
    random.Random(seed).shuffle(groups)
    bounds = np.round(np.cumsum([0.0] + list(fractions)) / sum(fractions) * len(groups)).astype(int)
    parts = [set(groups[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]
    return [[s for s in samples if s.group in part] for part in parts]


class TensorCache:
    """Preprocesses every image once and keeps the tensors (the data sets here fit in memory)."""

    def __init__(self, samples: Sequence[Sample], transform: Callable[[Image.Image], np.ndarray]):
        self.samples = list(samples)
        self.tensors = torch.stack([torch.from_numpy(transform(Image.open(s.path))) for s in self.samples])
        identities = sorted({s.identity for s in self.samples})
        index = {identity: i for i, identity in enumerate(identities)}
        self.labels = torch.tensor([index[s.identity] for s in self.samples])
        self.identities = identities

    def __len__(self) -> int:
        return len(self.samples)


class IdentityBatchSampler:
    """Batches of `identities_per_batch` identities × `per_identity` images, for triplet mining.

    When samples carry cues, identities are drawn cue by cue (`identities_per_cue` of the same cue
    together), so every batch holds hard impostors: the same name by other writers.
    """

    def __init__(self, samples: Sequence[Sample], identities_per_batch: int, per_identity: int,
                 identities_per_cue: int, seed: int):
        self.by_identity: Dict[str, List[int]] = {}
        for i, s in enumerate(samples):
            self.by_identity.setdefault(s.identity, []).append(i)
        self.by_identity = {k: v for k, v in self.by_identity.items() if len(v) >= 2}
        if len(self.by_identity) < 2:
            raise ValueError("triplet batches need at least two identities with two images each")
        self.cue_of = {s.identity: s.cue for s in samples}
        self.identities_per_batch = identities_per_batch
        self.per_identity = per_identity
        self.identities_per_cue = max(1, identities_per_cue)
        self.rng = random.Random(seed)

    def _identity_order(self) -> List[str]:
        by_cue: Dict[str, List[str]] = {}
        for identity in self.by_identity:
            by_cue.setdefault(self.cue_of[identity], []).append(identity)
        chunks = []
        for members in by_cue.values():
            self.rng.shuffle(members)
            size = self.identities_per_cue if len(by_cue) > 1 else len(members)
            chunks += [members[i:i + size] for i in range(0, len(members), size)]
        self.rng.shuffle(chunks)
        return [identity for chunk in chunks for identity in chunk]

    def __iter__(self):
        order = self._identity_order()
        for start in range(0, len(order) - self.identities_per_batch + 1, self.identities_per_batch):
            batch = []
            for identity in order[start:start + self.identities_per_batch]:
                members = self.by_identity[identity]
                if len(members) >= self.per_identity:
                    batch += self.rng.sample(members, self.per_identity)
                else:
                    batch += [self.rng.choice(members) for _ in range(self.per_identity)]
            yield batch

    def __len__(self) -> int:
        return len(self.by_identity) // self.identities_per_batch


def sample_pairs(samples: Sequence[Sample], count: int, seed: int,
                 hard_fraction: float = 0.5) -> List[Tuple[int, int, int]]:
    """Balanced (i, j, same) pairs for the contrastive loss: half genuine, half impostors, and of
    the impostors `hard_fraction` share a cue (when samples have cues)."""
    rng = random.Random(seed)
    by_identity: Dict[str, List[int]] = {}
    by_cue: Dict[str, List[int]] = {}
    for i, s in enumerate(samples):
        by_identity.setdefault(s.identity, []).append(i)
        by_cue.setdefault(s.cue, []).append(i)
    multi = [members for members in by_identity.values() if len(members) >= 2]
    if not multi or len(by_identity) < 2:
        raise ValueError("pairs need at least two identities and one with two images")
    pairs = []
    while len(pairs) < count:
        if len(pairs) % 2 == 0:
            i, j = rng.sample(rng.choice(multi), 2)
            pairs.append((i, j, 1))
            continue
        i = rng.randrange(len(samples))
        pool = by_cue[samples[i].cue] if samples[i].cue and rng.random() < hard_fraction else range(len(samples))
        j = rng.choice(pool)
        if samples[j].identity != samples[i].identity:
            pairs.append((i, j, 0))
    return pairs
