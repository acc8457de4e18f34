"""The error types a bad actor catalogue raises, without importing the matcher at CLI start."""
from __future__ import annotations

try:
    from .actors.catalogue import CatalogueError

    CatalogueErrorTypes: tuple[type[BaseException], ...] = (CatalogueError,)
except ImportError:  # the actors package is optional for the pipeline
    CatalogueErrorTypes = ()
