"""The pure group aggregation in selfcheck.engine.group."""

from __future__ import annotations

import random
import subprocess
import sys
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from selfcheck.engine import evaluate, normalise_answers
from selfcheck.engine.group import Respondent, partnership_questions, summarise


def respondent(ruleset: Any, answers: dict[str, Any]) -> Respondent:
    normal, problems = normalise_answers(ruleset, answers)
    assert not problems
    return Respondent(normal, evaluate(ruleset, normal))


BASE = {"org_type": "wohlfahrt", "messenger": "ja", "sprachen": 5, "partner": ["kommune"], "absprachen": "ja"}


def test_agreement_has_no_agenda_and_a_split_leads_it(group_ruleset: Any) -> None:
    same = [respondent(group_ruleset, {**BASE, "web": "ja"}) for _ in range(3)]
    summary = summarise(group_ruleset, same)
    assert summary.agenda == ()
    assert all(q.divergence == 0 for q in summary.questions)

    split = [respondent(group_ruleset, {**BASE, "web": w}) for w in ("ja", "ja", "nein", "nein")]
    summary = summarise(group_ruleset, split)
    top = summary.agenda[0]
    assert top.question_id == "web"
    assert top.divergence == 1.0  # evenly split between the two ends
    assert top.spread == 1.0
    assert top.modal_share == 0.5
    assert top.counts == {"ja": 2, "nein": 2}


def test_divergence_orders_by_distance_not_only_by_disagreement(group_ruleset: Any) -> None:
    people = [
        respondent(group_ruleset, {**BASE, "web": "ja", "absprachen": "ja"}),
        respondent(group_ruleset, {**BASE, "web": "ja", "absprachen": "teilweise"}),
        respondent(group_ruleset, {**BASE, "web": "nein", "absprachen": "teilweise"}),
    ]
    summary = summarise(group_ruleset, people)
    order = [q.question_id for q in summary.agenda]
    assert order == ["web", "absprachen"]  # ja/ja/nein is further apart than ja/teilweise/teilweise
    web = summary.agenda[0]
    assert web.divergence == round(2 * (0 + 0 + 1) / 3, 4)


def test_unknown_answers_are_counted_apart_and_hidden_questions_ignored(group_ruleset: Any) -> None:
    people = [
        respondent(group_ruleset, {**BASE, "web": "unknown"}),
        respondent(group_ruleset, {**BASE, "web": "ja"}),
        respondent(group_ruleset, {**BASE, "web": "nein"}),
        # "ansprechperson" is only asked of municipalities: a stray answer does not count.
        respondent(group_ruleset, {**BASE, "web": "nein", "ansprechperson": "ja"}),
    ]
    summary = summarise(group_ruleset, people)
    web = next(q for q in summary.questions if q.question_id == "web")
    assert web.answered == 3
    assert web.unknown == 1
    assert all(q.question_id != "ansprechperson" for q in summary.questions)


def test_distributions_medians_levels_and_blend(group_ruleset: Any) -> None:
    people = [
        respondent(group_ruleset, {**BASE, "web": w, "messenger": m, "sprachen": s})
        for w, m, s in (("ja", "ja", 5), ("nein", "nein", 1), ("teilweise", "ja", 3))
    ]
    summary = summarise(group_ruleset, people)
    digital = next(d for d in summary.dimensions if d.id == "digital")
    assert digital.scores == (0, 67, 100)
    assert digital.median == 67
    assert digital.levels == {"einstieg": 1, "aufbau": 1, "etabliert": 1}
    assert sum(summary.blend.types.values()) == 3
    assert summary.blend.types["blended"] == 2  # partnerships score high for all three
    # The group's own profile: the blend type of each axis' median over the respondents.
    assert summary.blend.axis_medians["digital"] == 67
    assert summary.blend.group_type == "blended"


