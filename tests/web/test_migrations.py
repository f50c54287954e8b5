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


def purge_with_files(app: Any) -> tuple[Any, Any, str]:
    """Two checks and the blank questionnaire with a stored file each; one check expired; purge."""
    from datetime import timedelta

    from selfcheck import services
    from selfcheck.db import get_session
    from selfcheck.models import Assessment, utcnow
    from selfcheck.rendering import FileJob, file_key, renderings

    with app.app_context():
        db = get_session()
        ruleset = app.extensions["selfcheck.ruleset"]
        kept, expired = (
            services.start_assessment(db, ruleset, organisation_name=None, retention_days=180)[0] for _ in range(2)
        )
        files = renderings()
        for owner in (kept.public_id, expired.public_id, None):
            files.keep(FileJob(key=file_key(owner), kind="report" if owner else "paper", lang="de", html="",
                               stylesheet="report", owner_kind="assessment" if owner else None, owner_id=owner),
                       b"%PDF-1.7 kept")
        db.get(Assessment, expired.id).expires_at = utcnow() - timedelta(days=1)
        db.commit()
        result = CliRunner().invoke(db_group, ["purge"])
    assert result.exit_code == 0, result.output
    assert "1 expired assessment(s)" in result.output
    return kept, files, result.output


def test_purge_deletes_the_stored_files_of_deleted_checks_with_them(app: Any) -> None:
    from sqlalchemy import select

    from selfcheck.models import RenderedFile

    kept, files, _output = purge_with_files(app)
    with app.app_context():
        from selfcheck.db import get_session

        slots = sorted(get_session().scalars(select(RenderedFile.slot)))
    assert slots == ["paper:de", "report:de"]


def test_purge_removes_folder_files_of_deleted_checks_only(app_factory: Any) -> None:
    kept, files, output = purge_with_files(app_factory(REPORT_STORE="folder"))
    assert "removed 1 cached report(s)" in output
    assert files.store.owners() == {kept.public_id}
    assert any(files.store.directory.glob("_shared/paper-de--*.pdf"))
