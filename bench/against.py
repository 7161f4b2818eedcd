"""Each stage of an earlier commit's benchmark, run by that commit's code and by this checkout's, in
turns within one run (A B A B ...), so the machine's noise falls on both alike.

Usage: python bench/against.py --ref fc07de4 [--size 100000] [--repeat 3] [--out docs/against-round1.md]

Why: "no stage slower than before" (issue 12) cannot be read off two docs/performance.md files
made on different days of a shared machine, whose floors moved by 1.8x between them. Here the
stages are the earlier commit's own snippets (its bench/run.py), run as written on its code, and
with its module paths mapped to today's (MODULES) on this checkout's; each code checks and builds
a corpus made by its own bench/generate.py. The RDF stages also count the triples each code
writes, because the graph's triples per relation changed by design since (issue 15).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable

# The earlier layout's modules -> where the same functions live now (the claim-model restructure).
MODULES = [
    ("from relgraph.validate import", "from relgraph.check.runner import"),
    ("from relgraph.build import build", "from relgraph.pipeline import build"),
    ("from relgraph.cache import", "from relgraph.check.runner import"),
    ("from relgraph.network import", "from relgraph.build.network import"),
    ("from relgraph.rdf import", "from relgraph.build.rdf import"),
    ("from relgraph.query import", "from relgraph.ask.sparql import"),
    ("from relgraph.paths import", "from relgraph.ask.paths import"),
]
TRIPLES = """
from relgraph.{module} import cached_dataset
from relgraph.export.turtle import to_ntriples
print(json.dumps({{'s': 0, 'rss_mb': 0, 'triples': to_ntriples(cached_dataset(root)).count(b'\\n')}}))
"""


def load_bench(path: Path):
    spec = importlib.util.spec_from_file_location(f"bench_{abs(hash(path))}", path)
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


def export_tree(ref: str, target: Path) -> Path:
    """The ref's src/, bench/, queries/ and graph/ (git archive: no worktree left behind)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src", "bench", "queries", "graph"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


class Code:
    """One side: its source folder, its bench module, its corpus."""

    def __init__(self, name: str, tree: Path, corpus: Path, mapped: bool):
        self.name, self.tree, self.corpus, self.mapped = name, tree, corpus, mapped
        self.bench = load_bench(tree / "bench" / "run.py")

    def env(self) -> dict:
        return dict(os.environ, PYTHONPATH=str(self.tree / "src"), RELGRAPH_ROOT=str(self.tree))

    def snippet(self, text: str) -> str:
        if self.mapped:
            for old, new in MODULES:
                text = text.replace(old, new)
        return text

    def run(self, snippet: str) -> dict:
        program = self.bench.PRELUDE + self.snippet(snippet) + self.bench.EPILOGUE
        done = subprocess.run([PY, "-c", program, str(self.corpus)], capture_output=True, text=True, env=self.env())
        if done.returncode != 0:
            raise SystemExit(f"{self.name}: stage failed:\n{snippet}\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def prepare(self, size: int) -> None:
        """Its corpus from its own generator, checked and built (output/graph.ttl for the query stages)."""
        program = (f"import sys; sys.path.insert(0, {str(self.tree / 'bench')!r}); from pathlib import Path; "
                   f"from generate import generate; generate({size}, Path({str(self.corpus)!r}))")
        subprocess.run([PY, "-c", program], check=True, env=self.env())
        build = "from relgraph.build import build" if not self.mapped else "from relgraph.pipeline import build"
        subprocess.run([PY, "-c", f"{build}; build({str(self.corpus)!r})"], check=True, env=self.env(),
                       stderr=subprocess.DEVNULL)


def compare(before: Code, now: Code, repeat: int, stages: list[str]) -> list[dict]:
    times: dict[tuple[str, str], list[float]] = {}
    for round_ in range(repeat):
        for stage in stages:
            for side in (before, now) if round_ % 2 == 0 else (now, before):  # who goes first alternates
                times.setdefault((stage, side.name), []).append(side.run(before.bench.STAGES[stage])["s"])
                progress(f"round {round_ + 1}/{repeat}: {stage} ({side.name})")
    progress("")
    return [{"stage": stage, "before": statistics.median(times[stage, before.name]),
             "now": statistics.median(times[stage, now.name])} for stage in stages]


def progress(text: str) -> None:
    if sys.stderr.isatty() and not os.environ.get("CI"):
        sys.stderr.write("\r\033[K" + text[:150])
        sys.stderr.flush()


def triples(code: Code) -> int:
    module = "check.runner" if code.mapped else "cache"
    done = subprocess.run([PY, "-c", code.bench.PRELUDE + TRIPLES.format(module=module), str(code.corpus)],
                          capture_output=True, text=True, env=code.env(), check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])["triples"]


RDF_STAGES = ("Turtle export", "N-Triples export", "N-Triples streamed to a file (memory above the loaded graph)",
              "floor: pyoxigraph dump of the same triples (Turtle)", "3 queries via relgraph (load + query)")


def report(rows: list[dict], ref: str, size: int, repeat: int, counts: tuple[int, int]) -> str:
    head = git("rev-parse", "--short", "HEAD")
    lines = [
        f"# relgraph against {ref}",
        "",
        "<!-- Generated by `python bench/against.py`; do not edit. -->",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores. "
        f"{size:,} relations; each stage is {ref}'s own benchmark snippet, run by {ref}'s code and by this "
        f"checkout's ({head}) in turns, median of {repeat}; each code on a corpus from its own generator.",
        "",
        f"N-Triples lines (triples) written for the corpus: {counts[0]:,} by {ref}, {counts[1]:,} now "
        f"({counts[1] / counts[0]:.2f}x). The RDF stages' last column is seconds per million triples.",
        "",
        f"| stage | {ref} s | now s | now / {ref} | per million triples, {ref} → now |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = row["now"] / row["before"]
        per = ""
        if row["stage"] in RDF_STAGES:  # their work grows with the triples written or loaded
            per = f"{row['before'] / counts[0] * 1e6:.2f} → {row['now'] / counts[1] * 1e6:.2f}"
        lines.append(f"| {row['stage']} | {row['before']:.3f} | {row['now']:.3f} | {ratio:.2f}x | {per} |")
    return "\n".join(lines) + "\n"


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", required=True, help="the earlier commit (e.g. fc07de4, round 1's last)")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stages", action="append", default=[], metavar="TEXT",
                        help="only the ref's stages whose name contains TEXT (repeatable)")
    parser.add_argument("--out", type=Path, default=None, help="write the table here (Markdown)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="relgraph-against-") as folder:
        folder = Path(folder)
        before = Code(args.ref, export_tree(args.ref, Path(tempfile.mkdtemp(dir=folder))), folder / "before", False)
        now = Code("now", ROOT, folder / "now", True)
        for code in (before, now):
            progress(f"generating and building {args.size:,} relations ({code.name})")
            code.prepare(args.size)
        stages = [s for s in before.bench.STAGES if not args.stages or any(t in s for t in args.stages)]
        rows = compare(before, now, args.repeat, stages)
        text = report(rows, args.ref, args.size, args.repeat, (triples(before), triples(now)))
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
