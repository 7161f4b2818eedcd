"""The reading lint: one fixture case per warning, exact messages, silencing only with a reason."""
from __future__ import annotations

from pathlib import Path


from conftest import ROOT, edit, run

PLANS = "graph/relations/summit-plans.yaml"
BEIJING = "graph/relations/putin-in-beijing.yaml"


def edit_seed(claims: Path, old: str, new: str) -> None:
    """Change a fixture article and its recorded sha256 together."""
    import hashlib

    seed = claims / "seeds" / "first.txt"
    before = hashlib.sha256(seed.read_bytes()).hexdigest()
    edit(seed, old, new)
    edit(claims / "graph" / "sources.yaml", before, hashlib.sha256(seed.read_bytes()).hexdigest())


def check(claims: Path) -> tuple[int, list[str]]:
    result = run(claims, "--no-cache", "check")
    return result.exit_code, result.stderr.splitlines()


def test_the_fixture_is_clean(claims):
    assert check(claims) == (0, [])


def test_w301_a_future_or_hedged_quote_recorded_as_fact(claims):
    edit(claims / PLANS, "  date: 2024-05\n  status: planned\n  reported_by: China\n", "  date: 2024-05\n")
    assert check(claims) == (0, [
        f"{PLANS}:6:10: warning W301: asserted, but the quote says 'will': is it planned, expected or possible?",
        f"{PLANS}:6:10: warning W302: asserted, but the quote attributes it ('officials said'): is it reported by someone?",
    ])


def test_w302_hearsay_recorded_as_fact(claims):
    edit(claims / PLANS, "  status: expected\n  reported_by: analysts\n", "")
    assert check(claims) == (0, [
        "graph/entities.yaml:38:7: warning W201: entity 'analysts' takes part in no relation",
        f"{PLANS}:13:10: warning W301: asserted, but the quote says 'expect': is it planned, expected or possible?",
        f"{PLANS}:13:10: warning W302: asserted, but the quote attributes it ('Analysts'): is it reported by someone?",
    ])


def test_w302_the_words_of_someone_other_than_the_subject(claims):
    edit_seed(claims, "Reuters reported that Xi met Putin.", "Xi met Putin, Reuters said.")
    edit(claims / PLANS, "  quote: Reuters reported that Xi met Putin.\n  status: reported\n  reported_by: Reuters\n",
         "  quote: Xi met Putin, Reuters said.\n")
    assert check(claims) == (0, [
        "graph/entities.yaml:34:7: warning W201: entity 'reuters' takes part in no relation",
        f"{PLANS}:25:10: warning W302: asserted, but the quote gives it as the words of Reuters: is it reported by them?",
    ])


def test_w303_an_authors_judgement_in_an_opinion_piece(claims):
    edit(claims / BEIJING, "  accept:\n  - 'W303: the welcome is stated; \"must have\" stresses it and hedges nothing'\n", "")
    assert check(claims) == (0, [
        f"{BEIJING}:16:10: warning W303: asserted in an opinion piece, but the quote judges ('must'): "
        "is it the author's claim, reported by the author?",
    ])


def test_w304_a_reporter_the_quote_does_not_name(claims):
    edit_seed(claims, "Reuters reported that Xi met Putin.", "Xi Jinping said that Xi met Putin.")
    edit(claims / PLANS, "quote: Reuters reported that Xi met Putin.", "quote: Xi Jinping said that Xi met Putin.")
    assert check(claims) == (0, [
        f"{PLANS}:25:10: warning W304: reported by 'reuters', but the quote names Xi Jinping as the speaker",
    ])


def test_w305_a_negation_of_something_the_text_does_not_name(claims):
    edit(claims / PLANS, "  object: Kyiv\n", "  object: Beijing\n")
    assert check(claims) == (0, [
        "graph/entities.yaml:18:7: warning W201: entity 'kyiv' takes part in no relation",
        f"{PLANS}:38:10: warning W305: negated, but its object 'beijing' is not named in the quote's paragraph",
    ])


def test_a_warning_is_silenced_only_for_its_relation_and_code_with_a_reason(claims):
    edit(claims / PLANS, "  date: 2024-05\n  status: planned\n  reported_by: China\n",
         "  date: 2024-05\n  accept:\n  - 'W302: the officials speak for China, which does it'\n  - 'W303: not this one'\n")
    assert check(claims) == (0, [
        f"{PLANS}:6:10: warning W301: asserted, but the quote says 'will': is it planned, expected or possible?",
        f"{PLANS}:10:5: warning W306: accepted W303 no longer occurs for this relation; remove it from 'accept'",
    ])


def test_a_silence_without_a_reason_is_an_error(claims):
    edit(claims / BEIJING, "  - 'W303: the welcome is stated; \"must have\" stresses it and hedges nothing'\n", "  - W303\n")
    code, lines = check(claims)
    assert code == 1
    assert lines[1] == (f"{BEIJING}:18:5: error E121: accept 'W303' must be 'CODE: reason' with a reading-lint code "
                        "(W301, W302, W303, W304, W305)")


def test_the_real_graph_has_no_unexplained_warning():
    result = run(ROOT, "--no-cache", "check")
    assert result.exit_code == 0
    assert result.stderr == "", "read each warned relation against its sentence: fix it, or accept the warning with a reason"


def test_the_quick_skip_never_hides_a_warning():
    """lint.read skips quotes sharing no word with any rule: a differential test against the rules run always."""
    import random

    from relgraph.check import lint

    context = lint.ReadingContext(genre="opinion", paragraph=lambda: "", names=lambda eid: (eid,),
                                  kind=lambda eid: "person", resolve=lambda name: {name.lower()} if name[:1].isupper() else set())
    vocabulary = ("will would may May might could likely unlikely expect expects expected plan plans planning preparing "
                  "considering intend intends hope hopes hoped aim aims want wants going set due to is are according "
                  "analyst analysts expert experts observers strategists officials sources said says told added noted "
                  "warned reportedly alleged allegedly claimed appear appears seem seems think must should ought perhaps "
                  "probably arguably view clearly obviously need needs necessary important clear evident in my it we "
                  "Putin Xi China the trade visit met Beijing , .").split()
    rng = random.Random(13)
    for _ in range(3000):
        quote = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 12)))
        values = {"quote": quote, "subject_id": "xi", "object_id": "china"}
        always = [f for rule in lint.RULES.values() if (f := rule(values, context)) is not None]
        assert lint.read(values, context) == always, quote
