"""Forms of the workshop mode. Answer fields reuse the questionnaire's form builder."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..questionnaire.forms import ORGANISATION_NAME_MAX, clean_text
from .models import DEFAULT_MIN_GROUP_SIZE, MUNICIPALITY_MAX, NOTE_MAX, TITLE_MAX

MAX_GROUP_SIZE_SETTING = 100


class CreateWorkshopForm(FlaskForm):
    title = StringField(
        _l("Titel des Workshops"),
        validators=[DataRequired(_l("Bitte geben Sie einen Titel ein.")),
                    Length(max=TITLE_MAX, message=_l("Bitte höchstens %(max)d Zeichen."))],
        filters=[clean_text],
    )
    municipality = StringField(
        _l("Kommune oder Landkreis"),
        validators=[DataRequired(_l("Bitte geben Sie die Kommune an.")),
                    Length(max=MUNICIPALITY_MAX, message=_l("Bitte höchstens %(max)d Zeichen."))],
        filters=[clean_text],
    )
    held_on = DateField(
        _l("Datum des Workshops"),
        validators=[DataRequired(_l("Bitte geben Sie ein Datum ein, zum Beispiel 2026-03-14."))],
    )
    min_group_size = IntegerField(
        _l("Mindestzahl für Einzelantworten"),
        default=DEFAULT_MIN_GROUP_SIZE,
        validators=[
            Optional(),
            NumberRange(DEFAULT_MIN_GROUP_SIZE, MAX_GROUP_SIZE_SETTING,
                        message=_l("Bitte eine Zahl von %(min)s bis %(max)s.")),
        ],
    )


class JoinForm(FlaskForm):
    code = StringField(
        _l("Workshop-Code"),
        validators=[DataRequired(_l("Bitte geben Sie den Code ein.")),
                    Length(max=40, message=_l("Der Code hat 6 Zeichen."))],
        filters=[clean_text],
    )
    organisation_name = StringField(
        _l("Name Ihrer Organisation (freiwillig)"),
        validators=[Optional(), Length(max=ORGANISATION_NAME_MAX, message=_l("Bitte höchstens %(max)d Zeichen."))],
        filters=[clean_text],
    )
    consent = BooleanField(_l("Die Gruppe darf meine einzelnen Antworten und meinen Organisationsnamen sehen."))


class ConsentForm(FlaskForm):
    consent = BooleanField(_l("Die Gruppe darf meine einzelnen Antworten und meinen Organisationsnamen sehen."))


class PaperMetaForm(FlaskForm):
    """Who filled in a paper questionnaire; the answers come from the question fields."""

    organisation_name = StringField(
        _l("Name der Organisation (freiwillig)"),
        validators=[Optional(), Length(max=ORGANISATION_NAME_MAX, message=_l("Bitte höchstens %(max)d Zeichen."))],
        filters=[clean_text],
    )
    consent = BooleanField(_l("Die Person hat zugestimmt, dass die Gruppe ihre einzelnen Antworten sieht."))


class NoteForm(FlaskForm):
    note = TextAreaField(
        _l("Notiz aus der Diskussion"),
        validators=[Optional(), Length(max=NOTE_MAX, message=_l("Bitte höchstens %(max)d Zeichen."))],
        filters=[clean_text],
    )


class PackOptionsForm(FlaskForm):
    """What goes into the workshop pack (a GET form: nothing is stored, so no CSRF token)."""

    time_plan = BooleanField(_l("Zeitplan für die Sitzung"), default=True)
    minutes = SelectField(_l("Dauer der Sitzung"), choices=[
        SelectChoice("120", _l("2 Stunden")), SelectChoice("150", _l("2,5 Stunden")),
        SelectChoice("180", _l("3 Stunden"))], default="150")
    agreements = BooleanField(_l("Alle Einigungen auf einer Seite"), default=True)
    worksheets = BooleanField(_l("Arbeitsblätter für den Aktionsplan, mit den Einigungen"), default=True)
    questionnaire = BooleanField(_l("Leerer Fragebogen für Nachzügler"), default=True)
