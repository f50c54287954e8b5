"""The loader and validator: one broken rule set per check, each with code, file, line and hint.

Every case copies the minimal rule set and breaks exactly one thing, so the expected problem
is known and its line can be looked up in the broken file itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from selfcheck.engine import RuleSetError, check_ruleset, load_ruleset, ruleset_to_dict
from selfcheck.engine.problems import Code
from tests.support.rulekit import MINIMAL, apply_edits, copy_minimal, line_with, only, problems_of

JTN_PARTNER = "      - id: partner\n        type: single\n        scale: jtn\n"
BANDS = """        bands:
          - {below: 2, label: {de: "0-1", en: "0-1"}, points: 0}
          - {below: 4, label: {de: "2-3", en: "2-3"}, points: 1}
          - {label: {de: "4 und mehr", en: "4 or more"}, points: 2}
"""
PARTNER_QUESTION = JTN_PARTNER + '        text: {de: "Haben Sie lokale Partner?", en: "Do you have local partners?"}\n'
R_PARTNER_SOURCES = "    sources:\n      - {source: blended_impact, evidence: study_hypothesis}\n"
ONLINE_SOURCE = "source: integreat, evidence: practice_example}\n  - id: r_partner"
UNCITED_SOURCE = "  - {id: unused, kind: survey, title: Nie zitiert, publisher: X, year: 2020, no_url: print}\n"
PUBLISHED_1_0 = json.dumps(ruleset_to_dict(load_ruleset(MINIMAL)))  # the minimal rule set, published as 1.0
STEP_ROLES = "      - {de: Rollen klären., en: Clarify roles.}\n"
STEP_FOR_KOMMUNE = '      - {when: "org_type == kommune", text: {de: Rollen klären., en: Clarify roles.}}\n'
RUNDEN = "      - {de: Runden"
MARK_PARTNER_STEPS = ("recommendations.yaml", "    steps:\n" + RUNDEN, "    steps:  # here\n" + RUNDEN)


@dataclass(frozen=True)
class Case:
    """A rule set broken in one place and the problem it must produce."""

    id: str
    edits: tuple[tuple[str, str, str], ...]
    code: str
    file: str
    needle: str | None  # text on the expected line; None: line 1
    message: str = ""  # part of the message
    hint: str | None = None  # part of the hint


def case(id: str, edit: tuple[str, str, str] | tuple[tuple[str, str, str], ...], code: str, file: str,
         needle: str | None, message: str = "", hint: str | None = None) -> Case:
    edits = edit if isinstance(edit[0], tuple) else (edit,)
    return Case(id, edits, code, file, needle, message, hint)  # type: ignore[arg-type]


CASES = [
    # -- files, schema, merging ---------------------------------------------------------------
    case("E001_bad_yaml", ("profile.yaml", "    unknown: false", "   unknown: false:"), "E001", "profile.yaml",
         "unknown: false:", "not valid YAML"),
    case("E002_unknown_key", ("dimensions.yaml", "max_length: 500", "max_lenght: 500"), "E002", "dimensions.yaml",
         "max_lenght", "'max_lenght' was unexpected"),
    case("E002_wrong_type", ("dimensions.yaml", "max_points: 2", "max_points: zwei"), "E002", "dimensions.yaml",
         "max_points: zwei", "'zwei' is not of type 'integer'"),
    case("E002_yes_is_no_boolean", ("dimensions.yaml", "exclusive: true", "exclusive: yes"), "E002",
         "dimensions.yaml", "exclusive: yes", "'yes' is not of type 'boolean'"),
    case("E002_bad_id", ("dimensions.yaml", "      - id: partner\n", "      - id: Partner-1\n"), "E002",
         "dimensions.yaml", "id: Partner-1", "does not match"),
    case("E003_missing_key", ("ruleset.yaml", 'version: "1.0"\n', ""), "E003", "ruleset.yaml", None,
         "required key 'version' is missing"),
    case("E004_key_in_two_files",
         ("profile.yaml", "", "levels:\n  - {id: x, min: 0, max: 100, label: {de: X, en: X}}\n"),
         "E004", "ruleset.yaml", "levels:", "already set in"),
    case("E005_unknown_format", ("ruleset.yaml", "format: 1", "format: 2"), "E005", "ruleset.yaml", "format: 2",
         "unknown format 2", "use format: 1"),
    # -- ids and references --------------------------------------------------------------------
    case("E101_duplicate_id", ("dimensions.yaml", "      - id: partner\n", "      - id: web  # again\n"), "E101",
         "dimensions.yaml", "id: web  # again", "duplicate id 'web'", "first used at"),
    case("E101_duplicate_key", ("dimensions.yaml", "max_length: 500", "max_length: 500\n        max_length: 400"),
         "E101", "dimensions.yaml", "max_length: 400", "'max_length' appears twice"),
    case("E101_duplicate_option", ("dimensions.yaml", "id: website,", "id: messenger,"), "E101", "dimensions.yaml",
         "id: kanaele", "option id 'messenger' appears twice"),
    case("E101_duplicate_level", ("ruleset.yaml", "{id: aufbau,", "{id: einstieg,"), "E101", "ruleset.yaml",
         "levels:", "level id 'einstieg' appears twice"),
    case("E101_blend_type_clashes", ("ruleset.yaml", "{id: am_anfang,", "{id: analog,"), "E101", "ruleset.yaml",
         "blend:", "duplicate id 'analog'"),
    case("E102_unknown_scale", ("dimensions.yaml", JTN_PARTNER, JTN_PARTNER.replace("jtn", "jnt")), "E102",
         "dimensions.yaml", "id: partner", "unknown scale 'jnt'", "did you mean 'jtn'?"),
    case("E102_unknown_audience_question",
         ("ruleset.yaml", "audience_question: org_type", "audience_question: org_typ"),
         "E102", "ruleset.yaml", "audience_question:", "unknown question 'org_typ'", "did you mean 'org_type'?"),
    case("E102_audience_question_not_single_choice", ("ruleset.yaml", "audience_question: org_type",
                                                      "audience_question: kanaele"),
         "E102", "ruleset.yaml", "audience_question:", "must be a single-choice question of the profile"),
    case("E102_unknown_question", ("recommendations.yaml", "points.web <= 1", "points.webb <= 1"), "E102",
         "recommendations.yaml", "points.webb", "unknown question 'webb'", "did you mean 'web'?"),
    case("E102_unknown_source", ("recommendations.yaml", ONLINE_SOURCE, ONLINE_SOURCE.replace("integreat", "integrat")),
         "E102", "recommendations.yaml", "source: integrat,", "unknown source 'integrat'", "did you mean 'integreat'?"),
    case("E102_unknown_dimension", ("recommendations.yaml", "dimension: digital", "dimension: digitall"), "E102",
         "recommendations.yaml", "dimension: digitall", "unknown dimension 'digitall'", "did you mean 'digital'?"),
    case("E102_unknown_audience", ("recommendations.yaml", "audience: [kommune]", "audience: [komune]"), "E102",
         "recommendations.yaml", "audience: [komune]", "unknown organisation type 'komune'",
         "did you mean 'kommune'?"),
    case("E102_unknown_axis_dimension", ("ruleset.yaml", "dimensions: [analog]", "dimensions: [analogue]"), "E102",
         "ruleset.yaml", "blend:", "unknown dimension 'analogue'", "did you mean 'analog'?"),
    case("E102_unknown_dimension_source", ("dimensions.yaml", "    title: {de: Analoge", "    sources: [bertelsman]\n"
                                           "    title: {de: Analoge"),
         "E102", "dimensions.yaml", "id: analog", "unknown source 'bertelsman'", "did you mean 'bertelsmann'?"),
    # -- questions ------------------------------------------------------------------------------
    case("E103_option_without_points", ("dimensions.yaml", "{id: app, label: {de: App, en: App}, points: 1}",
                                        "{id: app, label: {de: App, en: App}}"),
         "E103", "dimensions.yaml", "id: kanaele", "option 'app' has no points", "add points:"),
    case("E104_scale_and_options", ("dimensions.yaml", JTN_PARTNER,
                                    JTN_PARTNER + "        options: [{id: a, label: {de: A, en: A}, points: 1}]\n"),
         "E104", "dimensions.yaml", "id: partner", "exactly one of 'scale' and 'options'"),
    case("E104_neither", ("dimensions.yaml", JTN_PARTNER, JTN_PARTNER.replace("        scale: jtn\n", "")), "E104",
         "dimensions.yaml", "id: partner", "exactly one of 'scale' and 'options'"),
    case("E104_number_with_options", ("dimensions.yaml", "        min: 0\n", "        min: 0\n        scale: jtn\n"),
         "E104", "dimensions.yaml", "id: sprachen", "takes no 'scale' or 'options'"),
    case("E105_reserved_option", ("dimensions.yaml", "{id: keine, label", "{id: unknown, label"), "E105",
         "dimensions.yaml", "id: kanaele", "'unknown' is reserved", "unknown: / not_applicable:"),
    case("E106_multi_without_max_points", ("dimensions.yaml", "        max_points: 2\n", ""), "E106",
         "dimensions.yaml", "id: kanaele", "needs max_points"),
    case("E106_number_without_bands", ("dimensions.yaml", BANDS, ""), "E106", "dimensions.yaml", "id: sprachen",
         "needs bands"),
    case("E107_bands_not_increasing", ("dimensions.yaml", "{below: 4, label", "{below: 1, label"), "E107",
         "dimensions.yaml", "id: sprachen", "must increase"),
    case("E107_last_band_has_below", ("dimensions.yaml", '{label: {de: "4 und mehr"', '{below: 9, label: {de: "4 und'
                                      ' mehr"'),
         "E107", "dimensions.yaml", "id: sprachen", "only the last band"),
    # -- levels and blend -----------------------------------------------------------------------
    case("E110_gap", ("ruleset.yaml", "min: 40, max: 69", "min: 41, max: 69"), "E110", "ruleset.yaml", "levels:",
         "'aufbau' is 41-69, expected it to start at 40"),
    case("E110_overlap", ("ruleset.yaml", "min: 40, max: 69", "min: 39, max: 69"), "E110", "ruleset.yaml",
         "levels:", "'aufbau' is 39-69"),
    case("E110_short_of_100", ("ruleset.yaml", "min: 70, max: 100", "min: 70, max: 99"), "E110", "ruleset.yaml",
         "levels:", "end at 99, not at 100"),
    case("E110_out_of_range", ("ruleset.yaml", "min: 0, max: 39", "min: -5, max: 39"), "E110", "ruleset.yaml",
         "levels:", "expected it to start at 0"),
    case("E110_dimension_levels", ("dimensions.yaml", "    title: {de: Analoge",
                                   "    levels: [{id: wenig, min: 0, max: 50, label: {de: Wenig, en: Little}}]\n"
                                   "    title: {de: Analoge"),
         "E110", "dimensions.yaml", "id: analog", "levels of analog end at 50"),
    case("E111_missing_type", ("ruleset.yaml", "    - {id: analog_verankert, when: {digital: low, analog: high}, label:"
                               " {de: Analog verankert, en: Analog anchored}}\n", ""),
         "E111", "ruleset.yaml", "blend:", "no blend type for {digital: low, analog: high}"),
    case("E111_same_case_twice", ("ruleset.yaml", "id: am_anfang, when: {digital: low, analog: low}",
                                  "id: am_anfang, when: {digital: low, analog: high}"),
         "E111", "ruleset.yaml", "blend:", "cover the same case"),
    # -- conditions -----------------------------------------------------------------------------
    case("E120_recommendation", ("recommendations.yaml", '"points.web <= 1"', '"points.web <= 1 and"'), "E120",
         "recommendations.yaml", "points.web <= 1 and", "column 20"),
    case("E120_visible_if", ("dimensions.yaml", "kanaele contains app", "kanaele contains (app"), "E120",
         "dimensions.yaml", "kanaele contains (app", "column 18"),
    case("E121_unknown_option", ("recommendations.yaml", "partner == nein", "partner == nien"), "E121",
         "recommendations.yaml", "partner == nien", "'partner' has no option 'nien'", "did you mean 'nein'?"),
    case("E121_unknown_level", ("recommendations.yaml", "partner == nein or", "level.analog == etablirt or"), "E121",
         "recommendations.yaml", "etablirt", "unknown level 'etablirt'", "did you mean 'etabliert'?"),
    case("E121_unknown_blend_type", ("recommendations.yaml", "profile == blended", "profile == blendet"), "E121",
         "recommendations.yaml", "profile == blendet", "unknown blend type 'blendet'", "did you mean 'blended'?"),
    case("E121_not_offered", ("recommendations.yaml", "or web is unknown", "or web is not_applicable"), "E121",
         "recommendations.yaml", "web is not_applicable", "does not offer 'trifft nicht zu'"),
    case("E121_visible_if_unknown_option", ("dimensions.yaml", "kanaele contains app", "kanaele contains apps"),
         "E121", "dimensions.yaml", "kanaele contains apps", "no option 'apps'", "did you mean 'app'?"),
    case("E122_later_question", ("dimensions.yaml", "kanaele contains app", "partner == ja"), "E122",
         "dimensions.yaml", "partner == ja", "'partner' is not asked before this question"),
    case("E122_score_in_visible_if", ("dimensions.yaml", "kanaele contains app", "score.digital > 10"), "E122",
         "dimensions.yaml", "score.digital", "answers only, not score"),
    case("E123_contains_on_single", ("recommendations.yaml", "partner == nein", "partner contains nein"), "E123",
         "recommendations.yaml", "partner contains nein", "'contains' does not fit a single question"),
    case("E123_order_on_option", ("recommendations.yaml", "partner == nein", "partner < nein"), "E123",
         "recommendations.yaml", "partner < nein", "'<' does not fit a single question"),
    case("E123_points_of_text", ("recommendations.yaml", "points.web <= 1", "points.notizen <= 1"), "E123",
         "recommendations.yaml", "points.notizen", "'notizen' is not scored"),
    case("E123_score_with_id", ("recommendations.yaml", "score.analog < 40", "score.analog < viel"), "E123",
         "recommendations.yaml", "score.analog < viel", "needs a whole number"),
    # -- recommendations ------------------------------------------------------------------------
    case("E130_impossible_points", ("recommendations.yaml", "points.web <= 1", "points.web > 2"), "E130",
         "recommendations.yaml", "points.web > 2", "'r_online_starten' can never fire"),
    case("E130_contradiction", ("recommendations.yaml", "points.web <= 1", "web == ja and not web in [ja, nein]"),
         "E130", "recommendations.yaml", "web == ja and", "can never fire"),
    case("E130_audience_excludes", ("recommendations.yaml", "audience: [kommune]", "audience: [wohlfahrt]"), "E130",
         "recommendations.yaml", "ansprechperson == nein", "'r_ansprechperson' can never fire"),
    case("E131_no_source", ("recommendations.yaml", R_PARTNER_SOURCES, "    sources: []\n"), "E131",
         "recommendations.yaml", "sources: []", "'r_partner_finden' cites no source"),
    case("E131_unknown_evidence", ("recommendations.yaml", "evidence: study_hypothesis", "evidence: study_hypotesis"),
         "E131", "recommendations.yaml", "study_hypotesis", "unknown evidence level",
         "did you mean 'study_hypothesis'?"),
    case("E132_hypothesis_not_core_study", ("recommendations.yaml", ONLINE_SOURCE,
                                            ONLINE_SOURCE.replace("practice_example", "study_hypothesis")),
         "E132", "recommendations.yaml", "source: integreat, evidence: study_hypothesis", "not the study itself",
         "related_study"),
    case("E133_one_step", (("recommendations.yaml", STEP_ROLES, ""), MARK_PARTNER_STEPS), "E133",
         "recommendations.yaml", "steps:  # here", "has 1 steps"),
    case("E133_five_steps", (("recommendations.yaml", STEP_ROLES, STEP_ROLES * 4), MARK_PARTNER_STEPS), "E133",
         "recommendations.yaml", "steps:  # here", "has 5 steps"),
    case("E133_step_variant_leaves_one",
         (("recommendations.yaml", STEP_ROLES, STEP_FOR_KOMMUNE), MARK_PARTNER_STEPS), "E133",
         "recommendations.yaml", "steps:  # here", "shows 1 steps when org_type == wohlfahrt"),
    case("E122_step_names_a_dimension_question",
         ("recommendations.yaml", STEP_ROLES, STEP_FOR_KOMMUNE.replace("org_type == kommune", "partner == ja")),
         "E122", "recommendations.yaml", "partner == ja", "'partner' is not a profile question"),
    case("E122_step_names_a_score",
         ("recommendations.yaml", STEP_ROLES, STEP_FOR_KOMMUNE.replace("org_type == kommune", "score.analog < 40")),
         "E122", "recommendations.yaml", "when: \"score.analog < 40", "answers only, not score"),
    case("E135_own_view_attributed_to_an_organisation",
         ("recommendations.yaml", "evidence: study_hypothesis", "evidence: own_assessment"), "E135",
         "recommendations.yaml", "evidence: own_assessment", "own_assessment cites 'blended_impact'"),
    case("E150_changed_without_a_new_version",
         (("published/1.0.json", "", PUBLISHED_1_0), ("dimensions.yaml", "Haben Sie ein Online", "Gibt es ein Online")),
         "E150", "ruleset.yaml", None, "version 1.0 was published with other content", "raise `version`"),
    case("E151_question_dropped_without_migration",
         (("published/1.0.json", "", PUBLISHED_1_0), ("ruleset.yaml", 'version: "1.0"', 'version: "1.1"'),
          ("dimensions.yaml", "      - id: web\n", "      - id: website\n"),
          ("recommendations.yaml", "points.web <= 1", "points.website <= 1"),
          ("recommendations.yaml", "or web is unknown", "or website is unknown")),
         "E151", "ruleset.yaml", None, "question 'web' of version 1.0 is gone", "renamed_from"),
    case("E160_source_without_year_or_url", ("sources.yaml", "    year: 2016\n    no_url: read in print\n", ""),
         "E160", "sources.yaml", "id: bertelsmann", "lacks a year (or undated: why); a url (or no_url: why)"),
    # -- golden examples ------------------------------------------------------------------------
    case("E140_unknown_question", ("examples/kommune_blended.yaml", "  web: ja", "  webb: ja"), "E140",
         "examples/kommune_blended.yaml", "webb: ja", "webb: unknown question", "did you mean 'web'?"),
    case("E140_unknown_recommendation", ("examples/kommune_blended.yaml", "[r_online_starten,", "[r_online_start,"),
         "E140", "examples/kommune_blended.yaml", "not_recommendations", "unknown recommendation 'r_online_start'",
         "did you mean 'r_online_starten'?"),
    case("E140_unknown_level", ("examples/kommune_blended.yaml", "analog: aufbau}", "analog: aufbu}"), "E140",
         "examples/kommune_blended.yaml", "analog: aufbu}", "unknown level 'aufbu'", "did you mean 'aufbau'?"),
    case("E140_unknown_dimension", ("examples/kommune_blended.yaml", "scores: {digital: 100,", "scores: {digitl: 100,"),
         "E140", "examples/kommune_blended.yaml", "digitl", "unknown dimension 'digitl'", "did you mean 'digital'?"),
    case("E140_unknown_profile", ("examples/kommune_blended.yaml", "profile: blended", "profile: blendet"), "E140",
         "examples/kommune_blended.yaml", "profile: blendet", "unknown blend type 'blendet'"),
    case("E141_not_a_number", ("examples/kommune_blended.yaml", "  sprachen: 5", "  sprachen: fünf"), "E141",
         "examples/kommune_blended.yaml", "sprachen: fünf", "expected a whole number"),
    case("E141_not_an_option", ("examples/kommune_blended.yaml", "kanaele: [messenger, website]", "kanaele: [fax]"),
         "E141", "examples/kommune_blended.yaml", "kanaele: [fax]", "'fax' not among the options"),
    case("E141_unknown_not_offered", ("examples/kommune_blended.yaml", "org_type: kommune", "org_type: unknown"),
         "E141", "examples/kommune_blended.yaml", "org_type: unknown", "'Weiß nicht' is not offered"),
    case("E124_never_shown", ("dimensions.yaml", 'visible_if: "org_type == kommune"',
                              'visible_if: "org_type == kommune and org_type == wohlfahrt"'),
         "E124", "dimensions.yaml", "org_type == kommune and", "'ansprechperson' can never be shown"),
    case("E134_replaces_itself", ("recommendations.yaml", "    kind: knowledge\n",
                                  "    kind: knowledge\n    replaces: [r_wissen]\n"),
         "E134", "recommendations.yaml", "replaces: [r_wissen]", "'r_wissen' replaces itself"),
    # -- warnings -------------------------------------------------------------------------------
    case("W201_english_missing", ("dimensions.yaml", 'text: {de: "Haben Sie lokale Partner?", en: "Do you have local'
                                  ' partners?"}', 'text: {de: "Haben Sie lokale Partner?"}'),
         "W201", "dimensions.yaml", 'text: {de: "Haben Sie lokale Partner?"}', "English text missing"),
    case("W201_title_english_missing", ("ruleset.yaml", "title: {de: Mini-Check, en: Mini check}",
                                        "title: {de: Mini-Check}"),
         "W201", "ruleset.yaml", "title:", "English text missing for 'Mini-Check'"),
    case("W202_source_never_cited", ("sources.yaml", "", "  - {id: unused, kind: survey, title: Nie zitiert, "
                                                          "publisher: X, year: 2020, no_url: print}\n"),
         "W202", "sources.yaml", "id: unused", "'unused' is never cited"),
    case("W203_few_questions", (("dimensions.yaml", PARTNER_QUESTION, ""),
                                ("recommendations.yaml", "partner == nein or ", ""),
                                ("examples/kommune_blended.yaml", "  partner: ja\n", ""),
                                ("examples/wohlfahrt_anfang.yaml", "  partner: nein\n", "")),
         "W203", "dimensions.yaml", "id: analog", "fewer than 3 scored questions"),
    case("W204_question_changes_nothing", ("profile.yaml", "  - id: org_type\n",
                                           "  - id: groesse\n    type: single\n    text: {de: Größe, en: Size}\n"
                                           "    options: [{id: klein, label: {de: Klein, en: Small}}]\n"
                                           "  - id: org_type\n"),
         "W204", "profile.yaml", "id: groesse", "changes nothing"),
    case("W205_jargon_not_explained", ("recommendations.yaml", "    steps:\n      - {de: Jährlich prüfen.",
                                       "    steps:\n      - {de: Jährlich die Verweiswege prüfen."),
         "W205", "recommendations.yaml", "Jährlich die Verweiswege prüfen", "'Verweiswege' is not explained (de)",
         "Verweiswege (feste Absprachen, wer wen wohin schickt)"),
]


def test_every_registered_code_has_a_case() -> None:
    """The registry is the list (docs/rules.md is checked against it in test_problem_codes)."""
    assert {c.code for c in CASES} == {code.value for code in Code}


@pytest.mark.parametrize("broken_case", CASES, ids=[c.id for c in CASES])
def test_broken_rule_set_reports_code_file_line_and_hint(tmp_path: Path, broken_case: Case) -> None:
    folder = apply_edits(copy_minimal(tmp_path / "rules"), *broken_case.edits)
    problems = problems_of(folder)
    expected_file = folder / broken_case.file
    expected_line = line_with(expected_file, broken_case.needle) if broken_case.needle else 1
    found = [p for p in only(problems, broken_case.code)
             if Path(p.file).resolve() == expected_file.resolve() and broken_case.message in p.message]
    assert found, f"no {broken_case.code} with {broken_case.message!r} in:\n" + "\n".join(map(str, problems))
    assert [p.line for p in found] == [expected_line] * len(found), "\n".join(map(str, found))
    if broken_case.hint is not None:
        assert broken_case.hint in (found[0].hint or "")
    rendered = str(found[0])
    assert f":{expected_line}: {broken_case.code} " in rendered
    ruleset, _ = check_ruleset(folder)
    if broken_case.code.startswith("W"):
        assert ruleset is not None, "a warning must not stop the rule set from loading"
        assert not [p for p in problems if p.is_error]
    elif broken_case.file.startswith("examples/"):
        assert ruleset is None
        # A broken golden example fails `rules check`, but must not stop the app from loading the rules.
        assert load_ruleset(folder).id == "minimal"
    else:
        assert ruleset is None
        with pytest.raises(RuleSetError) as raised:
            load_ruleset(folder)
        assert broken_case.code in str(raised.value)
        assert raised.value.problems == problems


def test_minimal_rule_set_has_no_problems() -> None:
    assert problems_of(MINIMAL) == []


def test_missing_file_is_reported(tmp_path: Path) -> None:
    folder = copy_minimal(tmp_path / "rules")
    (folder / "sources.yaml").unlink()
    problems = problems_of(folder)
    assert [(p.code, Path(p.file).name, p.line) for p in problems] == [("E003", "ruleset.yaml", 1)]
    assert "'sources'" in problems[0].message


def test_missing_folder_and_empty_folder(tmp_path: Path) -> None:
    assert [p.code for p in problems_of(tmp_path / "nowhere")] == ["E003"]
    (tmp_path / "empty").mkdir()
    problems = problems_of(tmp_path / "empty")
    assert [p.code for p in problems] == ["E003"]
    assert "no *.yaml" in problems[0].message


def test_file_that_is_a_list_is_a_schema_error(tmp_path: Path) -> None:
    folder = apply_edits(copy_minimal(tmp_path / "rules"), ("sources.yaml", "", "- stray\n"))
    assert [p.code for p in problems_of(folder)] == ["E001"]  # a mapping followed by a list is not YAML
    (folder / "sources.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    problems = problems_of(folder)
    assert [(p.code, p.line) for p in problems] == [("E002", 1)]
    assert "is not of type 'object'" in problems[0].message


def test_all_file_problems_are_collected_in_one_run(tmp_path: Path) -> None:
    folder = apply_edits(
        copy_minimal(tmp_path / "rules"),
        ("profile.yaml", "    unknown: false", "   unknown: false:"),
        ("dimensions.yaml", "max_length: 500", "max_lenght: 500"),
        ("recommendations.yaml", "effort: medium", "effort: mittel"),
        ("sources.yaml", "year: 2016", "year: 16"),
        ("ruleset.yaml", "format: 1", "format: 3"),
    )
    found = {(p.code, Path(p.file).name) for p in problems_of(folder)}
    assert found == {("E001", "profile.yaml"), ("E002", "dimensions.yaml"), ("E002", "recommendations.yaml"),
                     ("E002", "sources.yaml"), ("E005", "ruleset.yaml")}


def test_all_model_problems_are_collected_in_one_run(tmp_path: Path) -> None:
    folder = apply_edits(
        copy_minimal(tmp_path / "rules"),
        ("ruleset.yaml", "min: 40, max: 69", "min: 41, max: 69"),
        ("dimensions.yaml", "{id: app, label: {de: App, en: App}, points: 1}", "{id: app, label: {de: App}}"),
        ("dimensions.yaml", "kanaele contains app", "kanaele contains apps"),
        ("recommendations.yaml", "points.web <= 1", "points.webb <= 1"),
        ("recommendations.yaml", STEP_ROLES, ""),
        ("recommendations.yaml", ONLINE_SOURCE, ONLINE_SOURCE.replace("practice_example", "study_hypothesis")),
        ("recommendations.yaml", "audience: [kommune]", "audience: [wohlfahrt]"),
        ("sources.yaml", "", UNCITED_SOURCE),
    )
    codes = sorted(p.code for p in problems_of(folder))
    assert codes == ["E102", "E103", "E110", "E121", "E130", "E132", "E133", "W201", "W202"]


def test_yaml_11_booleans_stay_strings(tmp_path: Path) -> None:
    folder = apply_edits(
        copy_minimal(tmp_path / "rules"),
        ("ruleset.yaml", 'en: "Yes"}', "en: Yes}"),
        ("ruleset.yaml", 'en: "No"}', "en: No}"),
        ("ruleset.yaml", "{id: teilweise, label: {de: Teilweise, en: Partly}",
         "{id: teilweise, label: {de: Teilweise, en: off}"),
    )
    ruleset = load_ruleset(folder)
    labels = [o.label.en for o in ruleset.question("web").options]
    assert labels == ["Yes", "off", "No"]
    assert next(o for o in ruleset.question("kanaele").options if o.id == "keine").exclusive is True


def test_yaml_answer_no_is_an_option_id_not_false(tmp_path: Path) -> None:
    folder = apply_edits(
        copy_minimal(tmp_path / "rules"),
        ("ruleset.yaml", "{id: nein, label", "{id: no, label"),
        ("recommendations.yaml", "partner == nein", "partner == no"),
        ("recommendations.yaml", "ansprechperson == nein", "ansprechperson == no"),
        ("examples/kommune_blended.yaml", "ansprechperson: nein", "ansprechperson: no"),
        ("examples/wohlfahrt_anfang.yaml", "web: nein\n", "web: no\n"),
        ("examples/wohlfahrt_anfang.yaml", "partner: nein", "partner: no"),
        ("examples/wohlfahrt_anfang.yaml", "ansprechperson: nein", "ansprechperson: no"),
    )
    ruleset, problems = check_ruleset(folder)
    assert ruleset is not None, "\n".join(map(str, problems))
    assert [o.id for o in ruleset.question("partner").options] == ["ja", "teilweise", "no"]


def test_warnings_do_not_hide_errors_and_are_listed_by_load(tmp_path: Path) -> None:
    folder = apply_edits(
        copy_minimal(tmp_path / "rules"),
        ("sources.yaml", "", UNCITED_SOURCE),
        ("recommendations.yaml", STEP_ROLES, ""),
    )
    with pytest.raises(RuleSetError) as raised:
        load_ruleset(folder)
    assert {p.code for p in raised.value.problems} == {"E133", "W202"}
    assert "E133" in str(raised.value)
    assert "W202" not in str(raised.value), "the error message lists errors only"


def test_content_hash_follows_rule_files_not_examples(tmp_path: Path) -> None:
    folder = copy_minimal(tmp_path / "rules")
    first = load_ruleset(folder)
    assert len(first.hash) == 64
    assert int(first.hash, 16) >= 0
    assert load_ruleset(folder).hash == first.hash
    apply_edits(folder, ("examples/kommune_blended.yaml", "Beispielstadt", "Musterstadt"))
    assert load_ruleset(folder).hash == first.hash
    apply_edits(folder, ("dimensions.yaml", "Wie digital sind Sie?", "Wie digital arbeiten Sie?"))
    assert load_ruleset(folder).hash != first.hash


def test_model_reflects_the_files(minimal_ruleset) -> None:
    rs = minimal_ruleset
    assert (rs.id, rs.version, rs.format) == ("minimal", "1.0", 1)
    assert [s.id for s in rs.steps] == ["profile", "digital", "analog"]
    assert [q.id for q in rs.questions] == ["org_type", "web", "sprachen", "kanaele", "app_gepflegt", "beratung",
                                            "partner", "ansprechperson", "notizen"]
    web = rs.question("web")
    assert [(o.id, o.points) for o in web.options] == [("ja", 2), ("teilweise", 1), ("nein", 0)]
    assert (web.scored, web.unknown, web.not_applicable, web.dimension_id) == (True, True, False, "digital")
    assert rs.question("beratung").not_applicable is True
    assert rs.question("org_type").scored is False
    assert rs.question("notizen").scored is False
    assert rs.question("app_gepflegt").visible_if_text == "kanaele contains app"
    assert rs.question("kanaele").max_score == 2
    assert rs.question("sprachen").max_score == 2
    assert rs.dimension("analog").levels == rs.levels
    assert rs.level("digital", "aufbau").min == 40
    assert [t.id for t in rs.blend.types] == ["am_anfang", "analog_verankert", "digital_unterwegs", "blended"]
    assert rs.blend.axes[0].question_ids == ("web", "sprachen", "kanaele", "app_gepflegt")
    assert rs.recommendation("r_ansprechperson").audience == ("kommune",)
    assert rs.recommendation("r_online_starten").audience == ("all",)
    assert rs.sources["blended_impact"].kind == "core_study"
    with pytest.raises(KeyError):
        rs.question("nope")
    with pytest.raises(KeyError):
        rs.question("digital")  # a dimension id is not a question


def test_replaces_must_name_recommendations_and_never_cycle(tmp_path: Path) -> None:
    folder = apply_edits(copy_minimal(tmp_path / "rules"),
                         ("recommendations.yaml", "    audience: [kommune]\n",
                          "    audience: [kommune]\n    replaces: [r_partner_findn, r_wissen]\n"),
                         ("recommendations.yaml", "    kind: knowledge\n",
                          "    kind: knowledge\n    replaces: [r_ansprechperson]\n"))
    problems = [(p.code, p.message, p.hint) for p in problems_of(folder)]
    assert (Code.UNKNOWN_REFERENCE, "unknown recommendation 'r_partner_findn'", "did you mean 'r_partner_finden'?") \
        in problems
    assert any(code == Code.REPLACES_CYCLE and "'r_ansprechperson' replaces itself" in message
               for code, message, _hint in problems)


def test_a_question_that_changes_nothing_is_a_warning_at_its_line(tmp_path: Path) -> None:
    folder = apply_edits(copy_minimal(tmp_path / "rules"), ("profile.yaml", "  - id: org_type\n", """\
  - id: groesse
    type: single
    text: {de: "Wie groß sind Sie?", en: "How big are you?"}
    options:
      - {id: klein, label: {de: Klein, en: Small}}
      - {id: gross, label: {de: Groß, en: Large}}
  - id: org_type
