"""Reliability and security, round two: each attack that once worked, and what happens now."""
from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from click.testing import CliRunner

from conftest import ROOT, edit, run
from relgraph.cli import main
from relgraph.check import cache as stores
from relgraph.check import runner


def relgraph(project: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """The CLI in its own process: a crash (a signal) or a hang shows as itself."""
    return subprocess.run([sys.executable, "-m", "relgraph.cli", "-C", str(project), *args],
                          capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A folder outside the project holding files an attack would overwrite or delete."""
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / ("a" * 64)).write_text("named like a cache entry")
    (folder / "notes.txt").write_text("precious")
    (folder / ".old.tmp").write_text("named like a leftover")
    return folder


def listing(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(folder.iterdir())}


# -- a cache that can neither lie nor harm --------------------------------------------------------
@pytest.mark.parametrize("linked", [".relgraph-cache", ".relgraph-cache/files"])
def test_a_linked_cache_folder_is_never_written_or_emptied(mini, victim, linked, reliability):
    before = listing(victim)
    link = mini / linked
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(victim, target_is_directory=True)
    for command in (["check"], ["build"], ["show", "Xi"]):
        assert run(mini, *command).exit_code == 0
    assert listing(victim) == before
    reliability.record("Cache", "a committed .relgraph-cache or .relgraph-cache/files that links outside the project", 2,
                       "the cache is off for that run; nothing written or deleted outside the project")


def test_a_planted_pickle_never_runs(mini, tmp_path):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    key = stores.input_key(mini)
    folder = mini / stores.CACHE_DIR
    folder.mkdir()
    for name in (f"dataset-{key[:32]}.pickle", key):  # the old cache's name and the new one's
        (folder / name).write_bytes(pickle.dumps(Payload()))
    result = run(mini, "show", "Xi")
    assert result.exit_code == 0 and result.stdout.startswith("Xi Jinping (person)")
    assert not marker.exists()


def test_a_planted_entry_without_the_seal_is_not_served(mini):
    expected = run(mini, "--no-cache", "show", "Xi").stdout
    dataset = runner.load_dataset(mini)
    fake = dataset.__class__(dataset.sources, dataset.entities, dataset.predicates, dataset.relations[:1], dataset.source_texts)
    key = stores.input_key(mini)
    folder = mini / stores.CACHE_DIR
    folder.mkdir()
    from relgraph.check.codec import encode_dataset

    (folder / key).write_bytes(b"\0" * 32 + encode_dataset(fake))  # well formed, not sealed by this user
    assert run(mini, "show", "Xi").stdout == expected


def test_an_entry_is_sealed_with_the_hmac_of_its_key_and_bytes(monkeypatch):
    """The seal is HMAC-SHA256 over key, NUL, bytes (fed in parts, so an entry is not copied to be
    checked); unseal gives the bytes back only while seal and key hold."""
    import hashlib
    import hmac

    monkeypatch.setattr(stores, "_secret", lambda: b"s" * 32)
    sealed = stores.seal("k1", b"entry bytes")
    assert sealed == hmac.new(b"s" * 32, b"k1\0entry bytes", hashlib.sha256).digest() + b"entry bytes"
    assert stores.unseal("k1", sealed) == b"entry bytes"
    assert stores.unseal("k2", sealed) is None  # another key's entry
    assert stores.unseal("k1", sealed[:-1] + b"S") is None  # bytes changed
    assert stores.unseal("k1", sealed[:31]) is None  # shorter than a seal


def test_a_tampered_file_entry_is_a_miss(mini, reliability):
    expected = run(mini, "--no-cache", "build", "--check").stdout
    assert run(mini, "check").exit_code == 0
    files = mini / stores.CACHE_DIR / stores.FILES_DIR
    (entry,) = [p for p in files.iterdir() if not p.name.startswith(".")]
    data = entry.read_bytes()
    entry.write_bytes(data.replace(b"Xi has yet to visit Kyiv.", b"Xi has now visited Kyiv."))
    assert run(mini, "build", "--check").stdout == expected
    assert runner.check_project(mini, cache=True) == runner.check_project(mini)
    reliability.record("Cache", "an entry edited to plant a quote its seed does not hold", 1,
                       "its HMAC seal fails; the file is validated again; the quote is refused")


def test_an_edit_during_a_run_is_not_stored_under_the_old_inputs(mini, monkeypatch):
    relations = mini / "graph" / "relations" / "leaders-meet.yaml"
    original = relations.read_text()
    real = runner.load_dataset

    def edit_while_loading(root, cache=False):
        dataset = real(root, cache)  # the old file was read…
        relations.write_text(original + "\n")  # …then the curator saves an edit, before the store
        return dataset

    monkeypatch.setattr(runner, "load_dataset", edit_while_loading)
    runner.cached_dataset(mini)
    monkeypatch.undo()
    assert not any(p.is_file() for p in (mini / stores.CACHE_DIR).iterdir())  # nothing stored for the old key
    relations.write_text(original)
    assert runner.cached_dataset(mini) == runner.load_dataset(mini)


# -- bounded work on any input --------------------------------------------------------------------
def test_deep_flow_nesting_is_refused_before_the_c_parser(mini, reliability):
    (mini / "graph" / "relations" / "deep.yaml").write_text("[" * 25_000 + "\n")
    result = relgraph(mini, "check")
    assert result.returncode == 1, result.returncode  # not -11 (SIGSEGV)
    assert "graph/relations/deep.yaml:1:42: error E004: nesting deeper than 40 levels\n" in result.stderr
    reliability.record("YAML input", "25,000 nested '[' (a 25 kB file)", 1, "one E004 where the composer would stop (the 42nd bracket); no segfault")


@pytest.mark.parametrize("where", ["graph/relations/fifo.yaml", "graph/entities.yaml"])
def test_a_fifo_among_the_inputs_is_refused_at_once(mini, where, reliability):
    target = mini / where
    target.unlink(missing_ok=True)
    os.mkfifo(target)
    result = relgraph(mini, "check", timeout=30)
    assert result.returncode == 1
    assert f"{where}: error E004: cannot read file: not a regular file\n" in result.stderr
    reliability.record("Inputs", "a FIFO as a relation file or as entities.yaml", 2, "E004 at once; no hang")


def test_a_link_to_dev_zero_is_refused(mini):
    target = mini / "graph" / "relations" / "zero.yaml"
    target.symlink_to("/dev/zero")
    result = relgraph(mini, "check", timeout=30)
    assert result.returncode == 1
    assert "graph/relations/zero.yaml: error E004: cannot read file: not a regular file\n" in result.stderr


def test_a_seed_linking_outside_the_project_is_refused(mini, tmp_path):
    outside = tmp_path / "outside.txt"
    shutil.copy(mini / "seeds" / "article.txt", outside)
    (mini / "seeds" / "article.txt").unlink()
    (mini / "seeds" / "article.txt").symlink_to(outside)
    result = run(mini, "--no-cache", "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "graph/sources.yaml:7:9: error E114: seed file seeds/article.txt is a link to a file outside seeds/; copy the article in")


@pytest.mark.parametrize("state", ["missing", "empty", "a file"])
def test_no_relation_files_is_an_error_and_output_is_kept(mini, state):
    folder = mini / "graph" / "relations"
    assert run(mini, "build").exit_code == 0
    before = {p.name: p.read_bytes() for p in (mini / "output").iterdir()}
    shutil.rmtree(folder)
    if state == "empty":
        folder.mkdir()
    elif state == "a file":
        folder.write_text("not a folder")
    result = run(mini, "build")
    assert result.exit_code == 1
    message = "is missing or not a folder" if state != "empty" else "holds no relation file (*.yaml)"
    assert f"graph/relations: error E122: graph/relations/ {message}" in result.stderr
    assert {p.name: p.read_bytes() for p in (mini / "output").iterdir()} == before


@pytest.mark.parametrize("name", ["leaders-meet.yml", "leaders-meet.YAML"])
def test_a_relation_file_not_named_yaml_is_an_error_not_a_graph_without_its_relations(mini, name):
    """It used to be skipped: check said ok (W202, its source had no relation) and the build
    published the graph without its relations."""
    assert run(mini, "show", "Xi").exit_code == 0  # the dataset cache holds the graph with the file
    (mini / "graph" / "relations" / "leaders-meet.yaml").rename(mini / "graph" / "relations" / name)
    expected = (f"graph/relations/{name}: error E123: relation files are named *.yaml and this one is not read: "
                "rename it to leaders-meet.yaml")
    for command in (["check"], ["build"], ["show", "Xi"]):  # show: the cached dataset is not served
        result = run(mini, *command)
        assert result.exit_code == 1, command
        assert expected in result.stderr.splitlines(), command


def test_hidden_files_in_the_relations_folder_are_not_relation_files(mini):
    (mini / "graph" / "relations" / ".leaders-meet.yaml.swp").write_text("an editor's")
    (mini / "graph" / "relations" / ".leaders-meet.yml").write_text("hidden")
    (mini / "graph" / "relations" / ".draft.yaml").write_text("relations: [")  # was read: E001
    os.symlink("curator@host.1234:1700000000", mini / "graph" / "relations" / ".#leaders-meet.yaml")  # Emacs's lock: E004
    result = run(mini, "check")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no E123, no W204, not read


def test_other_files_and_folders_in_the_relations_folder_are_said_not_to_be_read(mini):
    """A backup, a note or a subfolder of relations used to be skipped without a word."""
    assert run(mini, "check").stderr == ""  # what the cache holds is not served after the folder changed
    folder = mini / "graph" / "relations"
    (folder / "leaders-meet.yaml~").write_text("an editor's backup")
    (folder / "notes.txt").write_text("to do")
    (folder / "2024").mkdir()
    (folder / "2024" / "more.yaml").write_text("relations: []\n")
    (folder / "old.yaml").mkdir()  # named as a relation file: was read, and failed with E004 'not a regular file'
    (folder / "older.yml").mkdir()  # was E123, 'rename it to older.yaml'
    result = run(mini, "check")
    assert result.exit_code == 0, result.stderr
    unread = "is not read: relations are read from graph/relations/*.yaml only"
    assert [line for line in result.stderr.splitlines() if "W204" in line] == [
        f"graph/relations/2024: warning W204: this folder {unread}",
        f"graph/relations/leaders-meet.yaml~: warning W204: this file {unread}",
        f"graph/relations/notes.txt: warning W204: this file {unread}",
        f"graph/relations/old.yaml: warning W204: this folder {unread}",
        f"graph/relations/older.yml: warning W204: this folder {unread}",
    ]


@pytest.mark.parametrize("text", ["", "# to be read\n\n", "---\n"])
def test_an_empty_relation_file_is_an_error_as_an_empty_relations_list_is(mini, text):
    """A file truncated to nothing used to be accepted, its relations gone from the graph."""
    relations = mini / "graph" / "relations" / "leaders-meet.yaml"
    assert run(mini, "check").exit_code == 0  # its entry in the per-file cache is not served
    relations.write_text(text, encoding="utf-8")
    for _ in range(2):  # validated, then from the per-file cache
        result = run(mini, "check")
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-2:] == [
            "graph/relations/leaders-meet.yaml:1:1: error E102: relations file is empty: "
            "required fields 'source' and 'relations' are missing",
            "error: 1 error(s); nothing was built"]


# -- every input value in range or refused ----------------------------------------------------------
def test_year_zero_and_huge_numbers_are_located_errors(mini):
    relations = mini / "graph" / "relations" / "leaders-meet.yaml"
    edit(relations, "  date: '2024-05-16'\n", "  date: '0000'\n")
    edit(relations, "  quote: Xi has yet to visit Kyiv.\n",
         "  quote: Xi has yet to visit Kyiv.\n  figures:\n  - value: 1.0e+400\n    unit: USD\n    measure: x\n")
    result = relgraph(mini, "--no-cache", "check")
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "graph/relations/leaders-meet.yaml:7:9: error E111: invalid date: '0000' has no year 0: years start at 0001",
        "graph/relations/leaders-meet.yaml:22:12: error E106: field 'value' of figure must be a number below 1e+18 in size",
    ]
    assert "Traceback" not in result.stderr
    as_of = relgraph(ROOT, "path", "Xi", "Putin", "--as-of", "0000")
    assert as_of.returncode == 2 and "'0000' has no year 0" in as_of.stderr and "Traceback" not in as_of.stderr


# -- outputs that never clobber -----------------------------------------------------------------------
@pytest.mark.skipif(os.geteuid() != 0, reason="replacing /dev/null needs root, as the attack did")
def test_o_refuses_a_device(mini):
    result = relgraph(mini, "export", "--format", "ttl", "-o", "/dev/null")
    assert result.returncode == 1
    assert result.stderr == "error: /dev/null is not a regular file (a device or a FIFO); relgraph writes only regular files\n"
    assert Path("/dev/null").is_char_device()


def test_o_refuses_a_fifo_a_folder_and_a_link_and_dash_is_stdout(mini, tmp_path):
    fifo, folder, link = tmp_path / "fifo", tmp_path / "folder", tmp_path / "link.ttl"
    os.mkfifo(fifo)
    folder.mkdir()
    link.symlink_to(tmp_path / "real.ttl")
    assert relgraph(mini, "export", "--format", "ttl", "-o", str(fifo)).stderr == (
        f"error: {fifo} is not a regular file (a device or a FIFO); relgraph writes only regular files\n")
    assert relgraph(mini, "html", "-o", str(folder)).returncode != 0
    assert relgraph(mini, "export", "--format", "ttl", "-o", str(link)).stderr == (
        f"error: {link} is a symbolic link; give the path of the file itself\n")
    assert fifo.exists() and not Path(str(fifo)).is_file() and link.is_symlink()
    dash = relgraph(mini, "export", "--format", "ttl", "-o", "-")
    assert dash.returncode == 0 and dash.stdout.startswith("@prefix ")


def test_a_failed_rename_leaves_every_target_as_it_was(tmp_path, monkeypatch):
    from relgraph import atomic
    from relgraph.errors import OutputError

    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("old a")
    calls = []
    real = os.replace

    def failing(src, dst):
        calls.append(dst)
        if Path(dst) == second:
            raise PermissionError(1, "Operation not permitted")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing)
    with pytest.raises(OutputError, match=f"cannot write {second}: Operation not permitted; no file was changed"):
        atomic.replace_all({first: b"new a", second: b"new b"})
    monkeypatch.undo()
    assert first.read_text() == "old a" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no temporary file left


@pytest.mark.parametrize("moment", ["as the temporary file is made", "after it is staged"])
def test_a_ctrl_c_while_staging_leaves_no_temporary_file(tmp_path, monkeypatch, moment):
    """An interrupted build once left output/.graph.html.*.tmp: the Ctrl-C came after the file was
    made and before replace_all knew of it. Both moments, made to happen every time."""
    import signal
    import tempfile

    from relgraph import atomic

    target = tmp_path / "graph.html"
    target.write_text("old")
    if moment == "as the temporary file is made":
        real_mkstemp = tempfile.mkstemp

        def mkstemp_then_ctrl_c(*args, **kwargs):
            made = real_mkstemp(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGINT)  # held back until the file is recorded
            return made

        monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp_then_ctrl_c)
    else:
        real_stage = atomic._stage

        def stage_then_ctrl_c(*args):
            real_stage(*args)
            raise KeyboardInterrupt  # as a signal landing before the caller stores the returned path

        monkeypatch.setattr(atomic, "_stage", stage_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        atomic.replace_all({target: b"new"})
    with pytest.raises(KeyboardInterrupt):
        with atomic.staged_file(target):
            pass
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"] and target.read_text() == "old"


def test_a_second_ctrl_c_during_the_clean_up_leaves_no_temporary_file(tmp_path, monkeypatch):
    """The first Ctrl-C lands while the second of three files is staged; the second comes as the
    clean-up removes the first temporary file. Every temporary file is still removed, and the
    Ctrl-C is raised after the clean-up."""
    import signal

    from relgraph import atomic

    targets = [tmp_path / name for name in ("a.txt", "b.txt", "c.txt")]
    real_stage, real_unlink = atomic._stage, Path.unlink
    staged = []

    def stage_then_ctrl_c(*args):
        real_stage(*args)
        staged.append(args)
        if len(staged) == 2:
            raise KeyboardInterrupt

    def unlink_with_a_second_ctrl_c(self, *args, **kwargs):
        if self.name.endswith(".tmp") and not getattr(unlink_with_a_second_ctrl_c, "sent", False):
            unlink_with_a_second_ctrl_c.sent = True
            os.kill(os.getpid(), signal.SIGINT)
        return real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(atomic, "_stage", stage_then_ctrl_c)
    monkeypatch.setattr(Path, "unlink", unlink_with_a_second_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        atomic.replace_all({target: b"new" for target in targets})
    monkeypatch.undo()
    assert unlink_with_a_second_ctrl_c.sent is True
    assert list(tmp_path.iterdir()) == []  # no temporary file left, no target written


@pytest.mark.parametrize("moment", ["as the temporary file is made", "as the files are renamed"])
def test_a_ctrl_c_held_back_is_delivered_after_and_the_handlers_are_set_back(tmp_path, monkeypatch, moment):
    """A Ctrl-C while signals are held is raised when the block ends, and SIGINT and SIGTERM have
    their handlers as before. Another thread runs meanwhile, as numpy's OpenBLAS threads do in a
    build: when signals were held by the main thread's mask, that thread took the SIGINT and Python
    raised KeyboardInterrupt inside the block (the staged file was left behind)."""
    import signal
    import tempfile
    import threading

    from relgraph import atomic

    target = tmp_path / "graph.html"
    target.write_text("old")
    before = {held: signal.getsignal(held) for held in (signal.SIGINT, signal.SIGTERM)}
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    real_mkstemp, real_replace = tempfile.mkstemp, os.replace

    def mkstemp_then_ctrl_c(*args, **kwargs):
        made = real_mkstemp(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)
        return made

    def replace_then_ctrl_c(*args):
        real_replace(*args)
        os.kill(os.getpid(), signal.SIGINT)

    if moment == "as the temporary file is made":
        monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp_then_ctrl_c)
    else:
        monkeypatch.setattr(atomic.os, "replace", replace_then_ctrl_c)
    try:
        with pytest.raises(KeyboardInterrupt):
            atomic.replace_all({target: b"new"})
    finally:
        monkeypatch.undo()
        stop.set()
    assert {held: signal.getsignal(held) for held in before} == before
    assert not {signal.SIGINT, signal.SIGTERM} & signal.pthread_sigmask(signal.SIG_BLOCK, ())
    expected = "old" if moment == "as the temporary file is made" else "new"  # renamed: all new
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"] and target.read_text() == expected


def test_a_build_removes_an_interrupted_builds_leftovers(mini):
    assert run(mini, "build").exit_code == 0
    (mini / "output" / ".graph.ttl.x1y2.tmp").write_text("half")
    edit(mini / "graph" / "relations" / "leaders-meet.yaml", "  date: '2024-05-16'\n", "  date: '2024-05-15'\n")
    assert run(mini, "build").exit_code == 0
    assert sorted(p.name for p in (mini / "output").iterdir()) == ["graph.html", "graph.ttl"]


def test_csv_folder_export_is_all_or_nothing(mini, tmp_path):
    target = tmp_path / "csv"
    target.mkdir()
    os.mkfifo(target / "edges.csv")
    result = relgraph(mini, "export", "--format", "csv", "-o", str(target))
    assert result.returncode == 1
    assert sorted(p.name for p in target.iterdir()) == ["edges.csv"]  # nodes.csv was not written alone


def test_path_all_is_bounded(tmp_path):
    """A ladder of 2 x 12 actors has 2^12 shortest paths from end to end: refused with advice, at once."""
    import networkx as nx

    from relgraph.ask import paths

    ladder = nx.MultiDiGraph()
    for level in range(12):
        for a in (f"a{level}", f"b{level}"):
            for b in (f"a{level + 1}", f"b{level + 1}"):
                ladder.add_edge(a, b, key=f"{a}-{b}", symmetric=False)
    with pytest.raises(paths.TooManyPaths, match="more than 100 shortest paths; narrow them with --only or --exclude, or ask for -k K"):
        paths.all_shortest(ladder, "a0", "a12", directed=False)
    assert len(paths.all_shortest(ladder.subgraph([f"{c}{i}" for i in range(5) for c in "ab"]).copy(), "a0", "a4", False)) == 8  # 2 choices at each of 3 middle levels


# -- name suggestions bounded (issue 18: 20,000 misspelt names took 42 s) --------------------------
def test_name_suggestions_are_bounded_in_count_length_and_candidates(reliability):
    import random
    import string
    import time

    from relgraph.model import names

    rng = random.Random(18)
    index = names.NameIndex()
    for i in range(20_000):
        index.add(f"e{i}", ["".join(rng.choices(string.ascii_lowercase + " ", k=rng.randint(5, 30)))])
    index.add("xi-jinping", ["Xi Jinping"])
    unknown = ["".join(rng.choices(string.ascii_lowercase, k=12)) for _ in range(3_000)]
    started = time.perf_counter()
    answers = [index.suggest(word) for word in unknown]
    elapsed = time.perf_counter() - started
    # Unbounded, each of these took about 84 ms (20,000 names compared in full): over 4 minutes.
    assert elapsed < 30, elapsed
    assert answers[names.SUGGESTION_BUDGET:] == [None] * (len(unknown) - names.SUGGESTION_BUDGET)
    assert index.suggest(unknown[0]) == answers[0]  # an unknown name seen before keeps its answer
    started = time.perf_counter()
    assert index.suggest("x" * 1_000_000) is None and names.close_match("y" * 1_000_000, ["y"]) is None
    assert time.perf_counter() - started < 1
    reliability.record("Bounded work", "3,000 distinct unknown names against 20,000 known, and a 1 MB name", 2,
                       "suggestions for the first 1,000 (each against the 300 names sharing most trigrams), none after; "
                       "none for a name over 200 characters")


def test_a_small_index_still_suggests_exactly():
    from relgraph.model import names

    index = names.NameIndex()
    index.add("xi-jinping", ["Xi Jinping", "Xi"])
    index.add("vladimir-putin", ["Vladimir Putin", "Putin"])
    assert (index.suggest("Xi Jingping"), index.suggest("Puttin"), index.suggest("Zelensky")) == ("Xi Jinping", "Putin", None)
    big = names.NameIndex()
    for i in range(names.CANDIDATES + 50):
        big.add(f"e{i}", [f"filler name {i:04d} qqq"])
    big.add("xi-jinping", ["Xi Jinping"])
    assert big.suggest("Xi Jingping") == "Xi Jinping"  # found among the trigram candidates


def test_many_misspelt_names_in_a_relation_file_are_reported_quickly(mini):
    lines = ["source: leaders-meet", "relations:"]
    for i in range(2_000):
        lines += [f"- subject: Putinn{i}", "  predicate: meets", "  object: Xi",
                  "  quote: where he met Chinese President Xi Jinping"]
    (mini / "graph" / "relations" / "leaders-meet.yaml").write_text("\n".join(lines) + "\n")
    result = relgraph(mini, "check", timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if " error E103: " in line]
    assert len(errors) == 2_000
    assert errors[0].startswith("graph/relations/leaders-meet.yaml:3:12: error E103: unknown entity 'Putinn0'")


# -- the A-B-A race: an edit and its undo within the clock's granularity ----------------------------
def test_an_edit_and_its_undo_with_the_same_size_and_mtime_are_never_served_stale(mini, reliability):
    """Entries are keyed by the bytes read, never by size or mtime: a file edited (B) and reverted
    (A) with its size and mtime_ns put back, as an editor within one clock tick would leave it, gives
    B's result and then A's again, on the per-file cache (check) and the dataset cache (export)."""
    relations = mini / "graph" / "relations" / "leaders-meet.yaml"
    a = relations.read_bytes()
    b = a.replace(b"subject: Putin\n  predicate: meets", b"subject: Putln\n  predicate: meets")
    assert len(a) == len(b) and a != b
    stamp = relations.stat().st_mtime_ns

    def save(data: bytes) -> None:
        relations.write_bytes(data)
        os.utime(relations, ns=(stamp, stamp))

    def edges() -> list[str]:
        result = relgraph(mini, "export", "--format", "json")
        return sorted(e["source"] for e in __import__("json").loads(result.stdout)["edges"]) if result.returncode == 0 else []

    seen = []
    for data in (a, b, a, b, a):
        save(data)
        check, exported = relgraph(mini, "check"), edges()
        seen.append((check.returncode, "unknown entity 'Putln'" in check.stderr, exported.count("vladimir-putin")))
    good, bad = (0, False, seen[0][2]), (1, True, 0)
    assert seen[0][2] > 0 and seen == [good, bad, good, bad, good], seen
    reliability.record("Cache", "a relation file edited and reverted with its size and mtime put back (A-B-A-B-A)", 5,
                       "every run gives the result of the bytes on disk (check and export); no stale entry served")


# -- Ctrl-C: a real SIGINT to a real process -------------------------------------------------------
OFFSETS = (0.0, 0.05, 0.1, 0.2, 0.4, 0.8)  # seconds after the CLI module is imported: into the run and its writes


def import_time() -> float:
    """How long a fresh interpreter takes to import relgraph.cli here and now (the machine is shared).

    A SIGINT before that point lands in Python's own start-up or in `import relgraph`, before any
    relgraph code can catch it: Python's own behaviour then (a KeyboardInterrupt, death by SIGINT)."""
    import time

    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import relgraph.cli"], check=True)
    return time.perf_counter() - started


@pytest.mark.parametrize("command", ["check", "build"])
def test_ctrl_c_exits_130_quietly_and_never_leaves_output_half_written(tmp_path, command, reliability):
    """The real graph (slow enough to be caught mid-run), without the cache; SIGINT at several moments.
    Every run ends with 0 (it had finished) or 130 and one 'interrupted' line, never a traceback;
    output/ holds either both old files or both new ones, and no temp file."""
    import signal
    import time

    project = tmp_path / "project"
    for part in ("graph", "seeds"):
        shutil.copytree(ROOT / part, project / part)
    (project / "output").mkdir()
    if command == "check":  # four copies of every relation file: a run long enough to be caught (it exits 1: duplicates)
        for path in sorted((project / "graph" / "relations").glob("*.yaml")):
            for copy in range(3):
                shutil.copy(path, path.with_name(f"{path.stem}-copy{copy}.yaml"))
    finished = {"check": (0, 1), "build": (0,)}[command]
    old = {"graph.html": "old page", "graph.ttl": "old turtle"}
    outcomes = []
    ready = import_time()
    for delay in (1.2 * ready + 0.05 + offset for offset in OFFSETS):  # margin: the child may start slower
        for name, text in old.items():
            (project / "output" / name).write_text(text)
        child = subprocess.Popen([sys.executable, "-m", "relgraph.console", "-C", str(project), "--no-cache", command],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        _, stderr = child.communicate(timeout=120)
        assert "Traceback" not in stderr, stderr
        # 130: relgraph's own exit; -2: Python re-raising SIGINT on its way out (a shell shows 130 too)
        assert child.returncode in (*finished, 130, -2), (delay, child.returncode, stderr)
        if child.returncode in (130, -2):
            assert stderr.splitlines()[-1:] in (["interrupted"], []), stderr
        files = {p.name: p.read_text() for p in (project / "output").iterdir()}
        assert sorted(files) == sorted(old), files  # no .tmp left, nothing missing
        unchanged = [files[name] == text for name, text in old.items()]
        assert all(unchanged) or not any(unchanged), (delay, unchanged)  # both old or both new
        outcomes.append(child.returncode)
    assert {130, -2} & set(outcomes), outcomes  # the signal did land mid-run at least once
    reliability.record("Signals", f"SIGINT to `{command}` at {len(OFFSETS)} moments from the CLI's import to 0.8 s later", len(OFFSETS),
                       "exit 130 with one 'interrupted' line (or its normal exit when done); no traceback; output/ both old or both new, no temp file")


# -- values out of range or of the wrong kind, found by tests/test_fuzz.py ------------------------
@pytest.mark.parametrize("command", ["check", "fmt"])
def test_an_integer_too_long_for_python_is_a_located_error(mini, command):
    """A figure of 5,000 digits crashed `fmt` (str() of an int over 4,300 digits raises) and passed
    the fast path as a number; now both YAML paths refuse it where it stands."""
    edit(mini / "graph" / "relations" / "leaders-meet.yaml", "  date: '2024-05-16'\n",
         "  date: '2024-05-16'\n  figures:\n  - value: " + "9" * 5000 + "\n    unit: visits\n    measure: visits\n")
    result = CliRunner().invoke(main, ["-C", str(mini), command, *(["--check"] if command == "fmt" else [])])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1
    summary = {"check": "error: 1 error(s); nothing was built", "fmt": "error: fix the errors above; nothing was rewritten"}
    assert result.stderr.splitlines() == [  # one error: no follow-on "required field 'value' is empty"
        "graph/relations/leaders-meet.yaml:9:12: error E106: a number of 5,000 characters is too long; quote it if it is text",
        summary[command]]


def test_a_value_with_line_breaks_stays_on_its_diagnostics_line(mini):
    """A block scalar quoted in a message printed a diagnostic over several lines, the later ones unlocated."""
    edit(mini / "graph" / "relations" / "leaders-meet.yaml", "source: leaders-meet\n",
         "source: leaders-meet\nreviewed: |\n  a block\n  of text\n")
    result = run(mini, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "graph/relations/leaders-meet.yaml:2:11: error E107: 'a block\\nof text\\n' is not an allowed reviewed; "
        "allowed: second-reading",
        "error: 1 error(s); nothing was built"]


def test_a_bad_coverage_ignore_file_gives_located_errors(mini):
    """A non-text name in coverage-ignore.yaml crashed `coverage` with a traceback (exit 1 unlocated before)."""
    (mini / "graph" / "coverage-ignore.yaml").write_text(
        "- name: 123\n  reason: a number\n- name: [a]\n- 7\n- name: Example News\n  reason: the publisher\n", encoding="utf-8")
    result = run(mini, "coverage")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "graph/coverage-ignore.yaml:1:9: error E106: field 'name' of ignored name must be text (put it in quotes), got a number",
        "graph/coverage-ignore.yaml:3:3: error E102: required field 'reason' is missing in ignored name",
        "graph/coverage-ignore.yaml:3:9: error E106: field 'name' of ignored name must be text (put it in quotes), got a list",
        "graph/coverage-ignore.yaml:4:3: error E106: an ignored name must be a mapping, got a number",
        "error: 4 error(s) in the data"]
    (mini / "graph" / "coverage-ignore.yaml").write_text("- name: Example News\n  reason: the publisher\n", encoding="utf-8")
    assert run(mini, "coverage").exit_code == 0


# -- Ctrl-C while Python starts and relgraph loads ------------------------------------------------
STARTUP_DELAYS_MS = (1, 5, 20, 50, 100, 200)
SCRIPT_FRAME = re.compile(r'^  File "(?P<file>[^"]+)", line \d+, in <module>\n    (?P<line>.*)$', re.M)


def pythons_own_startup(stderr: str, script: Path) -> bool:
    """Whether a traceback is wholly Python's start-up, before any line of relgraph ran: its `site`
    import, the console script's `import re` and `import sys`, or the import system still finding
    and loading the entry module (only frozen importlib frames below `from relgraph.console ...`)."""
    frames = re.findall(r'^  File "([^"]+)"', stderr, re.M)
    if any("/relgraph/" in frame for frame in frames):  # a file of the package was running
        return False
    script_lines = {"import re", "import sys", "from relgraph.console import run"}
    return all(match["line"] in script_lines for match in SCRIPT_FRAME.finditer(stderr) if match["file"] == str(script))


def test_ctrl_c_while_the_program_starts_never_shows_relgraphs_traceback(mini, reliability):
    """The console script (relgraph.console) installs its handler before anything heavy loads: a
    Ctrl-C while click, the CLI and the library load (about 0.1 s) printed a KeyboardInterrupt
    traceback; now 130 and one 'interrupted' line. Earlier, Python's own start-up: before its handler
    exists, death by SIGINT (-2); in its `site` import, the script's `import re` and while its import
    system loads relgraph.console (about 10 ms here), its own traceback, which no line of relgraph can
    catch (pythons_own_startup tells those apart); while it compiles the script, a bare
    KeyboardInterrupt line and exit 1."""
    import signal
    import time

    script = Path(sys.executable).parent / "relgraph"
    assert script.exists(), "the console script is installed with the package (make graph)"
    assert "from relgraph.console import run" in script.read_text(encoding="utf-8")
    for delay in STARTUP_DELAYS_MS:
        for _ in range(3):
            child = subprocess.Popen([str(script), "-C", str(mini), "--no-cache", "check"],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(delay / 1000)
            child.send_signal(signal.SIGINT)
            _, stderr = child.communicate(timeout=60)
            if (child.returncode, stderr) == (1, "KeyboardInterrupt\n"):
                # Raised with no frame at all, so no line of Python (relgraph's or the script's) was
                # running, and exit 1: CPython's Py_RunMain exits by SIGINT only for a KeyboardInterrupt
                # out of the script's own evaluation, so this one came before it, while Python read
                # and compiled the script (seen once in four runs, at 20 ms, on a busy machine)
                continue
            if "Traceback" in stderr:
                assert pythons_own_startup(stderr, script), (delay, stderr)
                continue
            assert child.returncode in (0, 130, -signal.SIGINT), (delay, child.returncode, stderr)
            if child.returncode == 130:
                assert stderr.splitlines() == ["interrupted"], (delay, stderr)
    reliability.record("Signals", "SIGINT to the `relgraph` program 1, 5, 20, 50, 100 and 200 ms after spawning `check`, "
                       "3 times each", len(STARTUP_DELAYS_MS) * 3,
                       "exit 130 with one 'interrupted' line, death by SIGINT before Python has its handler, or the "
                       "normal exit; no traceback from relgraph's code (Python's own, while it imports `site`, `re` "
                       "and the entry module's file, is out of its reach)")


def test_pieces_are_written_and_compared_as_the_bytes_they_join(tmp_path):
    """graph.ttl from the chunk cache comes as Pieces (not joined: at 1M relations a second 1.5 GB
    copy); staging writes their bytes, and comparing with a file or bytes reads them piece by piece."""
    from relgraph.atomic import Pieces, replace_all, same_as_file

    data = b"@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n"
    pieces = Pieces([data[:10], memoryview(data)[10:30], b"", data[30:]])
    assert (len(pieces), bytes(pieces)) == (len(data), data)
    assert pieces == data and data == pieces and not pieces != data
    assert pieces != data[:-1] and pieces != data + b"x" and pieces != data.replace(b"ex:c", b"ex:d")
    target = tmp_path / "graph.ttl"
    assert not same_as_file(target, pieces)  # no file yet
    replace_all({target: pieces})
    assert target.read_bytes() == data and same_as_file(target, pieces) and same_as_file(target, data)
    target.write_bytes(data + b"# more\n")
    assert not same_as_file(target, pieces)
    target.write_bytes(data.replace(b"ex:c", b"ex:d"))
    assert not same_as_file(target, pieces)
