"""Random mutations of the real YAML never crash relgraph: every run ends with exit 0 and a graph,
or exit 1 with located diagnostics; never a traceback, never a hang."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import MINI, ROOT
from relgraph.errors import DataError
from relgraph.export.html import to_html
from relgraph.export.turtle import to_turtle
from relgraph.check.runner import check_project

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


EXAMPLES = int(__import__("os").environ.get("RELGRAPH_FUZZ_EXAMPLES", "2000"))
OUTCOMES = {"graph": 0, "errors": 0}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=MUTATIONS)
def check_mutants(tmp_path_factory, mutations):
    root = tmp_path_factory.mktemp("fuzz") / "p"
    shutil.copytree(MINI, root)
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


def test_mutated_data_gives_graph_or_located_errors(tmp_path_factory, reliability):
    check_mutants(tmp_path_factory)
    total = OUTCOMES["graph"] + OUTCOMES["errors"]
    reliability.record("YAML input", "random mutations of the fixture YAML (deleted and inserted bytes, truncation, "
                       "random bytes, invalid UTF-8, byte-order mark, tabs, 5,000-character strings, deep nesting, "
                       "duplicate lines and keys, anchors, tags, empty files), through check and build", total,
                       "each built a graph or stopped with located errors, 0 tracebacks")
    # How many built a graph is not written in the table: Hypothesis, even derandomized, drew
    # different mutants in different runs (471, 485 and 490 of 2,000 built a graph), and the table
    # must come out the same from every green run.
    assert OUTCOMES["graph"] > 0 and OUTCOMES["errors"] > 0
