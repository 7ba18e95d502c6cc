"""Image preprocessing named by the model card, written step by step so that the Java service can
do exactly the same (every step is plain arithmetic on arrays, no library resampler).

Signatures ("signature" pipeline): composite on white, grayscale, Otsu background removal, crop to
the ink, fit into a fixed canvas keeping the aspect ratio (area resampling), centre, then
normalise the strokes: thin them to a one-pixel skeleton and redraw it three pixels wide. The
last step is what lets one encoder compare a thick scanned pen stroke with a thin stylus line. Face crops ("face" pipeline without detection): pad to a centred square with
black, resize to the input size. The "signature-ink" pipeline (training only, measured and not
adopted) keeps the ink's darkness instead of redrawing the strokes.
"""
import numpy as np
from PIL import Image

MIN_CONTRAST = 16  # grey levels between the darkest and lightest pixel below which there is no ink


class NoInkError(ValueError):
    """The image has no ink to crop to (blank, or too flat to separate ink from background)."""


def to_gray(image: Image.Image) -> np.ndarray:
    """Any PIL image → uint8 H×W luma, transparent areas taken as white paper.

    Luma is ITU-R 601: (19595 R + 38470 G + 7471 B + 32768) >> 16, which is what PIL's "L" does.
    """
    rgba = np.asarray(image.convert("RGBA"), dtype=np.uint32)
    alpha = rgba[..., 3]
    rgb = (rgba[..., :3] * alpha[..., None] + 255 * (255 - alpha[..., None]) + 127) // 255
    return ((19595 * rgb[..., 0] + 38470 * rgb[..., 1] + 7471 * rgb[..., 2] + 32768) >> 16).astype(np.uint8)


def otsu_threshold(gray: np.ndarray) -> int:
    """The grey level t maximising the between-class variance of {<= t} and {> t} (lowest t on ties)."""
    histogram = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    weight_low = np.cumsum(histogram)
    weight_high = weight_low[-1] - weight_low
    sum_low = np.cumsum(histogram * levels)
    mean_low = np.divide(sum_low, weight_low, out=np.zeros(256), where=weight_low > 0)
    mean_high = np.divide(sum_low[-1] - sum_low, weight_high, out=np.zeros(256), where=weight_high > 0)
    between = weight_low * weight_high * (mean_low - mean_high) ** 2
    return int(np.argmax(between))


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """uint8 grey → bool ink: grey <= Otsu's threshold."""
    if int(gray.max()) - int(gray.min()) < MIN_CONTRAST:
        raise NoInkError(f"contrast {int(gray.max()) - int(gray.min())} < {MIN_CONTRAST} grey levels")
    return gray <= otsu_threshold(gray)


def ink_box(ink: np.ndarray) -> tuple:
    """The bounding box of the non-zero pixels, as a pair of slices."""
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        raise NoInkError("no ink pixel")
    return slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)


def crop_to_ink(ink: np.ndarray) -> np.ndarray:
    """The bounding box of the non-zero pixels."""
    return ink[ink_box(ink)]


def area_weights(source: int, target: int) -> np.ndarray:
    """target × source matrix: output pixel i averages source pixels over [i, i + 1) · source/target,
    each weighted by its overlap (the "area" or box resampling; exact for up- and downscaling)."""
    scale = source / target
    starts = np.arange(target)[:, None] * scale
    ends = starts + scale
    left = np.arange(source)[None, :]
    overlap = np.clip(np.minimum(ends, left + 1) - np.maximum(starts, left), 0, None)
    return overlap / scale


