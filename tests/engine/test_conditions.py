"""The condition language: parser, evaluation semantics (docs/rules.md) and reachability (E130)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from selfcheck.engine import ConditionError, evaluate, parse_condition
from selfcheck.engine.checks import can_fire
from selfcheck.engine.conditions import AllOf, AnyOf, Compare, Not, Ref

ORG_TYPES = ["kommune", "wohlfahrt", "digitale_initiative"]


@dataclass
class Facts:
    """Plain facts for a condition: what evaluate() would know after scoring."""

    answers: dict[str, Any] = field(default_factory=dict)
    points_by_question: dict[str, int] = field(default_factory=dict)
    scores: dict[str, int] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    blend_type: str | None = None

    def answer(self, question_id: str) -> Any:
        return self.answers.get(question_id)

    def points(self, question_id: str) -> int | None:
        return self.points_by_question.get(question_id)

    def score(self, dimension_id: str) -> int | None:
        return self.scores.get(dimension_id)

    def level(self, dimension_id: str) -> str | None:
        return self.levels.get(dimension_id)

    def profile(self) -> str | None:
        return self.blend_type


def holds(source: str, **facts: Any) -> bool:
    return parse_condition(source).evaluate(Facts(**facts))


# -- parser --------------------------------------------------------------------------------------
def test_not_binds_tighter_than_and_which_binds_tighter_than_or() -> None:
    tree = parse_condition("a == x or b == y and not c == z")
    assert isinstance(tree, AnyOf)
    first, second = tree.items
    assert first == Compare(Ref("answer", "a"), "==", "x", "a == x")
    assert isinstance(second, AllOf)
    assert second.items[0] == Compare(Ref("answer", "b"), "==", "y", "b == y")
    assert second.items[1] == Not(Compare(Ref("answer", "c"), "==", "z", "c == z"))


def test_parentheses_override_precedence() -> None:
    tree = parse_condition("(a == x or b == y) and c == z")
    assert isinstance(tree, AllOf)
    assert isinstance(tree.items[0], AnyOf)
    # a is true, c is false: "a or (b and c)" would be true, "(a or b) and c" is false
    assert not tree.evaluate(Facts(answers={"a": "x", "c": "other"}))
    assert parse_condition("a == x or b == y and c == z").evaluate(Facts(answers={"a": "x", "c": "other"}))


def test_not_not_and_chains() -> None:
    assert parse_condition("not not a == x") == Not(Not(Compare(Ref("answer", "a"), "==", "x", "a == x")))
    tree = parse_condition("a == 1 and b == 2 and c == 3")
    assert isinstance(tree, AllOf)
    assert len(tree.items) == 3


@pytest.mark.parametrize(
    ("source", "ref", "op", "value"),
    [
        ("org_type in [kommune, wohlfahrt]", Ref("answer", "org_type"), "in", ("kommune", "wohlfahrt")),
        ("org_type not in [kommune]", Ref("answer", "org_type"), "not in", ("kommune",)),
        ("sprachen in [1, 2,3]", Ref("answer", "sprachen"), "in", (1, 2, 3)),
        ("kanaele contains app", Ref("answer", "kanaele"), "contains", "app"),
        ("notizen == \"und oder nicht\"", Ref("answer", "notizen"), "==", "und oder nicht"),
        ("notizen != 'a, b [c]'", Ref("answer", "notizen"), "!=", "a, b [c]"),
        ("sprachen >= -3", Ref("answer", "sprachen"), ">=", -3),
        ("points.web <= 1", Ref("points", "web"), "<=", 1),
        ("score.analog < 40", Ref("score", "analog"), "<", 40),
        ("level.analog == aufbau", Ref("level", "analog"), "==", "aufbau"),
        ("profile == blended", Ref("profile", None), "==", "blended"),
        ("web is unknown", Ref("answer", "web"), "is", "unknown"),
        ("web is not_applicable", Ref("answer", "web"), "is", "not_applicable"),
        ("web is answered", Ref("answer", "web"), "is", "answered"),
        ("  web   is   unanswered  ", Ref("answer", "web"), "is", "unanswered"),
    ],
)
def test_parses_every_form(source: str, ref: Ref, op: str, value: Any) -> None:
    tree = parse_condition(source)
    assert isinstance(tree, Compare)
    assert (tree.ref, tree.op, tree.value) == (ref, op, value)


def test_clause_text_is_the_source_of_each_comparison() -> None:
    tree = parse_condition("points.web <= 1 or (org_type in [kommune, wohlfahrt] and not profile == blended)")
    assert [leaf.text for leaf in tree.leaves()] == [
        "points.web <= 1", "org_type in [kommune, wohlfahrt]", "profile == blended"]


@pytest.mark.parametrize(
    ("source", "column", "message"),
    [
        ("", 1, "empty"),
        ("   ", 1, "empty"),
        ("web ==", 7, "expected a value"),
        ("web = ja", 5, "unexpected character '='"),
        ("web == ja $", 11, "unexpected character '$'"),
        ("foo.bar == 1", 1, "unknown prefix 'foo'"),
        ("web is maybe", 8, "after 'is' use one of"),
        ("(web == ja", 11, "expected ')'"),
        ("web == ja )", 11, "unexpected ')'"),
        ("web == ja web == nein", 11, "unexpected 'web'"),
        ("web in kommune", 8, "expected '['"),
        ("web in [ja,]", 12, "expected a value"),
        ("web", 4, "expected an operator after web"),
        ("web ja", 5, "expected an operator after web, found 'ja'"),
        ("and == 1", 1, "found 'and'"),
        ("web == ja and", 14, "expected a name"),
        ("notizen == \"offen", 12, "unexpected character '\"'"),
    ],
)
def test_errors_name_the_column(source: str, column: int, message: str) -> None:
    with pytest.raises(ConditionError) as raised:
        parse_condition(source)
    assert raised.value.column == column
    assert message in str(raised.value)
    assert f"(column {column})" in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_nothing_is_executed() -> None:
    with pytest.raises(ConditionError):
        parse_condition("__import__('os').system('true')")
    with pytest.raises(ConditionError):
        parse_condition("web == ja; import os")


# -- evaluation ------------------------------------------------------------------------------------
@pytest.mark.parametrize("missing", [None, "unknown", "not_applicable"])
@pytest.mark.parametrize(
    "source",
    ["web == ja", "web != ja", "web in [ja, nein]", "web not in [ja]", "sprachen < 3", "sprachen >= 0",
     "sprachen != 2", "kanaele contains app", "notizen == \"x\"", "notizen != \"x\""],
)
def test_comparisons_without_a_real_answer_are_false(source: str, missing: str | None) -> None:
    question = source.split()[0]
    answers = {} if missing is None else {question: missing}
    assert holds(source, answers=answers) is False


@pytest.mark.parametrize("source", ["points.web <= 1", "points.web != 2", "score.analog < 40", "score.analog >= 0",
                                    "level.analog == einstieg", "level.analog != einstieg", "profile == am_anfang",
                                    "profile != blended", "profile not in [blended]"])
def test_comparisons_on_missing_points_scores_levels_profile_are_false(source: str) -> None:
    assert holds(source) is False


@pytest.mark.parametrize(
    ("answer", "states"),
    [
        (None, {"unanswered"}),
        ("unknown", {"unknown"}),
        ("not_applicable", {"not_applicable"}),
        ("ja", {"answered"}),
        (["app"], {"answered"}),
        (0, {"answered"}),
    ],
)
def test_is_states(answer: Any, states: set[str]) -> None:
    answers = {} if answer is None else {"q": answer}
    for state in ("unknown", "not_applicable", "answered", "unanswered"):
        assert holds(f"q is {state}", answers=answers) is (state in states), state


def test_not_of_a_false_comparison_is_true() -> None:
    assert holds("not web == ja") is True
    assert holds("not web == ja", answers={"web": "ja"}) is False


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        ("web == ja", {"web": "ja"}, True),
        ("web != ja", {"web": "nein"}, True),
        ("web in [ja, teilweise]", {"web": "teilweise"}, True),
        ("web in [ja, teilweise]", {"web": "nein"}, False),
        ("web not in [ja, teilweise]", {"web": "nein"}, True),
        ("kanaele contains app", {"kanaele": ["messenger", "app"]}, True),
        ("kanaele contains app", {"kanaele": ["messenger"]}, False),
        ("kanaele contains app", {"kanaele": "app"}, False),  # only a list contains
        ("sprachen >= 4", {"sprachen": 4}, True),
        ("sprachen > 4", {"sprachen": 4}, False),
        ("sprachen < 4", {"sprachen": 3}, True),
        ("sprachen <= 3", {"sprachen": 3}, True),
        ("sprachen == 0", {"sprachen": 0}, True),
        ("sprachen in [1, 2]", {"sprachen": 2}, True),
        ("sprachen < 4", {"sprachen": "3"}, False),  # text is not a number
        ("notizen == \"hallo welt\"", {"notizen": "hallo welt"}, True),
    ],
)
def test_answer_comparisons(source: str, answers: dict[str, Any], expected: bool) -> None:
    assert holds(source, answers=answers) is expected


def test_points_scores_levels_profile() -> None:
    assert holds("points.web <= 1", points_by_question={"web": 1})
    assert not holds("points.web <= 1", points_by_question={"web": 2})
    assert holds("points.web == 0", points_by_question={"web": 0})
    assert holds("score.analog < 40", scores={"analog": 39})
    assert not holds("score.analog < 40", scores={"analog": 40})
    assert holds("score.analog == 0", scores={"analog": 0})
    assert holds("level.analog == aufbau", levels={"analog": "aufbau"})
    assert holds("level.analog in [einstieg, aufbau]", levels={"analog": "aufbau"})
    assert holds("profile == blended", blend_type="blended")
    assert holds("profile != blended", blend_type="am_anfang")


def test_visibility_uses_earlier_answers(minimal_ruleset) -> None:
    rs = minimal_ruleset
    app = rs.question("app_gepflegt")
    assert not rs.is_visible(app, {})
    assert not rs.is_visible(app, {"kanaele": ["website"]})
    assert rs.is_visible(app, {"kanaele": ["website", "app"]})
    assert not rs.is_visible(app, {"kanaele": "unknown"})
    contact = rs.question("ansprechperson")
    assert rs.is_visible(contact, {"org_type": "kommune"})
    assert not rs.is_visible(contact, {"org_type": "wohlfahrt"})
    assert [q.id for q in rs.visible_questions({"org_type": "wohlfahrt"})] == [
        "org_type", "web", "sprachen", "kanaele", "beratung", "partner", "notizen"]


def test_recommendation_conditions_see_scores_levels_and_profile(minimal_ruleset) -> None:
    answers = {"org_type": "kommune", "web": "ja", "sprachen": 5, "kanaele": ["messenger", "website"],
               "beratung": "ja", "partner": "ja", "ansprechperson": "ja"}
    result = evaluate(minimal_ruleset, answers)
    assert result.blend.type == "blended"
    assert "r_blended_halten" in [r.id for r in result.recommendations]
    weaker = {**answers, "partner": "teilweise", "beratung": "nein", "ansprechperson": "nein"}
    result = evaluate(minimal_ruleset, weaker)
    # analog: 1 of 6 points -> 17 < 40, so "partner == nein or score.analog < 40" fires through the score
    assert result.dimension("analog").score == 17
    fired = {r.id: r for r in result.recommendations}
    assert [(t.clause, t.value, t.actual) for t in fired["r_partner_finden"].trace] == [
        ("partner == nein", False, "teilweise"), ("score.analog < 40", True, 17)]


# -- reachability (E130) -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("points.web <= 1", True),
        ("points.web > 2", False),  # the scale gives at most 2
        ("points.kanaele == 2", True),
        ("points.kanaele > 2", False),  # capped by max_points
        ("points.sprachen == 1", True),
        ("points.sprachen == 3", False),  # no band gives 3
        ("web == ja and web == nein", False),
        ("web == ja or web == nein", True),
        ("web == ja and not web in [ja, nein]", False),
        ("web is unknown and web is answered", False),
        ("web is unknown", True),
        ("beratung is not_applicable", True),
        ("score.analog > 100", False),
        ("score.analog >= 100", True),
        ("score.analog < 0", False),
        ("level.analog == einstieg and level.analog == etabliert", False),
        ("profile == blended and profile == am_anfang", False),
        ("profile == blended", True),
        ("sprachen < 0", False),  # min: 0
        ("sprachen > 200", False),  # max: 200
        ("sprachen >= 200", True),
        ("kanaele contains app and kanaele contains website", True),
        ("app_gepflegt == ja", True),
        ("app_gepflegt == ja and not kanaele contains app", False),  # hidden unless app is chosen
        ("ansprechperson == nein and org_type == wohlfahrt", False),  # asked of Kommunen only
        ("notizen == \"egal\"", True),
    ],
)
def test_can_fire_for_everyone(minimal_ruleset, source: str, expected: bool) -> None:
    assert can_fire(minimal_ruleset, parse_condition(source), ("all",), ORG_TYPES) is expected


@pytest.mark.parametrize(
    ("source", "audience", "expected"),
    [
        ("ansprechperson == nein", ("kommune",), True),
        ("ansprechperson == nein", ("wohlfahrt",), False),  # the question is only asked of Kommunen
        ("ansprechperson == nein", ("wohlfahrt", "digitale_initiative"), False),
        ("ansprechperson == nein", ("wohlfahrt", "kommune"), True),
        ("org_type == kommune", ("wohlfahrt",), False),
        ("org_type in [kommune, wohlfahrt]", ("wohlfahrt",), True),
        ("org_type is unanswered", ("wohlfahrt",), True),  # type unknown: every recommendation applies
        ("web == nein", ("digitale_initiative",), True),
    ],
)
def test_can_fire_respects_the_audience(minimal_ruleset, source: str, audience: tuple[str, ...],
                                        expected: bool) -> None:
    assert can_fire(minimal_ruleset, parse_condition(source), audience, ORG_TYPES) is expected
