"""Labelled images in the folder-per-class layout, split by class, with pair and triplet sampling.

`DIR/<class>/<image>`. A class folder may hold several identities told apart by a regular
expression on the file name (`identity_pattern`): a signature folder is one writer, and the
name written (`genuine_n03_ipad.png` → `n03`) makes the identity `w001/n03`. The folder is the
*group*: splits never put one group on both sides, and the identity key (`n03`) is the *cue*
shared by hard impostors (the same name by another writer). Files whose name starts with a
forgery prefix (`forged_`) are skilled forgeries of the folder's writer: never genuine, the
hardest impostors of that writer. Several sets train together; each keeps its own split and
batches never mix sets.
"""
import functools
import hashlib
import json
import multiprocessing
import os
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
    identity: str          # what genuine means: same identity (for a forgery: the writer it imitates)
    group: str             # the class folder: the unit of the train/validation split
    cue: str               # identities sharing a cue across groups are hard impostors ("" when none)
    dataset: str = ""      # the set it comes from ("" with one set)
    forgery: bool = False  # a skilled forgery of `identity`, never genuine


def scan(root: Path, identity_pattern: Optional[str] = None, forgeries: Optional[str] = None,
         dataset: str = "") -> List[Sample]:
    """Every image under root/<group>/, sorted, labelled by folder and (optionally) file name.

    With a dataset name, groups and identities are prefixed by it, so sets never share one.
    """
    pattern = re.compile(identity_pattern) if identity_pattern else None
    prefix = f"{dataset}/" if dataset else ""
    samples = []
    for folder in sorted(p for p in Path(root).iterdir() if p.is_dir()):
        group = prefix + folder.name
        for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES):
            if forgeries and path.name.startswith(forgeries):
                samples.append(Sample(path, group, group, "", dataset, forgery=True))
                continue
            cue = ""
            if pattern:
                match = pattern.search(path.name)
                if not match:
                    raise ValueError(f"{path.name}: no match for identity pattern {identity_pattern!r}")
                cue = match.group(1)
            identity = f"{group}/{cue}" if cue else group
            samples.append(Sample(path, identity, group, cue, dataset))
    if not samples:
        raise ValueError(f"no images under {root}/<class>/")
    return samples


def scan_sets(sets) -> List[Sample]:
    """The samples of every set (config.DataSet), set after set."""
    return [sample for spec in sets
            for sample in scan(Path(spec.folder), spec.identity_pattern, spec.forgeries, spec.name)]


def split_by_group(samples: Sequence[Sample], fractions: Sequence[float], seed: int) -> List[List[Sample]]:
    """For each set, shuffles its groups with the seed and cuts them by fractions; no group is in
    two parts, and every set is split in the same proportions."""
    parts = [[] for _ in fractions]
    for groups in _shuffled_groups_by_set(samples, seed):
        bounds = np.round(np.cumsum([0.0] + list(fractions)) / sum(fractions) * len(groups)).astype(int)
        for part, (a, b) in zip(parts, zip(bounds[:-1], bounds[1:])):
            chosen = set(groups[a:b])
            part += [s for s in samples if s.group in chosen]
    return parts


def share_of_groups(samples: Sequence[Sample], share: float, seed: int) -> List[Sample]:
    """The samples of a seeded share of each set's groups (at least one group per set), for a
    learning curve over the number of writers; 1 keeps every sample."""
    if share >= 1:
        return list(samples)
    kept = set()
    for groups in _shuffled_groups_by_set(samples, seed):
        kept.update(groups[:max(1, round(share * len(groups)))])
    return [s for s in samples if s.group in kept]


def _shuffled_groups_by_set(samples: Sequence[Sample], seed: int):
    """Each set's groups (its writers or people), in a seeded order: one list per set."""
    for dataset in sorted({s.dataset for s in samples}):
        groups = sorted({s.group for s in samples if s.dataset == dataset})
        random.Random(seed).shuffle(groups)
        yield groups


