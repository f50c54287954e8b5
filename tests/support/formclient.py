"""A test client that posts forms like a browser: the form as rendered on the page it came from.

``submit`` reads the page, picks the form that holds the fields it is given, and sends them to
that form's own ``action`` with its ``method`` and hidden fields (the CSRF token among them). A
form whose action is wrong fails here as it fails in a browser.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

CSRF_PATTERN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(html: str) -> str:
    found = CSRF_PATTERN.search(html)
    assert found, "form without CSRF token"
    return unescape(found.group(1))


def wait_for_renders(app: Any, timeout: float = 120) -> None:
    """Wait until the app's local render pool has finished every job it was given."""
    from selfcheck.rendering import renderings

    assert renderings(app).queue.wait_idle(timeout), "the render pool did not finish in time"  # type: ignore[attr-defined]


class FormClient:
    """Wraps Flask's test client; CSRF protection stays on in every test."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, **kwargs)

    def download(self, url: str, **kwargs: Any) -> Any:
        """GET a PDF like a person who waits: while the page says the file is being made (202),
        wait for the app's render queue, then follow the page's own "look again" link."""
        response = self.client.get(url, **kwargs)
        for _ in range(3):
            if response.status_code != 202:
                return response
            link = re.search(r'href="([^"]+)" data-file-link', response.text)
            assert link, "the waiting page has no link to look again"
            assert "data-file-status=" in response.text
            wait_for_renders(self.client.application)
            response = self.client.get(unescape(link.group(1)))
        return response

    def submit(self, url: str, data: dict[str, Any] | None = None, *, form_url: str | None = None) -> Any:
        """GET ``form_url`` (default ``url``), then send ``data`` through the form rendered there.

        ``url`` must be where that form really sends its data (its action); the test says so.
        """
        page_url = form_url or url
        page = self.client.get(page_url)
        assert page.status_code == 200, (page_url, page.status_code)
        data = dict(data or {})
        form = rendered_form(page.text, set(data))
        action = urljoin("http://localhost" + page_url, form.action or page_url).removeprefix("http://localhost")
        assert action.split("?")[0].split("#")[0] == url.split("?")[0], (
            f"the form on {page_url} sends to {action!r}, not to {url!r}")
        fields = {**form.hidden, **data}
        if form.method == "get":
            return self.client.get(action, query_string=fields)
        return self.client.post(action, data=fields)


class RenderedForm:
    def __init__(self, action: str | None, method: str) -> None:
        self.action = action
        self.method = method
        self.hidden: dict[str, str] = {}
        self.names: set[str] = set()


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[RenderedForm] = []
        self._open: RenderedForm | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self._open = RenderedForm(found.get("action"), (found.get("method") or "get").lower())
            self.forms.append(self._open)
        elif self._open is not None and tag in ("input", "textarea", "select", "button") and found.get("name"):
            name = str(found["name"])
            self._open.names.add(name)
            if tag == "input" and found.get("type") == "hidden":
                self._open.hidden[name] = unescape(found.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


def rendered_form(html: str, names: set[str]) -> RenderedForm:
    """The form on the page that holds the most of ``names`` (on a tie, a POST form with a CSRF token)."""
    parser = _Forms()
    parser.feed(html)
    assert parser.forms, "no form on the page"
    return max(parser.forms, key=lambda f: (len(names & f.names), f.method == "post" and "csrf_token" in f.hidden))
