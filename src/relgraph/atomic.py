"""Atomic file writes: a reader sees the old file or the new one, never half of one."""
from __future__ import annotations

import os
import signal
import tempfile
from pathlib import Path


def stage(path: Path, data: bytes) -> Path:
    """Write data to a temporary file beside `path` (same filesystem, so a rename is atomic)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are meant to be shared
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def replace_all(files: dict[Path, bytes]) -> None:
    """Replace several files so that an interrupted run leaves all old or all new.

    Everything is staged first; the renames then run with SIGINT and SIGTERM held back, so a
    Ctrl-C or a kill cannot land between two of them (SIGKILL still can: nothing can stop it).
    """
    staged: dict[Path, Path] = {}
    try:
        for path, data in files.items():
            staged[Path(path)] = stage(path, data)
        held = {signal.SIGINT, signal.SIGTERM}
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            for path, tmp in staged.items():
                os.replace(tmp, path)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    replace_all({Path(path): data})


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
