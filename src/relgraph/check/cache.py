"""A cache of the validated dataset, so that quick commands (path, show) skip parsing YAML.

The key is a hash of every input byte (graph/ YAML, seeds) and of relgraph's own code, so the
cache can never serve a graph that differs from what a full check would build. It lives in
.relgraph-cache/ (git-ignored) and is only an optimisation: any problem reading it means a miss.
"""
from __future__ import annotations

import hashlib
import os
import pickle
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


def cached_dataset(root: Path):
    """The validated dataset, from the cache when every input is unchanged (DataError otherwise)."""
    def load_dataset(root: Path):
        from relgraph.check.rules import load_dataset  # the validator (and YAML) are imported only on a miss

        return load_dataset(root, cache=True)

    root = Path(root)
    try:
        key = input_key(root)
    except OSError:
        return load_dataset(root)
    path = root / CACHE_DIR / f"dataset-{key[:32]}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    dataset = load_dataset(root)
    try:
        from relgraph.atomic import write_bytes_atomic

        for old in (root / CACHE_DIR).glob("dataset-*.pickle"):
            old.unlink(missing_ok=True)
        write_bytes_atomic(path, pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only checkout still works, only slower
    return dataset


# -- per-file cache of validated relations -----------------------------------------------------
# After an edit to one relation file only that file is parsed and validated again; every other
# file's relations and diagnostics come from .relgraph-cache/files/, keyed by a hash of the file's
# bytes, its name and its context: the sources, entities and predicates files, every seed, the
# parsers' versions and relgraph's own code. Any change to the context misses every entry, so an
# entry can only be used where validating the file again would give the same answer.
FILES_DIR = "files"
_FORMAT = 2  # bump when the encoding below changes


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


def _encode_position(position):
    from relgraph.read.positions import LazyPosition

    if isinstance(position, LazyPosition):
        return ("L", position.path, position.key, position.kind)
    return ("P", position.line, position.column)


def encode_file_result(relations, diagnostics) -> bytes:
    import marshal

    from relgraph.model.records import relation_to_plain

    rows = [(relation_to_plain(r), _encode_position(r.position)) for r in relations]
    problems = [(d.position.file, d.position.line, d.position.column, d.code, d.message) for d in diagnostics]
    return marshal.dumps((_FORMAT, rows, problems))


def decode_file_result(data: bytes, disk_path: Path, file: str):
    import marshal

    from relgraph.errors import Diagnostic, Position
    from relgraph.model.records import relation_from_plain
    from relgraph.read.positions import LazyPosition, Locator

    version, rows, problems = marshal.loads(data)
    if version != _FORMAT:
        raise ValueError("old cache format")
    # One locator for the file: it composes the file from disk only if a position is asked for.
    locator = Locator(file, disk_path, None)
    relations = []
    for plain, where in rows:
        position = (LazyPosition(locator, where[1], where[2], where[3]) if where[0] == "L"
                    else Position(file, where[1], where[2]))
        relations.append(relation_from_plain(plain, position))
    return relations, [Diagnostic(Position(*p[:3]), p[3], p[4]) for p in problems]


class RelationFileCache:
    """Validated relations per relation file; see the comment above."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.folder = self.root / CACHE_DIR / FILES_DIR
        self.keys: dict[str, str] = {}  # relation file → its cache key, this run
        self.contents: dict[str, bytes] = {}  # the bytes hashed: the same bytes are parsed on a miss

    def lookup(self) -> dict[str, tuple]:
        """file → (relations, diagnostics) for every relation file whose entry is fresh."""
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
                hits[file] = decode_file_result((self.folder / key).read_bytes(), path, file)
            except (OSError, ValueError, EOFError, TypeError, IndexError):
                pass  # no entry, or an unreadable one: validate the file
        return hits

    def store(self, results: dict[str, tuple]) -> None:
        """Keep the files validated this run; drop entries no current file uses."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for file, (relations, diagnostics) in results.items():
                if file in self.keys:
                    # Renamed into place but not fsynced: an entry lost or torn in a crash only
                    # fails to decode, which is a miss. Thousands of fsyncs would cost seconds.
                    tmp = self.folder / f".{self.keys[file]}.{os.getpid()}.tmp"
                    tmp.write_bytes(encode_file_result(relations, diagnostics))
                    os.replace(tmp, self.folder / self.keys[file])
            current = set(self.keys.values())
            for entry in self.folder.iterdir():
                if entry.name not in current and not entry.name.startswith("."):
                    entry.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only checkout still works, only slower
