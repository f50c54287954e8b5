"""The ``selfcheck`` command.

Rule and scoring commands are pure (no app, no database). Commands that need the web app,
the database or WeasyPrint are imported only when they are called, so that a researcher's
``selfcheck rules check`` works even where those are not set up.
"""

from __future__ import annotations

import importlib

import click

from .rules import rules_group, score_command

LAZY_COMMANDS = {
    "db": "selfcheck.cli.db:db_group",
    "report": "selfcheck.cli.report:report_command",
    "paper": "selfcheck.cli.report:paper_command",
    "workshop": "selfcheck.cli.workshop:workshop_group",
}


class _LazyGroup(click.Group):
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


@click.group(cls=_LazyGroup)
@click.version_option(package_name="blended-impact-selfcheck")
def main() -> None:
    """Blended-Impact-Selbstcheck: rule sets, scoring, reports and the database."""


main.add_command(rules_group)
main.add_command(score_command)

if __name__ == "__main__":
    main()
