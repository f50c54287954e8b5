"""The report PDF of the current check and the blank paper questionnaire, made off the request
path by the local render pool (the embedded default) and kept in the database or a folder."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from sqlalchemy import func, select

from tests.support.formclient import wait_for_renders
from tests.support.webflow import Browser, complete_minimal


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def stored_files(app: Any) -> int:
    from selfcheck.db import EXTENSION_KEY
    from selfcheck.models import RenderedFile

    with app.extensions[EXTENSION_KEY]() as db:
        return int(db.scalar(select(func.count()).select_from(RenderedFile)))


def status_url(html: str) -> str:
    found = re.search(r'data-file-status="([^"]+)"', html)
    assert found, "no file status on the page"
    return found.group(1)


def test_a_download_never_waits_for_the_render_and_the_file_is_kept_in_the_database(app: Any) -> None:
    browser = Browser(app.test_client())
    browser.start("PDF-Verein")
    page = complete_minimal(browser)
    assert 'href="/ergebnis/bericht.pdf?lang=de"' in page.text
    waiting = browser.get("/ergebnis/bericht.pdf")
    assert waiting.status_code == 202
    assert "Ihr Bericht wird erstellt" in waiting.text
    assert waiting.headers["Cache-Control"] == "no-store"
    status = status_url(waiting.text)
    assert browser.get(status).json["state"] in ("pending", "ready")
    wait_for_renders(app)
    assert browser.get(status).json == {"state": "ready"}
    response = browser.download("/ergebnis/bericht.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="selbstcheck-ergebnis-')
    assert response.headers["Cache-Control"] == "no-store"
    text = pdf_text(response.data)
    assert "PDF-Verein" in text
    assert "Digitale Angebote" in text
    assert stored_files(app) == 1
    again = browser.get("/ergebnis/bericht.pdf")
    assert again.status_code == 200  # a stored file: no new render
    assert again.data == response.data
    browser.submit("/loeschen", {})
    assert stored_files(app) == 0  # deleted with the assessment, in the same transaction


def test_a_changed_answer_makes_a_new_report_and_replaces_the_old_one(app: Any) -> None:
    browser = Browser(app.test_client())
    browser.start("Verein")
    complete_minimal(browser)
    first = browser.download("/ergebnis/bericht.pdf").data
    browser.step(2, {"web": "nein", "sprachen": "2", "kanaele": ["messenger"]})
    second = browser.download("/ergebnis/bericht.pdf")
    assert second.status_code == 200
    assert second.data != first
    assert stored_files(app) == 1
    english = browser.download("/ergebnis/bericht.pdf?lang=en")
    assert "Digital offers" in pdf_text(english.data)
    assert stored_files(app) == 2  # one per language


def test_the_results_page_queues_the_report_ahead_and_says_so(app_factory: Any) -> None:
    app = app_factory(RENDER_AHEAD=True)
    browser = Browser(app.test_client())
    browser.start()
    page = complete_minimal(browser)
    assert "Ihr Bericht wird erstellt" in page.text
    status = status_url(page.text)
    wait_for_renders(app)
    assert browser.get(status).json == {"state": "ready"}
    page = browser.get("/ergebnis")
    assert "Ihr Bericht wird erstellt" not in page.text
    response = browser.get("/ergebnis/bericht.pdf")  # the first click is a stored-file hit
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")


def test_the_folder_store_keeps_one_file_per_owner_and_forgets_them_on_delete(app_factory: Any) -> None:
    app = app_factory(REPORT_STORE="folder")
    browser = Browser(app.test_client())
    browser.start()
    complete_minimal(browser)
    assert browser.download("/ergebnis/bericht.pdf").status_code == 200
    files = sorted(Path(app.config["REPORT_CACHE_DIR"]).rglob("*.pdf"))
    assert len(files) == 1
    assert stored_files(app) == 0
    browser.submit("/loeschen", {})
    assert sorted(Path(app.config["REPORT_CACHE_DIR"]).rglob("*.pdf")) == []


def test_report_needs_a_finished_check(browser: Browser) -> None:
    assert browser.get("/ergebnis/bericht.pdf").status_code == 303
    browser.start()
    response = browser.get("/ergebnis/bericht.pdf")
    assert response.status_code == 303
    assert response.location.endswith("/schritt/1")


def test_only_new_jobs_count_and_each_assessment_has_its_own_limit(app_factory: Any) -> None:
    """A workshop room shares one address: downloads of a stored report, looking again while it
    is made, and other people's reports never block a respondent; only new jobs count."""
    app = app_factory(RATE_LIMITS={"pdf": {"limit": 1}})
    browser = Browser(app.test_client())
    browser.start()
    complete_minimal(browser)
    assert browser.get("/ergebnis/bericht.pdf").status_code == 202
    for _ in range(3):
        assert browser.download("/ergebnis/bericht.pdf").status_code == 200
    neighbour = Browser(app.test_client())  # same address, another assessment
    neighbour.start()
    complete_minimal(neighbour)
    assert neighbour.download("/ergebnis/bericht.pdf").status_code == 200
    browser.step(2, {"web": "nein", "sprachen": "2", "kanaele": ["messenger"]})  # a new revision: a new job
    response = browser.get("/ergebnis/bericht.pdf")
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 600


