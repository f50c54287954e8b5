"""The ``selfcheck`` command.

Rule and scoring commands are pure (no app, no database). Commands that need the web app,
the database or WeasyPrint are imported only when they are called, so that a researcher's
``selfcheck rules check`` works even where those are not set up.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from . import research  # noqa: F401 - adds "rules diff" and "rules impact" to the rules group
from .rules import rules_group, score_command

LAZY_COMMANDS = {
    "db": "selfcheck.cli.db:db_group",
    "export": "selfcheck.cli.export:export_command",
    "report": "selfcheck.cli.report:report_command",
    "paper": "selfcheck.cli.report:paper_command",
    "workshop": "selfcheck.cli.workshop:workshop_group",
    "worker": "selfcheck.cli.worker:worker_command",
}


@contextmanager
def _settings_errors_shown() -> Iterator[None]:
    """A broken settings file (or setting) ends a command with its message, not a traceback."""
    from ..config import SettingsError

    try:
        yield
    except SettingsError as error:
        raise click.ClickException(str(error)) from None


class _LazyGroup(click.Group):
    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        with _settings_errors_shown():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        with _settings_errors_shown():
            return super().invoke(ctx)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            module, attribute = LAZY_COMMANDS[name].split(":")
            try:
                return getattr(importlib.import_module(module), attribute)  # type: ignore[no-any-return]
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise
                return None
        return super().get_command(ctx, name)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the app and the rule set and layout it would answer with (same resolution as the app)."""
    if not value or ctx.resilient_parsing:
        return
    from .. import __version__
    from ..config import rules_dir_from_environment
    from ..provenance import provenance
    from .rules import load_or_exit

    click.echo(f"app_version: {__version__}")
    rules = rules_dir_from_environment()
    click.echo(f"ruleset_dir: {rules}")
    for key, value_ in provenance(load_or_exit(rules)).items():
        if key != "app_version":
            click.echo(f"{key}: {value_}")
    ctx.exit()


@click.group(cls=_LazyGroup)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the app version, the rule set (id, version, content hash) and the report layout version.")
def main() -> None:
    """Blended-Impact-Selbstcheck: rule sets, scoring, reports and the database."""


main.add_command(rules_group)
main.add_command(score_command)

if __name__ == "__main__":
    main()
