"""Answers in words, for the review and the results page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask_babel import gettext as _

from ..engine import NOT_APPLICABLE, UNKNOWN

if TYPE_CHECKING:
    from ..engine import RuleSet


def describe_value(ruleset: RuleSet, question_id: str | None, value: Any, lang: str) -> str:
    """An answer or traced value in words: option labels instead of ids, units after numbers."""
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
    question = None
    if question_id is not None:
        try:
            question = ruleset.question(question_id)
        except KeyError:
            question = None
    if question is not None and isinstance(value, str) and question.type in ("single", "multi"):
        try:
            return question.option(value).label.get(lang)
        except KeyError:
            return value
    if question is not None and isinstance(value, int) and question.unit is not None:
        return f"{value} {question.unit.get(lang)}"
    return str(value)
