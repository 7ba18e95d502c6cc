"""PyTorch ports of three face-api (TensorFlow.js) networks, written to be TorchScript-able.

Every module takes an NCHW float32 batch of RGB pixels in 0..255 and does the package's own
mean subtraction and /255 inside, so that callers (the Java service) feed raw pixels.

TensorFlow's "same" padding is asymmetric when the total padding is odd (the extra row and column
go at the bottom and right), which PyTorch's symmetric `padding=` cannot express; `tf_same_pad`
computes it from the runtime shape so the modules work for any input size, as face-api does.
"""
from typing import List

import torch
import torch.nn.functional as F
from torch import Tensor, nn


def tf_same_pad(x: Tensor, kernel: int, stride: int, value: float = 0.0) -> Tensor:
    """Pads an NCHW tensor the way TensorFlow's padding='SAME' does for a square kernel."""
    height = x.shape[2]
    width = x.shape[3]
    pad_h = max((((height + stride - 1) // stride) - 1) * stride + kernel - height, 0)
    pad_w = max((((width + stride - 1) // stride) - 1) * stride + kernel - width, 0)
    return F.pad(x, [pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2], value=value)


def subtract_mean(x: Tensor, mean_rgb: List[float]) -> Tensor:
    """NCHW RGB 0..255 → (x - mean) / 255, face-api's `normalize(...).div(255)`."""
    mean = torch.tensor(mean_rgb, dtype=x.dtype, device=x.device).view(1, 3, 1, 1)
    return (x - mean) / 255.0


class ScaledConv(nn.Module):
    """dlib's conv + affine "scale" layer (folded batch norm), optionally followed by ReLU."""

    def __init__(self, in_ch: int, out_ch: int, kernel: int, stride: int, same: bool, relu: bool):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, out_ch, kernel, stride=stride, bias=True)
        self.scale = nn.Parameter(torch.ones(out_ch))
        self.shift = nn.Parameter(torch.zeros(out_ch))
        self.kernel = kernel
        self.stride = stride
        self.same = same
        self.relu = relu

    def forward(self, x: Tensor) -> Tensor:
        if self.same:
            x = tf_same_pad(x, self.kernel, self.stride)
        out = self.conv(x) * self.scale.view(1, -1, 1, 1) + self.shift.view(1, -1, 1, 1)
        return F.relu(out) if self.relu else out


class Residual(nn.Module):
    """conv3×3 → scale → ReLU → conv3×3 → scale, plus the input, then ReLU."""

    def __init__(self, channels: int):
        super().__init__()
        self.conv1 = ScaledConv(channels, channels, 3, 1, same=True, relu=True)
        self.conv2 = ScaledConv(channels, channels, 3, 1, same=True, relu=False)

    def forward(self, x: Tensor) -> Tensor:
        return F.relu(self.conv2(self.conv1(x)) + x)


class ResidualDown(nn.Module):
    """Down-sampling block; the shortcut is a 2×2 average pool with zero-filled extra channels.

    When the strided branch comes out one row and column smaller than the pooled shortcut, dlib's
    `add_prev` (and face-api) zero-fill the missing bottom row and right column.
    """

    def __init__(self, in_ch: int, out_ch: int):
        super().__init__()
        self.conv1 = ScaledConv(in_ch, out_ch, 3, 2, same=False, relu=True)
        self.conv2 = ScaledConv(out_ch, out_ch, 3, 1, same=True, relu=False)
        self.extra_channels = out_ch - in_ch

    def forward(self, x: Tensor) -> Tensor:
        out = self.conv2(self.conv1(x))
        pooled = F.avg_pool2d(x, 2, 2)
        out = F.pad(out, [0, pooled.shape[3] - out.shape[3], 0, pooled.shape[2] - out.shape[2]])
        pooled = F.pad(pooled, [0, 0, 0, 0, 0, self.extra_channels])
        return F.relu(pooled + out)


class FaceRecognitionNet(nn.Module):
    """dlib's ResNet-29 face descriptor: 150×150 RGB 0..255 (NCHW) → 128-d embedding."""

    def __init__(self):
        super().__init__()
        self.conv32_down = ScaledConv(3, 32, 7, 2, same=False, relu=True)
        self.conv32 = nn.Sequential(Residual(32), Residual(32), Residual(32))
        self.conv64 = nn.Sequential(ResidualDown(32, 64), Residual(64), Residual(64), Residual(64))
        self.conv128 = nn.Sequential(ResidualDown(64, 128), Residual(128), Residual(128))
        self.conv256 = nn.Sequential(
            ResidualDown(128, 256), Residual(256), Residual(256), ResidualDown(256, 256))
        self.fc = nn.Linear(256, 128, bias=False)

    def forward(self, x: Tensor) -> Tensor:
        out = self.conv32_down(subtract_mean(x, [122.782, 117.001, 104.298]))
        out = F.max_pool2d(out, 3, 2)
        out = self.conv256(self.conv128(self.conv64(self.conv32(out))))
        return self.fc(out.mean(dim=[2, 3]))


def leaky(x: Tensor) -> Tensor:
    """face-api's leaky ReLU, slope 0.1 (written as relu(x - 0.1x) + 0.1x there)."""
    return F.leaky_relu(x, 0.10000000149011612)


class SeparableConv(nn.Module):
    """Depthwise 3×3 then pointwise 1×1 with bias; `pad` is the explicit padding face-api uses."""

    def __init__(self, in_ch: int, out_ch: int, stride: int = 1):
        super().__init__()
        self.depthwise = nn.Conv2d(in_ch, in_ch, 3, stride=stride, groups=in_ch, bias=False)
        self.pointwise = nn.Conv2d(in_ch, out_ch, 1, bias=True)
        self.stride = stride

    def forward(self, x: Tensor) -> Tensor:
        return self.pointwise(self.depthwise(tf_same_pad(x, 3, self.stride)))


class TinyFaceDetector(nn.Module):
    """face-api's tiny YOLOv2 face detector: N×3×S×S RGB 0..255 (S a multiple of 32, 416 by default)
    → raw N×25×(S/32)×(S/32) grid, channel = anchor × 5 + (x, y, w, h, score); decoding is the caller's.
    """

    def __init__(self):
        super().__init__()
        self.conv0 = nn.Conv2d(3, 16, 3, bias=True)
        sizes = [16, 32, 64, 128, 256, 512]
        self.convs = nn.ModuleList([SeparableConv(a, b) for a, b in zip(sizes[:-1], sizes[1:])])
        self.conv8 = nn.Conv2d(512, 25, 1, bias=True)

    def forward(self, x: Tensor) -> Tensor:
        out = leaky(self.conv0(subtract_mean(x, [117.001, 114.697, 97.404])))
        for conv in self.convs:
            out = leaky(conv(F.max_pool2d(tf_same_pad(out, 2, 2, float("-inf")), 2, 2)))
        out = F.max_pool2d(tf_same_pad(out, 2, 1, float("-inf")), 2, 1)
        return self.conv8(out)


class DenseBlock(nn.Module):
    """Four densely connected convolutions, the first one strided by 2."""

    def __init__(self, in_ch: int, out_ch: int, first: bool):
        super().__init__()
        self.first = first
        self.conv0 = nn.Conv2d(in_ch, out_ch, 3, stride=2, bias=True) if first \
            else SeparableConv(in_ch, out_ch, stride=2)
        self.conv1 = SeparableConv(out_ch, out_ch)
        self.conv2 = SeparableConv(out_ch, out_ch)
        self.conv3 = SeparableConv(out_ch, out_ch)

    def forward(self, x: Tensor) -> Tensor:
        if self.first:
            x = tf_same_pad(x, 3, 2)
        out1 = F.relu(self.conv0(x))
        out2 = self.conv1(out1)
        out3 = self.conv2(F.relu(out1 + out2))
        out4 = self.conv3(F.relu(out1 + out2 + out3))
        return F.relu(out1 + out2 + out3 + out4)


class FaceLandmark68Net(nn.Module):
    """face-api's 68-point landmark net: N×3×112×112 RGB 0..255 → N×136 (x0, y0, x1, y1, …),
    each relative to the input square (0..1).
    """

    def __init__(self):
        super().__init__()
        self.dense0 = DenseBlock(3, 32, first=True)
        self.dense1 = DenseBlock(32, 64, first=False)
        self.dense2 = DenseBlock(64, 128, first=False)
        self.dense3 = DenseBlock(128, 256, first=False)
        self.fc = nn.Linear(256, 136, bias=True)

    def forward(self, x: Tensor) -> Tensor:
        out = subtract_mean(x, [122.782, 117.001, 104.298])
        out = self.dense3(self.dense2(self.dense1(self.dense0(out))))
        out = F.avg_pool2d(out, 7, 2)
        return self.fc(out.flatten(1))
