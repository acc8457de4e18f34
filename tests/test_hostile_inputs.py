"""Hostile and malformed inputs: each is a clear rejection, within bounded memory and time,
and a folder of all of them builds with every record accounted for."""
from __future__ import annotations

import gzip
import io
import json
import os
import struct
import time
import tracemalloc
import zipfile
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from syrianews.pipeline import build
from syrianews.readers import archives, iter_file, read_blob, safe_name
from syrianews.validate import validate_build
from syrianews.records import RawRecord, Rejection

BODY = "قال المتحدث باسم الوزارة إن القوات تقدمت في ريف حلب الشمالي بعد معارك عنيفة استمرت يومين."
GOOD = {"title": "عنوان", "content": BODY}
MB = 1024 * 1024


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _bounded(func, max_mb: float, max_seconds: float):
    """Run ``func``, asserting the Python memory it allocates at peak and the time it takes."""
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        result = func()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    seconds = time.perf_counter() - t0
    assert peak < max_mb * MB, f"peak {peak / MB:.1f} MB"
    assert seconds < max_seconds, f"{seconds:.1f} s"
    return result


def _read(name: str, data: bytes) -> list:
    return list(read_blob(name, data))


def _patch_sizes(data: bytes, *, file_size: int | None = None) -> bytes:
    """Rewrite the uncompressed size the zip declares for its (only) member, in both headers."""
    b = bytearray(data)
    local = b.find(b"PK\x03\x04")
    central = b.find(b"PK\x01\x02")
    struct.pack_into("<I", b, local + 22, file_size)
    struct.pack_into("<I", b, central + 24, file_size)
    return bytes(b)


def test_zip_bomb_is_refused_by_ratio_without_decompressing(tmp_path):
    bomb = _zip({"bomb.json": b" " * (200 * MB)})
    assert len(bomb) < MB
    (rej,) = _bounded(lambda: _read("bomb.zip", bomb), max_mb=5, max_seconds=5)
    assert isinstance(rej, Rejection) and rej.reason == "archive_bomb" and rej.source_file == "bomb.zip!bomb.json"
    assert "ratio" in rej.detail


def test_zip_bomb_that_lies_about_its_size_reads_no_more_than_it_declares():
    honest = _zip({"bomb.json": b"[" + b" " * (50 * MB) + b"]"})
    liar = _patch_sizes(honest, file_size=1000)  # declares 1000 bytes, holds 50 MB
    (rej,) = _bounded(lambda: _read("liar.zip", liar), max_mb=5, max_seconds=5)
    assert rej.reason == "corrupt_archive", rej


def test_huge_declared_size_is_refused_before_reading():
    data = _patch_sizes(_zip({"a.json": json.dumps([GOOD]).encode()}), file_size=0xFFFF_FFF0)
    (rej,) = _bounded(lambda: _read("huge.zip", data), max_mb=5, max_seconds=5)
    assert rej.reason == "too_large" and "declares" in rej.detail


def test_gzip_bomb_is_refused():
    bomb = gzip.compress(b"\n" * (100 * MB), compresslevel=9)
    (rej,) = _bounded(lambda: _read("bomb.jsonl.gz", bomb), max_mb=15, max_seconds=10)
    assert rej.reason == "archive_bomb"


