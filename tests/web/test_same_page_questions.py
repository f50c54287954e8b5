"""Questions that answers on the same page bring up: rendered hidden for the page's script, and
without JavaScript the page behaves as it always did (the server shows them after saving).

Step 5 of the shipped rule set is the case most people meet: "Wie viel der Koordinationsarbeit
ist durch bezahlte Stunden gedeckt?" is asked unless nobody coordinates.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from selfcheck.questionnaire.state import page_questions
from tests.support.webflow import Browser, question_boxes, shown_on

COORDINATION = 5
WHO = "d4_koordination_person"
HOURS = "d4_stunden_gedeckt"
NOTICE = "Auf dieser Seite hat sich etwas geändert"


def plain_answer(question: Any) -> Any:
    if question.type == "single":
        return question.options[0].id
    if question.type == "multi":
        return [o.id for o in question.options if not o.exclusive][:1]
    if question.type == "number":
        return str(question.min if question.min is not None else 1)
    return "Notiz"


# -- what a page holds ---------------------------------------------------------------------------
def test_the_coordination_step_holds_the_hours_question_hidden_until_someone_coordinates(real_ruleset: Any) -> None:
    step = real_ruleset.steps[COORDINATION - 1]
    earlier = {"org_type": "kommune", "d1_digitale_wege": ["messenger"]}
    page = {entry.question.id: entry for entry in page_questions(real_ruleset, step, earlier)}
    for_municipalities = [q.id for q in step.questions  # some volunteer questions are for other types
                          if q.id == HOURS or real_ruleset.is_visible(q, earlier)]
    assert "d4_ehrenamt_entlasten" not in for_municipalities
    assert list(page) == for_municipalities
    assert page[HOURS].shown is False
    assert json.loads(page[HOURS].condition or "") == {"op": "not in", "question": WHO, "value": ["niemand"]}
    assert page[WHO].condition is None
    # d4_redaktion depends on step 2 only: the server decides it, the page need not switch it
    assert page["d4_redaktion"].shown is True
    assert page["d4_redaktion"].condition is None

    volunteer = page_questions(real_ruleset, step, earlier | {WHO: "ehrenamtlich"})
    assert [e.question.id for e in volunteer if e.shown] == for_municipalities


def test_questions_ruled_out_by_earlier_steps_are_not_on_the_page(real_ruleset: Any) -> None:
    step = real_ruleset.steps[COORDINATION - 1]
    no_digital = page_questions(real_ruleset, step, {"org_type": "kommune", "d1_digitale_wege": ["keine"]})
    assert "d4_redaktion" not in [entry.question.id for entry in no_digital]


def test_the_answer_that_hides_a_question_is_known_on_its_own_page(real_ruleset: Any) -> None:
    """Step 2: "Keine davon" among the digital channels hides the questions on digital contacts."""
    step = real_ruleset.steps[1]
    page = {e.question.id: e for e in page_questions(real_ruleset, step, {"org_type": "kommune"})}
    assert page["d1_digital_zu_persoenlich"].shown is True
    assert json.loads(page["d1_digital_zu_persoenlich"].condition or "") == {
        "op": "not", "items": [{"op": "contains", "question": "d1_digitale_wege", "value": "keine"}]}
    # depends on the profile step only: decided there (no offer form given: not asked)
    assert "d1_digitales_empfehlen" not in page
    analog = page_questions(real_ruleset, step, {"org_type": "kommune", "offer_form": "rein_analog"})
    assert [(e.shown, e.condition) for e in analog if e.question.id == "d1_digitales_empfehlen"] == [(True, None)]


# -- the pages, posted as rendered (no JavaScript) -----------------------------------------------
@pytest.fixture
def at_coordination(app_factory: Any, real_rules_dir: Any, real_ruleset: Any) -> Browser:
    """A respondent on step 5 of the shipped rules, steps 1 to 4 saved with plain answers."""
    browser = Browser(app_factory(rules_dir=real_rules_dir).test_client())
    browser.start()
    for number in range(1, COORDINATION):
        for _ in range(3):
            page = browser.get(f"/schritt/{number}").text
            shown = [real_ruleset.question(q) for q in shown_on(page)]
            response = browser.step(number, {q.id: plain_answer(q) for q in shown})
            assert response.status_code == 303, response.text[:2000]
            if not response.location.endswith(f"/schritt/{number}"):
                break
    assert browser.get(f"/schritt/{COORDINATION}").status_code == 200
    return browser


def stored(browser: Browser) -> dict[str, Any]:
    from selfcheck.db import get_session
    from selfcheck.models import Assessment

    with browser.client.application.app_context():
        return dict(get_session().query(Assessment).one().answers)


def as_script(browser: Browser, number: int, answers: dict[str, Any], seen: list[str]) -> Any:
    """Save a step as the page's script does: with the questions it showed named."""
    data = {f"q_{k}": v for k, v in answers.items()}
    return browser.submit(f"/schritt/{number}", {**data, "seen_questions": " ".join(seen), "action": "next"})


