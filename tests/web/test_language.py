"""Which language a person gets, how a response says it, and other-language parts of a page.

The explicit choice (``?lang=``, the language switch) wins and is kept in the session; without
one the browser's Accept-Language decides; German when it names no language we offer.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.formclient import wait_for_renders
from tests.support.rulekit import apply_edits, copy_minimal
from tests.support.webflow import Browser, complete_minimal

# A source of the minimal rule set with an English title: cited by a recommendation the
# minimal answers get (r_ansprechperson), so the results page shows it.
ENGLISH_TITLE = "Coordination models and challenges of volunteer refugee support in municipalities"
GERMAN_TITLE = "Blended Impact? Impulse zur Verknüpfung von digitalen und traditionellen Akteuren in der Kommune"


def start_page(client: Any, accept: str | None = None, **query: str) -> Any:
    headers = {"Accept-Language": accept} if accept is not None else {}
    response = client.get("/", headers=headers, query_string=query)
    assert response.status_code == 200
    return response


def page_language(response: Any) -> str:
    """The language of a page: its html lang, which the header repeats, and its texts follow."""
    found = re.search(r'<html lang="(\w+)"', response.text)
    assert found
    assert response.headers["Content-Language"] == found.group(1)
    switch = re.search(r'<a [^>]*lang="(\w+)"[^>]*aria-current="true"', response.text)
    assert switch, "the language switch marks the page's language"
    assert switch.group(1) == found.group(1)
    return found.group(1)


@pytest.mark.parametrize(("accept", "expected"), [
    ("en", "en"),
    ("en-GB,en;q=0.9", "en"),
    ("en-US", "en"),  # a regional variant counts for its language
    ("fr-FR,fr;q=0.9,en;q=0.5", "en"),  # the best language we offer
    ("de-AT,de;q=0.9,en;q=0.8", "de"),
    ("en;q=0.4,de;q=0.8", "de"),  # the q values count, not the order
    ("fr", "de"),  # nothing we offer: German
    ("*", "de"),
    ("", "de"),
    (None, "de"),  # no header at all (curl, most bots)
])
def test_the_browser_language_decides_the_first_visit(app: Any, accept: str | None, expected: str) -> None:
    response = start_page(app.test_client(), accept)
    assert page_language(response) == expected
    if accept is not None:
        assert "Accept-Language" in response.headers.get("Vary", "")  # caches keep the languages apart


def test_negotiating_stores_nothing(app: Any) -> None:
    """The browser's language is asked each time; only a choice is kept."""
    client = app.test_client()
    assert page_language(start_page(client, "en")) == "en"
    assert page_language(start_page(client, "de")) == "de"
    assert page_language(start_page(client)) == "de"


def test_an_explicit_choice_wins_over_the_browser_language(app: Any) -> None:
    client = app.test_client()
    assert page_language(start_page(client, "en", lang="de")) == "de"
    # The choice is kept for the next pages, whatever the browser asks for.
    later = start_page(client, "en-GB,en;q=0.9")
    assert page_language(later) == "de"
    assert "Accept-Language" not in later.headers.get("Vary", "")
    assert page_language(start_page(client, "de", lang="en")) == "en"
    assert page_language(start_page(client, "de")) == "en"


def test_an_unknown_choice_is_ignored(app: Any) -> None:
    client = app.test_client()
    assert page_language(start_page(client, "en", lang="fr")) == "en"
    assert page_language(start_page(client, None, lang="fr")) == "de"


def test_pages_and_error_pages_say_their_language(app: Any) -> None:
    client = app.test_client()
    for path in ("/", "/datenschutz", "/gibt-es-nicht"):
        german = client.get(path)
        assert german.headers["Content-Language"] == "de", path
    missing = client.get("/gibt-es-nicht", headers={"Accept-Language": "en"})
    assert missing.status_code == 404
    assert missing.headers["Content-Language"] == "en"
    with client.get("/static/style.css") as static:
        assert "Content-Language" not in static.headers  # files in no language say none


def test_pdf_downloads_say_the_language_of_the_file(app: Any) -> None:
    browser = Browser(app.test_client())
    browser.start("Sprachverein")
    complete_minimal(browser)
    german = browser.download("/ergebnis/bericht.pdf?lang=de")
    assert german.status_code == 200
    assert german.mimetype == "application/pdf"
    assert german.headers["Content-Language"] == "de"
    english = browser.download("/ergebnis/bericht.pdf?lang=en")
    assert english.headers["Content-Language"] == "en"
    assert english.headers["Content-Disposition"].startswith('attachment; filename="self-check-result-')
    paper = browser.download("/fragebogen.pdf?lang=en")
    assert paper.headers["Content-Language"] == "en"
    assert 'filename="self-check-questionnaire-' in paper.headers["Content-Disposition"]
    waiting = app.test_client().get("/fragebogen.pdf?lang=de")  # the waiting page is a page
    if waiting.status_code == 202:
        assert waiting.headers["Content-Language"] == "de"
    wait_for_renders(app)


@pytest.fixture
def bilingual_rules(tmp_path: Path) -> Path:
    """The minimal rule set with one English source title beside the German ones."""
    return apply_edits(copy_minimal(tmp_path / "rules"), (
        "sources.yaml",
        "title: Koordinationsmodelle und Herausforderungen ehrenamtlicher Flüchtlingshilfe in den Kommunen",
        f'title: "{ENGLISH_TITLE}"',
    ))


def tagged(html: str, lang: str, text: str) -> bool:
    """Whether ``text`` is the content of an element with ``lang`` (a link or a span)."""
    return re.search(rf'<(a|span)\b[^>]*\blang="{lang}"[^>]*>{re.escape(text)}</\1>', html) is not None


def test_source_titles_in_the_other_language_carry_lang(app_factory: Any, bilingual_rules: Path) -> None:
    app = app_factory(bilingual_rules)
    browser = Browser(app.test_client())
    browser.start()
    german = complete_minimal(browser).text
    assert ENGLISH_TITLE in german
    assert tagged(german, "en", ENGLISH_TITLE)
    assert not tagged(german, "de", GERMAN_TITLE)  # the page's own language needs no attribute
    english = browser.get("/ergebnis?lang=en").text
    assert '<html lang="en"' in english
    assert not tagged(english, "en", ENGLISH_TITLE)
    assert ENGLISH_TITLE in english
    assert tagged(english, "de", GERMAN_TITLE)


def test_the_results_page_writes_percentages_in_its_language(browser: Browser) -> None:
    browser.start()
    german = complete_minimal(browser).text
    assert re.search(r"Sie haben \d+\u00a0% der Fragen beantwortet", german)
    english = browser.get("/ergebnis?lang=en").text
    assert re.search(r"You answered \d+% of the questions", english)
