"""Turtle and N-Triples export of the RDF graph (rdflib's serializers, prefixes bound once)."""
from __future__ import annotations

from ..model import Dataset
from ..rdf import build_rdf


def to_turtle(dataset: Dataset, base: str | None = None) -> bytes:
    return build_rdf(dataset, base).serialize(format="turtle", encoding="utf-8")


def to_ntriples(dataset: Dataset, base: str | None = None) -> bytes:
    # rdflib writes N-Triples in hash order; sorting the lines makes the file deterministic.
    text = build_rdf(dataset, base).serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_jsonld(dataset: Dataset, base: str | None = None) -> bytes:
    import json

    graph = build_rdf(dataset, base)
    context = {prefix: iri for prefix, iri in graph.namespaces() if prefix}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    # rdflib's node order follows hashing; sort it so the same input gives the same bytes.
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        data["@graph"].sort(key=lambda node: node.get("@id", ""))
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
