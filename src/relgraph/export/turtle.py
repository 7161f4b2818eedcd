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
