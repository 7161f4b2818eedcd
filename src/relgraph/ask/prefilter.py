"""Load only the triples a query can match: its predicates, read from the query before the load.

Loading is most of a `relgraph query` on a large graph: at 100k relations Store.load takes 11 s
for the 3.55M triples, the shipped queries 0.1-0.6 s. A shipped query reads a few of the
export's predicates (queries/sanctions.rq matches 525k of the 3.55M triples), and when every
pattern of a query names its predicate, its answer over the triples with those predicates is its
answer over the whole graph. So `open_store` with a query parses the Turtle and keeps those
triples only. Measured (bench's three queries, one `relgraph query` process each): 16.4 s against
39.7 s at 100k relations, peak memory 370 MB against 1.31 GB; 5.3 s against 10.3 s at 30k.

The rule is conservative: anything whose answer can depend on other triples loads the whole file.
That is a variable predicate (`?s ?p ?o`, also one bound by VALUES), a negated property set
(`!rdf:type`), a zero-length path (`p*`, `p?` match every node of the graph), DESCRIBE, GRAPH,
SERVICE, FROM, BASE (relative IRIs would be resolved by two parsers), any backslash (rdflib
reads escapes otherwise than pyoxigraph: `rel:based\\-in`, a `\\u005C` that hides a pattern), and any query that rdflib's
SPARQL parser does not read (SPARQL 1.2 triple terms; syntax errors, which pyoxigraph then
reports). Files under PREFILTER_BYTES are loaded whole: there rdflib's import and parse (0.2 s)
cost more than the load saves (break-even near 8 MB, 5k relations: 1.53 s against 1.61 s for the
three queries). tests/test_query_prefilter.py runs every shipped query both ways and compares
the rows.
"""
from __future__ import annotations

from pathlib import Path

PREFILTER_BYTES = 8 * 2**20  # see above: the break-even size

# rdflib algebra nodes whose answer can depend on any triple of the graph.
_WHOLE_GRAPH = {"DescribeQuery", "Graph", "ServiceGraphPattern"}


class WholeGraph(Exception):
    """The query's answer may depend on triples of any predicate."""


def predicates_needed(text: str, prefixes: dict[str, str]) -> frozenset[str] | None:
    """The IRIs of the predicates the query's patterns can match; None when the answer may depend on
    triples of any predicate (see the module's docstring) or when rdflib cannot read the query."""
    if "\\" in text:  # escapes: rdflib reads `rel:based\-in` and `\u005C` otherwise than pyoxigraph does
        return None
    try:
        from rdflib.plugins.sparql.algebra import translateQuery
        from rdflib.plugins.sparql.parser import parseQuery

        translated = translateQuery(parseQuery(text), initNs=prefixes)
    except Exception:  # noqa: BLE001 (any query rdflib cannot read is pyoxigraph's to judge, over the whole graph)
        return None
    if translated.prologue.base:  # relative IRIs: resolved by two parsers, who might differ
        return None
    found: set[str] = set()
    try:
        _walk(translated.algebra, found)
    except WholeGraph:
        return None
    return frozenset(found)


def _walk(node, found: set[str]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        _walk_node(node, found)
    elif isinstance(node, dict):
        for value in node.values():
            _walk(value, found)
    elif isinstance(node, (list, tuple, set, frozenset)):
        for value in node:
            _walk(value, found)


def _walk_node(node, found: set[str]) -> None:
    name = node.name
    if name in _WHOLE_GRAPH or name.startswith("Triples") or "GraphPattern" in name:
        raise WholeGraph(name)  # the last two: parse-tree nodes that translation left, never judged here
    # dict's own methods: CompValue.get answers a missing key with the key's name
    if dict.get(node, "datasetClause"):
        raise WholeGraph("FROM")
    if name == "BGP":
        for _, predicate, _ in dict.get(node, "triples", ()):
            _add_path(predicate, found)
    skipped = {"triples", "template", "_vars", "PV", "datasetClause"}
    if name in ("Builtin_EXISTS", "Builtin_NOTEXISTS"):
        # rdflib translates an EXISTS pattern into an attribute, leaving the parse tree in the dict
        _walk(vars(node).get("graph", dict.get(node, "graph")), found)
        skipped.add("graph")
    for key, value in dict.items(node):
        if key not in skipped:
            _walk(value, found)


def _add_path(predicate, found: set[str]) -> None:
    from rdflib import URIRef
    from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath

    if isinstance(predicate, URIRef):
        found.add(str(predicate))
    elif isinstance(predicate, (SequencePath, AlternativePath)):
        for part in predicate.args:
            _add_path(part, found)
    elif isinstance(predicate, InvPath):
        _add_path(predicate.arg, found)
    elif isinstance(predicate, MulPath) and predicate.mod == "+":
        _add_path(predicate.path, found)
    else:  # a variable, a negated property set, a zero-length path (* or ?)
        raise WholeGraph(repr(predicate))


def load_predicates(turtle: Path, predicates: frozenset[str]):
    """An in-memory pyoxigraph store of the Turtle file's triples whose predicate is one of PREDICATES."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.extend(triple for triple in pyoxigraph.parse(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE)
                 if triple.predicate.value in predicates)
    return store

