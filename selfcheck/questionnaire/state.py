"""Where a respondent is: the loaded rule set, the assessment of this session, step order.

The session cookie holds only the assessment's opaque public id and its access epoch; answers
stay on the server. New resume secrets raise the epoch, so sessions opened with the old ones end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from flask import current_app, session
from werkzeug.wrappers import Response as BaseResponse

from .. import services
from ..db import get_session
from ..web import see_other

if TYPE_CHECKING:
    from ..engine import Question, RuleSet, Step
    from ..models import Assessment

R = TypeVar("R")
RULESET_KEY = "selfcheck.ruleset"
SESSION_KEY = "assessment"
EPOCH_KEY = "assessment_epoch"


def current_ruleset() -> RuleSet:
    return current_app.extensions[RULESET_KEY]  # type: ignore[no-any-return]


def current_assessment() -> Assessment | None:
    """The live assessment of this browser session, or None."""
    found = services.find_assessment(get_session(), session.get(SESSION_KEY))
    if found is not None and session.get(EPOCH_KEY) != found.access_epoch:
        found = None  # opened with a resume link or code that has since been replaced
    if found is None and SESSION_KEY in session:
        session.pop(SESSION_KEY)
        session.pop(EPOCH_KEY, None)
    return found


def with_assessment(view: Callable[..., R]) -> Callable[..., R | BaseResponse]:
    """Pass this session's assessment to ``view`` as its first argument; without one the
    browser is sent to a page that explains why."""

    @wraps(view)
    def loaded(**kwargs: Any) -> R | BaseResponse:
        assessment = current_assessment()
        if assessment is None:
            return see_other("questionnaire.no_assessment")
        return view(assessment, **kwargs)

    return loaded


def location_of(assessment: Assessment) -> BaseResponse:
    """Where a returning respondent continues: results, review or the furthest step."""
    if assessment.completed_at is not None:
        return see_other("results.show")
    if assessment.furthest_step >= review_index(current_ruleset()):
        return see_other("questionnaire.review")
    return see_other("questionnaire.step", number=assessment.furthest_step + 1)


def bind_session(assessment: Assessment) -> None:
    """Start a fresh session for ``assessment`` (against session fixation); keep the language."""
    lang = session.get("lang")
    session.clear()
    session.permanent = True
    session[SESSION_KEY] = assessment.public_id
    session[EPOCH_KEY] = assessment.access_epoch
    if lang:
        session["lang"] = lang


def step_questions(ruleset: RuleSet, step: Step, answers: Mapping[str, Any]) -> tuple[Question, ...]:
    """The questions of ``step`` that are asked, given ``answers``."""
    in_step = {q.id for q in step.questions}
    return tuple(q for q in ruleset.visible_questions(answers) if q.id in in_step)


def review_index(ruleset: RuleSet) -> int:
    """The index the review page has in the step order (after the last step)."""
    return len(ruleset.steps)


def next_index(ruleset: RuleSet, index: int, answers: Mapping[str, Any]) -> int:
    """The next step with questions to ask after ``index``, or the review."""
    steps = ruleset.steps
    for candidate in range(index + 1, len(steps)):
        if step_questions(ruleset, steps[candidate], answers):
            return candidate
    return review_index(ruleset)


def previous_index(ruleset: RuleSet, index: int, answers: Mapping[str, Any]) -> int:
    """The previous step with questions before ``index`` (the profile at the latest)."""
    steps = ruleset.steps
    for candidate in range(index - 1, 0, -1):
        if step_questions(ruleset, steps[candidate], answers):
            return candidate
    return 0


def retention_days() -> int:
    return int(current_app.config["RETENTION_DAYS"])
