"""`relgraph add source`: an article registered byte for byte, or refused with nothing written."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import run

ARTICLE = "Talks in Moscow\n\nXi Jinping met Vladimir Putin in Moscow.\n"


def snapshot(mini: Path) -> dict[str, bytes]:
    return {p.relative_to(mini).as_posix(): p.read_bytes() for p in sorted(mini.rglob("*")) if p.is_file()}


def test_an_article_is_registered_byte_for_byte(mini, tmp_path):
    article = tmp_path / "talks.txt"
    article.write_bytes(ARTICLE.encode())
    result = run(mini, "add", "source", str(article), "--title", "Talks in Moscow", "--published", "2024-03",
                 "--genre", "news", "--url", "https://example.org/talks", "--author", "A. Writer")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("wrote graph/relations/talks-moscow-2024-03.yaml\nwrote graph/sources.yaml\nwrote seeds/talks.txt\n"
                             "added source 'talks-moscow-2024-03': quote it in graph/relations/talks-moscow-2024-03.yaml, "
                             "then run 'relgraph check'\n")
    assert (mini / "seeds" / "talks.txt").read_bytes() == article.read_bytes()
    sources = (mini / "graph" / "sources.yaml").read_text()
    assert sources.endswith(
        "- id: talks-moscow-2024-03\n  title: Talks in Moscow\n  author: A. Writer\n  url: https://example.org/talks\n"
        "  date: 2024-03\n  date_note: Given by the curator when the article was added.\n  genre: news\n  file: talks.txt\n"
        f"  sha256: {hashlib.sha256(ARTICLE.encode()).hexdigest()}\n  first_line: 1\n  last_line: 3\n")
    check = run(mini, "--no-cache", "check")
    assert check.exit_code == 0
    assert check.stderr == "graph/sources.yaml:11:7: warning W202: source 'talks-moscow-2024-03' has no relation\n"
    assert run(mini, "fmt", "--check").exit_code == 0


def test_a_next_line_character_in_a_title_is_kept_as_written(mini, tmp_path):
    """U+0085 (NEL) is a line break inside a single-quoted YAML scalar: PyYAML wrote it raw and it
    read back as a space. The canonical writer (add source, fmt) double-quotes such text (\\N)."""
    article = tmp_path / "talks.txt"
    article.write_bytes(ARTICLE.encode())
    title = "Talks\x85in Moscow"
    result = run(mini, "add", "source", str(article), "--title", title, "--published", "2024-03", "--genre", "news",
                 "--id", "talks")
    assert result.exit_code == 0, result.stderr
    assert '  title: "Talks\\Nin Moscow"\n' in (mini / "graph" / "sources.yaml").read_text()
    assert run(mini, "--no-cache", "check").exit_code == 0
    assert run(mini, "fmt", "--check").exit_code == 0
    from relgraph.check.runner import load_dataset

    assert load_dataset(mini).sources["talks"].title == title


@pytest.mark.parametrize("content, options, message", [
    (b"\xff\xfe", [], "is not UTF-8 (byte 0xff at offset 0)"),
    (b"  \n\n", [], "is empty"),
    (ARTICLE.encode(), ["--first-line", "2", "--last-line", "9"], "lines 2-9 are not within"),
    (ARTICLE.encode(), ["--published", "2024-13"], "--published: '2024-13' has no month 13"),
])
def test_bad_articles_are_refused_and_nothing_is_written(mini, tmp_path, content, options, message):
    article = tmp_path / "talks.txt"
    article.write_bytes(content)
    before = snapshot(mini)
    args = ["--title", "T", "--published", "2024-03", "--genre", "news"]
    for option, value in zip(options[::2], options[1::2]):
        if option in args:
            args[args.index(option) + 1] = value
        else:
            args += [option, value]
    result = run(mini, "add", "source", str(article), *args)
    assert result.exit_code == 1
    assert message in result.stderr and result.stderr.startswith("error: ")
    assert snapshot(mini) == before


@pytest.mark.parametrize("options, message", [
    (["--title", ""], "--title is empty"),
    (["--title", "   "], "--title is blank"),
    (["--date-note", ""], "--date-note is empty"),
    (["--date-note", " \t "], "--date-note is blank"),
    (["--publisher", ""], "--publisher is empty; leave the option out instead"),
    (["--author", "  "], "--author is blank; leave the option out instead"),
    (["--url", ""], "--url is empty; leave the option out instead"),
    (["--archive-url", " "], "--archive-url is blank; leave the option out instead"),
    # Passed by add and then refused by check (E106), until both read model.text.CONTROL.
    (["--title", "Talks\x07 in Beijing"], "--title contains control character U+0007"),
    (["--date-note", "ok\x1b[0m"], "--date-note contains control character U+001B"),
    (["--author", "A\x7fB"], "--author contains control character U+007F"),
    # A byte that is not UTF-8 in an argument (Python's surrogate escape) was written as "\uDCE9",
    # and graph/sources.yaml could not be read at all (E001).
    (["--title", "Caf\udce9 talks"], "--title is not UTF-8 (byte 0xe9); give it in UTF-8"),
    (["--publisher", "\udcff"], "--publisher is not UTF-8 (byte 0xff); give it in UTF-8"),
    (["--id", "Bad Id"], "'Bad Id' is not a new id of lowercase letters, digits and single hyphens"),
    (["--id", "leaders-meet"],
     "'leaders-meet' is already the id of source 'Leaders Meet in Beijing' (seeds/article.txt); choose another --id"),
])
def test_a_blank_text_option_or_a_bad_or_used_id_is_refused_and_nothing_is_written(mini, tmp_path, options, message):
    # A blank title or date note used to be written, and then 'relgraph check' failed with E102;
    # a control character likewise, with E106.
    article = tmp_path / "talks.txt"
    article.write_bytes(ARTICLE.encode())
    before = snapshot(mini)
    args = {"--title": "T", "--published": "2024-03", "--genre": "news", **dict(zip(options[::2], options[1::2]))}
    result = run(mini, "add", "source", str(article), *[part for item in args.items() for part in item])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {message}\n")
    assert snapshot(mini) == before


def test_an_article_whose_file_name_is_not_utf8_is_refused_and_nothing_is_written(mini, tmp_path):
    # Its name was written to sources.yaml as "art\udce9.txt", which made the file unreadable (E001).
    article = tmp_path / "caf\udce9.txt"
    article.write_bytes(ARTICLE.encode())
    before = snapshot(mini)
    result = run(mini, "add", "source", str(article), "--title", "T", "--published", "2024", "--genre", "news")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", "error: the file name 'caf\\udce9.txt' is not UTF-8 (byte 0xe9); rename the article\n")
    assert snapshot(mini) == before


def test_an_article_already_registered_or_a_taken_seed_name_is_refused(mini, tmp_path):
    seed = mini / "seeds" / "article.txt"
    again = tmp_path / "article.txt"
    shutil.copy(seed, again)
    before = snapshot(mini)
    result = run(mini, "add", "source", str(again), "--title", "T", "--published", "2024", "--genre", "news")
    assert (result.exit_code, result.stderr) == (1, f"error: {again} is already registered as source 'leaders-meet'\n")
    again.write_text("Other text\n")
    result = run(mini, "add", "source", str(again), "--title", "T", "--published", "2024", "--genre", "news")
    assert (result.exit_code, result.stderr) == (1, "error: seeds/article.txt already holds another file; rename the article\n")
    assert snapshot(mini) == before
