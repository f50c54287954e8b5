"""The blank paper questionnaire, generated from the same rule set as the web form.

Visibility conditions become plain instructions ("Nur beantworten, wenn Sie bei Frage 1.1
„Kommune“ angekreuzt haben."), worded from the question numbers and option labels.
"""

from __future__ import annotations

from typing import Any

from selfcheck.engine.conditions import AllOf, AnyOf, Compare, Condition, Not
from selfcheck.engine.model import NOT_APPLICABLE, UNKNOWN, Question, RuleSet

from .context import question_numbers
from .strings import strings

_NEGATE = {"==": "!=", "!=": "==", "in": "not in", "not in": "in",
           "<": ">=", ">=": "<", ">": "<=", "<=": ">"}

_PHRASES = {
    "de": {
        "ticked": "bei Frage {n} {options} angekreuzt haben",
        "not_ticked": "bei Frage {n} nicht {options} angekreuzt haben",
        "or": " oder ",
        "and": " und ",
        "nor": " noch ",
        "neither": "weder ",
        "number": "bei Frage {n} {relation} eingetragen haben",
        "<": "eine Zahl unter {v}", "<=": "höchstens {v}", ">": "eine Zahl über {v}", ">=": "mindestens {v}",
        "==": "genau {v}", "!=": "nicht {v}",
        "answered": "Frage {n} beantwortet haben",
        "unanswered": "Frage {n} nicht beantwortet haben",
        "quote": "„{}“",
        "group": "({})",
    },
    "en": {
        "ticked": "you ticked {options} in question {n}",
        "not_ticked": "you did not tick {options} in question {n}",
        "or": " or ",
        "and": " and ",
        "nor": " nor ",
        "neither": "neither ",
        "number": "you entered {relation} in question {n}",
        "<": "a number below {v}", "<=": "at most {v}", ">": "a number above {v}", ">=": "at least {v}",
        "==": "exactly {v}", "!=": "a number other than {v}",
        "answered": "you answered question {n}",
        "unanswered": "you did not answer question {n}",
        "quote": "“{}”",
        "group": "({})",
    },
}


def describe_condition(ruleset: RuleSet, condition: Condition, lang: str, *, negated: bool = False) -> str:
    """A visibility condition in words, e.g. 'bei Frage 1.1 „Kommune“ angekreuzt haben'."""
    p = _PHRASES["en" if lang == "en" else "de"]
    if isinstance(condition, Not):
        return describe_condition(ruleset, condition.item, lang, negated=not negated)
    if isinstance(condition, AllOf | AnyOf):
        joins_and = isinstance(condition, AllOf) != negated  # De Morgan
        parts = []
        for item in condition.items:
            text = describe_condition(ruleset, item, lang, negated=negated)
            parts.append(p["group"].format(text) if isinstance(item, AllOf | AnyOf) else text)
        return (p["and"] if joins_and else p["or"]).join(parts)
    return _describe_compare(ruleset, condition, lang, negated)


def _describe_compare(ruleset: RuleSet, leaf: Compare, lang: str, negated: bool) -> str:
    p, t = _PHRASES["en" if lang == "en" else "de"], strings(lang)
    question = ruleset.question(leaf.ref.name or "")
    n = question_numbers(ruleset)[question.id]
    labels = {o.id: o.label.get(lang) for o in question.options}
    labels |= {UNKNOWN: t["unknown"], NOT_APPLICABLE: t["not_applicable"]}

    def quoted(value: object) -> str:
        return p["quote"].format(labels.get(str(value), str(value)))

    op, value = leaf.op, leaf.value
    if op == "is":
        if value in ("answered", "unanswered"):
            state = value if not negated else ("unanswered" if value == "answered" else "answered")
            return p[state].format(n=n)
        return p["not_ticked" if negated else "ticked"].format(n=n, options=quoted(value))
    if op == "contains":
        return p["not_ticked" if negated else "ticked"].format(n=n, options=quoted(value))
    if negated:
        op = _NEGATE[op]
    if question.type == "number" and isinstance(value, int):
        return p["number"].format(n=n, relation=p[op].format(v=value))
    values = value if isinstance(value, tuple) else (value,)
    if op in ("==", "in"):
        return p["ticked"].format(n=n, options=p["or"].join(quoted(v) for v in values))
    if len(values) == 1:
        return p["not_ticked"].format(n=n, options=quoted(values[0]))
    # "weder „A“ noch „B“ angekreuzt haben" / "you ticked neither “A” nor “B”"
    options = p["neither"] + p["nor"].join(quoted(v) for v in values)
    return p["ticked"].format(n=n, options=options)


def _question(ruleset: RuleSet, question: Question, number: str, lang: str) -> dict[str, Any]:
    t = strings(lang)
    exclusive = [o.label.get(lang) for o in question.options if o.exclusive]
    hints = {"single": t["one_answer"], "multi": t["many_answers"], "number": t["number_hint"],
             "text": t["text_hint"]}
    hint = hints[question.type]
    if question.type == "number" and question.min is not None:
        hint += " " + (t["min_max"].format(min=question.min, max=question.max) if question.max is not None
                       else t["min_only"].format(min=question.min))
    if exclusive:
        hint += " " + " ".join(t["exclusive_note"].format(label=label) for label in exclusive)
    extra = []
    if question.unknown:
        extra.append(t["unknown"])
    if question.not_applicable:
        extra.append(t["not_applicable"])
    condition = None
    if question.visible_if is not None:
        condition = t["only_if"].format(condition=describe_condition(ruleset, question.visible_if, lang))
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
    lang = "en" if lang == "en" else "de"
    t = strings(lang)
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
        "t": t,
        "title": f"{ruleset.title.get(lang)}: {t['paper']}",
        "ruleset_title": ruleset.title.get(lang),
        "description": ruleset.description.get(lang) if ruleset.description else "",
        "ruleset": {"id": ruleset.id, "version": ruleset.version, "hash": ruleset.hash[:12]},
        "steps": steps,
        "count": len(numbers),
    }
