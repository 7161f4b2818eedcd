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


def test_watch_checks_again_when_a_file_that_is_not_read_appears_in_relations(tmp_path: Path):
    """Only *.yaml files were watched: a notes.txt (W204) or an x.yml (E123) went unsaid until the next save."""
    project = copy_fixture(MINI, tmp_path / "mini")
    folder = project / "graph" / "relations"
    saves = iter([lambda: (folder / "notes.txt").write_text("to do"), lambda: (folder / "notes.txt").unlink()])
    out = io.StringIO()
    watch(project, out, interval=0, rounds=3, sleep=lambda _: next(saves)())
    lines = [re.sub(r" \(\d+\.\d\d s\)$", "", line) for line in out.getvalue().splitlines()]
    unread = "warning W204: this file is not read: relations are read from graph/relations/*.yaml only"
    assert lines == ["ok: 4 relations, 5 entities",
                     f"+ graph/relations/notes.txt: {unread}", "ok: 4 relations, 5 entities; 1 warning(s)",
                     f"- graph/relations/notes.txt: {unread}", "ok: 4 relations, 5 entities"]
