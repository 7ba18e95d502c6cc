"""The training loop: twin encoder, contrastive or triplet loss, validation EER after every epoch.

The run folder gets `config.json`, `split.json` (which groups went where), `history.json` (loss and
validation EER per epoch) and `checkpoint.pt` (the epoch with the lowest validation EER).
"""
import json
import math
import os
import random
import time
from pathlib import Path
from typing import Dict

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from tqdm import tqdm

from . import metrics
from .config import TrainConfig
from .data import (IdentityBatchSampler, TensorCache, preprocessed, sample_pairs, scan_sets, share_of_groups,
                   split_by_group)
from .evaluation import embed, impostor_kinds, pair_distances
from .losses import ContrastiveLoss, HardNegativeTripletLoss, SemiHardTripletLoss
from .networks import Encoder, SiameseNetwork

PARTS = ("train", "validation", "test")


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def build_encoder(config: TrainConfig) -> Encoder:
    return Encoder(config.backbone, config.channels, config.embedding_size,
                   normalize=config.metric == "cosine", width=config.backbone_width)


def load_parts(config: TrainConfig, cache: Path = None):
    """Scans the sets, splits each by group and preprocesses every image once (or reads the cache)."""
    samples = scan_sets(config.sets())
    parts = split_by_group(samples, config.split, config.seed)
    parts[0] = share_of_groups(parts[0], config.train_writers, config.seed)
    tensors = preprocessed(samples, config.preprocessing_card(), cache)
    row = {s.path: i for i, s in enumerate(samples)}
    return {name: TensorCache(part, None, tensors[[row[s.path] for s in part]])
            for name, part in zip(PARTS, parts) if part}  # a part of size 0 (no test part) is left out


def augment(batch: torch.Tensor, generator: torch.Generator, ink: bool = False) -> torch.Tensor:
    """What scanners, tablets and hands change between two signatures of one writer, applied to
    the preprocessed canvas: rotation ±6°, slant (shear) ±0.2, scale ±10 %, shift ±4 % of the
    canvas, and stroke width (one image in four thinned to its strokes' core, one in four thickened
    by a pixel). Ink colour, paper and scanner noise do not reach the canvas: the preprocessing's
    Otsu threshold and thinning remove them. On an ink canvas (`ink`), which keeps the ink's
    darkness, pens and pressure differ too: darkness scaled by 0.6–1.4, and one image in six drawn
    in one flat tone as a stylus does."""
    n = batch.shape[0]
    angle = (torch.rand(n, generator=generator) - 0.5) * math.radians(12)
    shear = (torch.rand(n, generator=generator) - 0.5) * 0.4
    scale = 1 + (torch.rand(n, generator=generator) - 0.5) * 0.2
    shift = (torch.rand(n, 2, generator=generator) - 0.5) * 0.08
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([torch.stack([cos, -sin + shear * cos, shift[:, 0]], 1),
                         torch.stack([sin, cos + shear * sin, shift[:, 1]], 1)], 1)
    grid = F.affine_grid(theta, list(batch.shape), align_corners=False)
    moved = F.grid_sample(batch, grid, align_corners=False, padding_mode="zeros")
    width = torch.rand(n, generator=generator)
    thicker = F.max_pool2d(moved, 3, 1, 1)
    thinner = -F.max_pool2d(-moved, 3, 1, 1)
    pick = width[:, None, None, None]
    strokes = torch.where(pick < 0.25, thinner, torch.where(pick > 0.75, thicker, moved))
    if not ink:
        return strokes
    tone = (0.6 + 0.8 * torch.rand(n, generator=generator))[:, None, None, None]
    flat = (torch.rand(n, generator=generator) < 1 / 6)[:, None, None, None]
    return torch.where(flat, (strokes > 0.05).float(), (strokes * tone).clamp(max=1.0))


def validate(encoder: Encoder, part: TensorCache, metric: str) -> Dict[str, Dict[str, float]]:
    """EER of every impostor kind of every set: {set: {kind: eer}}."""
    encoder.eval()
    distances = pair_distances(part.samples, embed(encoder, part.tensors), metric)
    return {name: {kind: metrics.equal_error(metrics.roc(kinds["genuine"], kinds[kind]))["eer"]
                   for kind in impostor_kinds(kinds)} for name, kinds in distances.items()}


def decisive_eer(eer: Dict[str, Dict[str, float]]) -> float:
    """The mean over sets of each set's deciding kind (skilled forgeries, else the same name)."""
    return float(np.mean([next(iter(kinds.values())) for kinds in eer.values()]))


def auxiliary_heads(features: int, identities: int) -> Dict[str, nn.Module]:
    """Heads on the backbone's features that only shape training (never exported): `writer` names
    the training identity, `forgery` tells a genuine signature from a skilled forgery (Hafemann et
    al. 2017, SigNet-F), so that the features keep what gives a forger away."""
    return {"writer": nn.Linear(features, identities), "forgery": nn.Linear(features, 1)}


def auxiliary_loss(heads: Dict[str, nn.Module], features: torch.Tensor, labels: torch.Tensor,
                   config: TrainConfig) -> torch.Tensor:
    """The heads' terms, each at its weight: cross-entropy over the identities of the genuine
    samples, and genuine-or-forged for every sample (a forgery's label is negative)."""
    loss = features.sum() * 0.0
    genuine = labels >= 0
    if config.softmax_weight > 0 and genuine.any():
        loss = loss + config.softmax_weight * F.cross_entropy(heads["writer"](features[genuine]), labels[genuine])
    if config.forgery_weight > 0:
        loss = loss + config.forgery_weight * F.binary_cross_entropy_with_logits(
            heads["forgery"](features).squeeze(1), (~genuine).float())
    return loss


