"""Writes golden/: generated signature-like images, their preprocessed canvases and embeddings,
so that the Java service can check its preprocessing and inference against Python's.

    python3 models/signature/make_golden.py     (after model.pt changes)
"""
import json
import sys
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "training"))

from siamese_training.card import read_card  # noqa: E402
from siamese_training.preprocess import signature_tensor  # noqa: E402


def signed(seed: int, pen: int, ink: tuple, paper: tuple, size: tuple) -> Image.Image:
    """A pen path of random strokes on coloured paper: RGB, so decoding and luma are exercised."""
    rng = np.random.default_rng(seed)
    image = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(image)
    for _ in range(4):
        points = rng.uniform([0.05, 0.15], [0.95, 0.85], size=(5, 2)) * size
        draw.line([tuple(p) for p in points], fill=ink, width=pen, joint="curve")
    return image


CASES = [("thick-pen", signed(1, 9, (20, 30, 90), (250, 246, 235), (420, 180))),
         ("thin-stylus", signed(1, 2, (0, 0, 0), (255, 255, 255), (640, 300))),
         ("other-writer", signed(2, 5, (60, 20, 20), (235, 235, 240), (360, 200)))]


def main() -> None:
    card = read_card(HERE / "model.json")
    height, width = card["input"]["height"], card["input"]["width"]
    model = torch.jit.load(str(HERE / "model.pt")).eval()
    golden = HERE / "golden"
    golden.mkdir(exist_ok=True)
    cases = []
    for name, image in CASES:
        image.save(golden / f"{name}.png", optimize=True)
        tensor = signature_tensor(Image.open(golden / f"{name}.png"), height, width)
        Image.fromarray((tensor[0] * 255).astype(np.uint8)).save(golden / f"{name}-canvas.png", optimize=True)
        with torch.no_grad():
            embedding = model(torch.from_numpy(tensor)[None])[0]
        cases.append({"input": f"{name}.png", "canvas": f"{name}-canvas.png",
                      "embedding": [round(float(v), 7) for v in embedding]})
    note = ("Inputs are RGB PNGs; canvases are the signature pipeline's output (255 = stroke) and "
            "embeddings model.pt's output for them. Made by models/signature/make_golden.py.")
    (golden / "reference.json").write_text(json.dumps({"note": note, "modelSha256": card["file"]["sha256"],
                                                        "cases": cases}, indent=1) + "\n")


if __name__ == "__main__":
    main()