class TensorCache:
    """Preprocesses every image once and keeps the tensors (the data sets here fit in memory).

    Labels number the genuine identities from 0; every forgery gets a negative label of its own,
    so that the losses take it as a negative for everyone and a positive for no one.
    """

    def __init__(self, samples: Sequence[Sample], transform: Callable[[Image.Image], np.ndarray],
                 tensors: Optional[torch.Tensor] = None):
        self.samples = list(samples)
        self.tensors = tensors if tensors is not None else torch.stack(
            [torch.from_numpy(transform(Image.open(s.path))) for s in self.samples])
        identities = sorted({s.identity for s in self.samples if not s.forgery})
        index = {identity: i for i, identity in enumerate(identities)}
        forgeries = iter(range(-1, -len(self.samples) - 1, -1))
        self.labels = torch.tensor([next(forgeries) if s.forgery else index[s.identity] for s in self.samples])
        # for the hard-negative term: which identity a forgery imitates, and each sample's cue
        self.imitates = torch.tensor([index.get(s.identity, -1) if s.forgery else -1 for s in self.samples])
        cue_ids = {cue: i for i, cue in enumerate(sorted({s.cue for s in self.samples if s.cue}))}
        self.cues = torch.tensor([cue_ids[s.cue] if s.cue else -1 for s in self.samples])
        self.identities = identities

    def __len__(self) -> int:
        return len(self.samples)


class IdentityBatchSampler:
    """Batches of `identities_per_batch` identities × `per_identity` images, for triplet mining,
    each from one set.

    When samples carry cues, identities are drawn cue by cue (`identities_per_cue` of the same cue
    together), so every batch holds hard impostors: the same name by other writers. When a writer
    has skilled forgeries, `forgeries_per_identity` of them join the batch as its hardest negatives.
    """

    def __init__(self, samples: Sequence[Sample], identities_per_batch: int, per_identity: int,
                 identities_per_cue: int, seed: int, forgeries_per_identity: int = 0,
                 repeats: Optional[Dict[str, int]] = None):
        self.by_identity: Dict[str, List[int]] = {}
        self.forgeries: Dict[str, List[int]] = {}
        for i, s in enumerate(samples):
            (self.forgeries if s.forgery else self.by_identity).setdefault(s.identity, []).append(i)
        self.by_identity = {k: v for k, v in self.by_identity.items() if len(v) >= 2}
        if len(self.by_identity) < 2:
            raise ValueError("triplet batches need at least two identities with two images each")
        self.cue_of = {s.identity: s.cue for s in samples}
        self.dataset_of = {s.identity: s.dataset for s in samples}
        self.identities_per_batch = identities_per_batch
        self.per_identity = per_identity
        self.identities_per_cue = max(1, identities_per_cue)
        self.forgeries_per_identity = forgeries_per_identity
        self.repeats = repeats or {}
        self.rng = random.Random(seed)

    def _identity_order(self, identities: List[str]) -> List[str]:
        by_cue: Dict[str, List[str]] = {}
        for identity in identities:
            by_cue.setdefault(self.cue_of[identity], []).append(identity)
        chunks = []
        for members in by_cue.values():
            self.rng.shuffle(members)
            size = self.identities_per_cue if len(by_cue) > 1 else len(members)
            chunks += [members[i:i + size] for i in range(0, len(members), size)]
        self.rng.shuffle(chunks)
        return [identity for chunk in chunks for identity in chunk]

    def _batches(self) -> List[List[str]]:
        """Identities per batch, set by set, then the batches of all sets shuffled together."""
        batches = []
        for dataset in sorted(set(self.dataset_of[i] for i in self.by_identity)):
            for _ in range(self.repeats.get(dataset, 1)):
                order = self._identity_order([i for i in self.by_identity if self.dataset_of[i] == dataset])
                size = self.identities_per_batch
                batches += [order[start:start + size] for start in range(0, len(order) - size + 1, size)]
        self.rng.shuffle(batches)
        return batches

    def __iter__(self):
        for identities in self._batches():
            batch = []
            for identity in identities:
                batch += self._some(self.by_identity[identity], self.per_identity)
                forgeries = self.forgeries.get(identity, [])
                batch += self.rng.sample(forgeries, min(len(forgeries), self.forgeries_per_identity))
            yield batch

    def _some(self, members: List[int], count: int) -> List[int]:
        if len(members) >= count:
            return self.rng.sample(members, count)
        return [self.rng.choice(members) for _ in range(count)]

    def __len__(self) -> int:
        counts: Dict[str, int] = {}
        for identity in self.by_identity:
            counts[self.dataset_of[identity]] = counts.get(self.dataset_of[identity], 0) + 1
        return sum(count // self.identities_per_batch * self.repeats.get(dataset, 1)
                   for dataset, count in counts.items())


