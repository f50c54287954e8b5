"""The profile as people read it: "knapp" near the threshold, the stage of an axis, a funder's own profile."""

from __future__ import annotations

from pathlib import Path

from selfcheck.engine import evaluate, load_ruleset
from selfcheck.presenter import present_result
from tests.engine.test_scoring import ANALOG_STAGES, FUNDER_ROLE, NEAR_AND_STAGES
from tests.support.rulekit import apply_edits, copy_minimal


def view_of(tmp_path: Path, answers: dict, lang: str, *edits: tuple[str, str, str]):
    ruleset = load_ruleset(apply_edits(copy_minimal(tmp_path / lang), *edits))
    return present_result(ruleset, evaluate(ruleset, answers), answers, lang).blend


def test_a_profile_near_the_threshold_says_knapp_and_names_the_other_type(tmp_path: Path) -> None:
    answers = {"web": "teilweise", "partner": "ja", "beratung": "ja"}  # digital 50: just "high"
    german = view_of(tmp_path, answers, "de", NEAR_AND_STAGES)
    assert german.label == "Blended (knapp)"
    assert german.close.startswith("Knapp: „Digital“ liegt nahe an der Grenze von 50.")
    assert "„Analog verankert“" in german.close
    english = view_of(tmp_path, answers, "en", NEAR_AND_STAGES)
    assert english.label == "Blended (borderline)"
    assert "“Analog anchored”" in english.close
    clear = view_of(tmp_path / "far", {"web": "ja", "partner": "ja"}, "de", NEAR_AND_STAGES)
    assert (clear.label, clear.close) == ("Blended", "")


def test_an_axis_with_stages_shows_the_stage_and_its_meaning(tmp_path: Path) -> None:
    view = view_of(tmp_path, {"web": "nein", "partner": "ja", "beratung": "ja"}, "de", ANALOG_STAGES)
    assert [a.text for a in view.axes] == ["Digital: 0 von 100", "Analog: 100 von 100, Stufe „Kooperation“"]
    assert view.stages == ()  # the fixture's stages have no description to explain them
    described = (ANALOG_STAGES[0], ANALOG_STAGES[1], ANALOG_STAGES[2].replace(
        "label: {de: Kooperation, en: Cooperation}}",
        "label: {de: Kooperation, en: Cooperation}, description: {de: Feste Wege., en: Fixed routes.}}"))
    view = view_of(tmp_path / "described", {"web": "nein", "partner": "ja", "beratung": "ja"}, "de", described)
    assert view.stages == ("Analog, Stufe „Kooperation“: Feste Wege.",)


def test_a_funder_reads_its_own_axes_and_type(tmp_path: Path) -> None:
    answers = {"org_type": "wohlfahrt", "web": "ja", "partner": "nein"}
    view = view_of(tmp_path, answers, "de", FUNDER_ROLE)
    assert view.label == "Digital"
    assert [a.label for a in view.axes] == ["Förderung digital", "Förderung vor Ort"]
    assert "„Förderung digital“ und „Förderung vor Ort“" in view.intro
