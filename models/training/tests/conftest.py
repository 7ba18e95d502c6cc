"""Tiny generated data sets, so the tests need neither the team data nor a network."""
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def scribble(seed: int, jitter: int, rng: np.random.Generator) -> Image.Image:
    """A signature-like polyline: its shape from `seed`, its wobble from `rng`."""
    shape = np.random.default_rng(seed)
    points = shape.uniform([10, 8], [110, 40], size=(6, 2)) + rng.normal(0, jitter, size=(6, 2))
    image = Image.new("L", (120 + int(rng.integers(0, 20)), 48), 235)
    ImageDraw.Draw(image).line([tuple(p) for p in points], fill=int(rng.integers(10, 60)), width=3)
    return image


@pytest.fixture(scope="session")
def signatures(tmp_path_factory) -> Path:
    """6 writers × 3 names × 3 images: `wNN/sig_nK_M.png`, the same names for every writer."""
    root = tmp_path_factory.mktemp("signatures")
    rng = np.random.default_rng(0)
    for writer in range(6):
        (root / f"w{writer:02d}").mkdir()
        for name in range(3):
            for copy in range(3):
                scribble(writer * 10 + name, 2, rng).save(root / f"w{writer:02d}" / f"sig_n{name}_{copy}.png")
    return root


@pytest.fixture(scope="session")
def forged_signatures(signatures) -> Path:
    """Beside `signatures`: 6 writers × (4 genuine + 3 skilled forgeries, drawn from a wobblier
    copy of the writer's own shape): `wNN/genuine_K.png`, `wNN/forged_K.png`."""
    root = signatures.parent / "forged"
    root.mkdir()
    rng = np.random.default_rng(1)
    for writer in range(6):
        (root / f"w{writer:02d}").mkdir()
        for copy in range(4):
            scribble(500 + writer, 2, rng).save(root / f"w{writer:02d}" / f"genuine_{copy}.png")
        for copy in range(3):
            scribble(500 + writer, 8, rng).save(root / f"w{writer:02d}" / f"forged_{copy}.png")
    return root
