"""Start page, questionnaire steps, review, access secrets and deletion.

Every POST saves through ``services`` and redirects (POST/redirect/GET). The server decides
which steps may be opened: a step is reachable only once every step before it was saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import Blueprint, abort, flash, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from .. import services
from ..db import get_session
from ..i18n import current_language
from ..presenter import describe_value, question_numbers
from ..sealed import seal, unseal
from ..web import rate_limited, see_other
from .forms import ConfirmForm, StartForm, StepForm, build_step_form
from .results import forget_reports
from .state import (
    SESSION_KEY,
    PageQuestion,
    bind_session,
    current_assessment,
    current_ruleset,
    location_of,
    next_index,
    page_questions,
    previous_index,
    retention_days,
    review_index,
    step_questions,
    with_assessment,
)

if TYPE_CHECKING:
    from ..engine import RuleSet
    from ..models import Assessment

bp = Blueprint("questionnaire", __name__)

RESUME_ONCE_KEY = "resume_once"
SEEN_FIELD = "seen_questions"  # added by the page's script: the questions shown when saving


def render_start(form: StartForm, assessment: Assessment | None, *, csrf_expired: bool = False) -> str:
    return render_template(
        "questionnaire/start.html",
        form=form,
        ruleset=current_ruleset(),
        assessment=assessment,
        paper_url=url_for("results.paper_pdf", lang=current_language()),
        csrf_expired=csrf_expired,
    )


@bp.get("/")
def start() -> str:
    return render_start(StartForm(), current_assessment())


@bp.post("/start")
@rate_limited("start")
def begin() -> BaseResponse | tuple[str, int]:
    form = StartForm()
    if not form.validate():
        return render_start(form, None), 422
    assessment, resume = services.start_assessment(
        get_session(),
        current_ruleset(),
        organisation_name=form.organisation_name.data,
        retention_days=retention_days(),
        research_consent=bool(form.research_consent.data),
    )
    bind_session(assessment)
    session[RESUME_ONCE_KEY] = seal({"token": resume.token, "code": resume.code_display})
    return see_other("questionnaire.access")


@bp.get("/weiter")
@with_assessment
def resume_here(assessment: Assessment) -> BaseResponse:
    """Continue where this session left off."""
    return location_of(assessment)


@bp.get("/kein-selbstcheck")
def no_assessment() -> str:
    return render_template("questionnaire/no_assessment.html")


@bp.get("/zugang")
@with_assessment
def access(_assessment: Assessment) -> str:
    """Show the resume link and code once (they are stored only as hashes)."""
    secrets_once = unseal(session.pop(RESUME_ONCE_KEY, None))
    return render_template(
        "questionnaire/access.html",
        secrets=secrets_once,
        form=ConfirmForm(),
        first_step_url=url_for("questionnaire.resume_here"),
    )


@bp.post("/zugang")
@with_assessment
def renew_access(assessment: Assessment) -> BaseResponse:
    form = ConfirmForm()
    if not form.validate():
        abort(400)
    resume = services.issue_resume(get_session(), assessment)
    bind_session(assessment)  # the new epoch: this browser stays in, every other session is out
    session[RESUME_ONCE_KEY] = seal({"token": resume.token, "code": resume.code_display})
    return see_other("questionnaire.access")


@bp.route("/schritt/<int:number>", methods=["GET", "POST"])
@with_assessment
def step(assessment: Assessment, number: int) -> BaseResponse | str | tuple[str, int]:
    ruleset = current_ruleset()
    index = number - 1
    if not 0 <= index < len(ruleset.steps):
        abort(404)
    if index > assessment.furthest_step:
        flash(_("Bitte beantworten Sie zuerst die Schritte davor."), "info")
        return location_of(assessment)
    page = page_questions(ruleset, ruleset.steps[index], assessment.answers)
    questions = tuple(entry.question for entry in page)
    lang = current_language()
    if request.method != "POST":  # GET and HEAD
        form = build_step_form(questions, lang, stored=assessment.answers)
        return render_step(assessment, index, form, page, {e.question.id for e in page if e.shown})
    seen = seen_questions(page)
    form = build_step_form(questions, lang, asked=seen)
    step_answers = form.checked_answers(ruleset)
    if step_answers is None:
        return render_step(assessment, index, form, page, seen), 422
    try:
        return save_and_move(assessment, index, seen, step_answers)
    except services.ConcurrentSaveError:
        flash(_("Gerade wurde sehr oft gleichzeitig gespeichert. Ihre Antworten stehen noch im Formular: "
                "Bitte speichern Sie noch einmal."), "error")
        return render_step(assessment, index, form, page, seen), 409


def seen_questions(page: tuple[PageQuestion, ...]) -> set[str]:
    """The questions the respondent saw when saving. The page's script names them (it shows and
    hides questions while people answer); without the script the page showed the asked ones."""
    posted = request.form.get(SEEN_FIELD)
    if posted is None:
        return {entry.question.id for entry in page if entry.shown}
    return set(posted.split()) & {entry.question.id for entry in page}


def save_and_move(assessment: Assessment, index: int, seen: set[str], step_answers: dict[str, Any]) -> BaseResponse:
    """Save one step, then go on, back, to the review, or stay when the questions asked for these
    answers are not the ones the respondent saw. Answers to questions that are not asked for
    these answers are not stored."""
    ruleset = current_ruleset()
    merged = {k: v for k, v in assessment.answers.items() if k not in seen} | step_answers
    now_shown = {q.id for q in step_questions(ruleset, ruleset.steps[index], merged)}
    step_answers = {k: v for k, v in step_answers.items() if k in now_shown}
    action = request.form.get("action", "next")
    advance_to: int | None = None
    if now_shown != seen:
        target = index
        changed = _(
            "Ihre Antworten sind gespeichert. Auf dieser Seite hat sich etwas geändert: bitte prüfen Sie die Fragen."
        )
        flash(changed, "info")
    elif action == "back":
        target = previous_index(ruleset, index, merged)
    else:
        target = next_index(ruleset, index, merged)
        advance_to = target
        if action == "review" and assessment.furthest_step >= review_index(ruleset):
            target = review_index(ruleset)
    services.save_step(
        get_session(),
        assessment,
        step_answers=step_answers,
        step_question_ids=seen,
        advance_to=advance_to,
        retention_days=retention_days(),
    )
    if target >= review_index(ruleset):
        return see_other("questionnaire.review")
    return see_other("questionnaire.step", number=target + 1)


def render_step(
    assessment: Assessment,
    index: int,
    form: StepForm,
    page: tuple[PageQuestion, ...],
    visible: set[str],
    *,
    csrf_expired: bool = False,
) -> str:
    """The step's page; questions outside ``visible`` are rendered hidden for the page's script."""
    ruleset = current_ruleset()
    return render_template(
        "questionnaire/step.html",
        step=ruleset.steps[index],
        number=index + 1,
        total=len(ruleset.steps),
        form=form,
        items=form.question_fields(),
        visible=visible,
        conditions={entry.question.id: entry.condition for entry in page if entry.condition},
        seen_field=SEEN_FIELD,
        numbers=question_numbers(ruleset),
        show_back=index > 0,
        show_review=assessment.furthest_step >= review_index(ruleset),
        csrf_expired=csrf_expired,
    )


def rerender_step_after_csrf_error() -> tuple[str, int] | None:
    """On an expired CSRF token, show the step again with the posted answers kept."""
    assessment = current_assessment()
    number = (request.view_args or {}).get("number")
    ruleset = current_ruleset()
    if assessment is None or not isinstance(number, int) or not 0 < number <= len(ruleset.steps):
        return None
    if number - 1 > assessment.furthest_step:
        return None
    page = page_questions(ruleset, ruleset.steps[number - 1], assessment.answers)
    seen = seen_questions(page)
    form = build_step_form(tuple(e.question for e in page), current_language(), formdata=request.form, asked=seen)
    return render_step(assessment, number - 1, form, page, seen, csrf_expired=True), 400


def rerender_start_after_csrf_error() -> tuple[str, int]:
    return render_start(StartForm(formdata=request.form), current_assessment(), csrf_expired=True), 400


@bp.route("/uebersicht", methods=["GET", "POST"])
@with_assessment
def review(assessment: Assessment) -> BaseResponse | str:
    ruleset = current_ruleset()
    if assessment.furthest_step < review_index(ruleset):
        flash(_("Bitte beantworten Sie zuerst alle Schritte."), "info")
        return location_of(assessment)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate():
            abort(400)
        services.complete_assessment(get_session(), assessment, retention_days=retention_days())
        return see_other("results.show")
    sections = []
    for number, item in enumerate(ruleset.steps, start=1):
        questions = step_questions(ruleset, item, assessment.answers)
        if questions:
            answered = [(q, _described(ruleset, q.id, assessment.answers)) for q in questions]
            sections.append((number, item, answered))
    return render_template("questionnaire/review.html", sections=sections, form=form)


def _described(ruleset: RuleSet, question_id: str, answers: dict[str, Any]) -> str | None:
    if question_id not in answers:
        return None
    return describe_value(ruleset, question_id, answers[question_id], current_language())


@bp.route("/loeschen", methods=["GET", "POST"])
@with_assessment
def delete(assessment: Assessment) -> BaseResponse | str:
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate():
            abort(400)
        forget_reports([assessment.public_id])
        services.delete_assessment(get_session(), assessment)
        session.pop(SESSION_KEY, None)
        flash(_("Ihre Daten sind gelöscht. Es ist nichts mehr davon gespeichert."), "success")
        return see_other("questionnaire.start")
    return render_template("questionnaire/delete.html", form=form)


@bp.get("/datenschutz")
def privacy() -> str:
    return render_template("questionnaire/privacy.html", retention_days=retention_days())


@bp.get("/leichte-sprache")
def easy_language() -> str:
    """What the check is and how it works, in Leichte Sprache (docs/style.md)."""
    return render_template("questionnaire/easy_language.html", ruleset=current_ruleset())
