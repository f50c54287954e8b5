"""WTForms forms built from the rule set's questions.

One field per asked question; the choices come from the rule set, so form and scoring cannot
disagree. Forms check shape only (valid option, whole number in range, text length);
``normalise_answers`` of the engine has the last word on values.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    IntegerField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..engine import normalise_answers
from ..engine.model import NOT_APPLICABLE, UNKNOWN
from ..services import ORGANISATION_NAME_MAX

if TYPE_CHECKING:
    from ..engine import Question, RuleSet

FIELD_PREFIX = "q_"
SPECIAL_PREFIX = "s_"
NUMBER_LIMIT = 1_000_000_000


def clean_text(value: Any) -> Any:
    """Strip surrounding space and drop control characters (keeping line breaks and tabs)."""
    if not isinstance(value, str):
        return value
    kept = (ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    return "".join(kept).replace("\r", "").strip()


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def special_choices(question: Question) -> list[SelectChoice]:
    choices: list[SelectChoice] = []
    if question.unknown:
        choices.append(SelectChoice(UNKNOWN, _l("Weiß nicht")))
    if question.not_applicable:
        choices.append(SelectChoice(NOT_APPLICABLE, _l("Trifft auf uns nicht zu")))
    return choices


def option_choices(question: Question, lang: str) -> list[SelectChoice]:
    return [SelectChoice(o.id, o.label.get(lang)) for o in question.options] + special_choices(question)


@dataclass(frozen=True)
class QuestionField:
    """A question with its form field(s), as the template renders it."""

    question: Question
    field: Field
    special: Field | None

    @property
    def target_id(self) -> str:
        """The element an error summary link jumps to: the first input of the question."""
        if self.question.type in ("single", "multi"):
            return f"{self.field.id}-0"
        return str(self.field.id)

    @property
    def errors(self) -> list[str]:
        errors = list(self.field.errors)
        if self.special is not None:
            errors.extend(self.special.errors)
        return errors


class StepForm(FlaskForm):
    """Base of every step form; the fields are added by ``build_step_form``."""

    questions: tuple[Question, ...] = ()
    asked: frozenset[str] | None = None  # the questions answered here; None: all of them

    def question_fields(self) -> list[QuestionField]:
        return [
            QuestionField(q, self[FIELD_PREFIX + q.id], self._fields.get(SPECIAL_PREFIX + q.id))
            for q in self.questions
        ]

    def asked_fields(self) -> list[QuestionField]:
        """The fields of the asked questions; the others are on the page only hidden."""
        return [item for item in self.question_fields() if self.asked is None or item.question.id in self.asked]

    def validate(self, extra_validators: Any = None) -> bool:
        """Validate the CSRF token and the asked questions; hidden questions are never checked."""
        super().validate(extra_validators)
        for item in self.question_fields():
            if self.asked is not None and item.question.id not in self.asked:
                item.field.errors = []
                if item.special is not None:
                    item.special.errors = []
        return not self.errors

    def answers(self) -> dict[str, Any]:
        """The validated answers of the asked questions keyed by id; empty fields are left out."""
        found: dict[str, Any] = {}
        for item in self.asked_fields():
            value = _answer_of(item)
            if value not in (None, "", []):
                found[item.question.id] = value
        return found

    def add_problem(self, question_id: str, message: str) -> None:
        field = self._fields.get(FIELD_PREFIX + question_id)
        if field is not None:
            field.errors = [*field.errors, message]

    def checked_answers(self, ruleset: RuleSet) -> dict[str, Any] | None:
        """The posted answers as the engine normalises them, or None with the problems on the fields.

        The form checks shape; ``normalise_answers`` has the last word on values.
        """
        if not self.validate():
            return None
        answers, problems = normalise_answers(ruleset, self.answers())
        for problem in problems:
            self.add_problem(problem.question_id, _l("Diese Antwort passt nicht zur Frage. Bitte prüfen Sie sie."))
        return None if problems else answers


def form_data(questions: tuple[Question, ...], answers: Mapping[str, Any]) -> dict[str, Any]:
    """Stored answers in the shape of the form's fields: the inverse of ``StepForm.answers()``."""
    data: dict[str, Any] = {}
    for question in questions:
        value = answers.get(question.id)
        if value is None:
            continue
        special = value in (UNKNOWN, NOT_APPLICABLE)
        if question.type == "multi":
            data[FIELD_PREFIX + question.id] = [value] if special else list(value)
        elif question.type == "number" and special:
            data[SPECIAL_PREFIX + question.id] = [value]
        else:
            data[FIELD_PREFIX + question.id] = value
    return data


