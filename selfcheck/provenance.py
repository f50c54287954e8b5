"""What exactly is running: app version, rule set and report layout, for operators and support.

A report or a score can only be reproduced with the same rule set (id, version, content hash)
and the same layout version; ``selfcheck --version`` and ``GET /version`` say which these are.
"""

from __future__ import annotations

from . import __version__
from .engine.model import RuleSet
from .reports.version import TEMPLATE_VERSION


def provenance(ruleset: RuleSet) -> dict[str, str]:
    """Versions without secrets or paths: safe to show to anyone."""
    return {
        "app_version": __version__,
        "ruleset_id": ruleset.id,
        "ruleset_version": ruleset.version,
        "ruleset_hash": ruleset.hash,
        "template_version": TEMPLATE_VERSION,
    }
