"""The spreadsheet folders for Gephi, Kumu and Graph Commons, read back by pandas and by a replica
of the import rules of each tool, against the real data: every relation arrives as its own edge
with its label, status, quote, source title and date."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from conftest import ROOT, run
from relgraph.check.runner import load_dataset
from relgraph.export.registry import FORMATS
from relgraph.model.fields import relation_record
from relgraph.model.statuses import select


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT)


def exported(fmt: str, tmp_path, *options) -> dict[str, pd.DataFrame]:
    result = run(ROOT, "export", "--format", fmt, "-o", str(tmp_path / fmt), *options)
    assert result.exit_code == 0, result.stderr
    # Strings exactly as written: no NaN for empty cells, no guessed numbers.
    return {p.name: pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted((tmp_path / fmt).iterdir())}


def records(dataset, include="facts") -> dict[str, dict]:
    wanted = select(include)
    return {r.id: relation_record(dataset, r) for r in dataset.relations if r.status in wanted}


# -- Gephi: a replica of its spreadsheet import ------------------------------------------------
# From Gephi's source (ImportPlugin, spreadsheet): AbstractImporterSpreadsheet.autoDetectImportMode,
# ImportEdgesProcess and ImportNodesProcess (special columns matched ignoring case), and its graph
# store, which holds one edge per two nodes and kind and merges the rest.
EDGE_SPECIAL = ("source", "target", "type", "kind", "id", "label")
NODE_SPECIAL = ("id", "label")


def gephi_mode(header: list[str]) -> str:
    if not header or not header[0].strip():
        return "matrix"
    lowered = [h.lower() for h in header]
    if "source" in lowered or "target" in lowered:
        return "edges"
    if any(h in ("id", "label", "timeset") for h in lowered):
        return "nodes"
    return "adjacency list"


def special_columns(header: list[str], names) -> dict[str, str]:
    return {h.lower(): h for h in header if h.lower() in names}


def gephi_import_edges(table: pd.DataFrame) -> dict[str, dict]:
    """Edge id -> what Gephi keeps of it; an edge whose (ends, kind) is taken merges into the first."""
    special = special_columns(list(table.columns), EDGE_SPECIAL)
    assert {"source", "target"} <= set(special), "Gephi logs 'no source or target data' for every row"
    kept, taken = {}, set()
    for row in table.to_dict("records"):
        source, target = row[special["source"]], row[special["target"]]
        kind = row[special["kind"]] if "kind" in special else None
        undirected = "type" in special and row[special["type"]].lower() == "undirected"
        # Conservative: either direction counts as the same two nodes.
        slot = (frozenset((source, target)), kind)
        assert row[special["id"]] not in kept, "Gephi skips an edge whose id exists"
        if slot in taken:
            continue
        taken.add(slot)
        attributes = {c: v for c, v in row.items() if c.lower() not in EDGE_SPECIAL}
        kept[row[special["id"]]] = {"source": source, "target": target, "undirected": undirected,
                                    "label": row.get(special.get("label")), "kind": kind, **attributes}
    return kept


def test_gephi_detects_the_edge_table_and_keeps_every_relation_with_its_label(dataset, tmp_path):
    tables = exported("gephi-csv", tmp_path, "--statuses", "all")
    nodes, edges = tables["nodes.csv"], tables["edges.csv"]
    assert gephi_mode(list(edges.columns)) == "edges" and gephi_mode(list(nodes.columns)) == "nodes"
    assert list(edges.columns[:6]) == ["Source", "Target", "Type", "Kind", "Label", "Id"]
    assert list(nodes.columns[:2]) == ["Id", "Label"]
    # Gephi names attribute columns by their lower-cased title: none may clash with another or a special one.
    extra = [c.lower() for c in edges.columns[6:]]
    assert len(set(extra)) == len(extra) and not set(extra) & set(EDGE_SPECIAL)
    kept = gephi_import_edges(edges)
    expected = records(dataset, "all")
    assert len(kept) == len(dataset.relations) and set(kept) == set(expected)
    node_ids = set(nodes["Id"])
    for rid, edge in kept.items():
        record = expected[rid]
        assert (edge["source"], edge["target"]) == (record["from"], record["to"])
        assert {edge["source"], edge["target"]} <= node_ids  # no node made up from a missing id
        assert edge["label"] == record["label"] and edge["kind"].startswith(record["label"])
        assert edge["undirected"] == record["symmetric"]
        assert (edge["status"], edge["quote"], edge["source_title"], edge["source_date"]) == (
            record["status"], record["quote"], record["source_title"], record["source_date"])
    assert dict(zip(nodes["Id"], nodes["Label"])) == {e.id: e.label for e in dataset.entities.values()}


def test_the_gephi_replica_merges_what_gephi_merges(dataset, tmp_path):
    # The replica is not vacuous: with the predicate as the only kind (what the issue measured on
    # the old GEXF), relations of one predicate between two nodes collapse into one edge.
    edges = exported("gephi-csv", tmp_path, "--statuses", "all")["edges.csv"]
    by_label = edges.assign(Kind=edges["Label"])
    pairs = {(frozenset((s, t)), k) for s, t, k in zip(edges["Source"], edges["Target"], edges["Label"])}
    assert len(gephi_import_edges(by_label)) == len(pairs) < len(dataset.relations)
    # The plain csv folder is for pandas, not Gephi: its edges.csv has no Source column.
    plain = exported("csv", tmp_path)
    assert gephi_mode(list(plain["edges.csv"].columns)) == "nodes"


def test_gephi_csv_holds_facts_by_default(dataset, tmp_path):
    edges = exported("gephi-csv", tmp_path)["edges.csv"]
    assert list(edges["Id"]) == list(records(dataset))
    assert set(edges["status"]) == {"asserted"} and set(edges["is_fact"]) == {"true"}


# -- Kumu ---------------------------------------------------------------------------------------
def test_kumu_elements_and_connections(dataset, tmp_path):
    tables = exported("kumu", tmp_path, "--statuses", "all")
    elements, connections = tables["elements.csv"], tables["connections.csv"]
    assert list(elements.columns[:3]) == ["Label", "Type", "Description"]
    assert list(connections.columns[:7]) == ["From", "To", "Type", "Direction", "Label", "Description", "Tags"]
    assert elements["Label"].is_unique  # Kumu joins connections to elements by Label
    # An elements `ID` column would make Kumu read From/To as IDs (its "avoid duplicating data" guide).
    assert "ID" not in elements.columns and list(elements["Key"]) == list(dataset.entities)
    assert connections["ID"].is_unique  # a re-import updates each connection instead of duplicating it
    assert dict(zip(elements["Label"], elements["Aliases"])) == {
        e.label: "|".join(e.aliases) for e in dataset.entities.values()}
    labels = {e.id: e.label for e in dataset.entities.values()}
    expected = records(dataset, "all")
    assert list(connections["ID"]) == list(expected)
    for row in connections.to_dict("records"):
        record = expected[row["ID"]]
        assert (row["From"], row["To"]) == (labels[record["from"]], labels[record["to"]])
        assert row["Type"] == row["Label"] == record["label"]
        assert row["Direction"] == ("undirected" if record["symmetric"] else "directed")
        assert row["Tags"].split("|") == [record["category"], record["status"], record["polarity"]]
        assert row["Description"] == f"“{record['quote']}” ({record['source_title']}, {record['source_date']})"
        assert (row["quote"], row["source_title"], row["source_date"], row["status"]) == (
            record["quote"], record["source_title"], record["source_date"], record["status"])


def test_kumu_workbook_holds_the_csv_cells_in_two_sheets(tmp_path):
    """The XLSX read back by openpyxl (and by pandas through it): sheets Elements and Connections
    holding exactly the cells of the kumu CSV folder, all as text; byte-identical on a second run."""
    import openpyxl

    folder = exported("kumu", tmp_path, "--statuses", "all")
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for target in (first, second):
        result = run(ROOT, "export", "--format", "kumu-xlsx", "--statuses", "all", "-o", str(target))
        assert result.exit_code == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    workbook = openpyxl.load_workbook(first, read_only=True)
    assert workbook.sheetnames == ["Elements", "Connections"]
    sheets = pd.read_excel(first, sheet_name=None, dtype=str, keep_default_na=False, engine="openpyxl")
    for sheet, csv_name in (("Elements", "elements.csv"), ("Connections", "connections.csv")):
        assert sheets[sheet].to_dict("records") == folder[csv_name].to_dict("records"), sheet
        cells = [c for row in workbook[sheet].iter_rows() for c in row if c.value is not None]
        assert {c.data_type for c in cells} == {"s"}  # text, never a number or formula guessed from it
    assert len(sheets["Connections"]) == len(folder["connections.csv"]) > 300


def test_kumu_workbook_keeps_a_formula_like_quote_as_text(dataset):
    import dataclasses
    import openpyxl
    from relgraph.export.xlsx import to_kumu_xlsx

    first = dataset.relations[0]
    planted = dataclasses.replace(dataset, relations=(dataclasses.replace(first, quote="=HYPERLINK(\"x\")"),))
    sheet = openpyxl.load_workbook(io.BytesIO(to_kumu_xlsx(planted, include="all")))["Connections"]
    header = [c.value for c in sheet[1]]
    quote = sheet.cell(row=2, column=header.index("quote") + 1)
    assert (quote.value, quote.data_type) == ("=HYPERLINK(\"x\")", "s")


# -- Graph Commons --------------------------------------------------------------------------------
def test_graph_commons_names_each_end_by_type_and_name(dataset, tmp_path):
    tables = exported("graphcommons", tmp_path, "--statuses", "all")
    nodes, edges = tables["nodes.csv"], tables["edges.csv"]
    assert list(nodes.columns[:3]) == ["Type", "Name", "Description"]
    assert list(edges.columns[:5]) == ["From Type", "From Name", "Edge", "To Type", "To Name"]
    known = set(zip(nodes["Type"], nodes["Name"]))
    assert len(known) == len(nodes) == len(dataset.entities)
    expected = records(dataset, "all")
    assert list(edges["Relation ID"]) == list(expected)
    for row in edges.to_dict("records"):
        record = expected[row["Relation ID"]]
        start, end = dataset.entities[record["from"]], dataset.entities[record["to"]]
        assert (row["From Type"], row["From Name"]) == (start.type, start.label) and (start.type, start.label) in known
        assert (row["To Type"], row["To Name"]) == (end.type, end.label) and (end.type, end.label) in known
        assert row["Edge"] == record["label"]
        assert (row["quote"], row["source_title"], row["source_date"], row["status"]) == (
            record["quote"], record["source_title"], record["source_date"], record["status"])


# -- every folder ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", [f.name for f in FORMATS.values() if f.kind == "folder"])
def test_every_folder_reads_back_in_pandas_with_one_row_per_relation(dataset, tmp_path, fmt):
    tables = FORMATS[fmt].render(dataset, include="all")
    frames = {name: pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False) for name, data in tables.items()}
    node_table, edge_table = sorted(frames, key=lambda name: len(frames[name]))
    assert len(frames[node_table]) == len(dataset.entities)
    assert len(frames[edge_table]) == len(dataset.relations)
    quotes = next(c for c in frames[edge_table].columns if c.lower() == "quote")
    assert sorted(frames[edge_table][quotes]) == sorted(r.quote for r in dataset.relations)
