"""A test client that posts forms like a browser: with the CSRF token of the page it came from."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

CSRF_PATTERN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(html: str) -> str:
    found = CSRF_PATTERN.search(html)
    assert found, "form without CSRF token"
    return unescape(found.group(1))


class FormClient:
    """Wraps Flask's test client; CSRF protection stays on in every test."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, **kwargs)

    def submit(self, url: str, data: dict[str, Any] | None = None, *, form_url: str | None = None) -> Any:
        """GET ``form_url`` (default ``url``), then POST ``data`` with its CSRF token."""
        page = self.client.get(form_url or url)
        assert page.status_code == 200, (form_url or url, page.status_code)
        return self.client.post(url, data={**(data or {}), "csrf_token": csrf_token(page.text)})
