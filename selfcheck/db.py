"""Database engine and the per-request session.

Plain SQLAlchemy 2.0: one engine and session factory per app, one session per request
(closed at teardown). SQLite gets WAL, foreign keys and a busy timeout on every connection,
so several worker processes can share the file.
"""

from __future__ import annotations

import importlib
import threading
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from .services.digests import KEYS as DIGEST_KEYS
from .services.digests import derive_keys

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


# A stalled database must not stall the app: connecting, waiting for a pooled connection and
# running a statement all have an end (seconds). The health check has its own, shorter limit.
CONNECT_TIMEOUT_SECONDS = 3
POOL_TIMEOUT_SECONDS = 5
STATEMENT_TIMEOUT_MS = 10_000


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections get the pragmas multi-process use needs."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # The server cancels a statement that runs too long; the URL's own options (e.g. a search
    # path) are kept.
    parsed = make_url(url)
    options = f"{parsed.query.get('options', '')} -c statement_timeout={STATEMENT_TIMEOUT_MS}".strip()
    return create_engine(parsed.difference_update_query(["options"]), pool_pre_ping=True,
                         pool_timeout=POOL_TIMEOUT_SECONDS,
                         connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS, "options": options})


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def init_app(app: Flask) -> None:
    engine = make_engine(app.config["DATABASE_URL"])
    keys = derive_keys(app.config["SECRET_KEY"], app.config.get("SECRET_KEY_FALLBACKS") or ())
    app.extensions[EXTENSION_KEY] = sessionmaker(engine, expire_on_commit=False, info={DIGEST_KEYS: keys})
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


def make_probe_engine(url: str) -> Engine:
    """An engine for the health check only: no pool, so a hung probe never takes a connection
    that pages need."""
    if url.startswith("sqlite"):
        return create_engine(url, poolclass=NullPool, connect_args={"timeout": 2})
    return create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 2})


def answers_within(engine: Engine, seconds: float, logger: Any) -> bool:
    """Whether ``SELECT 1`` succeeds within ``seconds``; a hung attempt is left to finish alone."""
    outcome: list[bool] = []

    def probe() -> None:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            outcome.append(True)
        except Exception:  # the reason is logged, the probe only needs the verdict
            logger.exception("Health check failed")

    worker = threading.Thread(target=probe, name="health-probe", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        logger.error("Health check: the database did not answer within %s s", seconds)
    return bool(outcome)
