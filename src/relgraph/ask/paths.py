"""Query stage: how two actors are connected (`relgraph path`) and all about one (`relgraph show`).

Paths are found by breadth-first search over the NetworkX graph, ignoring direction unless asked,
visiting neighbours in id order so the answer is deterministic (the HTML path finder uses the
same rule, so both agree).
"""
from __future__ import annotations

import itertools
import weakref
from dataclasses import dataclass

import networkx as nx

from relgraph.model import statuses
from relgraph.errors import NoPath, TooManyPaths
from relgraph.model.records import Dataset, PartialDate, Relation
from relgraph.model.names import NameIndex



def entity_index(dataset: Dataset) -> NameIndex:
    index = NameIndex()
    for entity in dataset.entities.values():
        index.add(entity.id, (entity.id, entity.label, *entity.aliases))
    return index


def resolve_actor(dataset: Dataset, name: str) -> str:
    def describe(entity_id):
        entity = dataset.entities[entity_id]
        return entity.label, entity.type

    return entity_index(dataset).resolve(name, describe)


@dataclass(frozen=True)
class PathFilter:
    include_unconfirmed: bool = False
    only: tuple[str, ...] = ()  # categories or predicate ids
    exclude: tuple[str, ...] = ()
    as_of: PartialDate | None = None

    @property
    def hop_statuses(self) -> tuple[str, ...]:
        """The statuses admitted as hops: the facts, and the unconfirmed ones when asked for.
        Admitting, not excluding: a status added to statuses.py is a hop only if declared so."""
        return statuses.FACTS + (statuses.UNCONFIRMED if self.include_unconfirmed else ())

    def admits(self, relation: Relation, dataset: Dataset) -> bool:
        if relation.status not in self.hop_statuses:
            return False
        predicate = dataset.predicates[relation.predicate]
        tags = {predicate.id, predicate.category}
        if self.only and not tags & set(self.only):
            return False
        if tags & set(self.exclude):
            return False
        # A relation dated after the cut-off is ignored; undated ones are kept.
        if self.as_of and relation.date and relation.date.earliest() > self.as_of.latest():
            return False
        return True


_HOP_GRAPHS: dict[tuple[int, PathFilter], tuple[Dataset, nx.MultiDiGraph]] = {}


def hop_graph(dataset: Dataset, path_filter: PathFilter) -> nx.MultiDiGraph:
    """The relations that may be hops, as a MultiDiGraph keyed by relation id.

    Built once per dataset and filter: a notebook or a benchmark asking many paths reuses it.
    """
    key = (id(dataset), path_filter)
    cached = _HOP_GRAPHS.get(key)
    if cached is not None and cached[0] is dataset:
        return cached[1]
    if len(_HOP_GRAPHS) > 8:
        _HOP_GRAPHS.clear()
    graph = _build_hop_graph(dataset, path_filter)
    _HOP_GRAPHS[key] = (dataset, graph)
    return graph


def _build_hop_graph(dataset: Dataset, path_filter: PathFilter) -> nx.MultiDiGraph:
    # Edges carry only what the search needs; the full attributes (network.edge_attributes) are
    # made for the few hops of an answer, in hop_relations: at 100k relations that halves the build.
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(dataset.entities)
    symmetric = {p.id: p.symmetric for p in dataset.predicates.values()}
    graph.add_edges_from(
        (r.subject, r.object, r.id, {"relation": r, "symmetric": symmetric[r.predicate]})
        for r in dataset.relations if path_filter.admits(r, dataset))
    return graph


_ADJACENCY: "weakref.WeakKeyDictionary[nx.MultiDiGraph, dict]" = weakref.WeakKeyDictionary()


def adjacency(graph: nx.MultiDiGraph, directed: bool) -> dict[str, list[str]]:
    """Every node's neighbours in id order, computed once per hop graph and direction: a search
    then walks lists instead of building and sorting a set at each node (100k relations: 4x)."""
    per_graph = _ADJACENCY.setdefault(graph, {})
    found = per_graph.get(directed)
    if found is None:
        found = per_graph[directed] = {node: neighbours(graph, node, directed) for node in graph}
    return found


def neighbours(graph: nx.MultiDiGraph, node: str, directed: bool) -> list[str]:
    found = set(graph.successors(node))
    if not directed:
        found |= set(graph.predecessors(node))
    else:
        # a symmetric relation can be walked both ways even in --directed mode
        for pred in graph.predecessors(node):
            if any(d["symmetric"] for d in graph.get_edge_data(pred, node).values()):
                found.add(pred)
    found.discard(node)
    return sorted(found)


