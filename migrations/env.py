"""Alembic environment: the database URL comes from the app config, never from a file.

`selfcheck db upgrade` passes its app in ``config.attributes["app"]``; run from the alembic
command line (``alembic -c migrations/alembic.ini ...``), the app is built from the
environment (``SELFCHECK_*``), like in production.
"""

from __future__ import annotations

from alembic import context

from selfcheck.db import import_models, make_engine
from selfcheck.models import Base

import_models()
config = context.config
target_metadata = Base.metadata


def database_url() -> str:
    app = config.attributes.get("app")
    if app is None:
        from selfcheck.app import create_app

        app = create_app()
    return str(app.config["DATABASE_URL"])


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(database_url())
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
