"""Is output/ behind graph/? Told from file times alone, never by a check or a hash.

`relgraph query` reads output/graph.ttl, written by the last build; `show` and `path` read graph/.
- an input newer than graph.ttl may have changed since it was written;
- but a build that finds graph.ttl up to date (a comment edited) leaves it as it was, so the build
  also keeps, in the cache (.relgraph-cache/built/), the newest input time it started from and the
  graph.ttl it left.
Seeds are not looked at: a seed changes only with its sha256 in graph/sources.yaml (E115), and a
checkout writes seeds/ after output/, which would make every fresh clone look stale.

Nothing heavy is imported until the record is needed (hashlib alone is 2 ms of a 90 ms query).
"""
from __future__ import annotations

import os
import struct
from pathlib import Path

BUILT_DIR = "built"
_RECORD = struct.Struct("<4q")  # the newest input time the build started from; graph.ttl's mtime, size, inode


def newest_input(root: Path) -> tuple[int, str]:
    """The latest modification time (ns) of graph/'s YAML files, of every entry of graph/relations/
    and of those folders themselves (a file removed or renamed changes its folder's time), with
    the path it belongs to; (0, "") when there is none."""
    newest = (0, "")
    for folder in ("graph", "graph/relations"):
        try:
            newest = max(newest, (os.stat(os.path.join(root, folder)).st_mtime_ns, f"{folder}/"))
            with os.scandir(os.path.join(root, folder)) as entries:
                for entry in entries:
                    if folder == "graph/relations" or entry.name.endswith(".yaml"):
                        newest = max(newest, (entry.stat().st_mtime_ns, f"{folder}/{entry.name}"))
        except OSError:
            continue
    return newest


def _identity(path: Path) -> tuple[int, int, int]:
    info = os.stat(path)
    return info.st_mtime_ns, info.st_size, info.st_ino


def _key() -> str:
    import hashlib

    return hashlib.sha256(b"output/graph.ttl").hexdigest()  # the one entry of built/


def record_built(root: Path, started_from: int, output_file: Path) -> None:
    """After a build that left `output_file` current: the newest input time the build started from
    (newest_input before its check), and the file as it left it."""
    from relgraph.check.cache import write_only_entry

    try:
        data = _RECORD.pack(started_from, *_identity(output_file))
    except OSError:
        return
    write_only_entry(root, (BUILT_DIR,), _key(), data)


def changed_after(root: Path, output_file: Path, use_record: bool = True) -> str | None:
    """The input that may have changed after `output_file` was built from graph/ (the newest), or
    None when none has (or there is no such file: whoever reads it says so)."""
    try:
        identity = _identity(output_file)
    except OSError:
        return None
    newest, name = newest_input(root)
    if newest <= identity[0]:
        return None
    if use_record:
        from relgraph.check.cache import cache_folder, read_entry

        folder = cache_folder(root, BUILT_DIR)
        data = read_entry(folder, _key()) if folder is not None else None
        if data is not None and len(data) == _RECORD.size:
            started_from, *built = _RECORD.unpack(data)
            if tuple(built) == identity and newest <= started_from:
                return None
    return name


def stale_warning(root: Path, output_file: Path, use_record: bool = True) -> str | None:
    """The line `relgraph query` writes on stderr when graph/ may have changed since `output_file`
    was built (None when it has not): the command line and the answer a running serve forwards."""
    changed = changed_after(root, output_file, use_record)
    if changed is None:
        return None
    return (f"warning: output/graph.ttl is older than {changed}: the answer is from the last build, "
            "not from graph/ as it is now; run 'relgraph build'")
