"""The claim model, declared once and obeyed by every surface.

tests/fixtures/claims states every status and sets every optional relation field; the tests here
follow each declaration (statuses, the relation record, the export registry, quote anchors,
claims across sources) into every representation.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import subprocess
import sys

import networkx as nx
import openpyxl
import pytest

from conftest import CLAIMS, ROOT, edit, run
from golden_files import assert_golden
from relgraph.check.codec import decode_file_result, encode_file_result
from relgraph.check.runner import check_project, load_dataset
from relgraph.errors import CODES, DataError
from relgraph.export.registry import BUILD_OUTPUTS, FORMATS
from relgraph.model import schema
from relgraph.model.fields import ATTRIBUTE_NAMES, FIELD_NAMES, RELATION_RECORD, relation_record
from relgraph.model.records import Relation, checked_relation, claim_id
from relgraph.model.statuses import CONTRADICTED, FACTS, STANDINGS, STATUSES, UNCONFIRMED, select


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(CLAIMS)


# -- statuses as data -----------------------------------------------------------------------
def test_every_status_is_declared_whole():
    assert set(FACTS) | set(UNCONFIRMED) | set(CONTRADICTED) == set(STATUSES)
    ranks = [s.rank for s in STATUSES.values()]
    assert sorted(ranks) == ranks and len(set(ranks)) == len(ranks)
    for status in STATUSES.values():
        assert status.standing in STANDINGS and status.meaning.endswith(".")
        assert status.requires is None or status.requires in status.allows
        assert status.style.color.startswith("#")
    # The styles tell the statuses apart: no two share dash pattern, colour and marker.
    looks = {(s.style.dashes, s.style.color, s.style.marker) for s in STATUSES.values()}
    assert len(looks) == len(STATUSES)


def test_the_fixture_states_every_status(dataset):
    assert {r.status for r in dataset.relations} == set(STATUSES)


def test_select_names_facts_all_standings_and_statuses():
    assert select() == frozenset(FACTS) == frozenset({"asserted"})
    assert select("all") == frozenset(STATUSES)
    assert select("facts,contradicted") == frozenset({"asserted", "denied", "negated"})
    assert select(["planned", "expected"]) == frozenset({"planned", "expected"})
    with pytest.raises(ValueError, match="unknown status 'alleged': choose from facts, all, fact, unconfirmed"):
        select("alleged")


def test_every_surface_follows_the_status_rules(dataset):
    import relgraph
    from relgraph.ask.paths import PathFilter, find_paths
    from relgraph.build.rdf import triples
    from relgraph.export.html import page_data

    facts = relgraph.load(CLAIMS)
    assert sorted(d["status"] for _, _, d in facts.edges(data=True)) == sorted(r.status for r in dataset.relations if r.is_fact)
    assert {d["status"] for _, _, d in facts.edges(data=True)} == {"asserted"}
    everything = relgraph.load(CLAIMS, include="all")
    assert sorted(d["status"] for _, _, d in everything.edges(data=True)) == sorted(r.status for r in dataset.relations)
    # Truthy triples: exactly the facts.
    rel, ent = "https://example.org/relgraph/relation/", "https://example.org/relgraph/entity/"
    truthy = {(s, p, o) for s, p, o in triples(dataset) if p.startswith(rel)}
    assert truthy == {(ent + r.subject, rel + r.predicate, ent + r.object) for r in dataset.relations if r.is_fact}
    # Hops: facts by default; unconfirmed ones on request; contradicted never.
    hop = find_paths(dataset, "xi-jinping", "joint-statement", PathFilter(include_unconfirmed=True))[0][0]
    assert [d["status"] for d in hop] == ["possible"]
    with pytest.raises(relgraph.RelgraphError):
        find_paths(dataset, "xi-jinping", "joint-statement")
    with pytest.raises(relgraph.RelgraphError):
        find_paths(dataset, "vladimir-putin", "kyiv", PathFilter(include_unconfirmed=True))
    # The page carries the declaration it draws and explains.
    data = page_data(dataset)
    assert data["statuses"] == {s.id: s.as_data() for s in STATUSES.values()}
    edges = {e["id"]: e for e in data["network"]["edges"]}
    for r in dataset.relations:
        style = STATUSES[r.status].style
        assert edges[r.id]["dashes"] == (list(style.dashes) or False), r.status
        assert edges[r.id]["width"] == style.width


ALLEGED = '''    Status("alleged", "alleged",
           "Said to be so by someone the source does not name; a test status.",
           "unconfirmed", 8, Style("#0ea5e9", (4, 2, 1, 2)), allows=("reported_by",)),
'''

SCRIPT = r'''
import json, sys
from pathlib import Path
import relgraph
from relgraph.ask.paths import PathFilter, find_paths
from relgraph.check.runner import check_project
from relgraph.curate.docs import render_data_model
from relgraph.export.html import page_data
from relgraph.errors import RelgraphError
root = Path(sys.argv[1])
dataset, diagnostics = check_project(root)
out = {"diagnostics": [str(d) for d in diagnostics]}
out["default_edges"] = sorted(d["status"] for _, _, d in relgraph.load(root).edges(data=True))
try:
    find_paths(dataset, "xi-jinping", "joint-statement")
    out["default_hop"] = True
except RelgraphError:
    out["default_hop"] = False
hops = find_paths(dataset, "xi-jinping", "joint-statement", PathFilter(include_unconfirmed=True))
out["unconfirmed_hop"] = [d["status"] for d in hops[0][0]]
data = page_data(dataset)
out["page_status"] = data["statuses"]["alleged"]
out["edge_dashes"] = [e["dashes"] for e in data["network"]["edges"] if e["id"] in {r.id for r in dataset.relations if r.status == "alleged"}]
out["documented"] = "`alleged`" in render_data_model()
print(json.dumps(out))
'''


def test_a_status_added_in_one_place_is_obeyed_everywhere(tmp_path, claims):
    """Copy the package, add one Status to statuses.py and nothing else, and ask every surface."""
    package = tmp_path / "pkg" / "relgraph"
    shutil.copytree(ROOT / "src" / "relgraph", package, ignore=shutil.ignore_patterns("__pycache__"))
    statuses = package / "model" / "statuses.py"
    text = statuses.read_text(encoding="utf-8")
    marker = '           "contradicted", 7, Style("#dc2626", (1, 3), width=1.0, marker="✕")),\n'
    assert marker in text
    statuses.write_text(text.replace(marker, marker + ALLEGED), encoding="utf-8")
    edit(claims / "graph" / "relations" / "summit-plans.yaml", "  status: possible\n", "  status: alleged\n")
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(claims)], capture_output=True, text=True,
                            env={"PYTHONPATH": str(tmp_path / "pkg"), "PATH": "/usr/bin:/bin"}, check=False)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["diagnostics"] == []
    assert set(out["default_edges"]) == {"asserted"}  # not an edge of load()
    assert out["default_hop"] is False  # not a hop: it is not declared a fact
    assert out["unconfirmed_hop"] == ["alleged"]  # a hop when unconfirmed relations are asked for
    assert out["page_status"]["style"]["dashes"] == [4, 2, 1, 2] and out["page_status"]["meaning"].startswith("Said to be")
    assert out["edge_dashes"] == [[4, 2, 1, 2]]  # drawn in its own style
    assert out["documented"] is True


# -- the relation record, declared once --------------------------------------------------
def test_the_fixture_sets_every_optional_field(dataset):
    for field in dataclasses.fields(Relation):
        if field.name == "position":
            continue
        values = [getattr(r, field.name) for r in dataset.relations]
        assert any(v not in (None, (), field.default) for v in values), f"no fixture relation sets '{field.name}'"
    for name in FIELD_NAMES:
        assert any(relation_record(dataset, r)[name] not in (None, [], False) for r in dataset.relations), name


def test_every_representation_carries_every_field(dataset, tmp_path):
    from relgraph.build.network import build_network
    from relgraph.export.html import page_data
    from relgraph.export.tabular import to_csv_files, to_graphml, to_node_link_json

    everything = build_network(dataset, "all")
    for u, v, key, attrs in everything.edges(keys=True, data=True):
        assert tuple(attrs) == ATTRIBUTE_NAMES and (u, v) == (attrs["from"] if "from" in attrs else u, v)
    page = page_data(dataset)
    assert all(tuple(r) == FIELD_NAMES for r in page["relations"].values())
    rows = list(csv.DictReader(io.StringIO(to_csv_files(dataset, "all")["edges.csv"].decode())))
    assert tuple(rows[0]) == FIELD_NAMES and len(rows) == len(dataset.relations)
    graphml = nx.read_graphml(io.BytesIO(to_graphml(dataset, "all")))
    keys = set().union(*(attrs for _, _, attrs in graphml.edges(data=True)))
    # The relation id is the GraphML edge's own id, which NetworkX makes the edge's key.
    assert {k for _, _, k in graphml.edges(keys=True)} == {r.id for r in dataset.relations}
    assert keys >= set(ATTRIBUTE_NAMES) - {"id", "end_date", "reported_by", "denied_by", "note", "occurrence"}
    node_link = json.loads(to_node_link_json(dataset, "all"))
    # NetworkX's own names for the ends (source, target), so nx.node_link_graph reads it with its defaults.
    assert all(set(FIELD_NAMES) - {"from", "to"} | {"source", "target"} <= set(e) for e in node_link["edges"])
    show = json.loads(run(CLAIMS, "show", "Xi", "--format", "json").stdout)
    assert all(tuple(r) == FIELD_NAMES for r in show["relations"])
    path = json.loads(run(CLAIMS, "path", "Xi", "Beijing", "--format", "json").stdout)
    assert all(tuple(r) == FIELD_NAMES for p in path["paths"] for hop in p["hops"] for r in hop["relations"])
    claims = json.loads(run(CLAIMS, "claims", "--format", "json").stdout)
    assert all(tuple(r) == FIELD_NAMES for c in claims["claims"] for r in c["statements"])


def test_the_cache_codec_keeps_every_field(dataset):
    relations = list(dataset.relations)
    decoded, diagnostics = decode_file_result(encode_file_result(relations, []), CLAIMS / "x.yaml", "x.yaml")
    assert diagnostics == []
    for before, after in zip(relations, decoded, strict=True):
        for field in dataclasses.fields(Relation):
            if field.name != "position":
                assert getattr(after, field.name) == getattr(before, field.name), field.name
        # made without __init__ (records.relation_from_plain): still an ordinary frozen Relation
        assert after == before and hash(after) == hash(before) and dataclasses.replace(after) == before
        with pytest.raises(dataclasses.FrozenInstanceError):
            after.status = "asserted"


def test_the_check_makes_ordinary_relations(dataset):
    # The check makes its relations without the frozen __init__ (records.checked_relation): each is
    # what Relation(**fields) makes, equal, hashed alike, frozen, and it refuses a missing field.
    for checked in dataset.relations:
        fields = {f.name: getattr(checked, f.name) for f in dataclasses.fields(Relation)}
        made = Relation(**fields)
        assert checked == made and hash(checked) == hash(made) and repr(checked) == repr(made)
        assert checked.position == made.position and vars(checked) == vars(made)
        with pytest.raises(dataclasses.FrozenInstanceError):
            checked.quote = "changed"
    fields.pop("note")
    with pytest.raises(TypeError, match="needs every field"):
        checked_relation(fields)


def test_a_cached_check_gives_what_a_plain_check_gives(claims):
    plain = check_project(claims)
    check_project(claims, cache=True)
    cached = check_project(claims, cache=True)
    assert cached == plain
    assert [r.anchor for r in cached[0].relations] == [r.anchor for r in plain[0].relations]


def test_every_record_field_is_documented():
    text = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    for field in RELATION_RECORD:
        assert f"| `{field.name}` | {field.description} |" in text, f"run 'relgraph docs': {field.name}"


# -- quote anchors ---------------------------------------------------------------------------
def test_anchors_point_at_the_quote_in_the_seed(dataset):
    from relgraph.model.text import normalize_quote

    for r in dataset.relations:
        seed = (CLAIMS / "seeds" / dataset.sources[r.source].file).read_text(encoding="utf-8")
        assert normalize_quote(seed[r.anchor.start:r.anchor.end]) == normalize_quote(r.quote)
        assert seed.count("\n", 0, r.anchor.start) + 1 == r.anchor.line
    trade = next(r for r in dataset.relations if r.predicate == "trades-with")
    assert (trade.anchor.line, trade.anchor.paragraph) == (15, 8)  # the second of the two sentences


def test_anchors_on_the_real_graph():
    from relgraph.model.text import normalize_quote

    real = load_dataset(ROOT)
    for r in real.relations:
        seed = (ROOT / "seeds" / real.sources[r.source].file).read_text(encoding="utf-8")
        assert normalize_quote(seed[r.anchor.start:r.anchor.end]) == normalize_quote(r.quote), r.position
        source = real.sources[r.source]
        assert source.first_line <= r.anchor.line <= source.last_line


def test_a_repeated_quote_warns_and_occurrence_chooses(claims):
    relations = claims / "graph" / "relations" / "summit-plans.yaml"
    edit(relations, "  occurrence: 2\n", "")
    assert run(claims, "--no-cache", "check").stderr == (
        "graph/relations/summit-plans.yaml:43:10: warning W203: quote occurs 2 times in source 'summit-plans'; "
        "lengthen it, or say which with 'occurrence: N'\n")
    edit(relations, "  note: The text", "  occurrence: 3\n  note: The text")
    result = run(claims, "--no-cache", "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "graph/relations/summit-plans.yaml:50:15: error E120: occurrence 3, but the quote occurs 2 times in source 'summit-plans'")


def test_anchors_are_in_the_rdf_and_the_page(dataset):
    from relgraph.build.rdf import statement_names, triples
    from relgraph.export.html import page_data

    ref = "https://example.org/relgraph/reference/"
    offsets = {s[len(ref):]: o.value for s, p, o in triples(dataset) if p.endswith("#startOffset")}
    # reference IRIs are the statements' stable names (build/rdf.py), not relation ids
    names = zip(statement_names(dataset.relations), dataset.relations)
    assert offsets == {name: str(r.anchor.start) for name, r in names}
    page = page_data(dataset)
    assert all(page["relations"][r.id]["anchor"]["paragraph"] == r.anchor.paragraph for r in dataset.relations)


# -- claims across sources --------------------------------------------------------------------
def test_claims_command_lists_claims_whose_status_differs():
    result = run(CLAIMS, "claims")
    assert result.exit_code == 0
    assert_golden("claims/claims.txt", result.stdout)
    data = json.loads(run(CLAIMS, "claims", "--format", "json").stdout)
    assert [(c["subject"], c["predicate"], c["object"], c["statuses"]) for c in data["claims"]] == [
        ("vladimir-putin", "meets", "xi-jinping", ["reported", "denied", "expected", "asserted"]),
        ("vladimir-putin", "visits", "beijing", ["planned", "asserted"]),
    ]


def test_a_claims_line_is_its_history_by_source_the_last_step_the_latest():
    """Not the set of its statuses: Xi and Putin's meeting was planned, done, expected again and done,
    and the line ends on the latest source's 'asserted', not on the first-seen 'expected'."""
    text = run(ROOT, "claims").stdout
    assert "Xi Jinping —meets→ Vladimir Putin: planned → asserted → expected → asserted (4 sources)\n" in text
    # one source stating it two ways is one step; a later source stating the same again is left out
    assert "China —supports→ Russia: expected + asserted → expected (2 sources)\n" in text
    assert "China —is aligned with→ Russia: reported → reported + asserted (3 sources)\n" in text
    data = json.loads(run(CLAIMS, "claims", "--format", "json").stdout)
    assert [c["history"] for c in data["claims"]] == [
        [{"source": "summit-plans", "statuses": ["reported", "denied", "expected"]},
         {"source": "putin-in-beijing", "statuses": ["asserted"]}],
        [{"source": "summit-plans", "statuses": ["planned"]}, {"source": "putin-in-beijing", "statuses": ["asserted"]}],
    ]


