"""syrianews: Arabic news about the Syrian conflict as linked Parquet tables."""
from __future__ import annotations

__version__ = "0.1.0"

from .loading import load, load_all, tables  # noqa: E402

__all__ = ["__version__", "load", "load_all", "tables", "load_dataset", "to_datasets"]


def __getattr__(name: str):
    """``load_dataset`` / ``to_datasets`` live in :mod:`syrianews.hub`, imported on first use so
    that ``import syrianews`` does not need the optional ``datasets`` dependency."""
    if name in ("load_dataset", "to_datasets"):
        from .hub import loading

        return getattr(loading, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
