"""docs/curating.md is true: its files are written and its commands run, and each prints what the doc shows."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from conftest import MINI, ROOT, copy_fixture, run

DOC = ROOT / "docs" / "curating.md"
BLOCK = re.compile(r"```(text|yaml|console)\n(.*?)```", re.S)


def test_the_walk_through_runs_as_written(tmp_path: Path):
    project = copy_fixture(MINI, tmp_path / "project")
    steps = 0
    for kind, body in BLOCK.findall(DOC.read_text(encoding="utf-8")):
        if kind == "text":
            (tmp_path / "talks.txt").write_text(body, encoding="utf-8")
        elif kind == "yaml":
            header, _, content = body.partition("\n")
            name = header.removeprefix("# ").removesuffix(" (append)")
            path = project / name
            path.write_text((path.read_text(encoding="utf-8") if header.endswith("(append)") else "") + content,
                            encoding="utf-8")
        else:
            for command, expected in re.findall(r"^\$ relgraph (.*)\n((?:(?!\$ ).*\n)*)", body, re.M):
                args = [a.replace("../talks.txt", str(tmp_path / "talks.txt")) for a in shlex.split(command)]
                result = run(project, "--no-cache", *args)
                assert result.stderr + result.stdout == expected, f"$ relgraph {command}"
                steps += 1
    assert steps == 8
