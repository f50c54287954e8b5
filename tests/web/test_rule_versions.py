"""Rules change between answering and reading: the result reads as answered, today's rules on
request, and stored answers move with renamed questions and options."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from selfcheck.engine import load_ruleset, normalise_answers
from tests.support.rulekit import apply_edits, copy_minimal
from tests.support.webflow import Browser, complete_minimal

pytestmark = pytest.mark.database

RENAMED = (
    ("ruleset.yaml", 'version: "1.0"', 'version: "1.1"'),
    ("dimensions.yaml", "      - id: web\n        type: single\n",
     "      - id: website\n        renamed_from: [web]\n        type: single\n        weight: 3\n"),
    ("recommendations.yaml", "points.web <= 1", "points.website <= 1"),
    ("recommendations.yaml", "or web is unknown", "or website is unknown"),
)


def digital_score(page: str) -> str:
    found = re.search(r"Digitale Angebote.*?(\d+)\s*(?:/|von)\s*100", page, re.S)
    assert found is not None
    return found.group(1)


def test_a_result_reads_as_answered_until_the_respondent_asks_for_todays_rules(app_factory: Any,
                                                                                 tmp_path: Path) -> None:
    first = app_factory()
    browser = Browser(first.test_client())
    browser.start()
    answered = complete_minimal(browser).text
    assert 'id="rules-notice"' not in answered

    newer_rules = apply_edits(copy_minimal(tmp_path / "newer"), *RENAMED)
    second = app_factory(rules_dir=newer_rules)  # the same database, new rules deployed
    later = Browser(second.test_client())
    later.client.set_cookie("session", browser.client.get_cookie("session").value)
    page = later.get("/ergebnis").text
    assert "mit denen Sie geantwortet haben (Version 1.0)" in page
    assert "neuere Regeln (Version 1.1)" in page
    assert digital_score(page) == digital_score(answered)  # the same result as when answered
    today = later.get("/ergebnis?regeln=aktuell").text
    assert "Sie sehen Ihr Ergebnis mit den neueren Regeln (Version 1.1)" in today
    assert digital_score(today) != digital_score(answered)  # the renamed question weighs three times now
    report = later.download("/ergebnis/bericht.pdf")
    assert report.status_code == 200


def test_stored_answers_move_with_renamed_questions_and_options(tmp_path: Path) -> None:
    folder = apply_edits(copy_minimal(tmp_path / "rules"), *RENAMED, (
        "ruleset.yaml", "      - {id: teilweise, label: {de: Teilweise, en: Partly}, points: 1}",
        "      - {id: zum_teil, renamed_from: [teilweise], label: {de: Zum Teil, en: Partly}, points: 1}"))
    ruleset = load_ruleset(folder)
    answers, problems = normalise_answers(ruleset, {"web": "teilweise", "partner": "teilweise", "gibts_nicht": "ja"})
    assert answers == {"website": "zum_teil", "partner": "zum_teil"}
    assert [p.question_id for p in problems] == ["gibts_nicht"]  # listed, not silently dropped
