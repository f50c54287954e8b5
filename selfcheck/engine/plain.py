"""Plain words: the jargon a rule text must explain where it uses it (docs/style.md, Code.JARGON).

A text item (a question with its help and options, a recommendation with its steps, a dimension,
a level, a blend type, a source note) that uses a listed word must explain it in one of its texts:
right after the word comes a bracket, a colon, a dash, or "heißt"/"bedeutet" ("means" in
English). The reader sees an item's texts together, so one explanation per item is enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Jargon:
    """A word readers may not know, how it is found, and the plain explanation to give."""

    word: str
    pattern: str  # regular expression for the word and its forms, matched from the start of a word
    explanation: str

    @cached_property
    def _regex(self) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])(?:{self.pattern})[\w-]*[“”\"«»]?", re.IGNORECASE)

    def finds(self, text: str) -> list[re.Match[str]]:
        """Every use of the word in ``text``, with its word ending and an optional closing quote."""
        return list(self._regex.finditer(text))


# The list in docs/style.md, section "Fachwörter" (a test keeps both the same).
JARGON: dict[str, tuple[Jargon, ...]] = {
    "de": (
        Jargon("Blended", r"blended(?![- ]impact)", "digitale und persönliche Angebote greifen ineinander"),
        Jargon("verzahnt", r"verzahn", "eng verbunden, so dass das eine in das andere greift"),
        Jargon("Verweiswege", r"verweisweg", "feste Absprachen, wer wen wohin schickt"),
        Jargon("Redaktion", r"redaktion", "die Personen, die Inhalte schreiben, prüfen und aktuell halten"),
        Jargon("Matching", r"matching", "passende Menschen zusammenbringen, z. B. Ehrenamtliche und Geflüchtete"),
        Jargon("Hosting", r"hosting|gehostet|hosten", "der Betrieb auf einem Server im Internet"),
        Jargon("Community", r"communit", "Menschen mit gleicher Herkunft, Sprache oder Religion"),
        Jargon("Verstetigung", r"versteti", "ein Angebot dauerhaft sichern, über die Förderzeit hinaus"),
        Jargon("Organisationsentwicklung", r"organisationsentwicklung",
               "die eigene Organisation weiterentwickeln: Abläufe, Rollen, Zusammenarbeit"),
        Jargon("Tandem", r"tandem", "zwei Menschen oder Organisationen arbeiten als festes Paar zusammen"),
        Jargon("Open Source", r"open[- ]source", "frei nutzbare Software, die alle weiterentwickeln dürfen"),
        Jargon("Parallelstrukturen", r"parallelstruktur", "zwei Angebote tun dasselbe, ohne voneinander zu wissen"),
    ),
    "en": (
        Jargon("blended", r"blended(?![- ]impact)", "digital and in-person offers interlock"),
        Jargon("referral routes", r"referral route", "fixed agreements on who sends whom where"),
        Jargon("matching", r"matching", "bringing suitable people together, e.g. volunteers and refugees"),
        Jargon("hosting", r"hosting", "running it on a server on the internet"),
        Jargon("organisational development", r"organi[sz]ational development",
               "developing the organisation itself: routines, roles, cooperation"),
        Jargon("tandem", r"tandem", "two people or organisations working together as a fixed pair"),
        Jargon("open source", r"open[- ]source", "software anyone may use and improve"),
        Jargon("parallel structures", r"parallel structure", "two offers doing the same without knowing of each other"),
    ),
}

# What may follow a word so that it counts as explained right there.
_EXPLAINED = {
    "de": re.compile(r"\s*\(|\s*:|\s+[–-]\s|\s+(?:heißt|bedeutet|bedeuten|heißen)\b"),
    "en": re.compile(r"\s*\(|\s*:|\s+[–-]\s|\s+means?\b"),
}


# Any listed word at all: most items use none, and one search over all their texts settles that
# (the word-by-word check of every item was a quarter of loading the rule set).
_ANY = {lang: re.compile("|".join(j.pattern for j in words), re.IGNORECASE) for lang, words in JARGON.items()}


def unexplained(texts: Iterable[str], lang: str) -> list[Jargon]:
    """The listed words that ``texts`` (one item, in reading order) use without explaining them anywhere."""
    texts = list(texts)
    if lang not in _ANY or not any(_ANY[lang].search(text) for text in texts):
        return []
    missing = []
    for jargon in JARGON.get(lang, ()):
        uses = [(text, match) for text in texts for match in jargon.finds(text)]
        if uses and not any(_EXPLAINED[lang].match(text, match.end()) for text, match in uses):
            missing.append(jargon)
    return missing
