"""The model card (`model.json`): one schema for every encoder the service loads.

The schema is documented in `models/README.md`; `validate_card` enforces the parts that the service
relies on, so that a card written here is one the service accepts.
"""
import hashlib
import json
from pathlib import Path

SCHEMA_VERSION = 1
METRICS = ("euclidean", "cosine")
PIPELINES = ("face", "signature", "none")
SUBJECT_RULES = ("smallest", "mean-of-nearest", "spread-normalized")
REQUIRED = ("schemaVersion", "name", "version", "file", "input", "preprocessing", "embedding",
            "metric", "threshold", "provenance", "license")


class CardError(ValueError):
    """A card that the service would refuse; the message names the field, expected and actual."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def validate_card(card: dict, folder: Path = None) -> dict:
    """Checks a card's structure (and, given its folder, the sha256 of every file it names)."""
    missing = [key for key in REQUIRED if key not in card]
    if missing:
        raise CardError(f"card lacks {', '.join(missing)}")
    if card["schemaVersion"] != SCHEMA_VERSION:
        raise CardError(f"schemaVersion: expected {SCHEMA_VERSION}, actual {card['schemaVersion']}")
    if card["metric"] not in METRICS:
        raise CardError(f"metric: expected one of {METRICS}, actual {card['metric']!r}")
    if card["preprocessing"].get("pipeline") not in PIPELINES:
        raise CardError(f"preprocessing.pipeline: expected one of {PIPELINES}, "
                        f"actual {card['preprocessing'].get('pipeline')!r}")
    size = card["embedding"].get("size")
    if not isinstance(size, int) or size < 1:
        raise CardError(f"embedding.size: expected a positive integer, actual {size!r}")
    model_input = card["input"]
    for key in ("width", "height", "channels", "colorOrder", "valueRange", "normalization"):
        if key not in model_input:
            raise CardError(f"input lacks {key}")
    threshold = card["threshold"]
    if not isinstance(threshold.get("value"), (int, float)) or not threshold.get("chosenOn"):
        raise CardError("threshold needs a numeric value and chosenOn (the data that chose it)")
    if card["metric"] == "cosine" and not 0 <= threshold["value"] <= 2:
        raise CardError(f"threshold.value: a cosine distance lies in [0, 2], actual {threshold['value']}")
    subject = card.get("subjectVerification")
    if subject is not None:
        if subject.get("rule") not in SUBJECT_RULES:
            raise CardError(f"subjectVerification.rule: expected one of {SUBJECT_RULES}, actual {subject.get('rule')!r}")
        if not isinstance(subject.get("threshold"), (int, float)) or not subject.get("chosenOn"):
            raise CardError("subjectVerification needs a numeric threshold and chosenOn (the data that chose it)")
        if subject["rule"] == "mean-of-nearest" and not (isinstance(subject.get("k"), int) and subject["k"] >= 1):
            raise CardError(f"subjectVerification.k: expected an integer >= 1, actual {subject.get('k')!r}")
    if folder is not None:
        files = [card["file"]] + list(card.get("auxiliaryModels", {}).values())
        for entry in files:
            actual = sha256_of(Path(folder) / entry["path"])
            if actual != entry["sha256"]:
                raise CardError(f"{entry['path']}: sha256 expected {entry['sha256']}, actual {actual}")
    return card


def write_card(path: Path, card: dict) -> None:
    validate_card(card, Path(path).parent)
    Path(path).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n")


def read_card(path: Path) -> dict:
    return validate_card(json.loads(Path(path).read_text()), Path(path).parent)
