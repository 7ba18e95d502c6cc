"""train → export → evaluate → card, through the command line, on a tiny generated set."""
import json

import torch

from siamese_training.card import read_card, sha256_of
from siamese_training.cli import main


def config_file(tmp_path, data, **changes):
    config = {"data": str(data), "identity_pattern": r"_(n\d+)_", "height": 24, "width": 48,
              "backbone_width": 4, "embedding_size": 16, "epochs": 3, "identities_per_batch": 6,
              "per_identity": 3, "identities_per_cue": 2, "augment": False, "split": [2, 2, 2],
              "threads": 1, "learning_rate": 0.01, "softmax_weight": 1.0}
    config.update(changes)
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config))
    return path


def template(tmp_path):
    path = tmp_path / "template.json"
    path.write_text(json.dumps({
        "schemaVersion": 1, "name": "signature", "version": "0.0.1",
        "input": {"colorOrder": "GRAY", "layout": "NCHW", "valueRange": [0, 1],
                  "normalization": {"mean": [0], "std": [1], "appliedBy": "service"}},
        "preprocessing": {"pipeline": "signature", "steps": []},
        "provenance": {"trainingData": "generated scribbles"}, "license": {"model": "MIT"}}))
    return path


def test_pipeline_from_training_to_card(tmp_path, signatures, capsys):
    run, model = tmp_path / "run", tmp_path / "model.pt"
    main(["train", "--config", str(config_file(tmp_path, signatures)), "--out", str(run)])
    history = json.loads((run / "history.json").read_text())
    assert [h["epoch"] for h in history["history"]] == [1, 2, 3]
    assert set(history["history"][0]["validationEer"][""]) == {"hard", "random"}
    split = json.loads((run / "split.json").read_text())
    assert not set(split["train"]) & set(split["validation"]) and not set(split["train"]) & set(split["test"])

    main(["export", "--run", str(run), "--out", str(model)])
    assert b".debug_pkl" not in model.read_bytes()
    encoder = torch.jit.load(str(model))
    embedding = encoder(torch.rand(2, 1, 24, 48))
    assert embedding.shape == (2, 16)
    assert torch.allclose(embedding.norm(dim=1), torch.ones(2), atol=1e-5)  # cosine metric: unit vectors

    main(["evaluate", "--model", str(model), "--run", str(run), "--part", "validation", "--out", str(tmp_path / "val")])
    validation = json.loads((tmp_path / "val" / "report.json").read_text())
    assert set(validation["sets"][""]["reports"]) == {"hard", "random"}
    assert (tmp_path / "val" / "roc.png").exists()
    main(["evaluate", "--model", str(model), "--run", str(run), "--part", "test", "--out", str(tmp_path / "test"),
          "--threshold-from", str(tmp_path / "val" / "report.json")])

    card_path = tmp_path / "model.json"
    main(["card", "--run", str(run), "--model", str(model), "--template", str(template(tmp_path)),
          "--validation", str(tmp_path / "val" / "report.json"), "--test", str(tmp_path / "test" / "report.json"),
          "--out", str(card_path)])
    card = read_card(card_path)
    assert card["threshold"]["value"] == validation["chosenThreshold"]
    assert card["embedding"] == {"size": 16, "normalized": True}
    assert set(card["threshold"]["test"]) == {"hard", "random"}
    assert "EER" in capsys.readouterr().out


def test_contrastive_training_lowers_the_loss(tmp_path, signatures):
    run = tmp_path / "run"
    config = config_file(tmp_path, signatures, loss="contrastive", metric="euclidean", margin=1.0,
                         epochs=4, pairs_per_epoch=256, pair_batch=32, softmax_weight=0.0)
    main(["train", "--config", str(config), "--out", str(run)])
    losses = [h["loss"] for h in json.loads((run / "history.json").read_text())["history"]]
    assert losses[-1] < losses[0]


def test_evaluate_with_a_card_scores_a_plain_folder(tmp_path, signatures):
    run, model = tmp_path / "run", tmp_path / "model.pt"
    main(["train", "--config", str(config_file(tmp_path, signatures, epochs=1)), "--out", str(run)])
    main(["export", "--run", str(run), "--out", str(model)])
    card = json.loads(template(tmp_path).read_text())
    card["input"].update({"width": 48, "height": 24, "channels": 1})
    card.update({"file": {"path": "model.pt", "sha256": sha256_of(model)},
                 "embedding": {"size": 16}, "metric": "cosine",
                 "threshold": {"value": 0.5, "chosenOn": "nothing: a test"}})
    (tmp_path / "model.json").write_text(json.dumps(card))
    main(["evaluate", "--model", str(model), "--card", str(tmp_path / "model.json"), "--data", str(signatures),
          "--out", str(tmp_path / "report")])
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    reports = report["sets"][""]["reports"]
    assert set(reports) == {"impostor"}  # folders as identities: one kind of impostor
    assert any(point["threshold"] == 0.5 for point in reports["impostor"]["atThresholds"])


