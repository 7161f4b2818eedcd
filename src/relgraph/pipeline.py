"""The build: check the data, render every output in memory, then replace output/ files atomically.

Nothing is written unless every output rendered, so a failed build leaves output/ as it was.
A lock file keeps two builds from interleaving.
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

from relgraph.atomic import Pieces, remove_leftovers, replace_all, same_as_file
from relgraph.errors import OutputError
from relgraph.export.registry import BUILD_OUTPUTS
from relgraph.model.records import Dataset
from relgraph.check.behind import newest_input, record_built
from relgraph.check.cache import ChunkCache
from relgraph.check.runner import load_dataset, load_dataset_with_origins

OUTPUT_DIR = "output"


def render_outputs(dataset: Dataset, base: str | None = None, chunks=None, timings: dict | None = None
                   ) -> dict[str, "bytes | Pieces"]:
    """Every format the registry marks as a build output, rendered in memory: file name → bytes
    (or Pieces: graph.ttl from the chunk cache, written and compared without being joined).
    `chunks`: a ChunkCache, for the outputs that take one (registry options)."""
    rendered = {}
    for name in sorted(BUILD_OUTPUTS):
        with timed(timings, f"render {name}"):
            rendered[name] = BUILD_OUTPUTS[name].render(dataset, base=base, chunks=chunks)
    return rendered


def timed(timings: dict | None, phase: str):
    """With a `timings` dict, a context that adds the seconds it lasts under `phase` (the benchmark
    reports where a build's time goes); without one, nothing."""
    return _timed(timings, phase) if timings is not None else nullcontext()


@contextmanager
def _timed(timings: dict, phase: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[phase] = timings.get(phase, 0.0) + time.perf_counter() - start


@contextmanager
def build_lock(output: Path):
    """Lock the output folder itself (no lock file to commit or leave behind)."""
    output.mkdir(parents=True, exist_ok=True)
    fd = os.open(output, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"another build is writing {output}/; try again when it has finished") from None
        yield
    finally:
        os.close(fd)


def stale_outputs(root: Path, rendered: dict[str, "bytes | Pieces"]) -> list[str]:
    output = Path(root) / OUTPUT_DIR
    return [f"{OUTPUT_DIR}/{name}" for name, data in sorted(rendered.items()) if not same_as_file(output / name, data)]


def build(root: Path, base: str | None = None, check_only: bool = False, cache: bool = False,
          timings: dict | None = None) -> list[str]:
    """Build output/; returns the files written (or, with check_only, the stale ones).

    With `cache`, unchanged relation files are taken from the per-file cache (check_project), and
    the outputs that can reuse what they rendered from an unchanged file do (registry "chunks").
    With `timings` (a dict), the seconds of each phase are added to it: "check", "render NAME",
    "drop unused cache entries", "compare with output/", "write".
    """
    root = Path(root)
    chunks = None
    started_from = newest_input(root)[0]  # before anything is read: an edit saved during the build is newer
    with timed(timings, "check"):
        if cache:
            dataset, origins = load_dataset_with_origins(root)
            chunks = ChunkCache(root, origins.context, origins.files) if origins is not None else None
        else:
            dataset = load_dataset(root)
    rendered = render_outputs(dataset, base, chunks, timings)
    if chunks is not None:
        with timed(timings, "drop unused cache entries"):
            chunks.drop_unused()
    with timed(timings, "compare with output/"):
        stale = stale_outputs(root, rendered)
    output = root / OUTPUT_DIR
    if check_only:
        if cache and not stale:
            record_built(root, started_from, output / "graph.ttl")
        return stale
    with timed(timings, "write"), build_lock(output):
        remove_leftovers(output)  # an interrupted build's temporary files; the lock keeps others out
        replace_all({output / name: rendered[name] for name in sorted(rendered) if f"{OUTPUT_DIR}/{name}" in stale})
        if cache:  # what `relgraph query` reads to tell whether graph.ttl is behind graph/ (check/cache.py)
            record_built(root, started_from, output / "graph.ttl")
    return stale
