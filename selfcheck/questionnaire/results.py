"""The results page and the PDF downloads.

Scores come only from ``engine.evaluate``; the page shows the presenter's view of the result,
the same view objects as the PDF report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Blueprint, Response, abort, current_app, flash, make_response, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from .. import services
from ..db import get_session
from ..engine import RuleSetError, evaluate, normalise_answers
from ..engine.group import PeerComparison, compare_with_peers
from ..engine.loader import load_ruleset_from_files
from ..i18n import current_language
from ..presenter import present_result
from ..reports import ReportCache, render_paper_pdf, render_report_pdf
from ..reports.pdf import RenderError, RenderTimeout
from ..services import aware
from ..services import workshops as workshop_services
from ..web import count_attempt, refuse_if_limited, see_other
from .forms import ResearchConsentForm
from .state import current_ruleset, location_of, review_index, with_assessment

if TYPE_CHECKING:
    from ..engine import Result, RuleSet
    from ..models import Assessment

bp = Blueprint("results", __name__)


def scored_answers(ruleset: RuleSet, assessment: Assessment) -> tuple[Result, dict[str, Any]]:
    """The engine's result and the answers it scored (answers the rule set no longer knows are dropped)."""
    answers, _problems = normalise_answers(ruleset, assessment.answers)
    return evaluate(ruleset, answers), answers


CURRENT_RULES = "aktuell"  # ?regeln=aktuell: the result under today's rules instead of the answered ones
KEPT_RULESETS = "selfcheck.kept_rulesets"


def answered_ruleset(content_hash: str) -> RuleSet | None:
    """The rule set an assessment was answered with, if it was kept (loaded once per process)."""
    cache: dict[str, RuleSet] = current_app.extensions.setdefault(KEPT_RULESETS, {})
    if content_hash not in cache:
        files = services.kept_ruleset_files(get_session(), content_hash)
        if files is None:
            return None
        try:
            cache[content_hash] = load_ruleset_from_files(files)
        except RuleSetError:
            current_app.logger.exception("The kept rule set %s no longer loads", content_hash[:12])
            return None
    return cache[content_hash]


def result_ruleset(assessment: Assessment) -> tuple[RuleSet, bool]:
    """The rules a result is shown with, and whether the respondent asked for today's rules.

    By default the rules the assessment was answered with, so the result reads as it did; today's
    rules on request (``?regeln=aktuell``) or when the old ones were never kept.
    """
    current = current_ruleset()
    if assessment.ruleset_hash == current.hash:
        return current, False
    if request.args.get("regeln") == CURRENT_RULES:
        return current, True
    return answered_ruleset(assessment.ruleset_hash) or current, False


@bp.get("/ergebnis")
@with_assessment
def show(assessment: Assessment) -> BaseResponse | str:
    if assessment.completed_at is None:
        return location_of(assessment)
    ruleset, asked_current = result_ruleset(assessment)
    current = current_ruleset()
    lang = current_language()
    result, answers = scored_answers(ruleset, assessment)
    peers = peer_comparison(ruleset, assessment, result)
    extra = {"regeln": CURRENT_RULES} if asked_current else {}
    return render_template(
        "results/show.html",
        ruleset=ruleset,
        current=current,
        assessment=assessment,
        result=present_result(ruleset, result, answers, lang, peers),
        rules=_rules_notice(assessment, ruleset, current, asked_current),
        review_reachable=assessment.furthest_step >= review_index(current),
        report_url=url_for("results.report_pdf", lang=lang, **extra),
        workshop_member=workshop_services.member_of(get_session(), assessment),
        research_form=ResearchConsentForm(data={"research_consent": assessment.research_consent}),
    )


@bp.post("/ergebnis/forschung")
@with_assessment
def research_consent(assessment: Assessment) -> BaseResponse:
    """Allow or stop research use of this assessment's answers (without name)."""
    form = ResearchConsentForm()
    if not form.validate():
        abort(400)
    services.set_research_consent(get_session(), assessment, bool(form.research_consent.data))
    flash(_("Ihre Einstellung zur Forschung ist gespeichert."), "success")
    return see_other("results.show")


