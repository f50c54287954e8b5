"""What a rule change does to real answers (``selfcheck rules impact``): score the same answers
under the current and the new rules and count what a respondent would see differently."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .answers import normalise_answers
from .model import RuleSet
from .scoring import Result, evaluate

EXAMPLES_PER_KIND = 3


@dataclass
class Impact:
    """Counts over all answer sets, with a few named examples for each kind of change."""

    total: int = 0
    changed_level: int = 0
    changed_profile: int = 0
    changed_next_steps: int = 0
    fired_before: Counter[str] = field(default_factory=Counter)
    fired_after: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    unmovable: Counter[str] = field(default_factory=Counter)  # answers the new rules cannot take

    def note(self, kind: str, text: str) -> None:
        found = self.examples.setdefault(kind, [])
        if len(found) < EXAMPLES_PER_KIND:
            found.append(text)

    @property
    def recommendation_shifts(self) -> list[tuple[str, int, int]]:
        """(recommendation, fired before, fired after) where the count moved, biggest moves first."""
        names = set(self.fired_before) | set(self.fired_after)
        moved = [(n, self.fired_before[n], self.fired_after[n]) for n in names
                 if self.fired_before[n] != self.fired_after[n]]
        return sorted(moved, key=lambda row: (-abs(row[2] - row[1]), row[0]))


def measure_impact(current: RuleSet, new: RuleSet, answer_sets: Iterable[tuple[str, Mapping[str, Any]]]) -> Impact:
    """Score every (label, raw answers) under both rule sets and count the differences."""
    impact = Impact()
    for label, raw in answer_sets:
        impact.total += 1
        before = _score(current, raw)
        after_answers, problems = normalise_answers(new, raw)
        after = evaluate(new, after_answers)
        for problem in problems:
            impact.unmovable[problem.question_id] += 1
        levels_before = {d.id: d.level for d in before.dimensions}
        moved = [d.id for d in after.dimensions if d.id in levels_before and levels_before[d.id] != d.level]
        if moved:
            impact.changed_level += 1
            impact.note("level", f"{label}: {', '.join(moved)}")
        if before.blend.type != after.blend.type:
            impact.changed_profile += 1
            impact.note("profile", f"{label}: {before.blend.type} → {after.blend.type}")
        steps_before = [r.id for r in before.next_steps]
        steps_after = [r.id for r in after.next_steps]
        if steps_before != steps_after:
            impact.changed_next_steps += 1
            impact.note("next steps", f"{label}: {', '.join(steps_before)} → {', '.join(steps_after)}")
        impact.fired_before.update(r.id for r in before.recommendations)
        impact.fired_after.update(r.id for r in after.recommendations)
    return impact


def _score(ruleset: RuleSet, raw: Mapping[str, Any]) -> Result:
    answers, _problems = normalise_answers(ruleset, raw)
    return evaluate(ruleset, answers)


def impact_to_markdown(impact: Impact, current: RuleSet, new: RuleSet) -> str:
    lines = [f"# Impact of {new.id} {new.version} ({new.hash[:12]}) against {current.version} ({current.hash[:12]})",
             ""]
    if not impact.total:
        return "\n".join([*lines, "No answers to score: nothing stored and no answer files given.", ""])

    def share(n: int) -> str:
        return f"{n} of {impact.total} ({round(100 * n / impact.total)} %)"

    lines += [f"- a theme changes its level for {share(impact.changed_level)}",
              f"- the blend profile changes for {share(impact.changed_profile)}",
              f"- the next steps change for {share(impact.changed_next_steps)}", ""]
    for kind, found in impact.examples.items():
        lines += [f"Examples ({kind}):", *(f"- {text}" for text in found), ""]
    shifts = impact.recommendation_shifts
    if shifts:
        lines += ["## Recommendations that fire more or less often", "", "| recommendation | before | after |",
                  "| --- | ---: | ---: |", *(f"| {n} | {b} | {a} |" for n, b, a in shifts), ""]
    if impact.unmovable:
        lines += ["## Stored answers the new rules cannot take (add `renamed_from` or an option map)", "",
                  *(f"- {q}: {n} answer set(s)" for q, n in sorted(impact.unmovable.items())), ""]
    return "\n".join(lines)
