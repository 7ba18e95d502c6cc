"""The twin encoder: one backbone, shared weights, applied to both inputs of a pair.

Backbones take N×C×H×W float32 as the card's preprocessing makes it and end in an embedding head;
with the cosine metric the embedding is L2-normalised inside the model, so the exported file
already returns unit vectors.
"""
from typing import Tuple

import torch.nn.functional as F
from torch import Tensor, nn


def conv_block(in_ch: int, out_ch: int, kernel: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(in_ch, out_ch, kernel, stride, kernel // 2, bias=False),
                         nn.BatchNorm2d(out_ch), nn.ReLU(inplace=True))


class SigNetBackbone(nn.Module):
    """A compact SigNet-style CNN (Dey et al. 2017): conv stages with pooling, global average pooling.

    `width` scales the channels (32, 64, 128, 128 at width 32) to trade accuracy for speed.
    """

    def __init__(self, in_channels: int, width: int = 32):
        super().__init__()
        w = width
        self.features = nn.Sequential(
            conv_block(in_channels, w, 5, 2), nn.MaxPool2d(2),
            conv_block(w, 2 * w, 3), conv_block(2 * w, 2 * w, 3), nn.MaxPool2d(2),
            conv_block(2 * w, 4 * w, 3), conv_block(4 * w, 4 * w, 3), nn.MaxPool2d(2),
            conv_block(4 * w, 8 * w, 3), conv_block(8 * w, 8 * w, 3),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2))
        self.out_features = 8 * w

    def forward(self, x: Tensor) -> Tensor:
        return self.features(x)


class ResNet18Backbone(nn.Module):
    """torchvision's ResNet-18, untrained, with its first convolution taking `in_channels`."""

    def __init__(self, in_channels: int):
        super().__init__()
        from torchvision.models import resnet18
        net = resnet18()
        net.conv1 = nn.Conv2d(in_channels, 64, 7, 2, 3, bias=False)
        net.fc = nn.Identity()
        self.net = net
        self.out_features = 512

    def forward(self, x: Tensor) -> Tensor:
        return self.net(x)


BACKBONES = {"signet": SigNetBackbone, "resnet18": ResNet18Backbone}


class Encoder(nn.Module):
    """Backbone + linear embedding head (+ L2 normalisation for the cosine metric)."""

    def __init__(self, backbone: str, in_channels: int, embedding_size: int, normalize: bool, width: int = 32):
        super().__init__()
        kwargs = {"width": width} if backbone == "signet" else {}
        self.backbone = BACKBONES[backbone](in_channels, **kwargs)
        self.head = nn.Linear(self.backbone.out_features, embedding_size)
        self.normalize = normalize

    def embed(self, features: Tensor) -> Tensor:
        embedding = self.head(features)
        return F.normalize(embedding, dim=1) if self.normalize else embedding

    def forward(self, x: Tensor) -> Tensor:
        return self.embed(self.backbone(x))


class SiameseNetwork(nn.Module):
    """The same encoder on both inputs: weights are shared because there is only one encoder."""

    def __init__(self, encoder: Encoder):
        super().__init__()
        self.encoder = encoder

    def forward(self, first: Tensor, second: Tensor) -> Tuple[Tensor, Tensor]:
        return self.encoder(first), self.encoder(second)
