"""The report PDF of the current check and the blank paper questionnaire."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from tests.support.webflow import Browser, complete_minimal


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def cached_files(app: Any) -> list[Path]:
    return sorted(Path(app.config["REPORT_CACHE_DIR"]).rglob("*.pdf"))


def test_report_pdf_is_rendered_cached_and_deleted_with_the_check(app: Any, browser: Browser) -> None:
    browser.start("PDF-Verein")
    page = complete_minimal(browser)
    assert 'href="/ergebnis/bericht.pdf?lang=de"' in page.text
    response = browser.get("/ergebnis/bericht.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="selbstcheck-ergebnis-')
    assert response.headers["Cache-Control"] == "no-store"
    assert response.data.startswith(b"%PDF")
    text = pdf_text(response.data)
    assert "PDF-Verein" in text
    assert "Digitale Angebote" in text
    assert len(cached_files(app)) == 1
    assert browser.get("/ergebnis/bericht.pdf").data == response.data  # served from the cache
    browser.submit("/loeschen", {})
    assert cached_files(app) == []


def test_report_needs_a_finished_check(browser: Browser) -> None:
    assert browser.get("/ergebnis/bericht.pdf").status_code == 303
    browser.start()
    response = browser.get("/ergebnis/bericht.pdf")
    assert response.status_code == 303
    assert response.location.endswith("/schritt/1")


def test_only_fresh_renders_count_and_each_assessment_has_its_own_limit(app_factory: Any) -> None:
    """A workshop room shares one address: downloads of a cached report and other people's
    reports never block a respondent; only fresh renders of one's own report count."""
    app = app_factory(RATE_LIMITS={"pdf": {"limit": 1}})
    browser = Browser(app.test_client())
    browser.start()
    complete_minimal(browser)
    for _ in range(3):  # the first renders, the others come from the cache
        assert browser.get("/ergebnis/bericht.pdf").status_code == 200
    neighbour = Browser(app.test_client())  # same address, another assessment
    neighbour.start()
    complete_minimal(neighbour)
    assert neighbour.get("/ergebnis/bericht.pdf").status_code == 200
    browser.step(2, {"web": "nein", "sprachen": "2", "kanaele": ["messenger"]})  # a new revision: a fresh render
    response = browser.get("/ergebnis/bericht.pdf")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 600


def test_paper_questionnaire_is_linked_from_the_start_page(browser: Browser) -> None:
    assert 'href="/fragebogen.pdf?lang=de"' in browser.get("/").text
    response = browser.get("/fragebogen.pdf?lang=de")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"] == 'attachment; filename="selbstcheck-fragebogen-1.0.pdf"'
    assert "Haben Sie ein Online-Angebot?" in pdf_text(response.data)


def test_a_render_past_its_deadline_answers_503_with_retry_after(app: Any) -> None:
    from selfcheck.reports import pdf

    browser = Browser(app.test_client())
    browser.start()
    complete_minimal(browser)
    before = dict(pdf._settings)
    pdf.configure(timeout_seconds=0.001)
    try:
        response = browser.get("/ergebnis/bericht.pdf")
    finally:
        pdf._settings.update(before)
        pdf.stop_worker()
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert "Ihre Antworten sind gespeichert" in response.text
    assert browser.get("/ergebnis/bericht.pdf").status_code == 200  # the next try works
