"""Random mutations of the real YAML never crash relgraph: every run ends with exit 0 and a graph,
or exit 1 with located diagnostics; never a traceback, never a hang."""
from __future__ import annotations

import copy
import csv
import fnmatch
import functools
import io
import json
import math
import os
import re
import shutil
import sys
import traceback
from pathlib import Path

import hypothesis
import lxml.etree as etree
import networkx as nx
import openpyxl
import pyoxigraph
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import CLAIMS, MINI, ROOT
from relgraph.check.coverage import IGNORE_FILE, PARAGRAPHS_FILE
from relgraph.check.runner import check_project, load_dataset
from relgraph.cli import main
from relgraph.export.html import to_html
from relgraph.export.registry import FORMATS
from relgraph.export.turtle import to_turtle
from relgraph.model import schema
from relgraph.read.project import ENTITIES_FILE, PREDICATES_FILE, RELATIONS_DIR, SOURCES_FILE

FILES = ["graph/sources.yaml", "graph/entities.yaml", "graph/predicates.yaml", "graph/relations/leaders-meet.yaml"]
LOCATED = re.compile(r"^graph/[\w/.-]+\.yaml(:\d+:\d+)?: (error|warning) [EW]\d{3}: .+$")


def mutate(data: bytes, kind: str, position: int, payload: bytes) -> bytes:
    at = position % (len(data) + 1)
    if kind == "delete":
        return data[:at] + data[at + len(payload):]
    if kind == "insert":
        return data[:at] + payload + data[at:]
    if kind == "truncate":
        return data[:at]
    if kind == "replace-line":
        lines = data.split(b"\n")
        lines[at % len(lines)] = payload
        return b"\n".join(lines)
    if kind == "duplicate-line":
        lines = data.split(b"\n")
        index = at % len(lines)
        return b"\n".join(lines[:index + 1] + [lines[index]] + lines[index + 1:])
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "empty":
        return b""
    raise AssertionError(kind)


PAYLOADS = st.one_of(
    st.binary(max_size=12),
    st.sampled_from([b"\t", b"- ", b": ", b"{", b"[", b"&a x", b"*a", b"!!python/object:os.system ls", b"<<: *a",
                     b"  quote: x", b"  date: 2024-02-30", b"  status: maybe", b"id: X_Y", b"\xff\xfe", b"'",
                     b'"', b"\x00", b"  aliases: [Putin]", b"  subject: Pution", b"[" * 200, b"a" * 5000]),
)
MUTATIONS = st.lists(st.tuples(st.sampled_from(FILES),
                               st.sampled_from(["delete", "insert", "truncate", "replace-line", "duplicate-line", "bom", "empty"]),
                               st.integers(min_value=0, max_value=10_000), PAYLOADS), min_size=1, max_size=3)


EXAMPLES = int(os.environ.get("RELGRAPH_FUZZ_EXAMPLES", "2000"))
OUTCOMES = {"graph": 0, "errors": 0}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True)
@given(mutations=MUTATIONS)
def check_mutants(root, mutations):
    if not root.exists():
        shutil.copytree(MINI, root, ignore=shutil.ignore_patterns(".relgraph-cache", "output"))
    for file in FILES:  # one project, its files put back before each example
        (root / file).write_bytes((MINI / file).read_bytes())
    for file, kind, position, payload in mutations:
        path = root / file
        path.write_bytes(mutate(path.read_bytes(), kind, position, payload))
    dataset, diagnostics = check_project(root)
    for diagnostic in diagnostics:
        assert LOCATED.match(str(diagnostic)), str(diagnostic)
    if dataset is None:
        assert any(d.level == "error" for d in diagnostics)
        OUTCOMES["errors"] += 1
    else:
        assert all(d.level == "warning" for d in diagnostics)
        assert all(r.subject in dataset.entities and r.object in dataset.entities for r in dataset.relations)
        # the build stage must take whatever check accepts
        assert to_turtle(dataset).startswith(b"@prefix")
        assert to_html(dataset).startswith(b"<!DOCTYPE html>")
        OUTCOMES["graph"] += 1


def test_mutated_data_gives_graph_or_located_errors(tmp_path, reliability):
    check_mutants(tmp_path / "p")
    total = OUTCOMES["graph"] + OUTCOMES["errors"]
    reliability.record("YAML input", "random mutations of the fixture YAML (deleted and inserted bytes, truncation, "
                       "random bytes, invalid UTF-8, byte-order mark, tabs, 5,000-character strings, deep nesting, "
                       "duplicate lines and keys, anchors, tags, empty files), through check and build", total,
                       f"{OUTCOMES['graph']} built a graph, {OUTCOMES['errors']} stopped with located errors; 0 tracebacks")
    # Exact counts: the same mutants in every run (tests/hypothesis_determinism.py says why they were not).
    assert OUTCOMES["graph"] > 0 and OUTCOMES["errors"] > 0


