"""The build never leaves a half-written output/: failures, interruptions and concurrent builds."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import edit, run

BUILD = [sys.executable, "-c", "import sys; from relgraph.cli import main; main(sys.argv[1:])"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def test_build_writes_outputs_and_check_reports_fresh(mini):
    result = run(mini, "build")
    assert result.exit_code == 0
    assert result.stdout == "wrote output/graph.html\nwrote output/graph.ttl\n"
    assert run(mini, "build", "--check").stdout == "output/ is up to date\n"
    assert run(mini, "build").stdout == "output/ is up to date\n"


def test_build_check_names_stale_files(mini):
    run(mini, "build")
    edit(mini / "graph" / "entities.yaml", "description: Capital of Ukraine.", "description: The capital of Ukraine.")
    result = run(mini, "build", "--check")
    assert result.exit_code == 1
    assert result.stderr == ("stale: output/graph.html\nstale: output/graph.ttl\n"
                             "error: output/ is stale; run 'relgraph build' and commit output/\n")


def test_failed_build_leaves_output_untouched(mini, reliability):
    run(mini, "build")
    before = snapshot(mini / "output")
    edit(mini / "graph" / "relations" / "leaders-meet.yaml", "subject: Putin", "subject: Pution")
    result = run(mini, "build")
    assert result.exit_code == 1
    assert "error E103: unknown entity 'Pution'" in result.stderr
    assert snapshot(mini / "output") == before
    reliability.record("Outputs", "a build of bad data", 1, "exit 1; output/ byte-identical to before")


def test_interrupted_build_leaves_old_or_new_output(mini, reliability):
    run(mini, "build")
    before = snapshot(mini / "output")
    edit(mini / "graph" / "entities.yaml", "description: Capital of Ukraine.", "description: The capital of Ukraine.")
    run(mini, "build", "--check")
    outcomes = set()
    for delay in (0.05, 0.2, 0.4, 0.6, 0.8, 1.0, 1.5):
        (mini / "output").mkdir(exist_ok=True)
        for name, data in before.items():
            (mini / "output" / name).write_bytes(data)
        process = subprocess.Popen([*BUILD, "-C", str(mini), "build"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        after = snapshot(mini / "output")
        assert not [n for n in after if n.endswith(".tmp")], "a temporary file was left behind"
        if after == before:
            outcomes.add("old")
        else:
            assert all(after[n] != before[n] for n in before), "some files new, some old"
            outcomes.add("new")
    assert "old" in outcomes  # the signal did land mid-build at least once
    reliability.record("Outputs", "SIGINT sent to a running build at 7 moments (0.05 s to 1.5 s)", 7,
                       "output/ all old or all new every time; no temporary file left")


def test_two_builds_at_once_do_not_interleave(mini, reliability):
    reliability.record("Outputs", "a second build while one holds output/", 1, "refused with a clear message; no interleaving")
    import fcntl

    (mini / "output").mkdir(exist_ok=True)
    fd = os.open(mini / "output", os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        result = run(mini, "build")
        assert result.exit_code == 1
        assert "another build is writing" in result.stderr
    finally:
        os.close(fd)
    assert run(mini, "build").exit_code == 0


def test_unwritable_output_is_a_clear_error(mini, tmp_path):
    target = tmp_path / "not-a-folder"
    target.write_text("a file", encoding="utf-8")
    result = run(mini, "export", "--format", "csv", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_build_timings_name_each_phase_and_change_nothing(mini):
    """`timings` (what bench/run.py reports as where a build's time goes) has one entry a phase, and
    the files are those of a build without it."""
    from relgraph.pipeline import build

    cold: dict[str, float] = {}
    assert build(mini, timings=cold) == ["output/graph.html", "output/graph.ttl"]
    written = snapshot(mini / "output")
    assert list(cold) == ["check", "render graph.html", "render graph.ttl", "compare with output/", "write"]
    warm: dict[str, float] = {}
    assert build(mini, cache=True, timings=warm) == []  # fills the cache; output/ is already up to date
    assert build(mini, cache=True, timings=warm) == []
    assert list(warm) == ["check", "render graph.html", "render graph.ttl", "drop unused cache entries",
                          "compare with output/", "write"]
    assert all(seconds >= 0 for seconds in [*cold.values(), *warm.values()])
    assert snapshot(mini / "output") == written
