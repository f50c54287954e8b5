"""The engine is pure: importing it (and the rules CLI) loads no web, database or PDF library."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("flask", "flask_wtf", "flask_babel", "sqlalchemy", "wtforms", "weasyprint", "werkzeug")
PROBE = """
import json, sys
import selfcheck.engine
import selfcheck.cli.rules
from selfcheck.engine import evaluate, load_ruleset
evaluate(load_ruleset(sys.argv[1]), {"web": "ja"})
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in sys.argv[2:])))
"""


def loaded_in_fresh_interpreter(*names: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT / "tests" / "fixtures" / "rules" / "minimal"), *names],
        capture_output=True, text=True, cwd=ROOT, check=True, timeout=60,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_engine_and_rules_cli_import_no_web_database_or_pdf_library() -> None:
    assert loaded_in_fresh_interpreter(*FORBIDDEN) == []


def test_the_probe_would_see_a_forbidden_import() -> None:
    # The same probe does notice a library that the engine really imports.
    assert "yaml" in loaded_in_fresh_interpreter("yaml", *FORBIDDEN)
