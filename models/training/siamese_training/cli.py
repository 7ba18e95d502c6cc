"""Command line: train, export, evaluate, card.

    python3 -m siamese_training train --config CONFIG --out RUN
    python3 -m siamese_training export --run RUN --out model.pt
    python3 -m siamese_training evaluate --model model.pt --run RUN --part test --out REPORT_DIR
    python3 -m siamese_training evaluate --model model.pt --card model.json --data DIR --out REPORT_DIR
    python3 -m siamese_training card --run RUN --model model.pt --template T --validation R --test R --out model.json

(run from models/training, or with models/training on PYTHONPATH)
"""
import argparse
import json
import os
import time
from pathlib import Path

import torch

from . import metrics
from .card import read_card, sha256_of, write_card
from .config import TrainConfig
from .data import TensorCache, scan
from .evaluation import embed, impostor_kinds, pair_distances
from .export import export
from .preprocess import tensor_for
from .training import load_parts, train


IMPOSTOR_LABELS = {"hard": "hard impostor pairs (the same name by another writer)",
                   "random": "random impostor pairs (another name)", "impostor": "impostor pairs"}


def command_train(args) -> None:
    config = TrainConfig.load(args.config, epochs=args.epochs, data=args.data)
    train(config, args.out)


def command_export(args) -> None:
    difference = export(args.run, args.out)
    print(f"{args.out}: sha256 {sha256_of(args.out)}; reloaded output within {difference:.2g} of the checkpoint")


def evaluation_set(args):
    """(samples with tensors, card-like preprocessing, metric, description) for evaluate."""
    if args.run:
        config = TrainConfig.load(Path(args.run) / "config.json", data=args.data)
        part = load_parts(config)[args.part]
        groups = sorted({s.group for s in part.samples})
        return part, config.metric, f"{args.part} groups of {Path(config.data).name}: {', '.join(groups)}"
    card = read_card(args.card)
    samples = scan(Path(args.data), args.identity_pattern)
    part = TensorCache(samples, lambda image: tensor_for(card, image))
    return part, card["metric"], f"every image of {Path(args.data).name}"


def command_evaluate(args) -> None:
    torch.set_num_threads(os.cpu_count() or 1)
    part, metric, description = evaluation_set(args)
    model = torch.jit.load(str(args.model)).eval()
    started = time.monotonic()
    embeddings = embed(model, part.tensors)
    per_image_ms = (time.monotonic() - started) * 1000 / len(part)
    distances = pair_distances(part.samples, embeddings, metric)
    thresholds = list(args.threshold)
    if args.card and not args.run:
        thresholds.append(read_card(args.card)["threshold"]["value"])
    if args.threshold_from:
        thresholds.append(json.loads(Path(args.threshold_from).read_text())["chosenThreshold"])
    kinds = impostor_kinds(distances)
    # The decisive kind's EER threshold, rounded as a card states it, is always among the reported ones.
    chosen = round(metrics.equal_error(metrics.roc(distances["genuine"], distances[kinds[0]]))["threshold"], 4)
    thresholds.append(chosen)
    reports = {kind: metrics.report(distances["genuine"], distances[kind], thresholds) for kind in kinds}
    args.out.mkdir(parents=True, exist_ok=True)
    result = {"model": str(args.model), "modelSha256": sha256_of(args.model), "data": description,
              "images": len(part), "identities": len(part.identities), "metric": metric,
              "chosenThreshold": chosen, "chosenBy": f"EER of genuine pairs against {IMPOSTOR_LABELS[kinds[0]]}",
              "encodeMsPerImageBatched": round(per_image_ms, 2), "reports": reports}
    (args.out / "report.json").write_text(json.dumps(result, indent=1) + "\n")
    curves = {kind: metrics.roc(distances["genuine"], distances[kind]) for kind in kinds}
    metrics.plot(curves, args.out / "roc.png", f"{Path(args.model).name}: {description[:80]}")
    for kind, report in reports.items():
        at = "; ".join(f"t={r['threshold']:.4f} FAR {r['far']:.2%} FRR {r['frr']:.2%}" for r in report["atThresholds"])
        tar = "; ".join(f"TAR@FAR{r['targetFar']:g} {r['tar']:.2%}" for r in report["atFar"])
        print(f"{kind:8s} pairs {report['pairs']} EER {report['eer']['eer']:.2%} "
              f"(t={report['eer']['threshold']:.4f}); {tar}; {at}")
    print(f"report: {args.out / 'report.json'}, plot: {args.out / 'roc.png'}")


