"""relgraph benchmark: each stage beside the fastest library floor, measured in the same run.

Usage: python bench/run.py [--sizes 1000,10000] [--repeat 3] [--no-write]
Each measurement runs in a fresh Python process (median wall time of --repeat runs, peak RSS).
Prints a table and writes docs/performance.md with the machine it ran on. Compare ratios, not
absolute times: the machine is shared and noisy.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
RELGRAPH = str(Path(PY).with_name("relgraph"))
sys.path.insert(0, str(ROOT / "bench"))

# Snippets run in a fresh process with ROOT_DIR set; each prints nothing. Setup happens in the
# snippet before the clock starts (START), so only the stage is timed.
PRELUDE = "import os, sys, time, resource, json\nroot = sys.argv[1]\n"
EPILOGUE = ("\nelapsed = time.perf_counter() - START\n"
            "print(json.dumps({'s': elapsed, 'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
            " 'extra_mb': globals().get('EXTRA_MB')}))\n")
# For a stage whose own memory matters (streaming), the snippet resets the kernel's peak-RSS mark
# after its setup (Linux: /proc/self/clear_refs) and reports the peak above that point as EXTRA_MB.
RESET_PEAK = """
def rss_kb(field):
    for line in open('/proc/self/status'):
        if line.startswith(field):
            return int(line.split()[1])
import gc; gc.collect()
with open('/proc/self/clear_refs', 'w') as h:
    h.write('5')
BASE_KB = rss_kb('VmRSS')
"""
EDIT_ONE_FILE = """
from pathlib import Path
edited = sorted(Path(root, 'graph', 'relations').glob('*.yaml'))[len(list(Path(root, 'graph', 'relations').glob('*.yaml'))) // 2]
original = edited.read_bytes()
import atexit; atexit.register(edited.write_bytes, original)
edited.write_bytes(original.replace(b'quote:', b'note: edited for the benchmark\\n  quote:', 1))
"""

STAGES = {
    "floor: PyYAML C loader, all YAML files": """
import yaml, glob
files = sorted(glob.glob(root + '/graph/**/*.yaml', recursive=True))
START = time.perf_counter()
for f in files:
    with open(f, 'rb') as h:
        yaml.load(h, Loader=yaml.CSafeLoader)
""",
    "relgraph check (parse, validate, quotes)": """
from relgraph.validate import check_project
START = time.perf_counter()
dataset, diagnostics = check_project(root)
assert dataset is not None
""",
    "check after editing one relation file (per-file cache)": """
from relgraph.validate import check_project
check_project(root, cache=True)  # fills the cache
""" + EDIT_ONE_FILE + """
START = time.perf_counter()
dataset, diagnostics = check_project(root, cache=True)
assert dataset is not None
""",
    "build, cold (check, Turtle, HTML; no cache)": """
import shutil
from relgraph.build import build
shutil.rmtree(root + '/output', ignore_errors=True)
START = time.perf_counter()
build(root)
""",
    "build after editing one relation file (per-file cache)": """
from relgraph.build import build
build(root, cache=True)  # fills the cache
""" + EDIT_ONE_FILE + """
START = time.perf_counter()
build(root, cache=True)
""",
    "NetworkX build": """
from relgraph.cache import cached_dataset as load_dataset
from relgraph.network import build_network
d = load_dataset(root)
START = time.perf_counter()
build_network(d)
""",
    "Turtle export": """
from relgraph.cache import cached_dataset as load_dataset
from relgraph.export.turtle import to_turtle
d = load_dataset(root)
START = time.perf_counter()
data = to_turtle(d)
""",
    "N-Triples export": """
from relgraph.cache import cached_dataset as load_dataset
from relgraph.export.turtle import to_ntriples
d = load_dataset(root)
START = time.perf_counter()
data = to_ntriples(d)
""",
    "N-Triples streamed to a file (memory above the loaded graph)": """
from relgraph.cache import cached_dataset as load_dataset
from relgraph.export.turtle import write_ntriples
d = load_dataset(root)
""" + RESET_PEAK + """
START = time.perf_counter()
with open(root + '/graph.nt', 'wb') as handle:
    write_ntriples(d, handle)
EXTRA_MB = (rss_kb('VmHWM') - BASE_KB) / 1024
""",
    "floor: pyoxigraph dump of the same triples (Turtle)": """
import pyoxigraph
from relgraph.cache import cached_dataset as load_dataset
from relgraph.export.turtle import to_ntriples
from relgraph.rdf import iri_prefixes
quads = list(pyoxigraph.parse(to_ntriples(load_dataset(root)), format=pyoxigraph.RdfFormat.N_TRIPLES))
START = time.perf_counter()
pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.TURTLE, prefixes=iri_prefixes())
""",
    "HTML page": """
