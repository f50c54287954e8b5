"""Cross-checks of a built rule set: references, coverage, conditions, reachability.

Each check adds Problems; none stops the others, so one run shows everything.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .conditions import ORDER_OPS, AnswerFacts, Compare, Condition, Ref
from .model import (
    EVIDENCE_LEVELS,
    NOT_APPLICABLE,
    SPECIAL_ANSWERS,
    UNKNOWN,
    Axis,
    BlendType,
    Level,
    Origin,
    Question,
    Recommendation,
    RuleSet,
    Text,
)
from .plain import unexplained
from .problems import Code, Problem, did_you_mean
from .yamlsrc import line_of

MAX_COMBINATIONS = 200_000


class _Checker:
    def __init__(self, ruleset: RuleSet, reader: Any) -> None:
        self.rs = ruleset
        self.reader = reader
        self.problems: list[Problem] = []
        self.questions = {q.id: q for q in ruleset.questions}
        self._lines: dict[str, list[str]] = {}
        self.dimensions = {d.id: d for d in ruleset.dimensions}

    def add(self, origin: Origin, code: Code, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(origin.file, origin.line, code, message, hint))

    def unknown(self, origin: Origin, what: str, name: str, known: Iterable[str]) -> None:
        self.add(origin, Code.UNKNOWN_REFERENCE, f"unknown {what} {name!r}", did_you_mean(name, known))

    @staticmethod
    def at(origin: Origin, raw: Any, *path: Any) -> Origin:
        """The line of ``path`` inside an item's raw data, so a message points at the key at fault."""
        return Origin(origin.file, line_of(raw, list(path), origin.line))

    def raw_questions(self) -> list[Any]:
        """The raw data of every question, in the order of ``RuleSet.questions``."""
        items = self.reader.items
        return [raw for raw, _ in items["profile"]] + [q for raw, _ in items["dimensions"] for q in raw["questions"]]

    # -- ids, options, questions -------------------------------------------------------
    def check_ids(self) -> None:
        seen: dict[str, str] = {}
        entries: list[tuple[str, Origin]] = [(q.id, q.origin) for q in self.rs.questions]
        entries += [(d.id, d.origin) for d in self.rs.dimensions]
        entries += [(r.id, r.origin) for r in self.rs.recommendations]
        entries += [(raw["id"], origin) for raw, origin in self.reader.items["sources"]]
        entries += [(t.id, self.reader.origin("blend")) for t in self.rs.blend.all_types]
        for name, origin in entries:
            if name in seen:
                self.add(origin, Code.DUPLICATE_ID, f"duplicate id {name!r}", f"first used at {seen[name]}")
            else:
                seen[name] = str(origin)

    def check_question(self, q: Question) -> None:
        ids = [o.id for o in q.options]
        for option_id in {i for i in ids if ids.count(i) > 1}:
            self.add(q.origin, Code.DUPLICATE_ID, f"option id {option_id!r} appears twice in {q.id!r}")
        for option_id in set(ids) & set(SPECIAL_ANSWERS):
            self.add(q.origin, Code.RESERVED_OPTION_ID, f"{q.id!r}: option id {option_id!r} is reserved",
                     "'Weiß nicht' and 'trifft nicht zu' are switched on with unknown: / not_applicable:")
        if q.scored and q.type in ("single", "multi"):
            for option in q.options:
                if option.points is None:
                    self.add(q.origin, Code.OPTION_WITHOUT_POINTS, f"{q.id!r}: option {option.id!r} has no points",
                             "add points:")
        if q.type == "multi" and q.scored and q.max_points is None:
            self.add(q.origin, Code.SCORING_MISSING, f"multi-choice question {q.id!r} needs max_points")
        if q.type == "number":
            if not q.bands:
                self.add(q.origin, Code.SCORING_MISSING, f"number question {q.id!r} needs bands")
            belows = [b.below for b in q.bands]
            if belows and (belows[-1] is not None or None in belows[:-1]):
                self.add(q.origin, Code.BANDS_OUT_OF_ORDER,
                         f"{q.id!r}: only the last band may (and must) have no 'below'")
            bounded = [b for b in belows if b is not None]
            if bounded != sorted(set(bounded)):
                self.add(q.origin, Code.BANDS_OUT_OF_ORDER, f"{q.id!r}: band limits must increase: {bounded}")

    # -- levels and blend ----------------------------------------------------------------
    def check_levels(self, levels: tuple[Level, ...], origin: Origin, owner: str) -> None:
        ids = [lv.id for lv in levels]
        for level_id in sorted({i for i in ids if ids.count(i) > 1}):
            self.add(origin, Code.DUPLICATE_ID, f"level id {level_id!r} appears twice in the levels of {owner}")
        expected = 0
        for level in sorted(levels, key=lambda lv: lv.min):
            if level.min != expected or level.max < level.min:
                self.add(origin, Code.LEVELS_DO_NOT_COVER,
                         f"levels of {owner} do not cover 0-100 exactly: {level.id!r} is "
                         f"{level.min}-{level.max}, expected it to start at {expected}")
                return
            expected = level.max + 1
        if expected != 101:
            self.add(origin, Code.LEVELS_DO_NOT_COVER, f"levels of {owner} end at {expected - 1}, not at 100")

    def check_used_questions(self) -> None:
        """Every question should change something: a score, an axis, a condition or a visibility rule."""
        used = {q.id for q in self.rs.questions if q.scored or q.type == "text"}
        all_axes = [*self.rs.blend.axes, *(axis for role in self.rs.blend.roles for axis in role.axes)]
        used |= {name for axis in all_axes for name in axis.question_ids}
        used.add(self.rs.audience_question or "")
        conditions: list[Condition] = [q.visible_if for q in self.rs.questions if q.visible_if is not None]
        conditions += [r.when for r in self.rs.recommendations if r.when is not None]
        conditions += [s.when for r in self.rs.recommendations for s in r.steps if s.when is not None]
        used |= {leaf.ref.name or "" for condition in conditions for leaf in condition.leaves()}
        for q in self.rs.questions:
            if q.id not in used:
                self.add(q.origin, Code.UNUSED_QUESTION, f"question {q.id!r} changes nothing")

    def check_audience_question(self) -> None:
        name = self.rs.audience_question
        if name is None:
            return
        question = self.questions.get(name)
        if question is None:
            self.unknown(self.reader.origin("audience_question"), "question", name, self.questions)
        elif question.type != "single" or question.dimension_id is not None:
            self.add(self.reader.origin("audience_question"), Code.UNKNOWN_REFERENCE,
                     f"audience question {name!r} must be a single-choice question of the profile")

    def check_blend(self) -> None:
        origin = self.reader.origin("blend")
        raw = self.reader.merged.get("blend", {})
        blend = self.rs.blend
        self.check_profile(raw.get("axes", ()), blend.axes, blend.types, origin, "the blend profile")
        audience = self.questions.get(self.rs.audience_question or "")
        options = [o.id for o in audience.options] if audience else []
        for raw_role, role in zip(raw.get("roles", ()), blend.roles, strict=True):
            owner = f"the blend role for {', '.join(role.audiences)}"
            for name in role.audiences:
                if name not in options:
                    self.unknown(origin, "organisation type", name, options)
            if [a.id for a in role.axes] != [a.id for a in blend.axes]:
                self.add(origin, Code.UNKNOWN_REFERENCE,
                         f"{owner} must name the axes of the blend profile in the same order: "
                         f"{', '.join(a.id for a in blend.axes)}")
            self.check_profile(raw_role.get("axes", ()), role.axes, role.types, origin, owner)

    def check_profile(self, raw_axes: Any, axes: tuple[Axis, ...], types: tuple[BlendType, ...],
                      origin: Origin, owner: str) -> None:
        """Axes name scored questions, stages cover 0-100, and the types cover every case once."""
        axis_ids = [axis.id for axis in axes]
        for raw_axis in raw_axes:
            for name in raw_axis.get("dimensions", ()):
                if name not in self.dimensions:
                    self.unknown(origin, "dimension", name, self.dimensions)
            for name in raw_axis.get("questions", ()):
                if name not in self.questions:
                    self.unknown(origin, "question", name, self.questions)
                elif not self.questions[name].scored:
                    self.add(origin, Code.UNKNOWN_REFERENCE, f"blend axis question {name!r} is not scored")
        for axis in axes:
            if axis.stages:
                self.check_levels(axis.stages, origin, f"the stages of axis {axis.id!r} in {owner}")
        seen: dict[tuple[str, ...], str] = {}
        recommendation_ids = [r.id for r in self.rs.recommendations]
        for blend_type in types:
            for axis_id in set(blend_type.when) - set(axis_ids):
                self.unknown(origin, "blend axis", axis_id, axis_ids)
            for name in blend_type.settled:
                if name not in recommendation_ids:
                    self.unknown(origin, "recommendation", name, recommendation_ids)
            cases = itertools.product(*[("low", "high") if blend_type.when.get(axis) == "any"
                                        else (blend_type.when.get(axis, "?"),) for axis in axis_ids])
            for key in cases:
                if key in seen:
                    self.add(origin, Code.BLEND_TYPES_DO_NOT_COVER,
                             f"blend types {seen[key]!r} and {blend_type.id!r} cover the same case")
                seen[key] = blend_type.id
        for combination in itertools.product(("low", "high"), repeat=len(axis_ids)):
            if combination not in seen:
                case = ", ".join(f"{a}: {v}" for a, v in zip(axis_ids, combination, strict=True))
                self.add(origin, Code.BLEND_TYPES_DO_NOT_COVER, f"no blend type for {{{case}}} in {owner}")

    # -- conditions ----------------------------------------------------------------------
    def check_condition(self, condition: Condition, origin: Origin, earlier: set[str] | None,
                        allowed: str = "asked before this question") -> None:
        """Check every comparison; ``earlier`` limits a visibility rule or a step to some answers."""
        for leaf in condition.leaves():
            self.check_compare(leaf, origin, earlier, allowed)

    def check_compare(self, leaf: Compare, origin: Origin, earlier: set[str] | None,
                      allowed: str = "asked before this question") -> None:
        ref, op, value = leaf.ref, leaf.op, leaf.value
        values = value if isinstance(value, tuple) else (value,)
        where = f"in {leaf.text!r}:"
        if earlier is not None and ref.kind in ("score", "level", "profile", "gaps"):
            self.add(origin, Code.VISIBILITY_ORDER, f"{where} may use answers only, not {ref.kind}")
            return
        if ref.kind in ("answer", "points"):
            q = self.questions.get(ref.name or "")
            if q is None:
                self.unknown(origin, "question", ref.name or "", self.questions)
                return
            if earlier is not None and q.id not in earlier:
                self.add(origin, Code.VISIBILITY_ORDER, f"{where} {q.id!r} is not {allowed}")
            if ref.kind == "points":
                if not q.scored:
                    self.add(origin, Code.OPERATOR_DOES_NOT_FIT, f"{where} {q.id!r} is not scored, so it has no points")
                elif op in ("==", "!=", "in", "not in", *ORDER_OPS):
                    self.expect_numbers(values, origin, where)
                elif op != "is":
                    self.add(origin, Code.OPERATOR_DOES_NOT_FIT, f"{where} {op!r} does not fit points")
                return
            self.check_answer_compare(q, op, values, origin, where)
        elif ref.kind == "gaps":
            if op in ("contains", "is", "in", "not in"):
                self.add(origin, Code.OPERATOR_DOES_NOT_FIT, f"{where} {op!r} does not fit a share of questions",
                         "compare with <, <=, >, >= and a percentage")
            else:
                self.expect_numbers(values, origin, where)
        elif ref.kind == "score":
            if ref.name not in self.dimensions:
                self.unknown(origin, "dimension", ref.name or "", self.dimensions)
            elif op in ("contains", "is"):
                self.add(origin, Code.OPERATOR_DOES_NOT_FIT, f"{where} {op!r} does not fit a score")
            else:
                self.expect_numbers(values, origin, where)
        elif ref.kind == "level":
            if ref.name not in self.dimensions:
                self.unknown(origin, "dimension", ref.name or "", self.dimensions)
                return
            level_ids = [lv.id for lv in self.dimensions[ref.name or ""].levels]
            self.expect_ids(op, values, level_ids, "level", origin, where)
        else:
            self.expect_ids(op, values, [t.id for t in self.rs.blend.all_types], "blend type", origin, where)

    def check_answer_compare(self, q: Question, op: str, values: tuple[Any, ...], origin: Origin, where: str) -> None:
        if op == "is":
            if values[0] == UNKNOWN and not q.unknown:
                self.add(origin, Code.IMPOSSIBLE_VALUE, f"{where} {q.id!r} does not offer 'Weiß nicht'")
            if values[0] == NOT_APPLICABLE and not q.not_applicable:
                self.add(origin, Code.IMPOSSIBLE_VALUE, f"{where} {q.id!r} does not offer 'trifft nicht zu'")
            return
        fits = {
            "single": ("==", "!=", "in", "not in"),
            "multi": ("contains",),
            "number": ("==", "!=", "in", "not in", *ORDER_OPS),
            "text": ("==", "!="),
        }[q.type]
        if op not in fits:
            self.add(origin, Code.OPERATOR_DOES_NOT_FIT, f"{where} {op!r} does not fit a {q.type} question",
                     f"use {', '.join(fits)} or 'is'")
        elif q.type == "number":
            self.expect_numbers(values, origin, where)
        elif q.type in ("single", "multi"):
            option_ids = [o.id for o in q.options]
            # no options: already reported (UNKNOWN_REFERENCE or SCALE_OR_OPTIONS)
            for v in values if option_ids else ():
                if v not in option_ids:
                    self.add(origin, Code.IMPOSSIBLE_VALUE, f"{where} {q.id!r} has no option {v!r}",
                             did_you_mean(str(v), option_ids) or f"options: {', '.join(option_ids)}")

    def expect_numbers(self, values: tuple[Any, ...], origin: Origin, where: str) -> None:
        for v in values:
            if not isinstance(v, int):
                self.add(origin, Code.OPERATOR_DOES_NOT_FIT, f"{where} compares with {v!r}, but needs a whole number")

    def expect_ids(self, op: str, values: tuple[Any, ...], known: list[str], what: str,
                   origin: Origin, where: str) -> None:
        if op not in ("==", "!=", "in", "not in"):
            self.add(origin, Code.OPERATOR_DOES_NOT_FIT, f"{where} {op!r} does not fit a {what}",
                     "use ==, !=, in or not in")
            return
        for v in values:
            if v not in known:
                self.add(origin, Code.IMPOSSIBLE_VALUE, f"{where} unknown {what} {v!r}", did_you_mean(str(v), known))

    def check_visibility(self) -> None:
        earlier: set[str] = set()
        for q, raw in zip(self.rs.questions, self.raw_questions(), strict=True):
            if q.visible_if is not None:
                origin = self.at(q.origin, raw, "visible_if")
                before = len(self.problems)
                self.check_condition(q.visible_if, origin, earlier)
                if len(self.problems) == before and not can_fire(self.rs, q.visible_if, ("all",), []):
                    self.add(origin, Code.NEVER_SHOWN, f"question {q.id!r} can never be shown",
                             "no answers to the questions its condition names meet it")
            earlier.add(q.id)

    # -- recommendations and sources -----------------------------------------------------
    def check_replaces(self, r: Recommendation, origin: Origin) -> None:
        """``replaces`` names other recommendations and never leads back to ``r`` itself."""
        known = {other.id: other for other in self.rs.recommendations}
        for name in r.replaces:
            if name not in known:
                self.unknown(origin, "recommendation", name, known)
        seen: set[str] = set()
        pending = list(r.replaces)
        while pending:
            name = pending.pop()
            if name == r.id:
                self.add(origin, Code.REPLACES_CYCLE, f"{r.id!r} replaces itself through {sorted(seen)}")
                return
            if name in known and name not in seen:
                seen.add(name)
                pending.extend(known[name].replaces)

    def check_recommendations(self) -> None:
        org_types = self.org_types()
        raws = [raw for raw, _ in self.reader.items["recommendations"]]
        for r, raw in zip(self.rs.recommendations, raws, strict=True):
            if r.dimension_id is not None and r.dimension_id not in self.dimensions:
                self.unknown(self.at(r.origin, raw, "dimension"), "dimension", r.dimension_id, self.dimensions)
            for name in r.audience:
                if name != "all" and name not in org_types:
                    self.unknown(self.at(r.origin, raw, "audience"), "organisation type", name, org_types)
            self.check_replaces(r, self.at(r.origin, raw, "replaces"))
            self.check_steps(r, raw)
            if not r.sources:
                self.add(self.at(r.origin, raw, "sources"), Code.SOURCES_MISSING,
                         f"recommendation {r.id!r} cites no source")
            for index, citation in enumerate(r.sources):
                cited_at = self.at(r.origin, raw, "sources", index)
                source = self.rs.sources.get(citation.source_id)
                if source is None:
                    self.unknown(cited_at, "source", citation.source_id, self.rs.sources)
                if citation.evidence not in EVIDENCE_LEVELS:
                    self.add(cited_at, Code.SOURCES_MISSING, f"unknown evidence level {citation.evidence!r}",
                             did_you_mean(citation.evidence, EVIDENCE_LEVELS))
                elif source is not None and (citation.evidence == "own_assessment") != (source.kind == "own"):
                    self.add(cited_at, Code.OWN_ASSESSMENT_SOURCE,
                             f"{r.id!r}: {citation.evidence} cites {source.id!r} (kind {source.kind})",
                             "own views cite the source of kind own with evidence own_assessment, and only those")
                elif citation.evidence == "study_hypothesis" and source is not None and source.kind != "core_study":
                    self.add(cited_at, Code.STUDY_HYPOTHESIS_SOURCE,
                             f"{r.id!r}: study_hypothesis cites {source.id!r}, which is not the study itself",
                             "use related_study, practice_example or expert_assumption")
            if r.when is None:
                continue
            before = len(self.problems)
            when_origin = self.at(r.origin, raw, "when")
            self.check_condition(r.when, when_origin, None)
            if len(self.problems) == before and not can_fire(self.rs, r.when, r.audience, org_types):
                self.add(when_origin, Code.NEVER_FIRES, f"recommendation {r.id!r} can never fire",
                         "no combination of answers meets its condition for its audience")

    def check_steps(self, r: Recommendation, raw: Mapping[str, Any]) -> None:
        """Step conditions use profile answers only, and every profile sees 2 to 4 steps."""
        profile = {q.id for q in self.rs.profile}
        conditions = [s.when for s in r.steps if s.when is not None]
        for index, step in enumerate(r.steps):
            if step.when is not None:
                self.check_condition(step.when, self.at(r.origin, raw, "steps", index), profile, "a profile question")
        for answers in _profile_cases(self.rs, conditions):
            facts = AnswerFacts(self.rs, answers)
            shown = sum(1 for s in r.steps if s.when is None or s.when.evaluate(facts))
            if not 2 <= shown <= 4:
                case = ", ".join(f"{k} == {v}" for k, v in answers.items())
                self.add(self.at(r.origin, raw, "steps"), Code.STEP_COUNT,
                         f"recommendation {r.id!r} " + (f"shows {shown} steps when {case}" if conditions
                                                        else f"has {shown} steps") + "; write 2 to 4")
                return

    def org_types(self) -> list[str]:
        """The organisation types recommendations may name as their audience."""
        q = self.questions.get(self.rs.audience_question or "")
        return [o.id for o in q.options] if q else []

    def check_sources(self) -> None:
        cited = {c.source_id for r in self.rs.recommendations for c in r.sources}
        cited |= {s for d in self.rs.dimensions for s in d.sources}
        for d in self.rs.dimensions:
            for s in d.sources:
                if s not in self.rs.sources:
                    self.unknown(d.origin, "source", s, self.rs.sources)
        for raw, origin in self.reader.items["sources"]:
            if raw["id"] not in cited:
                self.add(origin, Code.SOURCE_NEVER_CITED, f"source {raw['id']!r} is never cited")
            missing = [what for what, present in (
                ("a publisher or author", raw.get("publisher") or raw.get("author")),
                ("a year (or undated: why)", raw.get("year") or raw.get("undated")),
                ("a url (or no_url: why)", raw.get("url") or raw.get("no_url")),
            ) if not present]
            if missing and raw.get("kind") != "own":
                self.add(origin, Code.SOURCE_INCOMPLETE, f"source {raw['id']!r} lacks {'; '.join(missing)}")

    def check_texts(self) -> None:
        for origin, owner, texts in self.texts():
            for text in texts:
                if text is not None and not text.en:
                    self.add(self.line_of_text(origin, text.de), Code.ENGLISH_MISSING,
                             f"{owner}: English text missing for {text.de[:40]!r}")

    def check_jargon(self) -> None:
        """Code.JARGON: an item uses a word of docs/style.md's jargon list and none of its texts explains it."""
        for origin, owner, texts in self.texts():
            for lang in self.rs.languages:
                used = [t.get(lang) for t in texts if t is not None and (lang == "de" or t.en)]
                for jargon in unexplained(used, lang):
                    first = next(text for text in used if jargon.finds(text))
                    self.add(self.line_of_text(origin, first),
                             Code.JARGON, f"{owner}: {jargon.word!r} is not explained ({lang})",
                             f"e.g. „{jargon.word} ({jargon.explanation})“, or plain words: docs/style.md")

    def line_of_text(self, origin: Origin, german: str) -> Origin:
        """The line where ``german`` (or any text) starts, at or after ``origin`` (folded texts start one line
        below their key), so a researcher lands on the text that lacks its translation."""
        if origin.file not in self._lines:
            try:
                self._lines[origin.file] = Path(origin.file).read_text(encoding="utf-8").splitlines()
            except OSError:
                self._lines[origin.file] = []
        start = german.split("\n", 1)[0][:30]
        for number, line in enumerate(self._lines[origin.file][origin.line - 1:], start=origin.line):
            if start and start in line:
                return Origin(origin.file, number)
        return origin

    def texts(self) -> Iterator[tuple[Origin, str, list[Text | None]]]:
        yield self.reader.origin("title"), "the rule set", [self.rs.title, self.rs.description]
        yield self.reader.origin("levels"), "levels", [t for lv in self.rs.levels for t in (lv.label, lv.description)]
        blend = self.rs.blend
        role_axes = [axis for role in blend.roles for axis in role.axes]
        yield self.reader.origin("blend"), "blend", [t for a in (*blend.axes, *role_axes)
                                                     for t in (a.label, *(st.label for st in a.stages),
                                                               *(st.description for st in a.stages))]
        for bt in blend.all_types:  # each type is shown on its own, so each is one item
            yield self.reader.origin("blend"), f"blend type {bt.id!r}", [bt.label, bt.description]
        for q in self.rs.questions:
            yield q.origin, q.id, [q.text, q.help, q.unit, *(o.label for o in q.options), *(b.label for b in q.bands)]
        for d in self.rs.dimensions:
            own_levels = d.levels if d.levels is not self.rs.levels else ()  # default levels: reported once above
            yield d.origin, d.id, [d.title, d.description, d.why, *(t for lv in own_levels
                                                                      for t in (lv.label, lv.description))]
        for r in self.rs.recommendations:
            yield r.origin, r.id, [r.title, r.why, r.example, *(step.text for step in r.steps)]
        for raw, origin in self.reader.items["sources"]:
            yield origin, raw["id"], [self.rs.sources[raw["id"]].note]

    def run(self) -> list[Problem]:
        self.check_ids()
        for q in self.rs.questions:
            self.check_question(q)
        self.check_levels(self.rs.levels, self.reader.origin("levels"), "the rule set")
        for d in self.rs.dimensions:
            if d.levels is not self.rs.levels:
                self.check_levels(d.levels, d.origin, d.id)
            if sum(q.scored for q in d.questions) < 3:
                self.add(d.origin, Code.FEW_QUESTIONS, f"dimension {d.id!r} has fewer than 3 scored questions")
        self.check_audience_question()
        self.check_used_questions()
        self.check_blend()
        self.check_visibility()
        self.check_recommendations()
        self.check_sources()
        self.check_texts()
        self.check_jargon()
        return self.problems


