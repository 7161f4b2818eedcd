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
            for part in (data if isinstance(data, (list, tuple)) else (data,)):  # parts: no joined copy
                spool.write(part)
            spool.flush()
            code = 0
        finally:
            os._exit(code)
    return pid, spool


def collect(worker) -> bytes | None:
    """The worker's bytes, or None if it failed."""
    pid, spool = worker
    with spool:
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        spool.seek(0)
        return spool.read()
