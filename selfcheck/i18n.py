"""Language choice: the person's choice, else their browser's language, else German.

UI strings are German in the source and translated through gettext catalogs in
``selfcheck/translations``. Rule texts come bilingual from the rule files (``Text.get``).

* ``?lang=en`` on any page (the language switch) chooses a language and keeps the choice in
  the session; it wins over everything else.
* Without a choice the browser's ``Accept-Language`` decides (English browsers get English on
  their first visit); nothing is stored, so no cookie is set just for negotiating.
* German when the browser asks for no language we offer.

Every HTML page says its language in ``Content-Language`` (PDFs say the report's language,
see ``rendering.views.pdf_response``); a page chosen by ``Accept-Language`` adds
``Vary: Accept-Language`` so shared caches keep the languages apart.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, current_app, g, request, session, url_for
from flask_babel import get_locale

from .extensions import babel
from .texts import TRANSLATIONS_DIR, format_date, format_number, format_percent

NEGOTIATED = "_language_negotiated"  # flag on ``g``: the browser's Accept-Language chose the language
LANGUAGE_HEADER_TYPES = ("text/html",)


def select_locale() -> str:
    languages: list[str] = current_app.config["LANGUAGES"]
    wanted = request.args.get("lang")
    if wanted in languages:
        session["lang"] = wanted
        return wanted
    chosen = session.get("lang")
    if chosen in languages:
        return str(chosen)
    setattr(g, NEGOTIATED, True)
    # best_match also takes regional variants ("en-GB" for "en") and honours the q values.
    return request.accept_languages.best_match(languages) or languages[0]


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


def add_language_headers(response: Response) -> Response:
    """``Content-Language`` on pages (files set their own), ``Vary`` when the browser chose it."""
    if response.mimetype in LANGUAGE_HEADER_TYPES and "Content-Language" not in response.headers:
        response.headers["Content-Language"] = current_language()
    if g.get(NEGOTIATED):
        response.vary.add("Accept-Language")
    return response


def init_app(app: Flask) -> None:
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(add_language_headers)
    app.jinja_env.filters["t"] = translate_text
    app.jinja_env.filters["format_date"] = lambda day: format_date(day, current_language())
    app.jinja_env.filters["format_number"] = lambda value: format_number(value, current_language())
    app.jinja_env.filters["format_percent"] = lambda value: format_percent(value, current_language())
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["language_url"] = language_url
