"""Access to the package's data files (lexicons live as data, not code)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

_ALEF = re.compile("[إأآٱ]")
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


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
    """A loose key for comparing short Arabic labels: no diacritics, one alef, ه for ة, ي for ى."""
    text = _DIACRITICS.sub("", text)
    text = _ALEF.sub("ا", text).replace("ة", "ه").replace("ى", "ي")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())
