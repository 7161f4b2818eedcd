"""The HTML page at scale, in real Chromium: build time, page weight, time to the first drawing,
and frame times while zooming and panning. Not a test (timings depend on the machine); run:

    .venv/bin/python bench/page.py 1000 10000 100000
    .venv/bin/python bench/page.py --corpus DIR --json     # one corpus already generated (bench/run.py's stage)

Corpora come from bench/generate.py (the same as `make bench`); each is checked and loaded with
relgraph's own loader, then the page is built with export.html.to_html (what `build` calls).

Each page is measured with both renderers (export/renderers.py): vis-network (canvas 2D) and
sigma.js (WebGL). Three kinds of frame are timed, each from the renderer's beforeDrawing to the
end of its afterDrawing (the page's own labels included): frames during real input (mouse-wheel
zoom and a drag, through Playwright; vis-network hides the edges while it zooms and drags above
LARGE_GRAPH actors, sigma.js draws them), a full redraw with every edge after each of 40
programmatic zoom/pan steps, and a selection (focus on an actor: every actor and edge restyled,
then drawn). A WebGL frame's time includes the GPU's work: the page reads one pixel back after
each drawing, which waits until the drawing is done (Chromium's WebGL here is SwiftShader, on the CPU)."""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from generate import generate  # noqa: E402
from relgraph.check.runner import load_dataset  # noqa: E402
from relgraph.export.html import to_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FRAME_TARGET_MS = 33  # p95 at most this: smooth at 30 frames a second
OPEN_TARGET_S = 3.0
# Every drawing's duration, from vis-network's own events (the page's label drawing runs in afterDrawing).
RECORD = """(() => { window.__frames = []; let start = 0;
  const view = relgraph.network;
  // WebGL draws asynchronously: reading a pixel back waits for the drawing to be done.
  const contexts = view.kind === 'webgl' ? Object.values(view.sigma.webGLContexts) : [];
  const pixel = new Uint8Array(4);
  window.__finish = () => { for (const gl of contexts) gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel); };
  view.on('beforeDrawing', () => { start = performance.now(); });
  window.__cpu = [];  // the same frames on the page's thread only (without waiting for the GPU)
  view.on('afterDrawing', () => { window.__cpu.push(performance.now() - start); window.__finish(); window.__frames.push(performance.now() - start); }); })()"""
# Twenty zoom steps in and out, then twenty pan steps, each a full redraw with every edge.
REDRAWS = """(() => {
  const network = relgraph.network; window.__frames = []; window.__cpu = [];
  for (let i = 0; i < 20; i++) { network.moveTo({scale: network.getScale() * (i < 10 ? 1.25 : 0.8), animation: false}); network.redraw(); }
  for (let i = 0; i < 20; i++) { const p = network.getViewPosition(); network.moveTo({position: {x: p.x + 40, y: p.y}, animation: false}); network.redraw(); }
  return [window.__frames, window.__cpu];
})()"""


# A selection: focus on the best-connected actor (every actor and edge restyled), drawn at once;
# then the selection cleared. Timed from the call to the end of the drawing, ten times.
SELECTIONS = """(() => {
  const view = relgraph.network, hub = relgraph.nodes.get().filter(n => !n.hidden).sort((a, b) => b.degree - a.degree)[0].id;
  const times = [], thread = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    if (i % 2) relgraph.clearSelection(); else relgraph.focusEntity(hub);
    const restyled = performance.now() - start;
    view.redraw();  // RECORD's afterDrawing waits for the GPU and keeps the frame's own time in __cpu
    thread.push(restyled + window.__cpu[window.__cpu.length - 1]);
    times.push(performance.now() - start);
  }
  return [times, thread];
})()"""


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def interact(tab) -> list[float]:
    """Real input: twenty wheel steps in and out over the graph, then a drag across it."""
    box = tab.locator("#network").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    tab.evaluate("window.__frames = []")
    tab.mouse.move(x, y)
    for i in range(20):
        tab.mouse.wheel(0, -120 if i < 10 else 120)
        tab.wait_for_timeout(40)
    tab.mouse.down()
    for i in range(30):
        tab.mouse.move(x + 6 * i, y + 3 * i)
        tab.wait_for_timeout(15)
    tab.mouse.up()
    tab.wait_for_timeout(400)  # the redraw with edges after the drag and zoom end is a frame too
    return tab.evaluate("window.__frames")


