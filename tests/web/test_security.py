"""Headers, caching, error pages, health check, configuration and migrations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from selfcheck.app import create_app
from tests.support.webflow import Browser


def test_security_headers_on_every_page(browser: Browser) -> None:
    browser.start()
    for url in ("/", "/schritt/1", "/datenschutz", "/fortsetzen", "/does-not-exist", "/healthz"):
        headers = browser.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "object-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] in ("strict-origin-when-cross-origin", "no-referrer")
        assert "Strict-Transport-Security" not in headers  # development: plain http


def test_answer_and_result_pages_are_not_stored(browser: Browser) -> None:
    from tests.support.webflow import complete_minimal

    browser.start()
    assert browser.get("/zugang").headers["Cache-Control"] == "no-store"
    complete_minimal(browser)
    for url in ("/schritt/1", "/schritt/2", "/uebersicht", "/ergebnis"):
        assert browser.get(url).headers["Cache-Control"] == "no-store", url
    with browser.get("/static/style.css") as static:
        assert "no-store" not in static.headers.get("Cache-Control", "")


def test_friendly_error_pages(app: Any, browser: Browser) -> None:
    response = browser.get("/nirgendwo")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.text
    assert "<main" in response.text
    response = browser.client.post("/", data={"x": "y" * 300_000})
    assert response.status_code in (400, 405, 413)
    response = browser.client.post("/fortsetzen", data={"code": "x" * 300_000})
    assert response.status_code == 413
    assert "Zu viele Daten" in response.text


def test_server_errors_show_a_friendly_page(app: Any) -> None:
    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("kaputt")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Ein Fehler ist aufgetreten" in response.text
    assert "kaputt" not in response.text


def test_healthz_checks_the_database(app: Any) -> None:
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_version_names_the_app_rule_set_and_layout_without_paths(app: Any) -> None:
    from selfcheck import __version__
    from selfcheck.questionnaire.state import RULESET_KEY
    from selfcheck.reports import TEMPLATE_VERSION

    ruleset = app.extensions[RULESET_KEY]
    response = app.test_client().get("/version")
    assert response.status_code == 200
    assert response.json == {"app_version": __version__, "ruleset_id": ruleset.id,
                             "ruleset_version": ruleset.version, "ruleset_hash": ruleset.hash,
                             "template_version": TEMPLATE_VERSION}
    assert len(ruleset.hash) == 64
    assert "/" not in response.text


def test_healthz_reports_a_broken_database(tmp_path: Path, minimal_rules_dir: Path) -> None:
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path),
            "RULES_DIR": str(minimal_rules_dir),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'missing-dir' / 'db.sqlite'}",
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable"


def test_development_secret_is_generated_once(tmp_path: Path, minimal_rules_dir: Path) -> None:
    config = {"INSTANCE_PATH": str(tmp_path), "RULES_DIR": str(minimal_rules_dir)}
    first = create_app(config).config["SECRET_KEY"]
    assert len(first) == 64
    assert (tmp_path / "secret_key").read_text() == first
    assert create_app(config).config["SECRET_KEY"] == first


def test_production_requires_a_secret_and_hardens_cookies(tmp_path: Path, minimal_rules_dir: Path) -> None:
    config = {"INSTANCE_PATH": str(tmp_path), "RULES_DIR": str(minimal_rules_dir), "ENVIRONMENT": "production"}
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(config)
    app = create_app({**config, "SECRET_KEY": "s" * 64})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"
    response = app.test_client().get("/healthz", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_environment_variables_configure_the_app(
    tmp_path: Path, minimal_rules_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SELFCHECK_RULES_DIR", str(minimal_rules_dir))
    monkeypatch.setenv("SELFCHECK_RETENTION_DAYS", "7")
    monkeypatch.setenv("SELFCHECK_INSTANCE_PATH", str(tmp_path))
    app = create_app()
    assert app.config["RETENTION_DAYS"] == 7
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'selfcheck.sqlite'}"
    assert app.config["MAX_CONTENT_LENGTH"] > 0


def test_broken_rules_stop_the_start_with_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from selfcheck.app import RulesNotLoadedError
    from selfcheck.cli.db import db_group

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "ruleset.yaml").write_text("format: 1\nid: [", encoding="utf-8")
    with pytest.raises(RulesNotLoadedError) as raised:
        create_app({"INSTANCE_PATH": str(tmp_path), "RULES_DIR": str(tmp_path / "rules")})
    assert [p.code for p in raised.value.problems] == ["E001"]
    assert "ruleset.yaml:2: E001" in str(raised.value)
    # `make run` starts with `selfcheck db upgrade`: it says the same, without a traceback.
    monkeypatch.setenv("SELFCHECK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SELFCHECK_RULES_DIR", str(tmp_path / "rules"))
    result = CliRunner().invoke(db_group, ["upgrade"])
    assert result.exit_code == 1
    assert "ruleset.yaml:2: E001" in result.output
    assert "Traceback" not in result.output


def test_session_cookie_is_httponly_and_samesite(browser: Browser) -> None:
    response = browser.submit("/start", {}, form_url="/")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_each_rate_limit_is_one_setting_and_a_misspelt_one_stops_the_start(tmp_path: Path,
                                                                           minimal_rules_dir: Path) -> None:
    settings = {"TESTING": True, "INSTANCE_PATH": str(tmp_path), "RULES_DIR": str(minimal_rules_dir),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}"}
    app = create_app({**settings, "RATE_LIMITS": {"pdf": {"limit": 1}}})
    assert app.config["RATE_LIMITS"]["pdf"] == {"limit": 1, "window_seconds": 600}
    assert app.config["RATE_LIMITS"]["workshop_join"] == {"limit": 10, "window_seconds": 600}
    with pytest.raises(RuntimeError, match="Unknown rate limit.*'pfd'"):
        create_app({**settings, "RATE_LIMITS": {"pfd": {"limit": 1}}})


def test_a_rate_limit_can_be_set_from_the_environment(tmp_path: Path, minimal_rules_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SELFCHECK_RATE_LIMITS__resume__limit", "3")
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "RULES_DIR": str(minimal_rules_dir)})
    assert app.config["RATE_LIMITS"]["resume"] == {"limit": 3, "window_seconds": 600}
    monkeypatch.delenv("SELFCHECK_RATE_LIMITS__resume__limit")
    assert create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path),
                       "RULES_DIR": str(minimal_rules_dir)}).config["RATE_LIMITS"]["resume"]["limit"] == 10


def test_creating_is_limited_per_client(app_factory: Any) -> None:
    """A script cannot fill the database: new checks and workshops are limited per address."""
    app = app_factory(RATE_LIMITS={"start": {"limit": 2}, "workshop_create": {"limit": 1}})
    for _ in range(2):
        assert Browser(app.test_client()).submit("/start", {"organisation_name": ""}, form_url="/").status_code == 303
    refused = Browser(app.test_client()).submit("/start", {"organisation_name": ""}, form_url="/")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    workshop = {"title": "W", "municipality": "M", "held_on": "2026-12-03", "min_group_size": ""}
    assert Browser(app.test_client()).submit("/workshop/neu", workshop, form_url="/workshop/").status_code == 303
    assert Browser(app.test_client()).submit("/workshop/neu", workshop, form_url="/workshop/").status_code == 429


def test_ipv6_clients_are_counted_per_64_network(app_factory: Any) -> None:
    """An IPv6 client can use any address of its /64: the limit holds for the whole network."""
    app = app_factory(RATE_LIMITS={"resume": {"limit": 2}})
    for host in ("2001:db8:1:2::1", "2001:db8:1:2::2"):
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = host
        assert client.get("/fortsetzen/" + "B" * 43).status_code == 404
    same_network = app.test_client()
    same_network.environ_base["REMOTE_ADDR"] = "2001:db8:1:2:ffff::9"
    assert same_network.get("/fortsetzen/" + "B" * 43).status_code == 429
    other_network = app.test_client()
    other_network.environ_base["REMOTE_ADDR"] = "2001:db8:1:3::1"
    assert other_network.get("/fortsetzen/" + "B" * 43).status_code == 404


def test_head_requests_are_answered_like_get(app: Any) -> None:
    browser = Browser(app.test_client())
    browser.start()
    assert browser.client.head("/schritt/1").status_code == 200
    assert app.test_client().head("/workshop/beitreten").status_code == 200
    assert app.test_client().head("/fortsetzen").status_code == 200
