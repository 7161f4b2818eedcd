"""One small broken fixture per diagnostic code: the exact line `relgraph check` prints, and exit 1."""
from __future__ import annotations

import pytest

from conftest import edit, run

REL = "graph/relations/leaders-meet.yaml"
ENT = "graph/entities.yaml"
SRC = "graph/sources.yaml"
PRED = "graph/predicates.yaml"

# (code, file to edit, old text, new text, expected diagnostic lines)
CASES = [
    ("E001", ENT, "  label: Beijing\n", "  label: [Beijing\n",
     ["graph/entities.yaml:16:7: error E001: did not find expected ',' or ']' (while parsing a flow sequence)"]),
    ("E002", REL, "  object: Beijing\n", "  object: Beijing\n  object: Kyiv\n",
     ["graph/relations/leaders-meet.yaml:6:3: error E002: duplicate key 'object' (first at line 5)"]),
    ("E003", ENT, "  description: Capital of China.\n", "  description: &d Capital of China.\n- id: x\n  label: X\n  type: group\n  description: *d\n",
     ["graph/entities.yaml:17:16: error E003: anchors and aliases are not allowed; write the value out"]),
    ("E101", REL, "- subject: Putin\n  predicate: visits\n", "- subject: Putin\n  predicat: visits\n  predicate: visits\n",
     ["graph/relations/leaders-meet.yaml:4:3: error E101: unknown field 'predicat' in relation (did you mean 'predicate'?)"]),
    ("E102", REL, "  quote: where he met Chinese President Xi Jinping\n", "",
     ["graph/relations/leaders-meet.yaml:8:3: error E102: required field 'quote' is missing in relation"]),
    ("E103", REL, "- subject: Putin\n  predicate: visits", "- subject: Pution\n  predicate: visits",
     ["graph/relations/leaders-meet.yaml:3:12: error E103: unknown entity 'Pution' (did you mean 'Putin'?)"]),
    ("E104", REL, "  predicate: visits\n  object: Beijing", "  predicate: vists\n  object: Beijing",
     ["graph/relations/leaders-meet.yaml:4:14: error E104: unknown predicate 'vists' (did you mean 'visits'?)"]),
    ("E105", REL, "source: leaders-meet", "source: leaders-met",
     ["graph/relations/leaders-meet.yaml:1:9: error E105: unknown source 'leaders-met' (did you mean 'leaders-meet'?)"]),
    ("E106", SRC, "  first_line: 1\n", "  first_line: one\n",
     ["graph/sources.yaml:9:15: error E106: field 'first_line' of source must be a whole number, got text"]),
    ("E107", ENT, "  type: city-or-region\n  description: Capital of China.", "  type: city\n  description: Capital of China.",
     ["graph/entities.yaml:16:9: error E107: 'city' is not an allowed type; allowed: person, country, city-or-region, "
      "government-body, international-organization, company, bank, media-outlet, think-tank-or-university, "
      "event-or-agreement, group"]),
    ("E108", ENT, "- id: kyiv\n", "- id: beijing\n",
     ["graph/entities.yaml:18:7: error E108: duplicate entity id 'beijing' (first at graph/entities.yaml:14:7)"]),
    ("E109", ENT, "  description: Capital of Ukraine.\n", "  aliases:\n  - Xi\n  description: Capital of Ukraine.\n",
     ["graph/entities.yaml:22:5: error E109: 'Xi' already names entity 'xi-jinping' (graph/entities.yaml:8:7)"]),
    ("E110", REL, "- subject: Putin\n  predicate: visits\n  object: Beijing", "- subject: Beijing\n  predicate: visits\n  object: Beijing",
     ["graph/relations/leaders-meet.yaml:3:12: error E110: subject 'Beijing' is of type city-or-region, but 'visits' takes a subject of type person"]),
    ("E111", REL, "  date: '2024-05-16'\n- subject: Putin", "  date: '2024-02-30'\n- subject: Putin",
     ["graph/relations/leaders-meet.yaml:7:9: error E111: invalid date: '2024-02-30' has no day 30: February 2024 has 29 days"]),
    ("E112", REL, "  date: '2024-05-16'\n- subject: Putin", "  date: 2024-06\n- subject: Putin",
     ["graph/relations/leaders-meet.yaml:7:9: error E112: date 2024-06 is after the publication of 'leaders-meet' (2024-05-17)"]),
    ("E113", REL, "quote: where he met Chinese President Xi Jinping", "quote: where he met Chinese Premier Xi Jinping",
     ["graph/relations/leaders-meet.yaml:11:10: error E113: quote not found in source 'leaders-meet'; it matches up to '…where he met Chinese Pre' then differs"]),
    ("E114", SRC, "  file: article.txt", "  file: missing.txt",
     ["graph/sources.yaml:7:9: error E114: seed file seeds/missing.txt is missing"]),
    ("E116", REL, "- subject: Xi\n  predicate: signs", "- subject: Xi\n  predicate: meets\n  object: Putin\n  quote: where he met Chinese President Xi Jinping\n  date: 2024-05-16\n- subject: Xi\n  predicate: signs",
     ["graph/relations/leaders-meet.yaml:13:3: error E116: duplicate relation: same subject, predicate, object, date and source as graph/relations/leaders-meet.yaml:8:3"]),
    ("E117", ENT, "- id: kyiv\n", "- id: Kyiv_City\n",
     ["graph/entities.yaml:18:7: error E117: id 'Kyiv_City' must be lowercase letters, digits and single hyphens"]),
    ("E118", REL, "  status: negated\n", "  status: reported\n",
     ["graph/relations/leaders-meet.yaml:21:11: error E118: status 'reported' needs 'reported_by': who reported it"]),
    ("E119", SRC, "  last_line: 7\n", "  last_line: 70\n",
     ["graph/sources.yaml:9:15: error E119: lines 1-70 are not within seeds/article.txt (1-8)"]),
]


