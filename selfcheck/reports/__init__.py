"""The PDF report and the blank paper questionnaire.

    render_report_html(ruleset, result, *, answers, organisation_name, lang, created) -> str
    render_report_pdf(ruleset, result, *, answers, organisation_name, lang, created) -> bytes
    render_paper_pdf(ruleset, *, lang) -> bytes

The report only renders the engine's result; it never computes a score.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from selfcheck.engine.group import PeerComparison
from selfcheck.engine.model import RuleSet
from selfcheck.engine.scoring import Result

from .paper import build_paper_context
from .render import render_report_html, render_template
from .version import TEMPLATE_VERSION

__all__ = [
    "TEMPLATE_VERSION",
    "render_paper_html",
    "render_paper_pdf",
    "render_report_html",
    "render_report_pdf",
]


def render_report_pdf(
    ruleset: RuleSet,
    result: Result,
    *,
    answers: Mapping[str, Any],
    organisation_name: str | None,
    lang: str,
    created: datetime.date,
    peers: PeerComparison | None = None,
) -> bytes:
    """The report as PDF bytes (tagged PDF/UA-1, A4). Raises pdf.RenderTimeout past the deadline."""
    from .pdf import html_to_pdf  # weasyprint is imported only when a PDF is really made

    html = render_report_html(
        ruleset, result, answers=dict(answers), organisation_name=organisation_name, lang=lang, created=created,
        peers=peers,
    )
    return html_to_pdf(html, "report")


def render_paper_html(ruleset: RuleSet, *, lang: str) -> str:
    return render_template("paper.html", build_paper_context(ruleset, lang))


def render_paper_pdf(ruleset: RuleSet, *, lang: str) -> bytes:
    """The blank questionnaire as PDF bytes, generated from the same rule set as the web form."""
    from .pdf import html_to_pdf

    return html_to_pdf(render_paper_html(ruleset, lang=lang), "paper")