def bfs_path(graph, start: str, goal: str, directed: bool, max_hops: int | None) -> list[str] | None:
    if start == goal:
        return [start]
    adjacent = adjacency(graph, directed)
    parents = {start: None}
    frontier = [start]
    depth = 0
    while frontier and (max_hops is None or depth < max_hops):
        depth += 1
        next_frontier = []
        for node in frontier:
            for other in adjacent[node]:
                if other in parents:
                    continue
                parents[other] = node
                if other == goal:
                    path = [goal]
                    while parents[path[-1]] is not None:
                        path.append(parents[path[-1]])
                    return path[::-1]
                next_frontier.append(other)
        frontier = next_frontier
    return None


def hop_relations(dataset: Dataset, graph: nx.MultiDiGraph, a: str, b: str, directed: bool) -> list[dict]:
    """The relations that make one hop a–b (records of fields.py), by status rank, then date and id."""
    from relgraph.model.fields import relation_record

    edges = [d["relation"] for d in (graph.get_edge_data(a, b) or {}).values()]
    edges += [d["relation"] for d in (graph.get_edge_data(b, a) or {}).values() if d["symmetric"] or not directed]
    records = [relation_record(dataset, r) for r in edges]
    rank = statuses.STATUSES
    return sorted(records, key=lambda d: (rank[d["status"]].rank, d["date"] or "", d["id"]))


def simple_graph(graph: nx.MultiDiGraph, directed: bool) -> nx.Graph:
    """One edge per connected pair (shortest_simple_paths refuses multigraphs); symmetric
    relations point both ways in directed mode."""
    simple = nx.DiGraph() if directed else nx.Graph()
    simple.add_nodes_from(graph)
    for u, v, d in graph.edges(data=True):
        simple.add_edge(u, v)
        if directed and d["symmetric"]:
            simple.add_edge(v, u)
    return simple


MAX_ALL_PATHS = 100  # shortest paths can be exponentially many: 43 entities took 21 s and 2.5 GB


def all_shortest(graph, start, goal, directed) -> list[list[str]]:
    try:
        found = list(itertools.islice(nx.all_shortest_paths(simple_graph(graph, directed), start, goal), MAX_ALL_PATHS + 1))
    except nx.NetworkXNoPath:
        return []
    if len(found) > MAX_ALL_PATHS:
        raise TooManyPaths(f"more than {MAX_ALL_PATHS} shortest paths; narrow them with --only or --exclude, or ask for -k K")
    return sorted(found)


def k_shortest(graph, start, goal, k, directed) -> list[list[str]]:
    try:
        paths = nx.shortest_simple_paths(simple_graph(graph, directed), start, goal)
        return [list(p) for p in itertools.islice(paths, k)]
    except nx.NetworkXNoPath:
        return []


def find_paths(dataset: Dataset, start: str, goal: str, path_filter: PathFilter = PathFilter(),
               directed: bool = False, mode: str = "one", k: int = 1, max_hops: int | None = None) -> list[list[dict]]:
    """Paths as lists of hops; each hop is a list of relation dicts (from, to, predicate, quote, …)."""
    graph = hop_graph(dataset, path_filter)
    if mode == "all":
        node_paths = all_shortest(graph, start, goal, directed)
    elif mode == "k":
        node_paths = k_shortest(graph, start, goal, k, directed)
    else:
        found = bfs_path(graph, start, goal, directed, max_hops)
        node_paths = [found] if found else []
    if max_hops is not None:
        node_paths = [p for p in node_paths if len(p) - 1 <= max_hops]
    if not node_paths:
        raise NoPath(f"no path between '{dataset.entities[start].label}' and '{dataset.entities[goal].label}'"
                     + (f" within {max_hops} hops" if max_hops is not None else ""))
    return [[hop_relations(dataset, graph, a, b, directed) for a, b in zip(p, p[1:])] for p in node_paths]


def direct_negations(dataset: Dataset, a: str, b: str) -> list[Relation]:
    """Contradicted (negated, denied) relations standing directly between two actors: shown as notes."""
    return [r for r in dataset.relations
            if r.status in statuses.CONTRADICTED and {r.subject, r.object} == {a, b}]


def relations_of(dataset: Dataset, entity_id: str) -> list[Relation]:
    return [r for r in dataset.relations
            if entity_id in (r.subject, r.object, r.reported_by, r.denied_by)]