def sample_pairs(samples: Sequence[Sample], count: int, seed: int,
                 hard_fraction: float = 0.5) -> List[Tuple[int, int, int]]:
    """Balanced (i, j, same) pairs for the contrastive loss: half genuine, half impostors, and of
    the impostors `hard_fraction` are hard: the writer's own skilled forgeries when it has some,
    else an identity sharing its cue (when samples have cues). Forgeries are never genuine."""
    rng = random.Random(seed)
    by_identity: Dict[str, List[int]] = {}
    forgeries: Dict[str, List[int]] = {}
    by_cue: Dict[str, List[int]] = {}
    for i, s in enumerate(samples):
        if s.forgery:
            forgeries.setdefault(s.identity, []).append(i)
            continue
        by_identity.setdefault(s.identity, []).append(i)
        by_cue.setdefault(s.cue, []).append(i)
    multi = [members for members in by_identity.values() if len(members) >= 2]
    if not multi or len(by_identity) < 2:
        raise ValueError("pairs need at least two identities and one with two images")
    genuine = [i for members in by_identity.values() for i in members]
    pairs = []
    while len(pairs) < count:
        if len(pairs) % 2 == 0:
            i, j = rng.sample(rng.choice(multi), 2)
            pairs.append((i, j, 1))
            continue
        i = rng.choice(genuine)
        hard = rng.random() < hard_fraction
        if hard and samples[i].identity in forgeries:
            pairs.append((i, rng.choice(forgeries[samples[i].identity]), 0))
            continue
        pool = by_cue[samples[i].cue] if hard and samples[i].cue else genuine
        j = rng.choice(pool)
        if samples[j].identity != samples[i].identity:
            pairs.append((i, j, 0))
    return pairs


def _preprocess(card: dict, path: Path) -> np.ndarray:
    from .preprocess import tensor_for
    return tensor_for(card, Image.open(path))


def _levels(card: dict) -> int:
    """What a canvas is multiplied by to be whole grey levels."""
    from .preprocess import INK_LEVELS
    return INK_LEVELS if card["preprocessing"]["pipeline"] == "signature-ink" else 1


def preprocessed(samples: Sequence[Sample], card: dict, cache: Optional[Path] = None) -> torch.Tensor:
    """Every sample through the card's preprocessing, on every core, as one N×C×H×W tensor.

    With a cache folder, the result is kept there as uint8 (signature canvases are 0/1, ink canvases
    steps of 1/255, face crops 0..255), under a key of the preprocessing and of every file's path,
    size and time: a second run on the same data reads it back instead of preprocessing again.
    Memory: the tensor, and its bytes for the cache, are filled a sample at a time, never copied
    whole (18 600 canvases of 128 × 384 are 3.7 GB as float32).
    """
    key = None
    if cache is not None:
        digest = hashlib.sha256(json.dumps({"input": card["input"], "preprocessing": card["preprocessing"]},
                                           sort_keys=True).encode())
        for s in samples:
            stat = s.path.stat()
            digest.update(f"{s.path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        key = Path(cache) / f"{digest.hexdigest()[:32]}.npz"
        if key.exists():
            return torch.from_numpy(np.load(key)["tensors"].astype(np.float32) / np.float32(_levels(card)))
    tensors = None
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        for i, array in enumerate(pool.imap(functools.partial(_preprocess, card), [s.path for s in samples],
                                            chunksize=32)):
            if tensors is None:
                tensors = np.empty((len(samples),) + array.shape, dtype=np.float32)
            tensors[i] = array
    stored = as_bytes(tensors, _levels(card)) if key is not None else None
    if stored is not None:
        key.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(key, tensors=stored)
    return torch.from_numpy(tensors)


def as_bytes(tensors: np.ndarray, levels: int) -> Optional[np.ndarray]:
    """tensors × levels as uint8, sample by sample, or None if any value is not a whole 0..255."""
    stored = np.empty(tensors.shape, dtype=np.uint8)
    for i, tensor in enumerate(tensors):
        scaled = tensor.astype(np.float64) * levels
        whole = np.round(scaled)
        if whole.min() < 0 or whole.max() > 255 or not np.allclose(scaled, whole, rtol=0, atol=1e-3):
            return None
        stored[i] = whole
    return stored
