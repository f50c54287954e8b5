"""The start page in Leichte Sprache: it loads, the start page links to it, and it keeps to the
rules of docs/style.md that a test can see (one short statement per line, no abbreviations)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from tests.support.webflow import Browser


class Statements(HTMLParser):
    """The text of every paragraph and list item inside <main>, and every link's href."""

    def __init__(self) -> None:
        super().__init__()
        self.in_main = 0
        self.current: list[str] | None = None
        self.statements: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.in_main += 1
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        if self.in_main and tag in ("p", "li"):
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main -= 1
        if tag in ("p", "li") and self.current is not None:
            self.statements.append(" ".join("".join(self.current).split()))
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)


def parse(html: str) -> Statements:
    parser = Statements()
    parser.feed(html)
    return parser


def test_the_start_page_links_to_the_easy_language_page(browser: Browser) -> None:
    start = parse(browser.get("/").text)
    assert "/leichte-sprache" in start.links
    page = browser.get("/leichte-sprache")
    assert page.status_code == 200
    assert "<h1>Der Selbstcheck in Leichter Sprache</h1>" in page.text
    assert 'lang="de"' in page.text


def test_the_page_explains_what_the_check_is_and_how_it_works(app: Any, browser: Browser) -> None:
    text = " ".join(parse(browser.get("/leichte-sprache").text).statements)
    with app.app_context():
        from selfcheck.questionnaire.state import current_ruleset

        topics = len(current_ruleset().dimensions)
    for expected in ("Der Selbstcheck ist ein Fragebogen im Internet.", "Ein Fragebogen ist eine Liste mit Fragen.",
                     f"Dann kommen Fragen zu {topics} Themen.", "Blended heißt: gemischt.",
                     "Am Ende sehen Sie Ihr Ergebnis.", "Ein Code ist eine kurze Reihe aus Buchstaben und Zahlen.",
                     "Sie können Ihre Antworten jederzeit löschen."):
        assert expected in text
    links = parse(browser.get("/leichte-sprache").text).links
    assert "/#start-heading" in links
    assert "/datenschutz" in links


def test_one_short_statement_per_line_and_no_abbreviations(browser: Browser) -> None:
    statements = parse(browser.get("/leichte-sprache").text).statements
    assert len(statements) > 20
    for statement in statements:
        sentences = [s for s in re.split(r"(?<=[.?!])\s+", statement) if s]
        assert len(sentences) == 1, statement
        assert len(statement.split()) <= 12, statement
        assert not re.search(r"\b(z\. ?B|bzw|usw|d\. ?h|ca)\b\.?|\b[A-ZÄÖÜ]{2,}\b", statement), statement


def test_the_english_version_is_served_in_english(browser: Browser) -> None:
    page = browser.get("/leichte-sprache?lang=en")
    assert page.status_code == 200
    assert 'lang="en"' in page.text
