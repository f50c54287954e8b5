"""Coming back by link or code, deleting, expiry and the rate limit on resume attempts."""

from __future__ import annotations

import base64
import hashlib
import zlib
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from selfcheck import services
from selfcheck.db import get_session
from selfcheck.models import Assessment, RateLimitHit, utcnow
from selfcheck.services.digests import digest
from tests.support.webflow import Browser, answer_minimal


def all_assessments(app: Any) -> list[Assessment]:
    with app.app_context():
        return list(get_session().scalars(select(Assessment)))


def expire_all(app: Any) -> None:
    with app.app_context():
        db = get_session()
        db.execute(update(Assessment).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.commit()


def test_link_swaps_token_for_session_and_cleans_url(app: Any, browser: Browser) -> None:
    access = browser.start()
    browser.step(1, {"org_type": "kommune"})
    other = Browser(app.test_client())
    response = other.get(access["link"])
    assert response.status_code == 303
    assert response.location.endswith("/weiter")
    assert "fortsetzen" not in response.location
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "session=" in response.headers["Set-Cookie"]
    response = other.get("/weiter")
    assert response.status_code == 303
    assert response.location.endswith("/schritt/2")
    assert other.get("/schritt/2").status_code == 200


def test_code_works_in_any_spelling(app: Any, browser: Browser) -> None:
    access = browser.start()
    typed = access["code"].lower().replace("-", " ")
    other = Browser(app.test_client())
    response = other.submit("/fortsetzen", {"code": typed})
    assert response.status_code == 303
    assert response.location.endswith("/weiter")
    assert other.get("/schritt/1").status_code == 200


def test_wrong_code_gets_a_clear_message(browser: Browser) -> None:
    browser.start()
    other = Browser(browser.client.application.test_client())
    response = other.submit("/fortsetzen", {"code": "AAAA-AAAA"})
    assert response.status_code == 422
    assert "Diesen Code kennen wir nicht" in response.text
    assert 'href="#code"' in response.text


def cookie_payload(value: str) -> bytes:
    """What a Flask session cookie carries, as anyone holding the cookie can read it."""
    compressed = value.startswith(".")
    body = value.lstrip(".").split(".")[0]
    data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    return zlib.decompress(data) if compressed else data


def test_only_hashes_are_stored(app: Any, browser: Browser) -> None:
    access = browser.start()
    (assessment,) = all_assessments(app)
    token = access["link"].rsplit("/", 1)[1]
    code = access["code"].replace("-", "")
    with app.app_context():
        db = get_session()
        assert assessment.resume_token_hash == digest(db, token)
        assert assessment.resume_code_hash == digest(db, code)
    # keyed: a database dump alone cannot test guesses (plain SHA-256 of the code would match)
    assert assessment.resume_code_hash != hashlib.sha256(code.encode()).hexdigest()
    values = [str(getattr(assessment, column.key)) for column in Assessment.__table__.columns]
    assert not any(token in value or code in value for value in values)
    assert len(token) >= 43  # 32 random bytes, base64url
    # Nothing of the secrets sits readable in the session cookie between /start and /zugang.
    fresh = Browser(app.test_client())
    fresh.submit("/start", {"organisation_name": ""}, form_url="/")
    raw = cookie_payload(fresh.client.get_cookie("session").value)
    assert b"resume" in raw  # the sealed value is there ...
    assert b'"token"' not in raw  # ... but neither the token nor the code can be read
    assert b'"code"' not in raw


def test_hashes_from_before_keyed_digests_still_resume_and_are_upgraded(app: Any, browser: Browser) -> None:
    access = browser.start()
    code = access["code"].replace("-", "")
    with app.app_context():
        db = get_session()
        (assessment,) = db.scalars(select(Assessment)).all()
        assessment.resume_code_hash = hashlib.sha256(code.encode()).hexdigest()  # as stored before
        db.commit()
    assert Browser(app.test_client()).submit("/fortsetzen", {"code": access["code"]}).status_code == 303
    with app.app_context():
        db = get_session()
        (assessment,) = db.scalars(select(Assessment)).all()
        assert assessment.resume_code_hash == digest(db, code)


def test_a_new_link_ends_the_sessions_opened_with_the_old_one(app: Any, browser: Browser) -> None:
    access = browser.start()
    other_device = Browser(app.test_client())
    assert other_device.get(access["link"]).status_code == 303
    assert other_device.get("/schritt/1").status_code == 200
    assert browser.submit("/zugang", {}).status_code == 303  # "Neuen Link und Code erstellen"
    assert other_device.get("/schritt/1").status_code == 303  # out: sent to "no assessment"
    assert browser.get("/schritt/1").status_code == 200  # the browser that renewed stays in


def test_unknown_forged_and_expired_links_look_the_same(app: Any, browser: Browser) -> None:
    access = browser.start()
    client = app.test_client()
    unknown = client.get("/fortsetzen/" + "A" * 43)
    forged = client.get("/fortsetzen/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    expire_all(app)
    expired = client.get(access["link"])
    assert unknown.status_code == forged.status_code == expired.status_code == 404
    assert unknown.text == expired.text == forged.text
    assert expired.headers["Referrer-Policy"] == "no-referrer"


def test_expired_code_and_session_are_refused(app: Any, browser: Browser) -> None:
    access = browser.start()
    expire_all(app)
    response = browser.get("/schritt/1")
    assert response.status_code == 303
    assert response.location.endswith("/kein-selbstcheck")
    other = Browser(app.test_client())
    assert other.submit("/fortsetzen", {"code": access["code"]}).status_code == 422


def test_new_access_invalidates_the_old(app: Any, browser: Browser) -> None:
    old = browser.start()
    response = browser.submit("/zugang", {})
    assert response.status_code == 303
    page = browser.get("/zugang").text
    assert "data-resume-code" in page
    assert old["code"] not in page
    assert app.test_client().get(old["link"]).status_code == 404
    assert "data-resume-code" not in browser.get("/zugang").text  # shown once only


def test_rate_limit_counts_failures_in_the_database(app_factory: Any) -> None:
    app = app_factory(RATE_LIMITS={"resume": {"limit": 3}})
    browser = Browser(app.test_client())
    access = browser.start()
    for _ in range(3):
        assert app.test_client().get("/fortsetzen/" + "B" * 43).status_code == 404
    refused = app.test_client().get("/fortsetzen/" + "C" * 43)
    assert refused.status_code == 429
    assert "Zu viele Versuche" in refused.text
    assert 0 < int(refused.headers["Retry-After"]) <= 600
    # The valid link and code still work for people sharing the address (a workshop room).
    assert app.test_client().get(access["link"]).status_code == 303
    assert Browser(app.test_client()).submit("/fortsetzen", {"code": access["code"]}).status_code == 303
    # A second app process on the same database sees the same count.
    other_worker = app_factory(RATE_LIMITS={"resume": {"limit": 3}})
    assert Browser(other_worker.test_client()).submit("/fortsetzen", {"code": "ZZZZ-ZZZZ"}).status_code == 429
    with app.app_context():
        buckets = list(get_session().scalars(select(RateLimitHit.bucket)))
    assert len(buckets) == 6  # five failed lookups, and the start of the check (creation limit)
    assert all("127.0.0.1" not in bucket for bucket in buckets)


def test_guessing_stops_for_everybody_past_the_ceiling(app_factory: Any) -> None:
    """Valid secrets pass a used-up limit, but only up to five times its failures: then guessing,
    and with it every lookup from that client, waits for the window."""
    app = app_factory(RATE_LIMITS={"resume": {"limit": 2}})
    access = Browser(app.test_client()).start()
    for _ in range(10):
        app.test_client().get("/fortsetzen/" + "B" * 43)
    assert app.test_client().get(access["link"]).status_code == 429


def test_successful_resumes_are_not_limited(app_factory: Any) -> None:
    app = app_factory(RATE_LIMITS={"resume": {"limit": 2}})
    access = Browser(app.test_client()).start()
    for _ in range(5):
        assert app.test_client().get(access["link"]).status_code == 303


def test_delete_removes_everything(app: Any, browser: Browser) -> None:
    access = browser.start("Zu löschen e.V.")
    answer_minimal(browser)
    assert "Endgültig löschen" in browser.get("/loeschen").text
    response = browser.submit("/loeschen", {})
    assert response.status_code == 303
    assert response.location.endswith("/")
    assert "Ihre Daten sind gelöscht" in browser.get("/").text
    assert all_assessments(app) == []
    assert app.test_client().get(access["link"]).status_code == 404
    assert browser.get("/schritt/1").location.endswith("/kein-selbstcheck")


def test_delete_needs_csrf(app: Any, browser: Browser) -> None:
    browser.start()
    assert browser.client.post("/loeschen").status_code == 400
    assert len(all_assessments(app)) == 1


def test_purge_removes_only_expired(app: Any, browser: Browser) -> None:
    browser.start()
    expire_all(app)
    Browser(app.test_client()).start()
    with app.app_context():
        assert services.purge_expired(get_session()) == 1
    assert len(all_assessments(app)) == 1
