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
        # a fold with nothing to find and nothing found says nothing about this metric
        scored = [f[m] for f in folds if f[m].get("tp", 0) + f[m].get("fp", 0) + f[m].get("fn", 0) or "tp" not in f[m]]
        out[m] = {p: mean_sd([s[p] for s in scored], digits) for p in PARTS}
        out[m]["folds"] = len(scored)
    out["speaker_accuracy"] = mean_sd([f["speaker_accuracy"] for f in folds if f.get("speaker_n", 1)], digits)
    out["folds"] = len(folds)
    return out
