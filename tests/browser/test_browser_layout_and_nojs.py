"""Reflow at 200 % zoom and on a 320 px phone, and the whole check without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.browser_driver import (
    answer_all_steps,
    answer_step,
    finish,
    path_of,
    read_answer,
    shown_questions,
    start_check,
    step_number,
)

pytestmark = pytest.mark.browser

HORIZONTAL_OVERFLOW = """() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll("main *, header *, footer *")]
        .filter(el => !el.closest(".table-wrap") && getComputedStyle(el).position !== "absolute"
                      && (el.getBoundingClientRect().right > root.clientWidth + 1
                          || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === "visible"))
        .slice(0, 5).map(el => el.outerHTML.slice(0, 120));
    return {scroll: root.scrollWidth, client: root.clientWidth, wide};
}"""


def assert_no_horizontal_scrolling(page: Any) -> None:
    found = page.evaluate(HORIZONTAL_OVERFLOW)
    assert found["scroll"] <= found["client"], f"{path_of(page)} scrolls sideways: {found}"


@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param({"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}, id="200pct-zoom"),
        pytest.param({"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}, id="320px"),
    ],
)
def test_pages_reflow_without_horizontal_scrolling(new_context: Any, live_server: Any, viewport: Any) -> None:
    """WCAG 1.4.4 and 1.4.10: 1280 px at 200 % is 640 CSS px; 320 px is a small phone (or 400 %)."""
    ruleset = live_server.ruleset
    page = new_context(**viewport).new_page()
    for path in ("/", "/fortsetzen", "/datenschutz", "/diese-seite-gibt-es-nicht"):
        page.goto(path)
        assert_no_horizontal_scrolling(page)
    start_check(page)
    assert_no_horizontal_scrolling(page)
    for _ in range(3 * len(ruleset.steps)):
        if step_number(page) is None:
            break
        answer_step(page, ruleset)
        assert_no_horizontal_scrolling(page)
    assert path_of(page) == "/uebersicht"
    finish(page)
    assert_no_horizontal_scrolling(page)
    page.goto("/schritt/2?lang=en")
    assert_no_horizontal_scrolling(page)


def test_whole_check_works_without_javascript(new_context: Any, live_server: Any) -> None:
    ruleset = live_server.ruleset
    page = new_context(java_script_enabled=False).new_page()
    start_check(page)

    first = answer_step(page, ruleset)
    assert step_number(page) == 2
    page.goto("/schritt/1")
    assert {q.id: read_answer(page, q) for q in shown_questions(page, ruleset, 1)} == first
    page.goto("/schritt/2")

    answer_all_steps(page, ruleset)
    finish(page)
    assert page.locator("table tbody tr").count() == len(ruleset.dimensions)
