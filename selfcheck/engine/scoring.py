"""evaluate(ruleset, answers) -> Result: scores, levels, blend profile, recommendations.

Pure and deterministic: the same rule set and answers always give the same result,
and every number can say which answers produced it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .model import NOT_APPLICABLE, SPECIAL_ANSWERS, UNKNOWN, Blend, Question, Recommendation, RuleSet

ENGINE_VERSION = "2"
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
class AnswerCounts:
    """How the asked questions were answered: only ``answered`` are real answers."""

    answered: int
    unknown: int
    not_applicable: int
    unanswered: int

    @property
    def asked(self) -> int:
        return self.answered + self.unknown + self.not_applicable + self.unanswered


@dataclass(frozen=True)
class DimensionResult:
    id: str
    score: int | None  # None: too few real answers for a judgement (see coverage)
    level: str | None
    completeness: int  # % of the asked questions with a real answer
    answered: int  # real answers ("Weiß nicht", "trifft nicht zu" and open are counted apart)
    visible: int
    contributions: tuple[Contribution, ...]
    counts: AnswerCounts
    coverage: int  # % of the theme's weight that real answers cover


@dataclass(frozen=True)
class AxisResult:
    id: str
    score: int | None
    high: bool | None
    near: bool = False  # within the blend's "knapp" band around the threshold
    stage: str | None = None  # the axis stage the score falls in, if the axis names stages


@dataclass(frozen=True)
class BlendResult:
    type: str | None
    axes: tuple[AxisResult, ...]
    close_to: tuple[str, ...] = ()  # the types a small change on a "knapp" axis would give


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
class PriorityPart:
    """One addend of a recommendation's priority: base, theme_gap, audience or profile."""

    name: str
    points: int


@dataclass(frozen=True)
class RecommendationResult:
    id: str
    dimension: str | None
    priority: int
    rank: int
    next_step: bool
    trace: tuple[TraceEntry, ...]
    kind: str = "action"
    priority_parts: tuple[PriorityPart, ...] = ()
    steps: tuple[int, ...] = ()  # which of the rule's steps fit the profile (indexes into its steps)


@dataclass(frozen=True)
class Result:
    ruleset: Mapping[str, str]
    engine_version: str
    organisation_type: str | None
    completeness: int  # % of the asked questions with a real answer
    dimensions: tuple[DimensionResult, ...]
    blend: BlendResult
    knowledge_gaps: tuple[KnowledgeGap, ...]
    recommendations: tuple[RecommendationResult, ...]
    counts: AnswerCounts
    gap_share: int  # % of the asked questions answered "Weiß nicht" or left open
    knowledge_first: bool  # gaps dominate: finding out comes before acting

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


def _counts(contributions: Iterable[Contribution]) -> AnswerCounts:
    statuses = [c.status for c in contributions]
    return AnswerCounts(statuses.count("scored"), statuses.count(UNKNOWN), statuses.count(NOT_APPLICABLE),
                        statuses.count("unanswered"))


def _score(contributions: Iterable[Contribution], min_coverage: int) -> tuple[int | None, int]:
    """The score and the coverage (both 0-100) of some contributions.

    "Trifft nicht zu" leaves the question out. "Weiß nicht" counts as no points, so it never
    raises a score. Open questions are not scored. Without enough real answers (``coverage`` below
    ``min_coverage`` % of the weight) there is no score at all.
    """
    counted = [c for c in contributions if c.max_points > 0 and c.status != NOT_APPLICABLE]
    real = [c for c in counted if c.status == "scored"]
    coverage = _percent(sum(c.max_points * c.weight for c in real), sum(c.max_points * c.weight for c in counted))
    if not real or coverage < min_coverage:
        return None, coverage
    known = [c for c in counted if c.status in ("scored", UNKNOWN)]
    score = _percent(sum((c.points or 0) * c.weight for c in real), sum(c.max_points * c.weight for c in known))
    return score, coverage


class _ResultFacts:
    """Facts for recommendation conditions: answers, points, scores, levels, profile."""

    def __init__(self, answers: Mapping[str, Any], contributions: Mapping[str, Contribution],
                 dimensions: Mapping[str, DimensionResult], profile: str | None, gap_share: int) -> None:
        self.answers = answers
        self.contributions = contributions
        self.dimensions = dimensions
        self.blend_type = profile
        self.gap_percent = gap_share

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

    def gaps(self) -> int:
        return self.gap_percent


