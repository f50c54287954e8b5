"""The rule set as immutable Python objects.

Everything the web app, the report and the CLI know about questions, scoring and
recommendations comes from here; nothing is stored anywhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .conditions import Condition

QuestionType = Literal["single", "multi", "number", "text"]
UNKNOWN = "unknown"
NOT_APPLICABLE = "not_applicable"
SPECIAL_ANSWERS = (UNKNOWN, NOT_APPLICABLE)
# own_assessment: a view of the check's publishers, cited to the source of kind "own", never to an
# organisation; expert_assumption: an expert view stated by the cited source itself.
EVIDENCE_LEVELS = ("study_hypothesis", "related_study", "practice_example", "expert_assumption", "own_assessment")
EFFORTS = ("low", "medium", "high")


@dataclass(frozen=True)
class Origin:
    """Where something was written: shown in every problem message."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Text:
    """A user-facing text in German (required) and English (optional)."""

    de: str
    en: str | None = None

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to German."""
        return self.en if lang == "en" and self.en else self.de

    def to_dict(self) -> dict[str, str | None]:
        return {"de": self.de, "en": self.en}


@dataclass(frozen=True)
class Option:
    id: str
    label: Text
    points: int | None = None
    exclusive: bool = False
    renamed_from: tuple[str, ...] = ()  # earlier option ids whose stored answers now mean this option


@dataclass(frozen=True)
class Band:
    """A range of a number question: values below ``below`` (the last band has none)."""

    below: int | None
    label: Text
    points: int


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    text: Text
    help: Text | None = None
    options: tuple[Option, ...] = ()
    bands: tuple[Band, ...] = ()
    unit: Text | None = None
    min: int | None = None
    max: int | None = None
    max_points: int | None = None
    max_length: int = 2000
    unknown: bool = True
    not_applicable: bool = False
    required: bool = False  # the check cannot judge without it (e.g. the organisation type)
    visible_if: Condition | None = None
    visible_if_text: str | None = None
    dimension_id: str | None = None
    weight: float = 1
    scored: bool = False
    renamed_from: tuple[str, ...] = ()  # earlier ids of this question: stored answers move here
    origin: Origin = field(default=Origin("", 0), compare=False)

    @property
    def max_score(self) -> int:
        """The most points this question can give."""
        if self.type == "multi":
            return self.max_points or 0
        if self.type == "number":
            return max((band.points for band in self.bands), default=0)
        return max((option.points or 0 for option in self.options), default=0)

    def points_for(self, value: Any) -> int | None:
        """Points for an answer; None for no answer, a special answer or an unscored question."""
        if not self.scored or value is None or value in SPECIAL_ANSWERS:
            return None
        if self.type == "single":
            return next((o.points for o in self.options if o.id == value), None)
        if self.type == "multi":
            chosen = {o.id: o.points or 0 for o in self.options if o.id in value}
            return min(sum(chosen.values()), self.max_points or 0)
        if self.type == "number" and isinstance(value, int):
            return self.band_for(value).points
        return None

    def band_for(self, value: int) -> Band:
        for band in self.bands:
            if band.below is None or value < band.below:
                return band
        return self.bands[-1]


@dataclass(frozen=True)
class Level:
    id: str
    min: int
    max: int
    label: Text
    description: Text | None = None


@dataclass(frozen=True)
class Dimension:
    id: str
    title: Text
    description: Text | None
    why: Text | None
    questions: tuple[Question, ...]
    levels: tuple[Level, ...]
    sources: tuple[str, ...] = ()
    origin: Origin = field(default=Origin("", 0), compare=False)

    def level_for(self, score: int) -> Level:
        for level in self.levels:
            if level.min <= score <= level.max:
                return level
        raise ValueError(f"no level for score {score} in {self.id}")


@dataclass(frozen=True)
class Step:
    """One page of the questionnaire: the profile, then one step per dimension."""

    id: str
    title: Text
    description: Text | None
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class ActionStep:
    """One step of a recommendation; a step with a condition is shown only to the profiles it fits."""

    text: Text
    when: Condition | None = None
    when_text: str | None = None


@dataclass(frozen=True)
class Citation:
    source_id: str
    evidence: str


@dataclass(frozen=True)
class Recommendation:
    id: str
    dimension_id: str | None
    when: Condition
    when_text: str
    audience: tuple[str, ...]
    title: Text
    why: Text
    steps: tuple[ActionStep, ...]
    effort: str
    example: Text | None
    sources: tuple[Citation, ...]
    weight: float = 1
    priority: int = 50  # base priority 0-100, before the theme gap and the boosts
    kind: str = "action"  # "knowledge": find something out first (never a next step unless gaps dominate)
    replaces: tuple[str, ...] = ()  # near-duplicates this more specific recommendation hides
    origin: Origin = field(default=Origin("", 0), compare=False)

    @property
    def for_audience(self) -> bool:
        """Written for some organisation types only (not for everybody)."""
        return "all" not in self.audience

    def applies_to(self, organisation_type: str | None) -> bool:
        """For everybody, or for the respondent's organisation type (an unknown type gets only those)."""
        return "all" in self.audience or organisation_type in self.audience


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: str
    publisher: str | None = None
    year: int | None = None
    url: str | None = None
    note: Text | None = None
    author: str | None = None
    no_url: str | None = None  # why there is no address (e.g. read in print or via a report about it)
    undated: str | None = None  # why there is no year (e.g. an undated project page)


