"""Coming back: by secret link or by typed code.

The link's token is swapped for a fresh session and the browser is sent on with a 303, so
the token leaves the address bar and is never sent as a referrer. Unknown and expired
secrets get the same answer. Failed attempts are counted in the database per client.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from .. import services
from ..db import get_session
from ..web import guarded_lookup, see_other
from .forms import ResumeCodeForm
from .state import bind_session

bp = Blueprint("resume", __name__)

LIMIT = "resume"  # failed attempts by link and by code count together


@bp.route("/fortsetzen", methods=["GET", "POST"])
def by_code() -> BaseResponse | str | tuple[str, int]:
    form = ResumeCodeForm()
    if not form.is_submitted():
        return render_template("questionnaire/resume_code.html", form=form)
    valid = form.validate()
    assessment = guarded_lookup(LIMIT, lambda: services.resume_by_code(get_session(), form.code.data or "")
                                if valid else None)
    if assessment is not None:
        bind_session(assessment)
        return see_other("questionnaire.resume_here")
    form.code.errors = [*form.code.errors, _invalid_code_message()]
    return render_template("questionnaire/resume_code.html", form=form), 422


def _invalid_code_message() -> str:
    return _("Diesen Code kennen wir nicht, oder er ist abgelaufen. Bitte prüfen Sie die Eingabe.")


@bp.get("/fortsetzen/<path:token>")
def by_link(token: str) -> BaseResponse | tuple[str, int, dict[str, str]]:
    assessment = guarded_lookup(LIMIT, lambda: services.resume_by_token(get_session(), token))
    if assessment is None:
        return render_template("questionnaire/resume_invalid.html"), 404, {"Referrer-Policy": "no-referrer"}
    bind_session(assessment)
    response = see_other("questionnaire.resume_here")
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
