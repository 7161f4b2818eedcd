"""`relgraph coverage` on the real data meets the curation goals; its rules on small cases."""
from __future__ import annotations

from conftest import ROOT, run
from relgraph.check.coverage import candidate_names, is_substantive


def test_real_data_meets_coverage_goals():
    result = run(ROOT, "coverage", "--check")
    assert result.exit_code == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["source", "relations", "quoted", "read", "substantive", "share", "candidate", "misses"]
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


def with_paragraphs(mini, *added: str):
    """mini with paragraphs added to its article (its sha256 and last line updated)."""
    import hashlib

    seed = mini / "seeds" / "article.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "".join(f"\n{p}\n" for p in added), encoding="utf-8")
    sources = mini / "graph" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    old = text.split("sha256: ")[1].split()[0]
    last = 7 + 2 * len(added)
    sources.write_text(text.replace(old, hashlib.sha256(seed.read_bytes()).hexdigest()).replace("last_line: 7", f"last_line: {last}"), encoding="utf-8")
    return mini


SCHOLZ = "Putin and Xi Jinping later spoke with German Chancellor Olaf Scholz about the war."
OPINION = "Putin and Xi Jinping know that the whole world is watching them, as it has for years now."


def test_candidate_miss_and_uncovered_paragraph_are_reported(mini):
    with_paragraphs(mini, SCHOLZ)
    result = run(mini, "coverage", "--check", "--uncovered")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1].split(None, 6) == ["leaders-meet", "4", "1", "0", "2", "50%", "German Chancellor Olaf Scholz"]
    assert result.stdout.splitlines()[2] == (
        "leaders-meet: not covered: Putin and Xi Jinping later spoke with German Chancellor Olaf Scholz about the war.")
    assert result.stderr == "error: coverage goals not met for: leaders-meet\n"


def test_a_read_paragraph_counts_towards_the_share(mini):
    with_paragraphs(mini, OPINION)
    assert run(mini, "coverage", "--check").exit_code == 1
    (mini / "graph" / "coverage-paragraphs.yaml").write_text(
        "- source: leaders-meet\n  paragraph: know that the whole world is watching them\n"
        "  reason: the author's remark; no actor does anything to another\n", encoding="utf-8")
    result = run(mini, "coverage", "--check", "--uncovered")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        "source        relations  quoted  read  substantive  share  candidate misses",
        "leaders-meet  4          1       1     2            100%   -",
    ]


def test_bad_read_paragraphs_get_located_errors(mini):
    with_paragraphs(mini, OPINION, "Putin and Xi Jinping met again in Moscow, where the whole world is watching them once more.")
    (mini / "graph" / "coverage-paragraphs.yaml").write_text(
        "- source: leaders-mete\n  paragraph: Putin and Xi Jinping\n  reason: typo in the source id\n"
        "- source: leaders-meet\n  paragraph: the whole world is watching them\n  reason: two paragraphs hold these words\n"
        "- source: leaders-meet\n  paragraph: \"them, as it has for years now.\\n\\nPutin\"\n  reason: across a paragraph break\n"
        "- source: leaders-meet\n  paragraph: know that\n", encoding="utf-8")
    result = run(mini, "coverage")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "graph/coverage-paragraphs.yaml:1:11: error E105: unknown source 'leaders-mete' (did you mean 'leaders-meet'?)",
        "graph/coverage-paragraphs.yaml:5:14: error E124: words found in 2 paragraphs of source 'leaders-meet'; quote more of the one read",
        "graph/coverage-paragraphs.yaml:8:14: error E124: words found in no paragraph of source 'leaders-meet' (a quote cannot span two paragraphs)",
        "graph/coverage-paragraphs.yaml:10:3: error E102: required field 'reason' is missing in read paragraph",
        "error: 4 error(s) in the data",
    ]


def test_read_paragraphs_coverage_does_not_need_are_warned(mini):
    with_paragraphs(mini, OPINION)
    (mini / "graph" / "coverage-paragraphs.yaml").write_text(
        "- source: leaders-meet\n  paragraph: know that the whole world\n  reason: the author's remark\n"
        "- source: leaders-meet\n  paragraph: as it has for years now\n  reason: the same paragraph again\n"
        "- source: leaders-meet\n  paragraph: where he met Chinese President Xi Jinping\n  reason: quoted already\n"
        "- source: leaders-meet\n  paragraph: Xi has yet to visit Kyiv.\n  reason: one actor, so not substantive\n", encoding="utf-8")
    result = run(mini, "coverage", "--check")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "graph/coverage-paragraphs.yaml:5:14: warning W205: paragraph already listed at line 2",
        "graph/coverage-paragraphs.yaml:8:14: warning W205: a quote already comes from this paragraph: remove the entry",
        "graph/coverage-paragraphs.yaml:11:14: warning W205: paragraph is not substantive: coverage does not count it",
    ]
    assert result.stdout.splitlines()[1].split() == ["leaders-meet", "4", "1", "1", "2", "100%", "-"]
