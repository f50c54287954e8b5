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
from ..texts import format_date, language, other_language, translator

ACTION_PLAN_ROWS = 8


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
