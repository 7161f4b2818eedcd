"""The query page `relgraph serve` gives at /query: the shipped example queries (queries/*.rq, by
their `# title:` and `# description:` lines) beside a SPARQL editor that runs them against the
server's own /sparql. The editor is YASGUI (@zazuko/yasgui, MIT), vendored in relgraph/static/
(see its yasgui.LICENSE.txt; scripts/vendor-yasgui.sh refreshes it), so the page works offline.

Our markup is plain and accessible on its own (headings, a list of buttons, a live status line);
YASGUI's widgets are its own (tests/test_serve.py says which of its axe findings are excluded).
"""
from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path

# What /static/NAME serves: the vendored editor and the page's own script and style.
STATIC_TYPES = {
    "yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css", "yasgui.LICENSE.txt": "text/plain",
    "query.js": "text/javascript", "query.css": "text/css",
}


def example_queries(folder: Path) -> list[dict]:
    """Each queries/*.rq as {id, title, description, query}, by file name; a file without a title
    line is shown by its name."""
    found = []
    for path in sorted(Path(folder).glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            key, _, value = line[1:].strip().partition(":")
            header[key.strip().lower()] = value.strip()
        found.append({"id": path.stem, "title": header.get("title") or path.stem,
                      "description": header.get("description", ""), "query": text})
    return found


def static_file(name: str) -> bytes | None:
    """A file of relgraph/static/ that the page uses, or None for any other name."""
    if name not in STATIC_TYPES:
        return None
    return resources.files("relgraph").joinpath("static", name).read_bytes()


def _examples_list(examples: list[dict]) -> str:
    items = []
    for example in examples:
        key = html.escape(example["id"])
        items.append(
            f'<li><button type="button" class="example" data-example="{key}" '
            f'aria-describedby="about-{key}">{html.escape(example["title"])}</button>'
            f'<p id="about-{key}">{html.escape(example["description"])}</p></li>')
    return "\n".join(items)


def query_page(examples: list[dict], graph_name: str, triples: int) -> bytes:
    """The page's HTML; the examples travel as JSON in a script element (`<` escaped, so no text
    of a query can close it)."""
    data = json.dumps(examples, ensure_ascii=False).replace("<", "\\u003c")
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>relgraph: query the graph</title>
<link rel="stylesheet" href="/static/yasgui.min.css">
<link rel="stylesheet" href="/static/query.css">
</head>
<body>
<header>
<h1>Query the graph</h1>
<p>SPARQL 1.1 over <code>{html.escape(graph_name)}</code> ({triples:,} triples), answered by this server at
<code>/sparql</code>, read-only. Pick an example to load it into the editor, then run it with the editor's
run button or Ctrl+Enter. <a href="/">The graph page</a>.</p>
</header>
<main>
<nav aria-labelledby="examples-title">
<h2 id="examples-title">Example queries</h2>
<ul class="examples">
{_examples_list(examples)}
</ul>
</nav>
<section aria-labelledby="editor-title">
<h2 id="editor-title">Query and results</h2>
<p id="chosen" role="status"></p>
<div id="yasgui"></div>
</section>
</main>
<script type="application/json" id="examples">{data}</script>
<script src="/static/yasgui.min.js"></script>
<script src="/static/query.js"></script>
</body>
</html>
""".encode("utf-8")
