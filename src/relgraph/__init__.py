"""relgraph: a map of who does what to whom, every relation traceable to its sentence."""
__version__ = "0.1.0"

# Nothing is imported here at once, not even __future__ (a Ctrl-C landed in its import, with this
# file's frame in the traceback): the `relgraph` program (relgraph.console) runs this file before
# it can install its Ctrl-C handler, so what runs here must take no time. Path is imported in the
# functions, so the annotations are strings; the errors are loaded when first asked for (__getattr__).


def load_dataset(root: "str | Path" = "."):
    """The validated records of the project at `root` (relgraph.model.Dataset); DataError on bad data."""
    from pathlib import Path

    from relgraph.check.runner import load_dataset as load  # imported here so `import relgraph` stays quick

    return load(Path(root))


def load(root: "str | Path" = ".", include="facts"):
    """The curated graph of the project at `root` as a NetworkX MultiDiGraph keyed by relation id.

    By default only relations whose status is a fact are edges: what a source states in its own
    voice, so `nx.shortest_path` never walks a negated call or a planned visit. `include="all"`
    brings in every relation, and `include=("facts", "unconfirmed")` or status ids choose; each
    edge carries its `status` and `is_fact`. See relgraph.model.statuses.STATUSES for what each means.
    """
    from relgraph.build.network import build_network

    return build_network(load_dataset(root), include=include)


def node(name: str, root: "str | Path" = ".") -> str:
    """The node key of the actor a person names by label, alias or id: `node("Xi")` -> "xi-jinping".

    Raises NameNotFound (with the closest spelling) or AmbiguousName, as `relgraph path` says them.
    """
    from relgraph.ask.paths import resolve_actor

    return resolve_actor(load_dataset(root), name)


def __getattr__(name: str):
    if name in ("DataError", "RelgraphError"):
        from relgraph import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'relgraph' has no attribute '{name}'")


__all__ = ["DataError", "RelgraphError", "load", "load_dataset", "node", "__version__"]