def test_without_javascript_the_new_question_comes_after_saving_as_before(at_coordination: Browser) -> None:
    browser = at_coordination
    url = f"/schritt/{COORDINATION}"
    page = browser.get(url).text
    assert question_boxes(page)[HOURS] is False
    assert 'name="q_d4_stunden_gedeckt"' in page  # in the page, hidden by the hidden attribute

    response = browser.step(COORDINATION, {WHO: "ehrenamtlich"})
    assert response.location.endswith(url)
    again = browser.get(url).text
    assert NOTICE in again
    assert question_boxes(again)[HOURS] is True
    assert stored(browser)[WHO] == "ehrenamtlich"

    response = browser.step(COORDINATION, {WHO: "ehrenamtlich", HOURS: "unter_haelfte"})
    assert response.location.endswith(f"/schritt/{COORDINATION + 1}")
    assert stored(browser)[HOURS] == "unter_haelfte"


def test_a_hidden_question_sent_without_javascript_is_not_stored(at_coordination: Browser) -> None:
    """A browser without the script sends a hidden question's inputs too: the server ignores them."""
    response = at_coordination.step(COORDINATION, {WHO: "niemand", HOURS: "vollstaendig"})
    assert response.location.endswith(f"/schritt/{COORDINATION + 1}")
    assert HOURS not in stored(at_coordination)


def test_what_the_script_showed_is_saved_without_showing_the_page_again(at_coordination: Browser) -> None:
    """The script names the questions it showed; when the server asks the same ones, it goes on."""
    browser = at_coordination
    shown = [*shown_on(browser.get(f"/schritt/{COORDINATION}").text), HOURS]
    response = as_script(browser, COORDINATION, {WHO: "ehrenamtlich", HOURS: "ueber_haelfte"}, shown)
    assert response.location.endswith(f"/schritt/{COORDINATION + 1}")
    assert stored(browser)[HOURS] == "ueber_haelfte"


def test_when_the_script_and_the_server_disagree_the_server_wins(at_coordination: Browser) -> None:
    browser = at_coordination
    url = f"/schritt/{COORDINATION}"
    shown = [*shown_on(browser.get(url).text), HOURS]
    # "Niemand fest" and an answer on the hours: the hours are not asked, so not stored
    response = as_script(browser, COORDINATION, {WHO: "niemand", HOURS: "vollstaendig"}, shown)
    assert response.location.endswith(url)
    page = browser.get(url).text
    assert NOTICE in page
    assert question_boxes(page)[HOURS] is False
    assert HOURS not in stored(browser)
    # a question the page does not hold cannot be named into the step: org_type stays as it was
    org_type = stored(browser)["org_type"]
    response = as_script(browser, COORDINATION, {WHO: "niemand", "org_type": "stiftung"}, [WHO, "org_type"])
    assert response.location.endswith(url)
    assert stored(browser)["org_type"] == org_type


def test_a_hidden_question_is_not_checked(app_factory: Any, minimal_rules_dir: Any) -> None:
    """Errors are only reported for the questions the respondent saw."""
    browser = Browser(app_factory(rules_dir=minimal_rules_dir).test_client())
    browser.start()
    browser.step(1, {"org_type": "kommune"})
    seen = ["web", "sprachen", "kanaele"]
    response = as_script(browser, 2, {"kanaele": ["messenger"], "app_gepflegt": "kaputt"}, seen)
    assert response.status_code == 303
    assert response.location.endswith("/schritt/3")
    shown = [*seen, "app_gepflegt"]
    refused = as_script(browser, 2, {"kanaele": ["app"], "app_gepflegt": "kaputt"}, shown)
    assert refused.status_code == 422
    assert "Bitte prüfen Sie Ihre Angaben" in refused.text
