"""Random and hostile form posts never cause a server error and are never echoed unescaped."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.formclient import csrf_token
from tests.support.webflow import Browser

HOSTILE = st.sampled_from(
    ["<script>alert(1)</script>", "\x00", "' OR 1=1 --", "\u202egnp.exe", "9" * 40, "-1", "1e3", "unknown",
     "not_applicable", "app", "keine", "ja", "%00", "\ud7ff", "{{ 7*7 }}", ""]
)
VALUES = st.one_of(HOSTILE, st.text(max_size=300))
FIELDS = st.sampled_from(
    ["q_web", "q_sprachen", "s_sprachen", "q_kanaele", "q_app_gepflegt", "q_notizen", "action", "q_org_type",
     "csrf_token", "q_", "unknown_field"]
)
POSTS = st.dictionaries(FIELDS, st.one_of(VALUES, st.lists(VALUES, max_size=4)), max_size=8)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def prepared(app: Any) -> tuple[Browser, str]:
    browser = Browser(app.test_client())
    browser.start()
    browser.step(1, {"org_type": "kommune"})
    return browser, csrf_token(browser.get("/schritt/2").text)


@FUZZ
@given(data=POSTS)
def test_step_posts_never_fail(app: Any, data: dict[str, Any]) -> None:
    browser, token = prepared(app) if not hasattr(app, "_fuzz") else app._fuzz
    app._fuzz = (browser, token)
    form = {"csrf_token": token, **{k: v for k, v in data.items() if k != "csrf_token"}}
    for number in (2, 3):
        response = browser.client.post(f"/schritt/{number}", data=form)
        assert response.status_code in (303, 400, 422), response.status_code
        assert "<script>alert(1)</script>" not in response.text
    assert browser.get("/schritt/2").status_code == 200


@FUZZ
@given(name=VALUES, code=VALUES)
def test_start_and_resume_posts_never_fail(app: Any, name: str, code: str) -> None:
    browser = Browser(app.test_client())
    response = browser.submit("/start", {"organisation_name": name}, form_url="/")
    assert response.status_code in (303, 422)
    response = browser.submit("/fortsetzen", {"code": code})
    assert response.status_code in (303, 422, 429)
    assert "<script>alert(1)</script>" not in response.text


@FUZZ
@given(path=st.text(min_size=1, max_size=80))
def test_resume_links_never_fail(app: Any, path: str) -> None:
    response = app.test_client().get("/fortsetzen/" + path.replace("?", "").replace("#", ""))
    assert response.status_code in (404, 429, 308, 301)


MULTIPART_PATHS = ["/start", "/fortsetzen", "/schritt/1", "/schritt/2", "/schritt/3", "/workshop/",
                   "/workshop/beitreten", "/uebersicht", "/loeschen"]


@FUZZ
@given(field=st.one_of(FIELDS, st.sampled_from(["organisation_name", "held_on", "note", "code", "title"])),
       content=st.binary(max_size=200), path=st.sampled_from(MULTIPART_PATHS),
       text=st.dictionaries(FIELDS, VALUES, max_size=3))
def test_multipart_bodies_with_files_are_refused_not_crashed(
        app: Any, field: str, content: bytes, path: str, text: dict[str, str]) -> None:
    """A file part in any text or date field: a clear 400, never a 500."""
    import io

    browser, token = prepared(app) if not hasattr(app, "_fuzz") else app._fuzz
    app._fuzz = (browser, token)
    data: dict[str, Any] = {"csrf_token": token, **{k: v for k, v in text.items() if k != "csrf_token"}}
    data[field] = (io.BytesIO(content), "datei.txt")
    response = browser.client.post(path, data=data, content_type="multipart/form-data")
    assert response.status_code == 400, (path, field, response.status_code)
    if field != "csrf_token":  # a file instead of the token is refused as a CSRF failure first
        assert "nur Text an" in response.text
