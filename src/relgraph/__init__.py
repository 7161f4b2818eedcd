"""relgraph: a map of who does what to whom, every relation traceable to its sentence."""
from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path

from .errors import DataError, RelgraphError
from .validate import load_dataset


def load(root: str | Path = ".", include_unconfirmed: bool = True):
    """The curated graph of the project at `root` as a NetworkX MultiDiGraph keyed by relation id."""
    from .network import build_network

    return build_network(load_dataset(Path(root)), include_unconfirmed=include_unconfirmed)


__all__ = ["DataError", "RelgraphError", "load", "load_dataset", "__version__"]
