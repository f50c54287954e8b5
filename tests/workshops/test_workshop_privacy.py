"""Privacy thresholds, paper answers, consensus, closing and deleting for real."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select
from test_workshop_flow import join_and_answer

from selfcheck.db import get_session
from selfcheck.models import Assessment, RenderedFile
from selfcheck.workshops.models import ConsensusAnswer, Workshop, WorkshopMember
from tests.support.workshopflow import Facilitator, Participant

pytestmark = pytest.mark.database


def individual_section(page: str) -> str:
    return page[page.index('id="individual"'):page.index('id="manage"')]


def count(app: Any, model: Any) -> int:
    with app.app_context():
        return int(get_session().scalar(select(func.count()).select_from(model)) or 0)


def test_two_members_show_no_individual_answers_three_do(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    join_and_answer(app, workshop["code"], 0)  # no consent
    join_and_answer(app, workshop["code"], 2)  # no consent
    page = lead.dashboard(workshop)
    assert 'id="group-hidden"' in page
    assert "Person A" not in page
    assert "<circle" not in page
    assert 'id="individual-hidden"' in page
    assert "von 2 Teilnehmenden" in individual_section(page)

    join_and_answer(app, workshop["code"], 1)  # consents: "Caritas Nord"
    page = lead.dashboard(workshop)
    section = individual_section(page)
    assert len(re.findall(r'<th scope="row">Person [ABC]</th>', section)) == 3
    assert "Caritas Nord" not in page  # next to two unnamed rows her name would narrow them down
    assert 'id="individual-hidden"' not in page
    agenda = page[page.index('id="agenda"'):page.index('id="blend"')]
    assert "Einzelne Antworten" in agenda


def test_consent_shows_a_member_below_the_threshold(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    join_and_answer(app, workshop["code"], 0)  # no consent
    join_and_answer(app, workshop["code"], 1)  # consent
    section = individual_section(lead.dashboard(workshop))
    rows = re.findall(r'<th scope="row">([^<]+)</th>', section)
    assert len(rows) == 1
    assert "Caritas Nord" in rows[0]
    assert "von 1 Teilnehmenden" in section  # the other one stays hidden


def test_higher_minimum_group_size_is_respected(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create(min_group_size="4")
    for index in range(3):
        join_and_answer(app, workshop["code"], index)
    page = lead.dashboard(workshop)
    assert 'id="group-hidden"' in page
    assert "Es fehlt noch 1 Person." in page


def test_paper_answers_count_like_online_ones(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    join_and_answer(app, workshop["code"], 0)
    join_and_answer(app, workshop["code"], 1)
    form_url = f"{workshop['base']}/papier"
    page = lead.get(form_url)
    assert page.status_code == 200
    assert "Nur beantworten, wenn" in page.text  # the municipality-only question says so
    assert page.text.count("<fieldset") >= 8

    bad = lead.submit(form_url, {"q_org_type": "kommune", "q_sprachen": "-4", "q_partner": ["keine", "kommune"]})
    assert bad.status_code == 422
    assert 'class="error-summary"' in bad.text
    assert 'href="#q_sprachen"' in bad.text
    assert 'value="-4"' in bad.text  # nothing typed is lost

    response = lead.submit(
        form_url,
        {
            "organisation_name": "Jobcenter Süd",
            "q_org_type": "digitale_initiative",
            "q_web": "teilweise",
            "q_messenger": "nein",
            "q_sprachen": "2",
            "q_partner": ["kommune", "wohlfahrt"],
            "q_absprachen": "unknown",
            "q_ansprechperson": "ja",  # hidden for this type: dropped
        },
    )
    assert response.status_code == 303
    page = lead.dashboard(workshop)
    assert 'data-figure="completed">3<' in page
    assert 'data-figure="paper">1<' in page
    assert "Jobcenter Süd" not in page  # no consent given
    with app.app_context():
        member = get_session().scalar(select(WorkshopMember).where(WorkshopMember.source == "paper"))
        assert member is not None
        stored = member.assessment
        assert stored.completed_at is not None
        assert stored.resume_token_hash is None
        assert stored.resume_code_hash is None
        assert stored.answers["sprachen"] == 2
        assert "ansprechperson" not in stored.answers
    matrix = page[page.index('class="matrix"'):page.index("</table>", page.index('class="matrix"'))]
    assert "(1)" not in matrix  # no row describes a single organisation


def test_consensus_is_recorded_per_item_and_shown_on_the_agenda(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    for index in range(3):
        join_and_answer(app, workshop["code"], index)
    page = lead.dashboard(workshop)
    link = re.search(r'href="(/workshop/[^"]+/konsens/web)"', page)
    assert link
    response = lead.submit(link.group(1), {"q_web": "teilweise", "note": "Übersetzung gemeinsam mit <b>MSO</b> planen"})
    assert response.status_code == 303
    assert response.location.endswith("#agenda")
    page = lead.dashboard(workshop)
    agenda = page[page.index('id="agenda"'):page.index('id="blend"')]
    assert "Einigung der Gruppe" in agenda
    assert "<strong>Teilweise</strong>" in agenda
    assert "Übersetzung gemeinsam mit &lt;b&gt;MSO&lt;/b&gt; planen" in agenda
    # Changing it replaces the record; an answer that does not fit is refused.
    assert lead.submit(link.group(1), {"q_web": "ja", "note": ""}).status_code == 303
    assert lead.submit(link.group(1), {"q_web": "vielleicht"}).status_code == 422
    assert count(app, ConsensusAnswer) == 1
    assert lead.get(f"{workshop['base']}/konsens/gibt_es_nicht").status_code == 404
    assert lead.get(f"{workshop['base']}/konsens/org_type").status_code == 404  # profile: nothing to agree on


def test_close_stops_joining_and_delete_removes_everything(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    person = join_and_answer(app, workshop["code"], 0)
    join_and_answer(app, workshop["code"], 1)
    other = Facilitator(app.test_client())
    other_workshop = other.create(title="Anderer Workshop")
    outsider = join_and_answer(app, other_workshop["code"], 2)
    for someone in (person, outsider):  # each downloads a report, which is kept in the database
        assert someone.download("/ergebnis/bericht.pdf").status_code == 200
    assert count(app, RenderedFile) == 2

    response = lead.submit(f"{workshop['base']}/schliessen", {})  # the confirmation page's form
    assert response.status_code == 303
    page = lead.dashboard(workshop)
    assert "beendet" in page
    late = Participant(app.test_client())
    assert late.join(workshop["code"]).status_code == 422
    assert lead.get(f"{workshop['base']}/papier").status_code == 303

    page = lead.get(f"{workshop['base']}/loeschen")
    assert "aller 2 Teilnehmenden" in page.text
    response = lead.submit(f"{workshop['base']}/loeschen", {})
    assert response.status_code == 303
    assert count(app, Workshop) == 1
    assert count(app, WorkshopMember) == 1
    assert count(app, Assessment) == 1  # only the other workshop's participant is left
    assert count(app, RenderedFile) == 1, "the deleted participant's stored report must be gone too"
    assert outsider.download("/ergebnis/bericht.pdf").status_code == 200
    assert lead.get(workshop["dashboard"]).status_code == 404
    assert Participant(app.test_client()).get(workshop["link"]).status_code == 404
    # The participant's own session no longer finds an assessment.
    assert person.get("/ergebnis").status_code == 303
    assert other.dashboard(other_workshop).count("Anderer Workshop") >= 1


def test_a_participant_deleting_their_data_leaves_the_workshop(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    person = join_and_answer(app, workshop["code"], 0)
    assert person.submit("/loeschen", {}).status_code == 303
    page = lead.dashboard(workshop)
    assert 'data-figure="joined">0<' in page
    assert count(app, WorkshopMember) == 0


def test_dashboard_and_actions_need_the_facilitator_session(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    stranger = Participant(app.test_client())
    join_and_answer(app, workshop["code"], 0)
    for path in ("/", "/aushang", "/papier", "/loeschen", "/konsens/web", "/zugang"):
        assert stranger.get(workshop["base"] + path).status_code == 404, path
    # A forged post without a CSRF token is refused; nothing is deleted.
    response = lead.client.post(f"{workshop['base']}/loeschen", data={})
    assert response.status_code == 400
    assert count(app, Workshop) == 1


def test_paper_form_offers_every_question_in_order(app: Any, group_ruleset: Any) -> None:
    """The paper form offers exactly the questions of the rule set, in its order."""
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    page = lead.get(f"{workshop['base']}/papier").text
    legends = re.findall(r'<legend class="question__text" id="q_([a-z_]+)-legend">', page)
    assert legends == [q.id for q in group_ruleset.questions]
