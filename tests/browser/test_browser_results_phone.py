"""The results page on a 375 px phone, its print and copy tools, the filter with JavaScript, and
the step and workshop join pages at 375 px."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.test_browser_layout_and_nojs import assert_no_horizontal_scrolling
from tests.browser.test_browser_workshops import create_workshop
from tests.support.browser_driver import (
    answer_all_steps,
    answer_step,
    assert_accessible,
    finish,
    path_of,
    start_check,
    step_number,
)

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# With the driver's default answers the page was 10,777 px tall at 375 px before it had a phone
# layout (the chart text was 5.9 px, the table 406 px wide); it is about 8,400 px now.
PHONE_HEIGHT_LIMIT = 9_000

CHART_TEXT_SIZES = """() => [...document.querySelectorAll("svg text")]
    .filter(text => text.getClientRects().length > 0)
    .map(text => {
        const m = text.getScreenCTM();
        return {text: text.textContent,
                px: parseFloat(getComputedStyle(text).fontSize) * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c))};
    })"""

ANSWER_CELLS = """() => [...document.querySelectorAll("main table tbody tr")].map(row => {
    const cell = row.querySelector("td:last-child");
    const box = cell.getBoundingClientRect();
    const wrap = cell.closest(".table-wrap").getBoundingClientRect();
    return {text: cell.innerText, left: box.left, right: box.right, width: box.width,
            inside: box.left >= wrap.left - 1 && box.right <= wrap.right + 1,
            viewport: document.documentElement.clientWidth};
})"""


@pytest.fixture(scope="module")
def phone_results(module_contexts: Any, live_server: Any) -> Any:
    """A check answered on a phone, left open on its results page."""
    page = module_contexts(**PHONE).new_page()
    start_check(page)
    answer_all_steps(page, live_server.ruleset)
    finish(page)
    return page


def test_results_page_is_readable_on_a_375px_phone(phone_results: Any) -> None:
    page = phone_results
    page.goto("/ergebnis")
    assert_no_horizontal_scrolling(page)

    sizes = page.evaluate(CHART_TEXT_SIZES)
    assert len(sizes) > 20, "the charts' text is missing"
    small = [size for size in sizes if size["px"] < 12]
    assert not small, f"chart text smaller than 12 px at 375 px: {small[:5]}"
    assert page.locator(".chart-wide").is_hidden()
    assert page.locator("svg.dimension-chart--compact").is_visible()

    cells = page.evaluate(ANSWER_CELLS)
    assert len(cells) == 9
    for cell in cells:
        assert "beantwortet" in cell["text"], cell
        assert cell["inside"], f"the answers are cut off: {cell}"
        assert cell["right"] <= cell["viewport"], f"the answers are cut off: {cell}"
    assert page.locator("main table").bounding_box()["width"] <= 375

    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < PHONE_HEIGHT_LIMIT, f"the results page is {height} px tall at 375 px"


def test_results_page_on_a_phone_passes_axe(phone_results: Any) -> None:
    phone_results.goto("/ergebnis")
    assert_accessible(phone_results)


def test_step_and_workshop_join_pages_fit_a_375px_phone(new_context: Any, live_server: Any) -> None:
    facilitator = new_context(**DESKTOP)
    _base, code = create_workshop(facilitator, "Runder Tisch mit einem sehr langen Titel für kleine Bildschirme")
    page = new_context(**PHONE).new_page()
    for path in ("/workshop/beitreten", f"/workshop/beitreten?code={code}"):
        page.goto(path)
        assert page.locator("h1").is_visible()
        assert_no_horizontal_scrolling(page)
    start_check(page)
    steps = set()
    while (number := step_number(page)) is not None:
        steps.add(number)
        assert_no_horizontal_scrolling(page)
        answer_step(page, live_server.ruleset)
    assert steps == set(range(1, len(live_server.ruleset.steps) + 1))
    assert path_of(page) == "/uebersicht"
    assert_no_horizontal_scrolling(page)


def test_profile_chart_has_an_accessible_name(phone_results: Any) -> None:
    phone_results.goto("/ergebnis")
    chart = phone_results.get_by_role("img", name=re.compile(r"^Blended-Profil"))
    assert chart.count() == 1
    assert chart.is_visible()
    assert chart.bounding_box()["width"] <= 375


def test_filter_changes_the_list_in_place(phone_results: Any) -> None:
    page = phone_results
    page.goto("/ergebnis")
    page.evaluate("window.sameDocument = true")
    page.locator("#filter-effort").select_option("gering")
    page.locator("#chosen").wait_for()
    assert page.evaluate("window.sameDocument") is True, "the page loaded again"
    assert "aufwand=gering" in page.url
    status = re.search(r"Passend zu Ihrer Auswahl: (\d+) von (\d+) Empfehlungen\.",
                       page.locator("[data-rec-status]").inner_text())
    assert status
    shown = page.locator("[data-rec-region] article.recommendation")
    assert 0 < shown.count() == int(status.group(1)) < int(status.group(2))
    metas = [article.locator(".meta").first.inner_text() for article in shown.all()]
    assert all("Aufwand: gering" in meta for meta in metas), metas
    assert page.locator(".toc a[href='#chosen']").count() == 1
    page.locator("#filter-effort").select_option("")
    page.locator("#next-steps").wait_for()
    assert page.evaluate("window.sameDocument") is True


def test_print_button_only_with_javascript(new_context: Any, phone_results: Any) -> None:
    page = phone_results
    page.goto("/ergebnis")
    button = page.get_by_role("button", name="Seite drucken")
    assert button.is_visible()
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    button.click()
    assert page.evaluate("window.printed") == 1
    # for the printout (button or the browser's own command) every folded part opens, then folds again
    closed = page.locator("main details:not([open])").count()
    assert closed > 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("main details:not([open])").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("main details:not([open])").count() == closed

    page.emulate_media(media="print")
    try:
        assert button.is_hidden()
        assert page.locator(".rec-filter").is_hidden()
        assert page.locator(".chart-wide").is_visible()  # the printout gets the wide chart of the PDF
        assert page.locator(".chart-compact").is_hidden()
        assert page.locator(".site-header").is_hidden()
    finally:
        page.emulate_media(media="screen")

    cookies = page.context.cookies()
    no_script = new_context(java_script_enabled=False, **DESKTOP)
    no_script.add_cookies(cookies)
    plain = no_script.new_page()
    plain.goto("/ergebnis")
    assert plain.locator("h1").is_visible()
    assert plain.get_by_role("button", name="Seite drucken").is_hidden()


@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_copy_buttons_on_the_access_page(new_context: Any, script: bool) -> None:
    context = new_context(java_script_enabled=script, permissions=["clipboard-read", "clipboard-write"], **PHONE)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="Selbstcheck starten").click()
    page.wait_for_url("**/zugang")
    link = page.locator(".resume-link a").inner_text().strip()
    code = page.locator("[data-resume-code]").inner_text().strip()
    copy_link = page.get_by_role("button", name="Link kopieren")
    copy_code = page.get_by_role("button", name="Code kopieren")
    if not script:
        assert copy_link.is_hidden()
        assert copy_code.is_hidden()
        return
    assert_no_horizontal_scrolling(page)
    page.bring_to_front()  # the clipboard answers only a focused page
    copy_link.click()
    status = page.locator("[data-copy-status]")
    # The status is empty until the clipboard's promise resolves. A locator assertion waits for it
    # (a string predicate of wait_for_function would need eval, which the CSP forbids).
    expect(status.first).to_have_text("Kopiert")
    assert status.first.is_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link
    copy_code.click()
    expect(status.nth(1)).to_have_text("Kopiert")
    assert page.evaluate("navigator.clipboard.readText()") == code
