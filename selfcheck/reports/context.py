"""Turn a rule set, an engine result and the answers into plain data for the templates.

The report never computes a score: scores, levels, the blend type and the ranked
recommendations all come from the engine's result. This module only looks up texts and
orders what the engine decided, so the templates stay free of logic.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup

from selfcheck.engine.model import NOT_APPLICABLE, UNKNOWN, Citation, Question, RuleSet

from ..texts import Translate, format_date, language, translator
from .charts import blend_quadrant_svg, dimension_chart_svg

ACTION_PLAN_ROWS = 8


def evidence_labels(_: Translate) -> dict[str, str]:
    """The evidence levels, strongest first, as every page and PDF names them."""
    return {
        "study_hypothesis": _("Ausgangsannahme der Studie „Blended Impact“"),
        "related_study": _("Verwandte Studie"),
        "practice_example": _("Praxisbeispiel"),
        "expert_assumption": _("Fachliche Einschätzung"),
    }


def evidence_explanations(_: Translate) -> dict[str, str]:
    return {
        "study_hypothesis": _("Eine Ausgangsannahme oder Forschungsfrage des Projekts Blended Impact (ZiviZ, "
                              "betterplace lab). Sie ist dort als Annahme formuliert, nicht als geprüftes Ergebnis."),
        "related_study": _("Ergebnisse anderer Studien zu ähnlichen Fragen."),
        "practice_example": _("Erfahrungen eines Projekts, das so arbeitet."),
        "expert_assumption": _("Eine begründete Einschätzung der Autorinnen und Autoren dieses Checks."),
    }


def effort_labels(_: Translate) -> dict[str, str]:
    return {"low": _("gering"), "medium": _("mittel"), "high": _("hoch")}


def missing_answer_words(_: Translate) -> dict[str, str]:
    """How a missing answer and the special answers are shown wherever answers are listed."""
    return {"unanswered": _("nicht beantwortet"), "unknown": _("Weiß nicht"),
            "not_applicable": _("Trifft auf uns nicht zu")}


def question_numbers(ruleset: RuleSet) -> dict[str, str]:
    """Question id -> "step.question" (e.g. "3.2"), the numbering of the web questionnaire."""
    return {
        question.id: f"{s}.{q}"
        for s, step in enumerate(ruleset.steps, start=1)
        for q, question in enumerate(step.questions, start=1)
    }


def answer_label(question: Question | None, value: Any, lang: str) -> str:
    """An answer as the words the person ticked or wrote: option labels, the unit after a number.

    Without a question (a traced value that is not an answer) values are shown as they are.
    """
    words = missing_answer_words(translator(lang))
    if value is None or value == "" or value == []:
        return words["unanswered"]
    if value in (UNKNOWN, NOT_APPLICABLE):
        return words[value]
    labels = {option.id: option.label.get(lang) for option in question.options} if question is not None else {}
    if isinstance(value, list | tuple):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if question is not None and question.type == "number" and question.unit is not None:
        return f"{value} {question.unit.get(lang)}"
    return labels.get(str(value), str(value))


def describe_value(ruleset: RuleSet, question_id: str | None, value: Any, lang: str) -> str:
    """An answer or a traced value in words (review, "Warum sehe ich das?", workshop dashboard).

    Like ``answer_label``, plus the words for traced yes/no values and an empty multiple choice.
    """
    _ = translator(lang)
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list | tuple) and not value:
        return _("nichts gewählt")
    try:
        question = ruleset.question(question_id) if question_id else None
    except KeyError:  # a traced value that is not an answer (a score, the organisation type, ...)
        question = None
    return answer_label(question, value, lang)


def cited_sources(
    ruleset: RuleSet, citations: Iterable[Citation], lang: str, evidence_labels: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The sources a recommendation cites, each with the label of the evidence level it has there.

    Shared by the report and the web results page; a link is given only for http(s) addresses.
    """
    cited = []
    for citation in citations:
        source = ruleset.sources.get(citation.source_id)
        if source is None:
            continue
        cited.append({
            "title": source.title,
            "publisher": source.publisher,
            "year": source.year,
            "url": source.url if source.url and source.url.startswith(("https://", "http://")) else None,
            "note": source.note.get(lang) if source.note else None,
            "evidence": evidence_labels.get(citation.evidence, citation.evidence),
        })
    return cited


