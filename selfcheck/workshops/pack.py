"""The workshop pack PDF: agenda, group profile, shared recommendations, worksheets, paper form.

Rendered with the report package's machinery (its WeasyPrint worker with deadline, its safe
URL fetcher that loads only our fonts, and its paper layout). The blank questionnaire for
latecomers is the report package's own paper HTML, so paper, pack and web never differ.
The pack shows the group only in aggregate: no individual answers are printed.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..engine import RuleSet
from ..presenter.group import GroupView
from ..resources import shipped
from ..texts import language

WORKSHEETS_MIN = 2
PLAN_ROWS = 6
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)


class PackUnavailable(RuntimeError):
    """The PDF could not be made (renderer missing, failed or too slow)."""


def paper_body(ruleset: RuleSet, lang: str) -> Markup:
    """The body of the report package's blank questionnaire (already escaped HTML)."""
    from ..reports import render_paper_html

    found = _BODY.search(render_paper_html(ruleset, lang=lang))
    return Markup(found.group(1) if found else "")  # noqa: S704 - rendered by an autoescaping environment


def render_pack_html(ruleset: RuleSet, view: GroupView, lang: str) -> str:
    """The whole pack as one HTML document, with the report's Flask-free templates and catalog."""
    from ..reports import render_template

    worksheets = [item.text for item in view.agenda]
    worksheets += [""] * max(0, WORKSHEETS_MIN - len(worksheets))
    pack_css = (shipped("templates") / "workshop_pack" / "pack.css").read_text(encoding="utf-8")
    return render_template("pack.html", {
        "view": view,
        "lang": language(lang),
        "ruleset": ruleset,
        "worksheets": worksheets,
        "plan_rows": range(PLAN_ROWS),
        "pack_css": Markup(pack_css),  # noqa: S704 - our own file
        "paper": paper_body(ruleset, lang),
    })


def render_pack_pdf(ruleset: RuleSet, view: GroupView, lang: str) -> bytes:
    """The pack as PDF bytes (tagged, A4), or PackUnavailable."""
    from ..reports.pdf import RenderError, RenderTimeout, html_to_pdf

    html = render_pack_html(ruleset, view, lang)
    try:
        return html_to_pdf(html, "paper")
    except (RenderError, RenderTimeout) as error:
        raise PackUnavailable(str(error)) from error
