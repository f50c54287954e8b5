"""Database engine and the per-request session.

Plain SQLAlchemy 2.0: one engine and session factory per app, one session per request
(closed at teardown). SQLite gets WAL, foreign keys and a busy timeout on every connection,
so several worker processes can share the file.
"""

from __future__ import annotations

import importlib
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

EXTENSION_KEY = "selfcheck.db"
SQLITE_BUSY_TIMEOUT_MS = 5000


MODEL_MODULES = ("selfcheck.models", "selfcheck.workshops.models")


def import_models() -> None:
    """Import every module that defines tables on the shared ``Base`` (listed in ``MODEL_MODULES``).

    Feature packages keep their tables in their own ``models`` module; migrations and schema
    checks need all of them loaded.
    """
    for name in MODEL_MODULES:
        importlib.import_module(name)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections get the pragmas multi-process use needs."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions[EXTENSION_KEY] = sessionmaker(engine, expire_on_commit=False)
    app.teardown_appcontext(_close_session)


def engine_of(app: Flask) -> Engine:
    factory: sessionmaker[Session] = app.extensions[EXTENSION_KEY]
    bind = factory.kw["bind"]
    assert isinstance(bind, Engine)
    return bind


def get_session() -> Session:
    """The session of the current request (or app context), opened on first use."""
    if "db_session" not in g:
        g.db_session = current_app.extensions[EXTENSION_KEY]()
    return g.db_session  # type: ignore[no-any-return]


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
