"""Visibility rules exported for the browser (``client_condition``): exact, or not at all.

The browser evaluates the exported tree while people answer; the server evaluates the parsed
condition after saving. ``browser_holds`` below is the browser's meaning, written down again from
the rules in docs/rules.md; every export must agree with the engine for every answer a page can
hold, else the page would show other questions than the server asks.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from selfcheck.engine.conditions import FALSE, TRUE, ClientCondition, client_condition, parse_condition

SPECIAL = ("unknown", "not_applicable")


class Answers:
    """Facts from answers only, as visibility rules see them."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers

    def answer(self, question_id: str) -> Any:
        return self.answers.get(question_id)

    def points(self, question_id: str) -> int | None:
        return {"ja": 2, "nein": 0}.get(self.answers.get(question_id))  # type: ignore[arg-type]

    def score(self, dimension_id: str) -> int | None:
        return None

    def level(self, dimension_id: str) -> str | None:
        return None

    def profile(self) -> str | None:
        return None

    def gaps(self) -> int:
        return 0


def browser_holds(node: ClientCondition, page_answers: dict[str, Any]) -> bool:
    """What enhance.js decides for ``node`` (a comparison without a real answer is false)."""
    op = node["op"]
    if op == "const":
        return node["value"] is True
    if op in ("all", "any"):
        results = [browser_holds(item, page_answers) for item in node["items"]]
        return all(results) if op == "all" else any(results)
    if op == "not":
        return not browser_holds(node["items"][0], page_answers)
    actual, value = page_answers.get(node["question"]), node["value"]
    if op == "is":
        if value == "answered":
            return actual is not None and actual not in SPECIAL
        return actual is None if value == "unanswered" else actual == value
    if actual is None or actual in SPECIAL:
        return False
    if op == "contains":
        return isinstance(actual, list) and value in actual
    if op in ("in", "not in"):
        found = not isinstance(actual, list) and actual in value  # type: ignore[operator]
        return found if op == "in" else not found
    return actual == value if op == "==" else actual != value


PAGE = {"web": "single", "kanaele": "multi", "sprachen": "number", "notizen": "text"}
WEB_ANSWERS = [None, "ja", "nein", "teilweise", "unknown", "not_applicable"]
KANAELE_ANSWERS = [None, ["app"], ["website"], ["app", "website"], ["keine"], "unknown"]


def test_answers_from_earlier_steps_are_decided_now() -> None:
    condition = parse_condition("org_type == kommune and web == ja")
    assert client_condition(condition, page=PAGE, facts=Answers({"org_type": "kommune"})) == {
        "op": "==", "question": "web", "value": "ja"}
    assert client_condition(condition, page=PAGE, facts=Answers({"org_type": "wohlfahrt"})) == FALSE
    either = parse_condition("org_type == kommune or web == ja")
    assert client_condition(either, page=PAGE, facts=Answers({"org_type": "kommune"})) == TRUE


def test_shipped_forms_become_small_trees() -> None:
    keine = parse_condition("not kanaele contains keine")
    assert client_condition(keine, page=PAGE, facts=Answers({})) == {
        "op": "not", "items": [{"op": "contains", "question": "kanaele", "value": "keine"}]}
    nobody = parse_condition("web not in [nein]")
    assert client_condition(nobody, page=PAGE, facts=Answers({})) == {
        "op": "not in", "question": "web", "value": ["nein"]}
    nested = parse_condition("(web == ja or web is unknown) and not (org_type == x or kanaele contains app)")
    tree = client_condition(nested, page=PAGE, facts=Answers({"org_type": "y"}))
    assert tree == {"op": "all", "items": [
        {"op": "any", "items": [{"op": "==", "question": "web", "value": "ja"},
                                {"op": "is", "question": "web", "value": "unknown"}]},
        {"op": "not", "items": [{"op": "contains", "question": "kanaele", "value": "app"}]}]}
    assert json.loads(json.dumps(tree)) == tree


@pytest.mark.parametrize(
    "source",
    [
        "sprachen >= 3",                     # a number typed on the page: the server reads it
        "notizen is answered",               # text is cleaned on the server first
        "points.web >= 1",                   # points of a page question
        "org_type == kommune and (web == ja or sprachen > 2)",
        "not notizen == 'x'",
    ],
)
def test_what_cannot_be_exact_is_left_to_the_server(source: str) -> None:
    assert client_condition(parse_condition(source), page=PAGE, facts=Answers({"org_type": "kommune"})) is None


def test_points_and_numbers_of_earlier_steps_are_fine() -> None:
    condition = parse_condition("points.frueher >= 1 and alter > 3 and web == ja")
    facts = Answers({"frueher": "ja", "alter": 5})
    assert client_condition(condition, page=PAGE, facts=facts) == {"op": "==", "question": "web", "value": "ja"}


def test_order_on_a_choice_is_never_true() -> None:
    assert client_condition(parse_condition("web >= 1"), page=PAGE, facts=Answers({})) == FALSE


@pytest.mark.parametrize(
    "source",
    [
        "web == ja", "web != ja", "web in [ja, teilweise]", "web not in [nein]", "web == 2",
        "web is answered", "web is unanswered", "web is unknown", "web is not_applicable",
        "kanaele contains app", "not kanaele contains keine", "kanaele == app", "kanaele != app",
        "kanaele in [app]", "kanaele not in [app]", "kanaele is answered", "kanaele is unknown",
        "kanaele is unanswered", "web == ja and not kanaele contains app", "org_type == a or web is unknown",
        "not (web == nein or kanaele contains website) and org_type in [a, b]",
    ],
)
@pytest.mark.parametrize("org_type", [None, "a", "c"])
def test_the_browser_decides_as_the_engine_for_every_answer(source: str, org_type: str | None) -> None:
    condition = parse_condition(source)
    earlier = {} if org_type is None else {"org_type": org_type}
    tree = client_condition(condition, page=PAGE, facts=Answers(earlier))
    assert tree is not None
    for web, kanaele in itertools.product(WEB_ANSWERS, KANAELE_ANSWERS):
        page_answers = {k: v for k, v in {"web": web, "kanaele": kanaele}.items() if v is not None}
        expected = condition.evaluate(Answers(earlier | page_answers))
        assert browser_holds(tree, page_answers) is expected, (source, org_type, page_answers, tree)
