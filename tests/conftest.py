"""Shared fixtures: the real project root and throw-away copies of the small fixture project."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.cli import main

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/mini that a test may break as it likes."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def run(root: Path, *args: str):
    """Run the CLI in-process on a project; returns click's Result (stdout and stderr apart)."""
    return CliRunner().invoke(main, ["-C", str(root), *args], catch_exceptions=False)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
