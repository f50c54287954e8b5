"""evaluate(): scores, levels, completeness, knowledge gaps, blend type, recommendations, trace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from selfcheck.engine import ENGINE_VERSION, evaluate, load_ruleset
from selfcheck.engine.scoring import AnswerCounts, Result
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


def test_not_applicable_leaves_the_score_and_unknown_counts_as_no_points(minimal_ruleset) -> None:
    applicable = evaluate(minimal_ruleset, {"beratung": "not_applicable", "partner": "ja"}).dimension("analog")
    assert applicable.score == 100  # partner 2 of 2; beratung does not apply
    assert [(c.question, c.status, c.points) for c in applicable.contributions] == [
        ("beratung", "not_applicable", None), ("partner", "scored", 2)]
    assert applicable.counts == AnswerCounts(answered=1, unknown=0, not_applicable=1, unanswered=0)
    assert (applicable.answered, applicable.visible, applicable.completeness) == (1, 2, 50)
    unknown = evaluate(minimal_ruleset, {"beratung": "unknown", "partner": "ja"}).dimension("analog")
    assert unknown.score == 50  # "Weiß nicht" never raises a score: beratung 0 of 2, partner 2 of 2
    assert unknown.counts == AnswerCounts(answered=1, unknown=1, not_applicable=0, unanswered=0)
    assert (unknown.answered, unknown.completeness) == (1, 50)


def test_a_theme_needs_enough_real_answers_for_a_score(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("ruleset.yaml", "  min_coverage: 0", "  min_coverage: 50"))
    one_of_three = evaluate(rs, {"web": "ja", "sprachen": "unknown", "kanaele": "unknown"}).dimension("digital")
    assert (one_of_three.score, one_of_three.level, one_of_three.coverage) == (None, None, 33)
    two_of_three = evaluate(rs, {"web": "ja", "sprachen": 1, "kanaele": "unknown"}).dimension("digital")
    assert two_of_three.coverage == 67
    assert two_of_three.score == 33  # (2 + 0 + 0) / (2 + 2 + 2): one language gives no points, the unknown none
    all_unknown = evaluate(rs, {"web": "unknown", "sprachen": "unknown", "kanaele": "unknown", "partner": "unknown",
                                "beratung": "unknown"})
    assert all_unknown.completeness == 0
    assert all(d.score is None for d in all_unknown.dimensions)
    assert all_unknown.blend.type is None


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


def test_completeness_counts_only_real_answers(minimal_ruleset) -> None:
    result = evaluate(minimal_ruleset, {"org_type": "kommune", "web": "ja", "kanaele": ["app"],
                                        "beratung": "unknown", "notizen": "x"})
    digital, analog = result.dimensions
    assert (digital.answered, digital.visible, digital.completeness) == (2, 4, 50)  # app_gepflegt now visible
    assert (analog.answered, analog.visible, analog.completeness) == (0, 3, 0)  # "Weiß nicht" is no answer
    assert result.counts == AnswerCounts(answered=2, unknown=1, not_applicable=0, unanswered=4)
    assert result.completeness == 29  # 2 real answers of 7 asked questions
    assert result.gap_share == 71
    assert evaluate(minimal_ruleset, {}).completeness == 0
    assert evaluate(minimal_ruleset, KOMMUNE_ALL_NO).completeness == 83  # 5 of 6: beratung is "Weiß nicht"


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
    result = evaluate(rs, answers)  # type not given: only what is for everybody
    assert result.organisation_type is None
    assert "r_online_starten" not in ids(result)
    assert evaluate(rs, {**answers, "org_type": "kommune"}).organisation_type == "kommune"


def test_priority_is_base_plus_half_the_weighted_gap(tmp_path: Path, minimal_ruleset) -> None:
    answers = {"web": "teilweise", "sprachen": 1, "kanaele": ["messenger"], "beratung": "unknown"}
    result = evaluate(minimal_ruleset, answers)
    by_id = {r.id: r for r in result.recommendations}
    assert result.dimension("digital").score == 33
    assert by_id["r_online_starten"].priority == 84  # 50 + 67 / 2 (33.5 rounds half up)
    assert [(p.name, p.points) for p in by_id["r_online_starten"].priority_parts] == [("base", 50), ("theme_gap", 34)]
    assert by_id["r_wissen"].priority == 50  # knowledge: its base only, no theme gap
    assert "r_partner_finden" not in by_id  # analog has no score, partner unanswered
    weighted = variant(tmp_path, ("recommendations.yaml", "effort: medium\n",
                                  "effort: medium\n    weight: 1.5\n    priority: 40\n"))
    assert {r.id: r.priority for r in evaluate(weighted, answers).recommendations}["r_online_starten"] == 90
    # 40 + 67 * 1.5 / 2 = 40 + 50.25


def test_a_theme_without_score_counts_as_a_gap_of_50_and_own_audiences_get_a_boost(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("recommendations.yaml", "when: \"ansprechperson == nein\"",
                            "when: \"ansprechperson == nein or beratung is unknown\""))
    result = evaluate(rs, {"org_type": "kommune", "beratung": "unknown"})
    assert result.dimension("analog").score is None
    parts = {r.id: r.priority_parts for r in result.recommendations}["r_ansprechperson"]
    assert [(p.name, p.points) for p in parts] == [("base", 50), ("theme_gap", 25), ("audience", 15)]


@pytest.mark.parametrize(("condition", "boosted"), [
    ("profile == blended", True),
    ("profile in [am_anfang, blended]", True),
    ("web == ja and not profile == am_anfang", False),  # excluding a profile is no reason to boost
])
def test_the_profile_boost_needs_a_condition_that_names_the_respondents_profile(
        tmp_path: Path, condition: str, boosted: bool) -> None:
    rs = variant(tmp_path, ("recommendations.yaml", 'when: "profile == blended"', f'when: "{condition}"'))
    result = evaluate(rs, {"web": "ja", "partner": "ja"})
    assert result.blend.type == "blended"
    parts = {r.id: [p.name for p in r.priority_parts] for r in result.recommendations}["r_blended_halten"]
    assert ("profile" in parts) is boosted


def test_ranking_by_priority_then_effort_then_file_order(minimal_ruleset) -> None:
    result = evaluate(minimal_ruleset, KOMMUNE_ALL_NO)
    ranked = [(r.id, r.priority, r.rank, r.next_step) for r in result.recommendations]
    assert ranked == [
        ("r_ansprechperson", 115, 1, True),  # written for municipalities: + 15
        ("r_partner_finden", 100, 2, True),  # low effort
        ("r_online_starten", 100, 3, True),  # medium effort
        ("r_wissen", 50, 4, False),  # knowledge comes after the actions
    ]
    assert [r.id for r in result.next_steps] == ["r_ansprechperson", "r_partner_finden", "r_online_starten"]


def test_effort_beats_file_order(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("recommendations.yaml", "effort: low\n    sources:\n      - {source: blended_impact",
                            "effort: high\n    sources:\n      - {source: blended_impact"))
    result = evaluate(rs, KOMMUNE_ALL_NO)
    assert [r.id for r in result.recommendations] == ["r_ansprechperson", "r_online_starten", "r_partner_finden",
                                                      "r_wissen"]


def test_ties_keep_file_order(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("recommendations.yaml", "    audience: [kommune]\n", ""))
    result = evaluate(rs, KOMMUNE_ALL_NO)  # both analog, low effort, priority 100: file order decides
    assert [(r.id, r.priority) for r in result.recommendations][:2] == [("r_partner_finden", 100),
                                                                        ("r_ansprechperson", 100)]


def test_trace_names_each_clause_its_value_and_what_it_saw(minimal_ruleset) -> None:
    result = evaluate(minimal_ruleset, KOMMUNE_ALL_NO)
    trace = {r.id: [(t.clause, t.value, t.actual) for t in r.trace] for r in result.recommendations}
    assert trace["r_online_starten"] == [("points.web <= 1", True, 0)]
    assert trace["r_partner_finden"] == [("partner == nein", True, "nein"), ("score.analog < 40", True, 0)]
    assert trace["r_wissen"] == [("beratung is unknown", True, "unknown"), ("web is unknown", False, "nein")]
    blended = evaluate(minimal_ruleset, {"web": "ja", "partner": "ja"})
    assert [(t.clause, t.value, t.actual) for t in blended.recommendations[0].trace] == [
        ("profile == blended", True, "blended")]


# -- steps that follow the profile ------------------------------------------------------------------------
TAILORED_PARTNER_STEPS = (
    "recommendations.yaml",
    "      - {de: Rollen klären., en: Clarify roles.}\n",
    '      - {when: "org_type == kommune", text: {de: Ansprechperson benennen., en: Name a contact.}}\n'
    '      - {when: "org_type != kommune", text: {de: Die Kommune fragen., en: Ask the municipality.}}\n'
    "      - {de: Rollen klären., en: Clarify roles.}\n",
)


@pytest.mark.parametrize(("org_type", "expected"), [
    ("kommune", ["Runden Tisch besuchen.", "Ansprechperson benennen.", "Rollen klären."]),
    ("wohlfahrt", ["Runden Tisch besuchen.", "Die Kommune fragen.", "Rollen klären."]),
])
def test_a_recommendation_shows_the_steps_that_fit_the_profile(tmp_path, org_type, expected) -> None:
    ruleset = variant(tmp_path, TAILORED_PARTNER_STEPS)
    fired = next(r for r in evaluate(ruleset, {"org_type": org_type, "partner": "nein"}).recommendations
                 if r.id == "r_partner_finden")
    rule = ruleset.recommendation("r_partner_finden")
    assert [rule.steps[i].text.de for i in fired.steps] == expected


# -- the result as data ---------------------------------------------------------------------------------
def test_to_dict_has_the_documented_shape_and_survives_json(minimal_ruleset) -> None:
    data = evaluate(minimal_ruleset, {**KOMMUNE_ALL_NO, "kanaele": ["messenger", "app"]}).to_dict()
    assert data == json.loads(json.dumps(data))
    assert set(data) == {"ruleset", "engine_version", "organisation_type", "completeness", "dimensions", "blend",
                         "knowledge_gaps", "recommendations", "counts", "gap_share", "knowledge_first"}
    assert set(data["counts"]) == {"answered", "unknown", "not_applicable", "unanswered"}
    assert data["ruleset"] == {"id": "minimal", "version": "1.0", "hash": minimal_ruleset.hash}
    assert data["engine_version"] == ENGINE_VERSION
    dimension = data["dimensions"][0]
    assert set(dimension) == {"id", "score", "level", "completeness", "answered", "visible", "contributions",
                              "counts", "coverage"}
    assert set(dimension["contributions"][0]) == {"question", "answer", "points", "max_points", "weight", "status"}
    assert dimension["contributions"][2]["answer"] == ["messenger", "app"]
    assert set(data["blend"]) == {"type", "axes", "close_to"}
    assert set(data["blend"]["axes"][0]) == {"id", "score", "high", "near", "stage"}
    assert set(data["knowledge_gaps"][0]) == {"question", "dimension", "reason"}
    recommendation = data["recommendations"][0]
    assert set(recommendation) == {"id", "dimension", "priority", "rank", "next_step", "trace", "kind",
                                   "priority_parts", "steps"}
    assert recommendation["steps"] == [0, 1]
    assert set(recommendation["priority_parts"][0]) == {"name", "points"}
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


# -- prioritisation as data ---------------------------------------------------------------------------
def test_knowledge_leads_the_next_steps_only_when_gaps_dominate(minimal_ruleset) -> None:
    few_gaps = evaluate(minimal_ruleset, KOMMUNE_ALL_NO)  # one "Weiß nicht" of six
    assert not few_gaps.knowledge_first
    assert "r_wissen" not in [r.id for r in few_gaps.next_steps]
    many_gaps = evaluate(minimal_ruleset, {"org_type": "kommune", "web": "unknown", "partner": "nein",
                                           "beratung": "unknown"})
    assert many_gaps.gap_share >= minimal_ruleset.results.knowledge_first
    assert many_gaps.knowledge_first
    assert [r.id for r in many_gaps.next_steps][0] == "r_wissen"


def test_next_steps_come_from_at_least_two_themes(tmp_path: Path) -> None:
    # a second analog recommendation that outranks the digital one
    rs = variant(tmp_path, ("recommendations.yaml", "  - id: r_wissen\n", """\
  - id: r_beratung_staerken
    dimension: analog
    when: "partner == nein"
    priority: 60
    title: {de: Beratung stärken, en: Strengthen counselling}
    why: {de: Damit Menschen ankommen., en: So people arrive.}
    steps:
      - {de: Zeiten festlegen., en: Set times.}
      - {de: Bekannt machen., en: Announce them.}
    effort: low
    sources:
      - {source: bertelsmann, evidence: related_study}
  - id: r_wissen
