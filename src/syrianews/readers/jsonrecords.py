"""JSON and JSON Lines: one article per record, an array of records, or an object holding one."""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..records import RawRecord, Rejection

_CONTAINER_KEYS = ("articles", "data", "records", "items", "results", "docs")


def _snippet(text: str, n: int = 120) -> str:
    return text[:n].replace("\n", " ")


def _records_of(value) -> list | None:
    """The list of records a parsed JSON document holds (None if it holds no list)."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in _CONTAINER_KEYS:
            if isinstance(value.get(key), list):
                return value[key]
        return [value]
    return None


def read_json(name: str, text: str) -> Iterator[RawRecord | Rejection]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        # a file of one JSON object per line is JSON Lines whatever its extension
        if e.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from read_jsonl(name, text)
            return
        yield Rejection(name, None, "malformed_json", f"{e.msg} at line {e.lineno} column {e.colno}", _snippet(text))
        return
    records = _records_of(doc)
    if records is None:
        yield Rejection(name, None, "not_an_article", f"JSON document is a {type(doc).__name__}, not records", _snippet(text))
        return
    for i, rec in enumerate(records):
        yield _record(name, i, rec, "json")


def read_jsonl(name: str, text: str) -> Iterator[RawRecord | Rejection]:
    index = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejection(name, index, "malformed_json", f"line {lineno}: {e.msg} at column {e.colno}", _snippet(line))
        else:
            yield _record(name, index, rec, "jsonl")
        index += 1


def _record(name: str, index: int, rec, fmt: str) -> RawRecord | Rejection:
    if not isinstance(rec, dict):
        return Rejection(name, index, "not_an_article", f"record is a {type(rec).__name__}, not an object", _snippet(json.dumps(rec, ensure_ascii=False)))
    return RawRecord(name, index, rec, fmt)
