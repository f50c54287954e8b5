"""What browsers and search engines expect of every page: a favicon, a description, static files
that can be cached for long because a changed file gets a new URL."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from selfcheck.static_files import LONG_CACHE, StaticVersions
from tests.support.webflow import Browser

NOT_PAGES = {"static", "workshops.static", "healthz", "version", "site.favicon"}


def html_pages(app: Any) -> list[str]:
    """Every GET route without parameters (the pages one can open directly)."""
    return sorted(rule.rule for rule in app.url_map.iter_rules()
                  if "GET" in (rule.methods or ()) and not rule.arguments and rule.endpoint not in NOT_PAGES)


def test_every_page_has_a_description_and_an_icon(app: Any, browser: Browser) -> None:
    browser.start()
    pages = [*html_pages(app), "/schritt/1", "/gibt-es-nicht"]
    assert {"/", "/impressum", "/datenschutz", "/fortsetzen"} <= set(pages)
    checked = 0
    for url in pages:
        response = browser.get(url)
        if response.status_code not in (200, 404) or response.mimetype != "text/html":
            continue  # redirects and files
        html = response.get_data(as_text=True)
        descriptions = re.findall(r'<meta name="description" content="([^"]*)">', html)
        assert len(descriptions) == 1, url
        assert len(descriptions[0]) >= 50, (url, descriptions)
        icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
        assert icon, url
        checked += 1
    assert checked >= 5
    # Pages may say what they are about instead of the default.
    start = browser.get("/").get_data(as_text=True)
    privacy = browser.get("/datenschutz").get_data(as_text=True)
    assert re.findall(r'name="description" content="([^"]*)"', start) != \
        re.findall(r'name="description" content="([^"]*)"', privacy)


def test_favicon_is_served_at_the_link_and_where_browsers_guess(browser: Browser) -> None:
    html = browser.get("/").get_data(as_text=True)
    href = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    with browser.get(href) as linked:
        linked_data = linked.data
    assert linked.status_code == 200
    assert linked.mimetype == "image/svg+xml"
    assert linked_data.lstrip().startswith(b"<svg")
    with browser.get("/favicon.ico") as guessed:
        assert guessed.data == linked_data
    assert guessed.status_code == 200
    assert guessed.mimetype == "image/svg+xml"
    assert "no-store" not in guessed.headers["Cache-Control"]
    assert "max-age=86400" in guessed.headers["Cache-Control"]


def test_static_urls_carry_the_content_hash_and_are_cached_for_a_year(app: Any, browser: Browser) -> None:
    html = browser.get("/").get_data(as_text=True)
    urls = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert {url.split("?")[0] for url in urls} >= {"/static/style.css", "/static/enhance.js", "/static/favicon.svg"}
    static = Path(app.static_folder)
    for url in urls:
        path, version = re.fullmatch(r"/static/([^?]+)\?v=([0-9a-f]{12})", url).groups()
        assert version == StaticVersions().of(str(static), path), url
        with browser.get(url) as response:
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == LONG_CACHE, url
            assert "Expires" not in response.headers
    # Without a version, or with an old one, the browser must ask again.
    for url in ("/static/style.css", "/static/style.css?v=000000000000"):
        with browser.get(url) as response:
            cache = response.headers["Cache-Control"]
        assert "max-age=31536000" not in cache, url
        assert "immutable" not in cache, url


def test_blueprint_static_files_are_versioned_too(app: Any) -> None:
    from flask import url_for

    with app.test_request_context():
        url = url_for("workshops.static", filename="workshop.css")
    assert re.fullmatch(r"/workshop/static/workshop\.css\?v=[0-9a-f]{12}", url)
    with app.test_client().get(url) as response:
        assert response.headers["Cache-Control"] == LONG_CACHE


def test_a_changed_file_gets_a_new_version(tmp_path: Path) -> None:
    versions = StaticVersions()
    css = tmp_path / "style.css"
    css.write_text("body { color: black; }")
    first = versions.of(str(tmp_path), "style.css")
    assert first == versions.of(str(tmp_path), "style.css")
    css.write_text("body { color: navy; }   ")
    assert versions.of(str(tmp_path), "style.css") not in (None, first)
    assert versions.of(str(tmp_path), "missing.css") is None
    assert versions.of(str(tmp_path), "../outside.css") is None