@pytest.mark.parametrize("code, file, old, new, expected", CASES, ids=[c[0] for c in CASES])
def test_check_reports_exact_located_error(mini, reliability, code, file, old, new, expected):
    reliability.record("Curated data", "one broken fixture per error class (" + ", ".join(c[0] for c in CASES) + ")",
                       len(CASES), "exit 1, the exact located line asserted for each, no traceback")
    edit(mini / file, old, new)
    result = run(mini, "check")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:-1] == expected
    assert lines[-1] == f"error: {len(expected)} error(s); nothing was built"
    assert result.stdout == ""


def test_an_impossible_day_quotes_the_date(mini):
    # It said only "invalid date: day is out of range for month", without the value.
    edit(mini / REL, "  date: '2024-05-16'\n- subject: Putin", "  date: 2023-02-29\n- subject: Putin")
    result = run(mini, "--no-cache", "check")
    assert (result.exit_code, result.stderr) == (1, (
        "graph/relations/leaders-meet.yaml:7:9: error E111: invalid date: '2023-02-29' has no day 29: February 2023 has 28 days\n"
        "error: 1 error(s); nothing was built\n"))
    edit(mini / REL, "  date: 2023-02-29\n", "  date: '2024-05-16'\n")
    edit(mini / SRC, "  date: '2024-05-17'\n", "  date: '2024-05-32'\n")
    result = run(mini, "--no-cache", "check")
    assert (result.exit_code, result.stderr) == (1, (
        "graph/sources.yaml:4:9: error E111: invalid date: '2024-05-32' has no day 32: May 2024 has 31 days\n"
        "error: 1 error(s); nothing was built\n"))
    result = run(mini, "path", "Xi", "Putin", "--as-of", "2024-04-31")
    assert result.exit_code == 2
    assert result.stderr.endswith("Invalid value for '--as-of': '2024-04-31' has no day 31: April 2024 has 30 days\n")


