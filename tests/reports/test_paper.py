"""The blank questionnaire: every question, tick boxes, plain-language conditions."""

from __future__ import annotations

import pytest

from selfcheck.engine import parse_condition
from selfcheck.presenter import question_numbers
from selfcheck.presenter.conditions import describe_condition
from selfcheck.reports import render_paper_html
from tests.support.reportcheck import pdf_text


def test_paper_contains_every_question_numbered_like_the_web(paper_pdf, minimal_ruleset):
    text = pdf_text(paper_pdf)
    numbers = question_numbers(minimal_ruleset)
    for question in minimal_ruleset.questions:
        assert f"{numbers[question.id]} {question.text.de}" in text
    assert numbers["org_type"] == "1.1"
    assert numbers["web"] == "2.1"


def test_paper_turns_conditions_into_instructions(paper_pdf):
    text = pdf_text(paper_pdf)
    assert "Nur beantworten, wenn Sie bei Frage 2.3 „App“ angekreuzt haben." in text
    assert "Nur beantworten, wenn Sie bei Frage 1.1 „Kommune“ angekreuzt haben." in text
    assert "Weiß nicht" in text
    assert "Notizen" in text


def test_paper_has_a_box_per_option(minimal_ruleset):
    html = render_paper_html(minimal_ruleset, lang="en")
    boxes = html.count('class="box"')
    expected = sum(len(q.options) + q.unknown + q.not_applicable
                   for q in minimal_ruleset.questions if q.type in ("single", "multi"))
    expected += sum(q.unknown + q.not_applicable for q in minimal_ruleset.questions
                    if q.type not in ("single", "multi"))
    assert boxes == expected + 1  # and the workshop consent box on the cover
    assert "Only answer if you ticked “App” in question 2.3." in html.replace("&#34;", '"')


@pytest.mark.parametrize(("source", "de", "en"), [
    ("org_type in [kommune, wohlfahrt]", "bei Frage 1.1 „Kommune“ oder „Wohlfahrtsverband“ angekreuzt haben",
     "you ticked “Municipality” or “Welfare association” in question 1.1"),
    ("org_type not in [kommune, wohlfahrt]",
     "bei Frage 1.1 weder „Kommune“ noch „Wohlfahrtsverband“ angekreuzt haben",
     "you ticked neither “Municipality” nor “Welfare association” in question 1.1"),
    ("not kanaele contains keine", "bei Frage 2.3 nicht „Keine“ angekreuzt haben",
     "you did not tick “None” in question 2.3"),
    ("sprachen >= 4 and web is unknown",
     "bei Frage 2.2 mindestens 4 eingetragen haben und bei Frage 2.1 „Weiß nicht“ angekreuzt haben",
     "you entered at least 4 in question 2.2 and you ticked “Don’t know” in question 2.1"),
    ("not (sprachen < 2 or web is answered)",
     "bei Frage 2.2 mindestens 2 eingetragen haben und Frage 2.1 nicht beantwortet haben",
     "you entered at least 2 in question 2.2 and you did not answer question 2.1"),
])
def test_describe_condition(minimal_ruleset, source, de, en):
    condition = parse_condition(source)
    assert describe_condition(minimal_ruleset, condition, "de") == de
    assert describe_condition(minimal_ruleset, condition, "en") == en


MAX_PAPER_PAGES = 36  # the page target of the blank questionnaire (2026.3: 32 pages for 75 questions)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_shipped_blank_questionnaire_keeps_its_page_target(real_ruleset, lang: str) -> None:
    """Every question of every organisation type, printable in one go: scales stand in a row."""
    import io

    from pypdf import PdfReader

    from selfcheck.reports import render_paper_pdf

    html = render_paper_html(real_ruleset, lang=lang)
    assert '<ul class="choices single compact">' in html  # short answers in reading order, in a row
    pages = len(PdfReader(io.BytesIO(render_paper_pdf(real_ruleset, lang=lang))).pages)
    assert pages <= MAX_PAPER_PAGES, pages
