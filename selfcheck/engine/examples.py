"""Golden examples: answers in, expected result out (used by pytest and the CLI)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema

from .answers import normalise_answers
from .loader import display_path, schema_problems
from .model import RuleSet
from .problems import Code, Problem, did_you_mean
from .schema import EXAMPLE_FILE
from .scoring import evaluate
from .yamlsrc import YamlError, line_of, read_yaml

_VALIDATOR = jsonschema.Draft202012Validator(EXAMPLE_FILE)


@dataclass
class Example:
    id: str
    file: str
    answers: dict[str, Any] = field(default_factory=dict)
    expect: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class ExampleOutcome:
    example: Example
    failures: tuple[str, ...]
    fired: tuple[str, ...] = ()  # the recommendations the example's answers fire

    @property
    def passed(self) -> bool:
        return not self.failures


def load_examples(ruleset: RuleSet, folder: Path) -> list[Example]:
    """Read every example file and check its ids against the rule set."""
    examples = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        file = display_path(path)
        example = Example(path.stem, file)
        examples.append(example)
        try:
            data, _ = read_yaml(path)
        except YamlError as exc:
            example.problems.append(Problem(file, exc.line, Code.INVALID_YAML, f"not valid YAML: {exc}",
                                            exc.hint))
            continue
        example.problems.extend(schema_problems(_VALIDATOR, data, file))
        if example.problems:
            continue
        example.id = data["id"]
        example.expect = dict(data["expect"])
        answers, answer_problems = normalise_answers(ruleset, data["answers"])
        example.answers = answers
        question_ids = [q.id for q in ruleset.questions]
        for problem in answer_problems:
            line = line_of(data, ["answers", problem.question_id])
            hint = did_you_mean(problem.question_id, question_ids) if problem.code == Code.UNKNOWN_IN_EXAMPLE else None
            message = f"{problem.question_id}: {problem.message}"
            example.problems.append(Problem(file, line, problem.code, message, hint))
        example.problems.extend(_check_expectations(ruleset, data, file))
    return examples


def _check_expectations(ruleset: RuleSet, data: Any, file: str) -> list[Problem]:
    expect = data["expect"]
    problems = []
    known = {
        "dimension": [d.id for d in ruleset.dimensions],
        "recommendation": [r.id for r in ruleset.recommendations],
        "blend type": [t.id for t in ruleset.blend.all_types],
    }

    def unknown(what: str, name: Any, *path: Any) -> None:
        problems.append(Problem(file, line_of(data, ["expect", *path]), Code.UNKNOWN_IN_EXAMPLE,
                                f"unknown {what} {name!r}", did_you_mean(str(name), known[what])))

    if expect.get("profile") is not None and expect["profile"] not in known["blend type"]:
        unknown("blend type", expect["profile"], "profile")
    for index, name in enumerate(expect.get("close_to", [])):
        if name not in known["blend type"]:
            unknown("blend type", name, "close_to", index)
    for key in ("levels", "scores"):
        for dimension_id, value in expect.get(key, {}).items():
            if dimension_id not in known["dimension"]:
                unknown("dimension", dimension_id, key, dimension_id)
            elif key == "levels" and value is not None:
                level_ids = [lv.id for lv in ruleset.dimension(dimension_id).levels]
                if value not in level_ids:
                    problems.append(Problem(file, line_of(data, ["expect", key, dimension_id]), Code.UNKNOWN_IN_EXAMPLE,
                                            f"unknown level {value!r}", did_you_mean(str(value), level_ids)))
    for key in ("recommendations", "not_recommendations", "next_steps"):
        for index, name in enumerate(expect.get(key, [])):
            if name not in known["recommendation"]:
                unknown("recommendation", name, key, index)
    return problems


def run_example(ruleset: RuleSet, example: Example) -> ExampleOutcome:
    """Score the example's answers and compare with what it expects."""
    if example.problems:
        return ExampleOutcome(example, tuple(str(p) for p in example.problems))
    result = evaluate(ruleset, example.answers)
    expect = example.expect
    failures = []
    fired = [r.id for r in result.recommendations]
    if "profile" in expect and expect["profile"] != result.blend.type:
        failures.append(f"profile: expected {expect['profile']}, got {result.blend.type}")
    if "close_to" in expect and list(expect["close_to"]) != list(result.blend.close_to):
        failures.append(f"close to (knapp): expected {expect['close_to']}, got {list(result.blend.close_to)}")
    stages = {a.id: a.stage for a in result.blend.axes}
    for axis_id, stage in expect.get("stages", {}).items():
        if stages.get(axis_id, "?") != stage:
            failures.append(f"stage of axis {axis_id}: expected {stage}, got {stages.get(axis_id)}")
    for dimension_id, level in expect.get("levels", {}).items():
        got = result.dimension(dimension_id)
        if got.level != level:
            failures.append(f"level of {dimension_id}: expected {level}, got {got.level} (score {got.score})")
    for dimension_id, score in expect.get("scores", {}).items():
        got_score = result.dimension(dimension_id).score
        if got_score != score:
            failures.append(f"score of {dimension_id}: expected {score}, got {got_score}")
    failures += [f"expected {r} to fire" for r in expect.get("recommendations", []) if r not in fired]
    failures += [f"expected {r} not to fire" for r in expect.get("not_recommendations", []) if r in fired]
    if result.blend.type is not None:
        settled = ruleset.blend_type(result.blend.type).settled
        failures += [f"the profile text of {result.blend.type} says {r} is done, but it fires"
                     for r in fired if r in settled]
    if "completeness" in expect and expect["completeness"] != result.completeness:
        failures.append(f"completeness: expected {expect['completeness']}, got {result.completeness}")
    if "next_steps" in expect:
        got_steps = [r.id for r in result.next_steps]
        if got_steps != expect["next_steps"]:
            failures.append(f"next steps: expected {expect['next_steps']}, got {got_steps}")
    return ExampleOutcome(example, tuple(failures), tuple(fired))


def unfired(ruleset: RuleSet, outcomes: list[ExampleOutcome]) -> list[str]:
    """Recommendations no golden example fires: each is a case nobody has checked yet."""
    fired = {name for outcome in outcomes for name in outcome.fired}
    return [r.id for r in ruleset.recommendations if r.id not in fired]


def run_examples(ruleset: RuleSet, folder: Path | None = None) -> list[ExampleOutcome]:
    folder = folder or (ruleset.path or Path(".")) / "examples"
    return [run_example(ruleset, example) for example in load_examples(ruleset, folder)]
