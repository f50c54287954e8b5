"""`selfcheck db ...`: database set-up and housekeeping, run against the configured app."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app, has_app_context


def _app() -> Flask:
    """The app of ``flask --app ...`` when run through Flask's CLI, else one built from the settings."""
    if has_app_context():
        return current_app._get_current_object()  # type: ignore[attr-defined,no-any-return]
    from flask.cli import ScriptInfo

    context = click.get_current_context(silent=True)
    script = context.find_object(ScriptInfo) if context is not None else None
    if script is not None:
        return script.load_app()
    from selfcheck.app import START_ERRORS, create_app

    try:
        return create_app()
    except START_ERRORS as error:
        raise click.ClickException(str(error)) from None


def upgrade_database(app: Flask, revision: str = "head") -> None:
    """Create the instance folder and migrate the database to ``revision``."""
    from alembic import command
    from alembic.config import Config

    from selfcheck.resources import shipped

    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    config = Config()
    config.set_main_option("script_location", str(shipped("migrations")))
    config.attributes["app"] = app
    command.upgrade(config, revision)


@click.group("db")
def db_group() -> None:
    """Set up and maintain the database."""


@db_group.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Migrate to this revision.")
def upgrade_command(revision: str) -> None:
    """Create the instance folder and bring the database schema up to date."""
    app = _app()
    upgrade_database(app, revision)
    click.echo(f"database is up to date ({revision})")


@db_group.command("purge")
def purge_command() -> None:
    """Delete expired workshops and assessments and their cached reports (run daily, e.g. from cron)."""
    from selfcheck import services
    from selfcheck.db import get_session
    from selfcheck.questionnaire.results import prune_reports
    from selfcheck.services.workshops import purge_expired_workshops

    app = _app()
    with app.app_context():
        workshops = purge_expired_workshops(get_session())
        removed = services.purge_expired(get_session(),
                                         research_retention_days=int(app.config["RESEARCH_RETENTION_DAYS"]))
        reports = prune_reports(services.existing_public_ids(get_session()))
    click.echo(f"deleted {workshops} expired workshop(s) and {removed} expired assessment(s), "
               f"removed {reports} cached report(s)")
