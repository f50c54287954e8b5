"""The results page's tools without a browser: the recommendation filter as a GET form, the
profile chart, and the buttons that only JavaScript shows (print, copy)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.webflow import Browser

# Minimal rule set: three next steps, "Ein Online-Angebot schaffen" (Digitale Angebote, medium
# effort) and two of "Analoge Verankerung" with low effort.
POSTS: list[tuple[int, dict[str, Any]]] = [
    (1, {"org_type": "kommune"}),
    (2, {"web": "nein", "sprachen": "1", "kanaele": ["messenger"]}),
    (3, {"beratung": "nein", "partner": "nein", "ansprechperson": "nein"}),
]
ONLINE, PARTNER, CONTACT = "rec-r_online_starten", "rec-r_partner_finden", "rec-r_ansprechperson"


@pytest.fixture
def finished(browser: Browser) -> Browser:
    browser.start("Filterverein")
    for number, answers in POSTS:
        assert browser.step(number, answers).status_code == 303
    assert browser.submit("/uebersicht", {}).location.endswith("/ergebnis")
    return browser


def shown(page: Any) -> set[str]:
    return set(re.findall(r'<article class="recommendation[^"]*" id="(rec-[\w-]+)"', page.text))


def test_the_filter_offers_the_themes_and_efforts_that_occur(finished: Browser) -> None:
    page = finished.get("/ergebnis")
    assert shown(page) == {ONLINE, PARTNER, CONTACT}
    form = page.text.split('data-rec-filter>')[1].split("</form>")[0]
    # themes in questionnaire order, efforts from low to high; only those some recommendation has
    assert re.findall(r'<option value="(\w*)"', form) == ["", "digital", "analog", "", "gering", "mittel"]
    assert 'name="thema"' in form
    assert 'name="aufwand"' in form
    assert 'id="next-steps"' in page.text
    assert 'id="chosen"' not in page.text


@pytest.mark.parametrize(("choice", "expected"), [
    ({"thema": "digital"}, {ONLINE}),
    ({"aufwand": "gering"}, {PARTNER, CONTACT}),
    ({"thema": "analog", "aufwand": "gering"}, {PARTNER, CONTACT}),
    ({"thema": "", "aufwand": "mittel"}, {ONLINE}),
])
def test_the_filter_form_as_rendered_narrows_the_list(finished: Browser, choice: dict[str, str],
                                                      expected: set[str]) -> None:
    page = finished.submit("/ergebnis", choice)
    assert page.status_code == 200
    assert shown(page) == expected
    assert 'id="chosen"' in page.text
    assert 'id="next-steps"' not in page.text  # one list in rank order instead of the usual sections
    assert f"Passend zu Ihrer Auswahl: {len(expected)} von 3 Empfehlungen." in page.text
    assert 'href="#chosen"' in page.text  # the table of contents points to the list that is there
    for name, value in choice.items():
        if value:
            assert re.search(rf'<option value="{value}" selected>', page.text), name
    assert re.search(r'href="/ergebnis#filter">Alle Empfehlungen zeigen</a>', page.text)


def test_a_choice_without_match_says_so(finished: Browser) -> None:
    page = finished.submit("/ergebnis", {"thema": "digital", "aufwand": "gering"})
    assert shown(page) == set()
    assert "Zu Ihrer Auswahl passt keine Empfehlung." in page.text
    assert "Passend zu Ihrer Auswahl: 0 von 3 Empfehlungen." in page.text


def test_unknown_filter_values_show_the_whole_page(finished: Browser) -> None:
    page = finished.get("/ergebnis?thema=gibt-es-nicht&aufwand=riesig")
    assert page.status_code == 200
    assert shown(page) == {ONLINE, PARTNER, CONTACT}
    assert 'id="next-steps"' in page.text
    assert " selected>" not in page.text


def test_results_page_shows_the_profile_chart_and_hides_script_buttons(finished: Browser) -> None:
    page = finished.get("/ergebnis").text
    chart = re.search(r'<svg[^>]*class="blend-chart"[^>]*>', page)
    assert chart, "the 2x2 profile chart of the PDF is missing"
    assert 'role="img"' in chart.group(0)
    assert 'aria-labelledby="blendchart-title blendchart-desc"' in chart.group(0)
    assert '<title id="blendchart-title">Blended-Profil</title>' in page
    assert re.search(r'<p class="page-tools" data-print-tools hidden>\s*<button[^>]*data-print>Seite drucken', page)
    # the phone chart beside the wide one, with its own ids
    assert 'class="dimension-chart dimension-chart--compact"' in page
    assert 'id="dimchart-compact-title"' in page
    # every value in the table is labelled for the stacked phone layout
    assert page.count('data-label="Antworten"') == page.count('<th scope="row">')


def test_access_page_has_copy_buttons_for_the_script_to_show(browser: Browser) -> None:
    assert browser.submit("/start", {"organisation_name": ""}, form_url="/").location.endswith("/zugang")
    page = browser.get("/zugang").text  # link and code are shown this once
    assert page.count("data-copy-tools hidden") == 2
    assert re.search(r'<p class="resume-link" id="resume-link"><a href="http://localhost/fortsetzen/', page)
    assert re.search(r'id="resume-code" data-resume-code>[A-Z0-9-]+<', page)
    assert re.search(r'<button[^>]*data-copy="resume-link">Link kopieren</button>', page)
    assert re.search(r'<button[^>]*data-copy="resume-code">Code kopieren</button>', page)
