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
from selfcheck.engine.scoring import Result
from selfcheck.resources import shipped
from selfcheck.texts import LANGUAGES, language, translations

from ..engine.group import PeerComparison
from .context import build_report_context

PRINT_BASE = "report/print.css"  # page furniture shared by both layouts
STYLESHEETS = {"report": "report/report.css", "paper": "paper/paper.css", "poster": "workshop_pack/poster.css"}


@lru_cache(maxsize=len(LANGUAGES))
def environment(lang: str) -> Environment:
    """One environment per language, its ``_()`` bound to the shared gettext catalog."""
    templates = shipped("templates")
    env = Environment(
        loader=FileSystemLoader([templates / "report", templates / "paper", templates / "workshop_pack"]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


def stylesheet_text(name: str) -> str:
    """The CSS of the "report" or "paper" layout after the shared base (our template folder only)."""
    templates = shipped("templates")
    return "\n".join((templates / path).read_text(encoding="utf-8") for path in (PRINT_BASE, STYLESHEETS[name]))


def render_template(name: str, context: dict[str, Any]) -> str:
    """Render ``name`` in the language ``context["lang"]``."""
    return environment(language(context.get("lang"))).get_template(name).render(**context)


def render_report_html(
    ruleset: RuleSet,
    result: Result,
    *,
    answers: dict[str, Any],
    organisation_name: str | None,
    lang: str,
    created: datetime.date,
    peers: PeerComparison | None = None,
) -> str:
    """The full report as one HTML document (the input of the PDF)."""
    context = build_report_context(
        ruleset, result, answers=answers, organisation_name=organisation_name, lang=lang, created=created, peers=peers
    )
    return render_template("report.html", context)
