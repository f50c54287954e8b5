"""One text system for every fixed text: the gettext catalog in ``selfcheck/translations``.

The web pages (through Flask-Babel), the PDF report, the paper questionnaire and the workshop
pack all read the same catalog, so one concept has one wording in every place. German is the
source language; dates and numbers are formatted by Babel. Nothing here needs Flask, so the
report and the CLI render without an app.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from babel.support import Translations

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
LANGUAGES = ("de", "en")
# English dates in the British order ("30 November 2026"), as an international report reads.
LOCALES = {"de": "de_DE", "en": "en_GB"}

Translate = Callable[..., str]


def language(lang: str | None) -> str:
    """A supported language; German for anything else."""
    return lang if lang in LANGUAGES else LANGUAGES[0]


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> NullTranslations:
    """The compiled catalog of ``lang`` (German, the source language, needs none)."""
    return Translations.load(str(TRANSLATIONS_DIR), [language(lang)])


def translator(lang: str) -> Translate:
    """``_("%(n)s Fragen", n=3)`` in ``lang``: gettext plus named placeholders, like the templates."""
    catalog = translations(lang)

    def translate(message: str, **variables: object) -> str:
        text = catalog.gettext(message)
        return text % variables if variables else text

    return translate


def format_date(day: datetime.date, lang: str) -> str:
    """A date as people write it: "30. November 2026" / "30 November 2026"."""
    return str(babel_format_date(day, format="long", locale=LOCALES[language(lang)]))


def format_number(value: float | None, lang: str) -> str:
    """A number as people write it: "23,5" / "23.5"; a dash for none."""
    return "–" if value is None else str(format_decimal(value, format="#,##0.#", locale=LOCALES[language(lang)]))
