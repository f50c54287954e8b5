"""One presenter for a result: the results page and the PDF report show the same view objects.

``present_result`` turns the engine's ``Result`` into frozen view objects holding the texts in
one language. It decides nothing: scores, levels, the blend type and the ranking all come from
the engine; this module only looks up words and keeps the engine's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from markupsafe import Markup

from ..engine.group import PeerComparison
from ..engine.model import Citation, RuleSet
from ..engine.scoring import AnswerCounts, DimensionResult, RecommendationResult, Result
from ..texts import format_number, format_percent, language, other_language, translator
from .charts import blend_quadrant_svg, dimension_chart_svg
from .reasons import reasons
from .words import answer_label, effort_labels, evidence_labels, missing_answer_words, question_numbers

STRENGTHS_SHOWN = 2
OPEN_SHOWN = 3


@dataclass(frozen=True)
class SourceView:
    title: str
    publisher: str | None
    year: int | None
    url: str | None  # only http(s) addresses
    note: str | None
    evidence: str  # the evidence level this source has for the recommendation citing it
    title_lang: str | None = None  # the title's language when it is not the page's (its lang attribute)

    @property
    def short(self) -> str:
        """The short form of a citation: who published it, else its title."""
        return self.publisher or self.title

    @property
    def short_lang(self) -> str | None:
        """The lang attribute of the short form (names of publishers need none)."""
        return None if self.publisher else self.title_lang


@dataclass(frozen=True)
class RecommendationView:
    id: str
    rank: int
    priority: int
    next_step: bool
    title: str
    why: str
    steps: tuple[str, ...]
    effort: str
    example: str | None
    dimension: str | None
    reasons: tuple[str, ...]  # "Warum sehe ich das?" in plain words
    sources: tuple[SourceView, ...]
    kind: str  # action | knowledge


@dataclass(frozen=True)
class QuestionLine:
    """A question of a dimension with its answer; ``open`` says how many points are still open."""

    number: str
    text: str
    answer: str
    open: str | None = None


@dataclass(frozen=True)
class DimensionView:
    id: str
    title: str
    description: str
    score: int | None
    level: str | None
    completeness: int
    counts: str  # "5 beantwortet · 1 „Weiß nicht“ · 2 offen"
    strengths: tuple[QuestionLine, ...]
    open: tuple[QuestionLine, ...]  # most points to win first
    unknown: tuple[QuestionLine, ...]
    next_level: str | None
    peer_median: str | None = None  # organisations of the same type, when there are enough


@dataclass(frozen=True)
class AxisView:
    label: str
    score: int | None
    high: bool | None
    text: str  # "Digitale Angebote: 60 von 100"


@dataclass(frozen=True)
class BlendView:
    label: str | None  # None while too few answers for a profile; "(knapp)" near the threshold
    description: str
    axes: tuple[AxisView, ...]
    intro: str
    close: str = ""  # "Knapp: …" when an axis lies near the threshold, else empty
    stages: tuple[str, ...] = ()  # the named stage of each axis that has stages, with its meaning


@dataclass(frozen=True)
class GapView:
    number: str
    question: str
    dimension: str | None
    section: str  # the step the question is in (the dimension, or the organisation profile)
    reason: str


@dataclass(frozen=True)
class GapGroup:
    title: str
    items: tuple[GapView, ...]


@dataclass(frozen=True)
class ThemeGroup:
    title: str
    items: tuple[RecommendationView, ...]


@dataclass(frozen=True)
class ResultView:
    """A result as the results page and the report show it: short, next steps first.

    ``next_steps`` (up to three), then ``further`` (at most ``shown_recommendations`` more actions,
    by theme), ``more`` (the remaining actions, titles only), ``knowledge`` (what to find out).
    """

    lang: str
    completeness: int
    counts: str  # "50 beantwortet · 10 „Weiß nicht“ · 2 „Trifft nicht zu“ · 5 offen"
    knowledge_first: bool
    dimensions: tuple[DimensionView, ...]
    blend: BlendView
    recommendations: tuple[RecommendationView, ...]  # in the engine's rank order
    knowledge_gaps: tuple[GapView, ...]
    dimension_chart: Markup
    blend_chart: Markup
    shown_recommendations: int
    peers: str | None = None  # the sentence about the comparison with organisations of the same type

    @property
    def completeness_text(self) -> str:
        """The share of answered questions as people write it: "85 %" / "85%"."""
        return format_percent(self.completeness, self.lang)

    @property
    def next_steps(self) -> tuple[RecommendationView, ...]:
        return tuple(r for r in self.recommendations if r.next_step)

    @property
    def _other_actions(self) -> tuple[RecommendationView, ...]:
        return tuple(r for r in self.recommendations if not r.next_step and r.kind == "action")

    @property
    def further(self) -> tuple[ThemeGroup, ...]:
        """The next best actions after the next steps, grouped by theme (best theme first)."""
        themes: dict[str, list[RecommendationView]] = {}
        for item in self._other_actions[:self.shown_recommendations]:
            themes.setdefault(item.dimension or "", []).append(item)
        return tuple(ThemeGroup(title, tuple(items)) for title, items in themes.items())

    @property
    def more(self) -> tuple[RecommendationView, ...]:
        return self._other_actions[self.shown_recommendations:]

    @property
    def knowledge(self) -> tuple[RecommendationView, ...]:
        return tuple(r for r in self.recommendations if not r.next_step and r.kind != "action")

    @property
    def gap_groups(self) -> tuple[GapGroup, ...]:
        """The knowledge gaps by step, in questionnaire order."""
        sections: dict[str, list[GapView]] = {}
        for gap in self.knowledge_gaps:
            sections.setdefault(gap.section, []).append(gap)
        return tuple(GapGroup(title, tuple(items)) for title, items in sections.items())


def present_result(ruleset: RuleSet, result: Result, answers: Mapping[str, Any], lang: str,
                   peers: PeerComparison | None = None) -> ResultView:
    """The view of ``result`` (computed from ``answers`` with ``ruleset``) in ``lang``; ``peers``
    adds the comparison with organisations of the same type (None: not asked, e.g. the CLI)."""
    lang = language(lang)
    numbers = question_numbers(ruleset)
    view = ResultView(
        lang=lang,
        completeness=result.completeness,
        counts=counts_text(result.counts, lang),
        knowledge_first=result.knowledge_first,
        dimensions=tuple(_dimension(ruleset, row, answers, numbers, lang) for row in result.dimensions),
        blend=_blend(ruleset, result, lang),
        recommendations=tuple(_recommendation(ruleset, item, result, answers, numbers, lang)
                              for item in sorted(result.recommendations, key=lambda r: r.rank)),
        knowledge_gaps=_gaps(ruleset, result, numbers, lang),
        dimension_chart=Markup(dimension_chart_svg(ruleset, result, lang)),  # noqa: S704 - escaped SVG of ours
        blend_chart=Markup(blend_quadrant_svg(ruleset, result, lang)),  # noqa: S704 - escaped SVG of ours
        shown_recommendations=ruleset.results.shown_recommendations,
    )
    return view if peers is None else _with_peers(view, peers, lang)


def _with_peers(view: ResultView, peers: PeerComparison, lang: str) -> ResultView:
    _ = translator(lang)
    if not peers.enough:
        return replace(view, peers=_("Ein Vergleich mit Organisationen Ihrer Art erscheint ab %(n)s, die der "
                                     "Forschung zugestimmt haben.", n=peers.minimum))
    dimensions = tuple(replace(d, peer_median=format_number(peers.medians.get(d.id), lang)
                               if peers.medians.get(d.id) is not None else None) for d in view.dimensions)
    return replace(view, dimensions=dimensions,
                   peers=_("Verglichen mit %(n)s Organisationen Ihrer Art, die der Forschung zugestimmt haben.",
                           n=peers.count))


def counts_text(counts: AnswerCounts, lang: str) -> str:
    """How the questions were answered, real answers first; kinds nobody used are left out."""
    _ = translator(lang)
    parts = [_("%(n)s beantwortet", n=counts.answered)]
    if counts.unknown:
        parts.append(_("%(n)s „Weiß nicht“", n=counts.unknown))
    if counts.not_applicable:
        parts.append(_("%(n)s „Trifft nicht zu“", n=counts.not_applicable))
    if counts.unanswered:
        parts.append(_("%(n)s offen", n=counts.unanswered))
    return " · ".join(parts)


def cited_sources(ruleset: RuleSet, citations: Iterable[Citation], lang: str) -> tuple[SourceView, ...]:
    """The sources a recommendation cites, each with the label of the evidence level it has there."""
    labels = evidence_labels(translator(lang))
    cited = []
    for citation in citations:
        source = ruleset.sources.get(citation.source_id)
        if source is None:
            continue
        if source.kind == "own":  # our own view: its evidence label is all there is to say
            cited.append(SourceView(title=labels[citation.evidence], publisher=None, year=None, url=None,
                                    note=source.note.get(lang) if source.note else None, evidence=""))
            continue
        cited.append(SourceView(
            title=source.title,
            publisher=source.publisher,
            year=source.year,
            url=source.url if source.url and source.url.startswith(("https://", "http://")) else None,
            note=source.note.get(lang) if source.note else None,
            evidence=labels.get(citation.evidence, citation.evidence),
            title_lang=other_language(source.title, lang),
        ))
    return tuple(cited)


def _recommendation(
    ruleset: RuleSet, item: RecommendationResult, result: Result, answers: Mapping[str, Any],
    numbers: Mapping[str, str], lang: str,
) -> RecommendationView:
    rule = ruleset.recommendation(item.id)
    return RecommendationView(
        id=rule.id,
        rank=item.rank,
        priority=item.priority,
        next_step=item.next_step,
        title=rule.title.get(lang),
        why=rule.why.get(lang),
        steps=tuple(rule.steps[i].text.get(lang) for i in item.steps),
        effort=effort_labels(translator(lang))[rule.effort],
        example=rule.example.get(lang) if rule.example else None,
        dimension=ruleset.dimension(rule.dimension_id).title.get(lang) if rule.dimension_id else None,
        reasons=reasons(ruleset, rule, item, result, answers, numbers, lang),
        sources=cited_sources(ruleset, rule.sources, lang),
        kind=item.kind,
    )


def _dimension(
    ruleset: RuleSet, row: DimensionResult, answers: Mapping[str, Any], numbers: Mapping[str, str], lang: str
) -> DimensionView:
    _ = translator(lang)
    dimension = ruleset.dimension(row.id)
    level = ruleset.level(row.id, row.level) if row.level else None
    higher = [lv for lv in dimension.levels if level is not None and lv.min > level.max]
    next_level = min(higher, key=lambda lv: lv.min) if higher else None
    strengths: list[QuestionLine] = []
    open_items: list[tuple[float, QuestionLine]] = []
    unknown: list[QuestionLine] = []
    for c in row.contributions:
        question = ruleset.question(c.question)
        line = QuestionLine(numbers[question.id], question.text.get(lang),
                            answer_label(question, answers.get(question.id), lang))
        if c.status == "unknown":
            unknown.append(line)
        if c.status != "scored" or not c.max_points:
            continue
        points = c.points or 0
        if points >= c.max_points:
            strengths.append(line)
        else:
            still_open = _("noch %(open)s von %(max)s Punkten offen", open=c.max_points - points, max=c.max_points)
            open_items.append(((c.max_points - points) * c.weight,
                               QuestionLine(line.number, line.text, line.answer, still_open)))
    open_items.sort(key=lambda item: -item[0])  # stable: ties keep the questionnaire order
    return DimensionView(
        id=dimension.id,
        title=dimension.title.get(lang),
        description=dimension.description.get(lang) if dimension.description else "",
        score=row.score,
        level=level.label.get(lang) if level else None,
        completeness=row.completeness,
        counts=counts_text(row.counts, lang),
        strengths=tuple(strengths[:STRENGTHS_SHOWN]),
        open=tuple(line for _weight, line in open_items[:OPEN_SHOWN]),
        unknown=tuple(unknown),
        next_level=(_("Die nächste Stufe ist „%(level)s“ (ab %(min)s Punkten).", level=next_level.label.get(lang),
                      min=next_level.min) if next_level else None),
    )


def _blend(ruleset: RuleSet, result: Result, lang: str) -> BlendView:
    _ = translator(lang)
    blend = ruleset.blend.for_audience(result.organisation_type)
    blend_type = ruleset.blend_type(result.blend.type) if result.blend.type else None
    by_id = {axis.id: axis for axis in blend.axes}
    axes, stages, near = [], [], []
    for row in result.blend.axes:
        axis = by_id[row.id]
        label = axis.label.get(lang)
        text = (_("%(label)s: noch keine Bewertung", label=label) if row.score is None
                else _("%(label)s: %(score)s von 100", label=label, score=row.score))
        stage = next((st for st in axis.stages if st.id == row.stage), None)
        if stage:
            text = _("%(text)s, Stufe „%(stage)s“", text=text, stage=stage.label.get(lang))
            if stage.description:
                stages.append(_("%(axis)s, Stufe „%(stage)s“: %(meaning)s", axis=label,
                                stage=stage.label.get(lang), meaning=stage.description.get(lang)))
        if row.near:
            near.append(label)
        axes.append(AxisView(label, row.score, row.high, text))
    type_label = blend_type.label.get(lang) if blend_type else None
    close = ""
    if type_label and result.blend.close_to:
        type_label = _("%(label)s (knapp)", label=type_label)
        close = _("Knapp: %(axes)s liegt nahe an der Grenze von %(threshold)s. Mit kleinen Änderungen wäre "
                  "Ihr Profil „%(other)s“. Lesen Sie das Profil darum als Richtung, nicht als festes Urteil.",
                  axes=_and_list(near, lang), threshold=blend.threshold,
                  other=ruleset.blend_type(result.blend.close_to[0]).label.get(lang))
    return BlendView(
        label=type_label,
        description=blend_type.description.get(lang) if blend_type and blend_type.description else "",
        axes=tuple(axes),
        intro=_("„Blended“ heißt: Digitale und persönliche Angebote greifen ineinander. "
                "Das Profil beruht auf %(axes)s. Ein Wert ab %(threshold)s gilt als hoch.",
                axes=_and_list([axis.label.get(lang) for axis in blend.axes], lang),
                threshold=blend.threshold),
        close=close,
        stages=tuple(stages),
    )


def _and_list(items: list[str], lang: str) -> str:
    """„A“, „B“ und „C“ / “A”, “B” and “C”."""
    _ = translator(lang)
    quoted = [_("„%(text)s“", text=item) for item in items]
    if len(quoted) < 2:
        return "".join(quoted)
    return _("%(first)s und %(last)s", first=", ".join(quoted[:-1]), last=quoted[-1])


def _gaps(ruleset: RuleSet, result: Result, numbers: Mapping[str, str], lang: str) -> tuple[GapView, ...]:
    reasons = missing_answer_words(translator(lang))
    profile = ruleset.steps[0].title.get(lang)
    gaps = []
    for gap in result.knowledge_gaps:
        dimension = ruleset.dimension(gap.dimension).title.get(lang) if gap.dimension else None
        gaps.append(GapView(
            number=numbers[gap.question],
            question=ruleset.question(gap.question).text.get(lang),
            dimension=dimension,
            section=dimension or profile,
            reason=reasons[gap.reason],
        ))
    return tuple(gaps)
