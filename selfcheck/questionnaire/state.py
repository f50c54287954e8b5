"""Where a respondent is: the loaded rule set, the assessment of this session, step order.

The session cookie holds only the assessment's opaque public id and its access epoch; answers
stay on the server. New resume secrets raise the epoch, so sessions opened with the old ones end.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from flask import current_app, session
from werkzeug.wrappers import Response as BaseResponse

from .. import services
from ..db import get_session
from ..engine.conditions import AnswerFacts, client_condition
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


@dataclass(frozen=True)
class PageQuestion:
    """A question on a step's page: asked now (``shown``) or rendered hidden for the browser.

    ``condition`` is its visibility rule as JSON for the browser's script, or None when the
    question does not depend on answers of the same page, or the rule cannot be expressed there
    (then the server alone decides after a save, as it does without JavaScript).
    """

    question: Question
    shown: bool
    condition: str | None


def page_questions(ruleset: RuleSet, step: Step, answers: Mapping[str, Any]) -> tuple[PageQuestion, ...]:
    """What a step's page holds: the questions asked for ``answers``, and hidden ones that answers
    on this page can still bring up. Answers to earlier steps are fixed here and decided now."""
    shown_ids = {q.id for q in step_questions(ruleset, step, answers)}
    facts = AnswerFacts(ruleset, _kept_before(ruleset, step, answers))
    on_page: dict[str, str] = {}
    found: list[PageQuestion] = []
    for question in step.questions:
        tree = None
        if question.visible_if is not None:
            tree = client_condition(question.visible_if, page=on_page, facts=facts)
        on_page[question.id] = question.type
        shown = question.id in shown_ids
        if tree is not None and tree["op"] == "const":
            tree = None  # always or never visible on this page: nothing to switch
        if shown or tree is not None:
            found.append(PageQuestion(question, shown, json.dumps(tree, separators=(",", ":")) if tree else None))
    return tuple(found)


def _kept_before(ruleset: RuleSet, step: Step, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers that count for the questions before ``step`` (those of hidden questions do not),
    as the engine sees them when it reaches the step."""
    in_step = {q.id for q in step.questions}
    before: set[str] = set()
    for question in ruleset.questions:
        if question.id in in_step:
            break
        before.add(question.id)
    return {q.id: answers[q.id] for q in ruleset.visible_questions(answers) if q.id in before and q.id in answers}


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
