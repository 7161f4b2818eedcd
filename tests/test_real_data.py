"""The repository's own data and generated files: valid, canonical, fresh."""
from __future__ import annotations

from conftest import ROOT, run
from relgraph.check.runner import load_dataset


def test_check_passes_on_real_graph_without_warnings():
    result = run(ROOT, "check")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("ok: ")


def test_real_graph_meets_curation_scale():
    dataset = load_dataset(ROOT)
    assert len(dataset.relations) >= 180
    assert len(dataset.entities) >= 90
    assert {r.source for r in dataset.relations} == set(dataset.sources)


def test_data_is_canonical():
    result = run(ROOT, "fmt", "--check")
    assert result.exit_code == 0, f"run 'relgraph fmt' to fix:\n{result.stdout}{result.stderr}"


def test_generated_docs_are_fresh():
    result = run(ROOT, "docs", "--check")
    assert result.exit_code == 0, f"run 'relgraph docs' to fix:\n{result.stdout}{result.stderr}"


def test_committed_output_is_fresh():
    result = run(ROOT, "build", "--check")
    assert result.exit_code == 0, f"run 'make graph' and commit output/:\n{result.stderr}"


def test_seeds_are_byte_identical_to_shared_copy():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        import pytest

        pytest.skip("../shared/seeds is not beside this checkout")
    for seed in shared.iterdir():
        assert (ROOT / "seeds" / seed.name).read_bytes() == seed.read_bytes(), seed.name
