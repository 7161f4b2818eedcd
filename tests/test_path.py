"""`relgraph path` and `relgraph show`: exact answers on the real graph, every option, every error."""
from __future__ import annotations

import json

import pytest

from conftest import MINI, ROOT, run
from golden_files import assert_golden
from relgraph.errors import AmbiguousName
from relgraph.model.names import NameIndex

QUESTIONS = [
    ("xi-zelensky", ["Xi", "Zelensky"]),
    ("putin-yellen", ["Putin", "Yellen"]),
    ("wang-yi-blinken", ["Wang Yi", "Blinken"]),
    ("eu-sputnik", ["EU", "Sputnik"]),
    ("xi-zelensky-k3", ["Xi", "Zelensky", "-k", "3"]),
    ("putin-yellen-all", ["Putin", "Yellen", "--all"]),
    ("putin-yellen-unconfirmed", ["Putin", "Yellen", "--include-unconfirmed"]),
    ("zelensky-xi-directed", ["Zelensky", "Xi", "--directed"]),
    ("putin-yellen-only-stance", ["Putin", "Yellen", "--only", "statement-and-stance"]),
    ("xi-zelensky-exclude-interest", ["Xi", "Zelensky", "--exclude", "expresses-interest-in"]),
    ("putin-kishida-as-of-2023", ["Putin", "Kishida", "--as-of", "2023"]),
    ("havren-ivanov-full-quotes", ["havren", "Ivanov", "--quotes", "full"]),
    ("xi-macron-unconfirmed", ["Xi", "Macron", "--include-unconfirmed"]),
]