"""))
    problems = [p for p in problems_of(folder) if p.code == Code.UNUSED_QUESTION]
    assert [(p.line, p.message, p.is_error) for p in problems] == [(2, "question 'groesse' changes nothing", False)]
    ruleset, _ = check_ruleset(folder)
    assert ruleset is not None  # a warning: the rule set still loads


def test_blend_types_may_leave_an_axis_open_but_must_not_overlap(tmp_path: Path) -> None:
    folder = apply_edits(copy_minimal(tmp_path / "rules"), ("ruleset.yaml", "when: {digital: low, analog: low}",
                                                            "when: {digital: low, analog: any}"))
    problems = [p.message for p in problems_of(folder) if p.code == Code.BLEND_TYPES_DO_NOT_COVER]
    assert problems == ["blend types 'am_anfang' and 'analog_verankert' cover the same case"]


def test_schema_problems_name_the_element_by_its_id(tmp_path: Path) -> None:
    folder = apply_edits(copy_minimal(tmp_path / "rules"), ("dimensions.yaml", "max_points: 2", "max_points: zwei"))
    (problem,) = [p for p in problems_of(folder) if p.code == Code.SCHEMA]
    assert problem.message.startswith("dimensions/digital/questions/kanaele/max_points: 'zwei' is not of type")


@pytest.mark.parametrize(("broken", "hint"), [
    ("    unknown: false:", "check the indentation; put text that contains a colon in quotes"),
    ("\tunknown: false", "use spaces, not tabs, to indent"),
])
def test_yaml_errors_come_with_a_hint_in_plain_words(tmp_path: Path, broken: str, hint: str) -> None:
    folder = apply_edits(copy_minimal(tmp_path / "rules"), ("profile.yaml", "    unknown: false", broken))
    (problem,) = [p for p in problems_of(folder) if p.code == Code.INVALID_YAML]
    assert problem.hint == hint
    assert str(problem).endswith(f"({hint})")
