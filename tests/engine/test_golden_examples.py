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
