"""``syrianews export-hub``: write, offline, exactly what the Hub dataset repo holds.

Layout (one config per table, a single ``train`` split each)::

    README.md                      dataset card (YAML: configs, features; body: build, limits)
    DATASHEET.md                   the datasheet of the project
    manifest.json                  the build manifest (inputs and hashes, counts, timings)
    evaluation.json                scores of the build, when the build folder has them
    <table>/train-00000-of-0000N.parquet

The Parquet files hold the build's values unchanged (strings stay strings); tables are cut
into shards of bounded size so that no single file is too big for the Hub's viewer.
"""
from __future__ import annotations

import json
import math
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..schema import TABLES
from ..validate import require_valid
from .card import SPLIT, TableFiles, render
from .features import CLASS_LABELS, check_labels

MAX_SHARD_BYTES = 256 * 1024 * 1024  # uncompressed Arrow bytes per Parquet file
ROW_GROUP_BYTES = 32 * 1024 * 1024
PARQUET_OPTIONS = {"compression": "zstd", "use_dictionary": True, "write_statistics": True}
COPIED = ("manifest.json", "evaluation.json")
OWN_FILES = ("README.md", "DATASHEET.md", "LICENSE.md", *COPIED)


@dataclass
class Export:
    out: Path
    tables: list[TableFiles]
    files: list[str]  # every file written, relative to ``out``
    warnings: list[str] = field(default_factory=list)


def check_build(build: Path) -> None:
    """A build folder must hold every table and its manifest."""
    if not build.is_dir():
        raise FileNotFoundError(f"{build} is not a build folder: run `syrianews build <inputs> --out {build}` first")
    missing = [f"{n}.parquet" for n in TABLES if not (build / f"{n}.parquet").exists()]
    if not (build / "manifest.json").exists():
        missing.append("manifest.json")
    if missing:
        raise FileNotFoundError(f"{build} is not a complete build: missing {', '.join(missing)}")


def prepare(out: Path) -> None:
    """Empty ``out`` of a previous export; refuse to touch anything export-hub did not write."""
    if not out.exists():
        out.mkdir(parents=True)
        return
    if not out.is_dir():
        raise FileExistsError(f"{out} exists and is not a folder")
    ours = set(TABLES) | set(OWN_FILES)
    foreign = sorted(p.name for p in out.iterdir() if p.name not in ours)
    if foreign:
        raise FileExistsError(
            f"{out} holds files that export-hub did not write ({', '.join(foreign[:5])}): "
            "give an empty or new folder, since the Hub repo will hold exactly its content"
        )
    for p in out.iterdir():
        shutil.rmtree(p) if p.is_dir() else p.unlink()


def write_table(name: str, src: Path, out: Path) -> TableFiles:
    """Copy one built table (a file, or a folder of parts) into ``out/<name>/`` as bounded
    shards, checking class labels."""
    sources = sorted(src.glob("part-*.parquet")) if src.is_dir() else [src]
    pfs = [pq.ParquetFile(f) for f in sources]
    schema = TABLES[name]
    for f, pf in zip(sources, pfs):
        if pf.schema_arrow.names != schema.names:
            raise ValueError(
                f"{f} does not have the columns this package declares for {name!r} "
                f"(has {len(pf.schema_arrow.names)}, expects {len(schema.names)}): rebuild with this version"
            )
    rows = sum(pf.metadata.num_rows for pf in pfs)
    nbytes = sum(pf.metadata.row_group(i).total_byte_size for pf in pfs for i in range(pf.metadata.num_row_groups))
    n_shards = max(1, math.ceil(nbytes / MAX_SHARD_BYTES))
    per_shard = max(1, math.ceil(rows / n_shards))
    per_group = max(1, min(per_shard, int(ROW_GROUP_BYTES / max(1, nbytes / max(rows, 1)))))
    folder = out / name
    folder.mkdir()
    files = [f"{name}/{SPLIT}-{i:05d}-of-{n_shards:05d}.parquet" for i in range(n_shards)]
    shard, in_shard = 0, 0

    def open_shard(i: int) -> pq.ParquetWriter:
        return pq.ParquetWriter(out / files[i], schema, **PARQUET_OPTIONS)

    writer = open_shard(0)
    for batch in (b for pf in pfs for b in pf.iter_batches(batch_size=per_group)):
        table = pa.Table.from_batches([batch]).cast(schema)  # fails loudly if the build drifted from the schema
        if name in CLASS_LABELS:
            check_labels(name, table)
        while table.num_rows:
            if in_shard == per_shard and shard + 1 < n_shards:
                writer.close()
                shard, in_shard = shard + 1, 0
                writer = open_shard(shard)
            take = table.num_rows if shard + 1 == n_shards else min(table.num_rows, per_shard - in_shard)
            writer.write_table(table.slice(0, take), row_group_size=per_group)
            table, in_shard = table.slice(take), in_shard + take
    writer.close()
    for i in range(shard + 1, n_shards):  # only when rows < shards, which the arithmetic avoids
        open_shard(i).close()
    return TableFiles(name, rows, nbytes, tuple(files))


