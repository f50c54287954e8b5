"""Fixtures for the workshop tests: apps (from tests/conftest.py) built with a small group rule set.

Like every database test, these run on SQLite, and also on PostgreSQL when configured.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

GROUP_RULES = Path(__file__).resolve().parent / "fixtures" / "rules" / "group"


@pytest.fixture(scope="session")
def group_rules_dir() -> Path:
    """A small rule set with a partnership question and umlauts."""
    return GROUP_RULES


@pytest.fixture(scope="session")
def group_ruleset(group_rules_dir: Path) -> Any:
    from selfcheck.engine import load_ruleset

    return load_ruleset(group_rules_dir)


@pytest.fixture
def default_rules_dir(group_rules_dir: Path) -> Path:
    return group_rules_dir