def test_training_can_start_from_a_pretrained_backbone(tmp_path, signatures, capsys):
    pretrained, run = tmp_path / "pretrained", tmp_path / "run"
    main(["train", "--config", str(config_file(tmp_path, signatures, epochs=1)), "--out", str(pretrained)])
    config = config_file(tmp_path, signatures, epochs=1, init_from=str(pretrained), learning_rate=0.0)
    main(["train", "--config", str(config), "--out", str(run)])
    assert f"backbone initialised from {pretrained}" in capsys.readouterr().out
    before = torch.load(pretrained / "checkpoint.pt")["state"]
    after = torch.load(run / "checkpoint.pt")["state"]
    # learning rate 0: the backbone's weights are the pretrained ones (batch-norm statistics still move)
    weights = [k for k in before if k.startswith("backbone.") and k.endswith(".weight")]
    assert weights and all(torch.equal(before[k], after[k]) for k in weights)


def test_sets_with_skilled_forgeries_train_and_are_reported_set_by_set(tmp_path, signatures, forged_signatures,
                                                                      capsys):
    run, model = tmp_path / "run", tmp_path / "model.pt"
    datasets = [{"name": "names", "folder": signatures.name, "identity_pattern": r"_(n\d+)_"},
                {"name": "forged", "folder": forged_signatures.name, "forgeries": "forged_"}]
    assert signatures.parent == forged_signatures.parent
    config = config_file(tmp_path, signatures.parent, identity_pattern=None, datasets=datasets,
                         forgeries_per_identity=2, epochs=2, forgery_weight=1.0)
    main(["train", "--config", str(config), "--out", str(run), "--cache", str(tmp_path / "cache")])
    assert list((tmp_path / "cache").glob("*.npz")), "the preprocessed images are cached"
    history = json.loads((run / "history.json").read_text())
    assert set(history["history"][0]["validationEer"]) == {"names", "forged"}
    assert set(history["history"][0]["validationEer"]["forged"]) == {"skilled", "random"}

    main(["export", "--run", str(run), "--out", str(model)])
    for part in ("validation", "test"):
        main(["evaluate", "--model", str(model), "--run", str(run), "--part", part, "--out", str(tmp_path / part),
              "--cache", str(tmp_path / "cache")] + (["--threshold-from", str(tmp_path / "validation" / "report.json")]
                                                   if part == "test" else []))
    report = json.loads((tmp_path / "test" / "report.json").read_text())
    assert set(report["sets"]) == {"names", "forged"}
    assert report["sets"]["forged"]["data"].startswith("test writers of forged: ")
    assert "averaged over the sets" in report["chosenBy"]

    for part in ("validation", "test"):
        main(["rules", "--model", str(model), "--run", str(run), "--part", part, "--references", "2",
              "--out", str(tmp_path / f"rules-{part}")] +
             (["--thresholds-from", str(tmp_path / "rules-validation" / "rules.json")] if part == "test" else []))
    rules = json.loads((tmp_path / "rules-test" / "rules.json").read_text())
    validation_rules = json.loads((tmp_path / "rules-validation" / "rules.json").read_text())
    assert set(rules["rules"]) == {"smallest", "mean-of-nearest-2", "mean-of-nearest-3", "spread-normalized"}
    assert rules["thresholds"] == validation_rules["thresholds"]  # test figures at the validation thresholds
    assert set(rules["rules"]["smallest"]["sets"]["forged"]) == {"skilled", "random"}

    card_path = tmp_path / "model.json"
    main(["card", "--run", str(run), "--model", str(model), "--template", str(template(tmp_path)),
          "--validation", str(tmp_path / "validation" / "report.json"),
          "--test", str(tmp_path / "test" / "report.json"), "--rules-validation",
          str(tmp_path / "rules-validation" / "rules.json"), "--rules-test", str(tmp_path / "rules-test" / "rules.json"),
          "--out", str(card_path)])
    card = read_card(card_path)
    assert card["subjectVerification"]["rule"] in {"smallest", "mean-of-nearest", "spread-normalized"}
    assert "chosenOn" in card["subjectVerification"] and set(card["subjectVerification"]["test"]) == {"names", "forged"}
    assert set(card["threshold"]["test"]) == {"names", "forged"}
    assert set(card["threshold"]["test"]["forged"]) == {"skilled", "random"}
    writers = card["training"]["writers"]
    assert not set(writers["train"]) & set(writers["test"])
    assert any(w.startswith("forged/") for w in writers["test"]) and any(w.startswith("names/") for w in writers["test"])
