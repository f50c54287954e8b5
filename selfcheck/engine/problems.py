"""Problems found in rule files, examples and answers files."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    """Every problem code with what it means and how to fix it: the table in docs/rules.md.

    A member is its code as a string ("E102"), so problems print and compare as before.
    Errors (E...) stop a rule set from loading; warnings (W...) do not.
    """

    meaning: str
    fix: str

    def __new__(cls, code: str, meaning: str, fix: str) -> Code:
        member = str.__new__(cls, code)
        member._value_ = code
        member.meaning = meaning
        member.fix = fix
        return member

    INVALID_YAML = "E001", "the file is not valid YAML", "fix the indentation or quoting at the line shown"
    SCHEMA = "E002", "a key does not fit the format (JSON Schema)", "the message names the key and what is allowed"
    MISSING = (
        "E003",
        "a required file or key is missing (`format`, `id`, `version`, `title`, `dimensions`, ...)",
        "add it",
    )
    KEY_IN_TWO_FILES = "E004", "a top-level key appears in two files", "keep it in one file"
    UNKNOWN_FORMAT = "E005", "unknown `format`", "use `format: 1`"
    DUPLICATE_ID = "E101", "duplicate id", "rename one of them"
    UNKNOWN_REFERENCE = (
        "E102",
        "unknown reference (question, option, scale, dimension, level, source, blend type)",
        "use an existing id; the hint suggests the closest one",
    )
    OPTION_WITHOUT_POINTS = "E103", "a scored option has no points", "add `points:`"
    SCALE_OR_OPTIONS = "E104", "a question has both or neither of `scale` and `options`", "keep exactly one"
    RESERVED_OPTION_ID = "E105", "reserved option id `unknown` or `not_applicable`", "use another id"
    SCORING_MISSING = (
        "E106", "`multi` question without `max_points`, or `number` question without `bands`", "add it"
    )
    BANDS_OUT_OF_ORDER = (
        "E107",
        "number bands are not in increasing order, or the last band has a `below`",
        "sort them; leave `below` off the last band",
    )
    LEVELS_DO_NOT_COVER = (
        "E110", "levels do not cover 0-100 exactly (gap, overlap, or out of range)", "adjust `min`/`max`"
    )
    BLEND_TYPES_DO_NOT_COVER = (
        "E111", "blend types do not cover every combination of axis values exactly once", "add or fix a type"
    )
    CONDITION_SYNTAX = "E120", "a condition cannot be parsed", 'the message shows where; see "Conditions"'
    IMPOSSIBLE_VALUE = (
        "E121", "a condition compares with a value the question cannot have", "use one of the listed option ids"
    )
    VISIBILITY_ORDER = (
        "E122",
        "`visible_if` refers to a later question, or to a score, level or profile",
        "refer to earlier answers only",
    )
    OPERATOR_DOES_NOT_FIT = (
        "E123",
        "an operator does not fit the kind of question (`contains` on single choice, `<` on an option id)",
        "see the table above",
    )
    NEVER_SHOWN = (
        "E124",
        "a question can never be shown: no answers to the earlier questions meet its `visible_if`",
        "fix the condition, or the visibility of the questions it refers to",
    )
    NEVER_FIRES = (
        "E130",
        "a recommendation can never fire (its condition is impossible, or its audience excludes every "
        "organisation type that could meet it)",
        "fix the condition or the audience",
    )
    SOURCES_MISSING = (
        "E131", "a recommendation cites no source, or an unknown evidence level", "add `sources:`"
    )
    STUDY_HYPOTHESIS_SOURCE = (
        "E132",
        "`study_hypothesis` cites a source that is not `kind: core_study`",
        "use `related_study`, `practice_example` or `expert_assumption`",
    )
    STEP_COUNT = "E133", "a recommendation has fewer than 2 or more than 4 steps", "write 2 to 4 concrete steps"
    REPLACES_CYCLE = (
        "E134",
        "a recommendation replaces itself, directly or through others (`replaces`)",
        "let the more specific recommendation replace the general one, never both ways",
    )
    OWN_ASSESSMENT_SOURCE = (
        "E135",
        "an own assessment is attributed to a cited organisation, or the own source has another evidence level",
        "cite our own views as `{source: <the source of kind own>, evidence: own_assessment}`",
    )
    UNKNOWN_IN_EXAMPLE = (
        "E140",
        "a golden example refers to an unknown question, option, dimension, level, blend type or recommendation",
        "fix the id",
    )
    VALUE_DOES_NOT_FIT = (
        "E141",
        "an example's or answers file's value does not fit the question",
        "use an option id, a list, a number, `unknown` or `not_applicable`",
    )
    VERSION_NOT_RAISED = (
        "E150",
        "the rules changed since this version was published (`selfcheck rules publish`)",
        "raise `version` in ruleset.yaml, then publish the new version",
    )
    ANSWERS_WOULD_BE_LOST = (
        "E151",
        "a question or option of the last published version is gone: stored answers to it would be lost",
        "add `renamed_from: [old_id]` to the question or option that replaces it, or list a question under `retired`",
    )
    SOURCE_INCOMPLETE = (
        "E160",
        "a source lacks a publisher or author, a year (or `undated:` and why) or a url (or `no_url:` and why)",
        "add what is missing; a figure that can age also names its year in the text",
    )
    ENGLISH_MISSING = "W201", "English text missing", "add `en:`"
    SOURCE_NEVER_CITED = "W202", "a source is never cited", "cite it or remove it"
    FEW_QUESTIONS = "W203", "a dimension has fewer than 3 scored questions", "add questions"
    UNUSED_QUESTION = (
        "W204",
        "a question changes nothing: no score, blend axis, condition or visibility rule uses it",
        "use it (for example in a recommendation's condition) or remove it; free-text questions are exempt",
    )
    JARGON = (
        "W205",
        "a text uses a word of the jargon list in docs/style.md, and no text of the same question, "
        "recommendation, dimension, level, blend type or source note explains it",
        "explain it where it is used: a bracket, colon or dash right after the word, or „heißt“/„bedeutet“ "
        "(„means“); or use plain words",
    )


@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``file:line: CODE message (hint)``; codes: docs/rules.md."""

    file: str
    line: int
    code: Code
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return not self.code.startswith("W")

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.code} {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class RuleSetError(Exception):
    """A rule set has errors; ``problems`` lists all of them (and the warnings)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.is_error]
        super().__init__(f"{len(errors)} problem(s) in the rule set:\n" + "\n".join(map(str, errors)))


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest known id, if one is close enough."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None
