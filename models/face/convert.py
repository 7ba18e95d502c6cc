"""Converts face-api's dlib face descriptor, tiny face detector and 68-point landmark net to TorchScript.

Starts from the npm tarball `@vladmandic/face-api@1.7.15` (get it with `npm pack`), checks its
sha256 and the sha256 of every weights file it reads, and writes `model.pt`, `detector.pt`,
`landmarks.pt` and the model card `model.json` beside this script.

    npm pack @vladmandic/face-api@1.7.15
    python3 models/face/convert.py vladmandic-face-api-1.7.15.tgz
"""
import argparse
import hashlib
import json
import re
import sys
import tarfile
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "training"))
sys.path.insert(0, str(HERE))

from faceapi_nets import FaceLandmark68Net, FaceRecognitionNet, TinyFaceDetector  # noqa: E402
from siamese_training.card import sha256_of, write_card  # noqa: E402
from siamese_training.torchscript_file import reproducible_hashing, save_torchscript  # noqa: E402

TARBALL_SHA256 = "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031"
WEIGHTS_SHA256 = {
    "face_recognition_model.bin": "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589",
    "tiny_face_detector_model.bin": "b7503ce7df31039b1c43316a9b865cab6a70dd748cc602d3fa28b551503c3871",
    "face_landmark_68_model.bin": "4611ef65c87d836d03d684b30eec4d195d8b219fa1dd58fc58945831c6b9299b",
}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dequantize(raw: bytes, offset: int, spec: dict) -> tuple:
    """Reads one tensor of a tfjs weights file; returns (array in the manifest's shape, next offset).

    uint8-quantized tensors decode as q * scale + min, computed in float64 and rounded to float32
    as tfjs does; the others are little-endian float32.
    """
    count = int(np.prod(spec["shape"])) if spec["shape"] else 1
    quantization = spec.get("quantization")
    if quantization is None:
        values = np.frombuffer(raw, dtype="<f4", count=count, offset=offset)
        return values.reshape(spec["shape"]).astype(np.float32), offset + 4 * count
    if quantization["dtype"] != "uint8":
        raise ValueError(f"unsupported quantization {quantization['dtype']} for {spec['name']}")
    q = np.frombuffer(raw, dtype=np.uint8, count=count, offset=offset).astype(np.float64)
    values = (q * quantization["scale"] + quantization["min"]).astype(np.float32)
    return values.reshape(spec["shape"]), offset + count


def read_weights(tar: tarfile.TarFile, model: str, expected_sha256: dict) -> dict:
    """Returns {tfjs name: float32 array} for one model of the package."""
    manifest = json.load(tar.extractfile(f"package/model/{model}-weights_manifest.json"))
    tensors = {}
    for group in manifest:
        raw = b"".join(tar.extractfile(f"package/model/{path}").read() for path in group["paths"])
        name = group["paths"][0]
        actual = sha256_bytes(raw)
        if expected_sha256[name] != actual:
            raise SystemExit(f"{name}: sha256 expected {expected_sha256[name]}, actual {actual}")
        offset = 0
        for spec in group["weights"]:
            tensors[spec["name"]], offset = dequantize(raw, offset, spec)
        if offset != len(raw):
            raise SystemExit(f"{name}: read {offset} of {len(raw)} bytes; manifest and file disagree")
    return tensors


def to_torch(name: str, value: np.ndarray) -> torch.Tensor:
    """TF layouts to PyTorch: conv HWIO → OIHW, depthwise HWC1 → C1HW, dense (in, out) → (out, in)."""
    tensor = torch.from_numpy(value.copy())
    if tensor.dim() == 4:
        return tensor.permute(2, 3, 0, 1) if name.endswith("depthwise_filter") else tensor.permute(3, 2, 0, 1)
    if tensor.dim() == 2:
        return tensor.t()
    return tensor


