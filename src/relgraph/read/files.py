"""Reading input files the project owns, with bounds: regular files only, at most a size cap.

A FIFO, a device or a link to /dev/zero among the inputs would hang a read or fill memory; such a
path is refused at once with a reason, before any byte is read.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_INPUT_BYTES = 50 * 1024 * 1024


class NotARegularFile(OSError):
    """An input that is not a regular file, or too large; `reason` says which, for a diagnostic."""

    def __init__(self, path: Path, reason: str):
        super().__init__(reason)
        self.path, self.reason = path, reason


def read_regular(path: "Path | str", limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (links are followed to a regular file).

    Raises NotARegularFile for anything else, OSError (FileNotFoundError, PermissionError) as usual."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))  # a FIFO must not block the open
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(path, "not a regular file")
        if info.st_size > limit:
            raise NotARegularFile(path, f"file larger than {limit} bytes")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise NotARegularFile(path, f"file larger than {limit} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_inside(path: Path, folder: Path) -> bool:
    """Whether `path`, links resolved, lies inside `folder` (links resolved too)."""
    try:
        Path(path).resolve(strict=True).relative_to(Path(folder).resolve(strict=True))
        return True
    except (OSError, ValueError):
        return False
