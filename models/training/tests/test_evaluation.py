"""The encoder as the service runs it under a card."""
import torch

from siamese_training.evaluation import served_encoder


def _asymmetric_model():
    """A linear map of the flattened input: its output changes when the input is mirrored."""
    torch.manual_seed(3)
    return torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(2 * 3 * 4, 5)).eval()


def test_without_mirror_average_the_model_is_served_as_it_is():
    model = _asymmetric_model()
    assert served_encoder(model, {"embedding": {"size": 5}}) is model
    assert served_encoder(model, None) is model


def test_mirror_average_is_the_mean_over_the_input_and_its_mirror_image():
    model = _asymmetric_model()
    inputs = torch.rand(3, 2, 3, 4)
    mirrored = inputs[..., [3, 2, 1, 0]]
    with torch.no_grad():
        served = served_encoder(model, {"embedding": {"size": 5, "mirrorAverage": True}})(inputs)
        expected = (model(inputs) + model(mirrored)) / 2
        assert not torch.allclose(model(inputs), model(mirrored))
    assert torch.allclose(served, expected)


def test_mirror_average_of_unit_embeddings_is_unit_length_again():
    model = _asymmetric_model()
    card = {"embedding": {"size": 5, "normalized": True, "mirrorAverage": True}}
    with torch.no_grad():
        served = served_encoder(model, card)(torch.rand(4, 2, 3, 4))
    assert torch.allclose(served.norm(dim=1), torch.ones(4))