@dataclass(frozen=True)
class Axis:
    id: str
    label: Text
    question_ids: tuple[str, ...]
    stages: tuple[Level, ...] = ()  # optional named stages of the score (e.g. of linkage), cover 0-100

    def stage_for(self, score: int) -> Level | None:
        return next((stage for stage in self.stages if stage.min <= score <= stage.max), None)


@dataclass(frozen=True)
class BlendType:
    id: str
    label: Text
    description: Text | None
    when: Mapping[str, str]  # axis id -> "high", "low" or "any"
    settled: tuple[str, ...] = ()  # recommendations the description says are done: they must not fire with it

    def fits(self, axis_id: str, high: bool) -> bool:
        """Whether this type allows the axis to be ``high`` (an axis left out counts as "low")."""
        return self.when.get(axis_id, "low") in ("any", "high" if high else "low")


@dataclass(frozen=True)
class ResultSettings:
    """How results are judged and shown (``results:`` in ruleset.yaml); see docs/rules.md."""

    min_coverage: int = 50  # % of a theme's weight real answers must cover before it gets a score
    knowledge_first: int = 40  # % knowledge gaps from which a knowledge recommendation is the first step
    shown_recommendations: int = 9  # further recommendations shown in full after the next steps
    audience_boost: int = 15  # priority added when a recommendation is written for the organisation type
    profile_boost: int = 10  # priority added when a recommendation's condition names the blend type


@dataclass(frozen=True)
class BlendRole:
    """A profile for organisation types whose role differs (funders): the same axis ids with their
    own labels and questions, and their own types."""

    audiences: tuple[str, ...]
    axes: tuple[Axis, ...]
    types: tuple[BlendType, ...]


@dataclass(frozen=True)
class Blend:
    threshold: int
    axes: tuple[Axis, ...]
    types: tuple[BlendType, ...]
    near: int = 0  # an axis score within this many points of the threshold is "knapp" (close)
    roles: tuple[BlendRole, ...] = ()

    def type_for(self, high: Mapping[str, bool]) -> BlendType | None:
        for blend_type in self.types:
            if all(blend_type.fits(axis.id, high[axis.id]) for axis in self.axes):
                return blend_type
        return None

    def quadrant(self, x_high: bool, y_high: bool) -> tuple[BlendType, ...]:
        """The types in one cell of the 2x2 grid of the first two axes (a third axis shares a cell)."""
        x_axis, y_axis = self.axes[0], self.axes[1]
        return tuple(t for t in self.types if t.fits(x_axis.id, x_high) and t.fits(y_axis.id, y_high))

    def is_near(self, score: int) -> bool:
        return abs(score - self.threshold) < self.near

    def for_audience(self, organisation_type: str | None) -> Blend:
        """The profile that fits the organisation type: its role's axes and types, else the default."""
        for role in self.roles:
            if organisation_type in role.audiences:
                return Blend(self.threshold, role.axes, role.types, self.near)
        return self

    @property
    def all_types(self) -> tuple[BlendType, ...]:
        return self.types + tuple(t for role in self.roles for t in role.types)