def command_card(args) -> None:
    config = TrainConfig.load(Path(args.run) / "config.json")
    validation = json.loads(Path(args.validation).read_text())
    test = json.loads(Path(args.test).read_text())
    threshold = validation["chosenThreshold"]
    card = json.loads(Path(args.template).read_text())
    card["file"] = {"path": args.model.name, "format": "torchscript", "sha256": sha256_of(args.model)}
    card["input"].update({"width": config.width, "height": config.height, "channels": config.channels})
    card["embedding"] = {"size": config.embedding_size, "normalized": config.metric == "cosine"}
    card["metric"] = config.metric
    card["threshold"] = {
        "value": threshold,
        "chosenOn": validation["data"],
        "method": validation["chosenBy"],
        "validation": {kind: operating_point_for(validation, kind, threshold) for kind in validation["reports"]},
        "test": {kind: operating_point_for(test, kind, threshold) for kind in test["reports"]},
        "testData": test["data"],
    }
    card["training"] = {key: config.to_dict()[key] for key in
                        ("backbone", "backbone_width", "loss", "margin", "epochs", "split", "seed", "identity_pattern")}
    write_card(args.out, card)
    print(f"{args.out}: threshold {threshold} ({validation['chosenBy']})")


def operating_point_for(report: dict, kind: str, threshold: float) -> dict:
    """Figures of one impostor kind at the threshold (which must be among the report's thresholds)."""
    figures = report["reports"][kind]
    points = figures["atThresholds"]
    point = min(points, key=lambda r: abs(r["threshold"] - threshold))
    if abs(point["threshold"] - threshold) > 1e-9:
        raise SystemExit(f"the report has no figures at threshold {threshold}: evaluate with --threshold {threshold}")
    return {"eer": round(figures["eer"]["eer"], 4), "far": round(point["far"], 4), "frr": round(point["frr"], 4),
            "pairs": figures["pairs"], "tarAtFar": {str(r["targetFar"]): round(r["tar"], 4) for r in figures["atFar"]}}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="siamese_training", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("train", help="train a twin encoder; writes a run folder")
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--epochs", type=int)
    p.add_argument("--data", help="override the config's data folder")
    p.set_defaults(handler=command_train)

    p = commands.add_parser("export", help="best checkpoint → TorchScript, checked by reloading")
    p.add_argument("--run", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=command_export)

    p = commands.add_parser("evaluate", help="ROC, EER, FAR/FRR, TAR at FAR 1e-2 and 1e-3, ROC/DET plot")
    p.add_argument("--model", type=Path, required=True, help="TorchScript encoder")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--run", type=Path, help="a training run: its preprocessing and split")
    source.add_argument("--card", type=Path, help="a model card: its preprocessing (with --data)")
    p.add_argument("--part", choices=["train", "validation", "test"], default="test")
    p.add_argument("--data", help="labelled folder (required with --card)")
    p.add_argument("--identity-pattern", help="as in training: regex whose group 1 splits class folders")
    p.add_argument("--threshold", type=float, action="append", default=[], help="report FAR/FRR at it")
    p.add_argument("--threshold-from", type=Path, help="a validation report.json: its chosen threshold")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=command_evaluate)

    p = commands.add_parser("card", help="write model.json from a run, its model and its reports")
    p.add_argument("--run", type=Path, required=True)
    p.add_argument("--model", type=Path, required=True)
    p.add_argument("--template", type=Path, required=True, help="hand-written facts: name, provenance, licence")
    p.add_argument("--validation", type=Path, required=True, help="report.json on the validation part")
    p.add_argument("--test", type=Path, required=True, help="report.json on the test part")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=command_card)

    args = parser.parse_args(argv)
    if args.command == "evaluate" and args.card and not args.data:
        parser.error("evaluate --card needs --data")
    args.handler(args)


if __name__ == "__main__":
    main()
