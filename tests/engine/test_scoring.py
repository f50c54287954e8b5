"""evaluate(): scores, levels, completeness, knowledge gaps, blend type, recommendations, trace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfcheck.engine import ENGINE_VERSION, evaluate, load_ruleset
from selfcheck.engine.scoring import Result
from tests.support.rulekit import apply_edits, copy_minimal

KOMMUNE_ALL_NO = {"org_type": "kommune", "web": "nein", "sprachen": 1, "kanaele": ["keine"], "beratung": "unknown",
                  "partner": "nein", "ansprechperson": "nein"}


def ids(result: Result) -> list[str]:
    return [r.id for r in result.recommendations]


def variant(tmp_path: Path, *edits: tuple[str, str, str]):
    return load_ruleset(apply_edits(copy_minimal(tmp_path / "rules"), *edits))


# -- scores -------------------------------------------------------------------------------------------
def test_score_adds_points_of_single_number_and_capped_multi(minimal_ruleset) -> None:
    answers = {"web": "ja", "sprachen": 3, "kanaele": ["messenger", "website", "app"], "app_gepflegt": "teilweise"}
    digital = evaluate(minimal_ruleset, answers).dimension("digital")
    # 2 + 1 (band 2-3) + min(3, 2) + 1 = 6 of 2 + 2 + 2 + 2
    assert [(c.question, c.points, c.max_points) for c in digital.contributions] == [
        ("web", 2, 2), ("sprachen", 1, 2), ("kanaele", 2, 2), ("app_gepflegt", 1, 2)]
    assert digital.score == 75
    assert digital.level == "etabliert"


@pytest.mark.parametrize(
    ("answers", "score"),
    [
        ({"web": "ja", "sprachen": 5, "kanaele": ["app"], "app_gepflegt": "nein"}, 63),  # 62.5: half up, not 62
        ({"web": "nein", "sprachen": 1, "kanaele": ["app"], "app_gepflegt": "nein"}, 13),  # 12.5
        ({"web": "teilweise", "sprachen": 5, "kanaele": ["messenger"]}, 67),  # 66.67
        ({"web": "teilweise", "sprachen": 1, "kanaele": ["messenger"]}, 33),  # 33.33
    ],
)
def test_score_rounds_half_up(minimal_ruleset, answers: dict, score: int) -> None:
    assert evaluate(minimal_ruleset, answers).dimension("digital").score == score


@pytest.mark.parametrize(("sprachen", "points"), [(0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (200, 2)])
def test_number_bands(minimal_ruleset, sprachen: int, points: int) -> None:
    contribution = evaluate(minimal_ruleset, {"sprachen": sprachen}).dimension("digital").contributions[1]
    assert (contribution.question, contribution.points) == ("sprachen", points)


def test_weights_count_points_and_maximum(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("dimensions.yaml", "      - id: web\n        type: single\n",
                            "      - id: web\n        type: single\n        weight: 3\n"))
    answers = {"web": "ja", "sprachen": 1, "kanaele": ["keine"]}
    # (2*3 + 0 + 0) / (2*3 + 2 + 2) = 60; without the weight it would be 2/6 = 33
    digital = evaluate(rs, answers).dimension("digital")
    assert digital.score == 60
    assert digital.contributions[0].weight == 3


@pytest.mark.parametrize("special", ["unknown", "not_applicable"])
def test_special_answers_leave_the_denominator(minimal_ruleset, special: str) -> None:
    result = evaluate(minimal_ruleset, {"beratung": special, "partner": "ja"})
    analog = result.dimension("analog")
    assert analog.score == 100  # partner 2 of 2; beratung counts neither way
    assert [(c.question, c.status, c.points) for c in analog.contributions] == [
        ("beratung", special, None), ("partner", "scored", 2)]
    assert (analog.answered, analog.visible, analog.completeness) == (2, 2, 100)


def test_knowledge_gaps_are_unknown_and_unanswered_only(minimal_ruleset) -> None:
    result = evaluate(minimal_ruleset, {"web": "unknown", "sprachen": 2, "beratung": "not_applicable"})
    gaps = [(g.question, g.dimension, g.reason) for g in result.knowledge_gaps]
    assert gaps == [("web", "digital", "unknown"), ("kanaele", "digital", "unanswered"),
                    ("partner", "analog", "unanswered")]


def test_no_real_answer_means_no_score_and_no_level(minimal_ruleset) -> None:
    result = evaluate(minimal_ruleset, {"web": "unknown", "beratung": "not_applicable"})
    for dimension in result.dimensions:
        assert (dimension.score, dimension.level) == (None, None)
    assert result.blend.type is None
    assert [a.high for a in result.blend.axes] == [None, None]


def test_hidden_questions_are_ignored_even_if_answered(minimal_ruleset) -> None:
    answers = {"org_type": "wohlfahrt", "kanaele": ["website"], "app_gepflegt": "nein", "partner": "ja",
               "ansprechperson": "nein"}
    result = evaluate(minimal_ruleset, answers)
    seen = [c.question for d in result.dimensions for c in d.contributions]
    assert "app_gepflegt" not in seen
    assert "ansprechperson" not in seen
    assert result.dimension("digital").score == 50  # website 1 of 2; the hidden "nein" does not pull it down
    assert result.dimension("analog").score == 100
    assert "r_ansprechperson" not in ids(result)
    assert all(g.question not in ("app_gepflegt", "ansprechperson") for g in result.knowledge_gaps)


def test_hidden_answer_does_not_open_later_questions(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("dimensions.yaml", "        visible_if: \"org_type == kommune\"\n",
                            "        visible_if: \"app_gepflegt == ja\"\n"))
    # app_gepflegt is hidden (no app), so its answer must not make ansprechperson visible
    result = evaluate(rs, {"kanaele": ["website"], "app_gepflegt": "ja", "ansprechperson": "nein"})
    assert "ansprechperson" not in [c.question for c in result.dimension("analog").contributions]
    result = evaluate(rs, {"kanaele": ["app"], "app_gepflegt": "ja", "ansprechperson": "nein"})
    assert "ansprechperson" in [c.question for c in result.dimension("analog").contributions]


def test_text_questions_are_never_scored(minimal_ruleset) -> None:
    result = evaluate(minimal_ruleset, {"notizen": "Wir sind neu.", "partner": "ja"})
    assert "notizen" not in [c.question for d in result.dimensions for c in d.contributions]
    assert result.dimension("analog").score == 100


# -- levels, completeness, blend ----------------------------------------------------------------------
@pytest.mark.parametrize(("score", "level"), [(0, "einstieg"), (39, "einstieg"), (40, "aufbau"), (69, "aufbau"),
                                              (70, "etabliert"), (100, "etabliert")])
def test_level_boundaries(minimal_ruleset, score: int, level: str) -> None:
    assert minimal_ruleset.dimension("digital").level_for(score).id == level


def test_dimension_levels_override_the_default(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("dimensions.yaml", "    title: {de: Analoge",
                            "    levels:\n"
                            "      - {id: wenig, min: 0, max: 89, label: {de: Wenig, en: Little}}\n"
                            "      - {id: viel, min: 90, max: 100, label: {de: Viel, en: Much}}\n"
                            "    title: {de: Analoge"),
                 ("examples/kommune_blended.yaml", "analog: aufbau}", "analog: wenig}"),
                 ("examples/wohlfahrt_anfang.yaml", "analog: einstieg}", "analog: wenig}"))
    result = evaluate(rs, {"partner": "ja", "beratung": "teilweise", "web": "teilweise"})
    assert (result.dimension("analog").score, result.dimension("analog").level) == (75, "wenig")
    assert result.dimension("digital").level == "aufbau"  # 1 of 2 = 50 on the default levels


def test_completeness_counts_visible_scored_questions_with_any_answer(minimal_ruleset) -> None:
    result = evaluate(minimal_ruleset, {"org_type": "kommune", "web": "ja", "kanaele": ["app"],
                                        "beratung": "unknown", "notizen": "x"})
    digital, analog = result.dimensions
    assert (digital.answered, digital.visible, digital.completeness) == (2, 4, 50)  # app_gepflegt now visible
    assert (analog.answered, analog.visible, analog.completeness) == (1, 3, 33)  # ansprechperson for Kommunen
    assert result.completeness == 43  # 3 of 7
    assert evaluate(minimal_ruleset, {}).completeness == 0
    assert evaluate(minimal_ruleset, KOMMUNE_ALL_NO).completeness == 100


@pytest.mark.parametrize(
    ("answers", "blend_type", "axes"),
    [
        ({"web": "nein", "partner": "nein"}, "am_anfang", [(0, False), (0, False)]),
        ({"web": "nein", "partner": "ja"}, "analog_verankert", [(0, False), (100, True)]),
        ({"web": "teilweise", "partner": "teilweise"}, "blended", [(50, True), (50, True)]),  # >= threshold
        ({"web": "ja", "sprachen": 1, "partner": "teilweise", "beratung": "nein"}, "digital_unterwegs",
         [(50, True), (25, False)]),
        ({"web": "ja"}, None, [(100, True), (None, None)]),
    ],
)
def test_blend_type(minimal_ruleset, answers: dict, blend_type: str | None, axes: list) -> None:
    result = evaluate(minimal_ruleset, answers)
    assert result.blend.type == blend_type
    assert [(a.score, a.high) for a in result.blend.axes] == axes
    assert [a.id for a in result.blend.axes] == ["digital", "analog"]


# -- recommendations ----------------------------------------------------------------------------------
def test_audience_filters_by_organisation_type(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("recommendations.yaml", "    dimension: digital\n",
                            "    dimension: digital\n    audience: [wohlfahrt, digitale_initiative]\n"))
    answers = {"web": "nein"}
    assert "r_online_starten" not in ids(evaluate(rs, {**answers, "org_type": "kommune"}))
    assert "r_online_starten" in ids(evaluate(rs, {**answers, "org_type": "wohlfahrt"}))
    result = evaluate(rs, answers)  # type not given: nothing is filtered out
    assert result.organisation_type is None
    assert "r_online_starten" in ids(result)
    assert evaluate(rs, {**answers, "org_type": "kommune"}).organisation_type == "kommune"


def test_priority_is_the_gap_times_the_weight(tmp_path: Path, minimal_ruleset) -> None:
    answers = {"web": "teilweise", "sprachen": 1, "kanaele": ["messenger"], "beratung": "unknown"}
    result = evaluate(minimal_ruleset, answers)
    by_id = {r.id: r for r in result.recommendations}
    assert result.dimension("digital").score == 33
    assert by_id["r_online_starten"].priority == 67
    assert by_id["r_wissen"].priority == 50  # no dimension: counts as a gap of 50
    assert "r_partner_finden" not in by_id  # analog has no score, partner unanswered
    weighted = variant(tmp_path, ("recommendations.yaml", "effort: medium\n", "effort: medium\n    weight: 1.5\n"))
    assert {r.id: r.priority for r in evaluate(weighted, answers).recommendations}["r_online_starten"] == 101
    # 67 * 1.5 = 100.5 rounds half up


def test_recommendation_of_a_dimension_without_score_has_priority_50(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("recommendations.yaml", "when: \"ansprechperson == nein\"",
                            "when: \"ansprechperson == nein or beratung is unknown\""))
    result = evaluate(rs, {"org_type": "kommune", "beratung": "unknown"})
    assert result.dimension("analog").score is None
    assert {r.id: r.priority for r in result.recommendations}["r_ansprechperson"] == 50


def test_ranking_by_priority_then_effort_then_file_order(minimal_ruleset) -> None:
    result = evaluate(minimal_ruleset, KOMMUNE_ALL_NO)
    ranked = [(r.id, r.priority, r.rank, r.next_step) for r in result.recommendations]
    assert ranked == [
        ("r_partner_finden", 100, 1, True),  # low effort, earlier in the file
        ("r_ansprechperson", 100, 2, True),  # low effort
        ("r_online_starten", 100, 3, True),  # medium effort
        ("r_wissen", 50, 4, False),
    ]
    assert [r.id for r in result.next_steps] == ["r_partner_finden", "r_ansprechperson", "r_online_starten"]


def test_effort_beats_file_order(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("recommendations.yaml", "effort: low\n    sources:\n      - {source: blended_impact",
                            "effort: high\n    sources:\n      - {source: blended_impact"))
    result = evaluate(rs, KOMMUNE_ALL_NO)
    assert [r.id for r in result.recommendations] == ["r_ansprechperson", "r_online_starten", "r_partner_finden",
                                                      "r_wissen"]


def test_ties_keep_file_order(minimal_ruleset) -> None:
    # analog 50 -> r_partner_finden priority 50 (low); r_wissen priority 50 (low), later in the file
    result = evaluate(minimal_ruleset, {"web": "unknown", "partner": "nein", "beratung": "ja"})
    assert [(r.id, r.priority) for r in result.recommendations] == [("r_partner_finden", 50), ("r_wissen", 50)]


def test_trace_names_each_clause_its_value_and_what_it_saw(minimal_ruleset) -> None:
    result = evaluate(minimal_ruleset, KOMMUNE_ALL_NO)
    trace = {r.id: [(t.clause, t.value, t.actual) for t in r.trace] for r in result.recommendations}
    assert trace["r_online_starten"] == [("points.web <= 1", True, 0)]
    assert trace["r_partner_finden"] == [("partner == nein", True, "nein"), ("score.analog < 40", True, 0)]
    assert trace["r_wissen"] == [("beratung is unknown", True, "unknown"), ("web is unknown", False, "nein")]
    blended = evaluate(minimal_ruleset, {"web": "ja", "partner": "ja"})
    assert [(t.clause, t.value, t.actual) for t in blended.recommendations[0].trace] == [
        ("profile == blended", True, "blended")]


# -- the result as data ---------------------------------------------------------------------------------
def test_to_dict_has_the_documented_shape_and_survives_json(minimal_ruleset) -> None:
    data = evaluate(minimal_ruleset, {**KOMMUNE_ALL_NO, "kanaele": ["messenger", "app"]}).to_dict()
    assert data == json.loads(json.dumps(data))
    assert set(data) == {"ruleset", "engine_version", "organisation_type", "completeness", "dimensions", "blend",
                         "knowledge_gaps", "recommendations"}
    assert data["ruleset"] == {"id": "minimal", "version": "1.0", "hash": minimal_ruleset.hash}
    assert data["engine_version"] == ENGINE_VERSION
    dimension = data["dimensions"][0]
    assert set(dimension) == {"id", "score", "level", "completeness", "answered", "visible", "contributions"}
    assert set(dimension["contributions"][0]) == {"question", "answer", "points", "max_points", "weight", "status"}
    assert dimension["contributions"][2]["answer"] == ["messenger", "app"]
    assert set(data["blend"]) == {"type", "axes"}
    assert set(data["blend"]["axes"][0]) == {"id", "score", "high"}
    assert set(data["knowledge_gaps"][0]) == {"question", "dimension", "reason"}
    recommendation = data["recommendations"][0]
    assert set(recommendation) == {"id", "dimension", "priority", "rank", "next_step", "trace"}
    assert set(recommendation["trace"][0]) == {"clause", "value", "actual"}


def test_result_is_deterministic_and_frozen(minimal_ruleset) -> None:
    first = evaluate(minimal_ruleset, KOMMUNE_ALL_NO)
    assert evaluate(minimal_ruleset, dict(reversed(KOMMUNE_ALL_NO.items()))) == first
    with pytest.raises(AttributeError):
        first.completeness = 0  # type: ignore[misc]


def test_the_audience_question_is_the_one_the_rule_set_declares(minimal_ruleset) -> None:
    """Audiences filter by the declared question; without one every recommendation is for everybody."""
    from dataclasses import replace

    from selfcheck.engine import evaluate

    answers = {"org_type": "kommune", "web": "nein"}
    declared = evaluate(minimal_ruleset, answers)
    assert declared.organisation_type == "kommune"
    undeclared = evaluate(replace(minimal_ruleset, audience_question=None, _index={}), answers)
    assert undeclared.organisation_type is None
    limited = [r.id for r in minimal_ruleset.recommendations if "all" not in r.audience]
    assert limited, "the minimal rule set must have a recommendation for some organisation types only"
