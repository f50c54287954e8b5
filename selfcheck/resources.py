"""Where the shipped data lives: the rule sets, the templates and the database migrations.

The repository keeps ``rules/``, ``templates/`` and ``migrations/`` at its top level; the wheel
carries them inside the package as ``selfcheck/_data/<name>`` (see ``pyproject.toml``). One
lookup serves both, so an installed app and a source checkout never resolve data differently,
and neither depends on the current folder.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DEFAULT_RULESET = "blended-impact"


def shipped(name: str) -> Path:
    """The shipped folder ``name`` ("rules", "templates" or "migrations")."""
    package = Path(str(files("selfcheck")))
    installed = package / "_data" / name
    return installed if installed.is_dir() else package.parent / name


def shipped_ruleset() -> Path:
    """The rule set the app answers with unless ``SELFCHECK_RULES_DIR`` names another."""
    return shipped("rules") / DEFAULT_RULESET
