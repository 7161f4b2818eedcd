"""`relgraph check --watch`: a check on every save that prints only what changed."""
from __future__ import annotations

import io
import re
from pathlib import Path

from conftest import MINI, copy_fixture, edit
from relgraph.curate.watch import watch


def test_watch_prints_what_each_save_changes(tmp_path: Path):
    project = copy_fixture(MINI, tmp_path / "mini")
    relations = project / "graph" / "relations" / "leaders-meet.yaml"
    saves = iter([
        lambda: edit(relations, "subject: Putin\n  predicate: visits", "subject: Pution\n  predicate: visits"),
        lambda: None,  # nothing saved: nothing printed
        lambda: edit(relations, "subject: Pution", "subject: Putin"),
    ])
    out = io.StringIO()
    watch(project, out, interval=0, rounds=4, sleep=lambda _: next(saves)())
    lines = [re.sub(r" \(\d+\.\d\d s\)$", "", line) for line in out.getvalue().splitlines()]
    assert lines == [
        "ok: 4 relations, 5 entities",
        "+ graph/relations/leaders-meet.yaml:3:12: error E103: unknown entity 'Pution' (did you mean 'Putin'?)",
        "1 error(s), 0 warning(s); fix them and save",
        "- graph/relations/leaders-meet.yaml:3:12: error E103: unknown entity 'Pution' (did you mean 'Putin'?)",
        "ok: 4 relations, 5 entities",
    ]
