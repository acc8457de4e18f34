"""Content checksums of a build's tables: the guard that a speed-up left the output as it was.

Every column's values and the row order go into one SHA-256 per table (not the manifest, whose
timings always differ). The test suite compares the build of the shipped SaudiNewsNet copy with
the checksums stored in ``tests/fixtures/corpus_checksums.json``; an intended change of the
output rewrites that file (``python -m syrianews.checksums BUILD --write FILE``) and is listed in
the change's note.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path


def table_parts(build: Path) -> dict[str, list[Path]]:
    """Table name → its Parquet files (a table may be one file or a folder of parts)."""
    out: dict[str, list[Path]] = {}
    for p in sorted(Path(build).glob("*.parquet")):
        # a sharded table is the folder <table>.parquet/ of part-*.parquet files, in order
        out[p.stem] = sorted(p.glob("*.parquet")) if p.is_dir() else [p]
    return out


def _rows(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def checksums(build: Path) -> dict[str, dict]:
    """Table name → {"rows": n, "sha256": hex} of the build's tables."""
    out = {}
    for name, parts in table_parts(Path(build)).items():
        h = hashlib.sha256()
        n = 0
        for part in parts:
            for row in _rows(part):
                h.update(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))
                h.update(b"\n")
                n += 1
        out[name] = {"rows": n, "sha256": h.hexdigest()}
    return out


def first_difference(a: Path, b: Path, name: str) -> str:
    """Where table ``name`` of builds ``a`` and ``b`` first differ (row and columns)."""
    ra = [r for p in table_parts(a)[name] for r in _rows(p)]
    rb = [r for p in table_parts(b)[name] for r in _rows(p)]
    for i, (x, y) in enumerate(zip(ra, rb)):
        if x != y:
            cols = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
            return f"row {i}: " + "; ".join(f"{k}: {x.get(k)!r} → {y.get(k)!r}" for k in cols)
    return f"{len(ra)} rows → {len(rb)} rows"


def differences(mine: dict[str, dict], other: dict[str, dict]) -> list[str]:
    """Names of the tables whose checksums differ (or that only one side has)."""
    return sorted(n for n in set(mine) | set(other) if mine.get(n) != other.get(n))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m syrianews.checksums", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build", type=Path)
    ap.add_argument("--write", type=Path, default=None, help="store the checksums in this JSON file")
    args = ap.parse_args(argv)
    sums = checksums(args.build)
    text = json.dumps(sums, indent=1, sort_keys=True) + "\n"
    if args.write:
        args.write.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
