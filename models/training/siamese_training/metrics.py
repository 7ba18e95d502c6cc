"""Verification figures from genuine and impostor distances: ROC, EER, FAR/FRR, TAR at fixed FAR.

A pair is accepted when distance <= threshold (the service's rule), so at threshold t
FAR = share of impostor distances <= t and FRR = share of genuine distances > t. The curve is
scikit-learn's `roc_curve` on the negated distances (it accepts scores >= t); the operating
points on it (EER, TAR at a FAR, the mean curve of several sets) are chosen here, because
scikit-learn has no EER and the card states which threshold each figure belongs to.
"""
from dataclasses import dataclass
from typing import Dict, List, Sequence

import numpy as np
from sklearn.metrics import roc_curve


@dataclass
class Roc:
    thresholds: np.ndarray  # ascending, the first -inf (nothing accepted)
    far: np.ndarray
    frr: np.ndarray

    @property
    def tar(self) -> np.ndarray:
        return 1.0 - self.frr

    def at(self, thresholds: np.ndarray) -> "Roc":
        """The same curve read at other thresholds (a step function: each the last point at or below)."""
        index = point_at(self.thresholds, thresholds)
        return Roc(np.asarray(thresholds), self.far[index], self.frr[index])


def point_at(curve_thresholds: np.ndarray, thresholds) -> np.ndarray:
    """The index of the last point at or below each threshold. Below the first point nothing is
    accepted, as at the first point: its threshold is not always -inf (older scikit-learn puts the
    highest score + 1 there), and an index of -1 would read the curve's last point instead."""
    return np.maximum(np.searchsorted(curve_thresholds, thresholds, side="right") - 1, 0)


def roc(genuine: np.ndarray, impostor: np.ndarray) -> Roc:
    genuine = np.asarray(genuine, dtype=np.float64)
    impostor = np.asarray(impostor, dtype=np.float64)
    if genuine.size == 0 or impostor.size == 0:
        raise ValueError(f"need genuine and impostor pairs, have {genuine.size} and {impostor.size}")
    labels = np.concatenate([np.ones(genuine.size), np.zeros(impostor.size)])
    fpr, tpr, scores = roc_curve(labels, -np.concatenate([genuine, impostor]), drop_intermediate=False)
    # scores descend from +inf (accept nothing); as distances they ascend from -inf
    return Roc(-scores, fpr, 1.0 - tpr)


def mean_curve(curves: Sequence[Roc]) -> Roc:
    """FAR and FRR averaged over several curves at every threshold of any of them: the operating
    points of one threshold shared by sets of different sizes, each set weighing the same."""
    thresholds = np.unique(np.concatenate([c.thresholds for c in curves]))
    read = [c.at(thresholds) for c in curves]
    return Roc(thresholds, np.mean([r.far for r in read], axis=0), np.mean([r.frr for r in read], axis=0))


def rates_at(curve: Roc, threshold: float) -> Dict[str, float]:
    index = int(point_at(curve.thresholds, threshold))
    return {"threshold": float(threshold), "far": float(curve.far[index]), "frr": float(curve.frr[index])}


def equal_error(curve: Roc) -> Dict[str, float]:
    """The operating point where FAR and FRR cross: of the two thresholds either side of the
    crossing, the one where they are closest; EER is the mean of FAR and FRR there. When the
    classes separate completely, the threshold lies halfway to the first impostor distance."""
    index = int(np.argmax(curve.far >= curve.frr))
    best = min((index, max(index - 1, 0)), key=lambda i: abs(curve.far[i] - curve.frr[i]))
    threshold = curve.thresholds[best]
    if curve.far[best] == 0 and curve.frr[best] == 0 and best + 1 < len(curve.thresholds):
        threshold = (threshold + curve.thresholds[best + 1]) / 2
    return {"eer": float((curve.far[best] + curve.frr[best]) / 2), "threshold": float(threshold),
            "far": float(curve.far[best]), "frr": float(curve.frr[best])}


def at_far(curve: Roc, target: float) -> Dict[str, float]:
    """The largest threshold whose FAR <= target, with its TAR (the best TAR at that FAR)."""
    allowed = np.flatnonzero(curve.far <= target)
    index = int(allowed[-1])
    return {"targetFar": target, "threshold": float(curve.thresholds[index]),
            "far": float(curve.far[index]), "tar": float(curve.tar[index])}


def report(genuine: np.ndarray, impostor: np.ndarray, thresholds: List[float]) -> dict:
    curve = roc(genuine, impostor)
    return {
        "pairs": {"genuine": int(len(genuine)), "impostor": int(len(impostor))},
        "eer": equal_error(curve),
        "atThresholds": [rates_at(curve, t) for t in thresholds],
        "atFar": [at_far(curve, target) for target in (1e-2, 1e-3)],
        "distances": {"genuineMean": float(np.mean(genuine)), "impostorMean": float(np.mean(impostor))},
    }


def plot(curves: Dict[str, Roc], path, title: str) -> None:
    """ROC (TAR against FAR, log FAR) and DET (FRR against FAR, log-log) side by side, as PNG."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    for name, curve in curves.items():
        far = np.clip(curve.far, 1e-5, 1)
        left.plot(far, curve.tar, label=name)
        right.plot(far, np.clip(curve.frr, 1e-5, 1), label=name)
    left.set(xscale="log", xlabel="false accept rate", ylabel="true accept rate", title="ROC", ylim=(0, 1.01))
    right.set(xscale="log", yscale="log", xlabel="false accept rate", ylabel="false reject rate", title="DET")
    for axis in (left, right):
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(loc="best")
    figure.suptitle(title)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
