"""The workshop migration creates exactly the tables the models describe."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from selfcheck.app import create_app
from selfcheck.cli.db import upgrade_database
from selfcheck.db import engine_of
from selfcheck.models import Base
from selfcheck.workshops.models import Workshop

pytestmark = pytest.mark.database

WORKSHOP_TABLES = {"workshops", "workshop_members", "workshop_consensus"}


def test_migrations_create_the_workshop_tables(database_url: str, tmp_path: Path, group_rules_dir: Path) -> None:
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "DATABASE_URL": database_url,
         "RULES_DIR": str(group_rules_dir)}
    )
    engine = engine_of(app)
    try:
        upgrade_database(app, "heads")
        assert set(inspect(engine).get_table_names()) >= WORKSHOP_TABLES
        assert Workshop.__table__.metadata is Base.metadata
        with engine.connect() as connection:
            differences: list[Any] = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        ours = [d for d in differences if WORKSHOP_TABLES & set(_tables_in(d))]
        assert ours == []
    finally:
        engine.dispose()


def _tables_in(difference: Any) -> list[str]:
    """Table names an autogenerate difference talks about (it may be nested tuples)."""
    if isinstance(difference, list):
        return [name for item in difference for name in _tables_in(item)]
    names = []
    for part in difference:
        table = getattr(part, "table", None)
        name = getattr(table, "name", None) or getattr(part, "name", None)
        if isinstance(name, str):
            names.append(name)
        elif isinstance(part, str) and part in WORKSHOP_TABLES:
            names.append(part)
    return names
