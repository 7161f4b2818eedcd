"""`relgraph coverage` on the real data meets the curation goals; its rules on small cases."""
from __future__ import annotations

from conftest import ROOT, run
from relgraph.check.coverage import candidate_names, is_substantive


def test_real_data_meets_coverage_goals():
    result = run(ROOT, "coverage", "--check")
    assert result.exit_code == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["source", "relations", "paragraphs", "covered", "share", "candidate", "misses"]
    assert len(lines) == 7
    assert all(line.rstrip().endswith("-") for line in lines[1:])


def test_substantive_paragraphs():
    names = {"china": "china", "russia": "russia"}
    assert is_substantive("China and Russia have doubled down on their partnership in recent weeks, analysts say.", "", names)
    assert not is_substantive("China has doubled down on its partnership in recent weeks, analysts say today.", "", names)
    assert not is_substantive("  • Russian warship armed with hypersonic missiles to train with Chinese and South African navies", "", None)
    assert not is_substantive("Short caption.", "", None)


def test_candidate_names_skip_sentence_openers_and_split_sentences():
    assert candidate_names("However, Wang Yi met Nikolai Patrushev. Such talks with U.S. President Biden matter.") == {
        "Wang Yi", "Nikolai Patrushev", "U.S. President Biden"}


def test_candidate_miss_and_uncovered_paragraph_are_reported(mini):
    import hashlib

    seed = mini / "seeds" / "article.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nPutin and Xi Jinping later spoke with German Chancellor Olaf Scholz about the war.\n", encoding="utf-8")
    sources = mini / "graph" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    old = text.split("sha256: ")[1].split()[0]
    sources.write_text(text.replace(old, hashlib.sha256(seed.read_bytes()).hexdigest()).replace("last_line: 7", "last_line: 9"), encoding="utf-8")
    result = run(mini, "coverage", "--check", "--uncovered")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1].split(None, 4) == ["leaders-meet", "4", "1/2", "50%", "German Chancellor Olaf Scholz"]
    assert result.stdout.splitlines()[2] == (
        "leaders-meet: not covered: Putin and Xi Jinping later spoke with German Chancellor Olaf Scholz about the war.")
    assert result.stderr == "error: coverage goals not met for: leaders-meet\n"
