"""Properties that hold for every valid answer set, on the minimal and the real rule set."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfcheck.engine import RuleSet, evaluate, load_ruleset, normalise_answers
from tests.support.answer_strategies import answers_for

ROOT = Path(__file__).resolve().parents[2]
RULE_SETS = {"minimal": ROOT / "tests" / "fixtures" / "rules" / "minimal",
             "blended-impact": ROOT / "rules" / "blended-impact"}
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def ruleset(name: str) -> RuleSet:
    return load_ruleset(RULE_SETS[name])


rule_set_names = pytest.mark.parametrize("name", list(RULE_SETS))


@rule_set_names
@PROPERTY_SETTINGS
@given(data=st.data())
def test_generated_answers_are_valid_and_normalising_is_idempotent(name: str, data: st.DataObject) -> None:
    rs = ruleset(name)
    answers = data.draw(answers_for(rs))
    clean, problems = normalise_answers(rs, answers)
    assert problems == []
    assert clean == answers
    assert normalise_answers(rs, clean) == (clean, [])


@rule_set_names
@PROPERTY_SETTINGS
@given(data=st.data())
def test_result_properties(name: str, data: st.DataObject) -> None:
    rs = ruleset(name)
    answers = data.draw(answers_for(rs))
    result = evaluate(rs, answers)
    d = result.to_dict()

    # JSON-ready and deterministic, whatever order the answers come in
    assert json.loads(json.dumps(d)) == d
    assert evaluate(rs, dict(reversed(list(answers.items())))).to_dict() == d
    assert evaluate(rs, answers).to_dict() == d

    # scores in bounds, levels consistent with scores
    assert 0 <= d["completeness"] <= 100
    visible = {q.id for q in rs.visible_questions(answers)}
    for dimension in d["dimensions"]:
        assert 0 <= dimension["completeness"] <= 100
        assert 0 <= dimension["answered"] <= dimension["visible"]
        assert {c["question"] for c in dimension["contributions"]} <= visible
        counts = dimension["counts"]
        assert sum(counts.values()) == dimension["visible"]
        assert dimension["answered"] == counts["answered"]
        if dimension["score"] is None:
            assert dimension["level"] is None
            scored = any(c["status"] == "scored" for c in dimension["contributions"])
            assert not scored or dimension["coverage"] < rs.results.min_coverage
        else:
            assert 0 <= dimension["score"] <= 100
            level = rs.level(dimension["id"], dimension["level"])
            assert level.min <= dimension["score"] <= level.max
        for c in dimension["contributions"]:
            assert (c["points"] is None) == (c["status"] != "scored")
            assert c["points"] is None or 0 <= c["points"] <= c["max_points"]

    # blend type follows the axes
    axes = d["blend"]["axes"]
    for axis in axes:
        assert axis["score"] is None or 0 <= axis["score"] <= 100
        assert (axis["high"] is None) == (axis["score"] is None)
    if any(axis["high"] is None for axis in axes):
        assert d["blend"]["type"] is None
    else:
        blend_type = rs.blend_type(d["blend"]["type"])
        assert all(blend_type.fits(axis["id"], axis["high"]) for axis in axes)

    # knowledge gaps are visible scored questions without a real answer
    for gap in d["knowledge_gaps"]:
        assert gap["question"] in visible
        assert gap["reason"] == ("unknown" if answers.get(gap["question"]) == "unknown" else "unanswered")

    # recommendations exist, fit the organisation, are ranked 1..n, at most three next steps
    recommendations = d["recommendations"]
    organisation_type = d["organisation_type"]
    for item in recommendations:
        recommendation = rs.recommendation(item["id"])
        assert recommendation.applies_to(organisation_type)
        assert organisation_type is None or "all" in recommendation.audience or (
            organisation_type in recommendation.audience)
    assert [r["rank"] for r in recommendations] == list(range(1, len(recommendations) + 1))
    steps = [r for r in recommendations if r["next_step"]]
    assert steps == recommendations[:len(steps)]  # the next steps come first
    assert len(steps) <= 3
    actions = [r for r in recommendations if r["kind"] == "action"]
    assert len(steps) == min(3, len(actions) + (1 if d["knowledge_first"] and len(actions) < len(recommendations)
                                                else 0))
    if not d["knowledge_first"]:
        assert all(r["kind"] == "action" for r in steps)  # knowledge never leads unless gaps dominate
    rest = recommendations[len(steps):]
    rest_kinds = [r["kind"] != "action" for r in rest]
    assert rest_kinds == sorted(rest_kinds)  # then the other actions, then what to find out
    for kind in (True, False):
        priorities = [r["priority"] for r, k in zip(rest, rest_kinds, strict=True) if k == kind]
        assert priorities == sorted(priorities, reverse=True)
    for item in recommendations:
        assert item["priority"] == sum(part["points"] for part in item["priority_parts"])
    replaced = {name for item in recommendations for name in rs.recommendation(item["id"]).replaces}
    assert not replaced & {r["id"] for r in recommendations}
    assert len({r["id"] for r in recommendations}) == len(recommendations)

    # "Weiß nicht" never raises a score
    for question_id, value in answers.items():
        question = rs.question(question_id)
        if not question.scored or not question.unknown or value in ("unknown", "not_applicable"):
            continue
        doubtful_answers = {**answers, question_id: "unknown"}
        if {q.id for q in rs.visible_questions(doubtful_answers)} != visible:
            continue  # another set of questions is asked: not the same comparison
        doubtful = evaluate(rs, doubtful_answers)
        for before, after in zip(result.dimensions, doubtful.dimensions, strict=True):
            assert after.score is None or before.score is None or after.score <= before.score