"""))
    result = evaluate(rs, KOMMUNE_ALL_NO)
    priorities = {r.id: r.priority for r in result.recommendations}
    # by priority (then low effort first) the three best are all analog ...
    assert priorities == {"r_ansprechperson": 115, "r_beratung_staerken": 110, "r_partner_finden": 100,
                          "r_online_starten": 100, "r_wissen": 50}
    # ... so the third next step comes from another theme
    assert [r.id for r in result.next_steps] == ["r_ansprechperson", "r_beratung_staerken", "r_online_starten"]
    assert [r.id for r in result.recommendations][3:] == ["r_partner_finden", "r_wissen"]


def test_a_more_specific_recommendation_replaces_a_general_one(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("recommendations.yaml", "    audience: [kommune]\n",
                            "    audience: [kommune]\n    replaces: [r_partner_finden]\n"))
    assert "r_partner_finden" in ids(evaluate(rs, {**KOMMUNE_ALL_NO, "ansprechperson": "ja"}))
    assert "r_partner_finden" not in ids(evaluate(rs, KOMMUNE_ALL_NO))


def test_gaps_can_be_named_in_a_condition(tmp_path: Path) -> None:
    rs = variant(tmp_path, ("recommendations.yaml", 'when: "beratung is unknown or web is unknown"',
                            'when: "gaps >= 50"'))
    assert "r_wissen" not in ids(evaluate(rs, KOMMUNE_ALL_NO))
    assert "r_wissen" in ids(evaluate(rs, {"web": "unknown", "partner": "nein"}))


# -- "knapp", stages and role profiles ------------------------------------------------------------------
NEAR_AND_STAGES = ("ruleset.yaml", "  threshold: 50\n",
                   "  threshold: 50\n  near: 10\n")
ANALOG_STAGES = ("ruleset.yaml", "    - {id: analog, label: {de: Analog, en: Analog}, dimensions: [analog]}\n",
                 "    - id: analog\n      label: {de: Analog, en: Analog}\n      dimensions: [analog]\n"
                 "      stages:\n"
                 "        - {id: kontakt, min: 0, max: 49, label: {de: Kontakt, en: Contact}}\n"
                 "        - {id: kooperation, min: 50, max: 100, label: {de: Kooperation, en: Cooperation}}\n")


def test_a_score_near_the_threshold_is_knapp_and_names_the_type_a_small_change_would_give(
        tmp_path: Path, minimal_ruleset) -> None:
    rs = variant(tmp_path, NEAR_AND_STAGES)
    result = evaluate(rs, {"web": "teilweise", "partner": "ja", "beratung": "ja"})  # digital 50: just high
    assert result.blend.type == "blended"
    assert [a.near for a in result.blend.axes] == [True, False]
    assert result.blend.close_to == ("analog_verankert",)
    far = evaluate(rs, {"web": "ja", "partner": "ja"})
    assert (far.blend.type, far.blend.close_to) == ("blended", ())
    without_band = evaluate(minimal_ruleset, {"web": "teilweise", "partner": "ja", "beratung": "ja"})
    assert without_band.blend.close_to == ()


def test_an_axis_with_stages_names_the_stage_of_its_score(tmp_path: Path) -> None:
    rs = variant(tmp_path, ANALOG_STAGES)
    assert [a.stage for a in evaluate(rs, {"partner": "ja", "beratung": "nein"}).blend.axes] == [None, "kooperation"]
    assert [a.stage for a in evaluate(rs, {"partner": "nein"}).blend.axes] == [None, "kontakt"]
    assert [a.stage for a in evaluate(rs, {}).blend.axes] == [None, None]  # no score, no stage


FUNDER_ROLE = ("ruleset.yaml", "  types:\n    - {id: am_anfang,",
               "  roles:\n"
               "    - audiences: [wohlfahrt]\n"
               "      axes:\n"
               "        - {id: digital, label: {de: Förderung digital, en: Funding digital}, questions: [web]}\n"
               "        - {id: analog, label: {de: Förderung vor Ort, en: Funding on site}, questions: [partner]}\n"
               "      types:\n"
               "        - {id: f_wenig, when: {digital: low, analog: any}, label: {de: Wenig, en: Little}}\n"
               "        - {id: f_digital, when: {digital: high, analog: any}, label: {de: Digital, en: Digital}}\n"
               "  types:\n    - {id: am_anfang,")


def test_a_role_profile_scores_its_own_questions_and_types_for_its_audience(tmp_path: Path) -> None:
    rs = variant(tmp_path, FUNDER_ROLE)
    answers = {"web": "ja", "partner": "nein", "beratung": "ja", "sprachen": 9}
    funder = evaluate(rs, {**answers, "org_type": "wohlfahrt"})
    assert funder.blend.type == "f_digital"
    assert [(a.id, a.score) for a in funder.blend.axes] == [("digital", 100), ("analog", 0)]
    others = evaluate(rs, {**answers, "org_type": "kommune"})
    assert others.blend.type == "blended"
    assert [(a.id, a.score) for a in others.blend.axes] == [("digital", 100), ("analog", 50)]
    assert rs.blend_type("f_wenig").label.de == "Wenig"


def test_a_role_profile_must_use_the_same_axes_and_cover_every_case(tmp_path: Path) -> None:
    from selfcheck.engine import check_ruleset

    role = FUNDER_ROLE[2].replace("audiences: [wohlfahrt]", "audiences: [stiftung]")
    role = "\n".join(line for line in role.split("\n") if "f_digital" not in line)
    broken = (FUNDER_ROLE[0], FUNDER_ROLE[1], role)
    _rs, problems = check_ruleset(apply_edits(copy_minimal(tmp_path / "rules"), broken))
    messages = [p.message for p in problems if p.is_error]
    assert any("no blend type for {digital: high, analog: low} in the blend role for stiftung" in m for m in messages)
    assert any("unknown organisation type 'stiftung'" in m for m in messages)


def test_a_group_counts_role_profiles_but_leaves_them_out_of_its_medians(tmp_path: Path) -> None:
    from selfcheck.engine.group import Respondent, blend_summary

    rs = variant(tmp_path, FUNDER_ROLE)
    funder = {"org_type": "wohlfahrt", "web": "ja", "partner": "nein"}  # the role profile (funders)
    people = [{"org_type": "kommune", "web": "nein", "partner": "ja"}, funder, funder]
    summary = blend_summary(rs, [Respondent(a, evaluate(rs, a)) for a in people])
    assert summary.types["analog_verankert"] == 1
    assert summary.types["f_digital"] == 2
    assert summary.axis_medians == {"digital": 0, "analog": 100}  # the funders' axes are not mixed in
    assert summary.group_type == "analog_verankert"
