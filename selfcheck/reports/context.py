"""The report's own pages around the shared result view: cover, action plan, answers, method.

The results themselves (scores, profile, recommendations, gaps) come from the presenter, the
same view objects the results page shows; the report never computes a score.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from ..engine.group import PeerComparison
from ..engine.model import RuleSet
from ..engine.scoring import Result
from ..presenter import answer_label, evidence_explanations, evidence_labels, present_result, question_numbers
from ..presenter.charts import quadrant_label
from ..texts import format_date, language, other_language, translator

ACTION_PLAN_ROWS = 8


def blend_grid(ruleset: RuleSet, result: Result, lang: str) -> dict[str, Any] | None:
    """The blend profile's 2x2 grid as text for the report (the web page draws it as SVG).

    The same quadrants as ``presenter.charts.blend_quadrant_svg``: axis 1 left to right, axis 2
    bottom to top, each quadrant named by its type(s), the organisation's quadrant marked "Sie".
    In the PDF, text inside an SVG is drawn letter by letter and cost more than the rest of the
    summary page; as HTML text it is set like any other line and can be searched and read aloud.
    """
    _ = translator(lang)
    blend = ruleset.blend.for_audience(result.organisation_type)
    if len(blend.axes) < 2:
        return None
    x_axis, y_axis = blend.axes[0], blend.axes[1]
    rows = []
    for row in (0, 1):  # top row first: axis 2 high
        cells = []
        for col in (0, 1):
            label, you = quadrant_label(blend, col == 1, row == 0, result.blend.type, lang) or ("", False)
            cells.append({"label": label, "you": you})
        rows.append({"level": _("hoch") if row == 0 else _("niedrig"), "cells": cells})
    return {"x": x_axis.label.get(lang), "y": y_axis.label.get(lang), "rows": rows,
            "low": _("niedrig"), "high": _("hoch"), "you": _("Sie")}


def build_report_context(
    ruleset: RuleSet,
    result: Result,
    *,
    answers: Mapping[str, Any],
    organisation_name: str | None,
    lang: str,
    created: datetime.date,
    peers: PeerComparison | None = None,
) -> dict[str, Any]:
    """Everything the report template shows."""
    lang = language(lang)
    _ = translator(lang)
    view = present_result(ruleset, result, answers, lang, peers)
    numbers = question_numbers(ruleset)
    visible = {q.id for q in ruleset.visible_questions(answers)}
    appendix = []
    for s, step in enumerate(ruleset.steps, start=1):
        rows = [
            {"number": numbers[q.id], "text": q.text.get(lang), "answer": answer_label(q, answers.get(q.id), lang)}
            for q in step.questions if q.id in visible
        ]
        if rows:
            appendix.append({"number": s, "title": step.title.get(lang), "rows": rows})
    # Only what this report cites: the themes' sources and those of the recommendations it shows.
    shown = [*view.next_steps, *(r for group in view.further for r in group.items), *view.knowledge]
    cited = {c.source_id for r in shown for c in ruleset.recommendation(r.id).sources}
    cited |= {s for d in ruleset.dimensions for s in d.sources}
    own = evidence_labels(_)["own_assessment"]  # our own view is named as on the results page
    sources = sorted(
        ({"title": own, "title_lang": None, "publisher": None, "year": None, "url": None} if s.kind == "own" else
         {"title": s.title, "title_lang": other_language(s.title, lang), "publisher": s.publisher, "year": s.year,
          "url": s.url}
         for s in ruleset.sources.values() if s.id in cited),
        key=lambda s: str(s["publisher"] or s["title"]).lower(),
    )
    plan = [r.title for r in view.next_steps] + [""] * (ACTION_PLAN_ROWS - len(view.next_steps))
    explanations = evidence_explanations(_)
    return {
        "lang": lang,
        "title": f"{ruleset.title.get(lang)}: {_('Ergebnisbericht')}",
        "ruleset_title": ruleset.title.get(lang),
        "organisation": organisation_name.strip() if organisation_name and organisation_name.strip() else None,
        "created": format_date(created, lang),
        "created_iso": created.isoformat(),
        "ruleset": {"id": ruleset.id, "version": ruleset.version, "hash": ruleset.hash[:12]},
        "result": view,
        "blend_grid": blend_grid(ruleset, result, lang),
        "no_score": _("keine Bewertung"),
        "plan": plan,
        "appendix": appendix,
        "levels": [
            {"label": lv.label.get(lang), "range": _("%(min)s bis %(max)s Punkte", min=lv.min, max=lv.max),
             "description": lv.description.get(lang) if lv.description else ""}
            for lv in ruleset.levels
        ],
        "evidence_levels": [{"label": label, "text": explanations[level]}
                            for level, label in evidence_labels(_).items()],
        "sources": sources,
    }
