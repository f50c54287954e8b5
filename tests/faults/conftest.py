"""The fault suite: the app under gunicorn on loopback, real processes, every wait bounded.

Each test starts its own server (SQLite, and PostgreSQL when the suite has it) and talks HTTP to
it like a browser (tests/support/server.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.server import MINIMAL_RULES, Server


@pytest.fixture
def server_env(database_url: str, tmp_path: Path) -> dict[str, str]:
    """Settings of a server process on a fresh database (tests/conftest.py: SQLite, PostgreSQL)."""
    return {
        "SELFCHECK_DATABASE_URL": database_url,
        "SELFCHECK_INSTANCE_PATH": str(tmp_path / "instance"),
        "SELFCHECK_RULES_DIR": str(MINIMAL_RULES),
        "SELFCHECK_SECRET_KEY": secrets.token_hex(32),
        "SELFCHECK_REPORT_CACHE_DIR": str(tmp_path / "reports"),
    }


@pytest.fixture
def server(server_env: dict[str, str]) -> Iterator[Server]:
    running = Server(server_env).start()
    yield running
    running.stop()


