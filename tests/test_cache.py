"""The dataset cache of quick commands never serves a stale graph."""
from __future__ import annotations

from conftest import edit, run
from relgraph.cache import CACHE_DIR, cached_dataset


def test_cache_is_used_and_refreshed_on_any_edit(mini):
    first = cached_dataset(mini)
    assert len(list((mini / CACHE_DIR).glob("dataset-*.pickle"))) == 1
    assert cached_dataset(mini) == first
    edit(mini / "graph" / "entities.yaml", "description: Capital of China.", "description: The capital of China.")
    second = cached_dataset(mini)
    assert second.entities["beijing"].description == "The capital of China."
    assert len(list((mini / CACHE_DIR).glob("dataset-*.pickle"))) == 1


def test_bad_data_is_never_served_from_cache(mini):
    assert run(mini, "show", "Putin").exit_code == 0
    edit(mini / "graph" / "relations" / "leaders-meet.yaml", "subject: Putin", "subject: Pution")
    result = run(mini, "show", "Putin")
    assert result.exit_code == 1
    assert "error E103: unknown entity 'Pution'" in result.stderr


def test_corrupt_cache_is_a_miss(mini):
    cached_dataset(mini)
    for path in (mini / CACHE_DIR).glob("dataset-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert run(mini, "show", "Xi", "--format", "json").exit_code == 0
