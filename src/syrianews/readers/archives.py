"""Archives from untrusted crawls, opened within bounds of memory and time.

A zip or gzip file can claim anything: a ratio of a million to one (a zip bomb), a hundred
thousand entries, sizes of terabytes, member names that climb out of the folder
(``../../etc/passwd``), archives inside archives. Each of these becomes one clear rejection
instead of an exhausted machine. Nothing is ever extracted to disk; members are read into
memory one at a time, never more than :data:`MAX_MEMBER_BYTES` each, and an archive yields at
most :data:`MAX_ARCHIVE_BYTES` in all.

The limits are far above real news data (a SaudiNewsNet day is one 4-13 MB JSON at a ratio
under 4) and can be changed here for unusual corpora.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath

MAX_ENTRIES = 10_000  # members of one zip
MAX_MEMBER_BYTES = 512 * 1024 * 1024  # one decompressed member (or gzip file)
MAX_ARCHIVE_BYTES = 4 * 1024 * 1024 * 1024  # all members of one zip, decompressed
MAX_RATIO = 100  # decompressed : compressed, for members larger than RATIO_FREE_BYTES
RATIO_FREE_BYTES = 1024 * 1024  # small members may compress well (a page of spaces) without being bombs
MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024  # one input file read whole (zips are read member by member)
CHUNK = 1024 * 1024

_DRIVE = re.compile(r"^[A-Za-z]:")


class ArchiveLimit(ValueError):
    """An archive (or member) exceeds a limit: ``reason`` is the rejection code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason, self.detail = reason, detail


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def allowed_size(compressed: int) -> int:
    """The most bytes ``compressed`` bytes may decompress to."""
    return min(MAX_MEMBER_BYTES, max(RATIO_FREE_BYTES, compressed * MAX_RATIO))


def _limit_error(compressed: int, size: int, what: str) -> ArchiveLimit:
    if size > MAX_MEMBER_BYTES:
        return ArchiveLimit("too_large", f"{what} decompresses to more than {_mb(MAX_MEMBER_BYTES)} (limit of one file)")
    return ArchiveLimit(
        "archive_bomb",
        f"{what}: {_mb(compressed)} compressed decompresses to more than {_mb(size)}, a ratio over {MAX_RATIO}:1 (a zip bomb?)",
    )


def gunzip(data: bytes) -> bytes:
    """Decompress gzip data (all members of a concatenated gzip) within :func:`allowed_size`.

    Raises :class:`ArchiveLimit` past the bound, ``OSError`` for data that is not gzip."""
    limit = allowed_size(len(data))
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        buf = rest
        while buf:
            try:
                chunk = d.decompress(buf, CHUNK)
            except zlib.error as e:
                raise OSError(f"not gzip data ({e})") from None
            total += len(chunk)
            if total > limit:
                raise _limit_error(len(data), limit, "gzip data")
            out.append(chunk)
            buf = d.unconsumed_tail
        if not d.eof:
            raise EOFError("gzip data ends before the end of its stream")
        rest = d.unused_data.lstrip(b"\x00")  # trailing padding is allowed after a gzip member
    return b"".join(out)


def unsafe_name(member: str) -> str | None:
    """Why a member name is unsafe (absolute, a drive, ``..``), or None when it is fine."""
    name = member.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name):
        return "an absolute path"
    if ".." in PurePosixPath(name).parts:
        return "a path that climbs out of the archive (..)"
    if "\x00" in name:
        return "a NUL byte in the name"
    return None


def declared_entries(fp) -> int | None:
    """The entry count the zip's end record declares, read before the directory is parsed."""
    try:
        rec = zipfile._EndRecData(fp)  # the stdlib's own reader of the end record
    except Exception:  # noqa: BLE001 - an unreadable end record is reported by ZipFile below
        return None
    finally:
        fp.seek(0)
    return rec[zipfile._ECD_ENTRIES_TOTAL] if rec else None


def open_zip(source) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """Open a zip (a path or a file object) and list its file members in name order.

    Raises :class:`ArchiveLimit` for too many entries or a declared total beyond the bound,
    ``zipfile.BadZipFile`` (and the like) for a corrupt one."""
    n = declared_entries(source)
    if n is None or n <= MAX_ENTRIES:
        archive = zipfile.ZipFile(source)
        n = len(archive.infolist())
        if n <= MAX_ENTRIES:
            return archive, sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename)
        archive.close()
    raise ArchiveLimit("too_many_entries", f"zip with {n:,} entries; at most {MAX_ENTRIES:,} are read (split the archive)")


def check_member(info: zipfile.ZipInfo, total_so_far: int) -> None:
    """Refuse a member before reading it, from what the archive declares."""
    why = unsafe_name(info.filename)
    if why:
        raise ArchiveLimit("unsafe_path", f"member name is {why}; not read")
    if info.file_size > MAX_MEMBER_BYTES:
        raise ArchiveLimit("too_large", f"member declares {_mb(info.file_size)}, over the limit of {_mb(MAX_MEMBER_BYTES)}")
    if info.file_size > allowed_size(info.compress_size):
        raise _limit_error(info.compress_size, info.file_size, f"member declares {_mb(info.file_size)} from {_mb(info.compress_size)} compressed")
    if total_so_far + info.file_size > MAX_ARCHIVE_BYTES:
        raise ArchiveLimit("too_large", f"the archive decompresses to more than {_mb(MAX_ARCHIVE_BYTES)} in all; the rest is not read")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, reading no more than its bound whatever its header claims."""
    limit = allowed_size(info.compress_size)
    out: list[bytes] = []
    total = 0
    with archive.open(info) as f:
        while chunk := f.read(CHUNK):
            total += len(chunk)
            if total > limit:
                raise _limit_error(info.compress_size, limit, "member")
            out.append(chunk)
    return b"".join(out)


def iter_members(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> Iterator[tuple[str, bytes | ArchiveLimit | Exception]]:
    """(member name, its bytes or why it was not read) for every member, in order."""
    total = 0
    for info in infos:
        try:
            check_member(info, total)
            blob = read_member(archive, info)
        except ArchiveLimit as e:
            yield info.filename, e
            continue
        except Exception as e:  # noqa: BLE001 - zipfile, zlib, bz2 and lzma raise many kinds on corrupt data
            yield info.filename, e
            continue
        total += len(blob)
        yield info.filename, blob
