"""Proves that the TorchScript face models compute what face-api's TensorFlow.js networks compute.

Feeds the same uint8 RGB inputs, made from the package's own demo photos, to face-api (tfjs CPU
backend, in Node) and to `model.pt`, `detector.pt` and `landmarks.pt`, and requires every output
element to agree within the tolerance (1e-4 by default). With `--write-golden` it also refreshes
the small golden input/output set in `models/face/golden/`, used by the tests on both sides.

    npm ci --prefix models/face/parity
    python3 models/face/parity/check_parity.py
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch
from PIL import Image

PARITY = Path(__file__).resolve().parent
FACE = PARITY.parent
PACKAGE = PARITY / "node_modules" / "@vladmandic" / "face-api"
NETS = {"encoder": ("model.pt", 150), "landmarks": ("landmarks.pt", 112), "detector": ("detector.pt", 416)}
GOLDEN_SAMPLE = "sample1.jpg"


def pad_to_square(image: Image.Image, centred: bool) -> Image.Image:
    """face-api's padToSquare: black padding, at the bottom/right or split over both sides."""
    side = max(image.size)
    square = Image.new("RGB", (side, side))
    offset = ((side - image.width) // 2, (side - image.height) // 2) if centred else (0, 0)
    square.paste(image, offset)
    return square


def square_input(image: Image.Image, size: int, centred: bool) -> np.ndarray:
    return np.asarray(pad_to_square(image, centred).resize((size, size), Image.BILINEAR), dtype=np.uint8)


def run_reference(jobs: list, work: Path) -> list:
    """Runs reference.js on the jobs; returns face-api's outputs in job order."""
    described = []
    for index, item in enumerate(jobs):
        (work / f"input{index}.rgb").write_bytes(item["array"].tobytes())
        described.append({"net": item["net"], "input": f"input{index}.rgb",
                          "height": item["array"].shape[0], "width": item["array"].shape[1]})
    (work / "jobs.json").write_text(json.dumps(described))
    subprocess.run(["node", str(PARITY / "reference.js"), str(work / "jobs.json"), str(work / "out.json")],
                   check=True, cwd=PARITY)
    return json.loads((work / "out.json").read_text())["outputs"]


def run_torch(net: str, pixels: np.ndarray) -> np.ndarray:
    model = torch.jit.load(str(FACE / NETS[net][0]))
    tensor = torch.from_numpy(pixels.astype(np.float32)).permute(2, 0, 1).unsqueeze(0)  # NCHW, 0..255
    with torch.no_grad():
        return model(tensor).numpy().ravel()


def face_boxes(detections: list, image: Image.Image) -> list:
    """face-api boxes (relative to the bottom/right-padded square) → pixel boxes in the photo."""
    side = max(image.size)
    boxes = []
    for detection in detections:
        x, y, w, h = (value * side for value in detection["box"])
        left, top = max(int(x), 0), max(int(y), 0)
        right, bottom = min(int(x + w), image.width), min(int(y + h), image.height)
        boxes.append((left, top, right, bottom))
    return boxes


def compare(jobs: list, reference: list) -> dict:
    """Max |torch - tfjs| per net, with the number of elements compared."""
    figures = {}
    for job, expected in zip(jobs, reference):
        actual = run_torch(job["net"], job["array"])
        wanted = np.asarray(expected["values"], dtype=np.float32)
        if actual.shape != wanted.shape:
            raise SystemExit(f"{job['name']}: shape torch {actual.shape}, tfjs {wanted.shape}")
        figure = figures.setdefault(job["net"], {"inputs": 0, "elements": 0, "maxAbsDiff": 0.0})
        figure["inputs"] += 1
        figure["elements"] += actual.size
        figure["maxAbsDiff"] = max(figure["maxAbsDiff"], float(np.abs(actual - wanted).max()))
        job["torch"] = actual
    return figures


def job(net: str, name: str, pixels: np.ndarray) -> dict:
    return {"net": net, "name": name, "array": pixels}


def write_golden(jobs: list, reference: list, golden: Path) -> None:
    """Keeps the GOLDEN_SAMPLE's inputs (PNG, lossless) and face-api's outputs for them."""
    golden.mkdir(exist_ok=True)
    cases = []
    for item, expected in zip(jobs, reference):
        if not item["name"].startswith(GOLDEN_SAMPLE):
            continue
        file_name = f"{item['name'].replace('.jpg', '').replace('#', '-')}-{item['net']}.png"
        Image.fromarray(item["array"]).save(golden / file_name, optimize=True)
        case = {"net": item["net"], "input": file_name, "shape": expected["shape"],
                "output": [round(value, 7) for value in expected["values"]]}
        if "detections" in expected:
            case["detections"] = expected["detections"]
        cases.append(case)
    note = ("Inputs are uint8 RGB PNGs fed as NCHW float32 0..255; outputs are face-api 1.7.15's "
            "(tfjs CPU backend), flattened in NCHW order. Made by models/face/parity/check_parity.py.")
    (golden / "reference.json").write_text(json.dumps({"note": note, "cases": cases}, indent=1) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--write-golden", action="store_true", help="refresh models/face/golden/")
    args = parser.parse_args()
    if not PACKAGE.is_dir():
        raise SystemExit(f"face-api is not installed: run `npm ci --prefix {PARITY.relative_to(Path.cwd())}`")
    torch.set_num_threads(1)

    photos = {path.name: Image.open(path).convert("RGB") for path in sorted((PACKAGE / "demo").glob("*.jpg"))}
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        detector_jobs = [job("detector", name, square_input(photo, 416, centred=False))
                         for name, photo in photos.items()]
        detections = run_reference(detector_jobs, work)
        face_jobs = []
        for item, found in zip(detector_jobs, detections):
            photo = photos[item["name"]]
            for index, box in enumerate(face_boxes(found["detections"], photo)):
                crop = photo.crop(box)
                face_jobs.append(job("landmarks", f"{item['name']}#face{index}", square_input(crop, 112, True)))
                face_jobs.append(job("encoder", f"{item['name']}#face{index}", square_input(crop, 150, True)))
        faces = run_reference(face_jobs, work)

    jobs, reference = detector_jobs + face_jobs, detections + faces
    figures = compare(jobs, reference)
    for net, figure in figures.items():
        print(f"{net:9s} inputs={figure['inputs']:3d} elements={figure['elements']:7d} "
              f"max|torch-tfjs|={figure['maxAbsDiff']:.3e}")
    if args.write_golden:
        write_golden(jobs, reference, FACE / "golden")
    worst = max(figure["maxAbsDiff"] for figure in figures.values())
    if worst > args.tolerance:
        raise SystemExit(f"parity FAILED: max difference {worst:.3e} > tolerance {args.tolerance:g}")
    print(f"parity OK: every element within {args.tolerance:g}")


if __name__ == "__main__":
    sys.exit(main())
