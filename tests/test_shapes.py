"""SHACL shapes (shapes/relgraph.shacl.ttl) checked with pySHACL: the real graph conforms, and a
broken export is reported at the node and property that break it."""
from __future__ import annotations

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from conftest import MINI, ROOT
from relgraph.build.namespaces import RG
from relgraph.check.runner import load_dataset
from relgraph.export.turtle import to_turtle

SHAPES = ROOT / "shapes" / "relgraph.shacl.ttl"


def validate(graph: Graph):
    # No inference: rdfs:domain/range would type every node and make sh:class checks vacuous.
    conforms, report, text = pyshacl.validate(graph, shacl_graph=Graph().parse(SHAPES), inference="none")
    return conforms, report, text


def test_the_real_graph_has_no_violation():
    conforms, _, text = validate(Graph().parse(ROOT / "output" / "graph.ttl"))
    assert conforms, text


def test_a_broken_export_is_reported_where_it_breaks():
    graph = Graph().parse(data=to_turtle(load_dataset(MINI)), format="turtle")
    reference = sorted(graph.subjects(RG.quote, None))[0]
    graph.remove((reference, RG.quote, None))
    statement = sorted(graph.subjects(RG.subject, None))[0]
    graph.set((statement, RG.earliest, Literal("2024-05")))  # not an xsd:date
    conforms, report, _ = validate(graph)
    assert not conforms
    found = sorted((str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)),
                    str(report.value(r, SH.sourceConstraintComponent)).rsplit("#", 1)[1])
                   for r in report.subjects(SH.resultSeverity, SH.Violation))
    assert found == sorted([
        (str(reference), str(RG.quote), "MinCountConstraintComponent"),
        (str(statement), str(RG.earliest), "DatatypeConstraintComponent"),
        (str(statement), str(RG.earliest), "LessThanOrEqualsConstraintComponent"),
    ])
    assert isinstance(reference, URIRef)
