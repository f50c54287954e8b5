"""The blank paper questionnaire, generated from the same rule set as the web form.

Visibility conditions become plain instructions (``presenter.conditions``).
"""

from __future__ import annotations

from typing import Any

from selfcheck.engine.model import Question, RuleSet

from ..presenter import question_numbers
from ..presenter.conditions import describe_condition
from ..texts import language, translator

COMPACT_LABEL = 34  # characters: longer answers keep a line of their own


def _question(ruleset: RuleSet, question: Question, number: str, lang: str) -> dict[str, Any]:
    _ = translator(lang)
    exclusive = [o.label.get(lang) for o in question.options if o.exclusive]
    hints = {"single": _("Bitte eine Antwort ankreuzen."), "multi": _("Mehrere Antworten möglich."),
             "number": _("Bitte eine ganze Zahl eintragen."), "text": _("Bitte in eigenen Worten.")}
    hint = hints[question.type]
    if question.type == "number" and question.min is not None:
        hint += " " + (_("(%(min)s bis %(max)s)", min=question.min, max=question.max) if question.max is not None
                       else _("(mindestens %(min)s)", min=question.min))
    if exclusive:
        hint += " " + " ".join(_("„%(label)s“ nur allein ankreuzen.", label=label) for label in exclusive)
    extra = []
    if question.unknown:
        extra.append(_("Weiß nicht"))
    if question.not_applicable:
        extra.append(_("Trifft auf uns nicht zu"))
    condition = None
    if question.visible_if is not None:
        condition = _("Nur beantworten, wenn Sie %(condition)s.",
                      condition=describe_condition(ruleset, question.visible_if, lang))
    options = [o.label.get(lang) for o in question.options]
    return {
        "id": question.id,
        "number": number,
        "type": question.type,
        "text": question.text.get(lang),
        "help": question.help.get(lang) if question.help else "",
        "hint": hint,
        "options": options,
        # short answers (the scales) stand in one row, in reading order: the questionnaire stays printable in one go
        "compact": bool(options) and max(len(label) for label in options) <= COMPACT_LABEL,
        "extra": extra,
        "unit": question.unit.get(lang) if question.unit else "",
        "condition": condition,
        "lines": max(3, min(8, question.max_length // 250)),
    }


def build_paper_context(ruleset: RuleSet, lang: str) -> dict[str, Any]:
    lang = language(lang)
    _ = translator(lang)
    numbers = question_numbers(ruleset)
    steps = [
        {
            "number": s,
            "title": step.title.get(lang),
            "description": step.description.get(lang) if step.description else "",
            "questions": [_question(ruleset, q, numbers[q.id], lang) for q in step.questions],
        }
        for s, step in enumerate(ruleset.steps, start=1)
    ]
    return {
        "lang": lang,
        "title": f"{ruleset.title.get(lang)}: {_('Fragebogen zum Ausfüllen auf Papier')}",
        "ruleset_title": ruleset.title.get(lang),
        "description": ruleset.description.get(lang) if ruleset.description else "",
        "ruleset": {"id": ruleset.id, "version": ruleset.version, "hash": ruleset.hash[:12]},
        "steps": steps,
        "count": len(numbers),
    }
