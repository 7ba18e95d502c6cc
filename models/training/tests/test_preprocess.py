import numpy as np
import pytest
from PIL import Image

from siamese_training.preprocess import (NoInkError, area_weights, crop_to_ink, dilate, fit_to_canvas, ink_mask,
                                         otsu_threshold, resize_area, signature_ink_tensor, signature_tensor, thin,
                                         to_gray)


def test_gray_equals_pil_luma_for_rgb():
    rgb = np.random.default_rng(1).integers(0, 256, size=(7, 9, 3), dtype=np.uint8)
    image = Image.fromarray(rgb, "RGB")
    assert np.array_equal(to_gray(image), np.asarray(image.convert("L")))


def test_gray_takes_transparent_pixels_as_white_paper():
    rgba = np.zeros((2, 2, 4), dtype=np.uint8)
    rgba[0, 0] = (0, 0, 0, 255)
    assert to_gray(Image.fromarray(rgba, "RGBA")).tolist() == [[0, 255], [255, 255]]


def test_otsu_separates_two_levels():
    gray = np.array([[20] * 10 + [200] * 30], dtype=np.uint8)
    threshold = otsu_threshold(gray)
    assert 20 <= threshold < 200


def test_ink_is_the_dark_side_of_otsus_threshold():
    gray = np.array([[250, 250, 30], [250, 40, 250]], dtype=np.uint8)
    assert ink_mask(gray).tolist() == [[False, False, True], [False, True, False]]


def test_blank_image_has_no_ink():
    with pytest.raises(NoInkError):
        ink_mask(np.full((5, 5), 240, dtype=np.uint8))


def test_crop_to_ink_keeps_the_bounding_box():
    ink = np.zeros((6, 8), dtype=np.uint8)
    ink[2, 3] = ink[4, 6] = 9
    assert crop_to_ink(ink).shape == (3, 4)


def test_area_weights_rows_sum_to_one_and_preserve_the_mean():
    assert np.allclose(area_weights(7, 3).sum(axis=1), 1)
    image = np.random.default_rng(2).uniform(0, 255, size=(12, 20))
    assert resize_area(image, 4, 5).mean() == pytest.approx(image.mean())


def test_area_resize_by_an_integer_factor_averages_blocks():
    image = np.arange(16, dtype=np.float64).reshape(4, 4)
    assert resize_area(image, 2, 2).tolist() == [[2.5, 4.5], [10.5, 12.5]]


def test_fit_to_canvas_keeps_aspect_ratio_and_centres():
    canvas = fit_to_canvas(np.full((10, 40), 255.0), 20, 40)
    rows = np.flatnonzero(canvas.any(axis=1))
    assert (rows[0], rows[-1]) == (5, 14)
    assert canvas.any(axis=0).all()


def test_thinning_leaves_a_one_pixel_line():
    bar = np.zeros((9, 20), dtype=bool)
    bar[3:6, 2:18] = True
    skeleton = thin(bar)
    assert skeleton[4, 4:16].all()
    assert skeleton.sum(axis=0).max() == 1  # one pixel per column


def test_dilation_grows_a_point_to_three_by_three():
    point = np.zeros((5, 5), dtype=bool)
    point[0, 0] = point[3, 3] = True
    assert dilate(point).sum() == 4 + 9


def test_thick_and_thin_pens_give_nearly_the_same_canvas():
    from PIL import ImageDraw
    def signed(width):
        image = Image.new("L", (300, 120), 255)
        ImageDraw.Draw(image).line([(20, 90), (80, 20), (150, 100), (280, 30)], fill=0, width=width)
        return signature_tensor(image, 32, 64)
    thick, thin_pen = signed(14), signed(3)
    overlap = (thick * thin_pen).sum() / max(thick.sum(), thin_pen.sum())
    assert overlap > 0.8


def test_signature_tensor_is_one_channel_binary(signatures):
    path = next(signatures.glob("*/*.png"))
    tensor = signature_tensor(Image.open(path), 32, 64)
    assert tensor.shape == (1, 32, 64) and tensor.dtype == np.float32
    assert set(np.unique(tensor)) == {0.0, 1.0}


def test_ink_canvas_keeps_each_strokes_darkness_on_the_inks_footprint_only():
    from PIL import ImageDraw
    image = Image.new("L", (300, 120), 255)
    draw = ImageDraw.Draw(image)
    draw.line([(10, 60), (140, 60)], fill=20, width=12)    # a dark pen
    draw.line([(160, 60), (290, 60)], fill=110, width=12)  # a light one
    canvas = signature_ink_tensor(image, 32, 96)
    assert canvas.shape == (1, 32, 96) and canvas.dtype == np.float32
    steps = canvas * 255
    assert np.allclose(steps, np.round(steps), atol=1e-4), "quantised to 1/255"
    footprint = fit_to_canvas(crop_to_ink(ink_mask(to_gray(image))).astype(np.float64), 32, 96) > 0
    assert np.array_equal(canvas[0] > 0, footprint)
    dark, light = canvas[0, :, :40].max(), canvas[0, :, 56:].max()
    assert dark == pytest.approx((255 - 20) / 255, abs=1 / 255)
    assert light == pytest.approx((255 - 110) / 255, abs=1 / 255)
