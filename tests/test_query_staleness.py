"""`relgraph query` reads output/graph.ttl, the last build's; `show` and `path` read graph/. When
graph/ has changed since the build, query says so on stderr (from file times: no check, no hash),
and says nothing when output/ is current."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from conftest import edit, run
from relgraph.check.behind import newest_input

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
KYIV = "- subject: Xi\n  predicate: visits\n  object: Kyiv\n  quote: Xi has yet to visit Kyiv.\n  status: negated\n"


def warning(name: str) -> str:
    return (f"warning: output/graph.ttl is older than {name}: the answer is from the last build, "
            "not from graph/ as it is now; run 'relgraph build'\n")


def later_than_the_build(root: Path, path: Path) -> None:
    """Saved after graph.ttl was written and after every earlier save, whatever the file system's
    clock granularity."""
    latest = max((root / "output" / "graph.ttl").stat().st_mtime_ns, newest_input(root)[0]) + 10**9
    os.utime(path, ns=(latest, latest))


def test_query_warns_when_graph_changed_after_the_build_and_not_once_rebuilt(mini):
    relations = mini / "graph" / "relations" / "leaders-meet.yaml"
    assert run(mini, "build").exit_code == 0
    before = run(mini, "query", "-e", COUNT)
    assert (before.exit_code, before.stderr) == (0, "")
    edit(relations, KYIV, "")
    later_than_the_build(mini, relations)
    stale = run(mini, "query", "-e", COUNT)
    assert (stale.exit_code, stale.stdout, stale.stderr) == (0, before.stdout, warning("graph/relations/leaders-meet.yaml"))
    assert run(mini, "build").exit_code == 0
    current = run(mini, "query", "-e", COUNT)
    assert (current.exit_code, current.stderr) == (0, "")
    assert current.stdout != before.stdout  # the answer of the edited graph


def test_a_build_that_leaves_graph_ttl_as_it_was_makes_query_current(mini):
    """A comment edited: graph.ttl is not rewritten, so its time alone would warn for ever."""
    relations = mini / "graph" / "relations" / "leaders-meet.yaml"
    assert run(mini, "build").exit_code == 0
    ttl = (mini / "output" / "graph.ttl").read_bytes()
    relations.write_text(relations.read_text(encoding="utf-8") + "# read again\n", encoding="utf-8")
    later_than_the_build(mini, relations)
    assert run(mini, "query", "-e", COUNT).stderr == warning("graph/relations/leaders-meet.yaml")
    assert run(mini, "build").stdout == "output/ is up to date\n"
    assert (mini / "output" / "graph.ttl").read_bytes() == ttl
    assert run(mini, "query", "-e", COUNT).stderr == ""
    assert run(mini, "--no-cache", "query", "-e", COUNT).stderr == warning("graph/relations/leaders-meet.yaml")  # no record read


def test_a_removed_relation_file_and_a_vocabulary_edit_are_changes(mini):
    assert run(mini, "build").exit_code == 0
    shutil.copy(mini / "graph" / "relations" / "leaders-meet.yaml", mini / "graph" / "relations" / "more.yaml")
    assert run(mini, "build").exit_code == 1  # the same relations twice (E116): output/ kept
    (mini / "graph" / "relations" / "more.yaml").unlink()
    later_than_the_build(mini, mini / "graph" / "relations")
    assert run(mini, "query", "-e", COUNT).stderr == warning("graph/relations/")
    assert run(mini, "build").exit_code == 0
    later_than_the_build(mini, mini / "graph" / "entities.yaml")
    assert run(mini, "query", "-e", COUNT).stderr == warning("graph/entities.yaml")


def test_no_warning_for_a_fresh_checkout_or_a_file_given_with_data(mini, tmp_path):
    """A checkout writes graph/ before output/, and there is no record of a build yet."""
    assert run(mini, "build").exit_code == 0
    clone = tmp_path / "clone"
    for name in ("graph", "output", "seeds"):  # in the order git writes them
        shutil.copytree(mini / name, clone / name)
    assert run(clone, "query", "-e", COUNT).stderr == ""
    later_than_the_build(clone, clone / "graph" / "sources.yaml")
    assert run(clone, "query", "-e", COUNT).stderr == warning("graph/sources.yaml")
    given = run(clone, "query", "--data", str(clone / "output" / "graph.ttl"), "-e", COUNT)
    assert (given.exit_code, given.stderr) == (0, "")  # a file of the user's choosing: not ours to judge


def test_an_answer_forwarded_to_a_running_serve_warns_too(mini, monkeypatch, capfd):
    """With a serve running, `relgraph query --format csv` is answered before the CLI loads (ask/forward.py)."""
    from relgraph.ask import store
    from relgraph.ask.forward import forwarded_answer

    monkeypatch.setattr(store, "running_server", lambda turtle: {"url": "http://127.0.0.1:1/sparql"})
    monkeypatch.setattr(store, "loopback_request", lambda *args, **kwargs: (200, "text/csv", b"n\r\n7\r\n"))
    assert run(mini, "build").exit_code == 0
    argv = ["-C", str(mini), "query", "--format", "csv", "-e", COUNT]
    assert forwarded_answer(argv) == b"n\r\n7\r\n"
    assert capfd.readouterr().err == ""
    later_than_the_build(mini, mini / "graph" / "relations" / "leaders-meet.yaml")
    assert forwarded_answer(argv) == b"n\r\n7\r\n"
    assert capfd.readouterr().err == warning("graph/relations/leaders-meet.yaml")
    assert forwarded_answer([*argv, "--data", str(mini / "output" / "graph.ttl")]) == b"n\r\n7\r\n"
    assert capfd.readouterr().err == ""