def check_model(ruleset: RuleSet, reader: Any) -> list[Problem]:
    """All cross-check problems of a built rule set."""
    return _Checker(ruleset, reader).run()


# -- reachability --------------------------------------------------------------------------
class _Assignment:
    """Facts where every referenced value is chosen; anything else is absent."""

    def __init__(self, values: Mapping[Ref, Any]) -> None:
        self.values = values

    def answer(self, question_id: str) -> Any:
        return self.values.get(Ref("answer", question_id))

    def points(self, question_id: str) -> int | None:
        return self.values.get(Ref("points", question_id))

    def score(self, dimension_id: str) -> int | None:
        return self.values.get(Ref("score", dimension_id))

    def level(self, dimension_id: str) -> str | None:
        return self.values.get(Ref("level", dimension_id))

    def profile(self) -> str | None:
        return self.values.get(Ref("profile", None))

    def gaps(self) -> int:
        return int(self.values.get(Ref("gaps", None)) or 0)


def _domain(rs: RuleSet, ref: Ref, literals: list[Any]) -> list[Any]:
    """Representative values of a reference: enough to make every comparison true or false."""
    numbers = [v for v in literals if isinstance(v, int)]
    near = sorted({n + d for n in numbers for d in (-1, 0, 1)})
    if ref.kind == "profile":
        return [t.id for t in rs.blend.all_types] + [None]
    if ref.kind == "gaps":
        return sorted({v for v in (*near, 0, 100) if 0 <= v <= 100})
    if ref.kind == "level":
        return [lv.id for lv in rs.dimension(ref.name or "").levels] + [None]
    if ref.kind == "score":
        bounds = {b for lv in rs.dimension(ref.name or "").levels for b in (lv.min, lv.max)}
        return sorted({v for v in (*near, *bounds, 0, 100) if 0 <= v <= 100}) + [None]
    q = rs.question(ref.name or "")
    specials = [None] + ([UNKNOWN] if q.unknown else []) + ([NOT_APPLICABLE] if q.not_applicable else [])
    if ref.kind == "points":
        if q.type == "multi":
            possible = set(range((q.max_points or 0) + 1))
        elif q.type == "number":
            possible = {b.points for b in q.bands}
        else:
            possible = {o.points or 0 for o in q.options}
        return sorted(possible) + [None]
    if q.type == "single":
        return [o.id for o in q.options] + specials
    if q.type == "multi":
        mentioned = sorted({v for v in literals if isinstance(v, str)})
        subsets = [list(c) for n in range(len(mentioned) + 1) for c in itertools.combinations(mentioned, n)]
        return subsets + specials
    if q.type == "number":
        allowed = [n for n in near if (q.min is None or n >= q.min) and (q.max is None or n <= q.max)]
        return allowed + [q.min or 0] + specials
    return [v for v in literals if isinstance(v, str)] + ["…"] + specials


