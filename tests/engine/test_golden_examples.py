"""Every golden example of every rule set (and of the minimal fixture): answers in, expected result out."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from selfcheck.engine import ExampleOutcome, load_ruleset, run_examples

ROOT = Path(__file__).resolve().parents[2]
RULE_SET_DIRS = sorted(p.parent for p in (ROOT / "rules").glob("*/ruleset.yaml"))
ALL_DIRS = [*RULE_SET_DIRS, ROOT / "tests" / "fixtures" / "rules" / "minimal"]
EXAMPLES = [path for folder in ALL_DIRS for path in sorted((folder / "examples").glob("*.yaml"))]


@cache
def outcomes(folder: Path) -> dict[Path, ExampleOutcome]:
    return {Path(o.example.file).resolve(): o for o in run_examples(load_ruleset(folder))}


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{p.parents[1].name}/{p.stem}" for p in EXAMPLES])
def test_golden_example(example: Path) -> None:
    outcome = outcomes(example.parents[1])[example.resolve()]
    assert outcome.passed, f"{outcome.example.file}:\n" + "\n".join(outcome.failures)


def test_the_minimal_examples_are_collected() -> None:
    assert {p.stem for p in EXAMPLES if p.parents[1].name == "minimal"} == {"kommune_blended", "wohlfahrt_anfang"}


@pytest.mark.parametrize("folder", RULE_SET_DIRS, ids=[p.name for p in RULE_SET_DIRS])
def test_examples_cover_every_organisation_type_and_profile(folder: Path) -> None:
    """Issue requirement: at least 8 examples, every organisation type and every blend type."""
    ruleset = load_ruleset(folder)
    examples = [o.example for o in outcomes(folder).values()]
    assert len(examples) >= 8, f"{folder.name} has {len(examples)} golden examples"
    org_types = {o.id for o in ruleset.question("org_type").options}
    assert org_types - {e.answers.get("org_type") for e in examples} == set()
    blend_types = {t.id for t in ruleset.blend.types}
    assert blend_types - {e.expect.get("profile") for e in examples} == set()


def test_an_example_fails_when_a_recommendation_fires_that_its_profile_text_calls_done(tmp_path: Path) -> None:
    from tests.support.rulekit import apply_edits, copy_minimal

    folder = apply_edits(copy_minimal(tmp_path / "rules"), (
        "ruleset.yaml", "when: {digital: high, analog: high}, label",
        "when: {digital: high, analog: high}, settled: [r_ansprechperson], label"))
    (outcome,) = [o for o in run_examples(load_ruleset(folder)) if o.example.id == "kommune_blended"]
    assert outcome.failures == ("the profile text of blended says r_ansprechperson is done, but it fires",)


@pytest.mark.parametrize("folder", RULE_SET_DIRS, ids=[p.name for p in RULE_SET_DIRS])
def test_shipped_examples_are_realistic_archetypes_of_every_kind(folder: Path) -> None:
    """At least 16 archetypes, two per organisation type, an all-"Weiß nicht" and an empty respondent."""
    ruleset = load_ruleset(folder)
    examples = [o.example for o in outcomes(folder).values()]
    assert len(examples) >= 16
    org_question = ruleset.question(ruleset.audience_question or "")
    per_type = {o.id: sum(e.answers.get(org_question.id) == o.id for e in examples) for o in org_question.options}
    assert min(per_type.values()) >= 2, per_type
    scored = {q.id for q in ruleset.questions if q.scored}
    answered = [{k: v for k, v in e.answers.items() if k in scored} for e in examples]
    assert any(a and set(a.values()) == {"unknown"} for a in answered), "no all-'Weiß nicht' respondent"
    assert any(not a for a in answered), "no respondent who only gave the organisation type"
    assert all("completeness" in e.expect and "next_steps" in e.expect for e in examples)
