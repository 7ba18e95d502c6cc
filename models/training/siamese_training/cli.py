"""Command line: train, export, evaluate, card.

    siamese-train train --config CONFIG --out RUN [--cache DIR]
    siamese-train export --run RUN --out model.pt
    siamese-train evaluate --model model.pt --run RUN --part test --out REPORT_DIR
    siamese-train evaluate --model model.pt --card model.json --data DIR [--forgeries forged_] --out REPORT_DIR
    siamese-train card --run RUN --model model.pt --template T --validation R --test R --out model.json

(`siamese-train` once the package is installed: pip install --no-build-isolation -e models/training;
`python3 -m siamese_training` with models/training on PYTHONPATH does the same)
"""
import argparse
import json
import os
import time
from pathlib import Path

import torch

from . import enrolment, metrics
from .card import read_card, sha256_of, write_card
from .config import TrainConfig
from .data import TensorCache, scan
from .evaluation import embed, impostor_kinds, pair_distances, served_encoder
from .export import export
from .preprocess import tensor_for
from .training import load_parts, train


IMPOSTOR_LABELS = {"skilled": "skilled forgeries of the writer",
                   "hard": "the same name by another writer",
                   "random": "random impostors (another writer or another name)", "impostor": "impostors"}


def command_train(args) -> None:
    config = TrainConfig.load(args.config, epochs=args.epochs, data=args.data)
    train(config, args.out, args.cache)


def command_export(args) -> None:
    difference = export(args.run, args.out)
    print(f"{args.out}: sha256 {sha256_of(args.out)}; reloaded output within {difference:.2g} of the checkpoint")


def evaluation_set(args):
    """(samples with tensors, metric, {set: description}, the card or None for a training run's
    own model) for evaluate."""
    if args.run:
        config = TrainConfig.load(Path(args.run) / "config.json", data=args.data)
        part = load_parts(config, args.cache)[args.part]
        names = {spec.name: Path(spec.folder).name for spec in config.sets()}
        groups = {}
        for s in part.samples:
            groups.setdefault(s.dataset, set()).add(s.group.split("/")[-1])
        return part, config.metric, {name: f"{args.part} writers of {names[name]}: {', '.join(sorted(found))}"
                                     for name, found in groups.items()}, None
    card = read_card(args.card)
    samples = scan(Path(args.data), args.identity_pattern, args.forgeries)
    part = TensorCache(samples, lambda image: tensor_for(card, image))
    return part, card["metric"], {"": f"every image of {Path(args.data).name}"}, card


