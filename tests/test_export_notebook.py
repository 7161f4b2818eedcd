"""docs/notebook.md: every python block runs, in order, in one namespace, on the real data."""
from __future__ import annotations

import os
import re

from conftest import ROOT, run

NOTEBOOK = ROOT / "docs" / "notebook.md"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.S | re.M)


def test_the_notebook_doc_runs(tmp_path, capsys):
    blocks = python_blocks(NOTEBOOK.read_text(encoding="utf-8"))
    assert len(blocks) == 6, "a python block was added or lost: count it here"
    # The project as the doc's reader has it: graph/ and seeds/ in the working folder, graph.json
    # exported beside them (the doc's own command) — a copy, so nothing is written into the checkout.
    for name in ("graph", "seeds"):
        (tmp_path / name).symlink_to(ROOT / name, target_is_directory=True)
    result = run(tmp_path, "export", "--format", "json", "-o", str(tmp_path / "graph.json"))
    assert result.exit_code == 0, result.stderr
    namespace: dict = {}
    here = os.getcwd()
    os.chdir(tmp_path)
    try:
        for number, block in enumerate(blocks, 1):
            exec(compile(block, f"docs/notebook.md block {number}", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(here)
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