from relgraph.cache import cached_dataset as load_dataset
from relgraph.export.html import to_html
d = load_dataset(root)
START = time.perf_counter()
to_html(d)
""",
    "3 queries via relgraph (load + query)": """
from pathlib import Path
from relgraph.query import open_store, read_prefixes, run_query
ttl = Path(root) / 'output' / 'graph.ttl'
queries = [Path(os.environ['RELGRAPH_ROOT'], 'queries', q).read_text() for q in ('sanctions.rq', 'multi-source.rq', 'changes-2023-2024.rq')]
START = time.perf_counter()
store = open_store(ttl)
for q in queries:
    run_query(store, q, read_prefixes(ttl), 'q').rows
""",
    "floor: pyoxigraph, same 3 queries on a loaded store": """
import pyoxigraph
from pathlib import Path
from relgraph.query import read_prefixes
ttl = Path(root) / 'output' / 'graph.ttl'
queries = [Path(os.environ['RELGRAPH_ROOT'], 'queries', q).read_text() for q in ('sanctions.rq', 'multi-source.rq', 'changes-2023-2024.rq')]
store = pyoxigraph.Store(); store.bulk_load(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE)
prefixes = read_prefixes(ttl)
START = time.perf_counter()
for q in queries:
    list(store.query(q, prefixes=prefixes))
""",
    "100 path queries in-process (total)": """
import random
from relgraph.cache import cached_dataset as load_dataset
from relgraph.paths import find_paths, PathFilter
from relgraph.errors import NoPath
d = load_dataset(root)
ids = sorted(d.entities)
rng = random.Random(1)
pairs = [(rng.choice(ids), rng.choice(ids)) for _ in range(100)]
START = time.perf_counter()
for a, b in pairs:
    try:
        find_paths(d, a, b, PathFilter())
    except NoPath:
        pass
