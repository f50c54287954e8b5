"""The web font must not move the page when it arrives (Cumulative Layout Shift below 0.1).

The server here holds every font back for a moment, as a slow phone connection does, so the page
is first painted in the local fallback font and the swap to Source Sans 3 happens in view. The
test checks that it really did, then reads the layout shifts Chromium recorded.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import QuietHandler
from tests.conftest import stop_renderings

pytestmark = pytest.mark.browser

FONT_DELAY_SECONDS = 0.6
GOAL = 0.1

RECORD_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.layoutShifts.push({time: entry.startTime, value: entry.value});
  }
}).observe({type: "layout-shift", buffered: true});
"""

# CLS as Chromium reports it: the largest session window (gaps under 1 s, at most 5 s long).
MEASURE = """async () => {
  await document.fonts.ready;
  await new Promise(resolve => setTimeout(resolve, 1000));
  let largest = 0, current = 0, start = -1, last = -1;
  for (const shift of window.layoutShifts) {
    if (start < 0 || shift.time - last > 1000 || shift.time - start > 5000) { current = 0; start = shift.time; }
    current += shift.value; last = shift.time; largest = Math.max(largest, current);
  }
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const fonts = performance.getEntriesByType("resource").filter(entry => entry.name.includes("/fonts/"));
  return {cls: largest, firstPaint: paint ? paint.startTime : null,
          fontsArrived: Math.max(0, ...fonts.map(entry => entry.responseEnd)),
          webFont: document.fonts.check('16px "Source Sans 3"') && document.fonts.check('700 16px "Source Sans 3"')};
}"""


@pytest.fixture(scope="module")
def slow_font_server(tmp_path_factory: pytest.TempPathFactory, browser_rules_dir: Path) -> Iterator[str]:
    from werkzeug.serving import make_server

    from selfcheck.app import create_app
    from selfcheck.cli.db import upgrade_database

    instance = tmp_path_factory.mktemp("font-shift-instance")
    app = create_app({"INSTANCE_PATH": str(instance), "SECRET_KEY": "browser-tests-only",
                      "RULES_DIR": str(browser_rules_dir), "RENDER_AHEAD": False})
    upgrade_database(app)
    serve = app.wsgi_app

    def fonts_come_late(environ: dict[str, Any], start_response: Any) -> Any:
        if environ["PATH_INFO"].startswith("/static/fonts/"):
            time.sleep(FONT_DELAY_SECONDS)
        return serve(environ, start_response)

    app.wsgi_app = fonts_come_late  # type: ignore[method-assign]
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="font-shift-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        stop_renderings(app)


def layout_shift(chromium: Any, origin: str, width: int, path: str) -> dict[str, Any]:
    context = chromium.new_context(base_url=origin, locale="de-DE", viewport={"width": width, "height": 800},
                                   is_mobile=width < 500, has_touch=width < 500)
    try:
        page = context.new_page()
        if path != "/":
            page.goto("/")
            page.get_by_role("button", name="Selbstcheck starten").click()
            page.wait_for_url("**/zugang")
        page.add_init_script(RECORD_SHIFTS)
        page.context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
        page.goto(path)
        return page.evaluate(MEASURE)  # type: ignore[no-any-return]
    finally:
        context.close()


@pytest.mark.parametrize(("width", "path"), [(375, "/"), (375, "/schritt/1"), (1280, "/")])
def test_the_web_font_does_not_shift_the_layout(chromium: Any, slow_font_server: str, width: int, path: str) -> None:
    found = layout_shift(chromium, slow_font_server, width, path)
    assert found["webFont"], "Source Sans 3 never loaded"
    assert found["firstPaint"] is not None
    assert found["fontsArrived"] > found["firstPaint"], f"the font came before the first paint: {found}"
    assert found["cls"] < GOAL, f"{path} at {width} px: CLS {found['cls']:.3f}"
