"""Group view over several self-checks: what a workshop discusses.

Pure aggregation over engine Results and their answers: distributions with medians, the
questions where answers diverge most (the discussion agenda), the combined blend profile,
the recommendations that fire for most participants, and who works with whom.
No web, no database: the caller decides who may see what.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median
from typing import Any

from .answers import normalise_answers
from .model import UNKNOWN, Question, RuleSet
from .scoring import Contribution, Result, evaluate

AGENDA_SIZE = 5
# A recommendation is "shared" when it fires for more than this share of the group.
SHARED_SHARE = 0.5
# A multi-choice question counts as a partnership question when at least this many of its
# options are also organisation types (e.g. "Mit wem arbeiten Sie zusammen?").
PARTNER_OPTION_OVERLAP = 2


@dataclass(frozen=True)
class Respondent:
    """One participant's answers and the engine's result for them."""

    answers: Mapping[str, Any]
    result: Result


@dataclass(frozen=True)
class DimensionDistribution:
    """All scores of one dimension: one value per respondent with a score."""

    id: str
    scores: tuple[int, ...]  # sorted ascending
    without_score: int
    median: float | None
    levels: Mapping[str, int]  # level id -> respondents


@dataclass(frozen=True)
class QuestionDivergence:
    """How far apart the answers to one scored question are.

    ``divergence`` is twice the mean distance of the normalised points (0-1) from their
    median: 0 when everybody agrees, 1 when the group is split evenly between the two ends.
    ``spread`` is the distance between the lowest and the highest answer (0-1), and
    ``modal_share`` the share of the most frequent answer among real answers.
    """

    question_id: str
    dimension_id: str | None
    answered: int
    unknown: int
    counts: Mapping[str, int]  # answer key (option id, band or joined options) -> respondents
    divergence: float
    spread: float
    modal_share: float
    median_points: float | None  # normalised 0-1


@dataclass(frozen=True)
class SharedRecommendation:
    id: str
    count: int
    share: float
    mean_rank: float
    steps: tuple[int, ...] = ()  # the steps any respondent who got it was shown, in rule order


@dataclass(frozen=True)
class BlendSummary:
    types: Mapping[str | None, int]  # blend type id (None = still open) -> respondents
    axis_medians: Mapping[str, float | None]
    group_type: str | None  # the blend type the group's axis medians fall into


@dataclass(frozen=True)
class PartnershipMatrix:
    """Respondents of one actor type (rows) naming another actor type as partner (columns)."""

    actor_types: tuple[str, ...]
    respondents: Mapping[str, int]  # actor type -> respondents of that type
    cells: Mapping[str, Mapping[str, int]]  # row type -> column type -> respondents
    question_ids: tuple[str, ...]

    def count(self, row: str, column: str) -> int:
        return self.cells.get(row, {}).get(column, 0)

    @property
    def empty(self) -> bool:
        return not any(value for row in self.cells.values() for value in row.values())


@dataclass(frozen=True)
class GroupSummary:
    size: int
    dimensions: tuple[DimensionDistribution, ...]
    questions: tuple[QuestionDivergence, ...]  # every scored question, most divergent first
    agenda: tuple[QuestionDivergence, ...]
    blend: BlendSummary
    shared_recommendations: tuple[SharedRecommendation, ...]
    partnerships: PartnershipMatrix


def summarise(
    ruleset: RuleSet,
    respondents: Sequence[Respondent],
    *,
    agenda_size: int = AGENDA_SIZE,
    shared_share: float = SHARED_SHARE,
) -> GroupSummary:
    """The group picture of ``respondents``; order of respondents does not matter."""
    questions = divergences(ruleset, respondents)
    return GroupSummary(
        size=len(respondents),
        dimensions=tuple(dimension_distribution(ruleset, d.id, respondents) for d in ruleset.dimensions),
        questions=questions,
        agenda=tuple(q for q in questions if q.divergence > 0)[:agenda_size],
        blend=blend_summary(ruleset, respondents),
        shared_recommendations=shared_recommendations(respondents, shared_share),
        partnerships=partnership_matrix(ruleset, respondents),
    )


def counts_for_group(result: Result, min_answered: int) -> bool:
    """Whether someone counts for the group: real answers to at least ``min_answered`` % of the
    questions asked ("Weiß nicht" and empty answers do not count)."""
    return result.counts.answered > 0 and result.completeness >= min_answered


def answered_enough(ruleset: RuleSet, raw_answers: Mapping[str, Any], min_answered: int) -> bool:
    """``counts_for_group`` for raw answers (a paper sheet, a member when the workshop closes)."""
    answers, _problems = normalise_answers(ruleset, raw_answers)
    return counts_for_group(evaluate(ruleset, answers), min_answered)


def median_or_none(values: Sequence[float]) -> float | None:
    return float(median(values)) if values else None


def dimension_distribution(
    ruleset: RuleSet, dimension_id: str, respondents: Sequence[Respondent]
) -> DimensionDistribution:
    results = [r.result.dimension(dimension_id) for r in respondents]
    scores = sorted(d.score for d in results if d.score is not None)
    levels = Counter(d.level for d in results if d.level is not None)
    ordered = {level.id: levels[level.id] for level in ruleset.dimension(dimension_id).levels}
    return DimensionDistribution(
        id=dimension_id,
        scores=tuple(scores),
        without_score=len(results) - len(scores),
        median=median_or_none(scores),
        levels=ordered,
    )


def answer_key(question: Question, value: Any) -> str:
    """A stable key for counting equal answers: option id, band index, or sorted options."""
    if isinstance(value, list | tuple):
        return "+".join(sorted(str(item) for item in value)) or "-"
    if question.type == "number" and isinstance(value, int) and not isinstance(value, bool):
        return f"band:{question.bands.index(question.band_for(value))}"
    return str(value)


def question_divergence(question: Question, respondents: Sequence[Respondent]) -> QuestionDivergence:
    """Divergence of one scored question over the respondents who were asked it.

    Points come from the engine's contributions, so hidden questions and special answers
    are treated exactly as in scoring.
    """
    points: list[float] = []
    keys: list[str] = []
    unknown = 0
    for respondent in respondents:
        contribution = _contribution(respondent.result, question)
        if contribution is None or contribution.status == "unanswered":
            continue
        if contribution.status != "scored" or contribution.points is None or not contribution.max_points:
            unknown += contribution.status == UNKNOWN
            continue
        points.append(contribution.points / contribution.max_points)
        keys.append(answer_key(question, contribution.answer))
    counts = Counter(keys)
    middle = median_or_none(points)
    if middle is None:
        divergence = spread = 0.0
    else:
        divergence = min(1.0, 2 * sum(abs(p - middle) for p in points) / len(points))
        spread = max(points) - min(points)
    return QuestionDivergence(
        question_id=question.id,
        dimension_id=question.dimension_id,
        answered=len(points),
        unknown=unknown,
        counts=dict(counts.most_common()),
        divergence=round(divergence, 4),
        spread=round(spread, 4),
        modal_share=round(counts.most_common(1)[0][1] / len(points), 4) if points else 1.0,
        median_points=middle,
    )


def _contribution(result: Result, question: Question) -> Contribution | None:
    if question.dimension_id is None:
        return None
    for contribution in result.dimension(question.dimension_id).contributions:
        if contribution.question == question.id:
            return contribution
    return None


def divergences(ruleset: RuleSet, respondents: Sequence[Respondent]) -> tuple[QuestionDivergence, ...]:
    """Every scored question with at least two real answers, most divergent first."""
    order = {q.id: i for i, q in enumerate(ruleset.questions)}
    found = [
        question_divergence(q, respondents) for q in ruleset.questions if q.scored and q.max_score > 0
    ]
    found = [item for item in found if item.answered >= 2]
    found.sort(key=lambda d: (-d.divergence, -d.spread, d.modal_share, order[d.question_id]))
    return tuple(found)


def blend_summary(ruleset: RuleSet, respondents: Sequence[Respondent]) -> BlendSummary:
    """How many respondents have each type, and the group's type from the axis medians. Respondents
    with a role profile of their own (funders) are counted by their type but left out of the medians."""
    counted = Counter(r.result.blend.type for r in respondents)
    types: dict[str | None, int] = {t.id: counted[t.id] for t in ruleset.blend.types}
    types |= {t.id: counted[t.id] for t in ruleset.blend.all_types if counted[t.id] and t.id not in types}
    if counted[None]:
        types[None] = counted[None]
    default_profile = [r for r in respondents
                       if ruleset.blend.for_audience(r.result.organisation_type) is ruleset.blend]
    axis_medians = {}
    for axis in ruleset.blend.axes:
        scores = [a.score for r in default_profile for a in r.result.blend.axes
                  if a.id == axis.id and a.score is not None]
        axis_medians[axis.id] = median_or_none(scores)
    group_type = None
    if axis_medians and all(value is not None for value in axis_medians.values()):
        high = {axis: value >= ruleset.blend.threshold for axis, value in axis_medians.items() if value is not None}
        found = ruleset.blend.type_for(high)
        group_type = found.id if found else None
    return BlendSummary(types=types, axis_medians=axis_medians, group_type=group_type)


def shared_recommendations(
    respondents: Sequence[Respondent], share: float = SHARED_SHARE
) -> tuple[SharedRecommendation, ...]:
    """Recommendations that fire for more than ``share`` of the respondents, most common first."""
    if not respondents:
        return ()
    ranks: dict[str, list[int]] = {}
    steps: dict[str, set[int]] = {}
    for respondent in respondents:
        for recommendation in respondent.result.recommendations:
            ranks.setdefault(recommendation.id, []).append(recommendation.rank)
            steps.setdefault(recommendation.id, set()).update(recommendation.steps)
    size = len(respondents)
    shared = [
        SharedRecommendation(rid, len(found), round(len(found) / size, 4), round(sum(found) / len(found), 2),
                             tuple(sorted(steps[rid])))
        for rid, found in ranks.items()
        if len(found) / size > share
    ]
    shared.sort(key=lambda s: (-s.count, s.mean_rank, s.id))
    return tuple(shared)


def partnership_questions(ruleset: RuleSet) -> tuple[Question, ...]:
    """Multi-choice questions whose options name actor types (the partnership questions)."""
    try:
        actors = {o.id for o in ruleset.question(ruleset.audience_question or "").options}
    except KeyError:
        return ()
    return tuple(
        q
        for q in ruleset.questions
        if q.type == "multi" and len(actors & {o.id for o in q.options}) >= PARTNER_OPTION_OVERLAP
    )


def partnership_matrix(ruleset: RuleSet, respondents: Sequence[Respondent]) -> PartnershipMatrix:
    """Which actor types work with which: rows are the respondents' own types (the audience question)."""
    questions = partnership_questions(ruleset)
    actor_question = ruleset.audience_question or ""
    actor_types = tuple(o.id for o in ruleset.question(actor_question).options) if questions else ()
    respondents_per_type: Counter[str] = Counter()
    cells: dict[str, Counter[str]] = {}
    for respondent in respondents:
        own = respondent.answers.get(actor_question)
        if own not in actor_types:
            continue
        respondents_per_type[own] += 1
        partners: set[str] = set()
        for question in questions:
            value = respondent.answers.get(question.id)
            if isinstance(value, list | tuple) and ruleset.is_visible(question, respondent.answers):
                partners.update(item for item in value if item in actor_types)
        cells.setdefault(own, Counter()).update(partners)
    return PartnershipMatrix(
        actor_types=actor_types,
        respondents=dict(respondents_per_type),
        cells={row: dict(columns) for row, columns in cells.items()},
        question_ids=tuple(q.id for q in questions),
    )


@dataclass(frozen=True)
class PeerComparison:
    """Where organisations of the respondent's type stand, per theme. Medians exist only from
    ``minimum`` organisations on: below that nothing about them is computed or shown."""

    count: int
    minimum: int
    medians: Mapping[str, float | None]  # dimension id -> median score; empty below the minimum

    @property
    def enough(self) -> bool:
        return self.count >= self.minimum


def compare_with_peers(ruleset: RuleSet, answer_sets: Sequence[Mapping[str, Any]], minimum: int) -> PeerComparison:
    """The theme medians of ``answer_sets`` (raw answers of comparable organisations) under ``ruleset``."""
    if len(answer_sets) < minimum:
        return PeerComparison(len(answer_sets), minimum, {})
    results = [evaluate(ruleset, normalise_answers(ruleset, raw)[0]) for raw in answer_sets]
    medians = {
        d.id: median_or_none([float(s) for r in results if (s := r.dimension(d.id).score) is not None])
        for d in ruleset.dimensions
    }
    return PeerComparison(len(answer_sets), minimum, medians)
