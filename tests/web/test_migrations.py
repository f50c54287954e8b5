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
    assert "0 expired assessment(s)" in result.output


def test_purge_removes_cached_reports_of_deleted_checks_only(app: Any) -> None:
    from datetime import timedelta

    from selfcheck import services
    from selfcheck.db import get_session
    from selfcheck.models import Assessment, utcnow
    from selfcheck.questionnaire.results import PAPER_OWNER, report_cache

    with app.app_context():
        db = get_session()
        ruleset = app.extensions["selfcheck.ruleset"]
        kept, expired = (
            services.start_assessment(db, ruleset, organisation_name=None, retention_days=180)[0] for _ in range(2)
        )
        cache = report_cache()
        for owner in (kept.public_id, expired.public_id, PAPER_OWNER):
            cache.put((owner, 0, "hash", "de"), b"%PDF-1.7 cached")
        db.get(Assessment, expired.id).expires_at = utcnow() - timedelta(days=1)
        db.commit()
        result = CliRunner().invoke(db_group, ["purge"])
        assert result.exit_code == 0, result.output
        assert "1 expired assessment(s)" in result.output
        assert "removed 1 cached report(s)" in result.output
        assert cache.owners() == {kept.public_id, PAPER_OWNER}