def test_invalid_utf8_is_located(mini, reliability):
    reliability.record("YAML input", "invalid UTF-8 byte", 1, "E004 at the line and column of the byte")
    path = mini / ENT
    path.write_bytes(path.read_bytes().replace(b"Capital of China.", b"Capital of \xff China."))
    result = run(mini, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "graph/entities.yaml:17:27: error E004: not valid UTF-8 (byte 0xff)"


def test_control_characters_are_refused(mini, reliability):
    reliability.record("Curated data", "control characters in text", 1, "E106 naming the character")
    edit(mini / ENT, "  description: Capital of China.", '  description: "Capital\\x07 of China."')
    result = run(mini, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "graph/entities.yaml:17:16: error E106: field 'description' contains control character U+0007"


def test_c1_control_characters_are_refused(mini):
    # U+0096 is what a Windows-1252 en dash becomes when read as Latin-1: invisible in most editors.
    edit(mini / ENT, "  description: Capital of China.", '  description: "Capital\\x96 of China."')
    result = run(mini, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "graph/entities.yaml:17:16: error E106: field 'description' contains control character U+0096"


def test_a_record_that_is_not_a_mapping_is_named_with_its_article(mini):
    edit(mini / ENT, "- id: kyiv\n", "- Kyiv\n- id: kyiv\n")
    result = run(mini, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "graph/entities.yaml:18:3: error E106: an entity must be a mapping, got text"


def test_removed_source_is_located(mini, reliability):
    (mini / SRC).write_text("[]\n", encoding="utf-8")
    result = run(mini, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == "graph/relations/leaders-meet.yaml:1:9: error E105: unknown source 'leaders-meet'"
    reliability.record("Source integrity", "a source record removed while its relations remain", 1,
                       "E105 at the relations file's source line")


def test_quote_edited_away_from_seed_is_located(mini, reliability):
    edit(mini / REL, "quote: where he met Chinese President Xi Jinping", "quote: where he met President Xi")
    result = run(mini, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("graph/relations/leaders-meet.yaml:11:10: error E113: quote not found")
    reliability.record("Source integrity", "a quote that no longer matches its seed", 1, "E113 at the quote, showing how far it matches")


def test_missing_file_is_reported(mini):
    (mini / PRED).unlink()
    result = run(mini, "check")
    assert result.exit_code == 1
    assert "graph/predicates.yaml: error E004: cannot read file: No such file or directory" in result.stderr.splitlines()


def test_changed_seed_is_reported(mini, reliability):
    reliability.record("Source integrity", "a seed file edited after curation", 1, "E115 at the source's sha256, with the new hash")
    seed = mini / "seeds" / "article.txt"
    seed.write_bytes(seed.read_bytes().replace(b"May 16", b"May 15"))
    result = run(mini, "check")
    assert result.exit_code == 1
    line = result.stderr.splitlines()[0]
    assert line.startswith("graph/sources.yaml:8:11: error E115: seed file seeds/article.txt has changed: its sha256 is ")


def test_all_problems_reported_in_one_run(mini):
    edit(mini / REL, "- subject: Putin\n  predicate: visits", "- subject: Pution\n  predicate: visits")
    edit(mini / REL, "  predicate: signs", "  predicate: sings")
    edit(mini / ENT, "  type: city-or-region\n  description: Capital of China.", "  type: city\n  description: Capital of China.")
    result = run(mini, "check")
    assert result.exit_code == 1
    codes = [line.split()[2].rstrip(":") for line in result.stderr.splitlines()[:-1]]
    assert codes == ["E107", "E103", "E104"]


def test_orphan_entity_is_a_warning_only(mini):
    edit(mini / ENT, "- id: kyiv\n", "- id: odesa\n  label: Odesa\n  type: city-or-region\n  description: A port.\n- id: kyiv\n")
    result = run(mini, "check")
    assert result.exit_code == 0
    assert result.stderr == "graph/entities.yaml:18:7: warning W201: entity 'odesa' takes part in no relation\n"
    assert result.stdout == "ok: 4 relations, 6 entities, 3 predicates, 1 sources\n"


def test_typographic_variants_match_quotes(mini):
    # The seed has “joint statement”; the relation quotes it with straight quotes and extra spaces.
    edit(mini / REL, 'The two leaders signed a "joint statement" on cooperation.', "The two  leaders signed a \"joint statement\"\n    on cooperation.")
    assert run(mini, "check").exit_code == 0


def test_a_misspelt_status_is_one_error_not_the_rules_of_asserted(mini):
    """A refused status is no status: a right reported_by and a forecast's later date stay unreported."""
    edit(mini / REL, "  quote: Xi has yet to visit Kyiv.\n  status: negated\n",
         "  quote: Xi has yet to visit Kyiv.\n  status: expectd\n  reported_by: Putin\n  date: 2025\n")
    result = run(mini, "check")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "graph/relations/leaders-meet.yaml:21:11: error E107: 'expectd' is not an allowed status (did you mean 'expected'?)",
        "error: 1 error(s); nothing was built",
    ]
    edit(mini / REL, "  status: expectd\n", "  status: expected\n")
    assert run(mini, "check").exit_code == 0  # the same relation, its status spelt right, is valid
