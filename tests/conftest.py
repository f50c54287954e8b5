"""Fixtures shared by every layer's tests.

Database tests run against SQLite, and also against PostgreSQL when
``SELFCHECK_TEST_POSTGRES_URL`` is set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test).
PostgreSQL runs get their own schema, dropped afterwards, so parallel runs don't collide.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINIMAL_RULES = ROOT / "tests" / "fixtures" / "rules" / "minimal"
REAL_RULES = ROOT / "rules" / "blended-impact"
POSTGRES_ENV = "SELFCHECK_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def minimal_rules_dir() -> Path:
    """A small rule set that uses every feature of the format once."""
    return MINIMAL_RULES


@pytest.fixture(scope="session")
def real_rules_dir() -> Path:
    """The shipped Blended-Impact rule set."""
    return REAL_RULES


@pytest.fixture(scope="session")
def minimal_ruleset(minimal_rules_dir):
    from selfcheck.engine import load_ruleset

    return load_ruleset(minimal_rules_dir)


@pytest.fixture(scope="session")
def real_ruleset(real_rules_dir):
    from selfcheck.engine import load_ruleset

    return load_ruleset(real_rules_dir)


def database_params() -> list[Any]:
    params: list[Any] = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get(POSTGRES_ENV):
        params.append(pytest.param("postgresql", id="postgresql"))
    return params


@pytest.fixture(params=database_params())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a PostgreSQL schema of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    from sqlalchemy import create_engine, text

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
    """The real app (CSRF on) on the test database, with every table created."""
    from selfcheck.app import create_app
    from selfcheck.db import engine_of
    from selfcheck.models import Base

    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "DATABASE_URL": database_url,
            "RULES_DIR": str(rules_dir),
            # Rendering ahead starts a render process per results page; the tests that are about
            # it switch it on, the others ask for their PDFs.
            "RENDER_AHEAD": False,
            **overrides,
        }
    )
    Base.metadata.create_all(engine_of(app))
    return app


@pytest.fixture
def default_rules_dir(minimal_rules_dir: Path) -> Path:
    """The rule set apps are built with; test folders override this fixture."""
    return minimal_rules_dir


@pytest.fixture
def app_factory(database_url: str, tmp_path: Path, default_rules_dir: Path) -> Iterator[Any]:
    """Build apps on the test database; ``rules_dir`` and config keys can be overridden."""
    from selfcheck.db import engine_of

    made: list[Any] = []

    def build(rules_dir: Path | None = None, **overrides: Any) -> Any:
        app = make_app(database_url, tmp_path, rules_dir or default_rules_dir, **overrides)
        made.append(app)
        return app

    yield build
    for app in made:
        stop_renderings(app)
        engine_of(app).dispose()


def stop_renderings(app: Any) -> None:
    """End the app's render pool and its render processes (they outlive a test otherwise)."""
    from selfcheck.rendering import EXTENSION_KEY

    found = app.extensions.pop(EXTENSION_KEY, None)
    if found is not None:
        found.queue.shutdown()


@pytest.fixture
def app(app_factory: Any) -> Any:
    return app_factory()
