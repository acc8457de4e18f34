"""Memory hygiene of the build's worker processes: what they load and what they give back.

A worker's resident memory is mostly not its Python objects: it is the libraries it imports and
the memory its allocators keep after the rows of a partition are written. Three things are
done, each measured on SaudiNewsNet partitions (see the README's performance section):

- pyarrow imports pandas (about 35 MiB) the first time it converts a Python list, only to ask
  whether the list is a pandas object; a worker never hands it one, so the question is
  answered "no pandas" once at start-up (pandas stays importable: pyarrow imports it when a
  conversion *to* pandas asks for it).
- Arrow's buffers come from the C library's allocator (``system`` pool) rather than mimalloc,
  which keeps the pages of every freed buffer for reuse.
- the C allocator hands big blocks back to the system when they are freed (a fixed mmap
  threshold, so that glibc does not raise it after the first 12 MB input member and then serve
  every later big string from a heap it cannot shrink), and after each task the freed memory
  is returned (``gc.collect``, the Arrow pool's ``release_unused``, glibc's ``malloc_trim``).

Only worker processes are changed this way (:func:`start_worker`); a build that runs its
tasks in the calling process (one job) only calls :func:`release` after each task.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from functools import lru_cache

MMAP_THRESHOLD = 256 * 1024  # blocks at least this big are mapped, and unmapped when freed
_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number


@lru_cache(maxsize=1)
def _libc():
    """glibc, or None elsewhere (musl, macOS, Windows: the allocator calls are skipped)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim  # glibc only
        libc.mallopt
    except (OSError, AttributeError):
        return None
    return libc


def arrow_without_pandas() -> bool:
    """Make pyarrow settle that pandas is absent without importing it; True if it was done.

    pyarrow asks once per process (its first Python-to-Arrow conversion) and remembers the
    answer; a blocked import during that one question is the only way to skip it."""
    if "pandas" in sys.modules:  # already paid for (or in use): leave pyarrow as it is
        return False
    import pyarrow as pa

    blocker = _NoPandas()
    sys.meta_path.insert(0, blocker)
    try:
        pa.array([0])
    finally:
        sys.meta_path.remove(blocker)
    return True


class _NoPandas:
    """An import finder that refuses pandas (while pyarrow asks for it)."""

    def find_spec(self, name: str, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is not imported in this worker")
        return None


def start_worker() -> None:
    """Initializer of a worker process of the local engine."""
    import pyarrow as pa

    arrow_without_pandas()
    pa.set_memory_pool(pa.system_memory_pool())
    libc = _libc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def release() -> None:
    """Give the memory freed by a finished task back to the system."""
    import pyarrow as pa

    gc.collect()
    pa.default_memory_pool().release_unused()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
