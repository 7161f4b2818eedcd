"""relgraph: a map of who does what to whom, every relation traceable to its sentence."""
from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path

from .errors import DataError, RelgraphError


def load_dataset(root: str | Path = "."):
    """The validated records of the project at `root` (relgraph.model.Dataset); DataError on bad data."""
    from .validate import load_dataset as load  # imported here so `import relgraph` stays quick

    return load(Path(root))


def load(root: str | Path = ".", include_unconfirmed: bool = True):
    """The curated graph of the project at `root` as a NetworkX MultiDiGraph keyed by relation id."""
    from .network import build_network

    return build_network(load_dataset(root), include_unconfirmed=include_unconfirmed)


__all__ = ["DataError", "RelgraphError", "load", "load_dataset", "__version__"]
