"""Folds of the reference articles, and the figures per fold with their mean and spread.

The assignment is a rule, not a random draw, so anyone can recompute it: the reference
articles sorted by the SHA-1 hex digest of their URL (UTF-8), fold = rank mod k."""
from __future__ import annotations

import hashlib
import json
import statistics
from pathlib import Path
from typing import Any

N_FOLDS = 5
METRICS = ("actors", "direct", "indirect", "any_quote", "accused", "accusation_triple")
PARTS = ("precision", "recall", "f1")


def assign_folds(urls: list[str], k: int = N_FOLDS) -> dict[str, int]:
    """url → fold by the rule above; URLs must be unique."""
    if len(set(urls)) != len(urls):
        raise ValueError("reference URLs are not unique: folds are assigned by URL")
    ranked = sorted(urls, key=lambda u: hashlib.sha1(u.encode("utf-8")).hexdigest())
    return {u: rank % k for rank, u in enumerate(ranked)}


def load_folds(path: str | Path) -> dict[str, int]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, int) for v in data.values()):
        raise ValueError(f"{path}: expected a JSON object url → fold number")
    return data


def fold_of(gold: list[dict[str, Any]], folds: dict[str, int]) -> list[int]:
    """The fold of each reference article; every article must have one."""
    missing = [g.get("url") or g["title"] for g in gold if g.get("url") not in folds]
    if missing:
        raise ValueError(f"{len(missing)} reference article(s) have no fold, e.g. {missing[0]}")
    return [folds[g["url"]] for g in gold]


def mean_sd(values: list[float], digits: int = 3) -> dict[str, float]:
    """Mean and sample standard deviation (n - 1) of per-fold values."""
    mean = statistics.fmean(values) if values else 0.0
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return {"mean": round(mean, digits), "sd": round(sd, digits)}


def cross_validated(per_fold: dict[str, dict[str, Any]], digits: int = 3) -> dict[str, Any]:
    """Mean ± sd over the folds of each metric's precision, recall and F1, and of speaker accuracy.

    ``per_fold`` holds unrounded results (see :func:`metrics.summarise` with ``digits=None``)."""
    folds = list(per_fold.values())
    out: dict[str, Any] = {}
    for m in METRICS:
        # a fold says nothing about precision when nothing was predicted, nor about recall when
        # there was nothing to find: such folds are left out of that mean (score.py reports 0.0)
        defined = {
            "precision": [f[m] for f in folds if f[m]["tp"] + f[m]["fp"]],
            "recall": [f[m] for f in folds if f[m]["tp"] + f[m]["fn"]],
            "f1": [f[m] for f in folds if f[m]["tp"] + f[m]["fp"] + f[m]["fn"]],
        }
        out[m] = {p: {**mean_sd([s[p] for s in defined[p]], digits), "folds": len(defined[p])} for p in PARTS}
    spoken = [f["speaker_accuracy"] for f in folds if f["speaker_n"]]
    out["speaker_accuracy"] = {**mean_sd(spoken, digits), "folds": len(spoken)}
    out["folds"] = len(folds)
    return out
