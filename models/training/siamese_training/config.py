"""Training settings: one JSON file per model (see models/signature/train-config.json)."""
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import List, Optional


@dataclass(frozen=True)
class DataSet:
    """One labelled set: a folder per writer or person (the group of the split), identities within
    a folder told apart by a file-name pattern, and skilled forgeries of the folder's writer told
    apart by a file-name prefix."""
    name: str                                  # "" for a configuration of one set
    folder: str
    identity_pattern: Optional[str] = None
    forgeries: Optional[str] = None            # e.g. "forged_": these files imitate the folder's writer
    repeat: int = 1                            # times each identity comes up per epoch (sets with many images each)


@dataclass
class TrainConfig:
    data: Optional[str] = None                 # DIR/<class>/<image>; with `datasets`, the folder holding them
    datasets: List[dict] = field(default_factory=list)  # several sets: [{name, folder, identity_pattern?, forgeries?}]
    identity_pattern: Optional[str] = None     # regex on file names; group 1 splits a class folder into identities
    pipeline: str = "signature"                # preprocessing pipeline named in the card
    channels: int = 1
    height: int = 64
    width: int = 128
    backbone: str = "signet"
    backbone_width: int = 32
    embedding_size: int = 128
    metric: str = "cosine"                     # cosine (unit embeddings) or euclidean
    loss: str = "triplet"                      # triplet (semi-hard mining) or contrastive
    margin: float = 0.3
    softmax_weight: float = 0.0                # > 0: add a softmax over training identities (auxiliary head, not exported)
    forgery_weight: float = 0.0                # > 0: add a genuine-or-forged head on the same features (not exported)
    hard_negative_weight: float = 0.0          # > 0 (triplet): add the triplet term over forgeries and same-name impostors
    epochs: int = 20
    learning_rate: float = 2e-3
    weight_decay: float = 1e-4
    identities_per_batch: int = 16             # triplet batches: identities × images per identity
    per_identity: int = 4
    identities_per_cue: int = 4                # identities sharing a cue (same name) drawn together
    forgeries_per_identity: int = 0            # skilled forgeries of each batch identity's writer, as negatives
    pairs_per_epoch: int = 4000                # contrastive: pairs per epoch, half genuine
    pair_batch: int = 64
    augment: bool = True
    split: List[float] = field(default_factory=lambda: [0.7, 0.15, 0.15])  # train, validation, test groups
    train_writers: float = 1.0                 # < 1: train on this share of each set's training groups (a learning curve)
    seed: int = 7
    init_from: Optional[str] = None            # a run folder: start from its checkpoint's backbone (pre-training)
    threads: int = 0                           # 0: every core

    def __post_init__(self):
        # the heads and the hard-negative term act on triplet batches only: refused rather than ignored
        extras = {"softmax_weight": self.softmax_weight, "forgery_weight": self.forgery_weight,
                  "hard_negative_weight": self.hard_negative_weight}
        unused = sorted(name for name, weight in extras.items() if weight > 0)
        if self.loss != "triplet" and unused:
            raise ValueError(f"{', '.join(unused)} work only with the triplet loss, not {self.loss!r}")

    @classmethod
    def load(cls, path: Path, **overrides) -> "TrainConfig":
        values = json.loads(Path(path).read_text())
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"{path}: unknown settings {sorted(unknown)}")
        return cls(**values)

    def sets(self) -> List[DataSet]:
        """The labelled sets to train on: `datasets` (folders relative to `data`), or `data` alone."""
        if not self.datasets:
            if not self.data:
                raise ValueError("a configuration needs data (a folder) or datasets")
            return [DataSet("", self.data, self.identity_pattern)]
        root = Path(self.data) if self.data else Path(".")
        return [DataSet(spec["name"], str(root / spec["folder"]), spec.get("identity_pattern"), spec.get("forgeries"),
                        spec.get("repeat", 1)) for spec in self.datasets]

    def to_dict(self) -> dict:
        return asdict(self)

    def preprocessing_card(self) -> dict:
        """The card fragment the Python preprocessing reads, before a real card exists."""
        return {"input": {"width": self.width, "height": self.height, "channels": self.channels},
                "preprocessing": {"pipeline": self.pipeline}}