def test_shared_recommendations_need_more_than_half(group_ruleset: Any) -> None:
    people = [
        respondent(group_ruleset, {**BASE, "web": "nein", "messenger": "nein"}),
        respondent(group_ruleset, {**BASE, "web": "nein", "messenger": "ja"}),
        respondent(group_ruleset, {**BASE, "web": "ja", "messenger": "ja"}),
    ]
    shared = summarise(group_ruleset, people).shared_recommendations
    assert [(s.id, s.count) for s in shared] == [("r_uebersetzen", 2)]
    assert shared[0].share == round(2 / 3, 4)
    two = summarise(group_ruleset, people[:2]).shared_recommendations
    assert [s.id for s in two] == ["r_uebersetzen"]  # 2 of 2; the messenger one is 1 of 2: not "most"


def test_partnership_matrix_by_actor_type(group_ruleset: Any) -> None:
    assert [q.id for q in partnership_questions(group_ruleset)] == ["partner"]
    people = [
        respondent(group_ruleset, {**BASE, "org_type": "kommune", "partner": ["wohlfahrt", "digitale_initiative"]}),
        respondent(group_ruleset, {**BASE, "org_type": "wohlfahrt", "partner": ["kommune"]}),
        respondent(group_ruleset, {**BASE, "org_type": "wohlfahrt", "partner": ["kommune", "wohlfahrt"]}),
        respondent(group_ruleset, {**BASE, "org_type": "wohlfahrt", "partner": ["keine"]}),
    ]
    matrix = summarise(group_ruleset, people).partnerships
    assert matrix.respondents == {"kommune": 1, "wohlfahrt": 3}
    assert matrix.count("kommune", "wohlfahrt") == 1
    assert matrix.count("kommune", "digitale_initiative") == 1
    assert matrix.count("wohlfahrt", "kommune") == 2
    assert matrix.count("wohlfahrt", "wohlfahrt") == 1
    assert matrix.count("migrantenorganisation", "kommune") == 0
    assert not matrix.empty


def test_minimal_rule_set_has_no_partnership_question(minimal_ruleset: Any) -> None:
    matrix = summarise(minimal_ruleset, []).partnerships
    assert matrix.actor_types == ()
    assert matrix.empty


def test_group_module_stays_pure() -> None:
    code = (
        "import sys, selfcheck.engine.group; "
        "print(sorted(m for m in ('flask', 'sqlalchemy', 'wtforms', 'weasyprint') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


ANSWER_CHOICES = {
    "org_type": ["kommune", "wohlfahrt", "migrantenorganisation", "digitale_initiative"],
    "web": ["ja", "teilweise", "nein", "unknown"],
    "messenger": ["ja", "teilweise", "nein"],
    "absprachen": ["ja", "teilweise", "nein", "unknown"],
}


@st.composite
def answer_sets(draw: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {qid: draw(st.sampled_from(options)) for qid, options in ANSWER_CHOICES.items()}
    answers["sprachen"] = draw(st.integers(0, 12))
    answers["partner"] = draw(
        st.lists(st.sampled_from(["kommune", "wohlfahrt", "migrantenorganisation", "digitale_initiative"]),
                 unique=True, max_size=4)
    ) or ["keine"]
    return answers


@settings(max_examples=60, deadline=None)
@given(st.lists(answer_sets(), min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_summary_is_bounded_and_order_free(group_ruleset: Any, answer_list: list[dict[str, Any]],
                                           rnd: random.Random) -> None:
    people = [respondent(group_ruleset, answers) for answers in answer_list]
    summary = summarise(group_ruleset, people)
    shuffled = people[:]
    rnd.shuffle(shuffled)
    assert summarise(group_ruleset, shuffled) == summary
    assert summary.size == len(people)
    for question in summary.questions:
        assert 0 <= question.divergence <= 1
        assert 0 <= question.spread <= 1
        assert 0 < question.modal_share <= 1
        assert sum(question.counts.values()) == question.answered
        assert (question.divergence == 0) == (question.spread == 0)
    for dimension in summary.dimensions:
        assert len(dimension.scores) + dimension.without_score == len(people)
        if dimension.scores:
            assert dimension.scores[0] <= dimension.median <= dimension.scores[-1]
    assert sum(summary.blend.types.values()) == len(people)
    for shared in summary.shared_recommendations:
        assert shared.count * 2 > len(people)
    for row, count in summary.partnerships.respondents.items():
        assert all(summary.partnerships.count(row, column) <= count for column in summary.partnerships.actor_types)
