"""Extractor failures: per article they cost only that extractor's rows; at start-up they stop
the build.

An exception inside one extractor on one article (a rule meeting text it never expected) must
not turn the article into a rejection nor take the other extractors' rows with it: the
article is kept, the failure becomes a row of the ``errors`` table (article, extractor,
error) and is summarised in the manifest.

A failure before any article is read is different: a broken actor catalogue or lexicon would
fail, or silently find nothing, on every article. :func:`start_extractors` makes the
extractors and runs each once on a plain Arabic article, so that lexicons (loaded lazily, on
first use) are loaded and checked too; any exception stops the build with
:class:`StartupError`, saying which extractor and why.
"""
from __future__ import annotations

import signal
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

import pyarrow.parquet as pq

from .records import Article, RawRecord

MAX_MESSAGE = 500
MAX_LISTED = 100  # failures listed one by one in the manifest; the errors table has them all

# a plain article that touches every extractor: a headline with actors, a quote with a speaker,
# an accusation and a denial, a related-articles block
CHECK_TEXT = """روسيا تتهم واشنطن بدعم الإرهاب في سوريا - موقع

روسيا تتهم واشنطن بدعم الإرهاب في سوريا

دمشق - وكالة الأنباء (كاتب)

اتهمت وزارة الخارجية الروسية الولايات المتحدة بدعم تنظيم داعش في سوريا.
وقال المتحدث باسم الوزارة: «إن واشنطن لا تحارب الإرهاب».
ونفت الخارجية الأمريكية هذه الاتهامات، وأكدت أن التحالف الدولي يستهدف مواقع التنظيم.
وأدان الائتلاف الوطني السوري قصف النظام السوري للمدنيين في ريف حلب.

مقالات ذات صلة

روسيا تعلن عن ضربات جديدة في سوريا
"""


# one extractor on one article: real articles take milliseconds; a pathological text (tens of
# thousands of verbs of saying and names) could take hours in a rule that is quadratic
EXTRACT_SECONDS = 120.0


class ExtractorTimeout(TimeoutError):
    """An extractor ran past :data:`EXTRACT_SECONDS` on one article."""


_armed: tuple[str, float] | None = None  # (what, seconds) of the time_limit block running
_installed = False  # the SIGALRM handler is in place (inside an ``alarms()`` block)


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _expire(signum, frame):
    if _armed is not None:
        what, seconds = _armed
        raise ExtractorTimeout(f"{what} ran for more than {seconds:g} s on this article and was stopped")


@contextmanager
def alarms() -> Iterator[None]:
    """Keep the SIGALRM handler in place for the :func:`time_limit` blocks inside (one
    article's extractors): installing and restoring a handler costs about five times arming
    the timer, and each extractor of each article has its own limit. Re-entrant; the previous
    handler is back in place after the outermost block."""
    global _installed
    if _installed or not _usable():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    _installed = True
    try:
        yield
    finally:
        _installed = False
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Raise :class:`ExtractorTimeout` inside the block after ``seconds``.

    Uses ``SIGALRM``, so only where it can: POSIX, the main thread (the local engine's worker
    processes and ``--jobs 1``); elsewhere (threads of a Dask worker) the block runs unbounded."""
    global _armed
    if not seconds or not _usable():  # the main thread only: the signal goes to it
        yield
        return
    if not _installed:  # a block on its own: the handler for its time only
        with alarms(), time_limit(seconds, what):
            yield
        return
    _armed = (what, seconds)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _armed = None


class StartupError(RuntimeError):
    """An extractor (or its catalogue or lexicon) cannot work: the build does not start."""


def error_row(article: Article, extractor: str, error: BaseException) -> dict[str, Any]:
    message = str(error)
    return {
        "article_id": article.article_id,
        "extractor": extractor,
        "error_type": type(error).__name__,
        "message": message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…",
        "source_file": article.source_file,
        "record_index": article.record_index,
    }


def errors_summary(stage: Path) -> dict[str, Any]:
    """The manifest's ``extractor_errors``: counts per extractor and the first failures."""
    path = stage / "errors.parquet"
    rows = pq.read_table(path).to_pylist() if path.exists() else []
    return {
        "count": len(rows),
        "by_extractor": dict(sorted(Counter(r["extractor"] for r in rows).items())),
        "first": [{k: r[k] for k in ("article_id", "extractor", "error_type", "message")} for r in rows[:MAX_LISTED]],
    }


def check_article() -> Article:
    from .articles import to_article

    art = to_article(RawRecord("<start-up check>", 0, {"text": CHECK_TEXT}, "pagedump"))
    if not isinstance(art, Article):
        raise StartupError(f"the article cleaner rejects the start-up check article ({art.reason}: {art.detail})")
    return art


def start_extractors(factory: Callable[[Any], list], config: Any) -> list:
    """``factory(config)``, then every extractor run once on :data:`CHECK_TEXT`.

    Catalogue errors keep their own type (the command line names the catalogue file); any
    other failure becomes :class:`StartupError`."""
    from .actors_errors import CatalogueErrorTypes

    try:
        extractors = factory(config)
    except CatalogueErrorTypes:
        raise
    except Exception as e:
        raise StartupError(f"the extractors cannot be set up: {type(e).__name__}: {e}") from e
    try:
        art = check_article()
    except StartupError:
        raise
    except Exception as e:
        raise StartupError(f"the article cleaner fails at start-up (a reader lexicon?): {type(e).__name__}: {e}") from e
    found: dict[str, list[dict]] = {}
    for ex in extractors:
        try:
            made = ex.extract(art, found)
        except Exception as e:
            raise StartupError(
                f"extractor {ex.name!r} fails on a plain article at start-up (a broken lexicon or catalogue?): {type(e).__name__}: {e}"
            ) from e
        for table, rows in made.items():
            found.setdefault(table, []).extend(rows)
    return extractors
