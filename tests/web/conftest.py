"""Fixtures for the web tests: the app (from tests/conftest.py) and a browser-like client.

CSRF protection stays on: the client reads the token from each form like a browser.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.webflow import Browser


@pytest.fixture
def browser(app: Any) -> Browser:
    return Browser(app.test_client())
