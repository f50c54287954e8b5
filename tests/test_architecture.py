"""House rules of the code base that a text scan can keep true (see README, "Aufbau")."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "selfcheck"


def sources(*, outside: str | None = None) -> dict[str, str]:
    return {
        str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
        if outside is None or path.relative_to(PACKAGE).parts[0] != outside
    }


def test_only_the_service_layer_commits() -> None:
    committing = [name for name, text in sources(outside="services").items() if re.search(r"\.commit\(\)", text)]
    assert committing == []
    assert any(".commit()" in text for text in sources().values()), "the scan must see the service layer's commits"


def test_the_environment_is_read_only_by_the_factory_and_config() -> None:
    readers = sorted(name for name, text in sources().items() if re.search(r"os\.environ|getenv\(", text))
    assert readers == ["app.py", "config.py"]


def test_no_eval_or_exec_anywhere() -> None:
    offenders = [name for name, text in sources().items() if re.search(r"(?<![\w.])(eval|exec)\(", text)]
    assert offenders == []


PRESENTATION_PROBE = """
import json, sys
from selfcheck.engine import evaluate, load_ruleset
from selfcheck.presenter import present_result
from selfcheck.presenter.group import GroupInput, Participant, build_view
from selfcheck.reports import render_paper_html, render_report_html
from selfcheck.workshops.pack import render_pack_html
import datetime
ruleset = load_ruleset(sys.argv[1])
answers = {"org_type": "kommune", "web": "ja"}
result = evaluate(ruleset, answers)
present_result(ruleset, result, answers, "en")
render_report_html(ruleset, result, answers=answers, organisation_name=None, lang="en", created=datetime.date.today())
render_paper_html(ruleset, lang="en")
group = GroupInput("W", "M", None, [Participant(str(i), answers, True) for i in range(3)], 3)
render_pack_html(ruleset, build_view(ruleset, group, "en"), "en")
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[2:]))))
"""


def test_presenter_report_and_pack_render_without_flask_database_or_pdf_library() -> None:
    """One presenter, one catalog: the views and HTML of page, report and pack need no app."""
    import json
    import subprocess
    import sys

    minimal = PACKAGE.parent / "tests" / "fixtures" / "rules" / "minimal"
    forbidden = ["flask", "flask_babel", "flask_wtf", "sqlalchemy", "wtforms", "weasyprint", "werkzeug"]
    done = subprocess.run([sys.executable, "-c", PRESENTATION_PROBE, str(minimal), *forbidden, "jinja2"],
                          capture_output=True, text=True, check=True, timeout=120)
    assert json.loads(done.stdout) == ["jinja2"]  # the probe sees what is loaded: jinja2 must be
