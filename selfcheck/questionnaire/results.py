"""The results page and the PDF downloads.

Scores come only from ``engine.evaluate``; this module turns the result into plain data for
the template (texts in the chosen language, labels for levels, sources and traces).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Blueprint, Response, abort, current_app, render_template, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from .. import services
from ..db import get_session
from ..engine import evaluate, normalise_answers
from ..i18n import current_language
from ..reports import ReportCache, render_paper_pdf, render_report_pdf
from ..reports.charts import dimension_chart_svg
from ..reports.context import cited_sources, describe_value, effort_labels, evidence_labels, missing_answer_words
from ..services import aware
from ..texts import translator
from .state import client_address, current_ruleset, location_of, require_assessment, review_index

if TYPE_CHECKING:
    from ..engine import RuleSet
    from ..models import Assessment

bp = Blueprint("results", __name__)


def compute_result(ruleset: RuleSet, assessment: Assessment) -> dict[str, Any]:
    """The engine's result for the stored answers (answers the rule set no longer knows are dropped)."""
    answers, _problems = normalise_answers(ruleset, assessment.answers)
    return evaluate(ruleset, answers).to_dict()


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
                "reason": missing_answer_words(translator(lang))[gap["reason"]],
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
    _ = translator(lang)
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
        "effort": effort_labels(_)[rule.effort],
        "example": rule.example.get(lang) if rule.example else None,
        "dimension": ruleset.dimension(rule.dimension_id).title.get(lang) if rule.dimension_id else None,
        "when": rule.when_text,
        "trace": trace,
        "sources": cited_sources(ruleset, rule.sources, lang, evidence_labels(_)),
    }


def _question_in(clause: str, ruleset: RuleSet) -> str | None:
    """The question a clause looks at, if its first word is a question id."""
    first = clause.split(" ", 1)[0]
    try:
        return ruleset.question(first).id
    except KeyError:
        return None


def dimension_chart(ruleset: RuleSet, result: dict[str, Any], lang: str) -> Markup:
    """The report's bar chart of the dimension scores, so page and PDF show the same picture."""
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
        report_url=url_for("results.report_pdf", lang=lang),
    )


def report_cache() -> ReportCache:
    return ReportCache(Path(current_app.config["REPORT_CACHE_DIR"]))


def report_key(assessment: Assessment, ruleset_hash: str, lang: str) -> tuple[object, ...]:
    return (assessment.public_id, assessment.answers_revision, ruleset_hash, lang)


PAPER_OWNER = "paper"


def forget_reports(public_ids: Iterable[str]) -> None:
    """Remove every cached report of these assessments: called wherever they are deleted."""
    cache = report_cache()
    for public_id in public_ids:
        cache.forget(public_id)


def prune_reports(existing_public_ids: set[str]) -> int:
    """Remove cached reports of assessments that no longer exist (run after the daily purge)."""
    cache = report_cache()
    orphans = cache.owners() - existing_public_ids - {PAPER_OWNER}
    forget_reports(orphans)
    return len(orphans)


def pdf_response(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/ergebnis/bericht.pdf")
def report_pdf() -> BaseResponse:
    """The report of this session's assessment; cached per answers revision, rule set and language."""
    ruleset = current_ruleset()
    assessment = require_assessment()
    if assessment.completed_at is None:
        return location_of(assessment)
    db = get_session()
    config = current_app.config
    limits = {"limit": int(config["PDF_RATE_LIMIT"]), "window_seconds": int(config["PDF_RATE_WINDOW_SECONDS"])}
    if services.is_rate_limited(db, scope="pdf", client=client_address(), **limits):
        abort(429)
    services.record_attempt(db, scope="pdf", client=client_address())
    lang = current_language()
    created = aware(assessment.updated_at).date()

    def render() -> bytes:
        result = compute_result(ruleset, assessment)
        return render_report_pdf(
            ruleset,
            result,
            answers=assessment.answers,
            organisation_name=assessment.organisation_name,
            lang=lang,
            created=created,
        )

    data = report_cache().get_or_render(report_key(assessment, ruleset.hash, lang), render)
    name = "selbstcheck-ergebnis" if lang == "de" else "self-check-result"
    return pdf_response(data, f"{name}-{created.isoformat()}.pdf")


@bp.get("/fragebogen.pdf")
def paper_pdf() -> BaseResponse:
    """The blank questionnaire for filling in on paper, from the same rule set as the web form."""
    ruleset = current_ruleset()
    lang = current_language()
    data = report_cache().get_or_render((PAPER_OWNER, ruleset.hash, lang), lambda: render_paper_pdf(ruleset, lang=lang))
    name = "selbstcheck-fragebogen" if lang == "de" else "self-check-questionnaire"
    return pdf_response(data, f"{name}-{ruleset.version}.pdf")
