"""JSON and JSON Lines: one article per record, an array of records, or an object holding one."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..records import RawRecord, Rejection
from .decode import UndecodableError, decode_bytes

# a \uD800-\uDFFF escape: JSON may spell a lone surrogate, which no UTF-8 column can hold
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")

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


def parse(text: str):
    """``json.loads``, with lone surrogates (from ``\\ud800`` escapes) replaced by U+FFFD.

    Raises ``json.JSONDecodeError``, ``RecursionError`` (nesting deeper than Python's stack) or
    ``ValueError`` (e.g. an integer of more digits than Python converts)."""
    value = json.loads(text)
    return _without_surrogates(value) if _SURROGATE_ESCAPE.search(text) else value


def _fix(s: str) -> str:
    return _SURROGATE.sub("\ufffd", s)


def _without_surrogates(value):
    """Replace lone surrogates in every string of a parsed document (keys too), iteratively:
    a document may be nested as deep as the parser allowed."""
    if isinstance(value, str):
        return _fix(value)
    if not isinstance(value, (list, dict)):
        return value
    root = [value]
    stack = [(root, 0)]
    while stack:
        container, key = stack.pop()
        item = container[key]
        if isinstance(item, str):
            container[key] = _fix(item)
        elif isinstance(item, list):
            stack.extend((item, i) for i in range(len(item)))
        elif isinstance(item, dict):
            fixed = {(_fix(k) if isinstance(k, str) else k): v for k, v in item.items()}
            container[key] = fixed
            stack.extend((fixed, k) for k in fixed)
    return root[0]


def _parse_error(e: Exception) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"{e.msg} at line {e.lineno} column {e.colno}"
    if isinstance(e, RecursionError):
        return "nested too deeply to parse"
    return str(e)


def read_json(name: str, text: str) -> Iterator[RawRecord | Rejection]:
    try:
        doc = parse(text)
    except json.JSONDecodeError as e:
        # a file of one JSON object per line is JSON Lines whatever its extension
        if e.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from read_jsonl(name, text)
            return
        yield Rejection(name, None, "malformed_json", _parse_error(e), _snippet(text))
        return
    except (RecursionError, ValueError) as e:
        yield Rejection(name, None, "malformed_json", _parse_error(e), _snippet(text))
        return
    records = _records_of(doc)
    if records is None:
        yield Rejection(name, None, "not_an_article", f"JSON document is a {type(doc).__name__}, not records", _snippet(text))
        return
    if not records:
        yield Rejection(name, None, "empty", "the file holds no records", _snippet(text))
    for i, rec in enumerate(records):
        yield _record(name, i, rec, "json")


def read_jsonl(name: str, text: str) -> Iterator[RawRecord | Rejection]:
    # lines end at \n only: a JSON string may hold U+2028 and the like, which splitlines() cuts at
    yield from _jsonl_lines(name, enumerate(text.split("\n"), start=1))


def read_jsonl_bytes(name: str, data: bytes) -> Iterator[RawRecord | Rejection]:
    """JSON Lines whose lines are not all in one encoding: each line is decoded on its own
    (UTF-8, else Arabic windows-1256); a line in neither is a rejection, the others are kept."""
    def lines() -> Iterator[tuple[int, str | Rejection]]:
        for lineno, raw in enumerate(data.split(b"\n"), start=1):
            try:
                yield lineno, raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    yield lineno, decode_bytes(raw)[0]
                except UndecodableError as e:
                    yield lineno, Rejection(name, None, "undecodable", f"line {lineno}: {e}", _snippet(raw.decode("utf-8", "replace")))

    yield from _jsonl_lines(name, lines())


def _jsonl_lines(name: str, lines) -> Iterator[RawRecord | Rejection]:
    """Records of (line number, text or rejection) pairs; a file without any is one rejection,
    so that every input file leaves a trace."""
    index = 0
    for lineno, line in lines:
        if isinstance(line, Rejection):
            yield Rejection(line.source_file, index, line.reason, line.detail, line.snippet)
            index += 1
            continue
        if not line.strip():
            continue
        try:
            rec = parse(line)
        except (json.JSONDecodeError, RecursionError, ValueError) as e:
            detail = f"{e.msg} at column {e.colno}" if isinstance(e, json.JSONDecodeError) else _parse_error(e)
            yield Rejection(name, index, "malformed_json", f"line {lineno}: {detail}", _snippet(line))
        else:
            yield _record(name, index, rec, "jsonl")
        index += 1
    if index == 0:
        yield Rejection(name, None, "empty", "the file holds no records (only blank lines)")


def _record(name: str, index: int, rec, fmt: str) -> RawRecord | Rejection:
    if not isinstance(rec, dict):
        try:
            shown = json.dumps(rec, ensure_ascii=False)
        except (RecursionError, ValueError):
            shown = ""
        return Rejection(name, index, "not_an_article", f"record is a {type(rec).__name__}, not an object", _snippet(shown))
    return RawRecord(name, index, rec, fmt)
