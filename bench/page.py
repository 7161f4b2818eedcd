"""The HTML page at scale, in real Chromium: build time, page weight, time to the first drawing,
and frame times while zooming and panning. Not a test (timings depend on the machine); run:

    .venv/bin/python bench/page.py 1000 10000 100000

Corpora come from bench/generate.py (the same as `make bench`); each is checked and loaded with
relgraph's own loader, then the page is built with export.html.to_html (what `build` calls)."""
from __future__ import annotations

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
# Ten zoom steps in and out, then ten pan steps: the time of each redraw, as the browser measures it.
FRAMES = """(() => {
  const network = relgraph.network, times = [];
  const step = (change) => { const t = performance.now(); change(); network.redraw(); times.push(performance.now() - t); };
  for (let i = 0; i < 10; i++) step(() => network.moveTo({scale: network.getScale() * (i < 5 ? 1.25 : 0.8), animation: false}));
  for (let i = 0; i < 10; i++) step(() => { const p = network.getViewPosition(); network.moveTo({position: {x: p.x + 40, y: p.y}, animation: false}); });
  return times;
})()"""


def measure(size: int, folder: Path, browser) -> dict:
    corpus = generate(size, folder / f"corpus-{size}")
    dataset = load_dataset(corpus)
    start = time.perf_counter()
    page = to_html(dataset)
    built = time.perf_counter() - start
    path = folder / f"page-{size}.html"
    path.write_bytes(page)
    context = browser.new_context(viewport={"width": 1440, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    tab.goto(path.as_uri())
    tab.wait_for_function("document.body.dataset.ready === 'true'", timeout=120_000)
    ready = tab.evaluate("performance.now()") / 1000
    frames = tab.evaluate(FRAMES)
    drawn = tab.evaluate("[relgraph.nodes.length, relgraph.edges.length]")
    context.close()
    return {"relations": size, "build_s": built, "page_mb": len(page) / 2**20, "ready_s": ready,
            "frame_median_ms": statistics.median(frames), "frame_max_ms": max(frames), "actors": drawn[0], "edges": drawn[1]}


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        print("| relations | build HTML (s) | page (MB) | ready in Chromium (s) | frame median (ms) | frame max (ms) | actors drawn | edges drawn |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in sizes:
            r = measure(size, Path(folder), browser)
            print(f"| {r['relations']:,} | {r['build_s']:.2f} | {r['page_mb']:.1f} | {r['ready_s']:.2f} | "
                  f"{r['frame_median_ms']:.0f} | {r['frame_max_ms']:.0f} | {r['actors']:,} | {r['edges']:,} |", flush=True)
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
