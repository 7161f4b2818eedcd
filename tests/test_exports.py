"""Every export format reads back whole with its ecosystem's reader."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import networkx as nx
import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from conftest import ROOT, run
from relgraph.build.network import build_network
from relgraph.build.rdf import build_rdf
from relgraph.check.runner import load_dataset



@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT)


@pytest.fixture(scope="module")
def network(dataset):
    return build_network(dataset)


def export(fmt: str, tmp_path) -> bytes:
    target = tmp_path / f"graph.{fmt}"
    result = run(ROOT, "export", "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return target.read_bytes()


@pytest.mark.parametrize("fmt, rdflib_format, ox_format", [
    ("ttl", "turtle", pyoxigraph.RdfFormat.TURTLE),
    ("nt", "nt", pyoxigraph.RdfFormat.N_TRIPLES),
    ("jsonld", "json-ld", pyoxigraph.RdfFormat.JSON_LD),
])
def test_rdf_formats_read_back_in_rdflib_and_pyoxigraph(tmp_path, fmt, rdflib_format, ox_format, dataset):
    data = export(fmt, tmp_path)
    expected = build_rdf(dataset)
    by_rdflib = Graph().parse(data=data, format=rdflib_format)
    assert isomorphic(by_rdflib, expected)
    by_oxigraph = list(pyoxigraph.parse(data, format=ox_format))
    assert len(by_oxigraph) == len(expected)


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_read_back_whole_in_networkx_too(tmp_path, fmt, reader, network):
    export(fmt, tmp_path)
    graph = reader(tmp_path / f"graph.{fmt}")
    assert graph.is_directed() and graph.is_multigraph()
    assert list(graph.nodes) == list(network.nodes)
    for node, attrs in network.nodes(data=True):
        assert graph.nodes[node]["label"] == attrs["label"]
        assert graph.nodes[node]["type"] == attrs["type"]
        assert graph.nodes[node].get("aliases", "") == "; ".join(attrs["aliases"])
    # NetworkX makes a GraphML edge's id its key; GEXF's id it keeps as the attribute 'id'.
    read_edges = {attrs.get("id", key): (u, v, attrs) for u, v, key, attrs in graph.edges(keys=True, data=True)}
    assert list(read_edges) == [k for _, _, k in network.edges(keys=True)]
    for u, v, key, attrs in network.edges(keys=True, data=True):
        ru, rv, read = read_edges[key]
        assert (ru, rv) == (u, v)
        assert (read["label"], read["quote"], read["status"], read["is_fact"]) == (
            attrs["label"], attrs["quote"], attrs["status"], attrs["is_fact"])
        assert json.loads(read["figures"]) == attrs["figures"]
        assert "networkx_key" not in read


def test_csv_nodes_and_edges_read_back(tmp_path, network):
    assert run(ROOT, "export", "--format", "csv", "-o", str(tmp_path)).exit_code == 0
    nodes = list(csv.DictReader(io.StringIO((tmp_path / "nodes.csv").read_text(encoding="utf-8"))))
    edges = list(csv.DictReader(io.StringIO((tmp_path / "edges.csv").read_text(encoding="utf-8"))))
    assert [n["id"] for n in nodes] == list(network.nodes)
    assert {e["id"]: (e["from"], e["to"], e["quote"], e["is_fact"]) for e in edges} == {
        k: (u, v, a["quote"], "true") for u, v, k, a in network.edges(keys=True, data=True)}


@pytest.mark.parametrize("fmt", ["csv", "gephi-csv", "kumu", "graphcommons"])
def test_folders_need_a_folder(fmt):
    result = run(ROOT, "export", "--format", fmt)
    assert result.exit_code == 2
    assert "give a folder with -o" in result.stderr


def test_node_link_json_loads_with_networkx_defaults(tmp_path, network):
    with open(tmp_path / "graph.json", "wb") as handle:
        handle.write(export("json", tmp_path))
    with open(tmp_path / "graph.json", encoding="utf-8") as handle:
        graph = nx.node_link_graph(json.load(handle))  # the one-liner of a notebook, no arguments
    assert nx.utils.graphs_equal(graph, network)
    assert graph.is_directed() and graph.is_multigraph()


def test_to_pandas_edgelist_works_with_its_defaults(network):
    frame = nx.to_pandas_edgelist(network)
    assert len(frame) == network.number_of_edges()
    assert list(zip(frame["source"], frame["target"], frame["id"])) == [(u, v, k) for u, v, k in network.edges(keys=True)]
    assert list(frame["source_id"]) == [a["source_id"] for _, _, a in network.edges(data=True)]


def test_node_resolves_names_and_aliases_to_node_keys():
    import relgraph
    from relgraph.errors import NameNotFound

    assert relgraph.node("Xi", ROOT) == "xi-jinping" and relgraph.node("Zelensky", ROOT) == "volodymyr-zelensky"
    assert relgraph.node("xi-jinping", ROOT) == "xi-jinping"
    with pytest.raises(NameNotFound, match=r"no actor named 'Xi Jingping' \(did you mean 'Xi Jinping'\?\)"):
        relgraph.node("Xi Jingping", ROOT)


RENDER_ALL = """
import hashlib, json, sys
from relgraph.check.runner import load_dataset
from relgraph.export.registry import FORMATS
dataset = load_dataset(sys.argv[1])
digests = {}
for name, chosen in FORMATS.items():
    for include in ("facts", "all"):
        out = chosen.render(dataset, include=include) if "include" in chosen.options else chosen.render(dataset)
        files = out if isinstance(out, dict) else {"": out}
        digests[f"{name}/{include}"] = {k: hashlib.sha256(v).hexdigest() for k, v in sorted(files.items())}
