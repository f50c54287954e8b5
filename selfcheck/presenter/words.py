"""The words every view shares: question numbers, answers in words, evidence and effort labels.

One function per concept, so the results page, the report, the paper questionnaire and the
workshop views can only word a concept one way.
"""

from __future__ import annotations

from typing import Any

from ..engine.model import NOT_APPLICABLE, UNKNOWN, Question, RuleSet
from ..texts import Translate, format_number, translator


def evidence_labels(_: Translate) -> dict[str, str]:
    """The evidence levels, strongest first, as every page and PDF names them."""
    return {
        "study_hypothesis": _("Ausgangsannahme der Studie „Blended Impact“"),
        "related_study": _("Verwandte Studie"),
        "practice_example": _("Praxisbeispiel"),
        "expert_assumption": _("Fachliche Einschätzung der zitierten Stelle"),
        "own_assessment": _("Eigene Einschätzung"),
    }


def evidence_explanations(_: Translate) -> dict[str, str]:
    return {
        "study_hypothesis": _("Eine Ausgangsannahme oder Forschungsfrage des Projekts Blended Impact (ZiviZ, "
                              "betterplace lab). Sie ist dort als Annahme formuliert, nicht als geprüftes Ergebnis."),
        "related_study": _("Ergebnisse anderer Studien zu ähnlichen Fragen."),
        "practice_example": _("Erfahrungen eines Projekts, das so arbeitet."),
        "expert_assumption": _("Eine Einschätzung, die die zitierte Stelle selbst vertritt, kein gemessenes Ergebnis."),
        "own_assessment": _("Unsere eigene, begründete Einschätzung als Herausgebende dieses Checks. Sie ist "
                            "keiner zitierten Organisation zuzuschreiben."),
    }


def effort_labels(_: Translate) -> dict[str, str]:
    return {"low": _("gering"), "medium": _("mittel"), "high": _("hoch")}


def missing_answer_words(_: Translate) -> dict[str, str]:
    """How a missing answer and the special answers are shown wherever answers are listed."""
    return {"unanswered": _("nicht beantwortet"), "unknown": _("Weiß nicht"),
            "not_applicable": _("Trifft auf uns nicht zu")}


def question_numbers(ruleset: RuleSet) -> dict[str, str]:
    """Question id -> "step.question" (e.g. "3.2"): the same numbers on the web and on paper."""
    return {
        question.id: f"{s}.{q}"
        for s, step in enumerate(ruleset.steps, start=1)
        for q, question in enumerate(step.questions, start=1)
    }


def answer_label(question: Question | None, value: Any, lang: str) -> str:
    """An answer as the words the person ticked or wrote: option labels, the unit after a number.

    Without a question (a traced value that is not an answer) values are shown as they are.
    """
    words = missing_answer_words(translator(lang))
    if value is None or value == "" or value == []:
        return words["unanswered"]
    if value in (UNKNOWN, NOT_APPLICABLE):
        return words[value]
    labels = {option.id: option.label.get(lang) for option in question.options} if question is not None else {}
    if isinstance(value, list | tuple):
        return ", ".join(labels.get(str(v), str(v)) for v in value)
    if question is not None and question.type == "number" and isinstance(value, int | float):
        number = format_number(value, lang)  # "1.500" / "1,500"
        return f"{number} {question.unit.get(lang)}" if question.unit is not None else number
    return labels.get(str(value), str(value))


def describe_value(ruleset: RuleSet, question_id: str | None, value: Any, lang: str) -> str:
    """An answer or a traced value in words (review, "Warum sehe ich das?", workshop dashboard).

    Like ``answer_label``, plus the words for traced yes/no values and an empty multiple choice.
    """
    _ = translator(lang)
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list | tuple) and not value:
        return _("nichts gewählt")
    try:
        question = ruleset.question(question_id) if question_id else None
    except KeyError:  # a traced value that is not an answer (a score, the organisation type, ...)
        question = None
    return answer_label(question, value, lang)
