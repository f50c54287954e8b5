"""Profile answers tailor the check: archetypes read their steps and questions as that organisation would."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from selfcheck.engine import evaluate, load_ruleset
from selfcheck.engine.answers import normalise_answers
from selfcheck.presenter import present_result

RULES = Path(__file__).resolve().parents[2] / "rules" / "blended-impact"


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset(RULES)


def steps_seen(ruleset, example: str, recommendation: str, **changes: str) -> list[str]:
    """The steps of ``recommendation`` on the results page of a golden example (answers changed as given)."""
    raw = yaml.safe_load((RULES / "examples" / f"{example}.yaml").read_text(encoding="utf-8"))["answers"]
    answers, problems = normalise_answers(ruleset, {**raw, **changes})
    assert not problems
    view = present_result(ruleset, evaluate(ruleset, answers), answers, "de")
    (found,) = [r for r in view.recommendations if r.id == recommendation]
    return list(found.steps)


def test_a_digital_only_offer_is_not_asked_about_its_own_in_person_contact(ruleset) -> None:
    asked = {q.id for q in ruleset.visible_questions({"org_type": "digitale_initiative", "offer_form": "rein_digital"})}
    assert "d1_digitales_empfehlen" not in asked
    assert "d1_tool_in_beratung" not in asked
    assert "d1_digital_zu_persoenlich" in asked  # the way from digital to a person is what it needs most


def test_a_digital_only_offer_hands_people_over_to_a_local_partner(ruleset) -> None:
    steps = steps_seen(ruleset, "initiative_digital_unterwegs", "r_persoenlicher_anschluss")
    assert any("rein digital" in s and "Partnerorganisation vor Ort" in s for s in steps)
    mixed = steps_seen(ruleset, "initiative_digital_unterwegs", "r_persoenlicher_anschluss",
                       offer_form="digital_mit_begleitung")
    assert not any("rein digital" in s for s in mixed)


def test_a_small_volunteer_group_is_not_told_to_create_a_paid_post(ruleset) -> None:
    small = steps_seen(ruleset, "sonstige_willkommenskreis_klein", "r_koordination_hauptamtlich")
    assert any("kleine Gruppe" in s for s in small)
    assert not any("Beantragen Sie eine bezahlte Stelle" in s for s in small)
    larger = steps_seen(ruleset, "sonstige_willkommenskreis_klein", "r_koordination_hauptamtlich", org_size="bis_50")
    assert any("Beantragen Sie eine bezahlte Stelle" in s for s in larger)
    assert 2 <= len(small) <= 4
    assert len(small) == len(larger)


def test_a_small_municipality_joins_its_districts_platform(ruleset) -> None:
    small = steps_seen(ruleset, "kommune_klein_am_anfang", "r_kommune_info_plattform")
    assert any("Landkreis" in s and "keine eigene Plattform" in s for s in small)
    city = steps_seen(ruleset, "kommune_klein_am_anfang", "r_kommune_info_plattform", municipality_size="bis_500000")
    assert not any("keine eigene Plattform" in s for s in city)


@pytest.mark.parametrize(("focus", "named"), [
    ("begegnung", "Start with a Friend"), ("wohnen", "Flüchtlinge Willkommen"), ("ankommen", "Integreat"),
])
def test_joining_existing_solutions_names_the_ones_for_the_main_topic(ruleset, focus: str, named: str) -> None:
    steps = steps_seen(ruleset, "sonstige_willkommenskreis_klein", "r_bestehendes_nutzen", focus_area=focus)
    assert sum(named in s for s in steps) == 1
    assert len(steps) == 4
    general = steps_seen(ruleset, "sonstige_willkommenskreis_klein", "r_bestehendes_nutzen", focus_area="arbeit")
    assert len(general) == 3


def test_every_profile_question_changes_something(ruleset) -> None:
    """W204 would name any profile question that tailors nothing; the shipped rule set has none."""
    from selfcheck.engine import check_ruleset

    _, problems = check_ruleset(RULES)
    assert [p for p in problems if p.code == "W204"] == []
