"""The extraction-quality figures as the card, DATASHEET.md and README.md report them.

``make evaluate`` stores the result of ``syrianews evaluate --folds`` on gold_dev in the package
(``data/evaluation_cv.json``); the card renders it, and the same Markdown is written between
markers into DATASHEET.md and README.md (``python -m syrianews.evaluation.report FILES``), so no
figure is typed by hand. The stored result carries a fingerprint of the extraction code, and the
text says so when the figures were measured on other code than the installed one."""
from __future__ import annotations

import hashlib
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

STORED = "evaluation_cv.json"
BEGIN = "<!-- evaluation:begin (written by `make evaluate`; do not edit by hand) -->"
END = "<!-- evaluation:end -->"
TOP_KINDS = 5
ROWS = [
    ("actors", "actors named in an article"),
    ("direct", "direct quotes"),
    ("indirect", "indirect quotes"),
    ("any_quote", "quotes of either kind"),
    ("accused", "(kind, accused actor) pairs"),
    ("accusation_triple", "(kind, accuser, accused) triples"),
]
# what does not change the extracted rows: left out of the fingerprint
NOT_EXTRACTION = ("hub/", "evaluation/", "notebooks.py", "plotting.py", "lab.py", "buildlock.py", "cli.py", "__main__.py", "data/jupyterlab/", "data/" + STORED, "data/hub_card.json", "data/dataset_card.md")


def code_fingerprint() -> str:
    """SHA-256 (16 hex) of the package's code and data files that shape the extracted rows."""
    root = resources.files("syrianews")
    h = hashlib.sha256()
    base = Path(str(root))
    for path in sorted(p for p in base.rglob("*") if p.is_file() and p.suffix in {".py", ".csv", ".txt", ".json", ".md"}):
        rel = path.relative_to(base).as_posix()
        if "__pycache__" in rel or rel in NOT_EXTRACTION or rel.startswith(tuple(x for x in NOT_EXTRACTION if x.endswith("/"))):
            continue
        h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def stored_result() -> dict[str, Any] | None:
    """The figures stored by ``make evaluate``, or None when there are none."""
    f = resources.files("syrianews").joinpath("data", STORED)
    if not f.is_file():
        return None
    return json.loads(f.read_text(encoding="utf-8"))


def _pm(v: dict[str, float]) -> str:
    return f"{v['mean']:.3f} ± {v['sd']:.3f}"


def quality_markdown(result: dict[str, Any] | None, *, check_code: bool = False) -> str:
    """The cross-validated figures with the sizes behind them, the top error kinds, and the caveat.

    ``check_code``: say so when the installed extraction code is not the code measured (the card
    does; the text files carry the figures as measured)."""
    if not result or "cross_validated" not in result:
        return "Extraction quality: not measured (no cross-validated evaluation is stored with this package; run `make evaluate`)."
    cv, g = result["cross_validated"], result["gold"]
    folds = result.get("folds", {})
    sizes = sorted({f["articles"] for f in folds.values()})
    out = [
        f"Extraction quality, cross-validated on the project's reference articles (`eval/gold_dev.jsonl`: "
        f"{g['articles']} articles, {g['quotes']} quotes ({g['direct']} direct, {g['indirect']} indirect), {g['acts']} acts of "
        f"accusing, denying or condemning, giving {g['accused_pairs']} (kind, accused actor) pairs and {g['triples']} "
        f"(kind, accuser, accused) triples between catalogue actors). The articles are split into {cv['folds']} fixed folds "
        f"({'/'.join(map(str, sizes))} articles; by SHA-1 of the URL, `eval/folds.json`); each figure is the mean ± sd of the "
        f"per-fold figures, measured by `syrianews evaluate` (the metrics of the project's reference scorer; quotes match by "
        f"word overlap ≥ 0.5, actors and accusations by catalogue ID along the affiliation chain). The last column pools all "
        f"{g['articles']} articles.",
        "",
        "| what is found | reference items | precision | recall | F1 | F1, all articles |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for key, label in ROWS:
        c, w = cv[key], result[key]
        n = w["tp"] + w["fn"] if "tp" in w else "–"
        out.append(f"| {label} | {n} | {_pm(c['precision'])} | {_pm(c['recall'])} | {_pm(c['f1'])} | {w['f1']:.3f} |")
    n = result.get("speaker_n", "–")
    out.append(f"| speaker of a matched quote (accuracy) | {n} matched | | | {_pm(cv['speaker_accuracy'])} | {result['speaker_accuracy']:.3f} |")
    partial = []
    for key, label in ROWS:
        fewer = [f"{p} over {cv[key][p]['folds']}" for p in ("precision", "recall", "f1") if cv[key][p]["folds"] != cv["folds"]]
        if fewer:
            partial.append(f"{label}: {', '.join(fewer)} folds")
    if partial:
        out += ["", "Means over fewer folds where a fold had nothing predicted (precision) or nothing to find (recall): " + "; ".join(partial) + "."]
    kinds = result.get("error_kinds") or []
    if kinds:
        total = sum(k["count"] for k in kinds)
        top = "; ".join(f"{k['kind']}: {k['count']}" for k in kinds[:TOP_KINDS])
        out += ["", f"Most frequent remaining errors ({total} in all, `syrianews evaluate --errors`): {top}."]
    out += [
        "",
        "These are figures on development articles: the rules were written with these articles in view, so the accuracy "
        "on articles they were never tuned on may be lower, and the small number of acts makes the accusation figures "
        "uncertain (see the spread over the folds). Check a sample by hand before citing counts.",
    ]
    version = result.get("syrianews_version")
    fp = result.get("code_fingerprint")
    if check_code and fp and fp != code_fingerprint():
        out += ["", f"Note: measured on an earlier revision of the extractors (syrianews {version}, code `{fp}`); this package's extraction code differs (`{code_fingerprint()}`)."]
    elif version:
        out += ["", f"Measured with syrianews {version} (extraction code `{fp}`)."]
    return "\n".join(out)


def replace_block(text: str, block: str) -> str:
    """``text`` with the part between the markers replaced; the markers must be there once each."""
    if text.count(BEGIN) != 1 or text.count(END) != 1 or text.index(BEGIN) > text.index(END):
        raise ValueError("expected one evaluation:begin marker followed by one evaluation:end marker")
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    return f"{head}{BEGIN}\n{block}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the evaluation block of each file given (e.g. DATASHEET.md README.md)."""
    files = argv if argv is not None else sys.argv[1:]
    block = quality_markdown(stored_result())
    for name in files:
        path = Path(name)
        path.write_text(replace_block(path.read_text(encoding="utf-8"), block), encoding="utf-8")
        print(f"updated the evaluation figures in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
