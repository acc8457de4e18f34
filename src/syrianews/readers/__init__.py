"""Readers: turn input files into raw records, chosen by file type.

``iter_inputs(paths)`` walks files and folders in a fixed order and yields
:class:`~syrianews.records.RawRecord` or :class:`~syrianews.records.Rejection` — every file,
readable or not, leaves a trace — and :class:`~syrianews.records.Tally` for records that are
counted, not articles (a crawl's requests, metadata, ...).
"""
from __future__ import annotations

import gzip
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..records import RawRecord, Rejection, Tally
from .decode import UndecodableError, decode_bytes
from .jsonrecords import read_json, read_jsonl
from .warc import read_warc

TEXT_SUFFIXES = {".txt", ".text"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARCHIVE_SUFFIXES = {".zip"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
WARC_SUFFIXES = {".warc"}
SKIPPED_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db"}
# documentation beside the data (a corpus' README, its licence) is not raw articles: such files
# are listed in the manifest as skipped, not read
DOC_SUFFIXES = {".md", ".rst", ".pdf", ".cff", ".bib"}
DOC_STEMS = {"readme", "license", "licence", "copying", "citation", "notice", "changelog", "sha256sums", "md5sums", "checksums"}


def is_documentation(name: str) -> bool:
    p = Path(name)
    return p.suffix.lower() in DOC_SUFFIXES or p.stem.lower() in DOC_STEMS or p.stem.lower().endswith("_readme")


def input_files(paths: list[Path], skipped: list[str] | None = None) -> list[tuple[Path, str]]:
    """(file, name) pairs in a deterministic order; names are relative to each input folder.

    Documentation files found in folders are left out and their names appended to ``skipped``;
    a file named explicitly is always read."""
    out: list[tuple[Path, str]] = []
    for root in paths:
        root = Path(root)
        if root.is_dir():
            for f in sorted(p for p in root.rglob("*") if p.is_file()):
                rel = f.relative_to(root)
                if any(part.startswith(".") for part in rel.parts) or f.name in SKIPPED_NAMES:
                    continue
                if is_documentation(f.name):
                    if skipped is not None:
                        skipped.append(rel.as_posix())
                    continue
                out.append((f, rel.as_posix()))
        elif root.exists():
            out.append((root, root.name))
        else:
            raise FileNotFoundError(f"input {root} does not exist")
    return out


def _kind(name: str) -> tuple[str, bool]:
    """(kind, gzipped) from a file name: kind is text/json/jsonl/zip/html/warc/unknown."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    suffix = Path(lower).suffix
    if suffix in TEXT_SUFFIXES:
        return "text", gz
    if suffix in JSON_SUFFIXES:
        return "json", gz
    if suffix in JSONL_SUFFIXES:
        return "jsonl", gz
    if suffix in ARCHIVE_SUFFIXES and not gz:
        return "zip", False
    if suffix in HTML_SUFFIXES:
        return "html", gz
    if suffix in WARC_SUFFIXES:
        return "warc", gz
    return "unknown", gz


def read_blob(name: str, data: bytes) -> Iterator[RawRecord | Rejection | Tally]:
    """Records of one file's bytes (a zip member or a file on disk)."""
    kind, gz = _kind(name)
    if kind == "warc":
        import io

        yield from read_warc(name, io.BytesIO(data))
        return
    if kind == "unknown":
        yield Rejection(name, None, "unsupported_file", f"no reader for {Path(name).suffix or 'files without extension'}")
        return
    if kind == "zip":
        yield from read_zip(name, data)
        return
    if gz:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            yield Rejection(name, None, "corrupt_archive", f"gzip: {e}")
            return
    if kind == "html":
        # decoded by the HTML parser, in the worker: a page declares its own charset
        yield RawRecord(name, 0, {"html": data}, "html")
        return
    try:
        text, _encoding = decode_bytes(data)
    except UndecodableError as e:
        yield Rejection(name, None, "undecodable", str(e))
        return
    if kind == "text":
        yield RawRecord(name, 0, {"text": text}, "pagedump")
    elif kind == "json":
        yield from read_json(name, text)
    else:
        yield from read_jsonl(name, text)


def read_zip(name: str, data: bytes | BinaryIO) -> Iterator[RawRecord | Rejection | Tally]:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data)
        members = sorted(i.filename for i in archive.infolist() if not i.is_dir())
    except zipfile.BadZipFile as e:
        yield Rejection(name, None, "corrupt_archive", f"zip: {e}")
        return
    for member in members:
        base = member.rsplit("/", 1)[-1]
        if base.startswith(".") or member.startswith("__MACOSX/"):
            continue
        if _kind(member)[0] == "warc":  # streamed from the archive, never read whole
            try:
                with archive.open(member) as stream:
                    yield from read_warc(f"{name}!{member}", stream)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as e:
                yield Rejection(f"{name}!{member}", None, "corrupt_archive", f"zip member: {e}")
            continue
        try:
            blob = archive.read(member)
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as e:
            yield Rejection(f"{name}!{member}", None, "corrupt_archive", f"zip member: {e}")
            continue
        yield from read_blob(f"{name}!{member}", blob)


def iter_file(path: Path, name: str) -> Iterator[RawRecord | Rejection | Tally]:
    if _kind(name)[0] == "warc":  # streamed from disk: memory bounded by one record
        try:
            stream = open(path, "rb")
        except OSError as e:
            yield Rejection(name, None, "unreadable", str(e))
            return
        with stream:
            yield from read_warc(name, stream)
        return
    if _kind(name)[0] == "zip":  # members are read one at a time from the file
        try:
            archive_file = open(path, "rb")
        except OSError as e:
            yield Rejection(name, None, "unreadable", str(e))
            return
        with archive_file:
            yield from read_zip(name, archive_file)
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield Rejection(name, None, "unreadable", str(e))
        return
    yield from read_blob(name, data)
