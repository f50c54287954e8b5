"""Browser fixtures: the real app on a loopback port, driven by Debian's Chromium.

The app runs as it does in production (CSRF on, real SQLite file migrated with Alembic),
served by werkzeug in a thread. Chromium is the system one (``SELFCHECK_TEST_CHROMIUM``,
default ``/usr/bin/chromium``); Playwright never downloads a browser. Every page a test
opens is watched: a request to any other origin or a Content-Security-Policy violation
fails the test, because nothing may leave the server.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import WSGIRequestHandler

from tests.conftest import stop_renderings

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_CHROMIUM = "/usr/bin/chromium"


class QuietHandler(WSGIRequestHandler):
    """Werkzeug's handler without a log line per request (failures still show the page)."""

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


@dataclass
class LiveServer:
    """The running app: its base URL, the Flask app and the rule set it asks."""

    url: str
    app: Any

    @property
    def ruleset(self) -> Any:
        from selfcheck.questionnaire.state import RULESET_KEY

        return self.app.extensions[RULESET_KEY]


@pytest.fixture(scope="session")
def browser_rules_dir(real_rules_dir: Path) -> Path:
    """The shipped rule set: the pages people will really see are the ones checked."""
    return real_rules_dir


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, browser_rules_dir: Path) -> Iterator[LiveServer]:
    """The real app with the shipped rule set on a free loopback port."""
    from werkzeug.serving import make_server

    from selfcheck.app import create_app
    from selfcheck.cli.db import upgrade_database

    instance = tmp_path_factory.mktemp("browser-instance")
    app = create_app(
        {
            "INSTANCE_PATH": str(instance),
            "SECRET_KEY": "browser-tests-only",
            "DATABASE_URL": f"sqlite:///{instance / 'browser.sqlite'}",
            "RULES_DIR": str(browser_rules_dir),
            "REPORT_CACHE_DIR": str(instance / "reports"),
        }
    )
    upgrade_database(app)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="browser-live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        stop_renderings(app)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("SELFCHECK_TEST_CHROMIUM") or DEFAULT_CHROMIUM
    if not Path(path).is_file():
        pytest.fail(f"Chromium not found at {path}: install Debian's chromium or set SELFCHECK_TEST_CHROMIUM.")
    return path


@pytest.fixture(scope="session")
def chromium(chromium_path: str) -> Iterator[Any]:
    """One headless Chromium for the session; Playwright gives it a fresh temporary profile."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Watch:
    """What the pages of one browser context asked for and complained about."""

    origin: str
    requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        return [url for url in self.requests if not _same_origin(url, self.origin)]


def _same_origin(url: str, origin: str) -> bool:
    return url == origin or url.startswith(origin + "/") or url.startswith("data:")


class ContextFactory:
    """Opens watched browser contexts on the live server; checked and closed after the test."""

    def __init__(self, browser: Any, origin: str) -> None:
        self.browser = browser
        self.origin = origin
        self.opened: list[tuple[Any, Watch]] = []

    def __call__(self, **options: Any) -> Any:
        settings: dict[str, Any] = {"base_url": self.origin, "locale": "de-DE"}
        settings.update(options)
        context = self.browser.new_context(**settings)
        context.set_default_timeout(15_000)
        watch = Watch(self.origin)
        context.on("request", lambda request: watch.requests.append(request.url))
        context.on("page", lambda page: _watch_console(page, watch))
        self.opened.append((context, watch))
        return context

    def close_and_check(self) -> None:
        problems = []
        for context, watch in self.opened:
            context.close()
            if watch.foreign():
                problems.append(f"requests outside {self.origin}: {sorted(set(watch.foreign()))}")
            if watch.csp_violations:
                problems.append(f"Content-Security-Policy violations: {watch.csp_violations}")
            if not watch.requests:
                problems.append("no request was recorded: the watch is broken")
        if problems:
            pytest.fail("\n".join(problems))


def _watch_console(page: Any, watch: Watch) -> None:
    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            watch.csp_violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)


@pytest.fixture
def new_context(chromium: Any, live_server: LiveServer) -> Iterator[ContextFactory]:
    """Call it to open a browser context (keyword arguments go to ``browser.new_context``)."""
    factory = ContextFactory(chromium, live_server.url)
    yield factory
    factory.close_and_check()


@pytest.fixture(scope="module")
def module_contexts(chromium: Any, live_server: LiveServer) -> Iterator[ContextFactory]:
    """Like ``new_context``, for state shared by the tests of one module (checked at its end)."""
    factory = ContextFactory(chromium, live_server.url)
    yield factory
    factory.close_and_check()


@pytest.fixture
def page(new_context: ContextFactory) -> Any:
    """A page in a fresh, watched context (German, desktop size, JavaScript on)."""
    return new_context(viewport={"width": 1280, "height": 900}).new_page()