def command_evaluate(args) -> None:
    torch.set_num_threads(os.cpu_count() or 1)
    part, metric, descriptions, card = evaluation_set(args)
    model = served_encoder(torch.jit.load(str(args.model)).eval(), card)
    started = time.monotonic()
    embeddings = embed(model, part.tensors)
    per_image_ms = (time.monotonic() - started) * 1000 / len(part)
    distances = pair_distances(part.samples, embeddings, metric)
    thresholds = list(args.threshold)
    if card:
        thresholds.append(card["threshold"]["value"])
    if args.threshold_from:
        thresholds.append(json.loads(Path(args.threshold_from).read_text())["chosenThreshold"])
    # One threshold for every set: the EER point of the sets' deciding kinds averaged, each set
    # weighing the same. Rounded as a card states it, it is always among the reported thresholds.
    deciding = {name: impostor_kinds(kinds)[0] for name, kinds in distances.items()}
    pooled = metrics.mean_curve([metrics.roc(distances[name]["genuine"], distances[name][kind])
                                 for name, kind in deciding.items()])
    chosen = round(metrics.equal_error(pooled)["threshold"], 4)
    thresholds.append(chosen)
    sets = {}
    for name, kinds in distances.items():
        reports = {kind: metrics.report(kinds["genuine"], kinds[kind], thresholds) for kind in impostor_kinds(kinds)}
        sets[name] = {"data": descriptions[name], "reports": reports}
    args.out.mkdir(parents=True, exist_ok=True)
    chosen_by = "; ".join(f"{name or 'the set'}: {IMPOSTOR_LABELS[kind]}" for name, kind in deciding.items())
    result = {"model": str(args.model), "modelSha256": sha256_of(args.model), "images": len(part),
              "identities": len(part.identities), "metric": metric, "chosenThreshold": chosen,
              "chosenBy": f"EER of genuine pairs against impostors, averaged over the sets ({chosen_by})",
              "encodeMsPerImageBatched": round(per_image_ms, 2), "sets": sets}
    (args.out / "report.json").write_text(json.dumps(result, indent=1) + "\n")
    curves = {(f"{name} " if name else "") + kind: metrics.roc(kinds["genuine"], kinds[kind])
              for name, kinds in distances.items() for kind in impostor_kinds(kinds)}
    metrics.plot(curves, args.out / "roc.png", f"{Path(args.model).name}: {args.part if args.run else 'evaluation'}")
    for name, result_set in sets.items():
        for kind, report in result_set["reports"].items():
            at = "; ".join(f"t={r['threshold']:.4f} FAR {r['far']:.2%} FRR {r['frr']:.2%}"
                           for r in report["atThresholds"])
            tar = "; ".join(f"TAR@FAR{r['targetFar']:g} {r['tar']:.2%}" for r in report["atFar"])
            print(f"{name + ' ' if name else ''}{kind:8s} pairs {report['pairs']} EER {report['eer']['eer']:.2%} "
                  f"(t={report['eer']['threshold']:.4f}); {tar}; {at}")
    print(f"threshold {chosen} ({result['chosenBy']})")
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
        "chosenOn": "; ".join(result["data"] for result in validation["sets"].values()),
        "method": validation["chosenBy"],
        "validation": figures_at(validation, threshold),
        "test": figures_at(test, threshold),
        "testData": "; ".join(result["data"] for result in test["sets"].values()),
    }
    card["training"] = {key: config.to_dict()[key] for key in
                        ("backbone", "backbone_width", "loss", "margin", "epochs", "split", "seed", "identity_pattern",
                         "datasets", "forgeries_per_identity", "hard_negative_weight", "softmax_weight",
                         "forgery_weight")}
    card["training"]["writers"] = json.loads((Path(args.run) / "split.json").read_text())
    if args.rules_validation:
        card["subjectVerification"] = subject_rule(json.loads(Path(args.rules_validation).read_text()),
                                                   json.loads(Path(args.rules_test).read_text()))
    write_card(args.out, card)
    print(f"{args.out}: threshold {threshold} ({validation['chosenBy']})")


def subject_rule(validation: dict, test: dict) -> dict:
    """The rule with the lowest mean of FAR and FRR on the validation writers, at its own threshold
    chosen there, with every rule's validation figures beside it and its figures on the test writers."""
    def error(label):
        figures = validation["rules"][label]
        return (figures["meanFar"] + figures["meanFrr"]) / 2
    best = min(validation["rules"], key=error)
    name, _, k = best.partition("-of-nearest-")
    rule = {"rule": "mean-of-nearest", "k": int(k)} if k else {"rule": best}
    return {**rule, "threshold": validation["rules"][best]["threshold"],
            "chosenOn": "; ".join(validation["data"].values()),
            "method": f"each writer enrols {validation['references']} genuine signatures; of the rules, the lowest mean "
                      "of FAR and FRR (deciding impostor kinds, sets weighing the same) at the rule's EER threshold",
            "validation": {label: {"threshold": r["threshold"], "meanFar": r["meanFar"], "meanFrr": r["meanFrr"]}
                           for label, r in validation["rules"].items()},
            "test": test["rules"][best]["sets"]}


def figures_at(report: dict, threshold: float) -> dict:
    """{set: {kind: figures}} at the threshold; a report of one unnamed set gives {kind: figures}."""
    figures = {name: {kind: operating_point_for(result["reports"][kind], threshold) for kind in result["reports"]}
               for name, result in report["sets"].items()}
    return figures[""] if list(figures) == [""] else figures


def operating_point_for(figures: dict, threshold: float) -> dict:
    """Figures of one impostor kind at the threshold (which must be among the report's thresholds)."""
    points = figures["atThresholds"]
    point = min(points, key=lambda r: abs(r["threshold"] - threshold))
    if abs(point["threshold"] - threshold) > 1e-9:
        raise SystemExit(f"the report has no figures at threshold {threshold}: evaluate with --threshold {threshold}")
    return {"eer": round(figures["eer"]["eer"], 4), "far": round(point["far"], 4), "frr": round(point["frr"], 4),
            "pairs": figures["pairs"], "tarAtFar": {str(r["targetFar"]): round(r["tar"], 4) for r in figures["atFar"]}}


