"""The Hugging Face side of syrianews: ``datasets`` features derived from the table schemas,
the Hub export (Parquet folders + dataset card) and publishing.

Needs the optional extra ``syrianews[hub]`` (``datasets``, ``huggingface_hub``); ``import
syrianews`` never imports this package, so the core works without them."""
from __future__ import annotations

import importlib
from types import ModuleType

INSTALL_HINT = "pip install 'syrianews[hub]'"


def require(module: str) -> ModuleType:
    """Import an optional dependency, or fail with an ImportError that says how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError(f"{module} is needed for the Hugging Face features of syrianews: {INSTALL_HINT}") from exc