def _profile_cases(rs: RuleSet, conditions: list[Condition]) -> Iterator[dict[str, Any]]:
    """Every combination of answers to the profile questions the conditions name (open included)."""
    profile = {q.id: q for q in rs.profile}
    names = sorted({leaf.ref.name or "" for c in conditions for leaf in c.leaves()} & profile.keys())
    domains = []
    for name in names:
        q = profile[name]
        domains.append([o.id for o in q.options] + [None] + ([UNKNOWN] if q.unknown else []))
    for values in itertools.product(*domains):
        yield {k: v for k, v in zip(names, values, strict=True) if v is not None}


def can_fire(rs: RuleSet, when: Condition, audience: tuple[str, ...], org_types: list[str]) -> bool:
    """Whether some answers make ``when`` true for the audience.

    Each referenced value is varied over representative values (links between values,
    such as a score and its level, are ignored, so this never calls a reachable rule
    unreachable). Questions hidden by their visibility rule count as unanswered.
    """
    leaves = list(when.leaves())
    refs: dict[Ref, list[Any]] = {}
    pending = [(leaf.ref, leaf.value) for leaf in leaves]
    visibility: dict[str, Condition] = {}
    while pending:
        ref, value = pending.pop()
        refs.setdefault(ref, []).extend(value if isinstance(value, tuple) else [value])
        if ref.kind in ("answer", "points"):
            q = rs.question(ref.name or "")
            if q.visible_if is not None and q.id not in visibility:
                visibility[q.id] = q.visible_if
                pending.extend((leaf.ref, leaf.value) for leaf in q.visible_if.leaves())
    org_ref = Ref("answer", rs.audience_question or "")
    if "all" not in audience and org_types:
        refs[org_ref] = list(audience)
    domains = {ref: _domain(rs, ref, literals) for ref, literals in refs.items()}
    if "all" not in audience and org_types:
        domains[org_ref] = [*audience, None]
    keys = list(domains)
    total = 1
    for key in keys:
        total *= len(domains[key])
    if total > MAX_COMBINATIONS:
        return True
    for combination in itertools.product(*(domains[k] for k in keys)):
        values = dict(zip(keys, combination, strict=True))
        facts = _Assignment(values)
        for question_id, rule in visibility.items():
            if not rule.evaluate(facts):
                values[Ref("answer", question_id)] = None
                values[Ref("points", question_id)] = None
        if when.evaluate(_Assignment(values)):
            return True
    return False


def check_examples(ruleset: RuleSet, folder: Path) -> list[Problem]:
    """Check that golden examples refer to known ids and valid answers."""
    from .examples import load_examples

    return [p for example in load_examples(ruleset, folder) for p in example.problems]
