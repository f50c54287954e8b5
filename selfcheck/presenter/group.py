"""The facilitator's view of a workshop: used by the dashboard and the pack PDF.

Scores come from ``engine.evaluate`` and the group figures from ``engine.group``; this
module only decides what may be shown (privacy threshold and consent) and looks up texts.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from markupsafe import Markup

from ..engine import RuleSet, evaluate, normalise_answers
from ..engine.group import GroupSummary, QuestionDivergence, Respondent, counts_for_group, summarise
from ..texts import format_date, format_number, translator
from .charts import quadrant_label
from .group_charts import ChartRow, Quadrant, distribution_svg, group_blend_svg
from .words import describe_value, question_numbers

PAPER = "paper"


@dataclass(frozen=True)
class Participant:
    """One member as the dashboard needs it; ``tag`` is the stable, random pseudonym number."""

    key: str
    answers: dict[str, Any]
    completed: bool
    consent: bool = False
    organisation_name: str | None = None
    source: str = "online"
    tag: int = 0


@dataclass(frozen=True)
class GroupInput:
    title: str
    municipality: str
    held_on: date | None
    participants: Sequence[Participant]
    min_group_size: int  # fewest counted participants before group figures show (the workshop's setting)
    consensus: dict[str, dict[str, Any]] = field(default_factory=dict)  # question id -> answer, note
    min_answered: int = 50  # % of the asked questions with a real answer before someone counts
    frozen: bool = False  # closed: the participants are the ones counted when it closed


def pseudonym(index: int, lang: str) -> str:
    letters = string.ascii_uppercase
    tag = letters[index % 26] + (str(index // 26 + 1) if index >= 26 else "")
    return translator(lang)("Person %(tag)s", tag=tag)


def stable_order(participants: Sequence[Participant]) -> list[Participant]:
    """By pseudonym: random, fixed for each person, silent about who joined first."""
    return sorted(participants, key=lambda p: (p.tag, hashlib.sha256(p.key.encode("utf-8")).hexdigest()))


def count_label(ruleset: RuleSet, question_id: str, key: str, lang: str) -> str:
    """The words for an answer key of ``engine.group`` (option id, band, or options joined by +)."""
    question = ruleset.question(question_id)
    if key.startswith("band:"):
        return question.bands[int(key[5:])].label.get(lang)
    if question.type == "multi":
        return describe_value(ruleset, question_id, [] if key == "-" else key.split("+"), lang)
    return describe_value(ruleset, question_id, key, lang)


@dataclass(frozen=True)
class GroupDimensionView:
    id: str
    title: str
    scores: tuple[int, ...]
    median: float | None
    median_text: str  # in the language's number format ("23,5")
    without_score: int
    levels: tuple[tuple[str, int], ...]  # (level label, people on that level)


@dataclass(frozen=True)
class ConsensusView:
    answer: str | None
    note: str | None


@dataclass(frozen=True)
class AgendaItemView:
    """A question the group answered most differently, with prompts for the discussion."""

    id: str
    number: str
    text: str
    dimension: str
    divergence: int  # 0-100
    spread: int  # 0-100
    answered: int
    unknown: int
    counts: tuple[tuple[str, int], ...]  # (answer in words, people)
    prompts: tuple[str, ...]
    consensus: ConsensusView | None
    individual: tuple[tuple[str, str], ...]  # (pseudonym, answer in words), only for people shown


@dataclass(frozen=True)
class AgreementView:
    """What the group agreed on for one question (any question, not only the agenda's)."""

    id: str
    number: str
    text: str
    answer: str | None
    note: str | None


@dataclass(frozen=True)
class GroupBlendView:
    """The group's combined profile: the blend type of the median of each axis."""

    label: str
    description: str | None
    axes: tuple[tuple[str, str], ...]  # (axis label, median in the language's number format)


@dataclass(frozen=True)
class SharedRecommendationView:
    id: str
    title: str
    why: str
    steps: tuple[str, ...]
    dimension: str
    count: int
    share: int  # percent of the group


@dataclass(frozen=True)
class PartnershipRow:
    label: str
    respondents: int
    cells: tuple[str, ...]  # a count, or "< k" where fewer than k participants stand behind it


@dataclass(frozen=True)
class PartnershipView:
    columns: tuple[str, ...]
    rows: tuple[PartnershipRow, ...]
    empty: bool
    questions: tuple[str, ...]
    left_out: int = 0  # participants of small types that could not be pooled into a row of k


@dataclass(frozen=True)
class IndividualScores:
    label: str
    scores: tuple[int | None, ...]  # one per dimension, in rule-set order


@dataclass(frozen=True)
class GroupView:
    """Everything the dashboard and the pack show, already filtered for privacy."""

    ruleset: RuleSet
    title: str
    municipality: str
    held_on: str | None  # formatted for the language
    min_group_size: int
    joined: int
    completed: int  # participants who count: finished, with enough real answers
    paper: int
    in_progress: int
    too_few_answers: int  # finished, but with too few real answers to count
    frozen: bool
    min_answered: int
    group_visible: bool
    missing_for_group: int
    individual_all: bool
    individual_people: tuple[str, ...]
    individual_hidden: int
    dimension_titles: tuple[str, ...]
    individual_scores: tuple[IndividualScores, ...]
    dimensions: tuple[GroupDimensionView, ...] = ()
    chart: Markup | None = None
    agenda: tuple[AgendaItemView, ...] = ()
    blend: tuple[tuple[str, int], ...] = ()  # (blend type, people)
    group_blend: GroupBlendView | None = None
    group_blend_chart: Markup | None = None  # the 2x2 grid, one anonymous dot per counted person
    agreements: tuple[AgreementView, ...] = ()  # in questionnaire order
    recommendations: tuple[SharedRecommendationView, ...] = ()
    partnerships: PartnershipView | None = None


def build_view(ruleset: RuleSet, group: GroupInput, lang: str) -> GroupView:
    """Everything the dashboard and the pack show, already filtered for privacy."""
    _ = translator(lang)
    finished = [p for p in group.participants if p.completed]
    counted: list[tuple[Participant, Respondent]] = []
    for participant in stable_order(finished):  # each one scored once
        answers, _problems = normalise_answers(ruleset, participant.answers)
        result = evaluate(ruleset, answers)
        if counts_for_group(result, group.min_answered):
            counted.append((participant, Respondent(answers=answers, result=result)))
    completed = [participant for participant, _respondent in counted]
    respondents = [respondent for _participant, respondent in counted]
    size = len(completed)
    all_consented = size > 0 and all(p.consent for p in completed)
    group_visible = size >= group.min_group_size or all_consented
    individual_all = size >= group.min_group_size
    shown = [i for i, p in enumerate(completed) if individual_all or p.consent]
    # Names only where they cannot single anybody out: with fewer than k unnamed rows next to
    # named ones, the room could tell by elimination whose row is whose.
    unnamed = sum(1 for i in shown if not completed[i].consent)
    names = unnamed == 0 or unnamed >= group.min_group_size
    labels = [_individual_label(p, lang, with_name=names) for p in completed]
    base = GroupView(
        ruleset=ruleset,
        title=group.title,
        municipality=group.municipality,
        held_on=format_date(group.held_on, lang) if group.held_on else None,
        min_group_size=group.min_group_size,
        joined=len(group.participants),
        completed=size,
        paper=sum(p.source == PAPER for p in group.participants),
        in_progress=len(group.participants) - len(finished),
        too_few_answers=len(finished) - size,
        frozen=group.frozen,
        min_answered=group.min_answered,
        group_visible=group_visible,
        missing_for_group=max(0, group.min_group_size - size),
        individual_all=individual_all,
        individual_people=tuple(labels[i] for i in shown),
        individual_hidden=size - len(shown),
        dimension_titles=tuple(d.title.get(lang) for d in ruleset.dimensions),
        individual_scores=tuple(
            IndividualScores(labels[i], tuple(respondents[i].result.dimension(d.id).score for d in ruleset.dimensions))
            for i in shown
        ),
    )
    numbers = question_numbers(ruleset)
    base = replace(base, agreements=_agreements(ruleset, group, numbers, lang))
    if not group_visible:
        return base
    summary = summarise(ruleset, respondents)
    dimensions = _dimensions(ruleset, summary, lang)
    chart = Markup(  # noqa: S704 - built from escaped data only
        distribution_svg(
            [ChartRow(d.title, d.scores, d.median, d.median_text) for d in dimensions],
            title=_("Verteilung der Punktzahlen je Thema"),
            description=_chart_description(dimensions, lang),
            median_label=_("Median"),
            person_label=_("eine Person"),
        )
    )
    individual = [(labels[i], respondents[i].answers) for i in shown]
    return replace(
        base,
        dimensions=dimensions,
        chart=chart,
        agenda=tuple(_agenda_item(ruleset, item, lang, numbers, group, individual) for item in summary.agenda),
        blend=_blend(ruleset, summary, lang),
        group_blend=_group_blend(ruleset, summary, lang),
        group_blend_chart=_group_blend_chart(ruleset, respondents, summary, lang),
        recommendations=_recommendations(ruleset, summary, lang),
        partnerships=_partnerships(ruleset, summary, group.min_group_size, lang),
    )


def _individual_label(participant: Participant, lang: str, *, with_name: bool) -> str:
    name = pseudonym(participant.tag, lang)
    if with_name and participant.consent and participant.organisation_name:
        return f"{name} ({participant.organisation_name})"
    return name


def _dimensions(ruleset: RuleSet, summary: GroupSummary, lang: str) -> tuple[GroupDimensionView, ...]:
    rows = []
    for item in summary.dimensions:
        dimension = ruleset.dimension(item.id)
        rows.append(GroupDimensionView(
            id=item.id,
            title=dimension.title.get(lang),
            scores=tuple(item.scores),
            median=item.median,
            median_text=format_number(item.median, lang),
            without_score=item.without_score,
            levels=tuple((level.label.get(lang), item.levels.get(level.id, 0)) for level in dimension.levels),
        ))
    return tuple(rows)


def _chart_description(dimensions: Sequence[GroupDimensionView], lang: str) -> str:
    _ = translator(lang)
    parts = []
    for d in dimensions:
        if d.median is None:
            parts.append(_("%(title)s: noch keine Punktzahl.", title=d.title))
        else:
            values = ", ".join(str(s) for s in d.scores)
            parts.append(_("%(title)s: Median %(median)s, Werte %(values)s.", title=d.title,
                           median=d.median_text, values=values))
    return _("Jeder Punkt ist eine Person, Skala 0 bis 100.") + " " + " ".join(parts)


def _best_option(ruleset: RuleSet, question_id: str, lang: str) -> str | None:
    question = ruleset.question(question_id)
    if question.type != "single" or not question.options:
        return None
    best = max(question.options, key=lambda o: o.points or 0)
    return best.label.get(lang)


def _agenda_item(
    ruleset: RuleSet,
    item: QuestionDivergence,
    lang: str,
    numbers: dict[str, str],
    group: GroupInput,
    individual: Sequence[tuple[str, Mapping[str, Any]]],
) -> AgendaItemView:
    question = ruleset.question(item.question_id)
    _ = translator(lang)
    prompts = [_("Wie verstehen Sie diese Aussage? Woran haben Sie beim Antworten gedacht?")]
    best = _best_option(ruleset, item.question_id, lang)
    if best:
        prompts.append(_("Was müsste passieren, damit alle „%(answer)s“ sagen können?", answer=best))
    else:
        prompts.append(_("Was müsste passieren, damit alle hier die höchste Stufe erreichen?"))
    prompts.append(_("Wer kann vor Ort etwas dazu beitragen, und bis wann?"))
    consensus = group.consensus.get(item.question_id)
    agreed = consensus.get("answer") if consensus else None
    return AgendaItemView(
        id=item.question_id,
        number=numbers.get(item.question_id, ""),
        text=question.text.get(lang),
        dimension=ruleset.dimension(item.dimension_id).title.get(lang) if item.dimension_id else "",
        divergence=round(item.divergence * 100),
        spread=round(item.spread * 100),
        answered=item.answered,
        unknown=item.unknown,
        counts=tuple((count_label(ruleset, item.question_id, key, lang), item.counts[key])
                     for key in _scale_order(question, item.counts)),
        prompts=tuple(prompts),
        consensus=ConsensusView(
            answer=describe_value(ruleset, item.question_id, agreed, lang) if agreed is not None else None,
            note=consensus.get("note"),
        ) if consensus else None,
        individual=tuple((label, describe_value(ruleset, item.question_id, answers.get(item.question_id), lang))
                         for label, answers in individual),
    )


def _agreements(ruleset: RuleSet, group: GroupInput, numbers: Mapping[str, str], lang: str
                ) -> tuple[AgreementView, ...]:
    rows = []
    for question in ruleset.questions:
        found = group.consensus.get(question.id)
        if found is None:
            continue
        answer = found.get("answer")
        rows.append(AgreementView(
            id=question.id, number=numbers.get(question.id, ""), text=question.text.get(lang),
            answer=describe_value(ruleset, question.id, answer, lang) if answer is not None else None,
            note=found.get("note"),
        ))
    return tuple(rows)


def _scale_order(question: Any, counts: Mapping[str, int]) -> list[str]:
    """Answers in the order of the scale (as on the form), not by how many chose them;
    combinations of a multi-choice question keep the most common first."""
    options = [o.id for o in question.options]
    keys = list(counts)

    def position(key: str) -> tuple[int, int]:
        if key.startswith("band:"):
            return 0, int(key[5:])
        return (0, options.index(key)) if key in options else (1, keys.index(key))

    return sorted(keys, key=position)


def _blend(ruleset: RuleSet, summary: GroupSummary, lang: str) -> tuple[tuple[str, int], ...]:
    _ = translator(lang)
    rows = []
    for type_id, count in summary.blend.types.items():
        label = ruleset.blend_type(type_id).label.get(lang) if type_id else _("Noch offen (zu wenige Antworten)")
        rows.append((label, count))
    return tuple(rows)


def _group_blend(ruleset: RuleSet, summary: GroupSummary, lang: str) -> GroupBlendView | None:
    if summary.blend.group_type is None:
        return None
    blend_type = ruleset.blend_type(summary.blend.group_type)
    return GroupBlendView(
        label=blend_type.label.get(lang),
        description=blend_type.description.get(lang) if blend_type.description else None,
        axes=tuple((axis.label.get(lang), format_number(summary.blend.axis_medians[axis.id], lang))
                   for axis in ruleset.blend.axes),
    )


def _group_blend_chart(
    ruleset: RuleSet, respondents: Sequence[Respondent], summary: GroupSummary, lang: str
) -> Markup | None:
    """The individual report's 2x2 profile grid for the group: where each counted person stands."""
    _ = translator(lang)
    blend = ruleset.blend
    if len(blend.axes) < 2:
        return None
    x_axis, y_axis = blend.axes[0], blend.axes[1]
    quadrants = []
    for column, row in ((0, 0), (1, 0), (0, 1), (1, 1)):
        label, _mine = quadrant_label(blend, column == 1, row == 0, None, lang) or ("", False)
        quadrants.append(Quadrant(label, column, row))
    points = []
    placed = [r for r in respondents if blend.for_audience(r.result.organisation_type) is blend]
    for respondent in placed:  # funders have a profile of their own: not on this grid
        scores = {axis.id: axis.score for axis in respondent.result.blend.axes}
        x, y = scores.get(x_axis.id), scores.get(y_axis.id)
        if x is not None and y is not None:
            points.append((float(x), float(y)))
    medians = summary.blend.axis_medians
    mx, my = medians.get(x_axis.id), medians.get(y_axis.id)
    counts = [
        (q.label, sum(1 for x, y in points
                      if (x >= blend.threshold) == (q.column == 1) and (y >= blend.threshold) == (q.row == 0)))
        for q in quadrants
    ]
    description = " ".join([
        _("Ein Punkt je Person."),
        "; ".join(_("%(label)s: %(n)s", label=label, n=n) for label, n in counts) + ".",
        _("%(n)s ohne Profil (zu wenige Antworten).", n=len(placed) - len(points))
        if len(points) < len(placed) else "",
        _("%(n)s mit dem Förderprofil, nicht in diesem Bild.", n=len(respondents) - len(placed))
        if len(placed) < len(respondents) else "",
    ]).strip()
    return Markup(group_blend_svg(  # noqa: S704 - built from escaped data only
        quadrants, points, (mx, my) if mx is not None and my is not None else None,
        threshold=blend.threshold, x_label=x_axis.label.get(lang), y_label=y_axis.label.get(lang),
        title=_("Blended-Profile der Gruppe"), description=description,
        person_label=_("eine Person"), median_label=_("Median der Gruppe"),
    ))


def _recommendations(ruleset: RuleSet, summary: GroupSummary, lang: str) -> tuple[SharedRecommendationView, ...]:
    rows = []
    for shared in summary.shared_recommendations:
        rule = ruleset.recommendation(shared.id)
        rows.append(SharedRecommendationView(
            id=rule.id,
            title=rule.title.get(lang),
            why=rule.why.get(lang),
            steps=tuple(rule.steps[i].text.get(lang) for i in shared.steps),
            dimension=ruleset.dimension(rule.dimension_id).title.get(lang) if rule.dimension_id else "",
            count=shared.count,
            share=round(shared.share * 100),
        ))
    return tuple(rows)


def _partnerships(ruleset: RuleSet, summary: GroupSummary, k: int, lang: str) -> PartnershipView | None:
    """Who works with whom, by type. A row or cell about fewer than ``k`` participants would point
    at one organisation ("Wohlfahrtsverband (1)"): small types are pooled into one row, or left
    out if even together they are fewer than k, and small counts show as "< k"."""
    _ = translator(lang)
    matrix = summary.partnerships
    if not matrix.actor_types:
        return None
    actor = ruleset.question(ruleset.audience_question or "")
    labels = {o.id: o.label.get(lang) for o in actor.options}

    def cell(count: int) -> str:
        return str(count) if count == 0 or count >= k else f"< {k}"

    def row(label: str, types: list[str]) -> PartnershipRow:
        return PartnershipRow(label, sum(matrix.respondents[t] for t in types),
                              tuple(cell(sum(matrix.count(t, column) for t in types)) for column in matrix.actor_types))

    present = [t for t in matrix.actor_types if matrix.respondents.get(t)]
    large = [t for t in present if matrix.respondents[t] >= k]
    small = [t for t in present if matrix.respondents[t] < k]
    rows = [row(labels[t], [t]) for t in large]
    pooled = sum(matrix.respondents[t] for t in small)
    if small and pooled >= k:
        rows.append(row(_("Weitere Arten zusammen"), small))
    return PartnershipView(
        columns=tuple(labels[c] for c in matrix.actor_types),
        rows=tuple(rows),
        empty=matrix.empty,
        questions=tuple(ruleset.question(q).text.get(lang) for q in matrix.question_ids),
        left_out=pooled if small and pooled < k else 0,
    )


@dataclass(frozen=True)
class PlanItem:
    """One block of the session: from/to as minutes after the start, what happens."""

    start: str  # "0:40"
    end: str
    title: str
    detail: str = ""


SESSION_LENGTHS = (120, 150, 180)  # minutes a facilitator can choose for the time plan


def time_plan(view: GroupView, minutes: int, lang: str) -> tuple[PlanItem, ...]:
    """A session of ``minutes`` built from the agenda: opening, results, one block per question
    the group disagrees on (as many as fit, at least 10 minutes each), a break from 2.5 hours on,
    the action plan and a closing round."""
    _ = translator(lang)
    opening, results, action, closing = 10, 20, 25, 10
    pause = 15 if minutes >= 150 else 0
    talk = max(0, minutes - opening - results - action - closing - pause)
    items = list(view.agenda[: max(1, talk // 10)]) if view.agenda else []
    blocks: list[tuple[int, str, str]] = [
        (opening, _("Begrüßung, Ziel des Workshops, Regeln zum Datenschutz"), ""),
        (results, _("Ergebnisse der Gruppe ansehen: Verteilung je Thema und Blended-Profile"), ""),
    ]
    if items:
        each, rest = divmod(talk, len(items))
        for index, item in enumerate(items):
            length = each + (rest if index == len(items) - 1 else 0)
            blocks.append((length, _("Frage %(number)s besprechen und Einigung festhalten", number=item.number),
                           item.text))
            if pause and index == (len(items) - 1) // 2:
                blocks.append((pause, _("Pause"), ""))
    else:
        blocks.append((talk, _("Offene Fragen und Erfahrungen austauschen"), ""))
        if pause:
            blocks.append((pause, _("Pause"), ""))
    blocks += [(action, _("Aktionsplan: Wer macht was bis wann?"), ""),
               (closing, _("Abschluss: nächste Schritte und nächster Termin"), "")]
    plan, clock = [], 0
    for length, title, detail in blocks:
        plan.append(PlanItem(_clock(clock), _clock(clock + length), title, detail))
        clock += length
    return tuple(plan)


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"
