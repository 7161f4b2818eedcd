"""The WebGL renderer (sigma.js 3 + graphology) in real Chromium: what it draws, when the page
chooses it, and how it falls back to vis-network. The page's features are tested with both
renderers in the other test_html*.py files (their page fixtures are parametrised by renderer)."""
from __future__ import annotations

import json

import pytest

from conftest import ROOT, run
from test_html import OfflinePage, browser, page_files  # noqa: F401  (test_html's fixtures)
from test_html_views import axe_violations
from relgraph.check.runner import load_dataset
from relgraph.export.html import TYPE_STYLE, to_html
from relgraph.export.renderers import RENDERERS, WEBGL_ABOVE, chosen_renderer, renderer_notice
from relgraph.model.statuses import STATUSES

pytestmark = pytest.mark.browser
SIZES = [(1440, 900), (390, 844)]
SHAPES = ["dot", "square", "diamond", "triangle", "triangleDown", "hexagon", "star"]  # renderer.js's SHAPE_INDEX


def page_data(html: bytes) -> dict:
    return json.loads(html.split(b'type="application/json">')[1].split(b"</script>")[0])


def test_the_choice_is_declared_once_by_the_number_of_drawn_relations():
    assert RENDERERS == ("auto", "vis", "webgl")
    assert [chosen_renderer("auto", n) for n in (0, WEBGL_ABOVE, WEBGL_ABOVE + 1)] == ["vis", "vis", "webgl"]
    assert [chosen_renderer(r, 10) for r in ("vis", "webgl")] == ["vis", "webgl"]
    with pytest.raises(ValueError, match="renderer 'gl' is not one of auto, vis, webgl"):
        chosen_renderer("gl", 10)


def test_relgraph_html_renderer_option_writes_a_webgl_page_and_says_so(tmp_path):
    target = tmp_path / "page.html"
    result = run(ROOT, "html", "--renderer", "webgl", "-o", str(target))
    assert result.exit_code == 0
    relations = len(load_dataset(ROOT).relations)
    assert result.stderr == f"relgraph: html: {renderer_notice('webgl', relations)}\n"
    assert renderer_notice("webgl", relations) == (
        f"renderer: {relations} relations drawn with WebGL (sigma.js), as asked (vis-network where the browser has no "
        "WebGL); `relgraph html --renderer vis` draws them with vis-network")
    page = target.read_bytes()
    assert page_data(page)["renderer"] == {"renderer": "webgl", "forced": True}
    assert page.count(b"Sigma=") >= 1 and b"graphology" in page
    vis_page = to_html(load_dataset(ROOT))  # what build writes for the real data: vis-network, no sigma.js inlined
    assert page_data(vis_page)["renderer"] == {"renderer": "vis", "forced": False}
    assert b"Sigma=" not in vis_page
    bad = run(ROOT, "html", "--renderer", "gl", "-o", str(target))
    assert bad.exit_code == 2
    assert "Invalid value for '--renderer': 'gl' is not one of 'auto', 'vis', 'webgl'." in bad.stderr


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(ROOT)


@pytest.mark.parametrize("width, height", SIZES)
def test_webgl_draws_each_bundle_in_its_status_dashes_and_each_actor_in_its_type_shape(browser, page_files, dataset, width, height):
    page = OfflinePage(browser, page_files["webgl"], width, height)
    try:
        assert page.js("[relgraph.renderer, relgraph.rendererFallback]") == ["webgl", None]
        edges = page.js("(() => { const g = relgraph.network.graph; return g.edges().map(e => { const a = g.getEdgeAttributes(e);"
                        " const b = relgraph.edges.get(e); return [e, b.status, a.dash, a.hidden, !!b.hidden]; }); })()")
        actors = page.js("(() => { const g = relgraph.network.graph; return g.nodes().map(n => { const a = g.getNodeAttributes(n);"
                         " return [n, a.shape, a.outline, a.hidden, !!relgraph.nodes.get(n).hidden]; }); })()")
        assert page.errors == []
    finally:
        page.close()
    assert sorted(e[0] for e in edges) == sorted(f"{a}|{b}|{s}" for a, b, s in {tuple(sorted((r.subject, r.object))) + (r.status,)
                                                                              for r in dataset.relations})
    for _, status, dash, hidden, hidden_in_data in edges:
        style = STATUSES[status].style.dashes
        # The status's own dash pattern (on, off), solid for asserted; hidden exactly where the page hides it.
        assert dash == ([style[0], style[1] if len(style) > 1 else style[0]] if style else None)
        assert hidden == hidden_in_data
    assert sorted(a[0] for a in actors) == sorted(dataset.entities)
    for actor, shape, outline, hidden, hidden_in_data in actors:
        color, expected = TYPE_STYLE[dataset.entities[actor].type]
        assert SHAPES[shape] == expected
        assert outline == (dataset.entities[actor].type in {"media-outlet", "think-tank-or-university", "event-or-agreement", "group"})
        assert hidden == hidden_in_data


