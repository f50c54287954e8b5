"""Fixtures for the workshop tests: apps on SQLite (and PostgreSQL when configured).

Like tests/web: every database test runs on SQLite, and also on PostgreSQL when
``SELFCHECK_TEST_POSTGRES_URL`` is set; PostgreSQL runs use their own schema, dropped
afterwards. CSRF stays on. The workshop blueprint is registered here until the app
factory registers it itself.
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

from selfcheck.app import create_app
from selfcheck.db import engine_of
from selfcheck.models import Base
from selfcheck.workshops.views import bp as workshops_bp

POSTGRES_ENV = "SELFCHECK_TEST_POSTGRES_URL"
GROUP_RULES = Path(__file__).resolve().parent / "fixtures" / "rules" / "group"


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
    schema = f"w_{secrets.token_hex(6)}"
    admin = create_engine(base_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base_url else "?"
    yield f"{base_url}{separator}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def group_rules_dir() -> Path:
    """A small rule set with a partnership question and umlauts."""
    return GROUP_RULES


@pytest.fixture(scope="session")
def group_ruleset(group_rules_dir: Path) -> Any:
    from selfcheck.engine import load_ruleset

    return load_ruleset(group_rules_dir)


def build_app(database_url: str, tmp_path: Path, rules_dir: Path, **overrides: Any) -> Any:
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "DATABASE_URL": database_url,
            "RULES_DIR": str(rules_dir),
            **overrides,
        }
    )
    if "workshops" not in app.blueprints:
        app.register_blueprint(workshops_bp)
    Base.metadata.create_all(engine_of(app))
    return app


@pytest.fixture
def app_factory(database_url: str, tmp_path: Path, group_rules_dir: Path) -> Iterator[Any]:
    made: list[Any] = []

    def build(rules_dir: Path | None = None, **overrides: Any) -> Any:
        app = build_app(database_url, tmp_path, rules_dir or group_rules_dir, **overrides)
        made.append(app)
        return app

    yield build
    for app in made:
        engine_of(app).dispose()


@pytest.fixture
def app(app_factory: Any) -> Any:
    return app_factory()
