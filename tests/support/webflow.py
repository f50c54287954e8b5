"""Helpers for the web tests: a client that posts forms like a browser, with their CSRF token."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from tests.support.formclient import FormClient


class Browser(FormClient):
    """A client that walks through the self-check like a respondent."""

    def start(self, organisation_name: str = "") -> dict[str, str]:
        """Start a check; return the resume link path and code shown once."""
        response = self.submit("/start", {"organisation_name": organisation_name}, form_url="/")
        assert response.status_code == 303
        assert response.location.endswith("/zugang")
        page = self.client.get("/zugang")
        link = re.search(r'href="http://localhost(/fortsetzen/[^"]+)"', page.text)
        code = re.search(r'data-resume-code>([A-Z0-9-]+)<', page.text)
        assert link
        assert code
        return {"link": link.group(1), "code": code.group(1)}

    def step(self, number: int, answers: dict[str, Any], action: str = "next") -> Any:
        data = {f"q_{k}" if not k.startswith(("q_", "s_")) else k: v for k, v in answers.items()}
        return self.submit(f"/schritt/{number}", {**data, "action": action})


# Answers for the minimal rule set. Step 2 has a question that only appears once "app" is
# chosen in the same step: the first post shows it, the second answers it.
MINIMAL_POSTS: list[tuple[int, dict[str, Any], str]] = [
    (1, {"org_type": "kommune"}, "/schritt/2"),
    (2, {"web": "ja", "sprachen": "5", "kanaele": ["messenger", "app"]}, "/schritt/2"),
    (2, {"web": "ja", "sprachen": "5", "kanaele": ["messenger", "app"], "app_gepflegt": "teilweise"}, "/schritt/3"),
    (3, {"beratung": "not_applicable", "partner": "unknown", "ansprechperson": "nein", "notizen": "Hallo <b>Welt</b>"},
     "/uebersicht"),
]


def answer_minimal(browser: Browser) -> None:
    for number, answers, expected in MINIMAL_POSTS:
        response = browser.step(number, answers)
        assert response.status_code == 303, (number, response.status_code, response.text[:2000])
        assert response.location.endswith(expected), (number, response.location)


def complete_minimal(browser: Browser) -> Any:
    """Answer all steps of the minimal rule set, confirm the review and open the results."""
    answer_minimal(browser)
    response = browser.submit("/uebersicht", {})
    assert response.status_code == 303
    assert response.location.endswith("/ergebnis")
    return browser.get("/ergebnis")


class _QuestionBoxes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, bool] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("data-question"):
            self.found[str(found["data-question"])] = "hidden" not in found


def question_boxes(html: str) -> dict[str, bool]:
    """The questions on a step's page, each with whether it is shown (not ``hidden``)."""
    parser = _QuestionBoxes()
    parser.feed(html)
    return parser.found


def shown_on(html: str) -> list[str]:
    """The questions a step's page shows without JavaScript, in order."""
    return [question for question, shown in question_boxes(html).items() if shown]