def test_webgl_pixels_show_the_dashes_and_the_selection_redraws_in_the_view(browser, page_files):
    """The WebGL canvases hold the drawing (not a blank page): the PNG export composites them, and
    a focused actor's faded neighbourhood changes the picture."""
    page = OfflinePage(browser, page_files["webgl"])
    try:
        count = """(() => { const c = relgraph.network.picture(); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let ink = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) ink++; return ink; })()"""
        before = page.js(count)
        page.js("relgraph.focusEntity('xi-jinping')")
        after = page.js(count)
        selected = page.js("[relgraph.network.getSelectedNodes(), relgraph.network.graph.getNodeAttribute('xi-jinping', 'ring')]")
        page.js("relgraph.clearSelection()")
        cleared = page.js("[relgraph.network.getSelectedNodes(), relgraph.network.graph.getNodeAttribute('xi-jinping', 'ring')]")
        assert page.errors == []
    finally:
        page.close()
    assert before > 20_000  # every visible bundle and actor drawn
    assert after < before  # the rest faded towards the white canvas
    assert selected == [["xi-jinping"], True]
    assert cleared == [[], False]


def test_a_click_on_a_drawn_edge_selects_its_bundle_and_on_empty_canvas_nothing(browser, page_files):
    page = OfflinePage(browser, page_files["webgl"])
    try:
        # The middle of the China–Russia asserted bundle, on screen, and a point far from every line.
        where = page.js("""(() => { const v = relgraph.network, p = v.getPositions(['china', 'russia']);
          const a = v.canvasToDOM(p.china), b = v.canvasToDOM(p.russia); const box = document.getElementById('network').getBoundingClientRect();
          return [box.left + (a.x + b.x) / 2, box.top + (a.y + b.y) / 2]; })()""")
        page.page.mouse.click(where[0], where[1])
        clicked = page.js("[relgraph.pinned(), relgraph.network.getSelectedEdges()]")
        page.page.keyboard.press("Escape")
        assert page.errors == []
    finally:
        page.close()
    assert clicked[0] == {"kind": "bundle", "id": "china|russia|asserted"}
    assert clicked[1] == ["china|russia|asserted"]


NO_WEBGL = """(() => { const original = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (kind, options) { return /webgl/.test(kind) ? null : original.call(this, kind, options); }; })()"""
SOFTWARE_WEBGL = """(() => { const original = WebGL2RenderingContext.prototype.getParameter;
  WebGL2RenderingContext.prototype.getParameter = function (name) {
    const info = this.getExtension('WEBGL_debug_renderer_info');
    return info && name === info.UNMASKED_RENDERER_WEBGL ? 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)' : original.call(this, name); }; })()"""


def open_with(browser, path, script: str) -> tuple[list, list]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    try:
        context.add_init_script(script)
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(path.resolve().as_uri())
        tab.wait_for_function("document.body.dataset.ready === 'true'", timeout=30_000)
        state = tab.evaluate("[relgraph.renderer, relgraph.rendererFallback, document.getElementById('renderer-note').hidden,"
                             " document.getElementById('renderer-note').textContent, relgraph.visibleNodeIds().length]")
        return state, errors
    finally:
        context.close()


def test_without_webgl_the_page_falls_back_to_vis_network_and_says_so(browser, page_files):
    state, errors = open_with(browser, page_files["webgl"], NO_WEBGL)
    assert errors == []
    assert state[:4] == ["vis", "this browser has no WebGL", False,
                         "This page would be drawn with WebGL (sigma.js), but this browser has no WebGL: "
                         "it is drawn with vis-network's canvas instead."]
    assert state[4] > 100  # the page works: its actors are drawn


def test_a_page_webgl_by_size_takes_vis_network_on_software_webgl_unless_built_with_renderer_webgl(browser, tmp_path, monkeypatch):
    from relgraph.export import renderers

    monkeypatch.setattr(renderers, "WEBGL_ABOVE", 10)  # the real data, chosen by size
    path = tmp_path / "auto.html"
    path.write_bytes(to_html(load_dataset(ROOT)))
    assert page_data(path.read_bytes())["renderer"] == {"renderer": "webgl", "forced": False}
    by_size, errors = open_with(browser, path, SOFTWARE_WEBGL)
    assert errors == []
    assert by_size[:3] == ["vis", "WebGL here is drawn in software, without a GPU", False]
    forced = tmp_path / "forced.html"
    forced.write_bytes(to_html(load_dataset(ROOT), renderer="webgl"))
    kept, errors = open_with(browser, forced, SOFTWARE_WEBGL)
    assert errors == []
    assert kept[:3] == ["webgl", None, True]


@pytest.mark.parametrize("width, height", SIZES)
def test_axe_finds_no_violation_on_the_webgl_page_with_an_actor_focused(browser, page_files, width, height):
    page = OfflinePage(browser, page_files["webgl"], width, height)
    try:
        page.js("relgraph.focusEntity('vladimir-putin')")
        violations = axe_violations(page)
        assert page.errors == []
        assert page.external == []
    finally:
        page.close()
    assert violations == []
