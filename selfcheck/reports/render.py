"""Jinja rendering of the report and the paper questionnaire to HTML.

Own environment with autoescape on for everything: organisation names and free-text
answers are user input and must end up as text, never as markup.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from selfcheck.engine.model import RuleSet
from selfcheck.resources import shipped

from .context import build_report_context

PRINT_BASE = "report/print.css"  # page furniture shared by both layouts
STYLESHEETS = {"report": "report/report.css", "paper": "paper/paper.css"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    templates = shipped("templates")
    return Environment(
        loader=FileSystemLoader([templates / "report", templates / "paper"]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def stylesheet_text(name: str) -> str:
    """The CSS of the "report" or "paper" layout after the shared base (our template folder only)."""
    templates = shipped("templates")
    return "\n".join((templates / path).read_text(encoding="utf-8") for path in (PRINT_BASE, STYLESHEETS[name]))


def render_template(name: str, context: dict[str, Any]) -> str:
    return environment().get_template(name).render(**context)


def render_report_html(
    ruleset: RuleSet,
    result: Any,
    *,
    answers: dict[str, Any],
    organisation_name: str | None,
    lang: str,
    created: datetime.date,
) -> str:
    """The full report as one HTML document (the input of the PDF)."""
    context = build_report_context(
        ruleset, result, answers=answers, organisation_name=organisation_name, lang=lang, created=created
    )
    return render_template("report.html", context)
