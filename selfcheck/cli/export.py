"""``selfcheck export OUT_DIR``: the anonymised research export (docs/research.md)."""

from __future__ import annotations

from pathlib import Path

import click

from .db import _app


@click.command("export")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--free-text", is_flag=True, help="Also export free-text answers (only of consenting respondents).")
def export_command(out_dir: Path, free_text: bool) -> None:
    """Write the research export (Frictionless Data Package) of consenting, finished assessments."""
    from selfcheck import services
    from selfcheck.db import get_session
    from selfcheck.questionnaire.state import current_ruleset
    from selfcheck.research_export import write_package

    app = _app()
    with app.app_context():
        rows = services.research_rows(get_session())
        target = write_package(current_ruleset(), rows, out_dir, free_text=free_text)
    click.echo(f"exported {len(rows)} record(s) -> {target}")