RECOGNITION_STAGES = {"32": ["1", "2", "3"], "64": ["down", "1", "2", "3"],
                      "128": ["down", "1", "2"], "256": ["down", "1", "2", "down_out"]}


def recognition_key(name: str) -> str:
    if name == "fc":
        return "fc.weight"
    block, rest = name.split("/", 1)
    rest = rest.replace("conv/filters", "conv.weight").replace("conv/bias", "conv.bias")
    rest = rest.replace("scale/weights", "scale").replace("scale/biases", "shift").replace("/", ".")
    if block == "conv32_down":
        return f"conv32_down.{rest}"
    width, part = re.fullmatch(r"conv(\d+)_(.+)", block).groups()
    return f"conv{width}.{RECOGNITION_STAGES[width].index(part)}.{rest}"


def separable_key(rest: str) -> str:
    return {"depthwise_filter": "depthwise.weight", "pointwise_filter": "pointwise.weight",
            "bias": "pointwise.bias", "filters": "weight"}[rest]


def detector_key(name: str) -> str:
    layer, rest = name.split("/")
    index = int(layer[4:])
    if index in (0, 8):
        return f"{layer}.{'weight' if rest == 'filters' else 'bias'}"
    return f"convs.{index - 1}.{separable_key(rest)}"


def landmarks_key(name: str) -> str:
    if name.startswith("fc/"):
        return "fc.weight" if name.endswith("weights") else "fc.bias"
    block, layer, rest = name.split("/")
    if block == "dense0" and layer == "conv0":
        return f"dense0.conv0.{'weight' if rest == 'filters' else 'bias'}"
    return f"{block}.{layer}.{separable_key(rest)}"


def build(module: torch.nn.Module, tensors: dict, key_of) -> torch.jit.ScriptModule:
    """Loads every tfjs tensor into the module (strictly: none missing, none left over) and scripts it."""
    state = {key_of(name): to_torch(name, value) for name, value in tensors.items()}
    module.load_state_dict(state, strict=True)
    return torch.jit.script(module.eval())


def check_reload(path: Path, module: torch.jit.ScriptModule, size: int) -> None:
    probe = torch.rand(1, 3, size, size) * 255
    with torch.no_grad():
        same = torch.equal(torch.jit.load(str(path))(probe), module(probe))
    if not same:
        raise SystemExit(f"{path.name}: reloaded model disagrees with the converted one")


def main() -> None:
    reproducible_hashing()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tarball", type=Path, help="vladmandic-face-api-1.7.15.tgz from `npm pack`")
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the .pt files and the card")
    args = parser.parse_args()

    actual = sha256_bytes(args.tarball.read_bytes())
    if actual != TARBALL_SHA256:
        raise SystemExit(f"{args.tarball}: sha256 expected {TARBALL_SHA256}, actual {actual}")

    nets = [("face_recognition_model", FaceRecognitionNet(), recognition_key, "model.pt", 150),
            ("tiny_face_detector_model", TinyFaceDetector(), detector_key, "detector.pt", 416),
            ("face_landmark_68_model", FaceLandmark68Net(), landmarks_key, "landmarks.pt", 112)]
    with tarfile.open(args.tarball) as tar:
        for model, module, key_of, file_name, size in nets:
            scripted = build(module, read_weights(tar, model, WEIGHTS_SHA256), key_of)
            save_torchscript(scripted, args.out / file_name)
            check_reload(args.out / file_name, scripted, size)
            print(f"{file_name}: {sha256_of(args.out / file_name)} (from {model}.bin {WEIGHTS_SHA256[model + '.bin']})")
    write_card(args.out / "model.json", face_card(args.out))


def face_card(folder: Path) -> dict:
    card = json.loads((HERE / "card-template.json").read_text())
    card["file"]["sha256"] = sha256_of(folder / card["file"]["path"])
    for auxiliary in card["auxiliaryModels"].values():
        auxiliary["sha256"] = sha256_of(folder / auxiliary["path"])
    return card


if __name__ == "__main__":
    main()
