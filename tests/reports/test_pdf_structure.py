"""The structure tree of the PDFs: what a screen reader gets besides the text.

WeasyPrint 70 writes neither /Scope on table headers nor /Lang on parts in another language;
``reports.pdf.tag_scope_and_language`` adds both from the HTML (``scope``, ``lang``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfcheck.engine import evaluate, load_ruleset, normalise_answers
from tests.support.pdftags import Element, structure_tree
from tests.support.reportcheck import CREATED, ORGANISATION
from tests.support.rulekit import apply_edits, copy_minimal

ENGLISH_TITLE = "Coordination models and challenges of volunteer refugee support in municipalities"
GERMAN_TITLE = "Blended Impact? Impulse zur Verknüpfung von digitalen und traditionellen Akteuren in der Kommune"


def squeeze(text: str) -> str:
    """Text without spaces, line breaks and hyphenation, to compare wrapped lines."""
    return re.sub(r"[\s\u00ad\u2010-]", "", text)


def text_in(tree: Element, lang: str) -> str:
    """All text of the elements that carry /Lang ``lang`` themselves."""
    return "".join(e.text for e in tree.walk() if e.lang == lang)


def assert_headers_tagged(tree: Element) -> list[Element]:
    headers = [e for e in tree.walk() if e.kind == "TH"]
    assert headers, "the document has table headers"
    without = [h.text for h in headers if "/Scope" not in h.attributes]
    assert without == [], f"table headers without /Scope: {without}"
    assert {str(h.attributes["/Scope"]) for h in headers} <= {"/Column", "/Row", "/Both"}
    empty = [h.attributes for h in headers if not h.text.strip()]
    assert empty == [], "empty table headers"
    return headers


@pytest.fixture(scope="module")
def bilingual_ruleset(tmp_path_factory: pytest.TempPathFactory):
    """The minimal rule set with one English source title (cited by the minimal answers' steps)."""
    folder = apply_edits(copy_minimal(tmp_path_factory.mktemp("rules") / "minimal"), (
        "sources.yaml",
        "title: Koordinationsmodelle und Herausforderungen ehrenamtlicher Flüchtlingshilfe in den Kommunen",
        f'title: "{ENGLISH_TITLE}"',
    ))
    return load_ruleset(folder)


@pytest.fixture(scope="module")
def bilingual_reports(bilingual_ruleset, minimal_answers) -> dict[str, Element]:
    from selfcheck.reports import render_report_pdf

    answers, problems = normalise_answers(bilingual_ruleset, dict(minimal_answers))
    assert not problems
    result = evaluate(bilingual_ruleset, answers)
    return {lang: structure_tree(render_report_pdf(bilingual_ruleset, result, answers=answers,
                                                   organisation_name=ORGANISATION, lang=lang, created=CREATED),
                                 with_text=True)
            for lang in ("de", "en")}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_table_header_of_the_report_has_a_scope_and_text(bilingual_reports, lang):
    headers = assert_headers_tagged(bilingual_reports[lang])
    assert {str(h.attributes["/Scope"]) for h in headers} == {"/Column"}  # the action plan's column heads


def test_an_english_source_title_in_the_german_report_is_tagged_english(bilingual_reports):
    tree = bilingual_reports["de"]
    assert squeeze(ENGLISH_TITLE) in squeeze(text_in(tree, "en"))
    # The German parts carry no /Lang of their own: they inherit the document's language.
    assert text_in(tree, "de") == ""
    assert squeeze(GERMAN_TITLE) not in squeeze(text_in(tree, "en"))


def test_german_source_titles_in_the_english_report_are_tagged_german(bilingual_reports):
    tree = bilingual_reports["en"]
    german = squeeze(text_in(tree, "de"))
    assert squeeze(GERMAN_TITLE) in german
    assert squeeze(ENGLISH_TITLE) not in german
    assert text_in(tree, "en") == ""


def test_scope_and_lang_come_from_the_html():
    """Row and column headers, a header without scope, and lang on inline and block parts."""
    from selfcheck.reports.pdf import render_in_process

    html = (
        "<html lang='de'><head><title>Tabelle</title></head><body>"
        "<p>Deutsch mit <span lang='en'>an English phrase</span> darin.</p>"
        "<p lang='en'>A whole English paragraph.</p>"
        "<table><thead><tr><th scope='col'>Thema</th><th scope='col'>Wert</th><th>Ohne</th></tr></thead>"
        "<tbody><tr><th scope='row'>Digital</th><td>42</td><td lang='en'>yes</td></tr></tbody></table>"
        "</body></html>"
    )
    pdf, _urls = render_in_process(html, "report")
    tree = structure_tree(pdf, with_text=True)
    headers = {squeeze(h.text): str(h.attributes["/Scope"]) for h in tree.walk() if h.kind == "TH"}
    assert headers == {"Thema": "/Column", "Wert": "/Column", "Ohne": "/Column", "Digital": "/Row"}
    english = {(e.kind, squeeze(e.text)) for e in tree.walk() if e.lang == "en"}
    assert ("Span", "anEnglishphrase") in english
    assert ("P", "AwholeEnglishparagraph.") in english
    assert ("TD", "yes") in english
    assert all(e.lang in (None, "en") for e in tree.walk())


def test_the_full_report_from_the_shipped_rules_has_tagged_headers(real_rules_dir: Path):
    from selfcheck.reports import render_report_pdf

    ruleset = load_ruleset(real_rules_dir)
    raw = {q.id: q.options[0].id for q in ruleset.questions if q.type == "single"}
    answers, _problems = normalise_answers(ruleset, raw)
    answers = {q.id: answers[q.id] for q in ruleset.visible_questions(answers) if q.id in answers}
    pdf = render_report_pdf(ruleset, evaluate(ruleset, answers), answers=answers, organisation_name=None,
                            lang="en", created=CREATED)
    tree = structure_tree(pdf, with_text=True)
    assert_headers_tagged(tree)
    assert text_in(tree, "de"), "the English report names German sources in German"
