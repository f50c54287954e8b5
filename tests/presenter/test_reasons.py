""""Warum sehe ich das?" in plain words: every condition form, in German and English, no ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfcheck.engine import evaluate, load_ruleset
from selfcheck.presenter import present_result
from tests.support.rulekit import apply_edits, copy_minimal

WEB_NO = ("Bei Frage 2.1 „Haben Sie ein Online-Angebot?“ haben Sie „Nein“ gewählt.",
          "In question 2.1 “Do you have an online offer?” you chose “No”.")
ANSWERS = {"org_type": "kommune", "web": "nein", "sprachen": 1, "kanaele": ["keine"], "partner": "nein",
           "beratung": "nein", "ansprechperson": "nein"}


def reasons_for(tmp_path: Path, condition: str, answers: dict, lang: str) -> list[str]:
    """The reasons shown for a recommendation whose condition is ``condition``."""
    folder = apply_edits(copy_minimal(tmp_path / lang), ("recommendations.yaml", 'when: "points.web <= 1"',
                                                         f'when: "{condition}"'))
    ruleset = load_ruleset(folder)
    view = present_result(ruleset, evaluate(ruleset, answers), answers, lang)
    (found,) = [r for r in view.recommendations if r.id == "r_online_starten"]
    return list(found.reasons)


CASES = [
    ("web == nein", ANSWERS, [WEB_NO]),
    ("points.web <= 1", ANSWERS, [WEB_NO]),
    ("not web == ja", ANSWERS, [WEB_NO]),
    ("web in [nein, teilweise]", ANSWERS, [WEB_NO]),
    ("kanaele contains keine", ANSWERS,
     [("Bei Frage 2.3 „Welche Kanäle nutzen Sie?“ haben Sie „Keine“ gewählt.",
       "In question 2.3 “Which channels do you use?” you chose “None”.")]),
    ("sprachen < 2", ANSWERS,
     [("Bei Frage 2.2 „In wie vielen Sprachen?“ haben Sie 1 Sprachen angegeben.",
       "In question 2.2 “In how many languages?” you entered 1 languages.")]),
    ("web is unknown", {**ANSWERS, "web": "unknown"},
     [("Bei Frage 2.1 „Haben Sie ein Online-Angebot?“ haben Sie „Weiß nicht“ gewählt.",
       "In question 2.1 “Do you have an online offer?” you chose “Don’t know”.")]),
    ("partner is unanswered", {"web": "nein", "beratung": "ja"},
     [("Frage 3.2 „Haben Sie lokale Partner?“ haben Sie offen gelassen.",
       "You left question 3.2 “Do you have local partners?” open.")]),
    ("score.digital < 40", ANSWERS,
     [("Im Thema „Digitale Angebote“ haben Sie 0 von 100 Punkten.",
       "On the topic “Digital offers” you have 0 of 100 points.")]),
    ("level.digital == einstieg", ANSWERS,
     [("Im Thema „Digitale Angebote“ sind Sie auf der Stufe „Einstieg“.",
       "On the topic “Digital offers” you are at the level “Getting started”.")]),
    ("profile == am_anfang", ANSWERS,
     [("Ihr Blended-Profil ist „Am Anfang“.", "Your blend profile is “Starting out”.")]),
    ("gaps >= 10", {"web": "unknown", "partner": "nein", "beratung": "nein", "sprachen": 1, "kanaele": ["keine"]},
     [("Bei 20\u00a0% der Fragen haben Sie „Weiß nicht“ angegeben oder nichts eingetragen.",  # Babel's percent
       "For 20% of the questions you said “Don’t know” or entered nothing.")]),
    # "or": only the comparison that held; "and": all of them
    ("web == nein or partner == ja", ANSWERS, [WEB_NO]),
    # one question named twice (its points and its answer) is one sentence
    ("points.web <= 1 and not web is unknown", ANSWERS, [WEB_NO]),
    ("web == nein and partner == nein", ANSWERS,
     [WEB_NO, ("Bei Frage 3.2 „Haben Sie lokale Partner?“ haben Sie „Nein“ gewählt.",
               "In question 3.2 “Do you have local partners?” you chose “No”.")]),
]


@pytest.mark.parametrize(("condition", "answers", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_condition_form_reads_as_plain_words(tmp_path: Path, condition: str, answers: dict,
                                                    expected: list[tuple[str, str]], lang: str) -> None:
    reasons = reasons_for(tmp_path, condition, answers, lang)
    assert reasons == [pair[0 if lang == "de" else 1] for pair in expected]
    for reason in reasons:  # no ids, no operators, no points
        assert not re.search(r"[a-z]+_[a-z]+|(points|score|level)\.[a-z]|==|<=|>=|!=", reason), reason


def test_an_audience_recommendation_says_whom_it_is_for(minimal_ruleset) -> None:
    view = present_result(minimal_ruleset, evaluate(minimal_ruleset, ANSWERS), ANSWERS, "de")
    (contact,) = [r for r in view.recommendations if r.id == "r_ansprechperson"]
    assert contact.reasons[-1] == "Diese Empfehlung ist für Organisationen wie Ihre gedacht: „Kommune“."
