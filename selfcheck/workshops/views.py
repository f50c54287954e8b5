"""Workshop mode: create, join, dashboard, paper answers, consensus, pack, close and delete.

Facilitators have no account: a secret link (stored hashed) is swapped for a session that
lists the workshops this browser may lead. Participants join with a short code and then
fill the ordinary, resumable self-check. Every change goes through ``services`` and ends
in a redirect (POST/redirect/GET); views never commit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.wrappers import Response as BaseResponse

from ..db import get_session
from ..engine.group import answered_enough
from ..i18n import current_language
from ..presenter.conditions import describe_condition
from ..presenter.group import GroupInput, Participant, build_view
from ..presenter.words import question_numbers
from ..questionnaire.forms import ConfirmForm, build_step_form
from ..questionnaire.results import forget_reports, report_download
from ..questionnaire.state import bind_session, current_assessment, current_ruleset, retention_days
from ..questionnaire.views import RESUME_ONCE_KEY
from ..rendering import FileJob, file_key
from ..rendering.views import Download, render_ahead, serve
from ..sealed import seal, unseal
from ..services import workshops as services
from ..texts import format_percent
from ..web import count_attempt, guarded_lookup, rate_limited, refuse_if_limited, see_other
from .export import parts, to_csv, to_xlsx
from .forms import ConsentForm, CreateWorkshopForm, JoinForm, NoteForm, PackOptionsForm, PaperMetaForm
from .models import DEFAULT_MIN_GROUP_SIZE, Workshop
from .pack import PackOptions, render_pack_html, render_poster_html
from .qr import qr_svg

R = TypeVar("R")
bp = Blueprint("workshops", __name__, url_prefix="/workshop", static_folder="static")

LED_KEY = "workshops_led"  # public id -> access epoch of the workshops this browser may lead
CODES_KEY = "workshop_codes"  # public id -> sealed join code, so the poster can be printed again
SECRETS_ONCE_KEY = "workshop_secrets_once"
MAX_LED = 10


def _led() -> dict[str, int]:
    """The workshops this browser leads, with the access epoch it was granted (a list: older cookies)."""
    led = session.get(LED_KEY, {})
    return dict.fromkeys(led, 0) if isinstance(led, list) else dict(led)


def _grant(workshop: Workshop) -> None:
    led = {wid: epoch for wid, epoch in _led().items() if wid != workshop.public_id}
    led[workshop.public_id] = workshop.access_epoch
    session[LED_KEY] = dict(list(led.items())[-MAX_LED:])
    session.permanent = True


def _forget(public_id: str) -> None:
    session[LED_KEY] = {wid: epoch for wid, epoch in _led().items() if wid != public_id}
    session[CODES_KEY] = {k: v for k, v in session.get(CODES_KEY, {}).items() if k != public_id}


def _remember_code(workshop: Workshop, code: str) -> None:
    codes = {k: v for k, v in session.get(CODES_KEY, {}).items() if k in _led()}
    codes[workshop.public_id] = seal(code)
    session[CODES_KEY] = codes


def led_workshop(view: Callable[..., R]) -> Callable[..., R]:
    """Load the workshop of the URL's ``public_id`` and pass it as ``workshop``, if this browser
    leads it; unknown and forbidden look the same (404)."""

    @wraps(view)
    def with_workshop(public_id: str, **kwargs: Any) -> R:
        workshop = services.find_workshop(get_session(), public_id)
        if workshop is None or _led().get(public_id) != workshop.access_epoch:
            abort(Response(render_template("workshops/no_access.html"), 404))
        return view(workshop, **kwargs)

    return with_workshop


@bp.get("/")
def index() -> str:
    return render_template("workshops/index.html", form=CreateWorkshopForm())


@bp.post("/neu")
@rate_limited("workshop_create")
def create() -> BaseResponse | tuple[str, int]:
    form = CreateWorkshopForm()
    if not form.validate():
        return render_template("workshops/index.html", form=form), 422
    workshop, secrets = services.create_workshop(
        get_session(),
        current_ruleset(),
        title=form.title.data or "",
        municipality=form.municipality.data or "",
        held_on=form.held_on.data,
        min_group_size=form.min_group_size.data or DEFAULT_MIN_GROUP_SIZE,
        retention_days=retention_days(),
    )
    _grant(workshop)
    _remember_code(workshop, secrets.code)
    session[SECRETS_ONCE_KEY] = seal({"token": secrets.token})
    return see_other("workshops.access", public_id=workshop.public_id)


@bp.get("/<public_id>/zugang")
@led_workshop
def access(workshop: Workshop) -> str:
    """The facilitator link, shown once (it is stored only as a hash)."""
    once = unseal(session.pop(SECRETS_ONCE_KEY, None))
    return render_template(
        "workshops/access.html", workshop=workshop, secrets=once, code=_known_code(workshop), form=ConfirmForm()
    )


@bp.post("/<public_id>/zugang")
@led_workshop
def renew(workshop: Workshop) -> BaseResponse:
    if not ConfirmForm().validate():
        abort(400)
    what = request.form.get("renew")
    if what == "link":
        session[SECRETS_ONCE_KEY] = seal({"token": services.renew_facilitator_link(get_session(), workshop)})
        _grant(workshop)  # the new epoch: this browser stays in, browsers with the old link are out
        return see_other("workshops.access", public_id=workshop.public_id)
    if what == "code" and workshop.closed_at is None:
        _remember_code(workshop, services.renew_join_code(get_session(), workshop))
        return see_other("workshops.poster", public_id=workshop.public_id)
    abort(400)


def _known_code(workshop: Workshop) -> str | None:
    code = unseal(session.get(CODES_KEY, {}).get(workshop.public_id))
    return services.display_code(code) if code and workshop.closed_at is None else None


@bp.get("/leiten/<token>")
def by_link(token: str) -> BaseResponse | tuple[str, int, dict[str, str]]:
    """Swap the facilitator link for a session and clean the URL."""
    workshop = guarded_lookup("workshop_link", lambda: services.workshop_by_token(get_session(), token))
    if workshop is None:
        return render_template("workshops/link_invalid.html"), 404, {"Referrer-Policy": "no-referrer"}
    _grant(workshop)
    response = see_other("workshops.dashboard", public_id=workshop.public_id)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _join_url(code: str) -> str:
    return url_for("workshops.join", code=code, _external=True)


@bp.get("/<public_id>/aushang")
@led_workshop
def poster(workshop: Workshop) -> str:
    """A page to print or project: the join code in large letters and a QR code."""
    code = _known_code(workshop)
    qr = None
    if code:
        qr = qr_svg(_join_url(code), label=_("QR-Code zur Teilnahme am Workshop mit dem Code %(code)s", code=code))
    return render_template(
        "workshops/poster.html",
        workshop=workshop,
        code=code,
        qr=qr,
        join_url=url_for("workshops.join", _external=True),
        form=ConfirmForm(),
    )


@bp.route("/beitreten", methods=["GET", "POST"])
def join() -> BaseResponse | str | tuple[str, int]:
    """Participants join with the code; this starts an ordinary self-check."""
    form = JoinForm(data={"code": request.args.get("code", "")[:40]} if request.method != "POST" else None)
    if request.method != "POST":
        return render_template("workshops/join.html", form=form)
    if not form.validate():
        return render_template("workshops/join.html", form=form), 422
    db = get_session()
    workshop = guarded_lookup("workshop_join", lambda: services.workshop_by_join_code(db, form.code.data or ""))
    if workshop is None:
        form.code.errors = [
            _("Diesen Code kennen wir nicht, oder der Workshop ist beendet. Bitte prüfen Sie die Eingabe.")
        ]
        return render_template("workshops/join.html", form=form), 422
    refuse_if_limited("start")  # joining starts a self-check: the same limit as /start
    count_attempt("start")
    assessment, resume = services.join_workshop(
        db,
        workshop,
        current_ruleset(),
        organisation_name=form.organisation_name.data,
        consent=bool(form.consent.data),
        retention_days=retention_days(),
    )
    bind_session(assessment)
    session[RESUME_ONCE_KEY] = seal({"token": resume.token, "code": resume.code_display})
    flash(_("Sie nehmen jetzt am Workshop „%(title)s“ teil.", title=workshop.title), "success")
    return see_other("questionnaire.access")


@bp.route("/einwilligung", methods=["GET", "POST"])
def consent() -> BaseResponse | str:
    """A participant gives or withdraws consent to show their answers to the group."""
    db = get_session()
    member = services.member_of(db, current_assessment())
    if member is None:
        abort(404)
    form = ConsentForm(data=None if request.method == "POST" else {"consent": member.consent})
    if request.method == "POST":
        if not form.validate():
            abort(400)
        services.set_consent(db, member, bool(form.consent.data))
        flash(_("Ihre Einstellung ist gespeichert."), "success")
        return see_other("workshops.consent")
    return render_template("workshops/consent.html", form=form, workshop=member.workshop)


def group_input(workshop: Workshop) -> GroupInput:
    """The workshop's members and consensus as the dashboard builder needs them.

    A closed workshop shows the answers frozen when it closed, of the people counted then.
    """
    db = get_session()
    frozen = workshop.closed_at is not None
    participants = [
        Participant(
            key=member.assessment.public_id,
            answers=dict((member.frozen_answers if frozen else member.assessment.answers) or {}),
            completed=member.frozen_answers is not None if frozen else member.assessment.completed_at is not None,
            consent=member.consent,
            organisation_name=member.assessment.organisation_name,
            source=member.source,
            tag=member.tag,
        )
        for member in services.live_members(db, workshop)
    ]
    consensus = {
        qid: {"answer": row.answer, "note": row.note} for qid, row in services.consensus_of(db, workshop).items()
    }
    return GroupInput(
        title=workshop.title,
        municipality=workshop.municipality,
        held_on=workshop.held_on,
        participants=participants,
        min_group_size=workshop.min_group_size,
        consensus=consensus,
        min_answered=min_answered(),
        frozen=frozen,
    )


def min_answered() -> int:
    return int(current_app.config["WORKSHOP_MIN_ANSWERED"])


@bp.get("/<public_id>/")
@led_workshop
def dashboard(workshop: Workshop) -> str:
    ruleset = current_ruleset()
    lang = current_language()
    view = build_view(ruleset, group_input(workshop), lang)
    return render_template(
        "workshops/dashboard.html",
        workshop=workshop,
        view=view,
        exports=[(part.key, part.title) for part in parts(view, lang)],
        pack_form=PackOptionsForm(formdata=None, meta={"csrf": False}),
        code=_known_code(workshop),
        rules_changed=workshop.ruleset_hash != ruleset.hash,
        form=ConfirmForm(),
    )


PRESENTER_REFRESH_SECONDS = 30


def presenter_slides(view: Any) -> list[tuple[str, Any]]:
    """The screens of the presenter view, in order: participation, then (from k people on) the
    distribution, the group profile, one screen per agenda item, shared recommendations, partners."""
    slides: list[tuple[str, Any]] = [("participation", None)]
    if view.group_visible:
        slides += [("distribution", None), ("profile", None)]
        slides += [("agenda", item) for item in view.agenda]
        slides += [("recommendations", None)]
        if view.partnerships and view.partnerships.rows:
            slides.append(("partnerships", None))
    return slides


@bp.get("/<public_id>/praesentation/", defaults={"number": 1})
@bp.get("/<public_id>/praesentation/<int:number>")
@led_workshop
def present(workshop: Workshop, number: int) -> str:
    """Full screen for the projector: one part per screen, large type, previous and next.

    While the workshop is open the figures follow the answers: a small script reloads the page
    (with a button to pause it), and without JavaScript a link does it by hand.
    """
    view = build_view(current_ruleset(), group_input(workshop), current_language())
    slides = presenter_slides(view)
    if not 1 <= number <= len(slides):
        abort(404)
    kind, item = slides[number - 1]
    return render_template(
        "workshops/present.html", workshop=workshop, view=view, kind=kind, item=item, number=number,
        total=len(slides), code=_known_code(workshop),
        refresh=None if workshop.closed_at else PRESENTER_REFRESH_SECONDS,
    )


def _condition_texts(lang: str) -> dict[str, str]:
    """"Nur beantworten, wenn ..." for conditional questions, worded like the paper form."""
    ruleset = current_ruleset()
    return {
        q.id: describe_condition(ruleset, q.visible_if, lang)
        for q in ruleset.questions
        if q.visible_if is not None
    }


@bp.route("/<public_id>/papier", methods=["GET", "POST"])
@led_workshop
def paper(workshop: Workshop) -> BaseResponse | str | tuple[str, int]:
    """Type in a questionnaire that was filled in on paper, with the same questions."""
    if workshop.closed_at is not None:
        flash(_("Der Workshop ist beendet. Es können keine Antworten mehr dazukommen."), "info")
        return see_other("workshops.dashboard", public_id=workshop.public_id)
    ruleset = current_ruleset()
    lang = current_language()
    questions = ruleset.questions
    if request.method != "POST":
        form = build_step_form(questions, lang, formdata=None)
        return _render_paper(workshop, form, PaperMetaForm(formdata=None), lang)
    form = build_step_form(questions, lang)
    meta = PaperMetaForm()
    answers = _paper_answers(ruleset, form, meta)
    if answers is None:
        return _render_paper(workshop, form, meta, lang), 422
    services.add_paper_answers(
        get_session(),
        workshop,
        ruleset,
        answers,
        organisation_name=meta.organisation_name.data,
        consent=bool(meta.consent.data),
        retention_days=retention_days(),
    )
    flash(_("Der Papierbogen ist gespeichert. Sie können den nächsten eingeben."), "success")
    return see_other("workshops.paper", public_id=workshop.public_id)


def _paper_answers(ruleset: Any, form: Any, meta: PaperMetaForm) -> dict[str, Any] | None:
    """The answers of a typed-in sheet, or None (the form then shows why): a sheet needs enough
    real answers to count for the group, else empty sheets would unlock the group view."""
    answers = form.checked_answers(ruleset)
    if not meta.validate() or answers is None:
        return None
    shown = {q.id for q in ruleset.visible_questions(answers)}
    kept = {k: v for k, v in answers.items() if k in shown}
    if not answered_enough(ruleset, kept, min_answered()):
        meta.form_errors.append(_(
            "Auf diesem Bogen sind zu wenige Fragen beantwortet. Damit er für die Gruppe zählt, braucht "
            "er bei mindestens %(min)s der Fragen eine echte Antwort („Weiß nicht“ zählt nicht).",
            min=format_percent(min_answered(), current_language())))
        return None
    return kept


@bp.route("/<public_id>/papier/<member_id>", methods=["GET", "POST"])
@led_workshop
def paper_edit(workshop: Workshop, member_id: str) -> BaseResponse | str | tuple[str, int]:
    """Correct a typed-in paper sheet."""
    db = get_session()
    member = services.paper_member(db, workshop, member_id)
    if member is None:
        abort(404)
    ruleset = current_ruleset()
    lang = current_language()
    if request.method != "POST":
        form = build_step_form(ruleset.questions, lang, formdata=None, stored=dict(member.assessment.answers or {}))
        meta = PaperMetaForm(formdata=None, data={"organisation_name": member.assessment.organisation_name,
                                                  "consent": member.consent})
        return _render_paper(workshop, form, meta, lang, member=member)
    form = build_step_form(ruleset.questions, lang)
    meta = PaperMetaForm()
    answers = _paper_answers(ruleset, form, meta)
    if answers is None:
        return _render_paper(workshop, form, meta, lang, member=member), 422
    services.update_paper_answers(db, member, answers, organisation_name=meta.organisation_name.data,
                                  consent=bool(meta.consent.data))
    flash(_("Der Papierbogen ist korrigiert."), "success")
    return see_other("workshops.paper", public_id=workshop.public_id)


@bp.get("/<public_id>/papier/<member_id>/bericht.pdf")
@led_workshop
def paper_report(workshop: Workshop, member_id: str) -> BaseResponse:
    """The individual report of a typed-in paper sheet, for the facilitator to hand over
    (the paper questionnaire promises one)."""
    member = services.paper_member(get_session(), workshop, member_id)
    if member is None:
        abort(404)
    return serve(report_download(member.assessment))


@bp.post("/<public_id>/papier/<member_id>/loeschen")
@led_workshop
def paper_delete(workshop: Workshop, member_id: str) -> BaseResponse:
    """Delete a typed-in paper sheet (a wrong or double entry)."""
    if not ConfirmForm().validate():
        abort(400)
    db = get_session()
    member = services.paper_member(db, workshop, member_id)
    if member is None:
        abort(404)
    forget_reports([member.assessment.public_id])
    services.delete_paper_sheet(db, member)
    flash(_("Der Papierbogen ist gelöscht."), "success")
    return see_other("workshops.paper", public_id=workshop.public_id)


def _render_paper(workshop: Workshop, form: Any, meta: PaperMetaForm, lang: str,
                  member: Any = None) -> str:
    ruleset = current_ruleset()
    items = {item.question.id: item for item in form.question_fields()}
    sections = [
        (number, step, [items[q.id] for q in step.questions]) for number, step in enumerate(ruleset.steps, start=1)
    ]
    errors = [
        (i.target_id, i.question.text.get(lang), " ".join(str(e) for e in i.errors)) for i in items.values() if i.errors
    ]
    name = meta.organisation_name
    if name.errors:
        errors.append((name.id, name.label.text, " ".join(str(e) for e in name.errors)))
    errors += [("paper-sheet", _("Papierbogen"), str(message)) for message in meta.form_errors]
    sheets = [m for m in services.live_members(get_session(), workshop) if m.source == services.PAPER]
    return render_template(
        "workshops/paper.html",
        workshop=workshop,
        form=form,
        meta=meta,
        sections=sections,
        conditions=_condition_texts(lang),
        errors=errors,
        lang=lang,
        member=member,
        sheets=sheets,
        numbers=question_numbers(ruleset),
        confirm=ConfirmForm(),
    )


@bp.route("/<public_id>/konsens/<question_id>", methods=["GET", "POST"])
@led_workshop
def consensus(workshop: Workshop, question_id: str) -> BaseResponse | str | tuple[str, int]:
    """Record the answer the group agreed on, with a note, for one question."""
    ruleset = current_ruleset()
    try:
        question = ruleset.question(question_id)
    except KeyError:
        abort(404)
    if not question.scored:
        abort(404)
    lang = current_language()
    db = get_session()
    stored = services.consensus_of(db, workshop).get(question_id)
    if request.method != "POST":
        form = build_step_form((question,), lang, stored={question.id: stored.answer} if stored else {})
        note = NoteForm(formdata=None, data={"note": stored.note if stored else ""})
        return _render_consensus(workshop, question, form, note, lang)
    form = build_step_form((question,), lang)
    note = NoteForm()
    answers = form.checked_answers(ruleset)
    if not note.validate() or answers is None:
        return _render_consensus(workshop, question, form, note, lang), 422
    answer = answers.get(question.id)
    services.record_consensus(
        db, workshop, question.id, answer=answer, note=note.note.data, retention_days=retention_days()
    )
    flash(_("Die Einigung ist gespeichert."), "success")
    return redirect(url_for("workshops.dashboard", public_id=workshop.public_id) + "#agenda", code=303)


def _render_consensus(workshop: Workshop, question: Any, form: Any, note: NoteForm, lang: str) -> str:
    item = form.question_fields()[0]
    errors = [(item.target_id, question.text.get(lang), " ".join(str(e) for e in item.errors))] if item.errors else []
    if note.note.errors:
        errors.append((note.note.id, note.note.label.text, " ".join(str(e) for e in note.note.errors)))
    return render_template(
        "workshops/consensus.html", workshop=workshop, question=question, item=item, note=note, errors=errors,
        lang=lang,
    )


@bp.get("/<public_id>/paket.pdf")
@led_workshop
@rate_limited("workshop_pack")
def pack(workshop: Workshop) -> BaseResponse:
    """The workshop pack as PDF: time plan, agenda, group profile, recommendations, agreements,
    worksheets, paper form. The dashboard's form chooses the parts (query parameters)."""
    options = PackOptions()
    if "minutes" in request.args:  # sent by the dashboard's form (unticked boxes are simply absent)
        form = PackOptionsForm(request.args, meta={"csrf": False})
        if not form.validate():
            abort(400)
        options = PackOptions(questionnaire=form.questionnaire.data, time_plan=form.time_plan.data,
                              minutes=int(form.minutes.data), worksheets=form.worksheets.data,
                              agreements=form.agreements.data)
    return serve(pack_download(workshop, options))