def test_derandomized_examples_do_not_depend_on_the_modules_loaded(tmp_path, monkeypatch):
    """Hypothesis draws literals from the local modules loaded so far: a module loaded between two
    runs of one derandomized test changed its examples (the reliability rows changed from run to
    run). tests/conftest.py turns that off; the same examples come out either side of an import."""
    drawn = []

    @settings(max_examples=300, derandomize=True, database=None)
    @given(st.integers(0, 100_000), st.binary(max_size=8), st.text(max_size=8))
    def draw(number, data, text):
        drawn.append((number, data, text))

    def examples():
        drawn.clear()
        draw()
        return list(drawn)

    before = examples()
    (tmp_path / "literals_for_hypothesis.py").write_text(
        "NUMBERS = [4242, 31337, 77777]\nDATA = [b'planted']\nTEXT = ['planted']\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__("literals_for_hypothesis")
    try:
        assert examples() == before
    finally:
        del sys.modules["literals_for_hypothesis"]


# -- every field of every file kind, every YAML type ----------------------------------------------
# Each record kind the schema declares (schema.RECORDS), where the fuzz puts it: the file and the
# path to the record in that file's tree. A kind missing here fails test_every_file_kind_is_fuzzed.
RELATION_FILE = "graph/relations/leaders-meet.yaml"
KIND_PLACES = {
    "source": ("graph/sources.yaml", (0,)),
    "entity": ("graph/entities.yaml", (0,)),
    "predicate": ("graph/predicates.yaml", (0,)),
    "relations file": (RELATION_FILE, ()),
    "relation": (RELATION_FILE, ("relations", 0)),
    "figure": (RELATION_FILE, ("relations", 0, "figures", 0)),
    "ignored name": (IGNORE_FILE, (0,)),
    "read paragraph": (PARAGRAPHS_FILE, (0,)),
}
COVERAGE_KINDS = ("ignored name", "read paragraph")  # read by `relgraph coverage`, not by check
FIELDS = [(kind, f) for kind, fields in schema.RECORDS.items() for f in fields]
PLACEHOLDER = "FUZZVALUE"


def base_trees() -> dict[str, object]:
    """The mini fixture's curated files as plain data, with a figure and both coverage files
    added so that every record kind has a record to put values in."""
    trees = {relative: yaml.safe_load((MINI / relative).read_text(encoding="utf-8"))
             for relative in ("graph/sources.yaml", "graph/entities.yaml", "graph/predicates.yaml", RELATION_FILE)}
    trees[RELATION_FILE]["relations"][0]["figures"] = [{"value": 1, "unit": "visits", "measure": "visits to Beijing"}]
    trees[IGNORE_FILE] = [{"name": "Example News", "reason": "the publisher, named in the byline"}]
    trees[PARAGRAPHS_FILE] = [{"source": "leaders-meet", "paragraph": "The two leaders signed",
                               "reason": "a paragraph coverage does not count (one actor named): a warning"}]
    return trees


BASE = base_trees()


def dump(tree) -> str:
    return yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, width=1 << 30)


BASE_TEXT = {file: dump(tree) for file, tree in BASE.items()}


@functools.lru_cache(maxsize=None)
def placeholder_lines(kind: str, name: str) -> tuple[tuple[str, ...], int, int]:
    """The kind's file with field `name` of its record set to PLACEHOLDER: its lines, the line's index, the key's column."""
    file, path = KIND_PLACES[kind]
    tree = copy.deepcopy(BASE[file])
    record = tree
    for step in path:
        record = record[step]
    record[name] = PLACEHOLDER
    lines = dump(tree).splitlines()
    at = next(i for i, line in enumerate(lines) if line.endswith(f"{name}: {PLACEHOLDER}"))
    return tuple(lines), at, len(lines[at]) - len(f"{name}: {PLACEHOLDER}")


def with_value(kind: str, name: str, value_text: str) -> str:
    """The kind's file as YAML text with field `name` of its record set to `value_text`, a YAML
    node written as text: one line, or several (a block node) to go indented under the key."""
    lines, at, key_column = placeholder_lines(kind, name)
    lines = list(lines)
    first, *rest = value_text.split("\n")
    lines[at] = f"{lines[at][:key_column]}{name}: {first}".rstrip()
    lines[at + 1:at + 1] = [" " * (key_column + 2) + line for line in rest]
    return "\n".join(lines) + "\n"


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


