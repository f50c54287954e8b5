"""Comparison with organisations of the same type: only consenting, finished ones, only from k on."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from tests.support.webflow import Browser, complete_minimal

pytestmark = pytest.mark.database


def finished(app: Any, consent: bool) -> Browser:
    browser = Browser(app.test_client())
    data = {"organisation_name": "", **({"research_consent": "y"} if consent else {})}
    assert browser.submit("/start", data, form_url="/").status_code == 303
    complete_minimal(browser)
    return browser


def test_peers_appear_from_k_consenting_organisations_of_the_same_type(app_factory: Any) -> None:
    app = app_factory(PEER_MIN_ORGANISATIONS=3)
    viewer = finished(app, consent=True)
    finished(app, consent=True)
    finished(app, consent=False)  # does not count
    page = viewer.get("/ergebnis").text
    assert "erscheint ab 3, die der Forschung zugestimmt haben" in page
    assert "Organisationen Ihrer Art (Median)" not in page
    finished(app, consent=True)
    finished(app, consent=True)
    page = viewer.get("/ergebnis").text
    assert "Verglichen mit 3 Organisationen Ihrer Art" in page  # the viewer itself is not among them
    table = page[page.index("Organisationen Ihrer Art (Median)"):page.index("</table>")]
    assert re.search(r"<td[^>]*>\d+(,\d)?</td>", table)
    report = viewer.download("/ergebnis/bericht.pdf")
    text = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(report.data)).pages)
    assert "Organisationen Ihrer Art: Median" in " ".join(text.split())