@dataclass(frozen=True)
class RuleSet:
    """A loaded, validated rule set. Identified by id, version and a content hash."""

    id: str
    version: str
    format: int
    title: Text
    description: Text | None
    languages: tuple[str, ...]
    profile: tuple[Question, ...]
    dimensions: tuple[Dimension, ...]
    recommendations: tuple[Recommendation, ...]
    sources: Mapping[str, Source]
    levels: tuple[Level, ...]
    blend: Blend
    hash: str
    # The profile question whose answer names the organisation type: recommendation audiences,
    # the workshop's partnership matrix. None: every recommendation is for everybody.
    audience_question: str | None = None
    results: ResultSettings = ResultSettings()
    retired: tuple[str, ...] = ()  # question ids no longer asked on purpose: stored answers stay unused
    path: Path | None = None
    _index: dict[str, Question | Dimension | Recommendation] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({q.id: q for q in self.questions})
        self._index.update({f"dimension:{d.id}": d for d in self.dimensions})
        self._index.update({f"recommendation:{r.id}": r for r in self.recommendations})

    @property
    def questions(self) -> tuple[Question, ...]:
        return self.profile + tuple(q for d in self.dimensions for q in d.questions)

    @property
    def steps(self) -> tuple[Step, ...]:
        profile = Step(
            "profile",
            Text("Ihre Organisation", "Your organisation"),
            Text(
                "Ein paar Angaben zu Ihrer Organisation. Sie bestimmen, welche Fragen und Empfehlungen passen.",
                "A few facts about your organisation. They decide which questions and recommendations fit.",
            ),
            self.profile,
        )
        return (profile,) + tuple(Step(d.id, d.title, d.description, d.questions) for d in self.dimensions)

    def question(self, question_id: str) -> Question:
        found = self._index.get(question_id)
        if not isinstance(found, Question):
            raise KeyError(question_id)
        return found

    def dimension(self, dimension_id: str) -> Dimension:
        found = self._index.get(f"dimension:{dimension_id}")
        if not isinstance(found, Dimension):
            raise KeyError(dimension_id)
        return found

    def recommendation(self, recommendation_id: str) -> Recommendation:
        found = self._index.get(f"recommendation:{recommendation_id}")
        if not isinstance(found, Recommendation):
            raise KeyError(recommendation_id)
        return found

    def level(self, dimension_id: str, level_id: str) -> Level:
        for level in self.dimension(dimension_id).levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)

    def blend_type(self, type_id: str) -> BlendType:
        for blend_type in self.blend.all_types:
            if blend_type.id == type_id:
                return blend_type
        raise KeyError(type_id)

    def is_visible(self, question: Question, answers: Mapping[str, Any]) -> bool:
        """Whether ``question`` is asked, given the answers so far."""
        return question.id in {q.id for q in self.visible_questions(answers)}

    def visible_questions(self, answers: Mapping[str, Any]) -> tuple[Question, ...]:
        """The questions that are asked, in order.

        An answer to a hidden question does not count, also not for later conditions.
        """
        from .conditions import AnswerFacts

        shown: list[Question] = []
        kept: dict[str, Any] = {}
        for question in self.questions:
            if question.visible_if is None or question.visible_if.evaluate(AnswerFacts(self, kept)):
                shown.append(question)
                if question.id in answers:
                    kept[question.id] = answers[question.id]
        return tuple(shown)
