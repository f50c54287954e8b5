"""Plain words (docs/style.md): the jargon list is the one in the docs, the validator's rule for
"explained" works, and neither the shipped rules nor the UI texts use a forbidden gender form."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from selfcheck.engine.checks import _Checker
from selfcheck.engine.loader import _Reader
from selfcheck.engine.plain import JARGON, unexplained

ROOT = Path(__file__).resolve().parents[1]
STYLE = (ROOT / "docs" / "style.md").read_text(encoding="utf-8")
RULES = ROOT / "rules" / "blended-impact"
# Gender signs inside a word ("Migrant*innen", "Nutzer:innen", "Lehrer_innen", "NutzerInnen") and
# pairs ("Kolleginnen und Kollegen", "Lotsin oder Lotse"): docs/style.md forbids all of them.
GENDER_SIGNS = re.compile(r"\w[*:_]innen|\w[*:_]in\b|[a-zäöü]Innen\b")
PAIRS = re.compile(r"\b(\w{3,})(?:innen|in) (?:und|oder) \1")
QUOTED = re.compile(r"„[^“]*“")  # titles and names we quote stay as they are


def markdown_table(text: str) -> list[list[str]]:
    """The first table in ``text``: its rows without the header and separator."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows[2:]


def section(title: str, after: str = "") -> str:
    """docs/style.md from the first ``title`` after ``after`` on."""
    start = STYLE.index(after) if after else 0
    return STYLE[STYLE.index(title, start):]


def forbidden_words() -> list[str]:
    """The words in backticks in the first column of the replacement table."""
    rows = markdown_table(section("### Ersetzungen"))
    return [word for row in rows for word in re.findall(r"`([^`]+)`", row[0])]


def forbidden_in(text: str) -> list[str]:
    text = QUOTED.sub("", text)
    found = [w for w in forbidden_words() if re.search(rf"(?<![\w*-]){re.escape(w)}(?![\w*:_-])", text)]
    found += GENDER_SIGNS.findall(text) + [m.group(0) for m in PAIRS.finditer(text)]
    return found


def german_rule_texts() -> list[tuple[str, str]]:
    """Every German text of the shipped rule set that a respondent can read, with its owner."""
    from selfcheck.engine import load_ruleset

    reader = _Reader(RULES)
    reader.read()
    checker = _Checker(load_ruleset(RULES), reader)
    return [(owner, text.de) for _, owner, texts in checker.texts() for text in texts if text is not None]


def ui_texts() -> list[str]:
    """Every German text of the templates and the code (the extraction command of babel.cfg)."""
    with tempfile.TemporaryDirectory() as folder:
        extracted = Path(folder) / "messages.pot"  # babel writes "-o -" to a file named "-", not stdout
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                        str(ROOT / "selfcheck" / "translations" / "babel.cfg"), "-k", "_l", "--ignore-dirs=.*",
                        "--no-location", "--omit-header", "-o", str(extracted), "."],
                       cwd=ROOT, check=True, capture_output=True)
        with extracted.open("rb") as handle:
            ids = [m.id for m in read_po(handle) if m.id]
    texts = [text for message in ids for text in (message if isinstance(message, tuple) else (message,))]
    assert len(texts) > 100, "the extraction found (almost) no texts"
    return texts


# -- the jargon list -----------------------------------------------------------------------------------
def test_the_jargon_list_is_the_one_in_docs_style() -> None:
    german = markdown_table(section("| Wort |"))
    english = markdown_table(section("| word |"))
    assert german == [[j.word, j.explanation] for j in JARGON["de"]]
    assert english == [[j.word, j.explanation] for j in JARGON["en"]]


@pytest.mark.parametrize("texts", [
    ["Vereinbaren Sie feste Verweiswege (Absprachen, wer wen wohin schickt)."],
    ["Verweiswege: Wer schickt wen wohin?"],
    ["Verweiswege – wer schickt wen wohin – helfen."],
    ["Verweiswege heißt: Sie legen fest, wer wen wohin schickt."],
    ["Prüfen Sie die Verweiswege.", "Verweiswege (wer wen wohin schickt) ändern sich."],  # one per item is enough
    ["Legen Sie fest, wer wen wohin schickt."],  # the plain words instead
    ["Das Projekt Blended Impact und die Blended-Impact-Studie."],  # a name, not jargon
])
def test_explained_or_plain_texts_pass(texts: list[str]) -> None:
    assert unexplained(texts, "de") == []


@pytest.mark.parametrize(("texts", "word"), [
    (["Vereinbaren Sie feste Verweiswege."], "Verweiswege"),
    (["Verweiswege sind wichtig (sagt die Studie)."], "Verweiswege"),  # the bracket must follow the word
    (["Ihr Profil ist Blended."], "Blended"),
    (["Die Angebote sind verzahnt."], "verzahnt"),
    (["Unsere Redaktionsplanung steht."], "Redaktion"),  # forms and compounds count
    (["Erreichen Sie Ihre Community.", "Community-Seiten helfen."], "Community"),
])
def test_unexplained_jargon_is_found(texts: list[str], word: str) -> None:
    assert [j.word for j in unexplained(texts, "de")] == [word]


def test_english_texts_have_their_own_list() -> None:
    assert [j.word for j in unexplained(["We pay for hosting."], "en")] == ["hosting"]
    assert unexplained(["Hosting means: running it on a server."], "en") == []
    assert unexplained(["Wir zahlen für das Hosting (den Betrieb)."], "en") == []


def test_the_shipped_rule_set_explains_every_jargon_word(real_ruleset) -> None:
    from selfcheck.engine import check_ruleset
    from selfcheck.engine.problems import Code

    _, problems = check_ruleset(RULES)
    assert [str(p) for p in problems if p.code == Code.JARGON] == []


# -- one gender-neutral form -----------------------------------------------------------------------------
def test_the_replacement_table_is_read() -> None:
    words = forbidden_words()
    assert {"Partner", "Partnern", "Akteure", "Migrant*innenorganisation", "Mitarbeiter", "Nutzer"} <= set(words)
    assert forbidden_in("Wir arbeiten mit Partnern vor Ort.") == ["Partnern"]
    assert forbidden_in("Fragen Sie Kolleginnen und Kollegen.") == ["Kollegen", "Kolleginnen und Kolleg"]
    assert forbidden_in("Nutzer:innen und Migrant*innen") == ["r:innen", "t*innen"]
    assert forbidden_in("Partnerorganisationen, Partnerschaften, Ehrenamtliche und Lotsendienste") == []
    assert forbidden_in("die Studie „Zivilgesellschaftliche Akteure“") == []


def test_no_forbidden_gender_form_in_the_shipped_rules() -> None:
    found = [(owner, text[:80], forbidden_in(text)) for owner, text in german_rule_texts() if forbidden_in(text)]
    assert found == []


def test_no_forbidden_gender_form_in_the_ui_texts() -> None:
    found = [(text[:80], forbidden_in(text)) for text in ui_texts() if forbidden_in(text)]
    assert found == []
