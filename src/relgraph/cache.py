"""A cache of the validated dataset, so that quick commands (path, show) skip parsing YAML.

The key is a hash of every input byte (graph/ YAML, seeds) and of relgraph's own code, so the
cache can never serve a graph that differs from what a full check would build. It lives in
.relgraph-cache/ (git-ignored) and is only an optimisation: any problem reading it means a miss.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

CACHE_DIR = ".relgraph-cache"


def _inputs(root: Path) -> list[Path]:
    files = sorted((root / "graph").rglob("*.yaml")) + sorted((root / "seeds").glob("*"))
    package = Path(__file__).resolve().parent
    return files + sorted(package.rglob("*.py"))


def input_key(root: Path) -> str:
    digest = hashlib.sha256()
    for path in _inputs(root):
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"")
        digest.update(b"\0")
    return digest.hexdigest()


def cached_dataset(root: Path):
    """The validated dataset, from the cache when every input is unchanged (DataError otherwise)."""
    from . import load_dataset  # imports the validator (and YAML) only on a miss

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
        from .atomic import write_bytes_atomic

        for old in (root / CACHE_DIR).glob("dataset-*.pickle"):
            old.unlink(missing_ok=True)
        write_bytes_atomic(path, pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only checkout still works, only slower
    return dataset
