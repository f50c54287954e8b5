"""The scoring engine: pure Python, no web, no database, no PDF.

Input is a rule set (loaded from YAML) and a mapping of answers; output is a frozen
Result. It must never import flask, sqlalchemy, wtforms or weasyprint (a test checks).
"""

from .answers import AnswerProblem, normalise_answer, normalise_answers
from .conditions import ConditionError, parse_condition
from .examples import ExampleOutcome, run_examples
from .export import ruleset_to_dict
from .loader import check_ruleset, load_ruleset
from .model import NOT_APPLICABLE, UNKNOWN, Question, RuleSet, Text
from .problems import Problem, RuleSetError
from .scoring import ENGINE_VERSION, Result, evaluate

__all__ = [
    "ENGINE_VERSION",
    "NOT_APPLICABLE",
    "UNKNOWN",
    "AnswerProblem",
    "ConditionError",
    "ExampleOutcome",
    "Problem",
    "Question",
    "Result",
    "RuleSet",
    "RuleSetError",
    "Text",
    "check_ruleset",
    "evaluate",
    "load_ruleset",
    "normalise_answer",
    "normalise_answers",
    "parse_condition",
    "ruleset_to_dict",
    "run_examples",
]
