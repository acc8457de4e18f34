"""The catalogue actor a speaker is or speaks for, from the mention rows inside the speaker
phrase: a catalogued person before his state or organisation, and a place named after في (the
office *in* Lebanon) only when nothing else is named."""
from __future__ import annotations

import csv
import io
from functools import lru_cache

from ..lexicons import data_text


@lru_cache(maxsize=None)
def actor_types() -> dict[str, str]:
    """actor_id → type, from the package catalogue (empty if it is not there)."""
    try:
        text = data_text("actors.csv")
    except (FileNotFoundError, OSError):
        return {}
    return {r["actor_id"]: r.get("type", "") for r in csv.DictReader(io.StringIO(text))}


def speaker_actor(text: str, mentions: list[dict], start: int | None, end: int | None, types: dict[str, str]) -> str | None:
    if start is None or end is None:
        return None
    inside = [m for m in mentions if not m.get("in_title") and start <= m["start"] and m["end"] <= end]
    if not inside:
        return None
    persons = [m for m in inside if types.get(m["actor_id"]) == "person"]
    if persons:
        return persons[-1]["actor_id"]
    not_place = [m for m in inside if not text[max(0, m["start"] - 3) : m["start"]].endswith("في ")]
    return (not_place or inside)[-1]["actor_id"]
