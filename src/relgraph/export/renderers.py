"""Which renderer draws the HTML page, declared once (the page, `relgraph html --renderer` and the
docs read it; light to import, for the CLI).

vis-network (canvas 2D) redraws 10,000 relations in 54 ms at p50 and 90 ms at p95, over the 33 ms a
frame may take; sigma.js 3 (WebGL, with graphology, as Gephi Lite uses) redraws them within it
on the page's thread (bench/page.py). "auto" takes WebGL above WEBGL_ABOVE drawn relations. A WebGL
page carries vis-network too and falls back to it, saying so, in a browser without WebGL, and, when
chosen by size, where WebGL is drawn in software (no GPU: SwiftShader redraws 10,000 relations far
slower than vis-network's canvas); `--renderer webgl` keeps WebGL there too.
"""
from __future__ import annotations

RENDERERS = ("auto", "vis", "webgl")
WEBGL_ABOVE = 2_000  # drawn relations (bundles) above which "auto" takes WebGL


def chosen_renderer(renderer: str, relations: int) -> str:
    """The renderer a page of this many drawn relations gets: "vis" or "webgl"."""
    if renderer not in RENDERERS:
        raise ValueError(f"renderer {renderer!r} is not one of {', '.join(RENDERERS)}")
    if renderer == "auto":
        return "webgl" if relations > WEBGL_ABOVE else "vis"
    return renderer


def renderer_notice(renderer: str, relations: int) -> str:
    """The line `build` and `html` print on stderr for a page drawn with WebGL."""
    why = "as asked" if renderer == "webgl" else f"above the {WEBGL_ABOVE:,} that vis-network redraws within a frame"
    return (f"renderer: {relations:,} relations drawn with WebGL (sigma.js), {why} (vis-network where the browser "
            f"has no WebGL{'' if renderer == 'webgl' else ' or draws it without a GPU'}); "
            f"`relgraph html --renderer vis` draws them with vis-network")
