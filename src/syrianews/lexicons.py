"""Access to the package's data files (lexicons live as data, not code)."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from .document.fold import fold_label


def data_text(name: str) -> str:
    return resources.files("syrianews").joinpath("data", name).read_text(encoding="utf-8")


def word_list(name: str) -> list[str]:
    """Non-empty, non-comment lines of a one-entry-per-line data file."""
    out = []
    for line in data_text(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@lru_cache(maxsize=None)
def json_data(name: str) -> Any:
    return json.loads(data_text(name))


def fold(text: str) -> str:
    """A loose key for comparing short Arabic labels (the package's one folding,
    :func:`syrianews.document.fold.fold_label`)."""
    return fold_label(text)
