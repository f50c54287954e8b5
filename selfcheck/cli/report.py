"""``selfcheck report`` and ``selfcheck paper``: PDFs from the command line."""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from ..engine import evaluate
from .rules import load_or_exit, read_answers_file, rules_option

lang_option = click.option("--lang", type=click.Choice(["de", "en"]), default="de", show_default=True,
                           help="Language of the PDF.")
output_option = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
                             help="Where to write the PDF.")


def write_output(output: Path, data: bytes) -> None:
    """Write the PDF; a clear error instead of a traceback when the path is not writable."""
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise click.ClickException(f"{output}: cannot write: {exc.strerror}") from None
    click.echo(f"{output}: {len(data) // 1024} KB")


@click.command("report")
@click.argument("answers_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@output_option
@lang_option
@rules_option
def report_command(answers_file: Path, output: Path, lang: str, rules: Path) -> None:
    """Make the PDF report for an answers file ({organisation: {name: ...}, answers: {...}})."""
    from ..reports import render_report_pdf
    from ..reports.pdf import configure

    ruleset = load_or_exit(rules)
    answers, organisation = read_answers_file(answers_file, ruleset)
    configure(timeout_seconds=None)  # one render, in this process: no worker needed
    pdf = render_report_pdf(
        ruleset,
        evaluate(ruleset, answers),
        answers=answers,
        organisation_name=str(organisation.get("name") or "") or None,
        lang=lang,
        created=datetime.date.today(),
    )
    write_output(output, pdf)


@click.command("paper")
@output_option
@lang_option
@rules_option
def paper_command(output: Path, lang: str, rules: Path) -> None:
    """Make the blank paper questionnaire as PDF."""
    from ..reports import render_paper_pdf
    from ..reports.pdf import configure

    ruleset = load_or_exit(rules)
    configure(timeout_seconds=None)
    write_output(output, render_paper_pdf(ruleset, lang=lang))