def evaluate(ruleset: RuleSet, answers: Mapping[str, Any]) -> Result:
    """Score normalised answers (see normalise_answers) against a rule set."""
    settings = ruleset.results
    visible = ruleset.visible_questions(answers)
    shown = {q.id: answers[q.id] for q in visible if q.id in answers}
    contributions = {q.id: _contribution(q, shown.get(q.id)) for q in visible if q.scored}

    dimension_results = {}
    for dimension in ruleset.dimensions:
        own = tuple(contributions[q.id] for q in dimension.questions if q.id in contributions)
        counts = _counts(own)
        score, coverage = _score(own, settings.min_coverage)
        dimension_results[dimension.id] = DimensionResult(
            id=dimension.id,
            score=score,
            level=dimension.level_for(score).id if score is not None else None,
            completeness=_percent(counts.answered, len(own)),
            answered=counts.answered,
            visible=len(own),
            contributions=own,
            counts=counts,
            coverage=coverage,
        )

    organisation_type = shown.get(ruleset.audience_question) if ruleset.audience_question else None
    if organisation_type in SPECIAL_ANSWERS:
        organisation_type = None
    blend = _blend(ruleset.blend.for_audience(organisation_type), contributions, settings.min_coverage)

    gaps = tuple(
        KnowledgeGap(c.question, ruleset.question(c.question).dimension_id,
                     "unknown" if c.status == UNKNOWN else "unanswered")
        for c in contributions.values() if c.status in (UNKNOWN, "unanswered")
    )
    counts = _counts(contributions.values())
    gap_share = _percent(counts.unknown + counts.unanswered, counts.asked)
    facts = _ResultFacts(shown, contributions, dimension_results, blend.type, gap_share)
    fired = []
    for order, recommendation in enumerate(ruleset.recommendations):
        if not recommendation.applies_to(organisation_type) or not recommendation.when.evaluate(facts):
            continue
        parts = _priority_parts(ruleset, recommendation, dimension_results, organisation_type, facts)
        trace = tuple(
            TraceEntry(leaf.text, leaf.evaluate(facts), _plain(leaf.ref.resolve(facts)))
            for leaf in recommendation.when.leaves()
        )
        steps = tuple(i for i, step in enumerate(recommendation.steps)
                      if step.when is None or step.when.evaluate(facts))
        fired.append(_Fired(recommendation, sum(p.points for p in parts), parts, trace, order, steps))
    knowledge_first = gap_share >= settings.knowledge_first
    ranked = _rank(fired, knowledge_first)
    return Result(
        ruleset={"id": ruleset.id, "version": ruleset.version, "hash": ruleset.hash},
        engine_version=ENGINE_VERSION,
        organisation_type=organisation_type,
        completeness=_percent(counts.answered, counts.asked),
        dimensions=tuple(dimension_results.values()),
        blend=blend,
        knowledge_gaps=gaps,
        recommendations=ranked,
        counts=counts,
        gap_share=gap_share,
        knowledge_first=knowledge_first,
    )


@dataclass(frozen=True)
class _Fired:
    rule: Recommendation
    priority: int
    parts: tuple[PriorityPart, ...]
    trace: tuple[TraceEntry, ...]
    order: int
    steps: tuple[int, ...]

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return -self.priority, EFFORT_ORDER[self.rule.effort], self.order

    @property
    def theme(self) -> str:
        """The theme for "next steps from at least two themes"; one without a theme stands alone."""
        return self.rule.dimension_id or f"recommendation:{self.rule.id}"


def _priority_parts(
    ruleset: RuleSet, rule: Recommendation, dimensions: Mapping[str, DimensionResult], organisation_type: str | None,
    facts: _ResultFacts,
) -> tuple[PriorityPart, ...]:
    """base + theme gap x weight / 2 (actions only) + audience boost + profile boost."""
    parts = [PriorityPart("base", rule.priority)]
    if rule.kind == "action":
        scored = dimensions.get(rule.dimension_id or "")
        gap = 100 - scored.score if scored and scored.score is not None else NO_SCORE_GAP
        parts.append(PriorityPart("theme_gap", int(gap * rule.weight / 2 + 0.5)))
    if rule.for_audience and organisation_type in rule.audience:
        parts.append(PriorityPart("audience", ruleset.results.audience_boost))
    names_profile = (leaf.ref.kind == "profile" and leaf.op in ("==", "in") and leaf.evaluate(facts)
                     for leaf in rule.when.leaves())
    if any(names_profile):
        parts.append(PriorityPart("profile", ruleset.results.profile_boost))
    return tuple(parts)


def _blend(blend: Blend, contributions: Mapping[str, Contribution], min_coverage: int) -> BlendResult:
    """Axis scores, their stages and "knapp" marks, the type, and the types one small change away."""
    axes = []
    for axis in blend.axes:
        score, _coverage = _score((contributions[q] for q in axis.question_ids if q in contributions), min_coverage)
        stage = axis.stage_for(score) if score is not None else None
        axes.append(AxisResult(axis.id, score, None if score is None else score >= blend.threshold,
                               score is not None and blend.is_near(score), stage.id if stage else None))
    if not axes or any(a.high is None for a in axes):
        return BlendResult(None, tuple(axes))
    high = {a.id: bool(a.high) for a in axes}
    found = blend.type_for(high)
    close = []
    for near in (a for a in axes if a.near):
        other = blend.type_for({**high, near.id: not high[near.id]})
        if other and found and other.id != found.id and other.id not in close:
            close.append(other.id)
    return BlendResult(found.id if found else None, tuple(axes), tuple(close))


def _rank(fired: list[_Fired], knowledge_first: bool) -> tuple[RecommendationResult, ...]:
    """Next steps first, then the other actions, then what to find out; each by priority.

    A recommendation that a more specific fired one ``replaces`` is left out. Next steps: up to
    three actions from at least two themes where possible; a knowledge recommendation leads them
    only when gaps dominate.
    """
    hidden = {name for item in fired for name in item.rule.replaces}
    kept = sorted((item for item in fired if item.rule.id not in hidden), key=lambda item: item.sort_key)
    actions = [item for item in kept if item.rule.kind == "action"]
    knowledge = [item for item in kept if item.rule.kind != "action"]
    steps: list[_Fired] = knowledge[:1] if knowledge_first else []
    for item in actions:
        if len(steps) == NEXT_STEPS:
            break
        themes = {step.theme for step in steps if step.rule.kind == "action"}
        last_slot = len(steps) == NEXT_STEPS - 1
        other_theme_left = any(other.theme not in themes for other in actions if other not in steps)
        if last_slot and len(themes) == 1 and item.theme in themes and other_theme_left:
            continue
        steps.append(item)
    order = steps + [item for item in actions + knowledge if item not in steps]
    return tuple(
        RecommendationResult(item.rule.id, item.rule.dimension_id, item.priority, rank, item in steps, item.trace,
                             item.rule.kind, item.parts, item.steps)
        for rank, item in enumerate(order, start=1)
    )


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _lists(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _lists(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(item) for item in value]
    return value
