"""The blank paper questionnaire, generated from the same rule set as the web form.

Visibility conditions become plain instructions ("Nur beantworten, wenn Sie bei Frage 1.1
„Kommune“ angekreuzt haben."), worded from the question numbers and option labels.
"""

from __future__ import annotations

from typing import Any

from selfcheck.engine.conditions import AllOf, AnyOf, Compare, Condition, Not
from selfcheck.engine.model import NOT_APPLICABLE, UNKNOWN, Question, RuleSet

from ..presenter import question_numbers
from ..texts import language, translator

_NEGATE = {"==": "!=", "!=": "==", "in": "not in", "not in": "in",
           "<": ">=", ">=": "<", ">": "<=", "<=": ">"}

def _phrases(lang: str) -> dict[str, str]:
    """The pieces a condition is worded from; placeholders: n (question number), options, relation, v."""
    _ = translator(lang)
    return {
        "ticked": _("bei Frage %(n)s %(options)s angekreuzt haben"),
        "not_ticked": _("bei Frage %(n)s nicht %(options)s angekreuzt haben"),
        "or": _(" oder "),
        "and": _(" und "),
        "nor": _(" noch "),
        "neither": _("weder "),
        "number": _("bei Frage %(n)s %(relation)s eingetragen haben"),
        "<": _("eine Zahl unter %(v)s"), "<=": _("höchstens %(v)s"), ">": _("eine Zahl über %(v)s"),
        ">=": _("mindestens %(v)s"), "==": _("genau %(v)s"), "!=": _("nicht %(v)s"),
        "answered": _("Frage %(n)s beantwortet haben"),
        "unanswered": _("Frage %(n)s nicht beantwortet haben"),
        "quote": _("„%(text)s“"),
    }


def describe_condition(ruleset: RuleSet, condition: Condition, lang: str, *, negated: bool = False) -> str:
    """A visibility condition in words, e.g. 'bei Frage 1.1 „Kommune“ angekreuzt haben'."""
    p = _phrases(lang)
    if isinstance(condition, Not):
        return describe_condition(ruleset, condition.item, lang, negated=not negated)
    if isinstance(condition, AllOf | AnyOf):
        joins_and = isinstance(condition, AllOf) != negated  # De Morgan
        parts = []
        for item in condition.items:
            text = describe_condition(ruleset, item, lang, negated=negated)
            parts.append(f"({text})" if isinstance(item, AllOf | AnyOf) else text)
        return (p["and"] if joins_and else p["or"]).join(parts)
    return _describe_compare(ruleset, condition, lang, negated)


def _describe_compare(ruleset: RuleSet, leaf: Compare, lang: str, negated: bool) -> str:
    p, _ = _phrases(lang), translator(lang)
    question = ruleset.question(leaf.ref.name or "")
    n = question_numbers(ruleset)[question.id]
    labels = {o.id: o.label.get(lang) for o in question.options}
    labels |= {UNKNOWN: _("Weiß nicht"), NOT_APPLICABLE: _("Trifft auf uns nicht zu")}

    def quoted(value: object) -> str:
        return p["quote"] % {"text": labels.get(str(value), str(value))}

    op, value = leaf.op, leaf.value
    if op == "is":
        if value in ("answered", "unanswered"):
            state = value if not negated else ("unanswered" if value == "answered" else "answered")
            return p[state] % {"n": n}
        return p["not_ticked" if negated else "ticked"] % {"n": n, "options": quoted(value)}
    if op == "contains":
        return p["not_ticked" if negated else "ticked"] % {"n": n, "options": quoted(value)}
    if negated:
        op = _NEGATE[op]
    if question.type == "number" and isinstance(value, int):
        return p["number"] % {"n": n, "relation": p[op] % {"v": value}}
    values = value if isinstance(value, tuple) else (value,)
    if op in ("==", "in"):
        return p["ticked"] % {"n": n, "options": p["or"].join(quoted(v) for v in values)}
    if len(values) == 1:
        return p["not_ticked"] % {"n": n, "options": quoted(values[0])}
    # "weder „A“ noch „B“ angekreuzt haben" / "you ticked neither “A” nor “B”"
    options = p["neither"] + p["nor"].join(quoted(v) for v in values)
    return p["ticked"] % {"n": n, "options": options}


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
    return {
        "id": question.id,
        "number": number,
        "type": question.type,
        "text": question.text.get(lang),
        "help": question.help.get(lang) if question.help else "",
        "hint": hint,
        "options": [o.label.get(lang) for o in question.options],
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
