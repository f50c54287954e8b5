"""Two tabs of one respondent save different steps at the same moment: both answers stay."""

from __future__ import annotations

from typing import Any

import pytest

from selfcheck import services
from selfcheck.db import EXTENSION_KEY
from selfcheck.models import Assessment
from tests.support.server import run_together
from tests.support.webflow import Browser, answer_minimal

pytestmark = pytest.mark.database


def test_a_save_on_a_stale_copy_merges_into_what_the_other_tab_stored(app: Any, minimal_ruleset: Any) -> None:
    """The interleaving that lost answers: both tabs read, tab 1 saves, tab 2 saves its stale copy."""
    sessions = app.extensions[EXTENSION_KEY]  # the app's sessions: they carry the digest keys
    with sessions() as tab1, sessions() as tab2, sessions() as check:
        first, _ = services.start_assessment(tab1, minimal_ruleset, organisation_name=None, retention_days=30)
        second = tab2.get(Assessment, first.id)
        assert second is not None
        assert services.save_step(tab1, first, step_answers={"web": "ja"}, step_question_ids={"web"},
                                  advance_to=2, retention_days=30)
        assert services.save_step(tab2, second, step_answers={"partner": "nein"}, step_question_ids={"partner"},
                                  advance_to=1, retention_days=30)
        stored = check.get(Assessment, first.id)
        assert stored is not None
        assert stored.answers == {"web": "ja", "partner": "nein"}
        assert stored.answers_revision == 2  # one revision per change: the report cache key stays honest
        assert stored.furthest_step == 2  # never moves backwards


def test_thirty_pairs_of_simultaneous_saves_lose_nothing(app: Any) -> None:
    """Two tabs (one session cookie, two clients) post different steps at the same moment."""
    tab1 = Browser(app.test_client())
    tab1.start()
    answer_minimal(tab1)
    tab2 = Browser(app.test_client())
    tab2.client.set_cookie("session", tab1.client.get_cookie("session").value)
    lost = 0
    for round_no in range(30):
        web = ["ja", "nein", "teilweise"][round_no % 3]
        partner = ["nein", "ja", "teilweise"][round_no % 3]
        digital = {"web": web, "sprachen": "5", "kanaele": ["messenger", "app"], "app_gepflegt": "teilweise"}
        local = {"beratung": "ja", "partner": partner, "ansprechperson": "nein"}
        results = run_together(lambda d=digital: tab1.step(2, d), lambda d=local: tab2.step(3, d))
        assert all(r is not None and r.status_code == 303 for r in results), [r and r.status_code for r in results]
        with app.app_context():
            from selfcheck.db import get_session

            stored = get_session().query(Assessment).one()
            lost += stored.answers.get("web") != web or stored.answers.get("partner") != partner
    assert lost == 0