def _result_dict(result: Any) -> dict[str, Any]:
    return result.to_dict() if hasattr(result, "to_dict") else dict(result)


def _recommendation(ruleset: RuleSet, rec: Mapping[str, Any], lang: str) -> dict[str, Any]:
    _ = translator(lang)
    rule = ruleset.recommendation(rec["id"])
    sources = cited_sources(ruleset, rule.sources, lang, evidence_labels(_))
    dimension = ruleset.dimension(rule.dimension_id).title.get(lang) if rule.dimension_id else None
    return {
        "id": rule.id,
        "rank": rec["rank"],
        "priority": rec["priority"],
        "next_step": rec["next_step"],
        "title": rule.title.get(lang),
        "why": rule.why.get(lang),
        "steps": [step.get(lang) for step in rule.steps],
        "effort": effort_labels(_)[rule.effort],
        "example": rule.example.get(lang) if rule.example else None,
        "sources": sources,
        "dimension": dimension,
    }


def _dimension(
    ruleset: RuleSet, row: Mapping[str, Any], answers: Mapping[str, Any], numbers: dict[str, str], lang: str
) -> dict[str, Any]:
    _ = translator(lang)
    dimension = ruleset.dimension(row["id"])
    level = ruleset.level(row["id"], row["level"]) if row.get("level") else None
    higher = [lv for lv in dimension.levels if level is not None and lv.min > level.max]
    next_level = min(higher, key=lambda lv: lv.min) if higher else None
    strengths, open_items, unknown = [], [], []
    for c in row.get("contributions", []):
        question = ruleset.question(c["question"])
        item = {
            "number": numbers[question.id],
            "text": question.text.get(lang),
            "answer": answer_label(question, answers.get(question.id), lang),
        }
        if c["status"] == "unknown":
            unknown.append(item)
        if c["status"] != "scored" or not c["max_points"]:
            continue
        points = c["points"] or 0
        if points >= c["max_points"]:
            strengths.append(item)
        else:
            item["open"] = _("noch %(open)s von %(max)s Punkten offen", open=c["max_points"] - points,
                             max=c["max_points"])
            item["weight_open"] = (c["max_points"] - points) * c["weight"]
            open_items.append(item)
    open_items.sort(key=lambda i: -i["weight_open"])  # stable: ties keep the questionnaire order
    return {
        "id": dimension.id,
        "title": dimension.title.get(lang),
        "description": dimension.description.get(lang) if dimension.description else "",
        "score": row.get("score"),
        "level": level.label.get(lang) if level else None,
        "level_description": level.description.get(lang) if level and level.description else "",
        "answered_of": _("%(answered)s von %(visible)s Fragen beantwortet",
                         answered=row.get("answered", 0), visible=row.get("visible", 0)),
        "completeness": row.get("completeness"),
        "strengths": strengths[:4],
        "open": open_items[:3],
        "unknown": unknown,
        "next_level": (
            _("Die nächste Stufe ist „%(level)s“ (ab %(min)s Punkten).", level=next_level.label.get(lang),
              min=next_level.min) if next_level else None
        ),
    }


