"""`relgraph check --watch`: check again on every save, printing only what changed.

The curated files are polled (their names, sizes and modification times: no dependency, and
cheap next to a check); when one changes, the project is checked again through the per-file
cache, so only the edited relation file is parsed and validated again. Each round prints the
problems that appeared (`+`) and those that went away (`-`), then one status line.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable, TextIO

from relgraph.errors import Diagnostic
from relgraph.read.project import relations_folder_names


def fingerprint(root: Path) -> tuple:
    """Names, sizes and modification times of every input a check reads, and every name in
    graph/relations/ (a new x.yml or notes.txt is said by the check: E123, W204)."""
    files = sorted(Path(root).glob("graph/**/*.yaml")) + sorted(Path(root).glob("seeds/*"))
    found: list = [tuple(relations_folder_names(root))]
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            continue
        found.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(found)


def changes(before: list[Diagnostic], after: list[Diagnostic]) -> list[str]:
    gone = [f"- {d}" for d in before if d not in set(after)]
    new = [f"+ {d}" for d in after if d not in set(before)]
    return gone + new


def status_line(dataset, diagnostics: list[Diagnostic]) -> str:
    errors = sum(1 for d in diagnostics if d.level == "error")
    warnings = len(diagnostics) - errors
    if dataset is None:
        return f"{errors} error(s), {warnings} warning(s); fix them and save"
    return (f"ok: {len(dataset.relations)} relations, {len(dataset.entities)} entities"
            + (f"; {warnings} warning(s)" if warnings else ""))


def watch(root: Path, out: TextIO, interval: float = 0.5, rounds: int | None = None,
          sleep: Callable[[float], None] = time.sleep) -> None:
    """Check now and after every change, until interrupted (or `rounds` polls, for tests)."""
    from relgraph.check.runner import check_project

    previous: list[Diagnostic] = []
    seen = None
    polls = 0
    while rounds is None or polls < rounds:
        current = fingerprint(root)
        if current != seen:
            seen = current
            started = time.perf_counter()
            dataset, diagnostics = check_project(root, cache=True)
            for line in changes(previous, diagnostics) if polls else [str(d) for d in diagnostics]:
                print(line, file=out)
            print(f"{status_line(dataset, diagnostics)} ({time.perf_counter() - started:.2f} s)", file=out, flush=True)
            previous = diagnostics
        polls += 1
        if rounds is None or polls < rounds:
            sleep(interval)
