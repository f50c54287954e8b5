"""axe-core finds no WCAG 2.0/2.1 A or AA violation on any page type, in German and English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.support.browser_driver import (
    answer_all_steps,
    answer_step,
    assert_accessible,
    default_answer,
    error_texts,
    finish,
    path_of,
    set_answer,
    shown_questions,
    start_check,
    step_number,
    submit,
)

pytestmark = pytest.mark.browser


def invalid_answer(question: Any) -> Any:
    """A value the form refuses for ``question``, or None when the browser cannot send one."""
    if question.type == "number" and question.max is not None:
        return question.max + 1
    if question.type == "number" and question.min is not None:
        return question.min - 1
    if question.type == "multi":
        exclusive = [o.id for o in question.options if o.exclusive]
        plain = [o.id for o in question.options if not o.exclusive]
        if exclusive and plain:
            return [plain[0], exclusive[0]]
    return None


def open_step_with_error(page: Any, ruleset: Any) -> None:
    """Walk the check until a step shows a question that can be answered wrongly; send that."""
    start_check(page)
    for _ in range(len(ruleset.steps)):
        number = step_number(page)
        assert number is not None, "no step offers a question that can be answered wrongly"
        shown = shown_questions(page, ruleset, number)
        wrong = next(((q, invalid_answer(q)) for q in shown if invalid_answer(q) is not None), None)
        if wrong is not None:
            for question in shown:
                set_answer(page, question, default_answer(question))
            set_answer(page, wrong[0], wrong[1])
            submit(page)
            assert step_number(page) == number
            assert error_texts(page), "the wrong answer was accepted"
            return
        answer_step(page, ruleset)
    raise AssertionError("no step offers a question that can be answered wrongly")


def to_review(page: Any, ruleset: Any) -> None:
    start_check(page)
    answer_all_steps(page, ruleset)


def to_results(page: Any, ruleset: Any) -> None:
    to_review(page, ruleset)
    finish(page)


def to_results_explained(page: Any, ruleset: Any) -> None:
    """The results page, checked as loaded, then with every "Warum sehe ich das?" opened
    (axe skips content hidden in closed details)."""
    to_results(page, ruleset)
    assert_accessible(page)
    summaries = page.locator("details summary")
    assert summaries.count() > 0, "no recommendation with an explanation on the results page"
    for index in range(summaries.count()):
        summaries.nth(index).click()


def to_second_step(page: Any, ruleset: Any) -> None:
    start_check(page)
    answer_step(page, ruleset)
    assert step_number(page) == 2


def to_access(page: Any, ruleset: Any) -> None:
    start_check(page)
    page.goto("/zugang")


def to_english_step(page: Any, ruleset: Any) -> None:
    to_second_step(page, ruleset)
    page.goto("/schritt/2?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == ruleset.steps[1].title.en


def to_delete(page: Any, ruleset: Any) -> None:
    start_check(page)
    page.goto("/loeschen")


def to_not_found(page: Any, ruleset: Any) -> None:
    response = page.goto("/diese-seite-gibt-es-nicht")
    assert response is not None
    assert response.status == 404


PAGES: dict[str, Callable[[Any, Any], None]] = {
    "start": lambda page, _rs: page.goto("/"),
    "profile-step": lambda page, _rs: start_check(page),
    "dimension-step": to_second_step,
    "step-with-errors": open_step_with_error,
    "review": to_review,
    "results": to_results_explained,
    "access-link-and-code": to_access,
    "resume-with-code": lambda page, _rs: page.goto("/fortsetzen"),
    "resume-link-invalid": lambda page, _rs: page.goto("/fortsetzen/ungueltiger-link"),
    "privacy": lambda page, _rs: page.goto("/datenschutz"),
    "imprint": lambda page, _rs: page.goto("/impressum"),
    "delete": to_delete,
    "not-found": to_not_found,
    "english-step": to_english_step,
}


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_has_no_wcag_violations(page: Any, live_server: Any, kind: str) -> None:
    PAGES[kind](page, live_server.ruleset)
    assert path_of(page) != "/kein-selbstcheck", "the page was not reached"
    assert_accessible(page)


def test_error_summary_links_reach_the_field(page: Any, live_server: Any) -> None:
    open_step_with_error(page, live_server.ruleset)
    summary = page.locator(".error-summary")
    assert summary.evaluate("node => node === document.activeElement"), "focus is not on the error summary"
    link = summary.locator("a").first
    target_id = (link.get_attribute("href") or "#")[1:]
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement && document.activeElement.id") == target_id


def test_axe_check_catches_a_violation(page: Any) -> None:
    """The check itself works under the app's CSP: an image without text alternative is reported."""
    page.goto("/")
    page.evaluate(
        """() => {
            const image = document.createElement("img");
            image.src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
            document.querySelector("main").append(image);
        }"""
    )
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
