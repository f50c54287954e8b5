"""Numbers, percentages and dates as people write them in each language, and the language of
texts that come without one (source titles)."""

from __future__ import annotations

import datetime

import pytest
from babel.messages.pofile import read_po

from selfcheck.engine import evaluate
from selfcheck.presenter import answer_label, present_result
from selfcheck.texts import TRANSLATIONS_DIR, format_date, format_number, format_percent, other_language, text_language
from tests.support.reportcheck import pdf_text

NBSP = "\u00a0"


@pytest.mark.parametrize(("value", "de", "en"), [
    (23.5, "23,5", "23.5"),
    (1500, "1.500", "1,500"),
    (12345.25, "12.345,2", "12,345.2"),  # one decimal at most
    (7, "7", "7"),
    (None, "–", "–"),
])
def test_numbers(value, de, en):
    assert format_number(value, "de") == de
    assert format_number(value, "en") == en


def test_percentages():
    assert format_percent(85, "de") == f"85{NBSP}%"  # German puts a (no-break) space before %
    assert format_percent(85, "en") == "85%"
    assert format_percent(100, "de") == f"100{NBSP}%"
    assert format_percent(None, "en") == "–"


def test_dates():
    day = datetime.date(2026, 12, 10)
    assert format_date(day, "de") == "10. Dezember 2026"
    assert format_date(day, "en") == "10 December 2026"
    assert format_date(day, "fr") == "10. Dezember 2026"  # unknown languages read German


@pytest.mark.parametrize(("text", "expected"), [
    ("Koordinationsmodelle und Herausforderungen ehrenamtlicher Flüchtlingshilfe in den Kommunen", "de"),
    ("Digitalisierung braucht Zivilgesellschaft", "de"),  # German word endings
    ("Digitaler Flüchtlingsgipfel in Berlin", "de"),  # umlauts
    ("Mapping DSI: Migration and integration", "en"),
    ("Where DSI for integration is headed: time for a transnational approach", "en"),
    ("Start with a Friend", "en"),
    ("Digitale Wege zur Integration / Digital Routes to Integration", None),  # both languages
    ("Flüchtlinge Willkommen / Refugees Welcome", None),  # one half unclear
    ("Digital-Report 2020: Non-Profits & IT", None),  # no word of one language only
    ("GoVolunteer", None),
    ("Integreat Wirkungsbericht 2020", None),
    ("", None),
])
def test_the_language_of_a_title_is_read_from_its_words(text, expected):
    assert text_language(text) == expected


def test_only_a_language_other_than_the_pages_needs_saying():
    assert other_language("Mapping DSI: Migration and integration", "de") == "en"
    assert other_language("Mapping DSI: Migration and integration", "en") is None
    assert other_language("Digitale Nachbarschaft", "en") == "de"
    assert other_language("GoVolunteer", "en") is None


def test_number_answers_are_written_in_the_language(minimal_ruleset):
    question = minimal_ruleset.question("sprachen")
    assert answer_label(question, 1500, "de") == "1.500 Sprachen"
    assert answer_label(question, 1500, "en") == "1,500 languages"
    assert answer_label(question, 5, "de") == "5 Sprachen"


def test_the_share_of_answered_questions_is_a_percentage_of_the_language(minimal_ruleset, minimal_answers):
    result = evaluate(minimal_ruleset, minimal_answers)
    german = present_result(minimal_ruleset, result, minimal_answers, "de")
    english = present_result(minimal_ruleset, result, minimal_answers, "en")
    assert german.completeness_text == f"{result.completeness}{NBSP}%"
    assert english.completeness_text == f"{result.completeness}%"


def test_the_report_writes_dates_and_percentages_in_its_language(minimal_ruleset, minimal_result, minimal_answers,
                                                                  report_pdf):
    from selfcheck.reports import render_report_html

    german = pdf_text(report_pdf)
    assert "5. März 2026" in german
    assert f"{minimal_result.completeness} % (" in german
    html = render_report_html(minimal_ruleset, minimal_result, answers=minimal_answers, organisation_name=None,
                              lang="en", created=datetime.date(2026, 12, 10))
    assert "10 December 2026" in html
    assert f"{minimal_result.completeness}% (" in html
    assert '<meta name="dcterms.created" content="2026-12-10">' in html  # machine-readable


def test_percent_signs_are_never_written_into_catalog_texts():
    """Percentages go through format_percent ("85 %" / "85%"), so no text spells out "%%"."""
    with (TRANSLATIONS_DIR / "messages.pot").open("rb") as handle:
        texts = [m.id for m in read_po(handle) if m.id and isinstance(m.id, str)]
    assert [t for t in texts if "%%" in t] == []
