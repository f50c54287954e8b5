"""The results page and the PDF downloads.

Scores come only from ``engine.evaluate``; this module turns the result into plain data for
the template (texts in the chosen language, labels for levels, sources and traces).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import Blueprint, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from ..engine import NOT_APPLICABLE, UNKNOWN, evaluate, normalise_answers
from ..i18n import current_language
from .state import current_ruleset, review_index
from .views import location_of, require_assessment

if TYPE_CHECKING:
    from ..engine import RuleSet
    from ..models import Assessment

bp = Blueprint("results", __name__)

EFFORT_LABELS = {"low": _l("gering"), "medium": _l("mittel"), "high": _l("hoch")}
EVIDENCE_LABELS = {
    "study_hypothesis": _l("Ausgangsannahme der Studie „Blended Impact“"),
    "related_study": _l("Verwandte Studie"),
    "practice_example": _l("Praxisbeispiel"),
    "expert_assumption": _l("Einschätzung von Fachleuten"),
}
GAP_REASONS = {"unknown": _l("Sie haben „Weiß nicht“ angegeben."), "unanswered": _l("Noch nicht beantwortet.")}


def compute_result(ruleset: RuleSet, assessment: Assessment) -> dict[str, Any]:
    """The engine's result for the stored answers (answers the rule set no longer knows are dropped)."""
    answers, _problems = normalise_answers(ruleset, assessment.answers)
    return evaluate(ruleset, answers).to_dict()


def describe_value(ruleset: RuleSet, question_id: str | None, value: Any, lang: str) -> str:
    """An answer or traced value in words: option labels instead of ids."""
    if value is None:
        return _("keine Antwort")
    if value == UNKNOWN:
        return _("Weiß nicht")
    if value == NOT_APPLICABLE:
        return _("Trifft auf uns nicht zu")
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list | tuple):
        return ", ".join(describe_value(ruleset, question_id, item, lang) for item in value) or _("nichts gewählt")
    if question_id is not None and isinstance(value, str):
        try:
            question = ruleset.question(question_id)
            return question.option(value).label.get(lang)
        except KeyError:
            pass
    if isinstance(value, int) and question_id is not None:
        try:
            unit = ruleset.question(question_id).unit
        except KeyError:
            unit = None
        return f"{value} {unit.get(lang)}" if unit else str(value)
    return str(value)


def results_context(ruleset: RuleSet, result: dict[str, Any], lang: str) -> dict[str, Any]:
    """Plain data for the results template."""
    dimensions = []
    for item in result["dimensions"]:
        dimension = ruleset.dimension(item["id"])
        level = ruleset.level(item["id"], item["level"]) if item["level"] else None
        dimensions.append(
            {
                "id": item["id"],
                "title": dimension.title.get(lang),
                "score": item["score"],
                "level": level.label.get(lang) if level else None,
                "level_description": level.description.get(lang) if level and level.description else None,
                "completeness": item["completeness"],
            }
        )
    blend = result["blend"]
    blend_type = ruleset.blend_type(blend["type"]) if blend["type"] else None
    axis_labels = {axis.id: axis.label.get(lang) for axis in ruleset.blend.axes}
    recommendations = [_recommendation(ruleset, item, lang) for item in result["recommendations"]]
    gaps = []
    for gap in result["knowledge_gaps"]:
        dimension_id = gap.get("dimension")
        gaps.append(
            {
                "question": ruleset.question(gap["question"]).text.get(lang),
                "dimension": ruleset.dimension(dimension_id).title.get(lang) if dimension_id else None,
                "reason": str(GAP_REASONS.get(gap["reason"], gap["reason"])),
            }
        )
    return {
        "dimensions": dimensions,
        "blend": {
            "label": blend_type.label.get(lang) if blend_type else None,
            "description": blend_type.description.get(lang) if blend_type and blend_type.description else None,
            "axes": [
                {"label": axis_labels.get(axis["id"], axis["id"]), "score": axis["score"], "high": axis["high"]}
                for axis in blend["axes"]
            ],
        },
        "next_steps": [r for r in recommendations if r["next_step"]],
        "recommendations": recommendations,
        "knowledge_gaps": gaps,
        "completeness": result["completeness"],
    }


def _recommendation(ruleset: RuleSet, item: dict[str, Any], lang: str) -> dict[str, Any]:
    rule = ruleset.recommendation(item["id"])
    sources = []
    for citation in rule.sources:
        source = ruleset.sources.get(citation.source_id)
        if source is None:
            continue
        sources.append(
            {
                "title": source.title,
                "publisher": source.publisher,
                "year": source.year,
                "url": source.url if source.url and source.url.startswith(("https://", "http://")) else None,
                "note": source.note.get(lang) if source.note else None,
                "evidence": str(EVIDENCE_LABELS.get(citation.evidence, citation.evidence)),
            }
        )
    trace = [
        {
            "clause": entry["clause"],
            "value": entry["value"],
            "actual": describe_value(ruleset, _question_in(entry["clause"], ruleset), entry["actual"], lang),
        }
        for entry in item["trace"]
    ]
    return {
        "id": item["id"],
        "rank": item["rank"],
        "next_step": item["next_step"],
        "title": rule.title.get(lang),
        "why": rule.why.get(lang),
        "steps": [step.get(lang) for step in rule.steps],
        "effort": str(EFFORT_LABELS.get(rule.effort, rule.effort)),
        "example": rule.example.get(lang) if rule.example else None,
        "dimension": ruleset.dimension(rule.dimension_id).title.get(lang) if rule.dimension_id else None,
        "when": rule.when_text,
        "trace": trace,
        "sources": sources,
    }


def _question_in(clause: str, ruleset: RuleSet) -> str | None:
    """The question a clause looks at, if its first word is a question id."""
    first = clause.split(" ", 1)[0]
    try:
        return ruleset.question(first).id
    except KeyError:
        return None


def dimension_chart(ruleset: RuleSet, result: dict[str, Any], lang: str) -> Markup | None:
    """The report's SVG chart when the report package provides one; else the template draws its own."""
    try:
        from ..reports.charts import dimension_chart_svg
    except ImportError:
        return None
    return Markup(dimension_chart_svg(ruleset, result, lang))  # noqa: S704 - SVG built from escaped data


@bp.get("/ergebnis")
def show() -> BaseResponse | str:
    ruleset = current_ruleset()
    assessment = require_assessment()
    if assessment.completed_at is None:
        return location_of(assessment)
    lang = current_language()
    result = compute_result(ruleset, assessment)
    return render_template(
        "results/show.html",
        ruleset=ruleset,
        assessment=assessment,
        result=results_context(ruleset, result, lang),
        chart=dimension_chart(ruleset, result, lang),
        rules_changed=assessment.ruleset_hash != ruleset.hash,
        review_reachable=assessment.furthest_step >= review_index(ruleset),
    )
