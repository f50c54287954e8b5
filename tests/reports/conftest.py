"""Shared fixtures of the report tests: one rendered report and questionnaire per session."""

from __future__ import annotations

import pytest

from selfcheck.engine import evaluate, normalise_answers
from tests.support.reportcheck import CREATED, NOTE, ORGANISATION


@pytest.fixture(scope="session")
def minimal_answers(minimal_ruleset):
    raw = {"org_type": "kommune", "web": "ja", "sprachen": 5, "kanaele": ["messenger", "app"],
           "app_gepflegt": "unknown", "beratung": "ja", "partner": "nein", "ansprechperson": "nein",
           "notizen": NOTE}
    answers, problems = normalise_answers(minimal_ruleset, raw)
    assert not problems
    return answers


@pytest.fixture(scope="session")
def minimal_result(minimal_ruleset, minimal_answers):
    return evaluate(minimal_ruleset, minimal_answers)


@pytest.fixture(scope="session")
def report_pdf(minimal_ruleset, minimal_result, minimal_answers) -> bytes:
    from selfcheck.reports import render_report_pdf

    return render_report_pdf(minimal_ruleset, minimal_result, answers=minimal_answers,
                             organisation_name=ORGANISATION, lang="de", created=CREATED)


@pytest.fixture(scope="session")
def paper_pdf(minimal_ruleset) -> bytes:
    from selfcheck.reports import render_paper_pdf

    return render_paper_pdf(minimal_ruleset, lang="de")
