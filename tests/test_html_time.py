"""The date slider and the --around page, in real Chromium at 1440x900 and 390x844: a dual-handle
range over the dated months (partial dates count by their bounds), keyboard operable, 44 px handles
on a phone, its state in the address; an --around page that marks its centre and says "not in this
neighbourhood" for an actor of the dataset that it does not hold."""
from __future__ import annotations

import pytest

from conftest import ROOT
from test_html import OfflinePage, browser, page_file, page_files  # noqa: F401  (test_html's fixtures)
from test_html_views import DEFAULT_HIDDEN, axe_violations
from relgraph.check.runner import load_dataset
from relgraph.export import html as html_export
from relgraph.export.html import to_html

pytestmark = pytest.mark.browser
PAGE = ROOT / "output" / "graph.html"
SIZES = [(1440, 900), (390, 844)]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT)


def lower(date: str) -> str:
    return (date + "-01-01")[:10]


def upper(date: str) -> str:
    return date + "-12-31" if len(date) == 4 else date + "-31" if len(date) == 7 else date


def month(date: str) -> int:
    return int(date[:4]) * 12 + int(date[5:7]) - 1


def words(index: int) -> str:
    return f"{MONTHS[index % 12]} {index // 12}"


def spans(dataset) -> dict:
    return {r.id: (lower(str(r.date)), upper(str(r.end_date or r.date))) for r in dataset.relations if r.date}


def shown(dataset, first: str | None, last: str | None, undated: bool = True) -> set[str]:
    """The relations the filters keep: every status but the contradicted, dated ones meeting the range."""
    span = spans(dataset)
    kept = set()
    for r in dataset.relations:
        if r.status in DEFAULT_HIDDEN:
            continue
        if r.id not in span:
            if undated:
                kept.add(r.id)
            continue
        if (first is None or span[r.id][1] >= lower(first)) and (last is None or span[r.id][0] <= upper(last)):
            kept.add(r.id)
    return kept


def slider_state(page) -> list:
    return page.js("['date-slider-from', 'date-slider-to'].map(id => { const s = document.getElementById(id);"
                   " return [s.min, s.max, s.value, s.getAttribute('aria-valuetext')]; })"
                   ".concat([document.getElementById('date-range-label').textContent])")


@pytest.mark.parametrize("width, height", SIZES)
def test_the_slider_spans_the_dated_months_and_arrow_keys_filter_by_month(browser, page_file, dataset, width, height):
    span = spans(dataset)
    first, last = min(month(s[0]) for s in span.values()), max(month(s[1]) for s in span.values())
    top = last - first
    page = OfflinePage(browser, page_file, width, height)
    try:
        assert slider_state(page) == [["0", str(top), "0", f"from the first dated relation, {words(first)}"],
                                      ["0", str(top), str(top), f"to the last dated relation, {words(last)}"],
                                      f"{words(first)} – {words(last)}"]
        if width < 1000:
            page.page.click('#tabs button[data-drawer="controls"]')
        page.page.focus("#date-slider-from")
        # 2022-03 from the first month: a month per arrow key.
        steps = month("2022-03") - first
        for _ in range(steps):
            page.page.keyboard.press("ArrowRight")
        page.page.focus("#date-slider-to")
        for _ in range(last - month("2023-10")):
            page.page.keyboard.press("ArrowLeft")
        page.page.wait_for_function("!document.getElementById('counts').textContent.startsWith('132 ')")
        page.js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        state = slider_state(page)
        typed = page.js("[document.getElementById('date-from').value, document.getElementById('date-to').value, location.hash]")
        visible = set(page.js("relgraph.visibleRelationIds()"))
        actors = set(page.js("relgraph.visibleNodeIds()"))
        counts = page.page.inner_text("#counts")
        page.page.uncheck("#date-undated")
        without_undated = set(page.js("relgraph.visibleRelationIds()"))
        assert page.errors == []
    finally:
        page.close()
    assert state == [["0", str(top), str(steps), "from March 2022"], ["0", str(top), str(month("2023-10") - first), "to October 2023"],
                     "March 2022 – October 2023"]
    assert typed == ["2022-03", "2023-10", "#from=2022-03&to=2023-10"]
    expected = shown(dataset, "2022-03", "2023-10")
    assert visible == expected
    # A year-dated relation of 2023 meets the range (its bounds are 2023-01 to 2023-12), one of 2024 does not.
    by_id = {r.id: r for r in dataset.relations}
    assert any(str(by_id[i].date) == "2023" for i in expected) and not any(str(by_id[i].date or "").startswith("2024") for i in expected)
    involved = {e for i in expected for e in (by_id[i].subject, by_id[i].object)}
    assert actors == involved
    assert counts == f"{len(involved)} of {len(dataset.entities)} actors · {len(expected)} of {len(dataset.relations)} relations shown"
    assert without_undated == shown(dataset, "2022-03", "2023-10", undated=False)


