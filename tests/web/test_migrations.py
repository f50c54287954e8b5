"""`selfcheck db upgrade` builds the schema the models describe, on every database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner

from selfcheck.app import create_app
from selfcheck.cli.db import db_group
from selfcheck.db import engine_of, import_models
from selfcheck.models import Base


def test_upgrade_matches_the_models(database_url: str, tmp_path: Path, minimal_rules_dir: Path) -> None:
    instance = tmp_path / "fresh-instance"
    config = {"INSTANCE_PATH": str(instance), "RULES_DIR": str(minimal_rules_dir), "DATABASE_URL": database_url}
    app = create_app(config)
    with app.app_context():
        result = CliRunner().invoke(db_group, ["upgrade"])
    assert result.exit_code == 0, result.output
    assert instance.is_dir()
    import_models()
    engine = engine_of(app)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path: Path, minimal_rules_dir: Path) -> None:
    app = create_app({"INSTANCE_PATH": str(tmp_path / "inst"), "RULES_DIR": str(minimal_rules_dir)})
    with app.app_context():
        result = CliRunner().invoke(db_group, ["upgrade"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "inst" / "selfcheck.sqlite").exists()
    with engine_of(app).connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    response = app.test_client().get("/healthz")
    assert response.status_code == 200


def test_purge_command(app: Any) -> None:
    with app.app_context():
        result = CliRunner().invoke(db_group, ["purge"])
    assert result.exit_code == 0
    assert "0 abgelaufene" in result.output
