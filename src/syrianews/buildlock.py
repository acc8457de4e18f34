"""One build at a time per output folder.

Two builds into the same ``--out`` (two researchers, or a cron job and a person) would race on
the staging folder and the final swap. A build therefore holds ``.<out>.lock`` beside the
output folder for its whole run: an exclusive ``flock`` on the file, whose content says who
holds it (pid, host, start time). The kernel drops the ``flock`` when the holder dies, however
it dies, so a lock file left by a killed build is recognised as stale (its lock is free, its
pid is dead), reported and taken over; a live holder makes the second build fail at once.
"""
from __future__ import annotations

import errno
import fcntl
import functools
import inspect
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger("syrianews")

class BuildLockedError(RuntimeError):
    """Another build is writing into the same output folder."""


def lock_path(out: str | os.PathLike) -> Path:
    out = Path(out)
    return out.parent / f".{out.name}.lock"


def _holder(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _describe(holder: dict) -> str:
    started = holder.get("started")
    when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(started)) if isinstance(started, (int, float)) else "an unknown time"
    return f"pid {holder.get('pid', '?')} on {holder.get('host', '?')}, started {when}"


@contextmanager
def build_lock(out: str | os.PathLike, *, on_stale=None) -> Iterator[Path]:
    """Hold the lock of ``out`` for the duration of the block.

    Raises :class:`BuildLockedError` at once when another live build holds it. ``on_stale`` is
    called with a message when a stale lock (a killed build's) is cleared."""
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            os.close(fd)
            if e.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            holder = _holder(path)
            raise BuildLockedError(
                f"another build is writing into {Path(out)} ({_describe(holder)}); "
                f"wait for it to finish (its lock: {path})"
            ) from None
        # the file may have been removed (and re-created) by its holder between open and flock
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        holder = _holder(path)
        if holder.get("pid") and on_stale is not None:
            alive = holder.get("host") == socket.gethostname() and pid_alive(int(holder["pid"]))
            state = "no longer holds it" if alive else "is not running"
            on_stale(f"cleared a stale lock on {Path(out)} left by a killed build ({_describe(holder)}, which {state})")
        info = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(info) + "\n").encode("utf-8"), 0)
        yield path
    finally:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        os.close(fd)


class BuildWriteError(OSError):
    """Writing the build failed (disk full, read-only folder, quota): nothing was published."""

    def __init__(self, out: Path, error: OSError):
        super().__init__(error.errno, error.strerror)
        self.out, self.error = out, error

    def __str__(self) -> str:
        what = os.strerror(self.error.errno) if self.error.errno else str(self.error)
        where = f" ({self.error.filename})" if self.error.filename else ""
        return (
            f"writing the build into {self.out} failed: {what}{where}; the previous tables in {self.out} "
            "are unchanged and the unfinished staging folder was removed"
        )


def _out_argument(func, args, kwargs) -> Path:
    bound = inspect.signature(func).bind(*args, **kwargs)
    bound.apply_defaults()
    out = bound.arguments.get("out")
    if out is None:  # a configuration object that carries the output folder
        config = bound.arguments.get("config")
        out = getattr(config, "out", None)
    if out is None:
        raise TypeError(f"{func.__name__}: no output folder to lock")
    return Path(out)


def locked_build(func):
    """Decorate a build function (with an ``out`` argument): hold ``out``'s lock while it runs,
    and turn write errors into :class:`BuildWriteError` with a message that says what is left."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        out = _out_argument(func, args, kwargs)
        with build_lock(out, on_stale=log.warning):
            try:
                return func(*args, **kwargs)
            except BuildWriteError:
                raise
            except FileNotFoundError:
                raise  # a missing input: the build says which
            except OSError as e:
                raise BuildWriteError(out, e) from e

    return wrapper