print(json.dumps(digests, sort_keys=True))
"""


def test_exports_are_byte_identical_across_builds():
    # Two fresh processes with different hash seeds (set and dict order of strings differ).
    runs = [subprocess.run([sys.executable, "-c", RENDER_ALL, str(ROOT)], capture_output=True, check=True, text=True,
                           env=dict(os.environ, PYTHONHASHSEED=seed)).stdout for seed in ("1", "2")]
    first, second = (json.loads(r) for r in runs)
    assert first == second
    from relgraph.export.registry import FORMATS

    assert {k.split("/")[0] for k in first} == set(FORMATS)


def test_parallel_edges_in_both_directions_are_kept(dataset):
    # networkx#5618: default keys collide for A->B and B->A; relgraph keys edges by relation id.
    everything = build_network(dataset, "all")
    pairs = [(u, v) for u, v, _ in everything.edges(keys=True)]
    assert everything.number_of_edges() == len(dataset.relations)
    assert everything.number_of_edges("china", "russia") > 1 and everything.number_of_edges("russia", "china") > 1
    assert len(pairs) == len(dataset.relations)


def test_load_gives_a_usable_networkx_graph(dataset):
    import relgraph

    graph = relgraph.load(ROOT)
    assert graph.nodes["xi-jinping"]["label"] == "Xi Jinping"
    edge = next(d for _, _, d in graph.edges("xi-jinping", data=True) if d["predicate"] == "holds-call-with")
    assert edge["source_id"] and edge["quote"]
    assert graph.number_of_edges() == sum(r.status == "asserted" for r in dataset.relations)
    assert relgraph.load(ROOT, include="all").number_of_edges() == len(dataset.relations)


def test_load_by_default_never_walks_a_negated_relation():
    import networkx as nx

    import relgraph

    facts = relgraph.load(ROOT)
    assert {d["status"] for _, _, d in facts.edges(data=True)} == {"asserted"}
    assert not facts.has_edge("xi-jinping", "volodymyr-zelensky")
    everything = relgraph.load(ROOT, include="all")
    negated = [d for u, v, d in everything.edges(data=True) if d["status"] == "negated"]
    assert negated and all(d["is_fact"] is False for d in negated)
    # A notebook's shortest path walks only facts: never the negated Xi–Zelensky call.
    path = nx.shortest_path(facts.to_undirected(), "xi-jinping", "volodymyr-zelensky")
    hops = [facts.to_undirected().get_edge_data(a, b) for a, b in zip(path, path[1:])]
    assert all(d["status"] == "asserted" for hop in hops for d in hop.values())


def test_html_around_one_actor_keeps_its_neighbourhood(tmp_path, dataset):
    from relgraph.export.html import neighbourhood, page_data

    around = neighbourhood(dataset, "nikolai-patrushev", 1)
    data = page_data(dataset, around)
    assert sorted(n["id"] for n in data["network"]["nodes"]) == sorted(around)
    assert {e["id"] for e in data["network"]["edges"]} == {
        r.id for r in dataset.relations if r.subject in around and r.object in around}
    result = run(ROOT, "html", "--around", "Patrushev", "-o", str(tmp_path / "p.html"))
    assert result.exit_code == 0
    assert (tmp_path / "p.html").read_bytes().startswith(b"<!DOCTYPE html>")
    assert run(ROOT, "html", "--around", "Patrushov").stderr == "error: no actor named 'Patrushov' (did you mean 'Patrushev'?)\n"


def test_html_depth_without_around_is_a_usage_error_and_writes_nothing(mini):
    # --depth alone was ignored: the whole graph was written as if it had not been given.
    before = sorted(p.relative_to(mini).as_posix() for p in mini.rglob("*"))
    result = run(mini, "html", "--depth", "3")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith("\nError: --depth needs --around NAME (the whole graph has no depth)\n")
    assert sorted(p.relative_to(mini).as_posix() for p in mini.rglob("*")) == before
    assert run(mini, "html", "--depth", "1").exit_code == 2  # given, even at its default
