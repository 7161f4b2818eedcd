"""GraphML and GEXF: valid against their published schemas, read back by readers that are not
NetworkX (igraph for GraphML, graphology-gexf for GEXF), every relation its own edge."""
from __future__ import annotations

import json
import re
import subprocess
import warnings
from pathlib import Path

import igraph
import lxml.etree as etree
import networkx as nx
import pytest
import xmlschema

from conftest import ROOT
from relgraph.check.runner import load_dataset
from relgraph.export.registry import FORMATS
from relgraph.model.fields import relation_record

XSD = Path(__file__).parent / "data" / "xsd"
GRAPHML_XSD = XSD / "graphml" / "graphml.xsd"
GEXF_12_XSD = XSD / "gexf-1.2draft" / "gexf.xsd"
JS = Path(__file__).parent / "js"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT)


@pytest.fixture(scope="module")
def written(dataset, tmp_path_factory):
    folder = tmp_path_factory.mktemp("xml")
    paths = {}
    for fmt in ("graphml", "gexf"):
        paths[fmt] = folder / f"graph.{fmt}"
        paths[fmt].write_bytes(FORMATS[fmt].render(dataset, include="all"))
    return paths


def validate(xsd: Path, document: bytes) -> None:
    """libxml2 (through lxml) and xmlschema, two independent validators; both must accept it."""
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(etree.fromstring(document)), schema.error_log
    xmlschema.XMLSchema(str(xsd)).validate(document.decode("utf-8"))


def as_gexf_12(document: bytes) -> bytes:
    """The GEXF 1.3 file in 1.2draft terms (no 1.3 schema is to be had here: tests/data/xsd/README.md):
    the namespace and version mapped, and the one 1.3 addition relgraph uses, edge kind, taken out."""
    text = document.decode("utf-8").replace('xmlns="http://gexf.net/1.3"', 'xmlns="http://www.gexf.net/1.2draft"')
    text = text.replace('version="1.3"', 'version="1.2"', 1)
    return re.sub(r' kind="[^"]*"', "", text).encode("utf-8")


def test_graphml_is_valid_against_the_graphml_schema(written):
    validate(GRAPHML_XSD, written["graphml"].read_bytes())


def test_the_schema_check_rejects_what_networkx_writes(dataset):
    # The check is not vacuous: NetworkX's writer (the old export) declares key id 'label' for nodes
    # and edges, which the schema's key constraint rejects, and writes booleans as True/False.
    graph = nx.MultiDiGraph()
    graph.add_node("a", label="A")
    graph.add_edge("a", "b", label="visits", symmetric=True)
    old = "\n".join(nx.generate_graphml(graph, named_key_ids=True)).encode("utf-8")
    with pytest.raises(AssertionError):
        validate(GRAPHML_XSD, old)
    with pytest.raises(AssertionError):
        validate(GEXF_12_XSD, as_gexf_12(FORMATS["gexf"].render(dataset)).replace(b"<graph ", b'<graph name="x" '))


def test_gexf_is_valid_gexf_with_a_kind_for_every_edge(written, dataset):
    document = written["gexf"].read_bytes()
    validate(GEXF_12_XSD, as_gexf_12(document))
    root = etree.fromstring(document)
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    assert root.find("{http://gexf.net/1.3}meta").get("lastmodifieddate") is None
    edges = root.findall(".//{http://gexf.net/1.3}edge")
    assert len(edges) == len(dataset.relations)
    # Gephi keeps one edge per two nodes and kind: each (ends, kind) once, so no relation is merged.
    slots = {(frozenset((e.get("source"), e.get("target"))), e.get("kind")) for e in edges}
    assert len(slots) == len(edges)
    assert b"networkx_key" not in document


def test_igraph_reads_the_graphml_whole(written, dataset):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # igraph warns of a duplicated attribute; none is allowed
        graph = igraph.Graph.Read_GraphML(str(written["graphml"]))
    assert graph.is_directed()
    assert (graph.vcount(), graph.ecount()) == (len(dataset.entities), len(dataset.relations))
    assert graph["name"] == "relgraph"
    assert graph.vs["id"] == list(dataset.entities) and graph.vs["label"] == [e.label for e in dataset.entities.values()]
    expected = [relation_record(dataset, r) for r in dataset.relations]
    ids = graph.vs["id"]
    read = [(ids[e.source], ids[e.target], e["id"], e["label"], e["status"], e["is_fact"], e["quote"],
             e["source_title"], e["source_date"]) for e in graph.es]
    assert read == [(r["from"], r["to"], r["id"], r["label"], r["status"], r["is_fact"], r["quote"], r["source_title"],
                     r["source_date"]) for r in expected]
    assert {type(v) for v in graph.es["is_fact"]} == {bool}


def read_with_graphology(path: Path) -> dict:
    reader = JS / "node_modules" / "graphology-gexf"
    assert reader.is_dir(), "run scripts/install-node-readers.sh (make test does)"
    done = subprocess.run(["node", str(JS / "read-gexf.js"), str(path)], capture_output=True, check=True, text=True)
    return json.loads(done.stdout)


def test_graphology_reads_the_gexf_whole(written, dataset):
    graph = read_with_graphology(written["gexf"])
    assert graph["type"] == "directed" and graph["multi"] is True
    assert [(n["key"], n["attributes"]["label"], n["attributes"]["type"]) for n in graph["nodes"]] == [
        (e.id, e.label, e.type) for e in dataset.entities.values()]
    expected = [relation_record(dataset, r) for r in dataset.relations]
    assert [(e["key"], e["source"], e["target"]) for e in graph["edges"]] == [(r["id"], r["from"], r["to"]) for r in expected]
    for edge, record in zip(graph["edges"], expected):
        attributes = edge["attributes"]
        assert attributes["label"] == record["label"] and attributes["kind"].startswith(record["label"])
        assert (attributes["status"], attributes["is_fact"], attributes["quote"]) == (
            record["status"], record["is_fact"], record["quote"])
        assert (attributes["source_title"], attributes["source_date"]) == (record["source_title"], record["source_date"])
        assert json.loads(attributes["figures"]) == record["figures"]
