"""User text stays text, and WeasyPrint may load nothing but our own font files."""

from __future__ import annotations

import datetime

import pytest

from selfcheck.reports import render_report_html
from selfcheck.reports.pdf import FONTS_DIR, SafeFetcher, render_in_process
from tests.support.reportcheck import pdf_text

IMG = '<img src="file:///etc/passwd">'
CSS = "<style>@import url(http://127.0.0.1:9/evil.css)</style>"


@pytest.fixture
def hostile_html(minimal_ruleset, minimal_answers, minimal_result):
    answers = dict(minimal_answers, notizen=f"Notiz {CSS} und {IMG}")
    return render_report_html(minimal_ruleset, minimal_result, answers=answers, organisation_name=f"Org {IMG}",
                              lang="de", created=datetime.date(2026, 3, 5))


def test_user_text_is_escaped_in_html(hostile_html):
    assert "<img" not in hostile_html
    assert "<style>" not in hostile_html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in hostile_html
    assert "&lt;style&gt;@import url(http://127.0.0.1:9/evil.css)&lt;/style&gt;" in hostile_html


def test_hostile_text_appears_literally_and_loads_nothing(hostile_html):
    pdf, requested = render_in_process(hostile_html, "report")
    assert requested == []  # the document asked the fetcher for nothing at all
    text = pdf_text(pdf)
    assert f"Org {IMG}" in text
    assert CSS.replace(" ", "") in text.replace(" ", "")


def test_fetcher_is_wired_in_and_refuses_everything_outside_the_assets():
    """Raw markup (never produced from user input) proves the fetcher guards every load."""
    html = (
        "<html lang='de'><head><title>t</title>"
        "<link rel='stylesheet' href='http://127.0.0.1:9/x.css'>"
        "<style>@import url('file:///etc/hostname'); body { background: url(data:image/png;base64,AAAA) }</style>"
        "</head><body><p>x</p><img src='file:///etc/passwd'><img src='https://example.org/a.png'>"
        f"<img src='{(FONTS_DIR / '..' / '..' / 'reports' / 'pdf.py').as_posix()}'></body></html>"
    )
    pdf, requested = render_in_process(html, "report")
    assert pdf.startswith(b"%PDF")
    assert "file:///etc/passwd" in requested
    assert "http://127.0.0.1:9/x.css" in requested
    fetcher = SafeFetcher()
    for url in requested:
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1/x.woff",
    "https://example.org/font.woff",
    "data:font/woff;base64,AAAA",
    "ftp://example.org/x",
    "FILE:///etc/passwd",
    "file://evil.example/etc/passwd",
])
def test_fetcher_refuses_foreign_urls(url):
    fetcher = SafeFetcher()
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_shipped_fonts_but_not_neighbours_or_traversal():
    fetcher = SafeFetcher()
    font = next(FONTS_DIR.glob("*.woff"))
    response = fetcher.fetch(font.as_uri())
    assert response.read() == font.read_bytes()
    for path in (FONTS_DIR / "OFL.txt", FONTS_DIR / ".." / ".." / "reports" / "pdf.py"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(path.absolute().as_uri())
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(font.as_uri() + "?x=1")
