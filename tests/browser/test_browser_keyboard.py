"""One step with the keyboard only: every stop shows where the focus is; Tab, Space and Enter suffice."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image, ImageChops

from tests.support.browser_driver import answer_step, read_answer, shown_questions, start_check, step_number

pytestmark = pytest.mark.browser

FOCUS_MARGIN = 6  # outlines are drawn around the element, with an offset
SUBMIT = "button[name='action'][value='next']"

ACTIVE_ELEMENT = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) { return null; }
    const boxes = [el, ...(el.labels || [])].map(node => node.getBoundingClientRect())
        .filter(box => box.width > 0 && box.height > 0);
    const left = Math.min(...boxes.map(b => b.left)), top = Math.min(...boxes.map(b => b.top));
    const right = Math.max(...boxes.map(b => b.right)), bottom = Math.max(...boxes.map(b => b.bottom));
    return {
        tag: el.tagName.toLowerCase(), type: el.type || null, name: el.name || null, value: el.value || null,
        text: (el.innerText || el.value || el.id || "").trim().slice(0, 60),
        box: [left + scrollX, top + scrollY, right + scrollX, bottom + scrollY],
    };
}"""


def focus_area(page: Any, box: list[float]) -> dict[str, float] | None:
    """The element's area in page coordinates, widened for its outline; None when off the page."""
    width, height = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    left, top = max(0, box[0] - FOCUS_MARGIN), max(0, box[1] - FOCUS_MARGIN)
    right, bottom = min(width, box[2] + FOCUS_MARGIN), min(height, box[3] + FOCUS_MARGIN)
    if right - left < 1 or bottom - top < 1:
        return None
    return {"x": left, "y": top, "width": right - left, "height": bottom - top}


def snapshot(page: Any, area: dict[str, float]) -> Image.Image:
    png = page.screenshot(clip=area, full_page=True, animations="disabled", caret="hide")
    return Image.open(io.BytesIO(png)).convert("RGB")


def tab_stops(page: Any, limit: int = 80) -> list[tuple[dict[str, Any], Image.Image | None]]:
    """Tab from the top of the page to the step's submit button; each stop with a picture of it."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = page.evaluate(ACTIVE_ELEMENT)
        assert element is not None, "Tab left the page before reaching the submit button"
        area = focus_area(page, element["box"])
        element["area"] = area
        stops.append((element, snapshot(page, area) if area else None))
        if element["name"] == "action" and element["value"] == "next":
            return stops
    raise AssertionError(f"the submit button was not reached with {limit} presses of Tab")


def test_every_focus_stop_is_visible(page: Any, live_server: Any) -> None:
    start_check(page)
    answer_step(page, live_server.ruleset)
    page.reload()
    stops = tab_stops(page)
    assert stops[0][0]["text"] == "Zum Inhalt springen", "the first Tab should reach the skip link"
    page.evaluate("() => document.activeElement.blur()")
    invisible = [
        element["text"] or f"{element['tag']} {element['name']}={element['value']}"
        for element, focused in stops
        if focused is None or ImageChops.difference(focused, snapshot(page, element["area"])).getbbox() is None
    ]
    assert not invisible, f"no visible focus on: {invisible}"


def test_skip_link_moves_focus_to_the_content(page: Any, live_server: Any) -> None:
    start_check(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    focused_name = page.evaluate("() => document.activeElement.name || ''")
    first = shown_questions(page, live_server.ruleset, 1)[0]
    assert focused_name == f"q_{first.id}", "after the skip link, Tab should reach the first question"


def operate_with_keyboard(page: Any, questions: list[Any]) -> dict[str, Any]:
    """Answer by Tab, Space and typing: the first choice of each group, a number, a text."""
    expected: dict[str, Any] = {}
    pending = {f"q_{q.id}": q for q in questions}
    for _ in range(80):
        page.keyboard.press("Tab")
        element = page.evaluate(ACTIVE_ELEMENT)
        assert element is not None, "Tab left the page"
        if element["name"] == "action" and element["value"] == "next":
            assert not pending, f"questions not reached by Tab: {sorted(pending)}"
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return expected
        question = pending.pop(element["name"], None)
        if question is None:
            continue
        if question.type == "single":
            page.keyboard.press("Space")
            expected[question.id] = element["value"]
        elif question.type == "multi":
            page.keyboard.press("Space")
            expected[question.id] = [element["value"]]
        elif question.type == "number":
            value = question.min if question.min is not None else 1
            page.keyboard.type(str(value))
            expected[question.id] = value
        else:
            page.keyboard.type("Mit der Tastatur geschrieben")
            expected[question.id] = "Mit der Tastatur geschrieben"
    raise AssertionError("the submit button was not reached")


def test_step_can_be_answered_with_keyboard_only(page: Any, live_server: Any) -> None:
    ruleset = live_server.ruleset
    start_check(page)
    answer_step(page, ruleset)
    number = step_number(page)
    assert number == 2
    questions = shown_questions(page, ruleset, number)
    expected = operate_with_keyboard(page, questions)
    assert step_number(page) != number or page.locator(".notice").count(), page.url
    assert not page.locator(".error-summary").count()
    page.goto(f"/schritt/{number}")
    saved = {q.id: read_answer(page, q) for q in questions}
    assert saved == expected