@bp.get("/<public_id>/plakat.pdf")
@led_workshop
@rate_limited("workshop_pack")
def results_poster(workshop: Workshop) -> BaseResponse:
    """The A3 results poster for the wall."""
    ruleset = current_ruleset()
    lang = current_language()
    html = render_poster_html(ruleset, build_view(ruleset, group_input(workshop), lang), lang)
    return serve(_group_download(workshop, "poster", lang, html, _("ergebnisplakat")))


def pack_download(workshop: Workshop, options: PackOptions) -> Download:
    """The workshop pack with these options, for the group as it is now."""
    ruleset = current_ruleset()
    lang = current_language()
    html = render_pack_html(ruleset, build_view(ruleset, group_input(workshop), lang), lang, options)
    return _group_download(workshop, "pack", lang, html, _("workshop-paket"))


def _group_download(workshop: Workshop, kind: str, lang: str, html: str, name: str) -> Download:
    """A PDF of the group view, keyed by its HTML (the group has no revision number; the HTML is
    cheap to make and holds everything the PDF shows), named in the page's language."""
    key = file_key(kind, workshop.public_id, lang, hashlib.sha256(html.encode("utf-8")).hexdigest())
    stylesheet = "poster" if kind == "poster" else "paper"
    job = FileJob(key=key, kind=kind, lang=lang, html=html, stylesheet=stylesheet,
                  owner_kind="workshop", owner_id=workshop.public_id)
    return Download(key, kind, f"{name}.pdf", lambda: job, lang=lang)


