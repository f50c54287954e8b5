"""The whole questionnaire through the test client, with CSRF protection on."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from selfcheck.db import get_session
from selfcheck.models import Assessment
from tests.support.formclient import csrf_token
from tests.support.webflow import Browser, answer_minimal, complete_minimal, question_boxes


def stored(app: Any) -> Assessment:
    with app.app_context():
        return get_session().scalars(select(Assessment)).one()


def test_start_page_explains_the_check(browser: Browser) -> None:
    page = browser.get("/")
    assert page.status_code == 200
    for expected in ("Was Sie erwartet", "20 bis 30 Minuten", "Datenschutz", "Worauf der Check beruht",
                     "Selbstcheck starten", "3 Schritte", 'lang="de"'):
        assert expected in page.text
    assert 'name="csrf_token"' in page.text


def test_full_flow_shows_results(app: Any, browser: Browser) -> None:
    browser.start("Beispielverein <script>")
    page = complete_minimal(browser)
    assert page.status_code == 200
    text = page.text
    assert "Ergebnis für Beispielverein &lt;script&gt;" in text
    assert 'class="dimension-chart"' in text  # the report's chart, the same picture as in the PDF
    assert 'role="img"' in text
    assert "<desc" in text
    assert "<table>" in text
    assert "Digitale Angebote" in text
    assert "Analoge Verankerung" in text
    assert "Warum sehe ich das?" in text
    assert "<details" in text
    assert "Ihre nächsten Schritte" in text
    assert "Was Sie noch herausfinden können" in text
    assert "Version 1.0" in text
    assessment = stored(app)
    assert assessment.completed_at is not None
    assert assessment.answers["kanaele"] == ["messenger", "app"]
    assert assessment.answers["sprachen"] == 5
    assert assessment.answers["beratung"] == "not_applicable"
    assert assessment.answers["partner"] == "unknown"
    assert assessment.ruleset_id == "minimal"
    assert len(assessment.ruleset_hash) == 64


def test_results_match_the_engine(app: Any, browser: Browser, minimal_ruleset: Any) -> None:
    from selfcheck.engine import evaluate

    browser.start()
    page = complete_minimal(browser)
    result = evaluate(minimal_ruleset, stored(app).answers).to_dict()
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td[^>]*>([^<]+)</td>', page.text)
    expected = [
        (minimal_ruleset.dimension(d["id"]).title.de, str(d["score"]) if d["score"] is not None else "keine Punkte")
        for d in result["dimensions"]
    ]
    assert rows == expected
    for recommendation in result["recommendations"]:
        assert f'id="rec-{recommendation["id"]}"' in page.text
    next_steps = page.text.split('id="next-steps"')[1].split("</ol>")[0]
    assert next_steps.count("<li>") == len([r for r in result["recommendations"] if r["next_step"]])


def test_review_lists_answers_with_edit_links(browser: Browser) -> None:
    browser.start()
    answer_minimal(browser)
    page = browser.get("/uebersicht")
    assert page.status_code == 200
    assert "Kommune" in page.text
    assert "Messenger, App" in page.text
    assert "Trifft auf uns nicht zu" in page.text
    assert "Weiß nicht" in page.text
    assert "Hallo &lt;b&gt;Welt&lt;/b&gt;" in page.text
    assert 'href="/schritt/2#q_kanaele-fieldset"' in page.text


def test_back_keeps_answers(browser: Browser) -> None:
    browser.start()
    browser.step(1, {"org_type": "wohlfahrt"})
    response = browser.step(2, {"web": "teilweise", "sprachen": "3", "kanaele": ["website"]}, action="back")
    assert response.status_code == 303
    assert response.location.endswith("/schritt/1")
    step1 = browser.get("/schritt/1").text
    assert re.search(r'checked[^>]*value="wohlfahrt"|value="wohlfahrt"[^>]*checked', step1)
    step2 = browser.get("/schritt/2").text
    assert re.search(r'value="teilweise"[^>]*checked|checked[^>]*value="teilweise"', step2)
    assert 'value="3"' in step2


def test_same_step_condition_shows_new_question_after_saving(browser: Browser) -> None:
    browser.start()
    browser.step(1, {"org_type": "wohlfahrt"})
    assert question_boxes(browser.get("/schritt/2").text)["app_gepflegt"] is False  # there, but hidden
    response = browser.step(2, {"kanaele": ["app"]})
    assert response.status_code == 303
    assert response.location.endswith("/schritt/2")
    page = browser.get("/schritt/2")
    assert question_boxes(page.text)["app_gepflegt"] is True
    assert "hat sich etwas geändert" in page.text


def test_earlier_answers_decide_later_questions(browser: Browser) -> None:
    browser.start()
    browser.step(1, {"org_type": "wohlfahrt"})
    browser.step(2, {"kanaele": ["keine"]})
    assert "q_ansprechperson" not in browser.get("/schritt/3").text
    browser.step(1, {"org_type": "kommune"}, action="next")
    assert 'name="q_ansprechperson"' in browser.get("/schritt/3").text


def test_steps_cannot_be_skipped(app: Any, browser: Browser) -> None:
    browser.start()
    response = browser.get("/schritt/3")
    assert response.status_code == 303
    assert response.location.endswith("/schritt/1")
    token = csrf_token(browser.get("/schritt/1").text)
    response = browser.client.post("/schritt/3", data={"q_partner": "ja", "csrf_token": token})
    assert response.status_code == 303
    assert response.location.endswith("/schritt/1")
    assert stored(app).answers == {}
    assert browser.get("/uebersicht").status_code == 303
    assert browser.get("/ergebnis").location.endswith("/schritt/1")
    assert browser.get("/schritt/99").status_code == 404


def test_results_need_a_confirmed_review(browser: Browser) -> None:
    browser.start()
    answer_minimal(browser)
    response = browser.get("/ergebnis")
    assert response.status_code == 303
    assert response.location.endswith("/uebersicht")


def test_pages_need_an_open_check(browser: Browser) -> None:
    for url in ("/schritt/1", "/uebersicht", "/ergebnis", "/zugang", "/loeschen", "/weiter"):
        response = browser.get(url)
        assert response.status_code == 303, url
        assert response.location.endswith("/kein-selbstcheck"), url
    assert "Kein Selbstcheck geöffnet" in browser.get("/kein-selbstcheck").text


def test_invalid_answers_show_an_error_summary_and_keep_input(app: Any, browser: Browser) -> None:
    browser.start()
    browser.step(1, {"org_type": "kommune"})
    response = browser.step(2, {"web": "ja", "sprachen": "500", "kanaele": ["keine", "app"]})
    assert response.status_code == 422
    text = response.text
    assert "Bitte prüfen Sie Ihre Angaben" in text
    assert "<title>Fehler:" in text
    assert 'href="#q_sprachen"' in text
    assert 'href="#q_kanaele-0"' in text
    assert 'aria-describedby="q_sprachen-error"' in text
    assert 'value="500"' in text
    assert stored(app).answers == {"org_type": "kommune"}


def test_number_or_special_answer_not_both(browser: Browser) -> None:
    browser.start()
    browser.step(1, {"org_type": "kommune"})
    response = browser.step(2, {"sprachen": "2", "s_sprachen": ["unknown"]})
    assert response.status_code == 422
    response = browser.step(2, {"s_sprachen": ["unknown"]})
    assert response.status_code == 303


def test_clearing_an_answer_removes_it(app: Any, browser: Browser) -> None:
    browser.start()
    browser.step(1, {"org_type": "kommune"})
    browser.step(2, {"web": "ja"})
    revision = stored(app).answers_revision
    browser.step(2, {}, action="back")
    assessment = stored(app)
    assert "web" not in assessment.answers
    assert assessment.answers_revision == revision + 1


def test_missing_csrf_token_is_rejected(app: Any, browser: Browser) -> None:
    browser.start()
    response = browser.client.post("/schritt/1", data={"q_org_type": "kommune"})
    assert response.status_code == 400
    assert stored(app).answers == {}


def test_expired_csrf_token_keeps_the_posted_answers(app_factory: Any) -> None:
    app = app_factory(WTF_CSRF_TIME_LIMIT=1)
    browser = Browser(app.test_client())
    browser.start()
    page = browser.get("/schritt/1")
    import time

    time.sleep(2.1)
    response = browser.client.post(
        "/schritt/1", data={"q_org_type": "wohlfahrt", "csrf_token": csrf_token(page.text)}
    )
    assert response.status_code == 400
    assert "Ihre Eingaben sind noch da" in response.text
    assert re.search(r'value="wohlfahrt"[^>]*checked|checked[^>]*value="wohlfahrt"', response.text)
    fresh = csrf_token(response.text)
    response = browser.client.post("/schritt/1", data={"q_org_type": "wohlfahrt", "csrf_token": fresh})
    assert response.status_code == 303
    assert stored(app).answers == {"org_type": "wohlfahrt"}


def test_english_is_switchable_and_remembered(browser: Browser) -> None:
    page = browser.get("/?lang=en")
    assert 'lang="en"' in page.text
    assert "Start the self-check" in page.text
    browser.start()
    step = browser.get("/schritt/1").text
    assert "Step 1 of 3" in step
    assert "What kind of organisation are you?" in step
    page = browser.get("/?lang=de")
    assert 'lang="de"' in page.text
    assert "Selbstcheck starten" in page.text
    assert browser.get("/?lang=xx").text.count('lang="de"') >= 1


def test_organisation_name_too_long(browser: Browser) -> None:
    response = browser.submit("/start", {"organisation_name": "x" * 300}, form_url="/")
    assert response.status_code == 422
    assert 'href="#organisation_name"' in response.text


def test_questions_carry_the_numbers_of_the_paper_questionnaire(browser: Browser, minimal_ruleset: Any) -> None:
    """A workshop mixes paper and web: "Frage 2.3" must mean the same question in both."""
    from selfcheck.presenter import question_numbers

    numbers = question_numbers(minimal_ruleset)
    browser.start()
    browser.step(1, {"org_type": "kommune"})
    page = browser.get("/schritt/2").text
    shown = re.findall(r'<span class="question__number">([\d.]+)</span> ([^<]+)</legend>', page)
    digital = minimal_ruleset.dimension("digital")
    on_page = digital.questions  # the question that "App" brings up is there too, hidden
    assert shown == [(numbers[q.id], q.text.de) for q in on_page]
    assert shown[0][0] == "2.1"
