"""The dataset cache of quick commands never serves a stale graph."""
from __future__ import annotations

from conftest import edit, run
from relgraph.check.cache import CACHE_DIR
from relgraph.check.runner import cached_dataset


def dataset_entries(root):
    return [p for p in (root / CACHE_DIR).iterdir() if p.is_file() and len(p.name) == 64]


def test_cache_is_used_and_refreshed_on_any_edit(mini):
    first = cached_dataset(mini)
    assert len(dataset_entries(mini)) == 1
    assert cached_dataset(mini) == first
    edit(mini / "graph" / "entities.yaml", "description: Capital of China.", "description: The capital of China.")
    second = cached_dataset(mini)
    assert second.entities["beijing"].description == "The capital of China."
    assert len(dataset_entries(mini)) == 1


def test_bad_data_is_never_served_from_cache(mini):
    assert run(mini, "show", "Putin").exit_code == 0
    edit(mini / "graph" / "relations" / "leaders-meet.yaml", "subject: Putin", "subject: Pution")
    result = run(mini, "show", "Putin")
    assert result.exit_code == 1
    assert "error E103: unknown entity 'Pution'" in result.stderr


def test_corrupt_cache_is_a_miss(mini):
    cached_dataset(mini)
    for path in dataset_entries(mini):
        path.write_bytes(b"not an entry")
    assert run(mini, "show", "Xi", "--format", "json").exit_code == 0


# -- the per-file cache of validated relations -------------------------------------------------
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

import relgraph.check.rules as validate  # noqa: E402
import relgraph.check.runner as runner  # noqa: E402
import relgraph.read.yamlfile as yamlfile  # noqa: E402
from conftest import ROOT  # noqa: E402
from relgraph.check.cache import FILES_DIR  # noqa: E402
from relgraph.check.runner import check_project  # noqa: E402


@pytest.fixture
def parsed_files(monkeypatch):
    """The relation files parsed during a test (the per-file cache should spare the others)."""
    seen: list[str] = []
    real = yamlfile.parse_file

    def spy(path, file, *args, **kwargs):
        if file.startswith("graph/relations/"):
            seen.append(file)
        return real(path, file, *args, **kwargs)

    monkeypatch.setattr(validate, "parse_file", spy)
    return seen


@pytest.fixture
def real_copy(tmp_path) -> Path:
    target = tmp_path / "real"
    for part in ("graph", "seeds"):
        shutil.copytree(ROOT / part, target / part)
    return target


def test_after_one_edit_only_that_file_is_parsed_again(real_copy, parsed_files):
    cold, cold_diagnostics = check_project(real_copy, cache=True)
    files = sorted(f"graph/relations/{p.name}" for p in (real_copy / "graph" / "relations").glob("*.yaml"))
    assert sorted(parsed_files) == files and len(files) > 1
    parsed_files.clear()
    warm, warm_diagnostics = check_project(real_copy, cache=True)
    assert parsed_files == []
    assert (warm, warm_diagnostics) == (cold, cold_diagnostics)
    assert [str(r.position) for r in warm.relations] == [str(r.position) for r in cold.relations]
    edited = real_copy / files[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("note:", "note: (edited)", 1), encoding="utf-8")
    parsed_files.clear()
    incremental, diagnostics = check_project(real_copy, cache=True)
    assert parsed_files == [files[0]]
    assert (incremental, diagnostics) == check_project(real_copy)  # the same as with no cache at all
    assert len(list((real_copy / ".relgraph-cache" / FILES_DIR).iterdir())) == len(files)  # the old entry went


def test_an_edit_to_the_entities_misses_every_file(real_copy, parsed_files):
    check_project(real_copy, cache=True)
    entities = real_copy / "graph" / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    parsed_files.clear()
    check_project(real_copy, cache=True)
    assert len(parsed_files) == len(list((real_copy / "graph" / "relations").glob("*.yaml")))


def test_errors_come_back_from_the_cache_exactly(mini):
    edit(mini / "graph" / "relations" / "leaders-meet.yaml", "subject: Putin", "subject: Pution")
    first = check_project(mini, cache=True)
    second = check_project(mini, cache=True)
    assert first == second == check_project(mini)
    assert any(d.code == "E103" and d.position.line > 0 for d in second[1])


def test_a_duplicate_across_files_is_found_with_files_from_the_cache(real_copy):
    check_project(real_copy, cache=True)
    files = sorted((real_copy / "graph" / "relations").glob("*.yaml"))
    copy = real_copy / "graph" / "relations" / "zz-copy.yaml"
    copy.write_bytes(files[0].read_bytes())
    with_cache = check_project(real_copy, cache=True)
    assert with_cache == check_project(real_copy)
    duplicates = [d for d in with_cache[1] if d.code == "E116"]
    assert duplicates and all(d.position.file == "graph/relations/zz-copy.yaml" for d in duplicates)
    assert f"as graph/relations/{files[0].name}:" in duplicates[0].message  # located in the cached file


def test_a_corrupt_entry_is_a_miss(real_copy):
    expected = check_project(real_copy, cache=True)
    for entry in (real_copy / ".relgraph-cache" / FILES_DIR).iterdir():
        entry.write_bytes(entry.read_bytes()[:20])
    assert check_project(real_copy, cache=True) == expected


@pytest.mark.parametrize("broken", [False, True])
@pytest.mark.parametrize("summary", [False, True])
def test_the_forked_worker_gives_what_one_process_gives(real_copy, monkeypatch, broken, summary):
    if broken:
        edit(real_copy / "graph" / "relations" / sorted(p.name for p in (real_copy / "graph" / "relations").glob("*.yaml"))[-1],
             "subject:", "subjekt:")
    one_process = check_project(real_copy, summary=summary)
    monkeypatch.setattr(runner, "PARALLEL_FILES", 2)
    workers = []
    real_collect = runner.collect_worker

    def spy(validator, worker, files, summary):
        workers.append((worker, files))
        return real_collect(validator, worker, files, summary)

    monkeypatch.setattr(runner, "collect_worker", spy)
    forked = check_project(real_copy, summary=summary)
    assert len(workers) == 1 and workers[0][0] is not None and len(workers[0][1]) >= 2  # it really forked
    assert forked == one_process
    if not summary:
        assert [str(r.position) for r in (forked[0].relations if forked[0] else [])] == \
            [str(r.position) for r in (one_process[0].relations if one_process[0] else [])]
    # The worker's bytes go into the cache as they came: a run from the cache gives the same answer.
    check_project(real_copy, cache=True, summary=summary)
    monkeypatch.setattr(runner, "PARALLEL_FILES", 10**9)
    assert check_project(real_copy, cache=True) == check_project(real_copy)


def test_a_failing_worker_leaves_its_files_to_the_main_process(real_copy, monkeypatch):
    expected = check_project(real_copy)
    monkeypatch.setattr(runner, "PARALLEL_FILES", 2)

    def broken(*args):
        raise RuntimeError("worker dies")

    monkeypatch.setattr(runner, "encode_file_result", broken)
    assert check_project(real_copy) == expected


def test_an_entry_larger_than_the_inputs_cap_is_still_read(tmp_path):
    """Entries are the cache's own sealed bytes: the 50 MB cap on inputs (read/files.py) made the
    vocabulary of the 1M-relation corpus (79 MB) a miss on every run."""
    from relgraph.check import cache
    from relgraph.read.files import MAX_INPUT_BYTES

    data = b"v" * (MAX_INPUT_BYTES + 1)
    cache.write_entry(tmp_path, "ab" * 32, data)
    assert cache.read_entry(tmp_path, "ab" * 32) == data
