"""Readers: turn input files into raw records, chosen by file type.

``iter_inputs(paths)`` walks files and folders in a fixed order and yields
:class:`~syrianews.records.RawRecord` or :class:`~syrianews.records.Rejection` — every file,
readable or not, leaves a trace — and :class:`~syrianews.records.Tally` for records that are
counted, not articles (a crawl's requests, metadata, ...).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..records import RawRecord, Rejection, Tally
from .archives import MAX_FILE_BYTES, ArchiveLimit, gunzip, iter_members, open_zip
from .decode import UndecodableError, decode_bytes
from .jsonrecords import read_json, read_jsonl, read_jsonl_bytes
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
                        skipped.append(safe_name(rel.as_posix()))
                    continue
                out.append((f, safe_name(rel.as_posix())))
        elif root.exists():
            out.append((root, safe_name(root.name)))
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


def read_blob(name: str, data: bytes, *, in_archive: bool = False) -> Iterator[RawRecord | Rejection | Tally]:
    """Records of one file's bytes (a zip member or a file on disk)."""
    kind, gz = _kind(name)
    if kind == "warc":  # warcio reads plain and gzipped WARC itself (a member of a zip: in memory)
        import io

        yield from read_warc(name, io.BytesIO(data))
        return
    if kind == "unknown":
        yield Rejection(name, None, "unsupported_file", f"no reader for {Path(name).suffix or 'files without extension'}")
        return
    if kind == "zip":
        if in_archive:
            yield Rejection(name, None, "nested_archive", "a zip inside a zip is not opened (unpack it beside the others)")
            return
        yield from read_zip(name, data)
        return
    if gz:
        try:
            data = gunzip(data)
        except ArchiveLimit as e:
            yield Rejection(name, None, e.reason, e.detail)
            return
        except (OSError, EOFError) as e:
            yield Rejection(name, None, "corrupt_archive", f"gzip: {e}")
            return
    if kind == "html":
        # decoded by the HTML parser, in the worker: a page declares its own charset
        yield RawRecord(name, 0, {"html": data}, "html")
        return
    try:
        text, encoding = decode_bytes(data)
    except UndecodableError as e:
        if kind == "jsonl" and b"\x00" not in data[:4096]:
            yield from read_jsonl_bytes(name, data)  # lines in different encodings: each on its own
            return
        yield Rejection(name, None, "undecodable", str(e))
        return
    if kind == "text":
        yield RawRecord(name, 0, {"text": text}, "pagedump")
    elif kind == "json":
        yield from read_json(name, text)
    elif encoding == "cp1256":
        yield from read_jsonl_bytes(name, data)
    else:
        yield from read_jsonl(name, text)


def read_zip(name: str, data: bytes | Path) -> Iterator[RawRecord | Rejection]:
    """Records of every member of a zip (its bytes, or its path: read member by member)."""
    import io

    try:
        with open(data, "rb") if isinstance(data, Path) else io.BytesIO(data) as fp:
            yield from _read_zip(name, fp)
    except OSError as e:
        yield Rejection(name, None, "unreadable", str(e))


def _read_zip(name: str, fp) -> Iterator[RawRecord | Rejection]:
    try:
        archive, infos = open_zip(fp)
    except ArchiveLimit as e:
        yield Rejection(name, None, e.reason, e.detail)
        return
    except Exception as e:  # noqa: BLE001 - zipfile raises many kinds on a corrupt directory
        yield Rejection(name, None, "corrupt_archive", f"zip: {type(e).__name__}: {e}")
        return
    with archive:
        wanted = [i for i in infos if not (i.filename.rsplit("/", 1)[-1].startswith(".") or i.filename.startswith("__MACOSX/"))]
        for member, blob in iter_members(archive, wanted):
            where = f"{name}!{safe_name(member)}"
            if isinstance(blob, ArchiveLimit):
                yield Rejection(where, None, blob.reason, blob.detail)
            elif isinstance(blob, Exception):
                yield Rejection(where, None, "corrupt_archive", f"zip member: {type(blob).__name__}: {blob}")
            else:
                yield from read_blob(where, blob, in_archive=True)


def safe_name(name: str) -> str:
    """A file name as text that any table can hold (undecodable bytes of a file system name
    come back from ``os`` as lone surrogates, which no UTF-8 column accepts)."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def iter_file(path: Path, name: str) -> Iterator[RawRecord | Rejection]:
    name = safe_name(name)
    kind, gz = _kind(name)
    if kind == "warc":  # streamed from disk, whatever its size: memory bounded by one record
        try:
            stream = open(path, "rb")
        except OSError as e:
            yield Rejection(name, None, "unreadable", str(e))
            return
        with stream:
            yield from read_warc(name, stream)
        return
    try:
        size = path.stat().st_size
        if kind == "zip":
            yield from read_zip(name, path)
            return
        if size > MAX_FILE_BYTES:
            yield Rejection(name, None, "too_large", f"{size:,} bytes; files over {MAX_FILE_BYTES:,} bytes are not read whole (split the file)")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Rejection(name, None, "unreadable", str(e))
        return
    yield from read_blob(name, data)