def train_epoch(model: SiameseNetwork, heads: Dict[str, nn.Module], optimizer, loss_fn, train: TensorCache,
                config: TrainConfig, epoch: int, generator: torch.Generator) -> float:
    model.train()
    hard_negatives = HardNegativeTripletLoss(config.margin, config.metric)
    ink = config.pipeline == "signature-ink"
    prepare = (lambda x: augment(x, generator, ink)) if config.augment else (lambda x: x)
    if config.loss == "triplet":
        sampler = IdentityBatchSampler(train.samples, config.identities_per_batch, config.per_identity,
                                       config.identities_per_cue, seed=config.seed * 1000 + epoch,
                                       forgeries_per_identity=config.forgeries_per_identity,
                                       repeats={spec.name: spec.repeat for spec in config.sets()})
        batches = [torch.tensor(indices) for indices in sampler]
    else:
        pairs = torch.tensor(sample_pairs(train.samples, config.pairs_per_epoch, seed=config.seed * 1000 + epoch))
        batches = list(pairs.split(config.pair_batch))
    losses = []
    progress = tqdm(batches, desc=f"epoch {epoch + 1}/{config.epochs}", unit="batch", leave=False, disable=None)
    for batch in progress:
        if config.loss == "triplet":
            features = model.encoder.backbone(prepare(train.tensors[batch]))
            labels = train.labels[batch]
            embeddings = model.encoder.embed(features)
            loss = loss_fn(embeddings, labels)
            if config.hard_negative_weight > 0:
                loss = loss + config.hard_negative_weight * hard_negatives(embeddings, labels, train.imitates[batch],
                                                                          train.cues[batch])
            loss = loss + auxiliary_loss(heads, features, labels, config)
        else:
            first, second = model(prepare(train.tensors[batch[:, 0]]), prepare(train.tensors[batch[:, 1]]))
            loss = loss_fn(first, second, batch[:, 2])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        progress.set_postfix(loss=f"{np.mean(losses[-20:]):.4f}")
    return float(np.mean(losses)) if losses else 0.0


def train(config: TrainConfig, out: Path, cache: Path = None) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    torch.set_num_threads(config.threads or os.cpu_count() or 1)
    seed_everything(config.seed)
    parts = load_parts(config, cache)
    (out / "config.json").write_text(json.dumps(config.to_dict(), indent=2) + "\n")
    split = {name: sorted({s.group for s in part.samples}) for name, part in parts.items()}
    (out / "split.json").write_text(json.dumps(split, indent=1) + "\n")
    print(", ".join(f"{name}: {len(part)} images of {len(split[name])} groups" for name, part in parts.items()))

    model = SiameseNetwork(build_encoder(config))
    if config.init_from:
        state = torch.load(Path(config.init_from) / "checkpoint.pt", map_location="cpu")["state"]
        backbone = {k[len("backbone."):]: v for k, v in state.items() if k.startswith("backbone.")}
        model.encoder.backbone.load_state_dict(backbone)
        print(f"backbone initialised from {config.init_from}")
    heads = auxiliary_heads(model.encoder.backbone.out_features, len(parts["train"].identities))
    weights = {"writer": config.softmax_weight, "forgery": config.forgery_weight}
    parameters = list(model.parameters()) + [p for name, head in heads.items() if weights[name] > 0
                                             for p in head.parameters()]
    optimizer = torch.optim.AdamW(parameters, lr=config.learning_rate, weight_decay=config.weight_decay)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, config.learning_rate, total_steps=config.epochs,
                                                   pct_start=0.15)
    loss_fn = (SemiHardTripletLoss if config.loss == "triplet" else ContrastiveLoss)(config.margin, config.metric)
    generator = torch.Generator().manual_seed(config.seed)
    history, best = [], None
    for epoch in range(config.epochs):
        started = time.monotonic()
        loss = train_epoch(model, heads, optimizer, loss_fn, parts["train"], config, epoch, generator)
        schedule.step()
        eer = validate(model.encoder, parts["validation"], config.metric)
        decisive = decisive_eer(eer)
        history.append({"epoch": epoch + 1, "loss": loss, "validationEer": eer,
                        "seconds": round(time.monotonic() - started, 1)})
        figures = "; ".join((f"{name}: " if name else "") + " ".join(f"{kind} {value:.2%}" for kind, value in
                                                                      kinds.items()) for name, kinds in eer.items())
        print(f"epoch {epoch + 1}/{config.epochs} loss {loss:.4f} validation EER {figures} "
              f"({history[-1]['seconds']} s)", flush=True)
        if best is None or decisive < best["decisive"]:
            best = {"decisive": decisive, "epoch": epoch + 1, "validationEer": eer}
            torch.save({"config": config.to_dict(), "state": model.encoder.state_dict(), "epoch": epoch + 1,
                        "validationEer": eer}, out / "checkpoint.pt")
        (out / "history.json").write_text(json.dumps({"history": history, "best": best}, indent=1) + "\n")
    print(f"best epoch {best['epoch']}: validation EER {best['validationEer']}")
    return best
