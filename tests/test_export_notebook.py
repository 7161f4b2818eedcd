"""docs/notebook.md: every python block runs, in order, in one namespace, on the real data."""
from __future__ import annotations

import ast
import os
import re
import shlex
import sys
import tomllib

from conftest import ROOT, run

NOTEBOOK = ROOT / "docs" / "notebook.md"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.S | re.M)


def blocks_in_order(text: str) -> list[tuple[str, str]]:
    """(language, code) of every python and sh block, in the order of the page."""
    return re.findall(r"^```(python|sh)\n(.*?)^```$", text, flags=re.S | re.M)


def relgraph_commands(code: str) -> list[list[str]]:
    """The `relgraph ...` commands of an sh block (setup lines such as make and pip are not run here)."""
    lines = (line.split("#")[0].strip() for line in code.splitlines())
    return [shlex.split(line)[1:] for line in lines if line.startswith("relgraph ")]


def test_the_setup_the_notebook_doc_names_installs_what_its_blocks_import():
    """The page says which install to do; every module its blocks import is a dependency of
    relgraph or of the extra that install names (pandas is neither a dependency nor in the stdlib)."""
    text = NOTEBOOK.read_text(encoding="utf-8")
    setup = blocks_in_order(text)[0]
    assert setup == ("sh", "make graph && .venv/bin/pip install -e '.[notebook]'   # then .venv/bin/python, or a kernel of .venv\n")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {re.split(r"[<>=!~ \[]", requirement)[0].lower()
             for requirement in project["dependencies"] + project["optional-dependencies"]["notebook"]}
    imported = set()
    for block in python_blocks(text):
        for node in ast.walk(ast.parse(block)):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"relgraph"}
    assert third_party == {"networkx", "pandas"}
    assert third_party <= names, f"imported by docs/notebook.md but installed by neither: {third_party - names}"


def test_the_notebook_doc_runs(tmp_path, capsys):
    text = NOTEBOOK.read_text(encoding="utf-8")
    blocks = python_blocks(text)
    assert len(blocks) == 6, "a python block was added or lost: count it here"
    # The project as the doc's reader has it: graph/ and seeds/ in the working folder, a copy's
    # links, so nothing is written into the checkout. The page's own relgraph commands (graph.json's
    # export) run where they stand, before the blocks that follow them.
    for name in ("graph", "seeds"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    namespace: dict = {}
    commands = 0
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        number = 0
        for language, code in blocks_in_order(text):
            if language == "sh":
                for command in relgraph_commands(code):
                    result = run(tmp_path, *command)
                    assert result.exit_code == 0, result.stderr
                    commands += 1
                continue
            number += 1
            exec(compile(code, f"docs/notebook.md block {number}", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(here)
    assert commands == 1, "the export of graph.json, before the block that reads it"
    printed = capsys.readouterr().out
    g = namespace["g"]
    assert f"{g.number_of_nodes()} actors, {g.number_of_edges()} relations stated as facts" in printed
    # Every hop of the path is printed with its quote, in the direction it was stated.
    path = namespace["path"]
    for a, b in zip(path, path[1:]):
        for u, v in ((a, b), (b, a)):
            for relation in (g.get_edge_data(u, v) or {}).values():
                assert f"{g.nodes[u]['label']} —{relation['label']}→ {g.nodes[v]['label']}" in printed
                assert f"“{relation['quote']}”" in printed