ODD_TEXT = ["", " ", "\u00a0", "é", "e\u0301", "\u202eevil", "\u200b", "\u2028", "\u2029", "\x85", "\ufeff", "🇷🇺🤝🇨🇳",
            "\\x00", "\\x07", "\\x7f", "\\ud800", "\\udfff", "\\U0010ffff", "\\uffff", "a\nb", "a\\tb", "#", "- x", ": x",
            "'", '"', "\\\\", "<script>alert(1)</script>", "]]>", "--> ", "@prefix x: <y> .", "x" * 100_000]
ESCAPES = re.compile(r"\\(x..|u....|U........|.)")


def as_double_quoted(text: str) -> str:
    """A double-quoted scalar that keeps backslash escapes written in `text` (\\ud800 and the like)."""
    return '"' + text.replace('"', '\\"').replace("\n", "\\n") + '"' if ESCAPES.search(text) else quoted(text)


# Every YAML type as text, each a strategy; the names are what the reliability row counts.
YAML_TYPES = {
    "null": st.sampled_from(["null", "~", "", "Null", "NULL"]),
    "bool": st.sampled_from(["true", "false", "yes", "No", "on", "OFF", "True", "y", "n"]),
    "int": st.one_of(
        st.integers().map(str),
        st.integers(1, 6_000).map(lambda digits: "9" * digits),  # 4,300 digits is Python's str() limit
        st.integers(1, 6_000).map(lambda digits: "-1" + "0" * digits),
        st.sampled_from(["0", "-0", "+12", "012", "0o17", "0x1F", "0xFFFFFFFFFFFFFFFFFFFFFFFF", "0b101", "1_000",
                         "190:20:30", "1e3", "9223372036854775808", "-9223372036854775809", "1" * 19])),
    "float": st.one_of(
        st.floats().map(lambda x: ".nan" if x != x else (".inf" if x == math.inf else "-.inf" if x == -math.inf else repr(x))),
        st.sampled_from([".inf", "-.inf", "+.inf", ".nan", ".NaN", "-0.0", "0.0", "1.5e308", "1e400", "-1e400", "1e-400",
                         "6.8523015e+5", "685.230_15e+03", "190:20:30.15", "0.", ".5", "1." + "5" * 5_000])),
    "str": st.one_of(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=40).map(quoted),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=40).map(single_quoted),
        st.text(st.characters(codec="ascii", categories=("L", "N")), min_size=1, max_size=20),
        st.sampled_from(ODD_TEXT).map(as_double_quoted),
        st.sampled_from(["'x'", "|\n  a block\n  of text", ">-\n  folded\n  text", "|+\n  kept\n", "plain text here"])),
    "date": st.builds(
        lambda year, month, day, form, quote: (quote % form.format(year=year, month=month, day=day)),
        st.integers(0, 10_001), st.integers(0, 13), st.integers(0, 32),
        st.sampled_from(["{year:04d}", "{year:04d}-{month:02d}", "{year:04d}-{month:02d}-{day:02d}", "{year}-{month}-{day}",
                         "{year:05d}", "-{year:04d}", "{year:04d}-{month:02d}-{day:02d}-01"]),
        st.sampled_from(["%s", "'%s'"])),
    "timestamp": st.sampled_from(["2024-05-17T12:30:00Z", "2024-05-17 12:30:00", "2001-12-14t21:59:43.10-05:00",
                                  "2001-12-15 2:59:43.10", "0000-01-01T00:00:00Z", "2024-02-30T25:61:61Z",
                                  "'2024-05-17T12:30:00+02:00'"]),
    "list": st.one_of(
        st.sampled_from(["[]", "[a]", "[1, 2]", "[Putin]", "[person, place]", "[null]", "['']", "[[a]]", "[{a: 1}]",
                         "\n- Putin\n- Xi", "\n- a\n- - b", "\n- value: 2\n  unit: troops\n  measure: troops sent",
                         "[value: 1]", "\n-\n-"]),
        st.lists(st.sampled_from(["a", "1", "~", "true", "'x'", "[]", "{}", "asserted", "W301: checked"]), max_size=5)
        .map(lambda items: "[" + ", ".join(items) + "]")),
    "mapping": st.sampled_from(["{}", "{a: 1}", "{value: 1, unit: x, measure: y}", "\na: 1\nb: [2]", "\nid: x\nlabel: y",
                                "{'': x}", "{? [a] : b}", "\n? [a, b]\n: c", "{1: a}", "{null: a}"]),
    "nested": st.integers(1, 60).flatmap(lambda depth: st.sampled_from(["[" * depth + "]" * depth, "{a: " * depth + "1" + "}" * depth,
                                                                         "[{a: " * depth + "x" + "}]" * depth])),
    "binary": st.sampled_from(["!!binary aGVsbG8=", "!!binary |\n  R0lGODlhDAAMAIQAAP//9/X17unp5WZmZgAAAOfn515eXvPz7Y6OjuDg4J+fn5",
                               "!!binary ''", "!!binary '!!'"]),
}


