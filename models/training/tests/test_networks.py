import pytest
import torch

from siamese_training.networks import Encoder, SiameseNetwork


@pytest.mark.parametrize("backbone", ["signet", "resnet18"])
def test_twins_share_one_encoder(backbone):
    encoder = Encoder(backbone, in_channels=1, embedding_size=8, normalize=True, width=4).eval()
    twins = SiameseNetwork(encoder).eval()
    x = torch.rand(2, 1, 32, 64)
    first, second = twins(x, x)
    assert torch.equal(first, second)
    assert sum(p.numel() for p in twins.parameters()) == sum(p.numel() for p in encoder.parameters())


def test_cosine_encoders_return_unit_vectors_and_euclidean_ones_do_not_have_to():
    x = torch.rand(3, 1, 32, 64)
    unit = Encoder("signet", 1, 8, normalize=True, width=4).eval()(x)
    raw = Encoder("signet", 1, 8, normalize=False, width=4).eval()(x)
    assert torch.allclose(unit.norm(dim=1), torch.ones(3), atol=1e-5)
    assert not torch.allclose(raw.norm(dim=1), torch.ones(3), atol=1e-3)


def test_encoder_scripts_for_torchscript():
    encoder = Encoder("signet", 1, 8, normalize=True, width=4).eval()
    x = torch.rand(1, 1, 32, 64)
    assert torch.allclose(torch.jit.script(encoder)(x), encoder(x), atol=1e-6)
