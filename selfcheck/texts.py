"""One text system for every fixed text: the gettext catalog in ``selfcheck/translations``.

The web pages (through Flask-Babel), the PDF report, the paper questionnaire and the workshop
pack all read the same catalog, so one concept has one wording in every place. German is the
source language; dates, numbers and percentages shown to people are formatted by Babel here
("10. Dezember 2026", "23,5", "85 %" / "10 December 2026", "23.5", "85%"). ``text_language``
tells the language of texts that come without one (source titles), for their lang attribute.
Nothing here needs Flask, so the report and the CLI render without an app.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path

from babel.dates import format_date as babel_format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as format_percent_babel
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


def format_percent(value: float | None, lang: str) -> str:
    """A whole percentage as people write it: "85 %" (with a no-break space) / "85%"; a dash for none."""
    if value is None:
        return "–"
    return str(format_percent_babel(value / 100, locale=LOCALES[language(lang)]))


# Words that only one of the two languages uses (short, frequent words of titles), and German
# word endings that English words almost never have. Words both languages share ("in", "an",
# "was", "so", "digital") say nothing and are not listed.
_GERMAN_WORDS = frozenset({
    "der", "die", "das", "den", "dem", "des", "und", "oder", "zur", "zum", "im", "vom", "von", "mit", "für", "auf",
    "aus", "bei", "nach", "vor", "über", "unter", "ist", "sind", "wir", "ihr", "sie", "ein", "eine", "einer",
    "eines", "einen", "auch", "durch", "zwischen", "gegen", "ohne", "als", "wie", "können", "kann", "noch",
    "nicht", "sich", "man", "bisher", "weniger", "allein", "neue", "neuen",
})
_ENGLISH_WORDS = frozenset({
    "the", "of", "and", "or", "to", "for", "with", "from", "on", "at", "by", "is", "are", "a", "this",
    "that", "these", "how", "what", "where", "when", "why", "time", "case", "study", "our", "your", "their", "its",
    "be", "has", "have", "new", "toward", "towards", "about", "into",
})
_GERMAN_ENDINGS = ("ung", "ungen", "schaft", "schaften", "keit", "heit")
_GERMAN_LETTERS = frozenset("äöüß")
_WORD = re.compile(r"[^\W\d_]+")


def text_language(text: str) -> str | None:
    """The language ("de" or "en") a short text such as a source title is written in, or None when
    that is not clear: names ("GoVolunteer"), titles in both languages ("Digitale Wege zur
    Integration / Digital Routes to Integration") or too few words to tell.

    The rule format gives a source title no language, so it is read from the title: only words
    and letters that belong to one language count, and a single sign of the other language
    makes the answer None. None means "say nothing": the text is taken to be in the page's
    language, as before.
    """
    parts = [part for part in re.split(r"\s+/\s+", text) if part.strip()]
    if len(parts) > 1:  # "A / B": one language only if every part is in it
        found = {text_language(part) for part in parts}
        return found.pop() if len(found) == 1 else None
    german = english = 0
    for word in _WORD.findall(text.lower()):
        if word in _ENGLISH_WORDS:
            english += 1
        if word in _GERMAN_WORDS or (len(word) > 6 and word.endswith(_GERMAN_ENDINGS)) or _GERMAN_LETTERS & set(word):
            german += 1
    if german and not english:
        return "de"
    if english and not german:
        return "en"
    return None


def other_language(text: str, lang: str) -> str | None:
    """The language of ``text`` when it is known and not ``lang`` (the page's): the value its
    ``lang`` attribute needs (WCAG 3.1.2); None when it needs none."""
    found = text_language(text)
    return found if found is not None and found != language(lang) else None