def license_text(license: str | None = None) -> str:
    """LICENSE.md of the Hub repo: the data's licence (not the code's, which is MIT)."""
    from .card import settings

    conf = settings()
    lines = ["# License", ""]
    if license and license != conf["license"]:
        lines += [f"The data (every table) is shared under `{license}`, the terms of its inputs.", ""]
    else:
        lines += [f"The data (every table) is shared under `{conf['license']}`: {conf.get('license_note', '')}", "",
                  "Legal code: " + conf.get("license_url", ""), "", "Cite the source corpus:", "", "```bibtex",
                  conf.get("source_citation", ""), "```", ""]
    lines += ["The syrianews code that builds the tables is MIT-licensed; that licence does not cover the data.", ""]
    return "\n".join(lines)


def find_datasheet(explicit: str | Path | None = None) -> Path | None:
    """DATASHEET.md: the given path, else the current folder's, else the source tree's."""
    if explicit is not None:
        path = Path(explicit)
        if not path.exists():
            raise FileNotFoundError(f"datasheet {path} does not exist")
        return path
    for candidate in (Path.cwd() / "DATASHEET.md", Path(__file__).resolve().parents[3] / "DATASHEET.md"):
        if candidate.exists():
            return candidate
    return None


def export_hub(
    build: str | Path,
    out: str | Path,
    *,
    repo_id: str | None = None,
    license: str | None = None,
    datasheet: str | Path | None = None,
) -> Export:
    """Write the Hub repo's content for ``build`` into ``out`` (no network)."""
    build, out = Path(build), Path(out)
    check_build(build)
    require_valid(build)  # an invalid build is never exported (nor, through this, published)
    if out.resolve() == build.resolve():
        raise ValueError("the export folder must differ from the build folder")
    prepare(out)
    tables = [write_table(name, build / f"{name}.parquet", out) for name in TABLES]
    files = [f for t in tables for f in t.files]
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    evaluation = None
    for name in COPIED:
        if (build / name).exists():
            shutil.copyfile(build / name, out / name)
            files.append(name)
    if (build / "evaluation.json").exists():
        evaluation = json.loads((build / "evaluation.json").read_text(encoding="utf-8"))
    warnings = []
    sheet = find_datasheet(datasheet)
    if sheet is not None:
        shutil.copyfile(sheet, out / "DATASHEET.md")
        files.append("DATASHEET.md")
    else:
        warnings.append("DATASHEET.md not found (pass --datasheet PATH): the export has none")
    (out / "README.md").write_text(render(tables, manifest, evaluation, repo_id=repo_id, license=license), encoding="utf-8")
    files.append("README.md")
    (out / "LICENSE.md").write_text(license_text(license), encoding="utf-8")
    files.append("LICENSE.md")
    return Export(out, tables, sorted(files), warnings)
