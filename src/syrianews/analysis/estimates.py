"""The notebooks' estimates with bootstrap intervals, resampling articles or stories.

Every function takes a frame with a ``unit`` column: the resampling unit. It is the story
(``articles.story_id``, the near-duplicate cluster, where the build has it) or else the
article, so that one wire text copied by six outlets moves the estimate once, not six times
(:func:`with_units`). Intervals are percentile intervals of :mod:`.bootstrap` replicates.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import bootstrap

UNIT = "unit"


def with_units(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with a ``unit`` column: story_id where the build has one, else article_id."""
    out = articles.copy()
    if "story_id" in out.columns and out["story_id"].notna().any():
        out[UNIT] = out["story_id"].fillna(out["article_id"])
    else:
        out[UNIT] = out["article_id"]
    return out


def unit_kind(articles: pd.DataFrame) -> str:
    return "story" if "story_id" in articles.columns and articles["story_id"].notna().any() else "article"


def _frame(result: pd.DataFrame, keys, name: str) -> pd.DataFrame:
    result.index = pd.Index(keys, name=name)
    return result


def _flag_share(rows: pd.DataFrame, flag: str, key: str, keys: pd.Index, units: pd.Index, counted: str, **kw) -> pd.DataFrame:
    """Per ``key``: the share of ``rows`` where ``flag`` is true, resampling units; ``counted``
    names the column of the denominator (articles, events)."""
    num, _ = bootstrap.unit_matrix(rows[rows[flag].astype(bool)], UNIT, key, units, keys)
    den, _ = bootstrap.unit_matrix(rows, UNIT, key, units, keys)
    res = bootstrap.ratio(num, den, **kw).rename(columns={"n": counted})
    res.insert(1, "with", num.sum(axis=0))
    return _frame(res, keys, key)


def group_share(articles: pd.DataFrame, flag: str, group: str, **kw) -> pd.DataFrame:
    """Per value of ``group`` (e.g. outlet, day): the share of its articles where ``flag`` is true."""
    keys = pd.Index(sorted(articles[group].dropna().unique()))
    return _flag_share(articles, flag, group, keys, pd.Index(articles[UNIT].unique()), "articles", **kw)


def article_share(events: pd.DataFrame, articles: pd.DataFrame, key: str, keys=None, **kw) -> pd.DataFrame:
    """Per ``key`` (e.g. actor): the share of ``articles`` with at least one event of it.

    ``events`` need article_id and ``key``; events of other articles are ignored.
    """
    arts = articles[["article_id", UNIT]]
    ev = events[["article_id", key]].dropna().drop_duplicates().merge(arts, on="article_id")
    keys = pd.Index(pd.unique(ev[key])) if keys is None else pd.Index(keys)
    units = pd.Index(arts[UNIT].unique())
    num, _ = bootstrap.unit_matrix(ev, UNIT, key, units, keys)
    per_unit = arts.groupby(UNIT).size().reindex(units).to_numpy(float)
    res = bootstrap.ratio(num, per_unit, **kw).rename(columns={"n": "articles", "value": "share"})
    res.insert(1, "with", num.sum(axis=0))
    return _frame(res, keys, key)


def event_share(events: pd.DataFrame, articles: pd.DataFrame, key: str, keys=None, **kw) -> pd.DataFrame:
    """Per ``key`` (e.g. speaker's actor): its share of all events (e.g. quotes) in ``articles``."""
    ev = events[["article_id", key]].merge(articles[["article_id", UNIT]], on="article_id")
    keys = pd.Index(pd.unique(ev[key].dropna())) if keys is None else pd.Index(keys)
    units = pd.Index(articles[UNIT].unique())
    matrix, _ = bootstrap.unit_matrix(ev.dropna(subset=[key]), UNIT, key, units, keys)
    total = len(ev)  # events without a key (e.g. unattributed quotes) stay in the denominator
    other = np.zeros((len(units), 1))
    if total > matrix.sum():
        missing = ev[ev[key].isna()]
        other[:, 0] = missing.groupby(UNIT).size().reindex(units, fill_value=0).to_numpy(float)
    res = bootstrap.column_shares(np.hstack([matrix, other]), **kw).iloc[:-1].reset_index(drop=True)
    return _frame(res, keys, key)


def event_ratio(events: pd.DataFrame, articles: pd.DataFrame, key: str, flag: str, keys=None, **kw) -> pd.DataFrame:
    """Per ``key``: the share of its events (rows of ``events``) where ``flag`` is true,
    e.g. of the accusations against an actor, those that are answered."""
    ev = events[["article_id", key, flag]].dropna(subset=[key]).merge(articles[["article_id", UNIT]], on="article_id")
    keys = pd.Index(pd.unique(ev[key])) if keys is None else pd.Index(keys)
    return _flag_share(ev, flag, key, keys, pd.Index(articles[UNIT].unique()), "events", **kw)