def test_paper_questionnaire_is_linked_from_the_start_page(browser: Browser) -> None:
    assert 'href="/fragebogen.pdf?lang=de"' in browser.get("/").text
    response = browser.download("/fragebogen.pdf?lang=de")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"] == 'attachment; filename="selbstcheck-fragebogen-1.0.pdf"'
    assert "Haben Sie ein Online-Angebot?" in pdf_text(response.data)


def test_a_render_past_its_deadline_is_retried_once_then_offered_again(app_factory: Any) -> None:
    from selfcheck.rendering import renderings

    app = app_factory(RENDER_TIMEOUT_SECONDS=0.001)
    browser = Browser(app.test_client())
    browser.start()
    complete_minimal(browser)
    waiting = browser.get("/ergebnis/bericht.pdf")
    assert waiting.status_code == 202
    wait_for_renders(app)
    assert browser.get(status_url(waiting.text)).json == {"state": "failed"}
    failed = browser.get("/ergebnis/bericht.pdf")
    assert failed.status_code == 503
    assert int(failed.headers["Retry-After"]) > 0
    assert "Ihre Antworten sind sicher gespeichert" in failed.text
    again = re.search(r'href="([^"]+)">Noch einmal versuchen', failed.text)
    assert again
    renderings(app).queue.timeout = 60  # type: ignore[attr-defined]  # the cause went away
    response = browser.download(again.group(1).replace("&amp;", "&"))
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")


def test_when_the_broker_does_not_answer_the_page_says_so_and_a_download_renders_here(app_factory: Any) -> None:
    app = app_factory(RENDER_QUEUE_URL="redis://127.0.0.1:9/0", RENDER_AHEAD=True)  # nothing listens on port 9
    browser = Browser(app.test_client())
    browser.start("Ohne Broker")
    page = complete_minimal(browser)
    assert page.status_code == 200
    assert "Ihr Bericht folgt" in page.text
    response = browser.get("/ergebnis/bericht.pdf")
    assert response.status_code == 200
    assert "Ohne Broker" in pdf_text(response.data)
    assert stored_files(app) == 1


def test_the_status_of_a_file_is_asked_by_its_key_only(browser: Browser) -> None:
    assert browser.get("/datei/not-a-key/status").status_code == 404
    assert browser.get(f"/datei/{'0' * 64}/status").json == {"state": "unknown"}


def test_a_file_for_an_owner_deleted_meanwhile_leaves_nothing_behind(app: Any) -> None:
    from selfcheck.rendering import FileJob, file_key, store_for

    job = FileJob(key=file_key("report", "gone"), kind="report", lang="de", html="<p>x</p>", stylesheet="report",
                  owner_kind="assessment", owner_id="gone")
    assert store_for(app).put(job, b"%PDF-1.7 test") is False
    assert stored_files(app) == 0
