"""Screenshots of output/graph.html at 1440x900 and 390x844 for docs/screenshots/: the first view,
an evidence card with the quote in its paragraph, a path, and the table of relations. Run after `make graph`:

    .venv/bin/python scripts/page-screenshots.py

Uses Debian's /usr/bin/chromium through Playwright, offline (the page makes no request)."""
from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "output" / "graph.html"
OUT = ROOT / "docs" / "screenshots"
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}
# The Xi–Putin call of 8 February 2024 (double-down-2024-02), found by its sentence, not its id.
CALL = ("Object.values(JSON.parse(document.getElementById('relgraph-data').textContent).relations)"
        ".find(r => r.from === 'xi-jinping' && r.predicate === 'holds-call-with' && r.to === 'vladimir-putin' && r.date === '2024-02-08').id")


def shoot(browser, name: str, width: int, height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
    page = context.new_page()
    page.goto(PAGE.as_uri())
    page.wait_for_function("document.body.dataset.ready === 'true'")
    page.screenshot(path=str(OUT / f"{name}-first-view.png"))
    page.evaluate(f"relgraph.selectRelation({CALL})")
    page.screenshot(path=str(OUT / f"{name}-evidence.png"))
    page.keyboard.press("Escape")
    if width < 1000:
        page.click('#tabs button[data-drawer="controls"]')
    page.fill("#path-from", "Xi")
    page.fill("#path-to", "Zelensky")
    page.click("#path-form button[type=submit]")
    if width < 1000:
        page.locator("#path-result").scroll_into_view_if_needed()
    page.screenshot(path=str(OUT / f"{name}-path.png"))
    page.keyboard.press("Escape")
    page.click("#show-table")  # the text alternative: the relations shown, searchable, with their evidence
    page.keyboard.type("Zelensky")
    page.screenshot(path=str(OUT / f"{name}-table.png"))
    context.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for name, (width, height) in SIZES.items():
            shoot(browser, name, width, height)
        browser.close()
    for file in sorted(OUT.glob("*.png")):
        print(file.relative_to(ROOT))


if __name__ == "__main__":
    main()
