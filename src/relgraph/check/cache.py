"""Content-addressed stores under .relgraph-cache/ (git-ignored): bytes under keys, nothing else.

Two stores: the validated dataset (for quick commands such as path and show) keyed by a hash of
every input byte (graph/ YAML, seeds) and of relgraph's own code, and one entry per relation
file (below). A key covers everything the entry depends on, so an entry can never stand for a
different answer; any problem reading one means a miss. What goes into an entry, and how it is
read back, is the runner's business (check/runner.py, check/codec.py).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

CACHE_DIR = ".relgraph-cache"


def _code() -> list[Path]:
    """relgraph's own source files: a change to them may change any result."""
    return sorted(Path(__file__).resolve().parent.parent.rglob("*.py"))  # the whole package


def _hash_files(digest, paths: list[Path]):
    """Add each file's name and bytes to `digest` (a missing file is marked, not skipped)."""
    for path in paths:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"\xff")
        digest.update(b"\0")
    return digest


def input_key(root: Path) -> str:
    files = sorted((root / "graph").rglob("*.yaml")) + sorted((root / "seeds").glob("*"))
    return _hash_files(hashlib.sha256(), files + _code()).hexdigest()


def read_dataset_entry(root: Path, key: str) -> bytes | None:
    try:
        return (Path(root) / CACHE_DIR / f"dataset-{key[:32]}.pickle").read_bytes()
    except OSError:
        return None


def write_dataset_entry(root: Path, key: str, data: bytes) -> None:
    """Keep one dataset entry, replacing older ones; a read-only checkout still works, only slower."""
    from relgraph.atomic import write_bytes_atomic

    folder = Path(root) / CACHE_DIR
    try:
        for old in folder.glob("dataset-*.pickle"):
            old.unlink(missing_ok=True)
        write_bytes_atomic(folder / f"dataset-{key[:32]}.pickle", data)
    except OSError:
        pass


# -- per-file cache of validated relations -----------------------------------------------------
# After an edit to one relation file only that file is parsed and validated again; every other
# file's relations and diagnostics come from .relgraph-cache/files/, keyed by a hash of the file's
# bytes, its name and its context: the sources, entities and predicates files, every seed, the
# parsers' versions and relgraph's own code. Any change to the context misses every entry, so an
# entry can only be used where validating the file again would give the same answer.
FILES_DIR = "files"
_FORMAT = 3  # bump when what an entry holds changes (codec.FORMAT guards the encoding itself)


def context_digest(root: Path) -> bytes:
    import yaml

    try:
        import yaml_rs
        rust = getattr(yaml_rs, "__version__", "?")
    except ImportError:  # pragma: no cover
        rust = "none"
    digest = hashlib.sha256(f"relgraph-files-{_FORMAT}\0{yaml.__version__}\0{rust}\0".encode())
    context = [root / "graph" / name for name in ("sources.yaml", "entities.yaml", "predicates.yaml")]
    return _hash_files(digest, context + sorted((root / "seeds").glob("*")) + _code()).digest()


class RelationFileCache:
    """Bytes per relation file, under a key made of the file's bytes, its name and its context
    (see the comment above). It stores what it is given and knows nothing of validation."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.folder = self.root / CACHE_DIR / FILES_DIR
        self.keys: dict[str, str] = {}  # relation file → its cache key, this run
        self.contents: dict[str, bytes] = {}  # the bytes hashed: the same bytes are parsed on a miss

    def lookup(self) -> dict[str, bytes]:
        """file → the entry stored for its current bytes and context, for every file that has one."""
        from relgraph.read.project import display_path, relation_paths

        try:
            context = context_digest(self.root)
        except OSError:
            return {}
        hits = {}
        for path in relation_paths(self.root):
            file = display_path(self.root, path)
            try:
                data = path.read_bytes()
            except OSError:
                continue  # the loader reports it
            key = hashlib.sha256(context + file.encode("utf-8", "surrogateescape") + b"\0" + data).hexdigest()
            self.keys[file], self.contents[file] = key, data
            try:
                hits[file] = (self.folder / key).read_bytes()
            except OSError:
                pass  # no entry: the file is validated
        return hits

    def store(self, entries: dict[str, bytes]) -> None:
        """Keep these files' entries; drop entries no current file uses."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for file, data in entries.items():
                if file in self.keys:
                    # Renamed into place but not fsynced: an entry lost or torn in a crash only
                    # fails to decode, which is a miss. Thousands of fsyncs would cost seconds.
                    tmp = self.folder / f".{self.keys[file]}.{os.getpid()}.tmp"
                    tmp.write_bytes(data)
                    os.replace(tmp, self.folder / self.keys[file])
            current = set(self.keys.values())
            for entry in self.folder.iterdir():
                if entry.name not in current and not entry.name.startswith("."):
                    entry.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only checkout still works, only slower
