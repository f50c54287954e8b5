"""Presentation: engine results and group summaries as view objects, in one language.

Flask-free and WeasyPrint-free, so the results page, the PDF report, the workshop dashboard
and the workshop pack show the same objects:

    present_result(ruleset, result, answers, lang) -> ResultView
    build_view(ruleset, group, lang) -> the workshop's group view (privacy already applied)

Texts come from the one gettext catalog (``selfcheck.texts``); nothing here computes a score.
"""

from .result import ResultView, cited_sources, present_result
from .words import (
    answer_label,
    describe_value,
    effort_labels,
    evidence_explanations,
    evidence_labels,
    missing_answer_words,
    question_numbers,
)

__all__ = [
    "ResultView",
    "answer_label",
    "cited_sources",
    "describe_value",
    "effort_labels",
    "evidence_explanations",
    "evidence_labels",
    "missing_answer_words",
    "present_result",
    "question_numbers",
]
