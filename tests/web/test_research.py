"""Research use: opt-in at the start, changeable on the results page, an anonymised export that
validates as a Frictionless Data Package, and records that outlive expired assessments."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from frictionless import validate
from sqlalchemy import select, update

from selfcheck import services
from selfcheck.db import get_session
from selfcheck.models import Assessment, ResearchRecord, utcnow
from selfcheck.research_export import write_package
from tests.support.webflow import Browser, complete_minimal

pytestmark = pytest.mark.database


def start(app: Any, name: str, consent: bool) -> Browser:
    browser = Browser(app.test_client())
    data = {"organisation_name": name, **({"research_consent": "y"} if consent else {})}
    assert browser.submit("/start", data, form_url="/").status_code == 303
    complete_minimal(browser)
    return browser


def export(app: Any, folder: Path) -> Path:
    with app.app_context():
        from selfcheck.questionnaire.state import current_ruleset

        return write_package(current_ruleset(), services.research_rows(get_session()), folder)


def test_only_consenting_respondents_are_exported_without_names(app: Any, tmp_path: Path) -> None:
    start(app, "Verein Ja", consent=True)
    declined = start(app, "Verein Nein", consent=False)
    package = export(app, tmp_path / "export")
    report = validate(str(package))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    answers = (tmp_path / "export" / "answers.csv").read_text(encoding="utf-8").splitlines()
    assert len(answers) == 2  # header and the one consenting respondent
    everything = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "export").iterdir())
    assert "Verein" not in everything
    assert "Hallo" not in everything  # the free-text note stays out
    with app.app_context():
        public_ids = set(get_session().scalars(select(Assessment.public_id)))
    assert not any(public_id in everything for public_id in public_ids)

    # The respondent who declined changes their mind on the results page (the form as rendered).
    assert declined.submit("/ergebnis/forschung", {"research_consent": "y"}, form_url="/ergebnis").status_code == 303
    export(app, tmp_path / "again")
    assert len((tmp_path / "again" / "answers.csv").read_text(encoding="utf-8").splitlines()) == 3


def test_an_expired_consenting_assessment_leaves_an_anonymous_record(app: Any, tmp_path: Path) -> None:
    start(app, "Verein Ja", consent=True)
    start(app, "Verein Nein", consent=False)
    with app.app_context():
        db = get_session()
        db.execute(update(Assessment).values(expires_at=utcnow() - timedelta(days=1))
                   .execution_options(synchronize_session=False))
        db.commit()
        assert services.purge_expired(db, research_retention_days=365) == 2
        (record,) = db.scalars(select(ResearchRecord)).all()
        assert len(record.completed_month) == 7
    package = export(app, tmp_path / "export")
    assert validate(str(package)).valid
    assert len((tmp_path / "export" / "answers.csv").read_text(encoding="utf-8").splitlines()) == 2


def test_an_export_without_consenting_respondents_is_a_valid_empty_package(app: Any, tmp_path: Path) -> None:
    package = export(app, tmp_path / "empty")
    assert validate(str(package)).valid
    assert (tmp_path / "empty" / "answers.csv").read_text(encoding="utf-8").count("\n") == 1
