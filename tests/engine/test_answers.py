"""normalise_answers(): coercion of raw answers and every reason an answer is refused."""

from __future__ import annotations

from typing import Any

import pytest

from selfcheck.engine import AnswerProblem, normalise_answers


@pytest.mark.parametrize(
    ("question", "raw", "clean"),
    [
        ("org_type", "kommune", "kommune"),
        ("web", "unknown", "unknown"),
        ("beratung", "not_applicable", "not_applicable"),
        ("sprachen", 3, 3),
        ("sprachen", "3", 3),
        ("sprachen", " 12 ", 12),
        ("sprachen", 0, 0),
        ("sprachen", 200, 200),
        ("sprachen", "unknown", "unknown"),
        ("kanaele", "app", ["app"]),  # one option as text: a list of one
        ("kanaele", ["app", "messenger"], ["messenger", "app"]),  # option order
        ("kanaele", ["app", "app"], ["app"]),  # no duplicates
        ("kanaele", ("website",), ["website"]),
        ("kanaele", ["keine"], ["keine"]),
        ("kanaele", "unknown", "unknown"),
        ("notizen", "Wir fangen an.", "Wir fangen an."),
        ("notizen", "x" * 500, "x" * 500),
    ],
)
def test_valid_answers_are_cleaned(minimal_ruleset, question: str, raw: Any, clean: Any) -> None:
    answers, problems = normalise_answers(minimal_ruleset, {question: raw})
    assert problems == []
    assert answers == {question: clean}
    assert type(answers[question]) is type(clean)


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        ("org_type", "verein", "'verein' is not an option; use one of kommune, wohlfahrt, digitale_initiative"),
        ("org_type", "unknown", "'Weiß nicht' is not offered"),
        ("web", "not_applicable", "'trifft nicht zu' is not offered"),
        ("web", 2, "is not an option"),
        ("web", ["ja"], "is not an option"),
        ("sprachen", "drei", "expected a whole number"),
        ("sprachen", 2.5, "expected a whole number"),
        ("sprachen", True, "expected a whole number"),
        ("sprachen", [3], "expected a whole number"),
        ("sprachen", -1, "must be at least 0"),
        ("sprachen", "201", "must be at most 200"),
        ("kanaele", ["fax", "app", "brief"], "'fax', 'brief' not among the options"),
        ("kanaele", 3, "expected a list of option ids"),
        ("kanaele", ["app", 1], "expected a list of option ids"),
        ("kanaele", {"app": True}, "expected a list of option ids"),
        ("kanaele", ["keine", "app"], "'keine' cannot be combined with other options"),
        ("notizen", 42, "expected text"),
        ("notizen", "x" * 501, "at most 500 characters"),
    ],
)
def test_invalid_answers_are_reported_and_dropped(minimal_ruleset, question: str, raw: Any, message: str) -> None:
    answers, problems = normalise_answers(minimal_ruleset, {question: raw, "partner": "ja"})
    assert answers == {"partner": "ja"}, "a bad answer must not take the good ones with it"
    assert [(p.question_id, p.code) for p in problems] == [(question, "E141")]
    assert message in problems[0].message


def test_unknown_question_is_e140(minimal_ruleset) -> None:
    answers, problems = normalise_answers(minimal_ruleset, {"webb": "ja", "web": "ja", "digital": 1})
    assert answers == {"web": "ja"}
    assert problems == [AnswerProblem("webb", "E140", "unknown question"),
                        AnswerProblem("digital", "E140", "unknown question")]
    assert str(problems[0]) == "E140 webb: unknown question"


@pytest.mark.parametrize("empty", [None, "", []])
def test_empty_answers_count_as_not_answered(minimal_ruleset, empty: Any) -> None:
    assert normalise_answers(minimal_ruleset, {"web": empty, "kanaele": empty, "notizen": empty}) == ({}, [])


def test_answers_to_hidden_questions_are_kept_for_the_engine_to_ignore(minimal_ruleset) -> None:
    answers, problems = normalise_answers(minimal_ruleset, {"org_type": "wohlfahrt", "ansprechperson": "ja"})
    assert problems == []
    assert answers == {"org_type": "wohlfahrt", "ansprechperson": "ja"}


def test_every_problem_of_a_set_is_reported(minimal_ruleset) -> None:
    raw = {"org_type": "verein", "sprachen": "viele", "kanaele": ["keine", "app"], "nope": 1, "web": "ja"}
    answers, problems = normalise_answers(minimal_ruleset, raw)
    assert answers == {"web": "ja"}
    assert [(p.question_id, p.code) for p in problems] == [
        ("org_type", "E141"), ("sprachen", "E141"), ("kanaele", "E141"), ("nope", "E140")]
