"""Fixtures for the web tests: an app per configured database, and a browser-like client.

Every test runs against SQLite, and also against PostgreSQL when
``SELFCHECK_TEST_POSTGRES_URL`` is set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test).
PostgreSQL runs get their own schema, dropped afterwards, so parallel runs don't collide.
CSRF protection stays on: the client reads the token from each form like a browser.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from webflow import Browser

from selfcheck.app import create_app
from selfcheck.db import engine_of
from selfcheck.models import Base

POSTGRES_ENV = "SELFCHECK_TEST_POSTGRES_URL"


def database_params() -> list[Any]:
    params: list[Any] = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get(POSTGRES_ENV):
        params.append(pytest.param("postgresql", id="postgresql"))
    return params


@pytest.fixture(params=database_params())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    base_url = os.environ[POSTGRES_ENV]
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(base_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base_url else "?"
    yield f"{base_url}{separator}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def make_app(database_url: str, tmp_path: Path, rules_dir: Path, **overrides: Any) -> Any:
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "DATABASE_URL": database_url,
            "RULES_DIR": str(rules_dir),
            **overrides,
        }
    )
    Base.metadata.create_all(engine_of(app))
    return app


@pytest.fixture
def app_factory(database_url: str, tmp_path: Path, minimal_rules_dir: Path) -> Iterator[Any]:
    """Build apps on the test database; ``rules_dir`` and config keys can be overridden."""
    made: list[Any] = []

    def build(rules_dir: Path | None = None, **overrides: Any) -> Any:
        app = make_app(database_url, tmp_path, rules_dir or minimal_rules_dir, **overrides)
        made.append(app)
        return app

    yield build
    for app in made:
        engine_of(app).dispose()


@pytest.fixture
def app(app_factory: Any) -> Any:
    return app_factory()


@pytest.fixture
def browser(app: Any) -> Browser:
    return Browser(app.test_client())
