"""``selfcheck rules diff|impact``: what a rule change changes, before it is published."""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..engine.diff import changes_to_data, changes_to_markdown, diff_rulesets
from ..engine.impact import impact_to_markdown, measure_impact
from .rules import ANSWER_SUFFIXES, load_or_exit, read_answers_file, rules_group, rules_option


@contextmanager
def rules_at(spec: str, default_folder: Path) -> Iterator[Path]:
    """A rule-set folder: ``spec`` itself if it is a folder, else the default folder as it was at
    git revision ``spec`` (extracted into a temporary folder)."""
    folder = Path(spec)
    if folder.is_dir():
        yield folder
        return
    top = _git(["rev-parse", "--show-toplevel"], default_folder)
    if top is None:
        raise click.ClickException(f"{spec!r} is neither a folder nor a git revision (no git repository here)")
    relative = default_folder.resolve().relative_to(Path(top))
    if _git(["rev-parse", "--verify", f"{spec}^{{commit}}"], default_folder) is None:
        raise click.ClickException(f"{spec!r} is neither a folder nor a git revision")
    with tempfile.TemporaryDirectory(prefix="selfcheck-rules-") as tmp:
        archive = subprocess.run(["git", "-C", top, "archive", spec, str(relative)], capture_output=True, check=False)
        if archive.returncode != 0:
            raise click.ClickException(f"{relative} does not exist at {spec}")
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        yield Path(tmp) / relative


def _git(args: list[str], where: Path) -> str | None:
    done = subprocess.run(["git", "-C", str(where if where.is_dir() else where.parent), *args],
                          capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else None


@rules_group.command("diff")
@click.argument("old")
@click.argument("new", required=False)
@rules_option
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
def diff_command(old: str, new: str | None, rules: Path, fmt: str) -> None:
    """What changed from OLD to NEW (folders or git revisions; NEW defaults to the rules folder).

    Example: selfcheck rules diff HEAD~3   (the shipped rules then and now)
    """
    with rules_at(old, rules) as old_folder, rules_at(new or str(rules), rules) as new_folder:
        before, after = load_or_exit(old_folder), load_or_exit(new_folder)
        changes = diff_rulesets(before, after)
        if fmt == "json":
            click.echo(json.dumps({"old": {"version": before.version, "hash": before.hash},
                                   "new": {"version": after.version, "hash": after.hash},
                                   "changes": changes_to_data(changes)}, ensure_ascii=False, indent=2))
        else:
            click.echo(changes_to_markdown(changes, before, after), nl=False)


@rules_group.command("impact")
@click.argument("new")
@rules_option
@click.option("--answers", "answers_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Score the answer files (YAML/JSON) in this folder, e.g. the golden examples.")
@click.option("--database/--no-database", default=True, show_default=True,
              help="Also score the finished assessments stored in the app's database.")
def impact_command(new: str, rules: Path, answers_dir: Path | None, database: bool) -> None:
    """Score stored assessments and answer files under the current rules and under NEW
    (a folder or git revision) and report what respondents would see differently."""
    current = load_or_exit(rules)
    with rules_at(new, rules) as new_folder:
        candidate = load_or_exit(new_folder)
        answer_sets: list[tuple[str, dict[str, Any]]] = []
        if answers_dir is not None:
            for path in sorted(p for p in answers_dir.iterdir() if p.suffix.lower() in ANSWER_SUFFIXES):
                answers, _organisation = read_answers_file(path, current, raw=True)
                answer_sets.append((path.stem, answers))
        if database:
            answer_sets += _stored_answers()
        click.echo(impact_to_markdown(measure_impact(current, candidate, answer_sets), current, candidate), nl=False)


def _stored_answers() -> list[tuple[str, dict[str, Any]]]:
    """The raw answers of every finished assessment in the app's database (labelled by a short id)."""
    from sqlalchemy import select
    from sqlalchemy.exc import SQLAlchemyError

    from ..db import get_session
    from ..models import Assessment
    from .db import _app

    app = _app()
    with app.app_context():
        try:
            rows = get_session().scalars(select(Assessment).where(Assessment.completed_at.is_not(None)))
            return [(f"assessment {row.public_id[:6]}", dict(row.answers or {})) for row in rows]
        except SQLAlchemyError as exc:
            cause = getattr(exc, "orig", None) or exc  # only statement errors carry the driver's error
            raise click.ClickException(
                f"cannot read stored assessments from {app.config['DATABASE_URL']}: {type(cause).__name__}. "
                "Run `selfcheck db upgrade` for a new database, or add --no-database") from None


@rules_group.command("publish")
@click.argument("path", type=click.Path(path_type=Path), required=False)
def publish_command(path: Path | None) -> None:
    """Record this version as published (published/<version>.json): from now on the validator
    wants a new version for any change, and a migration for every question or option it drops."""
    from ..config import rules_dir_from_environment
    from ..engine.published import publish

    folder = path or rules_dir_from_environment()
    ruleset = load_or_exit(folder)
    try:
        target, new = publish(ruleset, folder)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    state = "published" if new else "already published"
    click.echo(f"{state}: {ruleset.id} {ruleset.version} ({ruleset.hash[:12]}) -> {target}")
