"""A whole self-check in Chromium: start, every step, back and forth, review, results, PDF."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.browser_driver import (
    UNKNOWN,
    answer_all_steps,
    answer_step,
    default_answer,
    finish,
    path_of,
    read_answer,
    set_answer,
    shown_questions,
    start_check,
    step_number,
    submit,
)

pytestmark = pytest.mark.browser


def first_unknown_question(ruleset: Any) -> Any:
    """The first dimension question that offers "Weiß nicht"."""
    for step in ruleset.steps[1:]:
        for question in step.questions:
            if question.unknown and question.visible_if is None:
                return question
    raise AssertionError("the rule set offers no unconditional 'Weiß nicht' answer")


def answers_on_page(page: Any, ruleset: Any) -> dict[str, Any]:
    number = step_number(page)
    assert number is not None, page.url
    return {q.id: read_answer(page, q) for q in shown_questions(page, ruleset, number)}


def test_full_self_check(page: Any, live_server: Any) -> None:
    ruleset = live_server.ruleset
    unknown_question = first_unknown_question(ruleset)

    def choose(question: Any) -> Any:
        return UNKNOWN if question.id == unknown_question.id else default_answer(question)

    access = start_check(page)
    assert access.link.startswith(live_server.url + "/fortsetzen/")
    assert len(access.code.replace("-", "")) == 8
    total = len(ruleset.steps)
    assert page.locator(".progress").inner_text() == f"Schritt 1 von {total}"
    assert page.locator("h1").inner_text() == ruleset.steps[0].title.de

    # Profile and the first dimension step.
    given = {1: answer_step(page, ruleset, choose)}
    assert step_number(page) == 2
    given[2] = answer_step(page, ruleset, choose)
    third = step_number(page)
    assert third is not None, page.url
    assert third > 2, page.url

    # "Speichern und zurück" keeps both the step left and the step returned to.
    third_answers = {q.id: choose(q) for q in shown_questions(page, ruleset, third)}

    for question in shown_questions(page, ruleset, third):
        set_answer(page, question, third_answers[question.id])
    submit(page, "back")
    assert step_number(page) == 2
    assert answers_on_page(page, ruleset) == given[2]
    submit(page, "next")
    assert step_number(page) == third
    assert answers_on_page(page, ruleset) == third_answers

    # The browser's own back button shows the saved answers too (POST/redirect/GET).
    page.go_back()
    assert step_number(page) == 2
    assert answers_on_page(page, ruleset) == given[2]
    page.go_forward()
    assert step_number(page) == third
    assert answers_on_page(page, ruleset) == third_answers

    given.update(answer_all_steps(page, ruleset, choose))
    asked = {qid for answers in given.values() for qid in answers}
    assert unknown_question.id in asked

    # Review: every answer is listed, "Weiß nicht" in words, none missing.
    review = page.locator("main")
    assert review.locator(".unanswered").count() == 0
    for number, answers in given.items():
        section = review.locator("section.review-section", has=page.locator(f"a[href*='/schritt/{number}']"))
        for qid, value in answers.items():
            row = section.locator(".answers__row", has=page.locator(f"a[href$='#q_{qid}-fieldset']"))
            assert row.count() == 1, f"question {qid} missing on the review page"
            assert expected_words(ruleset.question(qid), value) in row.locator("dd").first.inner_text()

    # Edit one answer from the review and come straight back.
    page.locator(f"a[href$='#q_{unknown_question.id}-fieldset']").click()
    page.wait_for_url("**/schritt/*")
    assert read_answer(page, unknown_question) == UNKNOWN
    submit(page, "review")
    assert path_of(page) == "/uebersicht"

    finish(page)
    main = page.locator("main")
    assert page.locator("h1").inner_text() == "Ergebnis für Browsertest e. V."
    table_rows = main.locator("table tbody tr")
    assert table_rows.count() == len(ruleset.dimensions)
    for dimension in ruleset.dimensions:
        assert table_rows.filter(has_text=dimension.title.de).count() == 1
    assert f"Version {ruleset.version}" in main.inner_text()
    gaps = main.locator("section[aria-labelledby='gaps']")
    assert unknown_question.text.de in gaps.inner_text()

    # The report was queued when the page appeared; the page's script says when it is ready.
    status = main.locator("#report-status")
    if status.count() and "wird erstellt" in status.inner_text():
        main.locator("#report-status", has_text="Ihr Bericht ist fertig.").wait_for(timeout=90_000)
    # The PDF report downloads as a real PDF, at once.
    pdf_link = main.get_by_role("link", name="Bericht als PDF herunterladen")
    href = pdf_link.get_attribute("href")
    assert href
    response = page.context.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body().startswith(b"%PDF-")


def expected_words(question: Any, value: Any) -> str:
    """How the review page is expected to show an answer."""
    labels = {option.id: option.label.de for option in question.options}
    if value == UNKNOWN:
        return "Weiß nicht"
    if question.type == "single":
        return labels[value]
    if question.type == "multi":
        return ", ".join(labels[v] for v in value)
    return str(value)