def test_a_typed_date_moves_the_handles_and_a_link_reopens_the_range(browser, page_file, dataset):
    span = spans(dataset)
    first = min(month(s[0]) for s in span.values())
    page = OfflinePage(browser, page_file)
    try:
        page.page.fill("#date-from", "2023-05-10")
        page.page.fill("#date-to", "2024")
        state = slider_state(page)
        assert set(page.js("relgraph.visibleRelationIds()")) == shown(dataset, "2023-05-10", "2024")
        page.page.fill("#date-from", "2023-5")
        rejected = [page.page.inner_text("#date-message"), page.page.get_attribute("#date-from", "aria-invalid"), slider_state(page)[0][2]]
        assert page.errors == []
    finally:
        page.close()
    top = max(month(s[1]) for s in span.values()) - first
    assert state[0][2:] == [str(month("2023-05") - first), "from May 2023"]
    assert state[1][2] == str(top)  # "2024" runs to December 2024, the last dated month
    # An invalid date is refused with a message; the handles stay where the last valid date put them.
    assert rejected == ["'2023-5' is not a date (from): write YYYY, YYYY-MM or YYYY-MM-DD.", "true", str(month("2023-05") - first)]
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    try:
        fresh = context.new_page()
        fresh.goto(page_file.resolve().as_uri() + "#from=2022-03&to=2023-10&undated=0")
        fresh.wait_for_function("document.body.dataset.ready === 'true'")
        reopened = fresh.evaluate("[document.getElementById('date-slider-from').value, document.getElementById('date-slider-to').value,"
                                  " relgraph.visibleRelationIds()]")
    finally:
        context.close()
    assert reopened == [str(month("2022-03") - first), str(month("2023-10") - first), sorted(shown(dataset, "2022-03", "2023-10", undated=False))]


def drag_to_handle(page, width: int, off_centre: float) -> str:
    """Press off_centre px left of the middle of the "to" handle (at the right end), drag
    to the middle of the track; the "to" date the page then holds ("" if the handle did not move)."""
    if width < 1000:
        page.page.click('#tabs button[data-drawer="controls"]')
    page.page.locator("#date-range").scroll_into_view_if_needed()
    box = page.page.locator("#date-slider-to").bounding_box()
    half = box["height"] / 2  # the handle is as tall as the input and as wide as it is tall
    page.page.mouse.move(box["x"] + box["width"] - half - off_centre, box["y"] + half)
    page.page.mouse.down()
    page.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + half, steps=5)
    page.page.mouse.up()
    page.js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return page.js("document.getElementById('date-to').value")


@pytest.mark.parametrize("width, height", SIZES)
def test_the_handles_are_44_px_touch_targets_on_a_phone(browser, page_file, dataset, width, height):
    page = OfflinePage(browser, page_file, width, height)
    try:
        tall = page.js("['date-slider-from', 'date-slider-to'].map(id => document.getElementById(id).getBoundingClientRect().height)")
        # 20 px off the handle's middle: inside a 44 px handle, outside an 18 px one.
        to = drag_to_handle(page, width, 20)
        visible = set(page.js("relgraph.visibleRelationIds()"))
        assert page.errors == []
    finally:
        page.close()
    if width < 1000:
        assert tall == [44, 44]
        assert to != "" and visible == shown(dataset, None, to)
    else:
        assert tall == [18, 18]
        assert to == "" and visible == shown(dataset, None, None)


def test_dragging_the_desktop_handle_by_its_middle_moves_it(browser, page_file, dataset):
    page = OfflinePage(browser, page_file)
    try:
        to = drag_to_handle(page, 1440, 0)
        visible = set(page.js("relgraph.visibleRelationIds()"))
        assert page.errors == []
    finally:
        page.close()
    assert to != "" and visible == shown(dataset, None, to)


@pytest.mark.parametrize("width, height", SIZES)
def test_axe_finds_no_violation_with_the_slider_moved(browser, page_file, width, height):
    page = OfflinePage(browser, page_file, width, height)
    try:
        if width < 1000:
            page.page.click('#tabs button[data-drawer="controls"]')
        page.page.focus("#date-slider-from")
        for _ in range(5):
            page.page.keyboard.press("PageUp")
        assert axe_violations(page) == []
    finally:
        page.close()


