"""Fixtures shared by every layer's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINIMAL_RULES = ROOT / "tests" / "fixtures" / "rules" / "minimal"
REAL_RULES = ROOT / "rules" / "blended-impact"


@pytest.fixture(scope="session")
def minimal_rules_dir() -> Path:
    """A small rule set that uses every feature of the format once."""
    return MINIMAL_RULES


@pytest.fixture(scope="session")
def real_rules_dir() -> Path:
    """The shipped Blended-Impact rule set."""
    return REAL_RULES


@pytest.fixture(scope="session")
def minimal_ruleset(minimal_rules_dir):
    from selfcheck.engine import load_ruleset

    return load_ruleset(minimal_rules_dir)


@pytest.fixture(scope="session")
def real_ruleset(real_rules_dir):
    from selfcheck.engine import load_ruleset

    return load_ruleset(real_rules_dir)