def command_rules(args) -> None:
    """Each writer of a part enrols some genuine images; every rule's figures on the rest. On the
    validation part it proposes each rule's threshold; on the test part it reports them at the
    thresholds a validation run proposed."""
    torch.set_num_threads(os.cpu_count() or 1)
    part, metric, descriptions, _ = evaluation_set(args)
    model = torch.jit.load(str(args.model)).eval()
    scores = enrolment.probe_scores(part.samples, embed(model, part.tensors), metric, args.references)
    proposed = json.loads(Path(args.thresholds_from).read_text())["thresholds"] if args.thresholds_from else {}
    result = {"model": str(args.model), "references": args.references, "data": descriptions, "rules": {}}
    for rule in enrolment.RULES:
        per_set = {name: rules[rule.label] for name, rules in scores.items()}
        deciding = {name: impostor_kinds(kinds)[0] for name, kinds in per_set.items()}
        pooled = metrics.mean_curve([metrics.roc(per_set[name]["genuine"], per_set[name][kind])
                                     for name, kind in deciding.items()])
        threshold = proposed.get(rule.label, round(metrics.equal_error(pooled)["threshold"], 4))
        at = metrics.rates_at(pooled, threshold)
        result["rules"][rule.label] = {
            "threshold": threshold, "meanFar": round(at["far"], 4), "meanFrr": round(at["frr"], 4),
            "sets": {name: {kind: {"probes": int(len(kinds[kind])),
                                   "eer": round(metrics.equal_error(metrics.roc(kinds["genuine"], kinds[kind]))["eer"], 4),
                                   **{key: round(value, 4) for key, value in
                                      metrics.rates_at(metrics.roc(kinds["genuine"], kinds[kind]), threshold).items()
                                      if key != "threshold"}}
                            for kind in impostor_kinds(kinds)} for name, kinds in per_set.items()}}
        print(f"{rule.label:20s} threshold {threshold:.4f}: mean FAR {at['far']:.2%} mean FRR {at['frr']:.2%} "
              f"(deciding kinds, sets weighing the same)")
    result["thresholds"] = {label: figures["threshold"] for label, figures in result["rules"].items()}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "rules.json").write_text(json.dumps(result, indent=1) + "\n")
    print(f"report: {args.out / 'rules.json'}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="siamese-train", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("train", help="train a twin encoder; writes a run folder")
    p.add_argument("--config", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--epochs", type=int)
    p.add_argument("--data", help="override the config's data folder")
    p.add_argument("--cache", type=Path, help="keep the preprocessed images here for the next run")
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
    p.add_argument("--forgeries", help="with --card: file-name prefix of a writer's skilled forgeries")
    p.add_argument("--cache", type=Path, help="with --run: where training kept the preprocessed images")
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
    p.add_argument("--rules-validation", type=Path, help="rules.json on the validation part: the subject rule")
    p.add_argument("--rules-test", type=Path, help="rules.json on the test part, at the validation thresholds")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=command_card)

    p = commands.add_parser("rules", help="subject-verify rules when each writer enrols several references")
    p.add_argument("--model", type=Path, required=True, help="TorchScript encoder")
    p.add_argument("--run", type=Path, required=True, help="a training run: its preprocessing and split")
    p.add_argument("--part", choices=["validation", "test"], default="validation")
    p.add_argument("--data", help="override the run's data folder")
    p.add_argument("--cache", type=Path, help="where training kept the preprocessed images")
    p.add_argument("--references", type=int, default=5, help="genuine images each writer enrols")
    p.add_argument("--thresholds-from", type=Path, help="a validation rules.json: its thresholds")
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=command_rules)

    args = parser.parse_args(argv)
    if args.command == "evaluate" and args.card and not args.data:
        parser.error("evaluate --card needs --data")
    if args.command == "card" and bool(args.rules_validation) != bool(args.rules_test):
        parser.error("card needs both --rules-validation and --rules-test, or neither")
    args.handler(args)


if __name__ == "__main__":
    main()
