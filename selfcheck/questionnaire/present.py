"""Answers in words, for the review and the results page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _

from ..reports.context import answer_label

if TYPE_CHECKING:
    from ..engine import Question, RuleSet


def describe_value(ruleset: RuleSet, question_id: str | None, value: Any, lang: str) -> str:
    """An answer or traced value in words: option labels instead of ids, units after numbers.

    Answers are worded by the report's ``answer_label``; only traced yes/no values and an empty
    choice need words of their own here.
    """
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list | tuple) and not value:
        return _("nichts gewählt")
    words = {
        "unanswered": _("keine Antwort"),
        "unknown": _("Weiß nicht"),
        "not_applicable": _("Trifft auf uns nicht zu"),
    }
    return answer_label(_question(ruleset, question_id), value, lang, words)


def _question(ruleset: RuleSet, question_id: str | None) -> Question | None:
    if question_id is None:
        return None
    try:
        return ruleset.question(question_id)
    except KeyError:
        return None
