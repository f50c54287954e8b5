"""Hypothesis strategies that generate valid answers for any rule set.

A plain module (not conftest.py), so property tests and the benchmark's idea of "random
answers" stay the same shape: options, lists, numbers, text, "unknown" and "not_applicable".
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from selfcheck.engine import NOT_APPLICABLE, UNKNOWN, Question, RuleSet


def value_for(question: Question) -> st.SearchStrategy[Any]:
    """One valid answer to ``question``, as normalise_answers returns it."""
    option_ids = [o.id for o in question.options]
    if question.type == "single":
        real: st.SearchStrategy[Any] = st.sampled_from(option_ids)
    elif question.type == "multi":
        exclusive = [o.id for o in question.options if o.exclusive]
        others = [o.id for o in question.options if not o.exclusive]
        combined = st.sets(st.sampled_from(others), min_size=1).map(lambda chosen: [i for i in others if i in chosen])
        real = st.one_of(combined, st.sampled_from(exclusive).map(lambda i: [i])) if exclusive else combined
    elif question.type == "number":
        low = question.min if question.min is not None else -10
        high = question.max if question.max is not None else low + 1000
        real = st.integers(min_value=low, max_value=high)
    else:
        real = st.text(min_size=1, max_size=min(question.max_length, 40)).filter(
            lambda text: text not in (UNKNOWN, NOT_APPLICABLE))
    specials = [UNKNOWN] * question.unknown + [NOT_APPLICABLE] * question.not_applicable
    return st.one_of(real, st.sampled_from(specials)) if specials else real


@st.composite
def answers_for(draw: st.DrawFn, ruleset: RuleSet) -> dict[str, Any]:
    """A valid answer set: any subset of the questions answered, hidden ones included."""
    answers = {}
    for question in ruleset.questions:
        if draw(st.booleans()):
            answers[question.id] = draw(value_for(question))
    return answers
