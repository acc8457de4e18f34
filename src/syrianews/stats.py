"""Per-step statistics of a build (as datatrove's ``stat_update``): time, rows, drops by reason.

Each worker keeps its own :class:`Stats`; they are merged (summed) into the manifest's
``steps``, so one build tells where its time went and where records were dropped, step by
step, without a separate benchmark run per stage.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Stats:
    """Counters per step: ``seconds``, ``in``, ``out``, ``rows`` per table, ``dropped`` per reason."""

    def __init__(self) -> None:
        self.steps: dict[str, dict[str, Any]] = {}

    def _step(self, step: str) -> dict[str, Any]:
        s = self.steps.get(step)
        if s is None:
            s = self.steps[step] = {"seconds": 0.0, "in": 0, "out": 0, "rows": {}, "dropped": {}}
        return s

    def stat_update(self, step: str, key: str, value: int | float = 1) -> None:
        """Add ``value`` to the counter ``key`` (``in``, ``out``, ``seconds``) of ``step``."""
        s = self._step(step)
        s[key] = s.get(key, 0) + value

    def rows(self, step: str, table: str, n: int) -> None:
        r = self._step(step)["rows"]
        r[table] = r.get(table, 0) + n

    def drop(self, step: str, reason: str, n: int = 1) -> None:
        d = self._step(step)["dropped"]
        d[reason] = d.get(reason, 0) + n

    @contextmanager
    def timer(self, step: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self._step(step)["seconds"] += time.perf_counter() - t0

    def merge(self, other: "Stats | dict[str, dict[str, Any]]") -> "Stats":
        """Sum another worker's stats into these (steps keep their first-seen order)."""
        steps = other.steps if isinstance(other, Stats) else other
        for name, o in steps.items():
            s = self._step(name)
            for key, value in o.items():
                if isinstance(value, dict):
                    for k, v in value.items():
                        s[key][k] = s[key].get(k, 0) + v
                else:
                    s[key] = s.get(key, 0) + value
        return self

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """For the manifest: seconds rounded, empty fields left out, reasons sorted."""
        out: dict[str, dict[str, Any]] = {}
        for name, s in self.steps.items():
            d: dict[str, Any] = {"seconds": round(s["seconds"], 3)}
            for key, value in s.items():
                if key == "seconds":
                    continue
                if isinstance(value, dict):
                    if value:
                        d[key] = dict(sorted(value.items()))
                elif value:
                    d[key] = value
            out[name] = d
        return out
