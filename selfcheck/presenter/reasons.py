"""Why a recommendation appears, in plain words: "Bei Frage 4.3 „Wer ist für IT zuständig?“ haben
Sie „Niemand fest“ gewählt."

Each sentence states what the respondent answered (or scored) for a comparison that decided the
condition, so it is true whatever the operator was: no ids, no operators, no points.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..engine.conditions import AllOf, AnyOf, Compare, Condition, Not, Ref
from ..engine.model import NOT_APPLICABLE, UNKNOWN, Recommendation, RuleSet
from ..engine.scoring import RecommendationResult, Result
from ..texts import format_percent, translator
from .words import answer_label


def reasons(
    ruleset: RuleSet, rule: Recommendation, fired: RecommendationResult, result: Result,
    answers: Mapping[str, Any], numbers: Mapping[str, str], lang: str,
) -> tuple[str, ...]:
    """The sentences that explain why ``rule`` fired, one per thing it looked at.

    ``numbers`` are the question numbers (``question_numbers``), computed once per result.
    """
    values = {id(leaf): entry.value for leaf, entry in zip(rule.when.leaves(), fired.trace, strict=True)}
    seen: list[Ref] = []
    for leaf in _deciding(rule.when, values):
        if leaf.ref not in seen:
            seen.append(leaf.ref)
    # Points and answer of one question read the same in words: say it once.
    sentences = list(dict.fromkeys(_sentence(ruleset, ref, result, answers, numbers, lang) for ref in seen))
    if rule.for_audience and result.organisation_type and ruleset.audience_question:
        question = ruleset.question(ruleset.audience_question)
        sentences.append(translator(lang)("Diese Empfehlung ist für Organisationen wie Ihre gedacht: „%(type)s“.",
                                          type=answer_label(question, result.organisation_type, lang)))
    return tuple(sentences)


def _value(condition: Condition, values: Mapping[int, bool]) -> bool:
    if isinstance(condition, Compare):
        return values[id(condition)]
    if isinstance(condition, Not):
        return not _value(condition.item, values)
    found = [_value(item, values) for item in condition.items]
    return all(found) if isinstance(condition, AllOf) else any(found)


def _deciding(condition: Condition, values: Mapping[int, bool]) -> list[Compare]:
    """The comparisons that decided the value of ``condition``: for a true "or" the true ones,
    for a false "and" the false ones, otherwise all."""
    if isinstance(condition, Compare):
        return [condition]
    if isinstance(condition, Not):
        return _deciding(condition.item, values)
    outcome = _value(condition, values)
    items = condition.items
    if isinstance(condition, AnyOf) and outcome or isinstance(condition, AllOf) and not outcome:
        items = tuple(item for item in items if _value(item, values) == outcome)
    return [leaf for item in items for leaf in _deciding(item, values)]


def _sentence(
    ruleset: RuleSet, ref: Ref, result: Result, answers: Mapping[str, Any], numbers: Mapping[str, str], lang: str
) -> str:
    _ = translator(lang)
    if ref.kind in ("answer", "points"):
        question = ruleset.question(ref.name or "")
        number, text = numbers[question.id], question.text.get(lang)
        value = answers.get(question.id)
        if value is None or value == []:
            return _("Frage %(number)s „%(question)s“ haben Sie offen gelassen.", number=number, question=text)
        said = answer_label(question, value, lang)
        if question.type == "number" and value not in (UNKNOWN, NOT_APPLICABLE):
            return _("Bei Frage %(number)s „%(question)s“ haben Sie %(answer)s angegeben.",
                     number=number, question=text, answer=said)
        return _("Bei Frage %(number)s „%(question)s“ haben Sie „%(answer)s“ gewählt.",
                 number=number, question=text, answer=said)
    if ref.kind in ("score", "level"):
        dimension = ruleset.dimension(ref.name or "")
        row = result.dimension(dimension.id)
        title = dimension.title.get(lang)
        if row.score is None or row.level is None:
            return _("Für das Thema „%(theme)s“ gibt es zu wenige Antworten für eine Einschätzung.", theme=title)
        if ref.kind == "score":
            return _("Im Thema „%(theme)s“ haben Sie %(score)s von 100 Punkten.", theme=title, score=row.score)
        level = ruleset.level(dimension.id, row.level).label.get(lang)
        return _("Im Thema „%(theme)s“ sind Sie auf der Stufe „%(level)s“.", theme=title, level=level)
    if ref.kind == "gaps":
        return _("Bei %(share)s der Fragen haben Sie „Weiß nicht“ angegeben oder nichts eingetragen.",
                 share=format_percent(result.gap_share, lang))
    if result.blend.type is None:
        return _("Ihr Blended-Profil ist noch offen.")
    return _("Ihr Blended-Profil ist „%(profile)s“.", profile=ruleset.blend_type(result.blend.type).label.get(lang))
