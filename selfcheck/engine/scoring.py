"""evaluate(ruleset, answers) -> Result: scores, levels, blend profile, recommendations.

Pure and deterministic: the same rule set and answers always give the same result,
and every number can say which answers produced it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .model import SPECIAL_ANSWERS, UNKNOWN, Question, RuleSet

ENGINE_VERSION = "1"
NEXT_STEPS = 3
NO_SCORE_GAP = 50
EFFORT_ORDER = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True)
class Contribution:
    question: str
    answer: Any
    points: int | None
    max_points: int
    weight: float
    status: str  # scored | unknown | not_applicable | unanswered


@dataclass(frozen=True)
class DimensionResult:
    id: str
    score: int | None
    level: str | None
    completeness: int
    answered: int
    visible: int
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class AxisResult:
    id: str
    score: int | None
    high: bool | None


@dataclass(frozen=True)
class BlendResult:
    type: str | None
    axes: tuple[AxisResult, ...]


@dataclass(frozen=True)
class KnowledgeGap:
    question: str
    dimension: str | None
    reason: str  # unknown | unanswered


@dataclass(frozen=True)
class TraceEntry:
    clause: str
    value: bool
    actual: Any


@dataclass(frozen=True)
class RecommendationResult:
    id: str
    dimension: str | None
    priority: int
    rank: int
    next_step: bool
    trace: tuple[TraceEntry, ...]


@dataclass(frozen=True)
class Result:
    ruleset: Mapping[str, str]
    engine_version: str
    organisation_type: str | None
    completeness: int
    dimensions: tuple[DimensionResult, ...]
    blend: BlendResult
    knowledge_gaps: tuple[KnowledgeGap, ...]
    recommendations: tuple[RecommendationResult, ...]

    def dimension(self, dimension_id: str) -> DimensionResult:
        return next(d for d in self.dimensions if d.id == dimension_id)

    @property
    def next_steps(self) -> tuple[RecommendationResult, ...]:
        return tuple(r for r in self.recommendations if r.next_step)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON-ready: dicts, lists, str, numbers) for storage, templates and the CLI.

        Lists, not tuples, so that a result read back from JSON equals the one written.
        """
        return _lists(asdict(self))  # type: ignore[no-any-return]


def _percent(part: float, whole: float) -> int:
    """0-100, rounded half up (Python's round() would round 62.5 to 62)."""
    return int(100 * part / whole + 0.5) if whole else 0


def _contribution(question: Question, answer: Any) -> Contribution:
    if answer is None:
        status = "unanswered"
    elif answer in SPECIAL_ANSWERS:
        status = answer
    else:
        status = "scored"
    return Contribution(question.id, answer, question.points_for(answer), question.max_score, question.weight, status)


def _score(contributions: Iterable[Contribution]) -> int | None:
    scored = [c for c in contributions if c.status == "scored" and c.max_points > 0]
    if not scored:
        return None
    return _percent(sum((c.points or 0) * c.weight for c in scored), sum(c.max_points * c.weight for c in scored))


class _ResultFacts:
    """Facts for recommendation conditions: answers, points, scores, levels, profile."""

    def __init__(self, answers: Mapping[str, Any], contributions: Mapping[str, Contribution],
                 dimensions: Mapping[str, DimensionResult], profile: str | None) -> None:
        self.answers = answers
        self.contributions = contributions
        self.dimensions = dimensions
        self.blend_type = profile

    def answer(self, question_id: str) -> Any:
        return self.answers.get(question_id)

    def points(self, question_id: str) -> int | None:
        contribution = self.contributions.get(question_id)
        return contribution.points if contribution else None

    def score(self, dimension_id: str) -> int | None:
        result = self.dimensions.get(dimension_id)
        return result.score if result else None

    def level(self, dimension_id: str) -> str | None:
        result = self.dimensions.get(dimension_id)
        return result.level if result else None

    def profile(self) -> str | None:
        return self.blend_type


def evaluate(ruleset: RuleSet, answers: Mapping[str, Any]) -> Result:
    """Score normalised answers (see normalise_answers) against a rule set."""
    visible = ruleset.visible_questions(answers)
    shown = {q.id: answers[q.id] for q in visible if q.id in answers}
    contributions = {q.id: _contribution(q, shown.get(q.id)) for q in visible if q.scored}

    dimension_results = {}
    for dimension in ruleset.dimensions:
        own = tuple(contributions[q.id] for q in dimension.questions if q.id in contributions)
        answered = sum(c.status != "unanswered" for c in own)
        score = _score(own)
        dimension_results[dimension.id] = DimensionResult(
            id=dimension.id,
            score=score,
            level=dimension.level_for(score).id if score is not None else None,
            completeness=_percent(answered, len(own)),
            answered=answered,
            visible=len(own),
            contributions=own,
        )

    axes = []
    for axis in ruleset.blend.axes:
        score = _score(contributions[q] for q in axis.question_ids if q in contributions)
        axes.append(AxisResult(axis.id, score, None if score is None else score >= ruleset.blend.threshold))
    blend_type = None
    if axes and all(a.high is not None for a in axes):
        found = ruleset.blend.type_for({a.id: bool(a.high) for a in axes})
        blend_type = found.id if found else None

    gaps = tuple(
        KnowledgeGap(c.question, ruleset.question(c.question).dimension_id,
                     "unknown" if c.status == UNKNOWN else "unanswered")
        for c in contributions.values() if c.status in (UNKNOWN, "unanswered")
    )
    organisation_type = shown.get(ruleset.audience_question) if ruleset.audience_question else None
    if organisation_type in SPECIAL_ANSWERS:
        organisation_type = None
    facts = _ResultFacts(shown, contributions, dimension_results, blend_type)
    fired = []
    for order, recommendation in enumerate(ruleset.recommendations):
        if not recommendation.applies_to(organisation_type) or not recommendation.when.evaluate(facts):
            continue
        scored = dimension_results.get(recommendation.dimension_id or "")
        gap = 100 - scored.score if scored and scored.score is not None else NO_SCORE_GAP
        priority = int(gap * recommendation.weight + 0.5)
        trace = tuple(
            TraceEntry(leaf.text, leaf.evaluate(facts), _plain(leaf.ref.resolve(facts)))
            for leaf in recommendation.when.leaves()
        )
        fired.append((-priority, EFFORT_ORDER[recommendation.effort], order, recommendation, priority, trace))
    fired.sort(key=lambda item: item[:3])
    ranked = tuple(
        RecommendationResult(r.id, r.dimension_id, priority, rank, rank <= NEXT_STEPS, trace)
        for rank, (*_, r, priority, trace) in enumerate(fired, start=1)
    )
    answered_total = sum(c.status != "unanswered" for c in contributions.values())
    return Result(
        ruleset={"id": ruleset.id, "version": ruleset.version, "hash": ruleset.hash},
        engine_version=ENGINE_VERSION,
        organisation_type=organisation_type,
        completeness=_percent(answered_total, len(contributions)),
        dimensions=tuple(dimension_results.values()),
        blend=BlendResult(blend_type, tuple(axes)),
        knowledge_gaps=gaps,
        recommendations=ranked,
    )


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _lists(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(item) for item in value]
    return value
