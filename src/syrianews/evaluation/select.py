"""The raw records of the reference articles, picked out of a corpus by URL.

``make evaluate`` builds only these records (seconds, not the minutes of a whole-corpus build)
and scores that build; it needs nothing but the gold file and the corpus the gold was drawn
from (``../shared/corpora/saudinewsnet`` or a copy in ``data/raw``)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..lexicons import json_data
from ..readers import input_files, iter_file
from ..records import RawRecord


def record_url(fields: dict[str, Any]) -> str | None:
    """The URL of a raw record under any of the field names the readers accept."""
    lowered = {str(k).lower(): v for k, v in fields.items()}
    for name in json_data("fields.json")["url"]:
        value = lowered.get(name.lower())
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def select_records(inputs: Iterable[str | Path], urls: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """(raw records in the order of ``urls``, URLs not found); the first record of a URL wins."""
    wanted = set(urls)
    found: dict[str, dict[str, Any]] = {}
    for path, name in input_files([Path(p) for p in inputs]):
        for rec in iter_file(path, name):
            if not isinstance(rec, RawRecord):
                continue
            url = record_url(rec.fields)
            if url in wanted and url not in found:
                found[url] = rec.fields
        if len(found) == len(wanted):
            break
    return [found[u] for u in urls if u in found], [u for u in urls if u not in found]


def write_gold_records(inputs: Iterable[str | Path], gold: list[dict[str, Any]], out: str | Path) -> list[str]:
    """Write the reference articles' raw records as JSON Lines; returns the URLs not found."""
    urls = [g["url"] for g in gold if g.get("url")]
    records, missing = select_records(inputs, urls)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
    tmp.replace(out)
    return missing
