"""The workshop pack PDF: agenda, group profile, shared recommendations, worksheets, paper form.

Rendered with the report package's machinery (its WeasyPrint worker with deadline, its safe
URL fetcher that loads only our fonts, and its paper layout). The blank questionnaire for
latecomers is the report package's own paper HTML, so paper, pack and web never differ.
The pack shows the group only in aggregate: no individual answers are printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup

from ..engine import RuleSet
from ..presenter.group import SESSION_LENGTHS, GroupView, time_plan
from ..resources import shipped
from ..texts import format_number, language

WORKSHEETS_MIN = 2
PLAN_ROWS = 6
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)


class PackUnavailable(RuntimeError):
    """The PDF could not be made (renderer missing, failed or too slow)."""


@dataclass(frozen=True)
class PackOptions:
    """What the facilitator wants in the pack (the dashboard's form; everything by default)."""

    questionnaire: bool = True  # the blank questionnaire for latecomers
    time_plan: bool = True
    minutes: int = 150  # length of the session for the time plan
    worksheets: bool = True  # action-plan worksheets, pre-filled with the agreements
    agreements: bool = True  # one page with every agreement

    def __post_init__(self) -> None:
        if self.minutes not in SESSION_LENGTHS:
            raise ValueError(f"session length must be one of {SESSION_LENGTHS}")


def paper_body(ruleset: RuleSet, lang: str) -> Markup:
    """The body of the report package's blank questionnaire (already escaped HTML)."""
    from ..reports import render_paper_html

    found = _BODY.search(render_paper_html(ruleset, lang=lang))
    return Markup(found.group(1) if found else "")  # noqa: S704 - rendered by an autoescaping environment


@dataclass(frozen=True)
class Worksheet:
    topic: str
    agreed: str | None = None  # the recorded agreement on that question, to start the plan from
    note: str | None = None


def worksheets(view: GroupView) -> list[Worksheet]:
    """One action-plan sheet per agenda item, pre-filled with what the group agreed; blank ones to fill."""
    agreed = {a.id: a for a in view.agreements}
    sheets = [Worksheet(item.text, agreed[item.id].answer if item.id in agreed else None,
                        agreed[item.id].note if item.id in agreed else None) for item in view.agenda]
    return sheets + [Worksheet("")] * max(0, WORKSHEETS_MIN - len(sheets))


def render_pack_html(ruleset: RuleSet, view: GroupView, lang: str, options: PackOptions | None = None) -> str:
    """The whole pack as one HTML document, with the report's Flask-free templates and catalog."""
    from ..reports import render_template

    options = options or PackOptions()
    pack_css = (shipped("templates") / "workshop_pack" / "pack.css").read_text(encoding="utf-8")
    return render_template("pack.html", {
        "view": view,
        "lang": language(lang),
        "ruleset": ruleset,
        "options": options,
        "hours": format_number(options.minutes / 60, lang),
        "plan": time_plan(view, options.minutes, lang) if options.time_plan else (),
        "worksheets": worksheets(view) if options.worksheets else [],
        "plan_rows": range(PLAN_ROWS),
        "pack_css": Markup(pack_css),  # noqa: S704 - our own file
        "paper": paper_body(ruleset, lang) if options.questionnaire else Markup(""),
    })


def render_pack_pdf(ruleset: RuleSet, view: GroupView, lang: str, options: PackOptions | None = None) -> bytes:
    """The pack as PDF bytes (tagged, A4), or PackUnavailable."""
    return _pdf(render_pack_html(ruleset, view, lang, options), "paper")


def render_poster_html(ruleset: RuleSet, view: GroupView, lang: str) -> str:
    """The A3 results poster: the group's picture on one sheet for the wall."""
    from ..reports import render_template

    return render_template("poster.html", {"view": view, "lang": language(lang), "ruleset": ruleset})


def render_poster_pdf(ruleset: RuleSet, view: GroupView, lang: str) -> bytes:
    """The poster as PDF bytes (A3 landscape), or PackUnavailable."""
    return _pdf(render_poster_html(ruleset, view, lang), "poster")


def _pdf(html: str, stylesheet: str) -> bytes:
    from ..reports.pdf import RenderError, RenderTimeout, html_to_pdf

    try:
        return html_to_pdf(html, stylesheet)
    except (RenderError, RenderTimeout) as error:
        raise PackUnavailable(str(error)) from error