def test_show_marks_claims_that_differ(dataset):
    text = run(CLAIMS, "show", "Beijing").stdout
    assert text.count("    claim differs across sources: planned → asserted (relgraph claims)\n") == 2
    data = json.loads(run(CLAIMS, "show", "Beijing", "--format", "json").stdout)
    visit = next(r for r in dataset.relations if r.predicate == "visits" and r.object == "beijing")
    assert [c["id"] for c in data["differing_claims"]] == [claim_id(dataset, visit)]


def test_claims_on_the_real_graph_are_exactly_the_differing_ones():
    from relgraph.ask.claims import claims

    real = load_dataset(ROOT)
    data = json.loads(run(ROOT, "claims", "--format", "json").stdout)
    listed = {c["id"] for c in data["claims"]}
    expected = {c.id for c in claims(real)
                if len({r.source for r in c.statements}) > 1 and len({r.status for r in c.statements}) > 1}
    assert listed == expected and len(listed) >= 10


# -- the export registry -----------------------------------------------------------------------
def _read_back(name: str, data):
    """Each format read by its ecosystem's own reader; a format without one fails here."""
    import html.parser

    import pyoxigraph

    from rdflib import Graph

    readers = {
        "ttl": lambda d: len(Graph().parse(data=d, format="turtle")),
        "ttl12": lambda d: len(list(pyoxigraph.parse(d, format=pyoxigraph.RdfFormat.TURTLE))),  # RDF 1.2: not rdflib
        "nt": lambda d: len(Graph().parse(data=d, format="nt")),
        "jsonld": lambda d: len(Graph().parse(data=d, format="json-ld")),
        "graphml": lambda d: nx.read_graphml(io.BytesIO(d)).number_of_edges(),
        "gexf": lambda d: nx.read_gexf(io.BytesIO(d)).number_of_edges(),
        "csv": lambda d: len(list(csv.DictReader(io.StringIO(d["edges.csv"].decode())))),
        "gephi-csv": lambda d: len(list(csv.DictReader(io.StringIO(d["edges.csv"].decode())))),
        "kumu": lambda d: len(list(csv.DictReader(io.StringIO(d["connections.csv"].decode())))),
        "kumu-xlsx": lambda d: openpyxl.load_workbook(io.BytesIO(d), read_only=True)["Connections"].max_row - 1,
        "graphcommons": lambda d: len(list(csv.DictReader(io.StringIO(d["edges.csv"].decode())))),
        "json": lambda d: nx.node_link_graph(json.loads(d)).number_of_edges(),
        "html": lambda d: html.parser.HTMLParser().feed(d.decode()) or d.count(b"relgraph-data"),
    }
    assert name in readers, f"export format '{name}' has no reader in this test"
    return readers[name](data)


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_registered_format_renders_and_reads_back(dataset, name, tmp_path):
    chosen = FORMATS[name]
    data = chosen.render(dataset)
    assert _read_back(name, data) > 0
    target = tmp_path / ("out" if chosen.kind == "folder" else f"out{chosen.extension}")
    result = run(CLAIMS, "export", "--format", name, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    written = {p.name: p.read_bytes() for p in target.iterdir()} if chosen.kind == "folder" else target.read_bytes()
    assert written == data


def test_graph_tool_formats_hold_facts_unless_asked(tmp_path):
    facts = run(CLAIMS, "export", "--format", "json")
    everything = run(CLAIMS, "export", "--format", "json", "--statuses", "all")
    contradicted = run(CLAIMS, "export", "--format", "json", "--statuses", "contradicted")
    statuses = lambda r: sorted(e["status"] for e in json.loads(r.stdout)["edges"])  # noqa: E731
    assert set(statuses(facts)) == {"asserted"} and len(statuses(facts)) == sum(r.is_fact for r in load_dataset(CLAIMS).relations)
    assert statuses(everything) == sorted(r.status for r in load_dataset(CLAIMS).relations)
    assert statuses(contradicted) == ["denied", "negated"]
    bad = run(CLAIMS, "export", "--format", "json", "--statuses", "alleged")
    assert bad.exit_code == 2 and "unknown status 'alleged'" in bad.stderr


def test_build_writes_what_the_registry_marks():
    assert sorted(BUILD_OUTPUTS) == ["graph.html", "graph.ttl"]
    assert sorted(p.name for p in (ROOT / "output").iterdir() if p.is_file()) == sorted(BUILD_OUTPUTS)


def test_every_format_is_in_the_help_and_docs():
    cli = " ".join((ROOT / "docs" / "cli.md").read_text(encoding="utf-8").split())  # help text is wrapped
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for chosen in FORMATS.values():
        assert f"{chosen.name}: " in cli, f"run 'relgraph docs': {chosen.name}"
        assert f"`{chosen.name}`" in readme, f"README: name the export format `{chosen.name}`"


# -- enumerations: every code, status and entity type has its test and its doc line ------------------
def test_every_diagnostic_code_is_tested_and_documented():
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    model = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    for code, (level, meaning) in CODES.items():
        assert f"| `{code}` | {level} | {meaning} |" in model, f"run 'relgraph docs': {code}"
        assert f" {code}: " in tests or f'"{code}"' in tests, f"no test asserts diagnostic {code}"


def test_every_status_is_documented_in_the_model_and_the_curation_policy():
    model = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    curation = (ROOT / "docs" / "curation.md").read_text(encoding="utf-8")
    for status in STATUSES.values():
        assert f"| `{status.id}` | {status.standing} |" in model, f"run 'relgraph docs': {status.id}"
        assert f"`{status.id}`" in curation, f"docs/curation.md: say when a curator uses `{status.id}`"


def test_every_entity_type_is_styled_documented_and_mapped():
    from relgraph.build.rdf import class_name
    from relgraph.export.html import TYPE_STYLE

    model = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    for entity_type, (description, schema_class) in schema.ENTITY_TYPES.items():
        assert entity_type in TYPE_STYLE, f"export/html.py: no style for {entity_type}"
        assert f"`{entity_type}`" in model and schema_class and class_name(entity_type)


# -- failures that name their cause ------------------------------------------------------------------
def test_data_error_names_its_first_diagnostics(claims):
    edit(claims / "graph" / "relations" / "summit-plans.yaml", "object: Kyiv", "object: Kiev")
    with pytest.raises(DataError) as caught:
        load_dataset(claims)
    assert str(caught.value) == (
        "1 error(s) in the data: graph/relations/summit-plans.yaml:37:11: error E103: unknown entity 'Kiev' "
        "(did you mean 'kyiv'?)")
    assert caught.value.summary == "1 error(s) in the data"


def test_a_source_without_relations_warns(claims):
    (claims / "graph" / "relations" / "putin-in-beijing.yaml").unlink()
    result = run(claims, "--no-cache", "check")
    assert result.exit_code == 0
    assert result.stderr == "graph/sources.yaml:11:7: warning W202: source 'putin-in-beijing' has no relation\n"


def test_no_test_module_loads_the_data_when_imported():
    code = ("import sys, pathlib; sys.path[:0] = ['tests']; import relgraph.check.runner as r; calls = []\n"
            "real = r.check_project\n"
            "r.check_project = lambda *a, **k: calls.append(a) or real(*a, **k)\n"
            "import importlib\n"
            "for p in sorted(pathlib.Path('tests').glob('test_*.py')): importlib.import_module(p.stem)\n"
            "print(len(calls))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout.strip()) == (0, "0"), result.stderr