def valid_values(f: schema.Field) -> list[str]:
    """Values a field takes, so that the fuzz also reaches the build: its choices, the fixture's own."""
    values = [quoted(choice) for choice in f.choices]
    for kind, (file, path) in KIND_PLACES.items():
        record = BASE[file]
        for step in path:
            record = record[step]
        if f in schema.RECORDS[kind] and f.name in record and not isinstance(record[f.name], list):
            values.append(quoted(str(record[f.name])) if isinstance(record[f.name], str) else str(record[f.name]).lower())
    return values or ["x"]


@st.composite
def field_values(draw):
    """(record kind, field, YAML type, value as YAML text) for any field of any file kind."""
    kind, f = draw(st.sampled_from(FIELDS))
    type_name = draw(st.sampled_from(sorted(YAML_TYPES) + ["valid"]))
    text = draw(st.sampled_from(valid_values(f)) if type_name == "valid" else YAML_TYPES[type_name])
    return kind, f.name, type_name, text


REPRESENTATIVES = {  # the value of each type every field gets for certain (an explicit example each)
    "null": "~", "bool": "yes", "int": "9" * 5_000, "float": ".nan", "str": as_double_quoted("\\ud800"),
    "date": "0000", "timestamp": "2024-02-30T25:61:61Z", "list": "[[a]]", "mapping": "{a: 1}",
    "nested": "[" * 45 + "]" * 45, "binary": "!!binary aGVsbG8=",
}
EXPLICIT = [(kind, f.name, type_name, valid_values(f)[0] if type_name == "valid" else REPRESENTATIVES[type_name])
            for kind, f in FIELDS for type_name in [*sorted(REPRESENTATIVES), "valid"]]
FIELD_EXAMPLES = int(os.environ.get("RELGRAPH_FIELD_FUZZ_EXAMPLES", "500"))
FIELD_OUTCOMES: dict[str, int] = {}
TRIED: set[tuple[str, str, str]] = set()
FIELD_LOCATED = re.compile(r"^graph/[\w/.-]+\.yaml:\d+:\d+: (error|warning) [EW]\d{3}: [^\n]+$")


def invoke(root: Path, *args: str):
    """A command run in-process as the console script runs it; a traceback fails the test."""
    result = CliRunner().invoke(main, ["-C", str(root), "--no-cache", *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"relgraph {' '.join(args)} crashed:\n"
                             + "".join(traceback.format_exception(result.exception)))
    assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr
    return result


def assert_located(result, args) -> None:
    """Every line on stderr a located diagnostic, but the one `error:` line that ends a failure;
    for check and coverage, exit 1 exactly when an error was reported."""
    lines = result.stderr.splitlines()
    if lines and lines[-1].startswith("error: ") and result.exit_code == 1:
        lines = lines[:-1]
    for line in lines:
        assert FIELD_LOCATED.match(line), (args, line[:300])
    if args[0] in ("check", "coverage"):
        assert (result.exit_code == 1) == any(": error E" in line for line in lines), (args, result.exit_code, lines[-3:])


def read_outputs(root: Path) -> None:
    """Every file the build wrote, and every export format, read back by a reader of its own."""
    for name in ("graph.ttl", "graph.html"):
        READERS[name.split(".")[1]]((root / "output" / name).read_bytes())
    dataset = load_dataset(root)
    for name, export in FORMATS.items():
        READERS[name](export.render(dataset, include="all"))


def html_data(page: bytes) -> None:
    start = page.index(b'<script id="relgraph-data" type="application/json">') + 51
    json.loads(page[start:page.index(b"</script>", start)].decode("utf-8"))


def csv_folder(files: dict) -> None:
    assert files
    for data in files.values():
        list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


READERS = {  # export format → a reader that is not relgraph's; a format without one fails the test
    "ttl": lambda data: list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE)),
    "ttl12": lambda data: list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE)),  # 0.5 reads RDF 1.2
    "nt": lambda data: list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)),
    "jsonld": lambda data: list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.JSON_LD)),
    "graphml": etree.fromstring, "gexf": etree.fromstring,
    "csv": csv_folder, "gephi-csv": csv_folder, "kumu": csv_folder, "graphcommons": csv_folder,
    "kumu-xlsx": lambda data: openpyxl.load_workbook(io.BytesIO(data), read_only=True).close(),
    "json": lambda data: nx.node_link_graph(json.loads(data)),
    "html": html_data,
}