@bp.get("/<public_id>/export/<key>.csv")
@led_workshop
def export_csv(workshop: Workshop, key: str) -> Response:
    """One part of the group's results as CSV (only what the dashboard may show)."""
    lang = current_language()
    found = {part.key: part for part in parts(build_view(current_ruleset(), group_input(workshop), lang), lang)}
    if key not in found:
        abort(404)
    response = Response(to_csv(found[key], lang), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="workshop-{key}.csv"'
    return response


@bp.get("/<public_id>/export.xlsx")
@led_workshop
def export_xlsx(workshop: Workshop) -> Response:
    """The group's results as a workbook, one sheet per part."""
    lang = current_language()
    view = build_view(current_ruleset(), group_input(workshop), lang)
    response = Response(to_xlsx(parts(view, lang), workshop.title),
                        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = _("workshop-ergebnisse")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@bp.route("/<public_id>/schliessen", methods=["GET", "POST"])
@led_workshop
def close(workshop: Workshop) -> BaseResponse | str:
    """Close after confirming: nobody can join, and the figures freeze as they are now."""
    form = ConfirmForm()
    if workshop.closed_at is not None:
        return see_other("workshops.dashboard", public_id=workshop.public_id)
    if request.method != "POST":
        view = build_view(current_ruleset(), group_input(workshop), current_language())
        return render_template("workshops/close.html", workshop=workshop, view=view, form=form)
    if not form.validate():
        abort(400)
    counted = services.close_workshop(get_session(), workshop, current_ruleset(), min_answered())
    render_ahead(pack_download(workshop, PackOptions()))  # the pack is printed after closing
    session[CODES_KEY] = {k: v for k, v in session.get(CODES_KEY, {}).items() if k != workshop.public_id}
    flash(ngettext("Der Workshop ist beendet. Die Zahlen sind eingefroren: %(num)d Person zählt.",
                   "Der Workshop ist beendet. Die Zahlen sind eingefroren: %(num)d Personen zählen.", counted),
          "success")
    return see_other("workshops.dashboard", public_id=workshop.public_id)


@bp.post("/<public_id>/wieder-oeffnen")
@led_workshop
def reopen(workshop: Workshop) -> BaseResponse:
    """Undo closing: people can join again with a new code, and the figures follow the answers."""
    if not ConfirmForm().validate():
        abort(400)
    if workshop.closed_at is not None:
        _remember_code(workshop, services.reopen_workshop(get_session(), workshop))
        flash(_("Der Workshop ist wieder offen. Es gibt einen neuen Code zum Beitreten."), "success")
    return see_other("workshops.dashboard", public_id=workshop.public_id)


@bp.route("/<public_id>/loeschen", methods=["GET", "POST"])
@led_workshop
def delete(workshop: Workshop) -> BaseResponse | str:
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate():
            abort(400)
        public_id = workshop.public_id  # the row is gone after the delete
        forget_reports(services.delete_workshop(get_session(), workshop))
        _forget(public_id)
        flash(_("Der Workshop und alle Antworten seiner Teilnehmenden sind gelöscht."), "success")
        return see_other("workshops.index")
    members = len(services.live_members(get_session(), workshop))
    return render_template("workshops/delete.html", workshop=workshop, members=members, form=form)