""",
}


def measure(snippet: str, root: Path, repeat: int) -> tuple[float, float, float | None]:
    """Median seconds, peak RSS (MB) and, for a streaming stage, peak MB above its setup."""
    times, rss, extra = [], [], []
    for _ in range(repeat):
        out = subprocess.run([PY, "-c", PRELUDE + snippet + EPILOGUE, str(root)], capture_output=True, text=True,
                             env=dict(os.environ, RELGRAPH_ROOT=str(ROOT)))
        if out.returncode != 0:
            raise SystemExit(f"benchmark stage failed:\n{snippet}\n{out.stderr}")
        data = json.loads(out.stdout.strip().splitlines()[-1])
        times.append(data["s"])
        rss.append(data["rss_mb"])
        if data.get("extra_mb") is not None:
            extra.append(data["extra_mb"])
    return statistics.median(times), max(rss), max(extra) if extra else None


def walls(commands: list[list[str]], repeat: int) -> list[float]:
    """Median wall time of each command, run in turns (A B C A B C …) so load spikes hit all alike."""
    times: list[list[float]] = [[] for _ in commands]
    for cmd in commands:  # one unmeasured round warms the file cache and relgraph's dataset cache
        subprocess.run(cmd, capture_output=True, check=False)
    for _ in range(repeat):
        for index, cmd in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=False)
            times[index].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="relation counts, comma-separated (100000 and 1000000 on request; 0 for none)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    args = parser.parse_args()
    from generate import generate

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in [int(s) for s in args.sizes.split(",") if int(s) > 0]:
            corpus = generate(size, Path(tmp) / f"c{size}")
            subprocess.run([RELGRAPH, "-C", str(corpus), "build"], check=True, capture_output=True)
            for name, snippet in STAGES.items():
                if name == "HTML page" and size > 10_000:
                    continue  # a browser page of 25,000 actors is not a use case; --around is
                if name.startswith("build") and size > 100_000:
                    continue  # at 1M the build's HTML page alone is about 1 GB: not a use case
                seconds, rss, extra = measure(snippet, corpus, args.repeat)
                rows.append((f"{size:,}", name, seconds, rss, extra))
                more = f" (+{extra:.0f} MB above the loaded graph)" if extra is not None else ""
                print(f"{size:>9,}  {name:<60} {seconds:9.3f} s {rss:8.0f} MB{more}", flush=True)
    networkx, cold_path, help_time = walls([[PY, "-c", "import networkx"],
                                            [RELGRAPH, "-C", str(ROOT), "path", "Xi", "Zelensky"],
                                            [RELGRAPH, "--help"]], 15)
    checks = summarize(rows, networkx, cold_path, help_time)
    table = render(rows, networkx, cold_path, help_time, checks)
    print()
    print(table)
    if not args.no_write:
        (ROOT / "docs" / "performance.md").write_text(table, encoding="utf-8")


def lookup(rows, size, name, column=2):
    return next((row[column] for row in rows if row[0] == size and row[1] == name), None)


def summarize(rows, networkx, cold_path, help_time) -> list[str]:
    lines = []
    for size in dict.fromkeys(r[0] for r in rows):  # noqa: B007
        floor = lookup(rows, size, "floor: PyYAML C loader, all YAML files")
        check = lookup(rows, size, "relgraph check (parse, validate, quotes)")
        lines.append(f"{size} relations: check is {check / floor:.1f}x the PyYAML C loader floor (target at 100k: at most 1x)")
        ttl, oxi = lookup(rows, size, "Turtle export"), lookup(rows, size, "floor: pyoxigraph dump of the same triples (Turtle)")
        nt = lookup(rows, size, "N-Triples export")
        lines.append(f"{size} relations: Turtle export is {ttl / oxi:.1f}x and N-Triples {nt / oxi:.1f}x the pyoxigraph floor (target at 100k: at most 3x)")
        query, qfloor = lookup(rows, size, "3 queries via relgraph (load + query)"), lookup(rows, size, "floor: pyoxigraph, same 3 queries on a loaded store")
        lines.append(f"{size} relations: relgraph query is {query / qfloor:.1f}x pyoxigraph on a loaded store, load included (target: at most 2x)")
        paths = lookup(rows, size, "100 path queries in-process (total)")
        lines.append(f"{size} relations: path queries take {paths * 10:.1f} ms each on average (target at 100k: at most 50 ms)")
        cold_build = lookup(rows, size, "build, cold (check, Turtle, HTML; no cache)")
        warm_build = lookup(rows, size, "build after editing one relation file (per-file cache)")
        warm_check = lookup(rows, size, "check after editing one relation file (per-file cache)")
        if cold_build and warm_build:
            lines.append(f"{size} relations: after editing one file, build takes {warm_build / cold_build:.0%} of a cold build "
                         f"and check {warm_check / check:.0%} of a cold check (target at 100k: at most 10%)")
        extra = lookup(rows, size, "N-Triples streamed to a file (memory above the loaded graph)", column=4)
        if extra is not None:
            lines.append(f"{size} relations: streaming N-Triples to a file needs {extra:.0f} MB above the loaded graph "
                         "(target: bounded, whatever the size)")
    lines.append(f"cold `relgraph path Xi Zelensky` on the real graph: {cold_path / networkx:.2f}x `python -c 'import networkx'` (target: at most 1.5x)")
    lines.append(f"`relgraph --help`: {help_time * 1000:.0f} ms (target: at most 150 ms)")
    return lines


def render(rows, networkx, cold_path, help_time, checks) -> str:
    out = ["# relgraph performance", "", "<!-- Generated by `python bench/run.py`; do not edit. -->", "",
           f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores.",
           "Median wall time of fresh processes; peak RSS of the process. Compare ratios within one run.", "",
           "| relations | stage | seconds | peak MB |", "|---|---|---|---|"]
    out += [f"| {size} | {name} | {seconds:.3f} | {rss:.0f}{f' (+{extra:.0f})' if extra is not None else ''} |"
            for size, name, seconds, rss, extra in rows]
    out += ["", "| command (real graph) | seconds |", "|---|---|",
            f"| `python -c 'import networkx'` (floor) | {networkx:.3f} |",
            f"| `relgraph path Xi Zelensky` (cold, dataset cache warm) | {cold_path:.3f} |",
            f"| `relgraph --help` | {help_time:.3f} |", "", "## Against the targets", ""]
    out += [f"- {line}" for line in checks]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
