"""``syrianews validate BUILD``: is this build folder fit to cite and to publish?

Checks, each a kind of :class:`Problem`:

- ``missing``: a table or the manifest is absent or unreadable;
- ``schema``: a table's columns (names, order, types) differ from :mod:`syrianews.schema`;
- ``duplicate_id`` / ``null_id``: an id column (``article_id``, ``mention_id``, ...) repeats or is empty;
- ``reference``: a row points to an article, actor, quote or accusation that is not there;
- ``offset``: a span is outside its text, or the text at the offsets is not the row's surface;
- ``manifest``: the manifest's counts disagree with the tables (rows per table, rejects per
  reason, duplicates, records = articles + rejects).

:func:`span_problems` checks one row's offsets; the build, the property tests and this command
share it, so "offsets are right" means one thing everywhere.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .schema import TABLES

# (table, id column) that must be unique and non-null
IDS = {"articles": "article_id", "actors": "actor_id", "mentions": "mention_id", "quotes": "quote_id", "accusations": "accusation_id"}
# (table, column) -> (table, column) it refers to; nulls are allowed
REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("mentions", "article_id"): ("articles", "article_id"),
    ("quotes", "article_id"): ("articles", "article_id"),
    ("accusations", "article_id"): ("articles", "article_id"),
    ("links", "article_id"): ("articles", "article_id"),
    ("links", "target_article_id"): ("articles", "article_id"),
    ("rejects", "duplicate_of"): ("articles", "article_id"),
    ("errors", "article_id"): ("articles", "article_id"),
    ("mentions", "actor_id"): ("actors", "actor_id"),
    ("quotes", "speaker_actor_id"): ("actors", "actor_id"),
    ("accusations", "accuser_actor_id"): ("actors", "actor_id"),
    ("accusations", "accused_actor_id"): ("actors", "actor_id"),
    ("accusations", "accuser_body_id"): ("actors", "actor_id"),
    ("accusations", "accused_body_id"): ("actors", "actor_id"),
    ("accusations", "quote_id"): ("quotes", "quote_id"),
    ("accusations", "answers_accusation_id"): ("accusations", "accusation_id"),
    ("actors", "affiliation"): ("actors", "actor_id"),
}
# tables whose rows carry offsets into their article's body (or title)
SPAN_TABLES = ("mentions", "quotes", "accusations")
MAX_LISTED = 20  # problems of one kind and table listed one by one; the rest are counted


@dataclass(frozen=True)
class Problem:
    kind: str
    table: str
    message: str

    def __str__(self) -> str:
        return f"{self.table}: {self.kind}: {self.message}"


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _span(src: str, start: Any, end: Any, what: str) -> str | None:
    if not (_is_int(start) and _is_int(end)):
        return f"{what} offsets {start!r}..{end!r} are not integers"
    if not 0 <= start <= end <= len(src):
        return f"{what} offsets {start}..{end} are outside the text (length {len(src)})"
    return None


def span_problems(table: str, row: dict[str, Any], body: str, title: str | None) -> list[str]:
    """What is wrong with the offsets of one row of ``table`` (empty: nothing)."""
    out: list[str] = []
    title = title or ""
    if table == "mentions":
        src = title if row.get("in_title") else body
        where = "title" if row.get("in_title") else "body"
        bad = _span(src, row.get("start"), row.get("end"), where)
        if bad:
            out.append(bad)
        elif row["start"] == row["end"]:
            out.append(f"empty mention at {row['start']}")
        elif src[row["start"]:row["end"]] != row.get("surface"):
            out.append(f"{where}[{row['start']}:{row['end']}] is {src[row['start']:row['end']]!r}, not the surface {row.get('surface')!r}")
    elif table == "quotes":
        bad = _span(body, row.get("start"), row.get("end"), "body")
        if bad:
            out.append(bad)
        elif body[row["start"]:row["end"]] != row.get("text"):
            out.append(f"body[{row['start']}:{row['end']}] is not the quote's text")
        vs = row.get("verb_start")
        if vs is not None:
            if not _is_int(vs) or not 0 <= vs <= len(body) or not body.startswith(row.get("verb") or "", vs) or not row.get("verb"):
                out.append(f"verb {row.get('verb')!r} is not at body offset {vs!r}")
        ss, se = row.get("speaker_start"), row.get("speaker_end")
        if (ss is None) != (se is None):
            out.append("speaker_start and speaker_end must be both set or both null")
        elif ss is not None:
            bad = _span(body, ss, se, "speaker")
            if bad:
                out.append(bad)
    elif table == "accusations":
        ts, te = row.get("trigger_start"), row.get("trigger_end")
        if ts is not None or te is not None:
            src = title if row.get("in_title") else body
            where = "title" if row.get("in_title") else "body"
            bad = _span(src, ts, te, f"trigger ({where})")
            if bad:
                out.append(bad)
            elif src[ts:te] != row.get("trigger"):
                out.append(f"{where}[{ts}:{te}] is {src[ts:te]!r}, not the trigger {row.get('trigger')!r}")
    return out


class _Report:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._counts: Counter[tuple[str, str]] = Counter()

    def add(self, kind: str, table: str, message: str) -> None:
        self._counts[kind, table] += 1
        if self._counts[kind, table] <= MAX_LISTED:
            self.problems.append(Problem(kind, table, message))

    def finish(self) -> list[Problem]:
        for (kind, table), n in sorted(self._counts.items()):
            if n > MAX_LISTED:
                self.problems.append(Problem(kind, table, f"... and {n - MAX_LISTED:,} more {kind} problems"))
        return self.problems


def _table_files(folder: Path, name: str) -> list[Path]:
    """A table's Parquet files: ``<name>.parquet`` (a file or a folder of parts), or the
    shards of an export (``<name>/*.parquet``), in name order."""
    path = folder / f"{name}.parquet"
    if path.is_file():
        return [path]
    for d in (path, folder / name):
        if d.is_dir():
            return sorted(d.rglob("*.parquet"))
    return []


def _read(folder: Path, name: str, report: _Report) -> pa.Table | None:
    files = _table_files(folder, name)
    if not files:
        report.add("missing", name, f"{name}.parquet is missing")
        return None
    path = files[0]
    try:
        table = pa.concat_tables([pq.read_table(f) for f in files]) if len(files) > 1 else pq.read_table(path)
    except Exception as e:  # noqa: BLE001 - a corrupt file is a problem to report, whatever arrow says
        report.add("missing", name, f"{path.relative_to(folder)} cannot be read: {type(e).__name__}: {e}")
        return None
    want = TABLES[name]
    if table.schema.names != want.names:
        missing = [n for n in want.names if n not in table.schema.names]
        extra = [n for n in table.schema.names if n not in want.names]
        detail = (f"missing {missing}" if missing else "") + (f" extra {extra}" if extra else "") or "columns in another order"
        report.add("schema", name, f"columns differ from the package's schema: {detail.strip()} (rebuild with this version)")
        return None
    for field in want:
        got = table.schema.field(field.name).type
        if got != field.type:
            report.add("schema", name, f"column {field.name} is {got}, expected {field.type} (rebuild with this version)")
            return None
    return table


def _column(table: pa.Table, name: str) -> list:
    return table.column(name).to_pylist()


def validate_build(folder: str | Path) -> list[Problem]:
    """Every problem found in the build at ``folder`` (empty list: valid)."""
    folder = Path(folder)
    report = _Report()
    if not folder.is_dir():
        return [Problem("missing", "build", f"{folder} is not a folder")]
    tables = {name: _read(folder, name, report) for name in TABLES}
    _check_ids(tables, report)
    _check_references(tables, report)
    _check_spans(tables, report)
    _check_manifest(folder, tables, report)
    return report.finish()


def _check_ids(tables: dict[str, pa.Table | None], report: _Report) -> None:
    for name, col in IDS.items():
        t = tables.get(name)
        if t is None:
            continue
        values = _column(t, col)
        nulls = sum(v is None or v == "" for v in values)
        if nulls:
            report.add("null_id", name, f"{nulls:,} rows without {col}")
        for value, n in Counter(v for v in values if v).items():
            if n > 1:
                report.add("duplicate_id", name, f"{col} {value!r} appears {n} times")


def _check_references(tables: dict[str, pa.Table | None], report: _Report) -> None:
    keys: dict[tuple[str, str], set] = {}
    for (table, col), (target, key) in REFERENCES.items():
        t, u = tables.get(table), tables.get(target)
        if t is None or u is None or col not in t.schema.names:
            continue
        if (target, key) not in keys:
            keys[target, key] = set(_column(u, key))
        known = keys[target, key]
        for i, value in enumerate(_column(t, col)):
            if value is not None and value not in known:
                report.add("reference", table, f"row {i}: {col} {value!r} is not a {key} of {target}")


def _check_spans(tables: dict[str, pa.Table | None], report: _Report) -> None:
    arts = tables.get("articles")
    if arts is None:
        return
    texts = {a: (b, t) for a, b, t in zip(_column(arts, "article_id"), _column(arts, "body"), _column(arts, "title"))}
    for name in SPAN_TABLES:
        t = tables.get(name)
        if t is None:
            continue
        for i, row in enumerate(t.to_pylist()):
            text = texts.get(row.get("article_id"))
            if text is None:
                continue  # reported as a reference problem
            body, title = text
            for message in span_problems(name, row, body or "", title):
                report.add("offset", name, f"row {i} ({IDS.get(name, 'id')} {row.get(IDS.get(name, ''))}): {message}")


def _check_manifest(folder: Path, tables: dict[str, pa.Table | None], report: _Report) -> None:
    path = folder / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        report.add("missing", "manifest", "manifest.json is missing")
        return
    except (OSError, ValueError) as e:
        report.add("missing", "manifest", f"manifest.json cannot be read: {e}")
        return
    counts = manifest.get("counts") or {}
    for name, t in tables.items():
        if t is None:
            continue
        if name not in counts:
            report.add("manifest", name, "the manifest has no count for this table")
        elif counts[name] != t.num_rows:
            report.add("manifest", name, f"the manifest counts {counts[name]:,} rows, the table has {t.num_rows:,}")
    arts, rejects = tables.get("articles"), tables.get("rejects")
    if arts is not None and rejects is not None:
        if "records" in manifest and manifest["records"] != arts.num_rows + rejects.num_rows:
            report.add("manifest", "rejects", f"{manifest['records']:,} records read, but {arts.num_rows:,} articles + {rejects.num_rows:,} rejects: records are lost or counted twice")
        reasons = Counter(_column(rejects, "reason"))
        if "rejects" in manifest and dict(reasons) != {k: v for k, v in manifest["rejects"].items() if v}:
            report.add("manifest", "rejects", f"reject reasons in the manifest {manifest['rejects']} differ from the table's {dict(sorted(reasons.items()))}")
        if "duplicates" in manifest and manifest["duplicates"] != reasons.get("duplicate", 0):
            report.add("manifest", "rejects", f"the manifest counts {manifest['duplicates']:,} duplicates, the table has {reasons.get('duplicate', 0):,}")


class InvalidBuildError(ValueError):
    """A build that ``validate`` finds problems in: it must not be exported or published."""

    def __init__(self, folder: Path, problems: list[Problem]):
        self.folder, self.problems = folder, problems
        shown = "\n".join(f"  - {p}" for p in problems[:10]) + (f"\n  ... {len(problems) - 10} more" if len(problems) > 10 else "")
        super().__init__(f"{folder} is not a valid build ({len(problems)} problems; run `syrianews validate {folder}`):\n{shown}")


def require_valid(folder: str | Path) -> None:
    """Raise :class:`InvalidBuildError` unless the build at ``folder`` validates."""
    problems = validate_build(folder)
    if problems:
        raise InvalidBuildError(Path(folder), problems)
