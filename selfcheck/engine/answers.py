"""Check and coerce answers from forms, files and databases before scoring."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import NOT_APPLICABLE, UNKNOWN, Question, RuleSet
from .problems import Code

Answers = dict[str, Any]


@dataclass(frozen=True)
class AnswerProblem:
    question_id: str
    code: Code
    message: str

    def __str__(self) -> str:
        return f"{self.code} {self.question_id}: {self.message}"


def normalise_answer(question: Question, value: Any) -> Any:
    """The clean form of one answer; raises ValueError with a plain reason."""
    if value == UNKNOWN:
        if not question.unknown:
            raise ValueError("'Weiß nicht' is not offered for this question")
        return UNKNOWN
    if value == NOT_APPLICABLE:
        if not question.not_applicable:
            raise ValueError("'trifft nicht zu' is not offered for this question")
        return NOT_APPLICABLE
    option_ids = [o.id for o in question.options]
    renamed = {old: o.id for o in question.options for old in o.renamed_from}
    if question.type == "single":
        value = renamed.get(value, value) if isinstance(value, str) else value
        if value not in option_ids:
            raise ValueError(f"{value!r} is not an option; use one of {', '.join(option_ids)}")
        return value
    if question.type == "multi":
        chosen = [value] if isinstance(value, str) else value
        if not isinstance(chosen, list | tuple) or not all(isinstance(v, str) for v in chosen):
            raise ValueError("expected a list of option ids")
        chosen = [renamed.get(v, v) for v in chosen]
        wrong = [v for v in chosen if v not in option_ids]
        if wrong:
            raise ValueError(f"{', '.join(map(repr, wrong))} not among the options {', '.join(option_ids)}")
        exclusive = [o.id for o in question.options if o.exclusive and o.id in chosen]
        if exclusive and len(set(chosen)) > 1:
            raise ValueError(f"{exclusive[0]!r} cannot be combined with other options")
        return [o for o in option_ids if o in chosen]  # option order, no duplicates
    if question.type == "number":
        if isinstance(value, bool):
            raise ValueError("expected a whole number")
        try:
            number = int(str(value).strip()) if not isinstance(value, int) else value
        except ValueError:
            raise ValueError("expected a whole number") from None
        if question.min is not None and number < question.min:
            raise ValueError(f"must be at least {question.min}")
        if question.max is not None and number > question.max:
            raise ValueError(f"must be at most {question.max}")
        return number
    if not isinstance(value, str):
        raise ValueError("expected text")
    if len(value) > question.max_length:
        raise ValueError(f"at most {question.max_length} characters")
    return value


def migrate(ruleset: RuleSet, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Stored answers under the current question ids: an answer to an earlier id (``renamed_from``)
    moves to the question that has it, unless that question has an answer of its own. A question
    split in two names the old id on both halves: each gets a copy."""
    moved = dict(raw)
    current = {q.id for q in ruleset.questions}
    old_ids = {old for q in ruleset.questions for old in q.renamed_from}
    for question in ruleset.questions:
        for old in question.renamed_from:
            if old in raw:
                moved.setdefault(question.id, raw[old])
    for old in old_ids - current:
        moved.pop(old, None)
    return moved


def normalise_answers(ruleset: RuleSet, raw: Mapping[str, Any]) -> tuple[Answers, list[AnswerProblem]]:
    """Clean answers and the problems of those that were dropped.

    Empty answers (None, "", []) count as not answered.
    """
    clean: Answers = {}
    problems: list[AnswerProblem] = []
    for question_id, value in migrate(ruleset, raw).items():
        if question_id in ruleset.retired:
            continue  # removed on purpose; the stored answer stays where it is
        try:
            question = ruleset.question(str(question_id))
        except KeyError:
            problems.append(AnswerProblem(str(question_id), Code.UNKNOWN_IN_EXAMPLE, "unknown question"))
            continue
        if value is None or value == "" or value == []:
            continue
        try:
            clean[question.id] = normalise_answer(question, value)
        except ValueError as exc:
            problems.append(AnswerProblem(question.id, Code.VALUE_DOES_NOT_FIT, str(exc)))
    return clean, problems
