"""Visibility conditions in plain words, for the paper questionnaire and the workshop's paper form.

"Nur beantworten, wenn Sie bei Frage 1.1 „Kommune“ angekreuzt haben.": worded from the
question numbers and option labels, in the catalog's language.
"""

from __future__ import annotations

from ..engine.conditions import AllOf, AnyOf, Compare, Condition, Not
from ..engine.model import NOT_APPLICABLE, UNKNOWN, RuleSet
from ..texts import translator
from .words import question_numbers

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
