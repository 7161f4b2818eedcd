"""A second core for the heavy stages: fork a worker that computes bytes and sends them back.

The machine relgraph targets has two cores and the stages are CPU-bound Python, so a forked
worker (which shares the loaded data copy-on-write) halves the work where it splits cleanly.
Where fork is missing (Windows) or fails, the caller does all the work itself; a worker that
fails (exit status, no data) is reported as None, and the caller redoes its share.
"""
from __future__ import annotations

import os
import tempfile
from typing import Callable


def fork(work: Callable[[], "bytes | list[bytes]"]):
    """Start `work` in a forked process; returns a handle for collect(), or None (no fork).
    `work` may return its bytes in parts; collect() gives them joined.

    The worker writes its bytes to an unlinked temporary file, not a pipe: it finishes without
    waiting for the caller to read (a pipe holds 64 KB), and the caller reads them in one go
    (hundreds of MB for a large export)."""
    if not hasattr(os, "fork"):
        return None
    try:
        spool = tempfile.TemporaryFile()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        spool.close()
        return None
    if pid == 0:  # the worker: compute, write, and leave without running any cleanup
        code = 1
        try:
            data = work()
            write_parts(spool.fileno(), data if isinstance(data, (list, tuple)) else (data,))
            code = 0
        finally:
            os._exit(code)
    return pid, spool


WRITE_BATCH = 512  # parts handed to one writev (below every system's IOV_MAX)


def write_parts(fd: int, parts) -> None:
    """Every part, in order, written to the file: a batch of parts per system call (os.writev),
    which copies each straight from its bytes; no joined copy, no copy into a file buffer."""
    parts = [part for part in parts if len(part)]
    for start in range(0, len(parts), WRITE_BATCH):
        batch = parts[start:start + WRITE_BATCH]
        written = os.writev(fd, batch) if hasattr(os, "writev") else 0
        for part in batch:  # what a short write (or no writev) left
            if written >= len(part):
                written -= len(part)
                continue
            view = memoryview(part)[written:]
            written = 0
            while view:
                view = view[os.write(fd, view):]


def _finished(worker) -> bool:
    pid, _ = worker
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def collect(worker) -> bytes | None:
    """The worker's bytes, or None if it failed."""
    _, spool = worker
    with spool:
        if not _finished(worker):
            return None
        spool.seek(0)
        return spool.read()


def collect_mapped(worker):
    """The worker's bytes as a read-only mapping of its spool (an mmap; bytes when it wrote none),
    or None if it failed: b"".join() and file writes take it as it is, so hundreds of MB are not
    first read into a bytes object of their own. The caller closes it when done."""
    import mmap

    _, spool = worker
    with spool:
        if not _finished(worker):
            return None
        if os.fstat(spool.fileno()).st_size == 0:
            return b""
        try:
            return mmap.mmap(spool.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            spool.seek(0)
            return spool.read()
