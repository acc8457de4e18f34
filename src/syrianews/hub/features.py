"""``datasets.Features`` of every table, derived from :mod:`syrianews.schema` (never a second
hand-written copy), and the conversion of built tables into ``datasets.Dataset`` objects.

Only the contract's closed vocabularies become ``ClassLabel``s: ``kind`` of quotes
(direct/indirect) and of accusations (accuse/deny/condemn). Open vocabularies (``form``,
``speech_act``, reject ``reason``, actor ``type``) stay strings, since a user catalogue or a
new rule may add values. The Parquet files keep the strings; ``datasets`` encodes them into
label ids when it loads them with these features."""
from __future__ import annotations

import pyarrow as pa

from ..schema import TABLES
from . import require

# Label names in id order; ids are part of the published dataset, so only ever append.
CLASS_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "quotes": {"kind": ("direct", "indirect")},
    "accusations": {"kind": ("accuse", "deny", "condemn")},
}


def features(table: str):
    """The ``datasets.Features`` of one table: its Arrow schema, with class labels where declared."""
    datasets = require("datasets")
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    feats = datasets.Features.from_arrow_schema(TABLES[table])
    for column, names in CLASS_LABELS.get(table, {}).items():
        feats[column] = datasets.ClassLabel(names=list(names))
    return feats


def unknown_labels(table: str, data: pa.Table) -> dict[str, list[str]]:
    """Values of class-label columns that the declared names do not cover (empty when all fit)."""
    bad: dict[str, list[str]] = {}
    for column, names in CLASS_LABELS.get(table, {}).items():
        values = {v for v in data.column(column).to_pylist() if v is not None}
        extra = sorted(values - set(names))
        if extra:
            bad[column] = extra
    return bad


def check_labels(table: str, data: pa.Table) -> None:
    """Fail before export rather than let ``datasets`` fail at load time on an undeclared label."""
    bad = unknown_labels(table, data)
    if bad:
        detail = "; ".join(f"{col}: {', '.join(vals)}" for col, vals in bad.items())
        raise ValueError(
            f"table {table!r} holds values outside its class labels ({detail}); "
            "append them to CLASS_LABELS in syrianews/hub/features.py"
        )
