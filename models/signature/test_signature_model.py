"""The committed signature encoder: its card, its preprocessing against the golden canvases, its
embeddings against the golden ones, and (with the team data) its test figures."""
import json
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "training"))

from siamese_training import metrics  # noqa: E402
from siamese_training.card import read_card  # noqa: E402
from siamese_training.data import scan  # noqa: E402
from siamese_training.evaluation import embed, pair_distances  # noqa: E402
from siamese_training.preprocess import signature_tensor  # noqa: E402

CARD = read_card(HERE / "model.json")
GOLDEN = json.loads((HERE / "golden" / "reference.json").read_text())
DATA = HERE.parents[2] / "shared" / "data"


def model():
    return torch.jit.load(str(HERE / "model.pt")).eval()


def canvas(case):
    return signature_tensor(Image.open(HERE / "golden" / case["input"]), CARD["input"]["height"],
                            CARD["input"]["width"])


def test_card_describes_the_model():
    assert CARD["metric"] == "cosine" and CARD["embedding"] == {"size": 128, "normalized": True}
    assert GOLDEN["modelSha256"] == CARD["file"]["sha256"]
    with torch.no_grad():
        output = model()(torch.zeros(1, 1, CARD["input"]["height"], CARD["input"]["width"]))
    assert output.shape == (1, CARD["embedding"]["size"])


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=[c["input"] for c in GOLDEN["cases"]])
def test_preprocessing_reproduces_the_golden_canvas(case):
    expected = np.asarray(Image.open(HERE / "golden" / case["canvas"]), dtype=np.float32) / 255
    assert np.array_equal(canvas(case)[0], expected)


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=[c["input"] for c in GOLDEN["cases"]])
def test_model_reproduces_the_golden_embedding(case):
    with torch.no_grad():
        embedding = model()(torch.from_numpy(canvas(case))[None])[0].numpy()
    np.testing.assert_allclose(embedding, case["embedding"], rtol=0, atol=1e-5)


@pytest.mark.parametrize("spec", CARD["training"]["datasets"], ids=[s["name"] for s in CARD["training"]["datasets"]])
def test_test_writers_reproduce_the_cards_figures(spec):
    folder = DATA / spec["folder"]
    if not folder.is_dir():
        pytest.skip(f"team data absent: {folder}")
    writers = {w for w in CARD["training"]["writers"]["test"] if w.startswith(spec["name"] + "/")}
    samples = [s for s in scan(folder, spec.get("identity_pattern"), spec.get("forgeries"), spec["name"])
               if s.group in writers]
    height, width = CARD["input"]["height"], CARD["input"]["width"]
    tensors = torch.stack([torch.from_numpy(signature_tensor(Image.open(s.path), height, width)) for s in samples])
    distances = pair_distances(samples, embed(model(), tensors), CARD["metric"])[spec["name"]]
    for kind, figures in CARD["threshold"]["test"][spec["name"]].items():
        curve = metrics.roc(distances["genuine"], distances[kind])
        at = metrics.rates_at(curve, CARD["threshold"]["value"])
        assert metrics.equal_error(curve)["eer"] == pytest.approx(figures["eer"], abs=1e-3)
        assert (at["far"], at["frr"]) == pytest.approx((figures["far"], figures["frr"]), abs=1e-3)
