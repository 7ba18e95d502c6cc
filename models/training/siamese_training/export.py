"""Exports the best checkpoint's encoder to TorchScript and proves the file by reloading it."""
from pathlib import Path

import torch

from .config import TrainConfig
from .torchscript_file import save_torchscript
from .training import build_encoder

TOLERANCE = 1e-5


def load_encoder(run: Path):
    checkpoint = torch.load(Path(run) / "checkpoint.pt", map_location="cpu")
    config = TrainConfig(**checkpoint["config"])
    encoder = build_encoder(config)
    encoder.load_state_dict(checkpoint["state"])
    return encoder.eval(), config, checkpoint


def export(run: Path, out: Path) -> float:
    """Writes the TorchScript encoder; returns the largest |reloaded - eager| output difference."""
    encoder, config, _ = load_encoder(run)
    scripted = torch.jit.script(encoder)
    save_torchscript(scripted, out)
    probe = torch.rand(4, config.channels, config.height, config.width, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        difference = (torch.jit.load(str(out))(probe) - encoder(probe)).abs().max().item()
    if difference > TOLERANCE:
        raise SystemExit(f"{out}: reloaded TorchScript differs from the checkpoint by {difference:.3g}")
    return difference
