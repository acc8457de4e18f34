"""Bootstrap intervals over articles (or stories) for the notebooks' shares and counts.

Why: every count in the notebooks comes from imperfect extraction over a sample of news, so a
bar without an interval invites reading noise as a finding. The unit resampled is the article
(or, where the build has near-duplicate clusters, the story, so one wire text copied by six
outlets is one draw, not six): each replicate draws as many units as there are, with
replacement, and recomputes the statistic; the interval is the 2.5-97.5 percentile range of
``n_boot`` replicates (percentile bootstrap, fixed seed, so figures are reproducible).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

N_BOOT = 400
SEED = 14
LEVEL = 0.95


def replicate_weights(n_units: int, n_boot: int = N_BOOT, seed: int = SEED):
    """Yield, per replicate, how many times each of ``n_units`` units is drawn (sums to n_units)."""
    rng = np.random.default_rng(seed)
    for _ in range(n_boot):
        # float weights: an int @ float product skips BLAS and is ~20x slower
        yield np.bincount(rng.integers(0, n_units, n_units), minlength=n_units).astype(float)


CHUNK = 50


def replicate_sums(matrix: np.ndarray, n_boot: int = N_BOOT, seed: int = SEED) -> np.ndarray:
    """Column sums of ``matrix`` (units × keys) in each replicate: an ``n_boot`` × keys array.

    Replicates are computed in chunks as one matrix product each (a few BLAS calls rather than
    one per replicate, which matters on a busy machine); the draws are those of
    :func:`replicate_weights`, so results do not depend on the chunking.
    """
    matrix = np.asarray(matrix, dtype=float)
    if matrix.ndim == 1:
        matrix = matrix[:, None]
    out, batch = [], []
    for w in replicate_weights(len(matrix), n_boot, seed):
        batch.append(w)
        if len(batch) == CHUNK:
            out.append(np.vstack(batch) @ matrix)
            batch = []
    if batch:
        out.append(np.vstack(batch) @ matrix)
    return np.vstack(out) if out else np.zeros((0, matrix.shape[1]))


def unit_matrix(events: pd.DataFrame, unit: str, key: str, units: pd.Index, keys: pd.Index | None = None,
                weight: str | None = None) -> tuple[np.ndarray, pd.Index]:
    """Units × keys matrix of event counts (or summed ``weight``), rows in the order of ``units``."""
    keys = pd.Index(pd.unique(events[key])) if keys is None else keys
    matrix = np.zeros((len(units), len(keys)))
    if len(events):
        rows = units.get_indexer(events[unit])
        cols = keys.get_indexer(events[key])
        ok = (rows >= 0) & (cols >= 0)
        vals = events[weight].to_numpy(float) if weight else np.ones(len(events))
        np.add.at(matrix, (rows[ok], cols[ok]), vals[ok])
    return matrix, keys


def interval(replicates: np.ndarray, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of bootstrap replicates (rows: replicates)."""
    tail = (1 - level) / 2 * 100
    return np.nanpercentile(replicates, tail, axis=0), np.nanpercentile(replicates, 100 - tail, axis=0)


def share_of_units(present: np.ndarray, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """Share of units (rows) in which each column is present (> 0), with its interval.

    ``present`` is units × keys; returns one row per column: n, share, lo, hi.
    """
    flags = (present > 0).astype(float)
    n_units = len(flags)
    n = flags.sum(axis=0)
    if n_units == 0:
        empty = np.full(flags.shape[1], np.nan)
        return pd.DataFrame({"n": n, "share": empty, "lo": empty, "hi": empty})
    reps = replicate_sums(flags, n_boot, seed) / n_units
    lo, hi = interval(reps)
    return pd.DataFrame({"n": n, "share": n / n_units, "lo": lo, "hi": hi})


def totals(matrix: np.ndarray, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """Column totals of a units × keys matrix of counts, with their intervals (units resampled)."""
    total = matrix.sum(axis=0)
    if len(matrix) == 0:
        return pd.DataFrame({"n": total, "lo": total, "hi": total})
    reps = replicate_sums(matrix, n_boot, seed)
    lo, hi = interval(reps)
    return pd.DataFrame({"n": total, "lo": lo, "hi": hi})


def column_shares(matrix: np.ndarray, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """Each column's share of the grand total (e.g. of all quotes), with intervals (units resampled)."""
    total = matrix.sum()
    share = matrix.sum(axis=0) / total if total else np.full(matrix.shape[1], np.nan)
    if len(matrix) == 0 or not total:
        return pd.DataFrame({"n": matrix.sum(axis=0), "share": share, "lo": share, "hi": share})
    sums = replicate_sums(matrix, n_boot, seed)
    totals_ = sums.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        reps = np.where(totals_ > 0, sums / np.where(totals_ > 0, totals_, 1), np.nan)
    lo, hi = interval(reps)
    return pd.DataFrame({"n": matrix.sum(axis=0), "share": share, "lo": lo, "hi": hi})


def ratio(numerator: np.ndarray, denominator: np.ndarray, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """Per column, sum(numerator) / sum(denominator) over units, with intervals (units resampled
    together, so the two stay paired): e.g. the share of accusations against an actor that are answered.
    A 1-D ``denominator`` (one value per unit) is shared by every column."""
    if denominator.ndim == 1:
        denominator = denominator[:, None]  # broadcast below: one matrix-vector product, not one per column
    num, den = numerator.sum(axis=0), np.broadcast_to(denominator.sum(axis=0), numerator.shape[1:])
    with np.errstate(invalid="ignore", divide="ignore"):
        est = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)
        if len(numerator) == 0:
            return pd.DataFrame({"n": den, "value": est, "lo": est, "hi": est})
        n_reps = replicate_sums(numerator, n_boot, seed)
        d_reps = np.broadcast_to(replicate_sums(denominator, n_boot, seed), n_reps.shape)
        reps = np.where(d_reps > 0, n_reps / np.where(d_reps > 0, d_reps, 1), np.nan)
    lo, hi = interval(reps)
    return pd.DataFrame({"n": den, "value": est, "lo": lo, "hi": hi})


def errorbars(frame: pd.DataFrame, value: str, scale: float = 1.0) -> np.ndarray:
    """The 2 × n array of (below, above) distances that matplotlib's ``xerr``/``yerr`` expect."""
    v = frame[value].to_numpy(float)
    below = np.clip(v - frame["lo"].to_numpy(float), 0, None)
    above = np.clip(frame["hi"].to_numpy(float) - v, 0, None)
    return np.vstack([below, above]) * scale
