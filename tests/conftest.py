"""Shared fixtures: paths to the shared material, and one corpus build per test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SYRIANEWS_SHARED", ROOT.parent / "shared"))
# SaudiNewsNet ships in data/raw/saudinewsnet (CC BY-NC-SA 4.0); $SYRIANEWS_CORPUS points elsewhere
CORPUS = Path(os.environ.get("SYRIANEWS_CORPUS", ROOT / "data" / "raw" / "saudinewsnet"))
SAMPLE = ROOT / "data" / "raw" / "sample" / "000_9a22f17ed7bf8f62.txt"

# a body long enough to be an article, for the hand-made inputs of the build tests
BODY = "قال المتحدث باسم الوزارة إن القوات تقدمت في ريف حلب الشمالي بعد معارك عنيفة استمرت يومين."


def page_dump(title: str, body: str, related: list[str] = ()) -> str:
    """A saved web page as text (site title, headline, byline, body, then related links)."""
    lines = [f"{title} - موقع", "", title, "", "عنب بلدي - (كاتب)", body]
    if related:
        lines += ["", "مقالات ذات صلة", ""] + list(related)
    return "\n".join(lines)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not any(CORPUS.glob("*.zip")):
        pytest.skip(f"SaudiNewsNet corpus not found at {CORPUS} (set SYRIANEWS_CORPUS)")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_build(corpus_dir, tmp_path_factory) -> Path:
    """The whole corpus built once for every test that needs it."""
    from syrianews.pipeline import build

    out = tmp_path_factory.mktemp("corpus") / "processed"
    build([corpus_dir], out, progress=False)
    return out


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    from syrianews.pipeline import build

    out = tmp_path_factory.mktemp("sample") / "processed"
    build([SAMPLE], out, progress=False)
    return out