def write_project(root: Path, kind: str | None = None, name: str = "", text: str = "") -> Path:
    """The base project (mini, with a figure and both coverage files), one field set to `text`;
    a project written before at `root` is overwritten whole (no output, no cache kept)."""
    if not root.exists():
        shutil.copytree(MINI, root, ignore=shutil.ignore_patterns(".relgraph-cache", "output"))
    shutil.rmtree(root / "output", ignore_errors=True)
    for file, content in BASE_TEXT.items():
        if kind is not None and file == KIND_PLACES[kind][0]:
            content = with_value(kind, name, text)
        (root / file).write_text(content, encoding="utf-8")
    return root


def run_field_value(root: Path, kind: str) -> str:
    """check (or coverage, for its own files), fmt, and when accepted build and every output read
    back; returns "accepted" or "refused"."""
    if kind in COVERAGE_KINDS:
        covered = invoke(root, "coverage")
        assert_located(covered, ("coverage",))
        return "refused" if covered.exit_code else "accepted"
    checked = invoke(root, "check")
    assert_located(checked, ("check",))
    assert_located(invoke(root, "fmt", "--check"), ("fmt",))
    if checked.exit_code:
        return "refused"
    built = invoke(root, "build")
    assert built.exit_code == 0, built.stderr
    read_outputs(root)
    return "accepted"


def every_field(test):
    for example in EXPLICIT:
        test = hypothesis.example(case=example)(test)
    return test


@every_field
@settings(max_examples=FIELD_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=field_values())
def check_field_values(root, case):
    kind, name, type_name, text = case
    outcome = run_field_value(write_project(root, kind, name, text), kind)
    TRIED.add((kind, name, type_name))
    FIELD_OUTCOMES[outcome] = FIELD_OUTCOMES.get(outcome, 0) + 1


def test_every_file_kind_is_fuzzed():
    """Each record kind of the schema has its place in the fuzz, and every curated file is of a kind."""
    assert sorted(KIND_PLACES) == sorted(schema.RECORDS)
    kinds = {SOURCES_FILE, ENTITIES_FILE, PREDICATES_FILE, IGNORE_FILE, PARAGRAPHS_FILE, f"{RELATIONS_DIR}/*.yaml"}
    for project in (ROOT, MINI, CLAIMS):
        for path in sorted((project / "graph").rglob("*.yaml")):
            relative = path.relative_to(project).as_posix()
            assert relative in kinds or fnmatch.fnmatch(relative, f"{RELATIONS_DIR}/*.yaml"), f"{relative}: a file kind the fuzz does not know"
    assert sorted(READERS) == sorted(FORMATS)
    assert sorted(REPRESENTATIVES) == sorted(YAML_TYPES)


def test_the_fuzz_base_project_builds(tmp_path):
    root = write_project(tmp_path / "p")
    assert run_field_value(root, "relation") == "accepted"
    assert run_field_value(root, "ignored name") == "accepted"
    assert run_field_value(root, "read paragraph") == "accepted"


def test_every_field_of_every_file_kind_takes_any_yaml_value(tmp_path, reliability):
    check_field_values(tmp_path / "p")
    every = {(kind, f.name, type_name) for kind, f in FIELDS for type_name in [*YAML_TYPES, "valid"]}
    assert every - TRIED == set()
    total = sum(FIELD_OUTCOMES.values())
    reliability.record(
        "Curated data", f"every field of every file kind ({len(FIELDS)} fields in {len(schema.RECORDS)} record kinds) set to "
        f"values of every YAML type ({', '.join(sorted(YAML_TYPES))}) and to valid ones, through check, fmt and build "
        "(coverage for its two files)", total,
        f"{FIELD_OUTCOMES.get('accepted', 0)} accepted, every output read back in its own reader (pyoxigraph, lxml, csv, "
        f"openpyxl, NetworkX, the page's JSON); {FIELD_OUTCOMES.get('refused', 0)} refused with located errors; 0 tracebacks")
    assert FIELD_OUTCOMES.get("accepted") and FIELD_OUTCOMES.get("refused")
