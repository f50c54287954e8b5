"""``selfcheck workshop pack``: the workshop pack PDF from a folder of answers files, offline."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import click

from .report import lang_option, output_option, rules_option, write_output
from .rules import ANSWER_SUFFIXES, load_or_exit, read_answers_file


@click.group("workshop")
def workshop_group() -> None:
    """Workshop mode for municipalities."""


@workshop_group.command("pack")
@click.argument("answers_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@output_option
@lang_option
@rules_option
@click.option("--title", default="Workshop", show_default=True, help="Title of the workshop.")
@click.option("--municipality", default="", help="Municipality or district.")
@click.option("--date", "held_on", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Date (YYYY-MM-DD).")
@click.option("--min-group-size", type=click.IntRange(3, 100), default=3, show_default=True,
              help="Fewest answers files before group figures are printed.")
@click.option("--hours", type=click.Choice(["2", "2.5", "3"]), default="2.5", show_default=True,
              help="Length of the session for the time plan.")
@click.option("--time-plan/--no-time-plan", default=True, show_default=True)
@click.option("--worksheets/--no-worksheets", default=True, show_default=True)
@click.option("--questionnaire/--no-questionnaire", default=True, show_default=True,
              help="The blank questionnaire for latecomers.")
def pack_command(
    answers_dir: Path,
    output: Path,
    lang: str,
    rules: Path,
    title: str,
    municipality: str,
    held_on: datetime.datetime | None,
    min_group_size: int,
    hours: str,
    time_plan: bool,
    worksheets: bool,
    questionnaire: bool,
) -> None:
    """Make the workshop pack from every answers file (YAML or JSON) in ANSWERS_DIR."""
    from ..presenter.group import GroupInput, Participant, build_view
    from ..reports.pdf import configure
    from ..workshops.pack import PackOptions, PackUnavailable, render_pack_pdf

    ruleset = load_or_exit(rules)
    files = sorted(p for p in answers_dir.iterdir() if p.suffix.lower() in ANSWER_SUFFIXES and p.is_file())
    if not files:
        raise click.ClickException(f"{answers_dir}: no answers files (*.yaml, *.json)")
    participants = []
    # Pseudonym numbers follow a hash of the file name, not the (often telling) file order.
    for tag, path in enumerate(sorted(files, key=lambda p: hashlib.sha256(p.name.encode("utf-8")).hexdigest())):
        answers, _organisation = read_answers_file(path, ruleset)
        participants.append(Participant(key=path.name, answers=answers, completed=True, tag=tag))
    group = GroupInput(
        title=title,
        municipality=municipality,
        held_on=held_on.date() if held_on else None,
        participants=participants,
        min_group_size=min_group_size,
    )
    configure(timeout_seconds=None)
    try:
        options = PackOptions(questionnaire=questionnaire, time_plan=time_plan, minutes=int(float(hours) * 60),
                              worksheets=worksheets)
        pdf = render_pack_pdf(ruleset, build_view(ruleset, group, lang), lang, options)
    except PackUnavailable as error:
        raise click.ClickException(f"the PDF could not be made: {error}") from None
    write_output(output, pdf)