def peer_comparison(ruleset: RuleSet, assessment: Assessment, result: Result) -> PeerComparison | None:
    """Organisations of the same type that agreed to research use, compared under the rules shown."""
    if result.organisation_type is None or ruleset.audience_question is None:
        return None
    answer_sets = services.peer_answer_sets(get_session(), ruleset.audience_question, result.organisation_type,
                                            besides=assessment.public_id)
    return compare_with_peers(ruleset, answer_sets, int(current_app.config["PEER_MIN_ORGANISATIONS"]))


def _rules_notice(assessment: Assessment, shown: RuleSet, current: RuleSet, asked_current: bool) -> str | None:
    """Which notice the results page shows about rule versions: None, "answered", "current" or "lost"."""
    if assessment.ruleset_hash == current.hash:
        return None
    if asked_current:
        return "current"
    return "answered" if shown is not current else "lost"


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
@with_assessment
def report_pdf(assessment: Assessment) -> BaseResponse:
    """The report of this session's assessment; cached per answers revision, rule set and language."""
    if assessment.completed_at is None:
        return location_of(assessment)
    return report_response(assessment)


def report_response(assessment: Assessment) -> Response:
    """The PDF report of a finished assessment (also a typed-in paper sheet's, for its facilitator).

    Only a fresh render counts against the PDF limit, keyed to the assessment as well as the
    address, so a workshop room sharing one address does not block itself. When the respondent
    deleted their data while it rendered, the fresh PDF is removed again and not served.
    """
    ruleset, _asked_current = result_ruleset(assessment)
    lang = current_language()
    created = aware(assessment.updated_at).date()
    result, answers = scored_answers(ruleset, assessment)
    peers = peer_comparison(ruleset, assessment, result)

    def render() -> bytes:
        return render_report_pdf(
            ruleset,
            result,
            answers=answers,
            organisation_name=assessment.organisation_name,
            lang=lang,
            created=created,
            peers=peers,
        )

    # The comparison changes as others finish: it is part of what the cached PDF shows.
    key = (*report_key(assessment, ruleset.hash, lang), peers.count if peers else None,
           tuple(sorted(peers.medians.items())) if peers else None)
    data = report_cache().get(key)
    if data is None:
        data = fresh_pdf(key, render, limit_key=assessment.public_id)
        if not services.assessment_exists(get_session(), assessment.public_id):
            forget_reports([assessment.public_id])
            abort(404)
    name = "selbstcheck-ergebnis" if lang == "de" else "self-check-result"
    return pdf_response(data, f"{name}-{created.isoformat()}.pdf")


RENDER_RETRY_SECONDS = 30


def fresh_pdf(key: tuple[object, ...], render: Callable[[], bytes], *, limit_key: str) -> bytes:
    """Render under the PDF limit and keep the result in the cache if the disk allows.

    A render that times out or fails answers 503 with Retry-After (the error page says the
    answers are safe); a cache that cannot be written only costs speed.
    """
    refuse_if_limited("pdf", extra=limit_key)
    count_attempt("pdf", extra=limit_key)
    try:
        data = render()
    except (RenderTimeout, RenderError):
        from ..app import render_error

        current_app.logger.exception("PDF could not be rendered")
        page, code = render_error(503)
        abort(make_response(page, code, {"Retry-After": str(RENDER_RETRY_SECONDS)}))
    report_cache().keep(key, data)
    return data


@bp.get("/fragebogen.pdf")
def paper_pdf() -> BaseResponse:
    """The blank questionnaire for filling in on paper, from the same rule set as the web form."""
    ruleset = current_ruleset()
    lang = current_language()
    key = (PAPER_OWNER, ruleset.hash, lang)
    data = report_cache().get(key) or fresh_pdf(key, lambda: render_paper_pdf(ruleset, lang=lang),
                                                limit_key=PAPER_OWNER)
    name = "selbstcheck-fragebogen" if lang == "de" else "self-check-questionnaire"
    return pdf_response(data, f"{name}-{ruleset.version}.pdf")
