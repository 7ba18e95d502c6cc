"""The committed TorchScript face models reproduce face-api's outputs on the committed golden inputs."""
import json
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

FACE = Path(__file__).resolve().parent
sys.path.insert(0, str(FACE.parent / "training"))
sys.path.insert(0, str(FACE))

from siamese_training.card import read_card  # noqa: E402

FILES = {"encoder": "model.pt", "detector": "detector.pt", "landmarks": "landmarks.pt"}
CASES = json.loads((FACE / "golden" / "reference.json").read_text())["cases"]
TOLERANCE = 1e-4  # the same bound the Node parity check enforces against face-api itself


@pytest.mark.parametrize("case", CASES, ids=[case["input"] for case in CASES])
def test_model_matches_face_api_on_golden_input(case):
    model = torch.jit.load(str(FACE / FILES[case["net"]]))
    pixels = np.asarray(Image.open(FACE / "golden" / case["input"]).convert("RGB"), dtype=np.float32)
    with torch.no_grad():
        output = model(torch.from_numpy(pixels).permute(2, 0, 1).unsqueeze(0))
    assert list(output.shape) == case["shape"]
    np.testing.assert_allclose(output.numpy().ravel(), case["output"], rtol=0, atol=TOLERANCE)


def test_face_is_closer_to_its_mirror_image_than_to_other_people():
    # Relative, not thresholded: these crops are unaligned detector boxes, and dlib's threshold
    # assumes aligned chips (the service's job); calibration on labelled faces checks the threshold.
    encoder = torch.jit.load(str(FACE / "model.pt"))
    crops = [case["input"] for case in CASES if case["net"] == "encoder"]
    batch = torch.from_numpy(np.stack([
        np.asarray(Image.open(FACE / "golden" / name).convert("RGB"), dtype=np.float32) for name in crops
    ])).permute(0, 3, 1, 2)
    with torch.no_grad():
        embeddings = encoder(batch)
        mirrored = encoder(torch.flip(batch, dims=[3]))
    same = torch.linalg.norm(embeddings - mirrored, dim=1)
    others = torch.cdist(embeddings, embeddings)[~torch.eye(len(crops), dtype=torch.bool)]
    assert len(crops) >= 3
    assert same.max() < others.min(), f"mirror {same.tolist()} vs others {others.tolist()}"


def test_card_matches_files():
    card = read_card(FACE / "model.json")
    assert card["embedding"]["size"] == 128
    assert set(card["auxiliaryModels"]) == {"detector", "landmarks"}


ORL = FACE.parents[2] / "shared" / "data" / "orl"


@pytest.mark.skipif(not ORL.is_dir(), reason=f"team data absent: {ORL} (AT&T/ORL faces)")
def test_orl_check_in_the_card_is_what_the_model_measures():
    from siamese_training import metrics
    from siamese_training.data import TensorCache, scan
    from siamese_training.evaluation import embed, pair_distances, served_encoder
    from siamese_training.preprocess import tensor_for

    card = read_card(FACE / "model.json")
    check = card["threshold"]["checks"][0]
    part = TensorCache(scan(ORL), lambda image: tensor_for(card, image))
    encoder = served_encoder(torch.jit.load(str(FACE / "model.pt")), card)
    distances = pair_distances(part.samples, embed(encoder, part.tensors), "euclidean")[""]
    curve = metrics.roc(distances["genuine"], distances["impostor"])
    at = metrics.rates_at(curve, card["threshold"]["value"])
    assert metrics.equal_error(curve)["eer"] == pytest.approx(check["eer"], abs=1e-3)
    assert (at["far"], at["frr"]) == pytest.approx((check["atThreshold"]["far"], check["atThreshold"]["frr"]), abs=1e-3)


def test_the_alignment_golden_is_what_the_dlib_chip_oracle_gives():
    """golden/alignment-chip.png, which the service's alignment is tested against, is the numpy
    oracle's chip of the golden landmarks (models/face/alignment.py)."""
    import alignment
    golden = json.loads((FACE / "golden" / "alignment.json").read_text())
    rgb = np.asarray(Image.open(FACE / "golden" / golden["image"]).convert("RGB"))
    chip = alignment.chip(rgb, np.array(golden["landmarks"]), golden["size"])
    expected = np.asarray(Image.open(FACE / "golden" / "alignment-chip.png").convert("RGB"))
    assert np.array_equal(np.rint(chip).astype(np.uint8), expected)


def test_the_alignment_oracle_fits_an_exact_similarity_exactly():
    """Landmarks that are the template moved by a known similarity give back that similarity."""
    import alignment
    chip_points = alignment.template(150)[alignment.USED]
    a, b, tx, ty = 0.8 * np.cos(0.3), 0.8 * np.sin(0.3), 12.5, -4.0
    image_points = np.stack([a * chip_points[:, 0] - b * chip_points[:, 1] + tx,
                             b * chip_points[:, 0] + a * chip_points[:, 1] + ty], axis=1)
    np.testing.assert_allclose(alignment.similarity(chip_points, image_points), [a, b, tx, ty], atol=1e-9)
