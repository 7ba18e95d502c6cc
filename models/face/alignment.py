"""dlib's face chip, written from its documented method in numpy: the oracle the service's
alignment (FaceAlignment.DLIB_CHIP) is tested against.

dlib's get_face_chip_details maps its mean face (68-point template, points 17-67, in 0..1,
padded by 25 % on every side) onto a size x size chip, and fits the similarity transform
(rotation, scale, shift, least squares) from chip points to image points over the nose, eyes and
upper mouth (points 27-54 and 60-64); extract_image_chip then samples the image bilinearly at
each chip pixel's image position, black outside the image.

    python3 models/face/alignment.py    writes golden/alignment.json and golden/alignment-chip.png
"""
import json
from pathlib import Path

import numpy as np
from PIL import Image

HERE = Path(__file__).resolve().parent
PADDING = 0.25
# dlib's mean face, points 17..67 (dlib/image_transforms/interpolation.h, get_face_chip_details)
TEMPLATE_X = [0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483, 0.799124, 0.904991, 0.98004,
              0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036, 0.490127, 0.554217, 0.613373, 0.121737,
              0.187122, 0.265825, 0.334606, 0.260918, 0.182743, 0.645647, 0.714428, 0.793132, 0.858516, 0.79751,
              0.719335, 0.254149, 0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721,
              0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874, 0.553364, 0.490127,
              0.42689]
TEMPLATE_Y = [0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891, 0.0187482, 0.038915,
              0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326, 0.609345, 0.628106, 0.609345, 0.587326,
              0.216423, 0.178758, 0.179852, 0.231733, 0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423,
              0.244077, 0.245099, 0.780233, 0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805,
              0.902192, 0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343, 0.778746, 0.784792, 0.824182,
              0.831803, 0.824182]
USED = [i for i in range(27, 68) if not (55 <= i <= 59 or i >= 65)]


def template(size: int) -> np.ndarray:
    """The padded mean face in chip pixels, 68 x 2 (points 0..16, the jaw, unused, are NaN)."""
    points = np.full((68, 2), np.nan)
    points[17:, 0] = (PADDING + np.array(TEMPLATE_X)) / (2 * PADDING + 1) * size
    points[17:, 1] = (PADDING + np.array(TEMPLATE_Y)) / (2 * PADDING + 1) * size
    return points


def similarity(chip: np.ndarray, image: np.ndarray) -> np.ndarray:
    """(a, b, tx, ty) minimising the squared distance of (a x - b y + tx, b x + a y + ty) to image."""
    rows = []
    targets = []
    for (x, y), (u, v) in zip(chip, image):
        rows += [[x, -y, 1, 0], [y, x, 0, 1]]
        targets += [u, v]
    return np.linalg.lstsq(np.array(rows), np.array(targets), rcond=None)[0]


def chip(rgb: np.ndarray, landmarks: np.ndarray, size: int) -> np.ndarray:
    """size x size x 3 float64, the image sampled bilinearly at each chip pixel's position."""
    a, b, tx, ty = similarity(template(size)[USED], landmarks[USED])
    y, x = np.mgrid[0:size, 0:size].astype(np.float64)
    sx, sy = a * x - b * y + tx, b * x + a * y + ty
    x0, y0 = np.floor(sx).astype(int), np.floor(sy).astype(int)
    fx, fy = (sx - x0)[..., None], (sy - y0)[..., None]
    height, width = rgb.shape[:2]

    def at(px, py):
        inside = (px >= 0) & (py >= 0) & (px < width) & (py < height)
        values = rgb[np.clip(py, 0, height - 1), np.clip(px, 0, width - 1)].astype(np.float64)
        return values * inside[..., None]

    top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
    bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
    return top * (1 - fy) + bottom * fy


def golden_landmarks() -> np.ndarray:
    """68 landmarks of a face in the golden photo: dlib's mean face turned by 12 degrees,
    120 px wide, placed on the photo's first face (points 0..16 follow the template's outline)."""
    face = np.zeros((68, 2))
    face[17:, 0], face[17:, 1] = TEMPLATE_X, TEMPLATE_Y
    face[:17, 0] = np.linspace(0.0, 1.0, 17)
    face[:17, 1] = 0.55 + 0.45 * np.sin(np.linspace(0.0, np.pi, 17))
    angle = np.radians(12)
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    return face @ rotation.T * 120 + np.array([60.0, 40.0])


def main() -> None:
    size = 150
    rgb = np.asarray(Image.open(HERE / "golden" / "sample1-detector.png").convert("RGB"))
    landmarks = golden_landmarks()
    result = chip(rgb, landmarks, size)
    Image.fromarray(np.rint(result).astype(np.uint8)).save(HERE / "golden" / "alignment-chip.png")
    (HERE / "golden" / "alignment.json").write_text(json.dumps({
        "note": "written by alignment.py: landmarks (x, y) in sample1-detector.png's pixels, and the dlib chip of "
                f"{size} x {size} they give, rounded to integers in alignment-chip.png",
        "image": "sample1-detector.png", "size": size,
        "landmarks": [[round(float(x), 6), round(float(y), 6)] for x, y in landmarks]}, indent=1) + "\n")
    print("wrote golden/alignment.json and golden/alignment-chip.png")


if __name__ == "__main__":
    main()
