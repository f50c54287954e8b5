"""The results page and the PDF downloads.

Scores come only from ``engine.evaluate``; the page shows the presenter's view of the result,
the same view objects as the PDF report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask import Blueprint, abort, current_app, flash, render_template, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from .. import services
from ..db import get_session
from ..engine import RuleSetError, evaluate, normalise_answers
from ..engine.group import PeerComparison, compare_with_peers
from ..engine.loader import load_ruleset_from_files
from ..i18n import current_language
from ..presenter import present_result
from ..presenter.charts import dimension_chart_compact_svg
from ..presenter.words import effort_labels
from ..rendering import FileJob, file_key, renderings
from ..rendering.store import FolderStore
from ..rendering.views import Download, render_ahead, serve
from ..reports import render_paper_html, render_report_html
from ..services import aware
from ..services import workshops as workshop_services
from ..texts import translator
from ..web import see_other
from .forms import ResearchConsentForm
from .state import current_ruleset, location_of, review_index, with_assessment

if TYPE_CHECKING:
    from ..engine import Result, RuleSet
    from ..models import Assessment
    from ..presenter.result import RecommendationView, ResultView

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
    shown = shown_result(assessment)
    ruleset, asked_current, result, answers, peers = (shown.ruleset, shown.asked_current, shown.result,
                                                      shown.answers, shown.peers)
    current = current_ruleset()
    lang = current_language()
    extra = {"regeln": CURRENT_RULES} if asked_current else {}
    report = report_download(assessment, shown)
    report_state = render_ahead(report)
    view = present_result(ruleset, result, answers, lang, peers)
    return render_template(
        "results/show.html",
        ruleset=ruleset,
        current=current,
        assessment=assessment,
        result=view,
        compact_chart=Markup(dimension_chart_compact_svg(ruleset, result, lang)),  # noqa: S704 - escaped SVG of ours
        chosen=recommendation_filter(view, request.args),
        rules=_rules_notice(assessment, ruleset, current, asked_current),
        review_reachable=assessment.furthest_step >= review_index(current),
        report_url=url_for("results.report_pdf", lang=lang, **extra),
        report_state=report_state.value if report_state else "later",
        report_status_url=url_for("files.status", key=report.key),
        workshop_member=workshop_services.member_of(get_session(), assessment),
        research_form=ResearchConsentForm(data={"research_consent": assessment.research_consent}),
    )


THEME_PARAM, EFFORT_PARAM = "thema", "aufwand"  # ?thema=<dimension id>&aufwand=gering: the filter's choice
NO_THEME = "allgemein"  # recommendations for the organisation as a whole, not for one theme
EFFORTS = {"gering": "low", "mittel": "medium", "hoch": "high"}  # the parameter's words -> the rules' efforts


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class RecommendationFilter:
    """The recommendation filter on the results page: its options and, once chosen, what matches."""

    themes: tuple[Choice, ...]
    efforts: tuple[Choice, ...]
    matches: tuple[RecommendationView, ...] | None  # None while nothing is chosen: the page as usual
    total: int  # how many recommendations there are to choose from


def recommendation_filter(view: ResultView, args: Mapping[str, str]) -> RecommendationFilter:
    """Actions (next steps and further recommendations) by theme and effort, from the GET parameters.

    Only themes and efforts that some recommendation has are offered; unknown values count as
    "all", so an old or edited link still shows a page.
    """
    actions = [r for r in view.recommendations if r.kind == "action"]
    gettext = translator(view.lang)
    theme_titles = {d.id: d.title for d in view.dimensions if any(r.dimension == d.title for r in actions)}
    if any(r.dimension is None for r in actions):
        theme_titles[NO_THEME] = gettext("Für Ihre Organisation")
    labels = effort_labels(gettext)
    effort_words = {word: labels[key] for word, key in EFFORTS.items() if any(r.effort == labels[key] for r in actions)}
    theme = args.get(THEME_PARAM) if args.get(THEME_PARAM) in theme_titles else None
    effort = args.get(EFFORT_PARAM) if args.get(EFFORT_PARAM) in effort_words else None
    matches = None
    if theme or effort:
        wanted_dimension = None if theme == NO_THEME else theme_titles.get(theme or "")
        matches = tuple(r for r in actions
                        if (theme is None or r.dimension == wanted_dimension)
                        and (effort is None or r.effort == effort_words[effort]))
    return RecommendationFilter(
        themes=tuple(Choice(value, title, value == theme) for value, title in theme_titles.items()),
        efforts=tuple(Choice(word, label, word == effort) for word, label in effort_words.items()),
        matches=matches,
        total=len(actions),
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


@dataclass(frozen=True)
class ShownResult:
    """What the results page and the report show: scored once per request."""

    ruleset: RuleSet
    asked_current: bool
    result: Result
    answers: dict[str, Any]
    peers: PeerComparison | None


def shown_result(assessment: Assessment) -> ShownResult:
    ruleset, asked_current = result_ruleset(assessment)
    result, answers = scored_answers(ruleset, assessment)
    return ShownResult(ruleset, asked_current, result, answers, peer_comparison(ruleset, assessment, result))


def report_download(assessment: Assessment, shown: ShownResult | None = None) -> Download:
    """The report of a finished assessment in the page's language, under the rules it is shown with.

    Its key holds everything the PDF shows: answers revision, rule set, language, template
    version, and the peer comparison, which changes as others finish.
    """
    shown = shown or shown_result(assessment)
    ruleset, result, answers, peers = shown.ruleset, shown.result, shown.answers, shown.peers
    lang = current_language()
    created = aware(assessment.updated_at).date()
    key = file_key("report", assessment.public_id, assessment.answers_revision, ruleset.hash, lang,
                   peers.count if peers else None, sorted(peers.medians.items()) if peers else None)

    def make_job() -> FileJob:
        html = render_report_html(ruleset, result, answers=answers, organisation_name=assessment.organisation_name,
                                  lang=lang, created=created, peers=peers)
        return FileJob(key=key, kind="report", lang=lang, html=html, stylesheet="report",
                       owner_kind="assessment", owner_id=assessment.public_id)

    name = _("selbstcheck-ergebnis")  # the file name, in the report's language like the page
    return Download(key, "report", f"{name}-{created.isoformat()}.pdf", make_job, limit_key=assessment.public_id,
                    lang=lang)


def forget_reports(public_ids: Iterable[str]) -> None:
    """Remove every stored file of these assessments or workshops: called wherever they are deleted
    (the database store deletes them with their owner anyway)."""
    renderings().forget(public_ids)


def prune_reports(existing_public_ids: set[str]) -> int:
    """Remove files in the folder store whose owner no longer exists (run after the daily purge)."""
    store = renderings().store
    if not isinstance(store, FolderStore):
        return 0
    orphans = store.owners() - existing_public_ids
    store.forget(orphans)
    return len(orphans)


@bp.get("/ergebnis/bericht.pdf")
@with_assessment
def report_pdf(assessment: Assessment) -> BaseResponse:
    """The report of this session's assessment, or the page that says it is being made."""
    if assessment.completed_at is None:
        return location_of(assessment)
    return serve(report_download(assessment))


@bp.get("/fragebogen.pdf")
def paper_pdf() -> BaseResponse:
    """The blank questionnaire for filling in on paper, from the same rule set as the web form."""
    ruleset = current_ruleset()
    lang = current_language()
    key = file_key("paper", ruleset.hash, lang)

    def make_job() -> FileJob:
        return FileJob(key=key, kind="paper", lang=lang, html=render_paper_html(ruleset, lang=lang), stylesheet="paper")

    name = _("selbstcheck-fragebogen")
    return serve(Download(key, "paper", f"{name}-{ruleset.version}.pdf", make_job, limit_key="paper", lang=lang))
