"""Language choice: German by default, English on request.

UI strings are German in the source and translated through gettext catalogs in
``selfcheck/translations``. Rule texts come bilingual from the rule files (``Text.get``).
``?lang=en`` on any page switches the language and keeps the choice in the session.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, request, session, url_for
from flask_babel import get_locale

from .extensions import babel
from .texts import TRANSLATIONS_DIR, format_date


def select_locale() -> str:
    languages: list[str] = current_app.config["LANGUAGES"]
    wanted = request.args.get("lang")
    if wanted in languages:
        session["lang"] = wanted
        return wanted
    chosen = session.get("lang")
    return chosen if chosen in languages else languages[0]


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else "de"


def translate_text(text: Any) -> str:
    """A rule text in the current language (German when no translation exists)."""
    if text is None:
        return ""
    return str(text.get(current_language()))


def language_url(lang: str) -> str:
    """This page in another language; pages that only take posts or hold secrets link to the start."""
    rule = request.url_rule
    endpoint = request.endpoint
    if rule is None or endpoint is None or "GET" not in (rule.methods or ()) or endpoint == "resume.by_link":
        return url_for("questionnaire.start", lang=lang)
    return url_for(endpoint, **(request.view_args or {}), lang=lang)


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.filters["t"] = translate_text
    app.jinja_env.filters["format_date"] = lambda day: format_date(day, current_language())
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["language_url"] = language_url