def resize_area(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """float64 H×W resample by area averaging."""
    return area_weights(image.shape[0], height) @ image.astype(np.float64) @ area_weights(image.shape[1], width).T


def fit_to_canvas(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """Scales to fit height × width keeping the aspect ratio, centred on a zero canvas (float64)."""
    scale = min(height / image.shape[0], width / image.shape[1])
    new_height = min(height, max(1, int(round(image.shape[0] * scale))))
    new_width = min(width, max(1, int(round(image.shape[1] * scale))))
    canvas = np.zeros((height, width), dtype=np.float64)
    top, left = (height - new_height) // 2, (width - new_width) // 2
    canvas[top:top + new_height, left:left + new_width] = resize_area(image, new_height, new_width)
    return canvas


def thin(mask: np.ndarray) -> np.ndarray:
    """Zhang and Suen's thinning (CACM 27(3), 1984): bool H×W → its one-pixel-wide skeleton.

    Each pass has two sub-iterations; a pixel P1 with neighbours P2..P9 (clockwise from north) is
    removed when 2 <= B <= 6 (B: ink neighbours), A = 1 (A: 0→1 transitions in P2..P9, P2), and
    P2·P4·P6 = P4·P6·P8 = 0 in the first sub-iteration, P2·P4·P8 = P2·P6·P8 = 0 in the second.
    Outside the image counts as background. Repeats until a pass removes nothing.
    """
    image = np.pad(mask.astype(np.uint8), 1)
    while True:
        removed = False
        for first in (True, False):
            c = image[1:-1, 1:-1]
            p2, p3, p4 = image[:-2, 1:-1], image[:-2, 2:], image[1:-1, 2:]
            p5, p6, p7 = image[2:, 2:], image[2:, 1:-1], image[2:, :-2]
            p8, p9 = image[1:-1, :-2], image[:-2, :-2]
            ring = [p2, p3, p4, p5, p6, p7, p8, p9, p2]
            neighbours = sum(p.astype(np.int32) for p in ring[:8])
            transitions = sum(((a == 0) & (b == 1)).astype(np.int32) for a, b in zip(ring[:8], ring[1:]))
            if first:
                keep_shape = (p2 * p4 * p6 == 0) & (p4 * p6 * p8 == 0)
            else:
                keep_shape = (p2 * p4 * p8 == 0) & (p2 * p6 * p8 == 0)
            remove = (c == 1) & (neighbours >= 2) & (neighbours <= 6) & (transitions == 1) & keep_shape
            if remove.any():
                c[remove] = 0
                removed = True
        if not removed:
            return image[1:-1, 1:-1].astype(bool)


def dilate(mask: np.ndarray) -> np.ndarray:
    """3×3 binary dilation (outside the image counts as background)."""
    padded = np.pad(mask, 1)
    out = np.zeros_like(mask)
    for dy in range(3):
        for dx in range(3):
            out |= padded[dy:dy + mask.shape[0], dx:dx + mask.shape[1]]
    return out


COVERAGE = 0.05  # a canvas pixel is ink when more than 5 % of the source area it covers is ink


def signature_tensor(image: Image.Image, height: int, width: int) -> np.ndarray:
    """The "signature" pipeline: float32 1×H×W, 1 on the normalised strokes, 0 elsewhere."""
    mask = crop_to_ink(ink_mask(to_gray(image)))
    coverage = fit_to_canvas(mask.astype(np.float64), height, width)
    strokes = dilate(thin(coverage > COVERAGE))
    return strokes.astype(np.float32)[None]


INK_LEVELS = 255  # the ink canvas is quantised to 1/255 steps, so that it caches as bytes


def signature_ink_tensor(image: Image.Image, height: int, width: int) -> np.ndarray:
    """The "signature-ink" pipeline: float32 1×H×W, the ink's darkness (255 − grey) / 255 on the
    ink Otsu finds and 0 on paper, cropped to the ink, area-resampled into the canvas and quantised
    to 1/255. Unlike the skeleton it keeps stroke width and pressure, where a slow forger shows."""
    gray = to_gray(image)
    ink = ink_mask(gray)
    box = ink_box(ink)
    darkness = np.where(ink[box], 255 - gray[box].astype(np.float64), 0.0)
    canvas = fit_to_canvas(darkness, height, width)
    return (np.round(canvas) / INK_LEVELS).astype(np.float32)[None]


def face_crop_tensor(image: Image.Image, size: int) -> np.ndarray:
    """The "face" pipeline for an already cropped face: float32 3×S×S RGB 0..255.

    Centred black padding to a square, then PIL's bilinear resize.
    """
    rgb = image.convert("RGB")
    side = max(rgb.size)
    square = Image.new("RGB", (side, side))
    square.paste(rgb, ((side - rgb.width) // 2, (side - rgb.height) // 2))
    pixels = np.asarray(square.resize((size, size), Image.BILINEAR), dtype=np.float32)
    return pixels.transpose(2, 0, 1).copy()


def tensor_for(card: dict, image: Image.Image) -> np.ndarray:
    """The model input for one image, by the card's preprocessing pipeline."""
    model_input = card["input"]
    pipeline = card["preprocessing"]["pipeline"]
    if pipeline == "signature":
        return signature_tensor(image, model_input["height"], model_input["width"])
    if pipeline == "signature-ink":
        return signature_ink_tensor(image, model_input["height"], model_input["width"])
    if pipeline == "face":
        return face_crop_tensor(image, model_input["width"])
    raise ValueError(f"no Python implementation of preprocessing pipeline {pipeline!r}")