def measure_page(dataset, folder: Path, browser, size: int, renderer: str = "auto") -> dict:
    start = time.perf_counter()
    page = to_html(dataset, renderer=renderer)
    built = time.perf_counter() - start
    path = folder / f"page-{size}-{renderer}.html"
    path.write_bytes(page)
    context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    tab.goto(path.as_uri())
    tab.wait_for_function("document.body.dataset.ready === 'true'", timeout=120_000)
    ready = tab.evaluate("performance.now()") / 1000
    tab.evaluate(RECORD)
    live = interact(tab)
    full, thread = tab.evaluate(REDRAWS)
    selections, selection_thread = tab.evaluate(SELECTIONS)
    drawn = tab.evaluate("[relgraph.nodes.get({filter: n => !n.hidden}).length, relgraph.edges.get({filter: e => !e.hidden}).length, relgraph.renderer]")
    context.close()
    return {"relations": size, "renderer": drawn[2], "build_s": built, "page_mb": len(page) / 2**20, "ready_s": ready,
            "select_p50_ms": statistics.median(selections), "select_p95_ms": percentile(selections, 0.95),
            "select_thread_p50_ms": statistics.median(selection_thread), "select_thread_p95_ms": percentile(selection_thread, 0.95),
            "input_frames": len(live), "input_p50_ms": statistics.median(live), "input_p95_ms": percentile(live, 0.95),
            "redraw_p50_ms": statistics.median(full), "redraw_p95_ms": percentile(full, 0.95),
            "redraw_thread_p50_ms": statistics.median(thread), "redraw_thread_p95_ms": percentile(thread, 0.95),
            "nodes_drawn": drawn[0], "edges_drawn": drawn[1]}


def launch(playwright):
    # SwiftShader gives WebGL without a GPU (the flag keeps it allowed in newer Chromium).
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader"])


def measure_both(dataset, folder: Path, browser, size: int) -> dict:
    """The page as `build` writes it (its renderer chosen by size), and each renderer forced."""
    chosen = measure_page(dataset, folder, browser, size)
    chosen["renderers"] = {r: measure_page(dataset, folder, browser, size, r) for r in ("vis", "webgl")}
    return chosen


def measure_corpus(corpus: Path, size: int) -> dict:
    from playwright.sync_api import sync_playwright

    dataset = load_dataset(corpus)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return measure_both(dataset, Path(folder), browser, size)
        finally:
            browser.close()


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = launch(playwright)
        print("| relations | renderer | build HTML (s) | page (MB) | ready in Chromium (s) | input frames p50 / p95 (ms) "
              f"| full redraw p50 / p95 (ms) | of it on the page's thread p50 / p95 (ms) | selection p50 / p95 (ms) | of it on the page's thread (ms) | nodes drawn | edges drawn "
              f"| redraw p95 within {FRAME_TARGET_MS} ms |")
        print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for size in sizes:
            dataset = load_dataset(generate(size, Path(folder) / f"corpus-{size}"))
            for renderer in ("vis", "webgl"):
                r = measure_page(dataset, Path(folder), browser, size, renderer)
                met = "met" if r["redraw_p95_ms"] <= FRAME_TARGET_MS else "missed"
                print(f"| {r['relations']:,} | {r['renderer']} | {r['build_s']:.2f} | {r['page_mb']:.1f} | {r['ready_s']:.2f} | "
                      f"{r['input_p50_ms']:.0f} / {r['input_p95_ms']:.0f} | {r['redraw_p50_ms']:.0f} / {r['redraw_p95_ms']:.0f} | "
                      f"{r['redraw_thread_p50_ms']:.0f} / {r['redraw_thread_p95_ms']:.0f} | "
                      f"{r['select_p50_ms']:.0f} / {r['select_p95_ms']:.0f} | {r['select_thread_p50_ms']:.0f} / {r['select_thread_p95_ms']:.0f} | "
                      f"{r['nodes_drawn']:,} | {r['edges_drawn']:,} | {met} |", flush=True)
        browser.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int)
    parser.add_argument("--corpus", type=Path, help="measure this generated corpus (its size: --size)")
    parser.add_argument("--size", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON (with --corpus)")
    args = parser.parse_args()
    if args.corpus:
        print(json.dumps(measure_corpus(args.corpus, args.size)))
    else:
        main(args.sizes or [1000, 10000])
