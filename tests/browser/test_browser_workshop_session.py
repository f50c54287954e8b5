"""A real workshop session in Chromium: five participants (one on paper), agreements recorded and
changed, the presenter view on a 1280x720 projector, and the privacy cases of issue 10."""

from __future__ import annotations

import re
from typing import Any

import pytest
from test_browser_workshops import create_workshop, join_and_complete

from tests.support.browser_driver import (
    answer_all_steps,
    assert_accessible,
    default_answer,
    finish,
    path_of,
    set_answer,
)

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}


def type_in_paper_sheet(context: Any, base: str, ruleset: Any, name: str) -> None:
    """The facilitator copies a paper questionnaire into the form, question by question."""
    page = context.new_page()
    page.goto(f"{base}/papier")
    answers = {q.id: default_answer(q) for q in ruleset.questions}
    page.locator("#organisation_name").fill(name)
    for question in ruleset.visible_questions(answers):
        set_answer(page, question, answers[question.id])
    page.get_by_role("button", name="Bogen speichern").click()
    page.wait_for_load_state()
    assert "Der Papierbogen ist gespeichert" in page.content()
    page.close()


def no_sideways_scrolling(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


@pytest.fixture(scope="module")
def session(module_contexts: Any, live_server: Any) -> dict[str, Any]:
    facilitator = module_contexts(viewport=PROJECTOR)
    base, code = create_workshop(facilitator, "Werkstatt Übergänge", held_on="2026-12-03")
    for index in range(4):
        join_and_complete(module_contexts(), code, live_server.ruleset, index)
    type_in_paper_sheet(facilitator, base, live_server.ruleset, "Sprachcafé Nord")
    return {"base": base, "code": code, "facilitator": facilitator}


def test_five_participants_one_on_paper_make_the_group(session: dict[str, Any]) -> None:
    page = session["facilitator"].new_page()
    page.goto(f"{session['base']}/")
    assert page.locator("[data-figure='completed']").inner_text().strip() == "5"
    assert page.locator("[data-figure='paper']").inner_text().strip() == "1"
    assert page.locator("svg.group-blend-chart circle[r='6'][stroke]").count() == 5  # the legend's dot has no outline
    assert "Sprachcafé Nord" not in page.content()  # no consent ticked for the sheet
    page.close()


def test_an_agreement_is_recorded_and_changed_by_clicking(session: dict[str, Any]) -> None:
    page = session["facilitator"].new_page()
    page.goto(f"{session['base']}/")
    page.locator("section[aria-labelledby='agenda'] a", has_text="Einigung festhalten").first.click()
    page.wait_for_url("**/konsens/*")
    question_id = path_of(page).rsplit("/", 1)[1]
    page.locator(f"input[name='q_{question_id}']").first.check()
    page.locator("textarea[name='note']").fill("Wir klären das bis Mai.")
    page.get_by_role("button", name="Einigung speichern").click()
    page.wait_for_url("**/#agenda")
    assert "Wir klären das bis Mai." in page.locator("section[aria-labelledby='agenda']").inner_text()
    page.locator("section[aria-labelledby='agenda'] a", has_text="Einigung ändern").first.click()
    page.wait_for_url("**/konsens/*")
    page.locator("textarea[name='note']").fill("Geändert: bis Juni.")
    page.get_by_role("button", name="Einigung speichern").click()
    page.wait_for_url("**/#agenda")
    agenda = page.locator("section[aria-labelledby='agenda']").inner_text()
    assert "Geändert: bis Juni." in agenda
    assert "Wir klären das bis Mai." not in agenda
    page.close()


def test_the_presenter_view_fits_a_projector_screen_by_screen(session: dict[str, Any]) -> None:
    page = session["facilitator"].new_page()
    page.goto(f"{session['base']}/")
    page.get_by_role("link", name="Präsentation für den Beamer").click()
    page.wait_for_load_state()
    screens = 0
    while True:
        screens += 1
        assert no_sideways_scrolling(page), f"screen {screens} scrolls sideways at 1280x720"
        assert_accessible(page)
        following = page.locator("a[rel='next']")
        if following.count() == 0:
            break
        page.keyboard.press("ArrowRight")  # the enhancement; the link itself works without it
        page.wait_for_load_state()
        assert re.search(rf"Teil {screens + 1} von", page.locator(".presenter__meta").inner_text())
    assert screens >= 6
    page.close()


def test_empty_answers_never_open_the_group_view(new_context: Any, live_server: Any) -> None:
    facilitator = new_context(viewport=PROJECTOR)
    base, code = create_workshop(facilitator, "Leere Bögen")
    ruleset = live_server.ruleset

    def unknown_everywhere(question: Any) -> Any:
        return "unknown" if question.unknown else default_answer(question)

    for _ in range(2):
        page = new_context().new_page()
        page.goto(f"/workshop/beitreten?code={code}")
        page.get_by_role("button", name="Teilnehmen und Selbstcheck starten").click()
        page.wait_for_url("**/zugang")
        page.get_by_role("link", name="Weiter zum Fragebogen").click()
        page.wait_for_url("**/schritt/1")
        answer_all_steps(page, ruleset, unknown_everywhere)
        finish(page)
    join_and_complete(new_context(), code, ruleset, 1)  # a real participant who did not consent
    page = facilitator.new_page()
    page.goto(f"{base}/papier")
    page.get_by_role("button", name="Bogen speichern").click()  # an empty paper sheet
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 1  # the organisation type is required
    page.locator("input[name='q_org_type']").first.check()  # a sheet with nothing but the type
    page.get_by_role("button", name="Bogen speichern").click()
    page.wait_for_load_state()
    assert "zu wenige Fragen beantwortet" in page.locator(".error-summary").inner_text()
    page.goto(f"{base}/")
    assert page.locator("#group-hidden").count() == 1
    assert page.locator("[data-figure='too-few']").inner_text().strip() == "2"
    assert page.locator("#individual table").count() == 0


def test_no_name_or_matrix_row_singles_anybody_out(new_context: Any, live_server: Any) -> None:
    facilitator = new_context(viewport=PROJECTOR)
    base, code = create_workshop(facilitator, "Drei Organisationen")
    for index in range(3):  # join_and_complete lets only the first consent
        join_and_complete(new_context(), code, live_server.ruleset, index)
    page = facilitator.new_page()
    page.goto(f"{base}/")
    rows = page.locator("#individual ~ div table tbody th").all_inner_texts()
    assert len(rows) == 3
    assert not any("Verein" in row for row in rows)  # one name next to two unnamed rows would narrow them down
    matrix = page.locator("table.matrix").inner_text()
    assert "(1)" not in matrix
    assert no_sideways_scrolling(page)