def build_report_context(
    ruleset: RuleSet,
    result: Any,
    *,
    answers: Mapping[str, Any],
    organisation_name: str | None,
    lang: str,
    created: datetime.date,
) -> dict[str, Any]:
    """Everything the report template shows, as plain data."""
    lang = language(lang)
    _ = translator(lang)
    data = _result_dict(result)
    numbers = question_numbers(ruleset)
    recommendations = [_recommendation(ruleset, r, lang) for r in sorted(data["recommendations"],
                                                                         key=lambda r: r["rank"])]
    blend = data.get("blend") or {}
    blend_type = ruleset.blend_type(blend["type"]) if blend.get("type") else None
    axes = []
    for axis_row, axis in zip(blend.get("axes", []), ruleset.blend.axes, strict=False):
        label = axis.label.get(lang)
        score = axis_row.get("score")
        axes.append(_("%(label)s: noch keine Bewertung", label=label) if score is None
                    else _("%(label)s: %(score)s von 100", label=label, score=score))
    gaps: dict[str, dict[str, Any]] = {}
    for gap in data.get("knowledge_gaps", []):
        question = ruleset.question(gap["question"])
        key = gap.get("dimension") or "profile"
        title = ruleset.dimension(key).title.get(lang) if gap.get("dimension") else ruleset.steps[0].title.get(lang)
        gaps.setdefault(key, {"title": title, "items": []})["items"].append({
            "number": numbers[question.id],
            "text": question.text.get(lang),
            "reason": missing_answer_words(_)[gap["reason"]],
        })
    visible = {q.id for q in ruleset.visible_questions(answers)}
    appendix = []
    for s, step in enumerate(ruleset.steps, start=1):
        rows = [
            {"number": numbers[q.id], "text": q.text.get(lang), "answer": answer_label(q, answers.get(q.id), lang)}
            for q in step.questions if q.id in visible
        ]
        if rows:
            appendix.append({"number": s, "title": step.title.get(lang), "rows": rows})
    cited = {c.source_id for r in ruleset.recommendations for c in r.sources}
    cited |= {s for d in ruleset.dimensions for s in d.sources}
    sources = [
        {"title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url}
        for s in sorted(ruleset.sources.values(), key=lambda s: (s.publisher or s.title).lower())
        if s.id in cited
    ]
    next_steps = [r for r in recommendations if r["next_step"]]
    plan = [r["title"] for r in next_steps] + [""] * (ACTION_PLAN_ROWS - len(next_steps))
    return {
        "lang": lang,
        "title": f"{ruleset.title.get(lang)}: {_('Ergebnisbericht')}",
        "ruleset_title": ruleset.title.get(lang),
        "organisation": organisation_name.strip() if organisation_name and organisation_name.strip() else None,
        "created": format_date(created, lang),
        "ruleset": {"id": ruleset.id, "version": ruleset.version, "hash": ruleset.hash[:12]},
        "completeness": data.get("completeness"),
        "dimension_chart": Markup(dimension_chart_svg(ruleset, data, lang)),  # our own escaped SVG
        "blend_chart": Markup(blend_quadrant_svg(ruleset, data, lang)),
        "blend": {
            "label": blend_type.label.get(lang) if blend_type else None,
            "description": blend_type.description.get(lang) if blend_type and blend_type.description else "",
            "axes": axes,
            "intro": _("Das Profil verbindet zwei Blickwinkel: digitale Angebote und die Verankerung vor Ort. "
                       "Ein Wert ab %(threshold)s gilt als hoch.", threshold=ruleset.blend.threshold),
        },
        "next_steps": next_steps,
        "dimensions": [_dimension(ruleset, row, answers, numbers, lang) for row in data["dimensions"]],
        "recommendations": recommendations,
        "gaps": list(gaps.values()),
        "plan": plan,
        "appendix": appendix,
        "levels": [
            {"label": lv.label.get(lang), "range": _("%(min)s bis %(max)s Punkte", min=lv.min, max=lv.max),
             "description": lv.description.get(lang) if lv.description else ""}
            for lv in ruleset.levels
        ],
        "evidence_levels": [{"label": label, "text": evidence_explanations(_)[level]}
                            for level, label in evidence_labels(_).items()],
        "why": [{"title": d.title.get(lang), "text": d.why.get(lang)} for d in ruleset.dimensions if d.why],
        "sources": sources,
    }
