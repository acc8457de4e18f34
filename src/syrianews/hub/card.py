"""The Hub dataset card (README.md): a YAML header built with ``huggingface_hub``'s card
classes and ``datasets``' own serialisers (one config per table, typed features), and a body
rendered from the template ``data/dataset_card.md`` with figures read from the build's
manifest, the package's cross-validated extraction quality (``data/evaluation_cv.json``,
written by ``make evaluate``) and, when present, the build's own ``evaluation.json``.
Nothing here invents a figure: what is not recorded is reported as not recorded."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from string import Template
from typing import Any

from ..evaluation.report import ROWS as EVAL_ROWS, quality_markdown, stored_result
from ..schema import DESCRIPTIONS
from . import require
from .features import CLASS_LABELS, features

SPLIT = "train"
MAX_LISTED_INPUTS = 30
# Hub size categories, by number of examples (here: articles, the unit of the corpus)
SIZE_CATEGORIES = [
    (1_000, "n<1K"),
    (10_000, "1K<n<10K"),
    (100_000, "10K<n<100K"),
    (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"),
    (100_000_000, "10M<n<100M"),
    (1_000_000_000, "100M<n<1B"),
]
EVAL_METRICS = EVAL_ROWS  # one list of metrics and labels, shared with the evaluation report


@dataclass(frozen=True)
class TableFiles:
    """One exported table: its name, row count, byte size and files (relative to the export)."""

    name: str
    rows: int
    nbytes: int
    files: tuple[str, ...]

    @property
    def pattern(self) -> str:
        return f"{self.name}/{SPLIT}-*.parquet"


def settings() -> dict[str, Any]:
    """Card settings that are data, not code: license, task categories, citation, ..."""
    return json.loads(resources.files("syrianews").joinpath("data/hub_card.json").read_text(encoding="utf-8"))


def template() -> str:
    return resources.files("syrianews").joinpath("data/dataset_card.md").read_text(encoding="utf-8")


def size_category(n: int) -> str:
    for limit, name in SIZE_CATEGORIES:
        if n < limit:
            return name
    return "1B<n<10B"  # far beyond any news corpus this package reads


def card_data(tables: list[TableFiles], conf: dict[str, Any]):
    """The YAML header: metadata, one config per table (data_files) and its typed features."""
    hub = require("huggingface_hub")
    datasets = require("datasets")
    from datasets.info import DatasetInfo, DatasetInfosDict
    from datasets.utils.metadata import MetadataConfigs

    n_articles = next((t.rows for t in tables if t.name == "articles"), 0)
    data = hub.DatasetCardData(
        language=list(conf["language"]),
        license=conf["license"],
        multilinguality=conf.get("multilinguality"),
        language_creators=conf.get("language_creators"),
        annotations_creators=conf.get("annotations_creators"),
        task_categories=list(conf["task_categories"]),
        size_categories=[size_category(n_articles)],
        pretty_name=conf["pretty_name"],
        tags=list(conf.get("tags", [])),
    )
    loadable = [t for t in tables if t.rows]  # datasets cannot load an empty split: no config for it
    MetadataConfigs(
        {
            t.name: {"data_files": [{"split": SPLIT, "path": t.pattern}], **({"default": True} if t.name == "articles" else {})}
            for t in loadable
        }
    ).to_dataset_card_data(data)
    DatasetInfosDict(
        {
            t.name: DatasetInfo(
                features=features(t.name),
                splits=datasets.SplitDict({SPLIT: datasets.SplitInfo(name=SPLIT, num_bytes=t.nbytes, num_examples=t.rows)}),
                dataset_size=t.nbytes,
            )
            for t in loadable
        }
    ).to_dataset_card_data(data)
    return data


def _num(n: Any) -> str:
    return f"{n:,}" if isinstance(n, int) else str(n)


def _bytes(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def tables_section(tables: list[TableFiles]) -> str:
    """What each table holds, with its columns and types taken from the declared features."""
    parts = []
    for t in tables:
        feats = features(t.name)
        cols = []
        for col, feat in feats.items():
            kind = type(feat).__name__
            if kind == "Value":
                typ = feat.dtype
            elif kind == "ClassLabel":
                typ = "class label: " + " / ".join(feat.names)
            elif kind in ("List", "Sequence", "LargeList"):
                typ = f"list of {getattr(feat.feature, 'dtype', type(feat.feature).__name__)}"
            else:
                typ = kind
            cols.append(f"`{col}` ({typ})")
        note = (
            ""
            if t.rows
            else " This table has no rows in this build, so it is not a configuration (`datasets` cannot load an empty split); its file is kept for the schema."
        )
        parts.append(
            f"### `{t.name}` — {_num(t.rows)} row{'s' if t.rows != 1 else ''}\n\n{DESCRIPTIONS.get(t.name, '')}\n\n"
            f"Files: `{t.pattern}`. Columns: {', '.join(cols)}.{note}"
        )
    return "\n\n".join(parts)


def evaluation_section(evaluation: dict[str, Any] | None) -> str:
    """Figures from ``score.py --json`` (one result, or several keyed by gold set); else says so."""
    if not evaluation:
        return (
            "Evaluation of this build itself: not evaluated. It came without an `evaluation.json`, "
            "so no figures are given for its own reference articles beyond the package's figures above."
        )
    results = {"": evaluation} if "actors" in evaluation else {k: v for k, v in evaluation.items() if isinstance(v, dict) and "actors" in v}
    if not results:
        return "Evaluation: not evaluated (the build's `evaluation.json` holds no scores in the expected form)."
    out = [
        "Evaluation against hand-made reference annotations of real articles (the project's "
        "`score.py`; quotes match by word overlap ≥ 0.5, actors and accusations by catalogue ID):"
    ]
    for name, res in results.items():
        n = res.get("articles")
        head = f"**{name}**" if name else "**reference set**"
        out.append(f"\n{head}" + (f" ({n} articles)" if n is not None else "") + "\n")
        out.append("| what is found | precision | recall | F1 |\n|---|---:|---:|---:|")
        for key, label in EVAL_METRICS:
            if isinstance(res.get(key), dict):
                m = res[key]
                out.append(f"| {label} | {m.get('precision', '–')} | {m.get('recall', '–')} | {m.get('f1', '–')} |")
        if "speaker_accuracy" in res:
            out.append(f"\nSpeaker accuracy on matched quotes: {res['speaker_accuracy']}.")
        missing = res.get("articles_not_found")
        if missing:
            out.append(f"Reference articles not found in the build: {len(missing)}.")
    out.append(
        "\nThe reference set is small: read these figures as an indication of the error rates, "
        "not as a precise measure. Where the same reference articles were in view while the "
        "rules were written (as a development set is), the figures overstate the accuracy on "
        "unseen articles."
    )
    return "\n".join(out)


def _inputs(manifest: dict[str, Any]) -> tuple[str, str, str]:
    inputs = manifest.get("inputs") or []
    if not inputs:
        return "0", "size not recorded", "- (no inputs recorded in the manifest)"
    total = sum(int(i.get("bytes") or 0) for i in inputs)
    lines = [f"- `{i.get('path')}` sha256 `{i.get('sha256', 'not recorded')}`" for i in inputs[:MAX_LISTED_INPUTS]]
    if len(inputs) > MAX_LISTED_INPUTS:
        lines.append(f"- … and {len(inputs) - MAX_LISTED_INPUTS} more (see `manifest.json`)")
    return _num(len(inputs)), _bytes(total), "\n".join(lines)


def _catalogue(manifest: dict[str, Any]) -> str:
    """The catalogue as the manifest records it: size, files, and hashes where recorded."""
    cat = dict(manifest.get("catalogue") or {})
    if not cat:
        text = "not recorded in the manifest"
    else:
        parts = []
        if "actors" in cat:
            parts.append(f"{_num(cat.pop('actors'))} actors")
        files = cat.pop("files", None)
        if files:
            parts.append("from " + ", ".join(f"`{f}`" for f in files))
        for key, value in cat.items():
            parts.append(f"{key} `{value}`" if not isinstance(value, (dict, list)) else f"{key} `{json.dumps(value, ensure_ascii=False)}`")
        text = " ".join(parts)
    extra = manifest.get("actors_files") or []
    if extra:
        text += "; extra catalogue files: " + ", ".join(f"`{a.get('path')}` (sha256 `{a.get('sha256')}`)" for a in extra)
    return text


def render(
    tables: list[TableFiles],
    manifest: dict[str, Any],
    evaluation: dict[str, Any] | None = None,
    *,
    repo_id: str | None = None,
    license: str | None = None,
) -> str:
    """The full README.md of the Hub repo; its YAML header is checked by parsing it back."""
    hub = require("huggingface_hub")
    conf = settings()
    if license:
        conf["license"] = license
    data = card_data(tables, conf)
    version = str(manifest.get("version", "not recorded"))
    counts = {t.name: t.rows for t in tables}
    rejects = manifest.get("rejects") or {}
    n_inputs, input_bytes, inputs = _inputs(manifest)
    timings = manifest.get("timings") or {}
    values = {
        "pretty_name": conf["pretty_name"],
        "repo_id": repo_id or conf["repo_id_placeholder"],
        "version": version,
        "n_articles": f"{_num(counts.get('articles', 0))} article{'s' if counts.get('articles') != 1 else ''}",
        "summary": ", ".join(f"{_num(n)} {name}" for name, n in counts.items() if name != "articles")
        + (f"; **Syria subset: {_num(manifest['syria_articles'])} articles** (`articles.syria`, see the README's rule;"
           " `syrianews.load(table, syria=True)`)" if "syria_articles" in manifest else ""),
        "class_labels": ", ".join(f"`{t}.{c}`" for t, cols in CLASS_LABELS.items() for c in cols),
        "tables": tables_section(tables),
        "n_inputs": n_inputs,
        "input_bytes": input_bytes,
        "n_records": _num(manifest.get("records", "an unrecorded number of")),
        "catalogue": _catalogue(manifest),
        "rejects": ", ".join(f"{reason} {_num(n)}" for reason, n in rejects.items()) or "none",
        "timings": f"{timings['total_seconds']} s" if "total_seconds" in timings else "not recorded",
        "inputs": inputs,
        "quality": quality_markdown(stored_result(), check_code=True),
        "evaluation": evaluation_section(evaluation),
        "license_note": conf.get("license_note", conf["license"]),
        "citation": Template(conf["citation"]).safe_substitute(version=version),
        "source_citation": conf.get("source_citation", ""),
    }
    body = Template(template()).substitute(values)
    text = f"---\n{data.to_yaml()}\n---\n\n{body}"
    hub.DatasetCard(text)  # parse back: fails here, not on the Hub, if the header is invalid
    return text