@pytest.fixture(scope="module")
def around_page(dataset, tmp_path_factory):
    path = tmp_path_factory.mktemp("around") / "around.html"
    path.write_bytes(to_html(dataset, around="nikolai-patrushev", depth=1))
    return path


@pytest.mark.parametrize("width, height", SIZES)
def test_the_around_page_marks_and_selects_its_centre(browser, around_page, width, height):
    page = OfflinePage(browser, around_page, width, height)
    try:
        mark = page.js("[relgraph.nodes.get('nikolai-patrushev').borderWidth, relgraph.network.getSelectedNodes(),"
                       " document.getElementById('card-entity').textContent, document.querySelector('#card .card-type').textContent,"
                       " document.querySelector('h1').textContent, relgraph.nodes.get().filter(n => n.borderWidth === 5).map(n => n.id)]")
        assert axe_violations(page) == []
    finally:
        page.close()
    assert mark == [5, ["nikolai-patrushev"], "Nikolai Patrushev", "person · centre of this page",
                    "relgraph: Nikolai Patrushev and 1 hop around", ["nikolai-patrushev"]]


@pytest.mark.parametrize("width, height", SIZES)
def test_an_actor_outside_the_neighbourhood_is_not_in_it_rather_than_unknown(browser, dataset, around_page, width, height):
    page = OfflinePage(browser, around_page, width, height)
    try:
        if width < 1000:
            page.page.click('#tabs button[data-drawer="controls"]')
        messages = []
        for name in ("zelenskyy", "Zélensky", "Jinping", "Pution"):
            page.page.fill("#search", name)
            page.page.click("#search-form button")
            messages.append(page.page.inner_text("#search-message"))
        page.page.fill("#path-from", "Putin")
        page.page.fill("#path-to", "Sergei Lavrov")
        page.page.click("#path-form button[type=submit]")
        messages.append(page.page.inner_text("#path-result"))
        outside = page.js("JSON.parse(document.getElementById('relgraph-data').textContent).outside")
        drawn = set(page.js("relgraph.nodes.getIds()"))
        assert page.errors == []
    finally:
        page.close()
    assert messages == [
        "Volodymyr Zelensky is not in this neighbourhood. A page that has them: relgraph html --around volodymyr-zelensky",
        "Volodymyr Zelensky is not in this neighbourhood. A page that has them: relgraph html --around volodymyr-zelensky",
        "Xi Jinping is not in this neighbourhood. A page that has them: relgraph html --around xi-jinping",
        "No actor named 'Pution'. Did you mean Vladimir Putin?",
        "Sergey Lavrov is not in this neighbourhood. A page that has them: relgraph html --around sergey-lavrov",
    ]
    # Names only, of every actor of the dataset the page does not draw.
    assert outside == {"kind": "neighbourhood", "total": len(dataset.entities) - len(drawn),
                       "actors": {e.id: [e.label, *e.aliases] for e in dataset.entities.values() if e.id not in drawn}}


def test_a_link_to_an_actor_outside_the_neighbourhood_says_so(browser, around_page):
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(around_page.resolve().as_uri() + "#actor=xi-jinping")
        page.wait_for_function("document.body.dataset.ready === 'true'")
        shown_card = page.evaluate("[document.getElementById('card').textContent, document.getElementById('card').classList.contains('open')]")
    finally:
        context.close()
    assert shown_card == ["Xi Jinping is not in this neighbourhood. A page that has them: relgraph html --around xi-jinping", True]


def test_the_names_outside_a_page_are_bounded_best_connected_first(dataset, monkeypatch):
    monkeypatch.setattr(html_export, "OUTSIDE_ACTORS", 3)
    on_page = {"nikolai-patrushev", "vladimir-putin"}
    outside = html_export.outside_names(dataset, on_page, "neighbourhood")
    degree = {e: sum(e in (r.subject, r.object) for r in dataset.relations) for e in dataset.entities}
    best = sorted((e for e in dataset.entities if e not in on_page), key=lambda e: (-degree[e], e))[:3]
    assert outside == {"kind": "neighbourhood", "total": len(dataset.entities) - 2,
                       "actors": {e: [dataset.entities[e].label, *dataset.entities[e].aliases] for e in sorted(best)}}
    assert html_export.outside_names(dataset, set(dataset.entities), "neighbourhood") is None
