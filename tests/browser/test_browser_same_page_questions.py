"""A question that an answer on the same page brings up: shown at once with JavaScript (no page
load), and without JavaScript after saving, as before. Step 5 of the shipped rules: the hours
question is asked unless nobody coordinates."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.support.browser_driver import (
    answer_step,
    assert_accessible,
    default_answer,
    read_answer,
    start_check,
    step_number,
    submit,
)

pytestmark = pytest.mark.browser

COORDINATION = 5
WHO = "d4_koordination_person"
HOURS = "d4_stunden_gedeckt"
NOTICE = "Auf dieser Seite hat sich etwas geändert"


def to_coordination(page: Any, ruleset: Any) -> None:
    start_check(page)
    while step_number(page) != COORDINATION:
        answer_step(page, ruleset)
    assert page.locator(".notice", has_text=NOTICE).count() == 0


def box(page: Any, question_id: str) -> Any:
    return page.locator(f"[data-question='{question_id}']")


def who(page: Any, value: str) -> None:
    page.locator(f"input[name='q_{WHO}'][value='{value}']").check()


def choose(question: Any) -> Any:
    return {WHO: "hauptamtlich_knapp", HOURS: "ueber_haelfte"}.get(question.id) or default_answer(question)


def test_the_answer_brings_up_the_question_without_a_page_load(page: Any, live_server: Any) -> None:
    ruleset = live_server.ruleset
    to_coordination(page, ruleset)
    hours_text = ruleset.question(HOURS).text.de
    assert box(page, HOURS).is_hidden()
    assert page.locator(f"input[name='q_{HOURS}']").first.is_disabled(), "a hidden question is sent along"
    url = page.url
    page.evaluate("window.samePageMarker = 'no page load'")

    who(page, "ehrenamtlich")
    box(page, HOURS).wait_for(state="visible")
    assert page.url == url
    assert page.evaluate("window.samePageMarker") == "no page load"
    status = page.locator("[data-question-status]")
    expect(status).to_contain_text("Weitere Frage:")  # waits without eval (the CSP forbids it)
    assert hours_text in status.inner_text()
    assert page.evaluate("document.activeElement.value") == "ehrenamtlich", "focus must stay on the answer"
    assert_accessible(page)

    who(page, "niemand")
    box(page, HOURS).wait_for(state="hidden")
    expect(status).to_contain_text("Frage entfällt:")

    given = answer_step(page, ruleset, choose)  # hours reappear with a paid person and are answered
    assert given[HOURS] == "ueber_haelfte"
    assert step_number(page) == COORDINATION + 1, "the step was shown again although nothing changed"
    page.goto(f"/schritt/{COORDINATION}")
    assert box(page, HOURS).is_visible()
    assert read_answer(page, ruleset.question(HOURS)) == "ueber_haelfte"


def test_without_javascript_the_question_comes_after_saving(new_context: Any, live_server: Any) -> None:
    ruleset = live_server.ruleset
    page = new_context(java_script_enabled=False).new_page()
    to_coordination(page, ruleset)
    assert box(page, HOURS).is_hidden()

    who(page, "ehrenamtlich")
    assert box(page, HOURS).is_hidden(), "without JavaScript nothing changes before saving"
    submit(page)
    assert step_number(page) == COORDINATION
    assert page.locator(".notice", has_text=NOTICE).count() == 1
    assert box(page, HOURS).is_visible()
    assert read_answer(page, ruleset.question(WHO)) == "ehrenamtlich"

    page.locator(f"input[name='q_{HOURS}'][value='unter_haelfte']").check()
    submit(page)
    assert step_number(page) == COORDINATION + 1
    page.goto(f"/schritt/{COORDINATION}")
    assert read_answer(page, ruleset.question(HOURS)) == "unter_haelfte"
