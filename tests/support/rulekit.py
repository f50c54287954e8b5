"""Helpers for engine tests: rule sets that differ from the minimal fixture in one place.

A plain module (not conftest.py), so tests can import it by name.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from selfcheck.engine import Problem, check_ruleset

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "rules" / "minimal"

Edit = tuple[str, str, str]  # (file name, text to replace, replacement)


def copy_minimal(target: Path) -> Path:
    """A private copy of the minimal rule set (the fixture itself is never changed)."""
    shutil.copytree(MINIMAL, target)
    return target


def apply_edits(folder: Path, *edits: Edit) -> Path:
    """Replace text in rule files; each old text must occur exactly once, so a typo fails loudly."""
    for name, old, new in edits:
        path = folder / name
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if old:
            assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
            text = text.replace(old, new)
        else:
            text += new
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def line_with(path: Path, needle: str) -> int:
    """The 1-based line of the only line of ``path`` that contains ``needle``."""
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"{needle!r} is on lines {lines} of {path.name}"
    return lines[0]


def problems_of(folder: Path) -> list[Problem]:
    """All problems of a rule set, errors and warnings."""
    _, problems = check_ruleset(folder)
    return problems


def only(problems: list[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]