def _answer_of(item: QuestionField) -> Any:
    data = item.field.data
    if item.question.type == "multi":
        chosen = list(data or [])
        return chosen[0] if len(chosen) == 1 and chosen[0] in (UNKNOWN, NOT_APPLICABLE) else chosen
    if item.special is not None and item.special.data:
        return item.special.data[0]
    return data


def build_step_form(
    questions: tuple[Question, ...],
    lang: str,
    *,
    stored: Mapping[str, Any] | None = None,
    asked: set[str] | None = None,
    **kwargs: Any,
) -> StepForm:
    """A form for ``questions``: filled with the ``stored`` answers, else bound to the posted data.

    Only the ``asked`` questions (default: all) are validated and answered.
    """
    if stored is not None:
        kwargs.update(formdata=None, data=form_data(questions, stored))

    class Form(StepForm):
        pass

    Form.questions = questions
    Form.asked = None if asked is None else frozenset(asked)
    for question in questions:
        name = FIELD_PREFIX + question.id
        label = question.text.get(lang)
        if question.type == "single":
            needed = InputRequired(message=_l("Bitte wählen Sie eine Antwort. Ohne sie kann der Check nicht passend "
                                              "auswerten.")) if question.required else Optional()
            setattr(Form, name, RadioField(label, choices=option_choices(question, lang), validators=[needed]))
        elif question.type == "multi":
            multi = MultiCheckboxField(label, choices=option_choices(question, lang), validators=[_exclusive(question)])
            setattr(Form, name, multi)
        elif question.type == "number":
            low = question.min if question.min is not None else -NUMBER_LIMIT
            high = question.max if question.max is not None else NUMBER_LIMIT
            in_range = NumberRange(low, high, message=_l("Bitte geben Sie eine Zahl von %(min)s bis %(max)s ein."))
            setattr(Form, name, IntegerField(label, validators=[Optional(), in_range]))
            if special_choices(question):
                special = MultiCheckboxField(
                    _l("Oder"), choices=special_choices(question), validators=[_one_special(name)]
                )
                setattr(Form, SPECIAL_PREFIX + question.id, special)
        else:
            too_long = Length(max=question.max_length, message=_l("Bitte schreiben Sie höchstens %(max)d Zeichen."))
            setattr(Form, name, TextAreaField(label, validators=[Optional(), too_long], filters=[clean_text]))
    return Form(**kwargs)


def _exclusive(question: Question) -> Any:
    exclusive = {o.id for o in question.options if o.exclusive} | {UNKNOWN, NOT_APPLICABLE}

    def check(_form: Any, field: Field) -> None:
        chosen = set(field.data or [])
        if len(chosen) > 1 and chosen & exclusive:
            raise ValidationError(_l("Diese Antwort kann nicht mit anderen Antworten kombiniert werden."))

    return check


def _one_special(number_field: str) -> Any:
    def check(form: Any, field: Field) -> None:
        chosen = field.data or []
        if len(chosen) > 1:
            raise ValidationError(_l("Bitte wählen Sie nur eine dieser Antworten."))
        if chosen and form[number_field].data is not None:
            raise ValidationError(_l("Bitte geben Sie entweder eine Zahl ein oder wählen Sie eine dieser Antworten."))

    return check


RESEARCH_CONSENT_LABEL = _l("Meine Antworten dürfen ohne Namen für die Forschung genutzt werden (freiwillig).")


class StartForm(FlaskForm):
    organisation_name = StringField(
        _l("Name Ihrer Organisation (freiwillig)"),
        validators=[Optional(), Length(max=ORGANISATION_NAME_MAX, message=_l("Bitte höchstens %(max)d Zeichen."))],
        filters=[clean_text],
    )
    research_consent = BooleanField(RESEARCH_CONSENT_LABEL)


class ResearchConsentForm(FlaskForm):
    """The same consent, changed later on the results page (short: the page has a word budget)."""

    research_consent = BooleanField(_l("Für die Forschung freigeben (ohne Namen)"))


class ResumeCodeForm(FlaskForm):
    code = StringField(
        _l("Ihr Code zum Fortsetzen"),
        validators=[Length(max=40, message=_l("Der Code hat 8 Zeichen."))],
        filters=[clean_text],
    )


class ConfirmForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change something."""