def test_zip_with_100000_entries_is_one_clear_rejection(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for i in range(100_000):
            z.writestr(f"{i}.json", b"{}")
    (rej,) = _bounded(lambda: list(iter_file(path, "many.zip")), max_mb=10, max_seconds=10)
    assert rej.reason == "too_many_entries" and "100,000 entries" in rej.detail and rej.source_file == "many.zip"


def test_path_traversal_names_are_refused_and_the_rest_is_read():
    good = json.dumps([GOOD]).encode()
    data = _zip({"../../evil.json": good, "/etc/abs.json": good, "C:\\win.json": good, "a/../../up.json": good, "ok/fine.json": good})
    out = _read("trav.zip", data)
    by_name = {r.source_file.split("!", 1)[1]: r for r in out}
    assert isinstance(by_name["ok/fine.json"], RawRecord)
    for name in ("../../evil.json", "a/../../up.json", "C:\\win.json"):
        assert by_name[name].reason == "unsafe_path", name
    # zipfile itself strips a leading slash; whatever it names it, the member is not outside
    assert sum(isinstance(r, Rejection) and r.reason == "unsafe_path" for r in out) >= 3


def test_nested_archive_is_a_rejection():
    inner = _zip({"a.json": json.dumps([GOOD]).encode()})
    out = _read("outer.zip", _zip({"inner.zip": inner, "b.json": json.dumps([GOOD]).encode()}))
    reasons = {r.source_file: (r.reason if isinstance(r, Rejection) else "record") for r in out}
    assert reasons == {"outer.zip!inner.zip": "nested_archive", "outer.zip!b.json": "record"}


@pytest.mark.parametrize(
    "data",
    [b"PK\x05\x06" + b"\x00" * 18, b"PK\x03\x04" + b"\xff" * 200, _zip({"a.json": b"[]"})[:-10], b""],
    ids=["empty-directory-record", "garbage-header", "truncated", "empty"],
)
def test_corrupt_zips_are_rejections(data):
    out = _read("bad.zip", data)
    assert all(isinstance(r, Rejection) for r in out)
    assert len(out) <= 1


def test_deeply_nested_json_lone_surrogates_and_huge_numbers():
    (deep,) = _read("deep.json", b"[" * 10_000 + b"]" * 10_000)
    assert deep.reason == "malformed_json" and "nested too deeply" in deep.detail
    (rec,) = _read("s.json", b'[{"title": "\\ud800 x", "content": "\\udfff y \\ud83d\\ude00"}]')
    assert rec.fields == {"title": "\ufffd x", "content": "\ufffd y \U0001f600"}
    (num,) = _read("n.json", b"[" + b"7" * 5000 + b"]")
    assert num.reason == "malformed_json"
    lines = _read("n.jsonl", b"[" * 5000 + b"\n" + json.dumps(GOOD).encode())
    assert [type(r).__name__ for r in lines] == ["Rejection", "RawRecord"] and lines[1].record_index == 1


def test_jsonl_with_lines_in_different_encodings_keeps_every_line():
    lines = [
        json.dumps(GOOD, ensure_ascii=False).encode("utf-8"),
        json.dumps({**GOOD, "title": "قديم"}, ensure_ascii=False).encode("cp1256"),
        b"{\"title\": \"\xff\x01\"}",
    ]
    out = _read("mixed.jsonl", b"\n".join(lines))
    assert [type(r).__name__ for r in out] == ["RawRecord", "RawRecord", "Rejection"]
    assert out[1].fields["title"] == "قديم" and out[2].reason == "undecodable"
    assert [r.record_index for r in out] == [0, 1, 2]


def test_line_separator_inside_a_jsonl_string_does_not_split_the_record():
    text = json.dumps({**GOOD, "title": "سطر\u2028آخر\x85"}, ensure_ascii=False) + "\n"
    (rec,) = _read("ls.jsonl", text.encode("utf-8"))
    assert isinstance(rec, RawRecord) and "\u2028" in rec.fields["title"]


def test_limits_are_above_real_corpus_members(corpus_dir):
    """The SaudiNewsNet archives pass every limit (their ratio is under 4)."""
    for path in sorted(corpus_dir.glob("*.zip"))[:5]:
        with zipfile.ZipFile(path) as z:
            for info in z.infolist():
                archives.check_member(info, 0)


def _hostile_folder(root: Path) -> Path:
    raw = root / "raw"
    (raw / "sub").mkdir(parents=True)
    rnd = bytes((i * 7919 + 13) % 256 for i in range(5000))
    (raw / "random.json").write_bytes(rnd)
    (raw / "random.jsonl").write_bytes(rnd)
    (raw / "random.txt").write_bytes(rnd)
    (raw / "random.zip").write_bytes(rnd)
    (raw / "random.json.gz").write_bytes(rnd)
    (raw / "deep.json").write_bytes(b"[" * 10_000 + b"]" * 10_000)
    (raw / "deep.jsonl").write_bytes(b'{"a":' * 10_000 + b"\n" + json.dumps(GOOD).encode())
    (raw / "surrogates.json").write_bytes(b'[{"title": "\\udc80\\ud800", "content": "\\ud800 ' + BODY.encode() + b'", "\\udfff": 1}, "\\ud800"]')
    (raw / "mixed.jsonl").write_bytes(
        json.dumps({**GOOD, "title": "أ"}, ensure_ascii=False).encode() + b"\n" + json.dumps({**GOOD, "title": "ب"}, ensure_ascii=False).encode("cp1256") + b"\n\xff\xff\n"
    )
    bidi = "\u202b\u2067\u200f\u061c\u202e"
    (raw / "bidi.json").write_text(json.dumps([{"title": bidi + "عنوان" + bidi, "content": bidi.join(BODY.split())}]), encoding="utf-8")
    quotes = "«»“”„‟‹›\"'‘’‚‛「」『』〝〞＂"
    (raw / "quotes.txt").write_text((quotes * 40 + "\n") * 30, encoding="utf-8")
    (raw / "quotes.json").write_text(json.dumps([{"title": quotes, "content": " ".join([quotes] * 300)}, {"title": "ق", "content": "«" * 2000 + BODY + "»" * 2000}]), encoding="utf-8")
    (raw / "bomb.zip").write_bytes(_zip({"bomb.json": b" " * (50 * MB)}))
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_STORED) as z:
        for i in range(archives.MAX_ENTRIES + 1):
            z.writestr(f"{i}", b"")
    (raw / "many.zip").write_bytes(many.getvalue())
    (raw / "nested.zip").write_bytes(_zip({"in.zip": _zip({"a.json": b"[]"}), "../up.json": json.dumps([GOOD]).encode(), "ok.json": json.dumps([{**GOOD, "title": "داخل"}]).encode()}))
    (raw / "sub" / "numbers.json").write_bytes(b'[{"title": 1e999, "content": ' + b"9" * 5000 + b"}]")
    (raw / "sub" / "types.json").write_text(json.dumps([{"title": ["a", {"b": None}], "content": {"name": BODY}, "date": [1, 2]}, {"content": [BODY, None, 3, True]}, None, 3, [], {}]))
    (raw / "sub" / "nul.jsonl").write_bytes(b'{"title": "a\\u0000b", "content": "' + BODY.encode() + b'\\u0000"}\n')
    (raw / "sub" / "empty.json").write_bytes(b"")
    (raw / "sub" / "bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps([{**GOOD, "title": "بوم"}]).encode())
    (raw / "sub" / "utf16.txt").write_bytes("عنوان\n".encode("utf-16") + b"\x00\xd8")
    (raw / "sub" / "noext").write_bytes(b"x")
    # a file name that is not UTF-8 (os gives it back with lone surrogates)
    with open(os.fsencode(raw) + b"/sub/bad\xffname.json", "wb") as f:
        f.write(json.dumps([{**GOOD, "title": "اسم ملف"}]).encode())
    return raw


def test_hostile_folder_builds_with_every_record_accounted_for(tmp_path):
    raw = _hostile_folder(tmp_path)
    out = tmp_path / "out"
    res = build([raw], out, progress=False, jobs=1)
    m = json.loads((out / "manifest.json").read_text())
    arts = pq.read_table(out / "articles.parquet").to_pylist()
    rejects = pq.read_table(out / "rejects.parquet").to_pylist()
    assert m["records"] == len(arts) + len(rejects) == m["counts"]["articles"] + m["counts"]["rejects"]
    # every input file left a trace: an article or a rejection under its name
    traced = {r["source_file"].split("!", 1)[0] for r in arts + rejects}
    files = {safe_name(p.relative_to(raw).as_posix()) for p in raw.rglob("*") if p.is_file()}
    assert files == traced
    reasons = Counter(r["reason"] for r in rejects)
    for reason in ("archive_bomb", "too_many_entries", "nested_archive", "unsafe_path", "malformed_json", "undecodable", "corrupt_archive"):
        assert reasons[reason] >= 1, (reason, reasons)
    assert {"أ", "ب", "داخل", "بوم", "اسم ملف"} <= {a["title"] for a in arts}
    assert "sub/bad\ufffdname.json" in traced
    assert validate_build(out) == []
    assert res.counts["articles"] == len(arts)
