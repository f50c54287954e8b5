"""The report PDF: content, tagging, metadata and that pages really show something."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.support.reportcheck import ORGANISATION, ink_share, pdf_text


def test_report_names_organisation_dimensions_and_next_steps(report_pdf, minimal_ruleset, minimal_result):
    text = pdf_text(report_pdf)
    assert ORGANISATION in text
    for dimension in minimal_ruleset.dimensions:
        assert dimension.title.de in text
    next_steps = [minimal_ruleset.recommendation(r.id).title.de for r in minimal_result.next_steps]
    assert next_steps, "the fixture answers must produce next steps"
    for title in next_steps:
        assert title in text
    for section in ("Ihre nächsten Schritte", "Was Sie noch herausfinden können", "Aktionsplan",
                    "Anhang: Ihre Antworten", "Methode und Quellen", "Seite 2 von"):
        assert section in text


def test_report_keeps_umlauts_and_shows_scores_from_the_result(report_pdf, minimal_result):
    text = pdf_text(report_pdf)
    for letter in "äöüßÄÜ":
        assert letter in text
    for dimension in minimal_result.dimensions:
        assert f"{dimension.score}/100" in text.replace(" /", "/")


def test_report_lists_free_text_answer_and_knowledge_gap(report_pdf, minimal_ruleset):
    text = pdf_text(report_pdf)
    assert "Größere Änderungen besprechen wir gemeinsam." in text
    assert minimal_ruleset.question("app_gepflegt").text.de in text
    assert "Weiß nicht" in text


def test_report_is_tagged_with_title_language_and_bookmarks(report_pdf):
    reader = PdfReader(io.BytesIO(report_pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert str(root["/Lang"]) == "de"
    assert ORGANISATION in reader.metadata.title
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Auf einen Blick" in titles
    assert "Empfehlungen" in titles
    box = reader.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (595, 842)  # A4 in points


def test_report_in_english(minimal_ruleset, minimal_result, minimal_answers):
    import datetime

    from selfcheck.reports import render_report_pdf

    pdf = render_report_pdf(minimal_ruleset, minimal_result, answers=minimal_answers, organisation_name=None,
                            lang="en", created=datetime.date(2026, 1, 2))
    text = pdf_text(pdf)
    assert "Your next steps" in text
    assert "Page 2 of" in text
    assert "2 January 2026" in text
    for dimension in minimal_ruleset.dimensions:
        assert (dimension.title.en or dimension.title.de) in text
    assert str(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"]) == "en"


def test_cover_and_summary_pages_are_not_blank(report_pdf, tmp_path):
    assert ink_share(report_pdf, 1, tmp_path / "p1") > 0.01
    assert ink_share(report_pdf, 2, tmp_path / "p2") > 0.03  # the chart page carries bars


def test_blank_page_measures_as_blank(tmp_path):
    """Guards the ink check itself: an empty page must not count as content."""
    from selfcheck.reports.pdf import render_in_process

    empty, _ = render_in_process("<html lang='de'><title>leer</title><body></body></html>", "paper")
    assert ink_share(empty, 1, tmp_path) < 0.001
