"""A respondent in the browser: starts a check, answers steps like a person would, reads pages.

It reads the questions from the rule set the server uses, so it works for any valid rule set:
each step answers whatever questions the page actually shows (conditions are the server's job).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from axe_playwright_python.sync_playwright import Axe

STEP_PATH = re.compile(r"/schritt/(\d+)$")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
UNKNOWN = "unknown"
NOT_APPLICABLE = "not_applicable"

Answer = Any
Chooser = Callable[[Any], Answer]


@dataclass(frozen=True)
class Access:
    """The resume link and code the access page shows once."""

    link: str
    code: str


def path_of(page: Any) -> str:
    url = page.url.split("#", 1)[0].split("?", 1)[0]
    return "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"


def step_number(page: Any) -> int | None:
    found = STEP_PATH.search(path_of(page))
    return int(found.group(1)) if found else None


def start_check(page: Any, organisation: str | None = "Browsertest e. V.") -> Access:
    """From the start page to the first step; returns the resume secrets shown on the way."""
    page.goto("/")
    if organisation:
        page.get_by_label("Name Ihrer Organisation").fill(organisation)
    page.get_by_role("button", name="Selbstcheck starten").click()
    page.wait_for_url("**/zugang")
    access = Access(
        link=page.locator(".resume-link a").inner_text().strip(),
        code=page.locator("[data-resume-code]").inner_text().strip(),
    )
    page.get_by_role("link", name="Weiter zum Fragebogen").click()
    page.wait_for_url(STEP_PATH)
    return access


def default_answer(question: Any) -> Answer:
    """A plausible answer: the first option, the first non-exclusive option, the lowest number."""
    if question.type == "single":
        return question.options[0].id
    if question.type == "multi":
        plain = [option.id for option in question.options if not option.exclusive]
        return plain[:1] or [question.options[0].id]
    if question.type == "number":
        low = question.min if question.min is not None else 0
        return max(low, min(3, question.max if question.max is not None else 3))
    return "Notiz aus dem Browsertest"


def shown_questions(page: Any, ruleset: Any, number: int) -> list[Any]:
    """The questions of step ``number`` that the page shows (hidden ones may wait in the page)."""
    step = ruleset.steps[number - 1]
    return [q for q in step.questions if page.locator(f"[name='q_{q.id}']:visible").count() > 0]


def set_answer(page: Any, question: Any, value: Answer) -> None:
    """Put ``value`` into the question's inputs, clearing what was chosen before."""
    name = f"q_{question.id}"
    if question.type == "single":
        page.locator(f"input[name='{name}'][value='{value}']").check()
    elif question.type == "multi":
        wanted = [value] if isinstance(value, str) else list(value)
        for box in page.locator(f"input[name='{name}']").all():
            if box.get_attribute("value") in wanted:
                box.check()
            else:
                box.uncheck()
    elif question.type == "number":
        special = f"input[name='s_{question.id}']"
        if value in (UNKNOWN, NOT_APPLICABLE):
            page.locator(f"input[name='{name}']").fill("")
            page.locator(f"{special}[value='{value}']").check()
        else:
            for box in page.locator(special).all():
                box.uncheck()
            page.locator(f"input[name='{name}']").fill(str(value))
    else:
        page.locator(f"textarea[name='{name}']").fill(str(value))


def read_answer(page: Any, question: Any) -> Answer:
    """What the page currently shows as the answer (None when nothing is chosen)."""
    name = f"q_{question.id}"
    if question.type == "single":
        checked = page.locator(f"input[name='{name}']:checked")
        return checked.get_attribute("value") if checked.count() else None
    if question.type == "multi":
        values = [box.get_attribute("value") for box in page.locator(f"input[name='{name}']:checked").all()]
        if len(values) == 1 and values[0] in (UNKNOWN, NOT_APPLICABLE):
            return values[0]
        return values or None
    if question.type == "number":
        special = page.locator(f"input[name='s_{question.id}']:checked")
        if special.count():
            return special.get_attribute("value")
        typed = page.locator(f"input[name='{name}']").input_value()
        return int(typed) if typed else None
    return page.locator(f"textarea[name='{name}']").input_value() or None


def submit(page: Any, action: str = "next") -> None:
    """Press one of the step's buttons and wait for the next page."""
    with page.expect_navigation():
        page.locator(f"button[name='action'][value='{action}']").click()


def answer_step(page: Any, ruleset: Any, choose: Chooser = default_answer) -> dict[str, Answer]:
    """Answer every question the current step shows, submit, and return what was given.

    When answers reveal new questions on the same step, the page's script shows them at once
    (without JavaScript the server shows the step again); they are answered too, so the returned
    dict covers the whole step.
    """
    number = step_number(page)
    assert number is not None, f"not on a step: {page.url}"
    given: dict[str, Answer] = {}
    while True:
        waiting = [q for q in shown_questions(page, ruleset, number) if q.id not in given]
        while waiting:
            for question in waiting:
                given[question.id] = choose(question)
                set_answer(page, question, given[question.id])
            waiting = [q for q in shown_questions(page, ruleset, number) if q.id not in given]
        seen = {q.id for q in shown_questions(page, ruleset, number)}
        given = {k: v for k, v in given.items() if k in seen}  # a later answer may hide a question again
        submit(page)
        if step_number(page) != number or page.locator(".error-summary").count():
            return given
        if all(q.id in given for q in shown_questions(page, ruleset, number)):
            return given


def answer_all_steps(page: Any, ruleset: Any, choose: Chooser = default_answer) -> dict[int, dict[str, Answer]]:
    """From the current step to the review page; returns the answers per step number."""
    given: dict[int, dict[str, Answer]] = {}
    for _ in range(3 * len(ruleset.steps)):
        number = step_number(page)
        if number is None:
            break
        answers = answer_step(page, ruleset, choose)
        assert not page.locator(".error-summary").count(), f"step {number} refused: {error_texts(page)}"
        given.setdefault(number, {}).update(answers)
    assert path_of(page) == "/uebersicht", f"expected the review page, got {page.url}"
    return given


def error_texts(page: Any) -> list[str]:
    return [text.strip() for text in page.locator(".error-summary li").all_inner_texts()]


def finish(page: Any) -> None:
    """From the review page to the results."""
    with page.expect_navigation():
        page.get_by_role("button", name="Ergebnis anzeigen").click()
    assert path_of(page) == "/ergebnis", page.url


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Violations of WCAG 2.0/2.1 A and AA that axe-core finds on the current page."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return list(Axe().run(page, options=options).response["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """One line per rule and element: what failed, where, and axe's advice."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {', '.join(map(str, node['target']))}\n"
                f"    {node['html'][:200]}\n    {node.get('failureSummary', '').replace(chr(10), ' ')}"
            )
    return "\n".join(lines)


def assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe found WCAG 2.1 A/AA violations on {page.url}:\n{describe_violations(violations)}"
