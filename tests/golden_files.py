"""Golden-file comparison with a readable diff; RELGRAPH_UPDATE_GOLDEN=1 rewrites them on purpose."""
from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("RELGRAPH_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"golden/{name}", "actual"))
        raise AssertionError(f"output differs from tests/golden/{name} "
                             f"(RELGRAPH_UPDATE_GOLDEN=1 pytest to accept):\n{diff}")
