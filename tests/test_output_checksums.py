"""The tables of the shipped SaudiNewsNet build are those of the last accepted output.

A speed-up or a refactoring must not change a single value or row order. When a change of the
output is intended (a new rule, a lexicon entry), rebuild, rewrite the stored checksums with
``python -m syrianews.checksums BUILD --write tests/fixtures/corpus_checksums.json`` and list the
difference in the change's note."""
from __future__ import annotations

import json
from pathlib import Path

from syrianews.checksums import checksums, differences

STORED = Path(__file__).parent / "fixtures" / "corpus_checksums.json"


def test_corpus_tables_equal_the_stored_checksums(corpus_build):
    stored = json.loads(STORED.read_text(encoding="utf-8"))
    mine = checksums(corpus_build)
    changed = differences(mine, stored)
    detail = {n: {"now": mine.get(n), "stored": stored.get(n)} for n in changed}
    assert not changed, (
        f"tables changed: {changed} {json.dumps(detail, ensure_ascii=False)}; if intended, rewrite "
        f"{STORED} with python -m syrianews.checksums BUILD --write and list the change in the note")


def test_a_changed_value_changes_the_checksum(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    a, b = tmp_path / "a", tmp_path / "b"
    for d, speaker in ((a, "عادل الجبير"), (b, "عادل  الجبير")):
        d.mkdir()
        pq.write_table(pa.table({"quote_id": ["q1", "q2"], "speaker": ["سانا", speaker]}), d / "quotes.parquet")
    assert differences(checksums(a), checksums(a)) == []
    assert differences(checksums(a), checksums(b)) == ["quotes"]
    # row order counts too
    pq.write_table(pa.table({"quote_id": ["q2", "q1"], "speaker": ["عادل الجبير", "سانا"]}), b / "quotes.parquet")
    assert differences(checksums(a), checksums(b)) == ["quotes"]