@pytest.mark.parametrize("name, args", QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_path_answer(name, args):
    result = run(ROOT, "path", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert_golden(f"path/{name}.txt", result.stdout)


def test_path_json_carries_statement_ids():
    result = run(ROOT, "path", "Xi", "Zelensky", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["from"] == "xi-jinping" and data["to"] == "volodymyr-zelensky"
    assert [p["nodes"] for p in data["paths"]] == [["xi-jinping", "volodymyr-zelensky"]]
    first = data["paths"][0]["hops"][0]["relations"][0]
    assert (first["from"], first["predicate"], first["to"]) == ("volodymyr-zelensky", "expresses-interest-in", "xi-jinping")
    assert first["id"].startswith("r") and len(first["id"]) == 13
    assert [(n["from"], n["predicate"], n["status"]) for n in data["notes"]] == [
        ("xi-jinping", "holds-call-with", "negated")]


def test_name_resolution_ignores_case_and_accents():
    for spelling in ("xi", "XI JINPING", "xi-jinping", "Chinese leader Xi Jinping"):
        result = run(ROOT, "show", spelling, "--format", "json")
        assert json.loads(result.stdout)["id"] == "xi-jinping"
    assert json.loads(run(ROOT, "show", "havren", "--format", "json").stdout)["id"] == "sari-arho-havren"


def test_unknown_actor():
    result = run(ROOT, "path", "Xi", "Zelenksy")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "error: no actor named 'Zelenksy' (did you mean 'Zelensky'?)\n"


def test_unknown_actor_without_suggestion():
    result = run(ROOT, "show", "Qwertyuiop")
    assert (result.exit_code, result.stderr) == (1, "error: no actor named 'Qwertyuiop'\n")


def test_ambiguous_name_lists_candidates():
    # Valid data cannot be ambiguous (a shared alias is error E109), so the resolver is tested directly.
    index = NameIndex()
    index.add("a", ["Zhao"])
    index.add("b", ["Zhao"])
    with pytest.raises(AmbiguousName) as raised:
        index.resolve("zhao", lambda i: ({"a": "Tong Zhao", "b": "Zhao Huasheng"}[i], "person"))
    assert str(raised.value) == "'zhao' names more than one actor:\n  a  Tong Zhao (person)\n  b  Zhao Huasheng (person)"


def test_no_path_is_exit_1():
    result = run(ROOT, "path", "Xi", "Zelensky", "--max-hops", "1", "--only", "military")
    assert result.exit_code == 1
    assert result.stderr == "error: no path between 'Xi Jinping' and 'Volodymyr Zelensky' within 1 hops\n"
    # the negated call still stands between them and is shown
    assert result.stdout.startswith("note: not so: Xi Jinping —holds a call with→ Volodymyr Zelensky [negated]\n")


def test_unknown_filter_name_is_usage_error():
    result = run(ROOT, "path", "Xi", "Putin", "--only", "diplomatics")
    assert result.exit_code == 2
    assert "'diplomatics' is neither a category nor a predicate id" in result.stderr


def test_bad_as_of_date_is_usage_error():
    result = run(ROOT, "path", "Xi", "Putin", "--as-of", "2023-13")
    assert result.exit_code == 2
    assert "'2023-13' has no month 13" in result.stderr


def test_include_unconfirmed_help_names_every_unconfirmed_status():
    # It said "planned and reported"; expected and possible relations are hops too (statuses.UNCONFIRMED).
    from relgraph.model.statuses import UNCONFIRMED

    assert UNCONFIRMED == ("reported", "planned", "expected", "possible")
    help_text = " ".join(run(ROOT, "path", "--help").stdout.split())
    assert "--include-unconfirmed Also use reported, planned, expected and possible relations as hops, marked as such." in help_text


def test_all_and_k_together_is_a_usage_error():
    # -k used to win and --all was dropped without a word.
    result = run(ROOT, "path", "Xi", "Zelensky", "--all", "-k", "2")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.endswith(
        "\nError: --all (every shortest path) and -k (the K shortest) exclude each other: give one\n")


def test_directed_path_refuses_to_walk_against_direction():
    result = run(ROOT, "path", "Xi", "Zelensky", "--directed")
    assert result.exit_code == 1
    assert result.stderr == "error: no path between 'Xi Jinping' and 'Volodymyr Zelensky'\n"


def test_as_of_ignores_later_relations():
    # Harbin is reached only by Putin's trip planned for 2024-05-17.
    assert run(ROOT, "path", "Putin", "Harbin", "--include-unconfirmed").exit_code == 0
    result = run(ROOT, "path", "Putin", "Harbin", "--include-unconfirmed", "--as-of", "2024-04")
    assert (result.exit_code, result.stderr) == (1, "error: no path between 'Vladimir Putin' and 'Harbin'\n")


def test_as_of_help_says_what_it_keeps():
    # It said only "Ignore relations dated after DATE"; partial and missing dates are kept (PathFilter.admits).
    help_text = " ".join(run(ROOT, "path", "--help").stdout.split())
    assert ("--as-of DATE Ignore relations dated after DATE (YYYY, YYYY-MM or YYYY-MM-DD): those whose date begins "
            "after DATE ends, so a relation dated 2024 is kept with --as-of 2024-03. Undated relations are always "
            "kept, even from an article published after DATE.") in help_text


def test_reported_relations_are_not_hops_by_default():
    result = run(ROOT, "path", "havren", "Blinken")
    assert (result.exit_code, result.stderr) == (1, "error: no path between 'Sari Arho Havrén' and 'Antony Blinken'\n")


def test_negated_relations_are_never_hops():
    result = run(MINI, "path", "Xi", "Kyiv")
    assert result.exit_code == 1
    assert result.stdout.startswith("note: not so: Xi Jinping —visits→ Kyiv [negated]")


def test_show_answer():
    result = run(ROOT, "show", "Havrén")
    assert result.exit_code == 0
    assert_golden("show/havren.txt", result.stdout)


def test_a_relation_with_a_duration_is_dated_by_its_range_in_text():
    # as the page's card writes it; the text used to give the start alone ("dated 2022")
    for command in (["show", "Zelensky"], ["path", "Xi", "Zelensky"]):
        result = run(ROOT, *command)
        assert result.exit_code == 0
        assert result.stdout.count("· published 2023-02-03 · dated 2022 to 2023-02\n") == 2, command


def test_the_readmes_path_example_is_the_commands_output():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("$ relgraph path Xi Zelensky\n", 1)[1].split("\n$ ", 1)[0] + "\n"
    assert run(ROOT, "path", "Xi", "Zelensky").stdout == example


def test_show_json_lists_every_relation():
    from relgraph.check.runner import load_dataset

    data = json.loads(run(ROOT, "show", "Patrushev", "--format", "json").stdout)
    assert data["label"] == "Nikolai Patrushev"
    involved = [r.id for r in load_dataset(ROOT).relations
                if "nikolai-patrushev" in (r.subject, r.object, r.reported_by, r.denied_by)]
    assert sorted(r["id"] for r in data["relations"]) == sorted(involved) and len(involved) >= 10
    assert all(r["quote"] and r["anchor"] for r in data["relations"])


def test_path_and_show_do_not_import_rdflib_or_pyvis():
    import subprocess
    import sys

    code = ("import sys; from relgraph.cli import main\n"
            "try:\n main(['-C', sys.argv[1], 'path', 'Xi', 'Putin'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in ('rdflib', 'pyvis', 'pyoxigraph', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
