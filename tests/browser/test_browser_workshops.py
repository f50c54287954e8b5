"""Workshop mode in Chromium: a facilitator, three participants, and axe on every workshop page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.browser_driver import answer_all_steps, assert_accessible, error_texts, finish, path_of, step_number

pytestmark = pytest.mark.browser

PARTICIPANTS = 3


@dataclass
class Workshop:
    base: str  # /workshop/<public id>
    code: str
    facilitator: Any  # browser context holding the facilitator's session
    participant: Any  # browser context of the first participant (who consented)


def varied_answer(index: int) -> Any:
    """Answers that differ per participant, so the dashboard has something to compare."""

    def choose(question: Any) -> Any:
        if question.type == "single":
            return question.options[index % len(question.options)].id
        if question.type == "multi":
            plain = [o.id for o in question.options if not o.exclusive]
            return [plain[index % len(plain)]]
        if question.type == "number":
            low = question.min if question.min is not None else 0
            return low + index
        return f"Notiz von Teilnehmenden {index + 1}"

    return choose


def join_and_complete(context: Any, code: str, ruleset: Any, index: int) -> None:
    page = context.new_page()
    page.goto(f"/workshop/beitreten?code={code}")
    page.locator("#organisation_name").fill(f"Verein {index + 1}")
    if index == 0:
        page.locator("#consent").check()
    page.get_by_role("button", name="Teilnehmen und Selbstcheck starten").click()
    page.wait_for_url("**/zugang")
    page.get_by_role("link", name="Weiter zum Fragebogen").click()
    page.wait_for_url("**/schritt/1")
    answer_all_steps(page, ruleset, varied_answer(index))
    finish(page)
    page.close()


def create_workshop(context: Any, title: str, held_on: str = "2026-03-14") -> tuple[str, str]:
    """Create a workshop through its form; return its base path and join code."""
    page = context.new_page()
    page.goto("/workshop/")
    page.locator("#title").fill(title)
    page.locator("#municipality").fill("Musterstadt")
    page.locator("#held_on").fill(held_on)
    page.get_by_role("button", name="Workshop anlegen").click()
    page.wait_for_url("**/zugang")
    code = page.locator(".join-code").inner_text().strip()
    base = path_of(page).rsplit("/zugang", 1)[0]
    page.close()
    return base, code


@pytest.fixture(scope="module")
def workshop(module_contexts: Any, live_server: Any) -> Workshop:
    """A workshop created in the browser and answered by three participants in their own browsers."""
    contexts = module_contexts
    facilitator = contexts(viewport={"width": 1280, "height": 900})
    base, code = create_workshop(facilitator, "Runder Tisch digitale und analoge Integration")

    participants = [contexts() for _ in range(PARTICIPANTS)]
    for index, context in enumerate(participants):
        join_and_complete(context, code, live_server.ruleset, index)
    return Workshop(base=base, code=code, facilitator=facilitator, participant=participants[0])


def test_dashboard_shows_the_group(workshop: Workshop) -> None:
    page = workshop.facilitator.new_page()
    page.goto(f"{workshop.base}/")
    assert page.locator("[data-figure='joined']").inner_text().strip() == str(PARTICIPANTS)
    assert page.locator("[data-figure='completed']").inner_text().strip() == str(PARTICIPANTS)
    assert page.locator("#group-hidden").count() == 0, "the group view should be visible with three participants"
    assert page.locator("section[aria-labelledby='distribution'] svg").count() >= 1
    assert_accessible(page)
    page.close()


def first_agenda_link(page: Any) -> str:
    link = page.locator("a[href*='/konsens/']").first
    href = link.get_attribute("href")
    assert href, "the agenda offers no item to agree on"
    return href


FACILITATOR_PAGES = {
    "create": lambda w, page: page.goto("/workshop/"),
    "access": lambda w, page: page.goto(f"{w.base}/zugang"),
    "poster-with-qr": lambda w, page: page.goto(f"{w.base}/aushang"),
    "paper-answers": lambda w, page: page.goto(f"{w.base}/papier"),
    "delete": lambda w, page: page.goto(f"{w.base}/loeschen"),
    "close-confirmation": lambda w, page: page.goto(f"{w.base}/schliessen"),
    "presenter": lambda w, page: page.goto(f"{w.base}/praesentation/"),
}


@pytest.mark.parametrize("kind", list(FACILITATOR_PAGES))
def test_facilitator_page_has_no_wcag_violations(workshop: Workshop, kind: str) -> None:
    page = workshop.facilitator.new_page()
    response = FACILITATOR_PAGES[kind](workshop, page)
    assert response is not None
    assert response.status == 200, f"{kind}: HTTP {response.status}"
    assert_accessible(page)
    page.close()


def test_consensus_page_has_no_wcag_violations(workshop: Workshop) -> None:
    page = workshop.facilitator.new_page()
    page.goto(f"{workshop.base}/")
    page.goto(first_agenda_link(page))
    assert page.locator("form").count() >= 1
    assert_accessible(page)
    page.close()


def test_join_page_has_no_wcag_violations(new_context: Any, workshop: Workshop) -> None:
    page = new_context().new_page()
    page.goto("/workshop/beitreten")
    assert_accessible(page)
    page.locator("#code").fill("ZZZ-ZZZ")
    page.get_by_role("button", name="Teilnehmen und Selbstcheck starten").click()
    page.wait_for_load_state()
    assert error_texts(page), "an unknown code should be refused"
    assert_accessible(page)


def test_consent_page_has_no_wcag_violations(workshop: Workshop) -> None:
    page = workshop.participant.new_page()
    response = page.goto("/workshop/einwilligung")
    assert response is not None
    assert response.status == 200
    assert page.locator("#consent").is_checked()
    assert_accessible(page)
    page.close()


def test_participant_in_english_has_no_wcag_violations(new_context: Any, workshop: Workshop, live_server: Any) -> None:
    page = new_context().new_page()
    page.goto(f"/workshop/beitreten?code={workshop.code}&lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
    page.locator("button[type='submit']").last.click()
    page.wait_for_url("**/zugang")
    page.goto("/schritt/1")
    assert step_number(page) == 1
    assert page.locator("h1").inner_text() == live_server.ruleset.steps[0].title.en
    assert_accessible(page)
