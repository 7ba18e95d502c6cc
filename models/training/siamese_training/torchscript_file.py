"""Writes TorchScript files that are byte-for-byte reproducible and carry no paths of the machine.

`torch.jit.save` stores `*.debug_pkl` records holding the absolute path and text of the Python
source; they are only used for error messages, so they are dropped. Records are re-aligned to 64
bytes, as PyTorch's own writer does, so that readers may map tensor data in place.
"""
import io
import os
import sys
import zipfile
from pathlib import Path

import torch

ALIGNMENT = 64
PADDING_FIELD = b"FB"  # the extra-field id PyTorch's writer uses for its alignment padding


def reproducible_hashing() -> None:
    """Re-runs the current command with PYTHONHASHSEED=0.

    TorchScript writes a module's constants in set order, which follows Python's per-process
    string hash seed; a fixed seed makes the same model give the same file.
    """
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, sys.orig_argv, {**os.environ, "PYTHONHASHSEED": "0"})


def save_torchscript(module: torch.jit.ScriptModule, path: Path) -> None:
    buffer = io.BytesIO()
    torch.jit.save(module, buffer)
    Path(path).write_bytes(strip_debug_records(buffer.getvalue()))


def strip_debug_records(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            if info.filename.endswith(".debug_pkl"):
                continue
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.extra = _padding(out.tell(), entry)
            target.writestr(entry, source.read(info))
    return out.getvalue()


def _padding(offset: int, entry: zipfile.ZipInfo) -> bytes:
    """An extra field that puts the record's data on an ALIGNMENT boundary."""
    header = 30 + len(entry.filename.encode()) + 4  # local header, name, extra-field header
    pad = (-(offset + header)) % ALIGNMENT
    return PADDING_FIELD + pad.to_bytes(2, "little") + b"Z" * pad
