"""Profile the quote extractor alone on a fixed slice of SaudiNewsNet, on one core.

    python benchmarks/profile_quotes.py [--corpus DIR] [--articles 3000] [--top 10] [--out FILE]

The first N articles of the corpus (files sorted by path, records in file order) are read and
cleaned, their mentions found (not profiled), then the quote extractor runs on a fresh
:class:`~syrianews.document.Document` of each (timed, then again under cProfile): its cost includes the body's
words and quotation marks, which it is the first extractor to ask for in a build. Prints CPU ms per
article (process time: the machine is shared) and the top functions by own time; ``--out`` also writes the quote rows as JSON Lines
so that two versions of the code can be compared row for row.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("SYRIANEWS_CORPUS", ROOT / "data" / "raw" / "saudinewsnet"))


def articles(corpus: Path, n: int) -> list:
    """The first ``n`` articles of the corpus (rejects skipped), in build order."""
    from syrianews.articles import to_article
    from syrianews.readers import input_files, iter_file
    from syrianews.records import RawRecord, Rejection

    out = []
    for path, name in input_files([corpus]):
        for rec in iter_file(path, name):
            if isinstance(rec, RawRecord):
                art = to_article(rec)
                if not isinstance(art, Rejection):
                    out.append(art)
                    if len(out) >= n:
                        return out
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--top", type=int, default=10)
    ap.add_argument("--out", type=Path, help="write the quote rows here (JSON Lines)")
    args = ap.parse_args()

    from syrianews.config import BuildConfig
    from syrianews.document import Document
    from syrianews.extractors import build_extractors

    arts = articles(args.corpus, args.articles)
    exs = {e.name: e for e in build_extractors(BuildConfig.make(extractors=["mentions", "quotes"], jobs=1))}
    mentions = [exs["mentions"].extract(Document(a), {})["mentions"] for a in arts]
    quotes = exs["quotes"]

    def run() -> list[list[dict]]:
        # one fresh Document per article, dropped after it as in a build (keeping thousands
        # alive would bill the garbage collector's walks over them to the tokeniser)
        out = []
        for a, m in zip(arts, mentions):
            d = Document(a)
            d.mentions = m
            out.append(quotes.extract(d, {"mentions": m})["quotes"])
        return out

    t0 = time.process_time()  # CPU time: the machine is shared, wall time is not this process's
    rows = run()
    plain = time.process_time() - t0
    prof = cProfile.Profile(time.process_time)  # CPU time again; the same work, caches warm as in a long build
    t0 = time.process_time()
    prof.enable()
    run()
    prof.disable()
    profiled = time.process_time() - t0

    n_rows = sum(map(len, rows))
    print(f"{len(arts)} articles, {n_rows} quotes: {1000 * plain / len(arts):.2f} ms/article "
          f"({1000 * profiled / len(arts):.2f} under the profiler)")
    s = io.StringIO()
    pstats.Stats(prof, stream=s).sort_stats("tottime").print_stats(args.top)
    print(s.getvalue())
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            for rs in rows:
                for r in rs:
                    f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
