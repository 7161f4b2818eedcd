"""A second core for the heavy stages: fork a worker that computes bytes and sends them back.

The machine relgraph targets has two cores and the stages are CPU-bound Python, so a forked
worker (which shares the loaded data copy-on-write) halves the work where it splits cleanly.
Where fork is missing (Windows) or fails, the caller does all the work itself; a worker that
fails (exit status, no data) is reported as None, and the caller redoes its share.
"""
from __future__ import annotations

import os
from typing import Callable


def fork(work: Callable[[], bytes]):
    """Start `work` in a forked process; returns a handle for collect(), or None (no fork)."""
    if not hasattr(os, "fork"):
        return None
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the worker: compute, write, and leave without running any cleanup
        code = 1
        try:
            os.close(read_end)
            data = work()
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def collect(worker) -> bytes | None:
    """The worker's bytes, or None if it failed."""
    pid, read_end = worker
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    return data if os.waitstatus_to_exitcode(status) == 0 else None
