"""The Leichte Sprache page in Chromium: reached from the start page, no WCAG A/AA violation,
readable on a 375 px phone without horizontal scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.browser_driver import assert_accessible, path_of

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [375, 1280])
def test_easy_language_page_from_the_start_page(new_context: Any, live_server: Any, width: int) -> None:
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto("/")
    page.get_by_role("link", name="Leichte Sprache: Was ist der Selbstcheck und wie geht er?").click()
    assert path_of(page) == "/leichte-sprache"
    assert page.locator("h1").inner_text() == "Der Selbstcheck in Leichter Sprache"
    assert_accessible(page)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    size = page.locator("main p").first.evaluate("node => parseFloat(getComputedStyle(node).fontSize)")
    assert size >= 18, "Leichte Sprache needs large text"
    page.get_by_role("link", name="Zum Selbstcheck").click()
    assert path_of(page) == "/"
