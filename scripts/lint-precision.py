#!/usr/bin/env python3
"""How often the reading lint is right: its warnings on the first reading of the corpus, against
what the second reading and the re-audit changed.

The first reading (graph/ at FIRST_READING) is checked with today's lint. A warned relation was a
real misreading when the later readings changed it: no relation of today's graph has the same
source, subject, predicate, object, date, status and attribution. Prints a Markdown table for
docs/curation.md. Usage: .venv/bin/python scripts/lint-precision.py
"""
from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from relgraph.check.lint import RULES  # noqa: E402
from relgraph.check.runner import check_project  # noqa: E402

FIRST_READING = "6939f45"  # the last commit before the second reading


def first_reading(target: Path) -> Path:
    archive = subprocess.run(["git", "archive", FIRST_READING, "graph", "seeds"], cwd=ROOT, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


def reading(r) -> tuple:
    return (r.source, r.subject, r.predicate, r.object, str(r.date or ""), r.status, r.reported_by, r.denied_by)


def warned_relations(root: Path) -> list[tuple[str, object]]:
    """(code, relation) for every lint warning: a warning sits on its relation's quote."""
    dataset, diagnostics = check_project(root)
    if dataset is None:
        raise SystemExit(f"the first reading does not check: {[str(d) for d in diagnostics if d.level == 'error'][:3]}")
    by_file: dict[str, list] = {}
    for r in dataset.relations:
        by_file.setdefault(r.position.file, []).append((r.position.line, r))
    found = []
    for d in diagnostics:
        if d.code in RULES:
            candidates = [r for line, r in sorted(by_file[d.position.file], key=lambda x: x[0]) if line <= d.position.line]
            found.append((d.code, candidates[-1]))
    return found


def main() -> None:
    today = {reading(r) for r in check_project(ROOT)[0].relations}
    with tempfile.TemporaryDirectory() as tmp:
        old_root = first_reading(Path(tmp))
        old = check_project(old_root)[0]
        warnings = warned_relations(old_root)
    changed = {reading(r) for r in old.relations} - today
    warned, right = Counter(), Counter()
    for code, relation in warnings:
        warned[code] += 1
        right[code] += reading(relation) in changed
    flagged = {reading(r) for _, r in warnings}
    print("| code | warnings on the first reading | relations the later readings changed | precision |")
    print("|---|---|---|---|")
    for code in RULES:
        share = f"{right[code] / warned[code]:.0%}" if warned[code] else "-"
        print(f"| `{code}` | {warned[code]} | {right[code]} | {share} |")
    total, hits = sum(warned.values()), sum(right.values())
    print(f"| all | {total} | {hits} | {hits / total:.0%} |" if total else "| all | 0 | 0 | - |")
    print()
    print(f"The first reading had {len(old.relations)} relations; the later readings changed or removed "
          f"{len(changed)} of them; the lint flagged {len(flagged & changed)} of those ({len(flagged & changed) / len(changed):.0%}).")


if __name__ == "__main__":
    main()
