"""Workshop defects found by trying it as a facilitator: empty sheets, elimination, closing,
typed sheets, stable pseudonyms, number formats. Every form is submitted as rendered."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from sqlalchemy import select
from test_workshop_flow import ANSWERS, join_and_answer
from test_workshop_privacy import count

from selfcheck.db import get_session
from selfcheck.models import Assessment
from selfcheck.workshops.models import WorkshopMember
from tests.support.workshopflow import Facilitator, Participant

pytestmark = pytest.mark.database

ALL_UNKNOWN = ({"org_type": "wohlfahrt"}, {"web": "unknown", "messenger": "unknown", "sprachen": ""},
               {"partner": [], "absprachen": "unknown"})


def individual_rows(page: str) -> list[str]:
    section = page[page.index('id="individual"'):page.index('id="manage"')]
    return re.findall(r'<th scope="row">([^<]+)</th>', section)


def finish_with(app: Any, code: str, answers: tuple[dict, dict, dict], name: str = "", consent: bool = False) -> Any:
    person = Participant(app.test_client())
    assert person.join(code, organisation_name=name, consent=consent).status_code == 303
    person.answer(*answers)
    return person


def test_an_empty_paper_sheet_is_refused_and_loses_nothing(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    url = f"{workshop['base']}/papier"
    response = lead.submit(url, {"organisation_name": "Leerer Bogen", "q_org_type": "kommune"})
    assert response.status_code == 422
    assert "zu wenige Fragen beantwortet" in response.text
    assert 'value="Leerer Bogen"' in response.text
    assert count(app, WorkshopMember) == 0


def test_empty_and_unknown_only_answers_never_unlock_the_group_view(app: Any) -> None:
    """Two who finish with "Weiß nicht" only, plus one real, non-consenting participant: still hidden."""
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    finish_with(app, workshop["code"], ALL_UNKNOWN)
    finish_with(app, workshop["code"], ALL_UNKNOWN)
    join_and_answer(app, workshop["code"], 0)  # real answers, no consent
    page = lead.dashboard(workshop)
    assert 'id="group-hidden"' in page
    assert 'data-figure="completed">1<' in page
    assert 'data-figure="too-few">2<' in page
    assert individual_rows(page) == []


@pytest.mark.parametrize(("consenting", "names_shown"), [(2, False), (3, True)])
def test_names_are_shown_only_where_nobody_can_be_found_by_elimination(
        app: Any, consenting: int, names_shown: bool) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    for index in range(3):
        name, _consent, *answers = ANSWERS[index]
        finish_with(app, workshop["code"], tuple(answers), name=name, consent=index < consenting)
    rows = individual_rows(lead.dashboard(workshop))
    assert len(rows) == 3
    assert any("(" in row for row in rows) is names_shown


def test_pseudonyms_stay_when_more_people_finish(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    people = [join_and_answer(app, workshop["code"], index) for index in range(3)]
    with app.app_context():
        before = {m.assessment.public_id: m.tag for m in get_session().scalars(select(WorkshopMember))}
    assert sorted(before.values()) == [0, 1, 2]
    join_and_answer(app, workshop["code"], 0)
    with app.app_context():
        after = {m.assessment.public_id: m.tag for m in get_session().scalars(select(WorkshopMember))}
    assert {k: after[k] for k in before} == before
    assert len(set(after.values())) == 4
    assert people


def test_closing_asks_first_freezes_the_figures_and_can_be_undone(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    for index in range(3):
        join_and_answer(app, workshop["code"], index)
    late = Participant(app.test_client())
    assert late.join(workshop["code"]).status_code == 303

    confirm = lead.get(f"{workshop['base']}/schliessen")
    assert "Jetzt zählen 3 Personen" in confirm.text
    assert "1 Person ist noch nicht fertig" in confirm.text
    assert lead.submit(f"{workshop['base']}/schliessen", {}).status_code == 303
    frozen = lead.dashboard(workshop)
    assert 'id="frozen"' in frozen
    assert "Die Zahlen ändern sich" not in frozen

    late.answer(*ANSWERS[0][2:])  # finishes after closing: changes nothing

    def figures(page: str) -> str:
        return re.sub(r'name="csrf_token"[^>]*>', "", page[page.index('id="participation"'):page.index('id="manage"')])

    assert figures(lead.dashboard(workshop)) == figures(frozen)

    response = lead.submit(f"{workshop['base']}/wieder-oeffnen", {}, form_url=workshop["dashboard"])
    assert response.status_code == 303
    reopened = lead.dashboard(workshop)
    assert 'data-figure="completed">4<' in reopened
    code = re.search(r'class="join-code">([^<]+)<', reopened)
    assert code is not None
    assert Participant(app.test_client()).join(code.group(1)).status_code == 303


def test_a_typed_sheet_can_be_corrected_and_deleted(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    url = f"{workshop['base']}/papier"
    sheet = {"organisation_name": "Jobcenter Süd", "q_org_type": "wohlfahrt", "q_web": "ja", "q_messenger": "nein",
             "q_sprachen": "2", "q_partner": ["kommune"], "q_absprachen": "ja"}
    assert lead.submit(url, sheet).status_code == 303
    page = lead.get(url).text
    assert re.search(r'<span class="question__number">\d+\.\d+</span>', page)  # hints refer to numbers
    edit = re.search(r'href="(/workshop/[^"]+/papier/[^"/]+)"', page)
    assert edit is not None
    assert lead.submit(edit.group(1), {**sheet, "q_web": "nein"}).status_code == 303
    with app.app_context():
        (member,) = get_session().scalars(select(WorkshopMember))
        assert member.assessment.answers["web"] == "nein"
    report = re.search(r'href="(/workshop/[^"]+/papier/[^"]+/bericht\.pdf)"', page)
    assert report is not None
    pdf = lead.download(report.group(1))
    assert pdf.status_code == 200
    assert pdf.mimetype == "application/pdf"
    from pypdf import PdfReader

    cover = PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert "Jobcenter Süd" in cover  # the sheet's own report
    assert app.test_client().get(report.group(1)).status_code == 404  # only for the facilitator
    delete_url = edit.group(1) + "/loeschen"
    assert lead.submit(delete_url, {}, form_url=url).status_code == 303
    assert count(app, WorkshopMember) == 0
    assert count(app, Assessment) == 0


def test_medians_use_the_languages_decimal_sign(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    for index in (0, 1, 2, 1):  # digital access: 67, 0, 17, 0
        join_and_answer(app, workshop["code"], index)
    page = lead.dashboard(workshop)
    assert "<td>8,5</td>" in page
    assert "Median 8,5" in page  # the chart's text alternative too
    assert "8.5" not in re.sub(r"<svg.*?</svg>", "", page, flags=re.S)  # coordinates may use a point


def test_answer_tables_follow_the_scale_not_the_count(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    for index in (1, 2, 0):  # web: nein, nein, ja
        join_and_answer(app, workshop["code"], index)
    page = lead.dashboard(workshop)
    agenda = page[page.index('id="agenda"'):page.index('id="blend"')]
    item = agenda[agenda.index("Gibt es Übersetzungen Ihrer Website"):]
    table = item[:item.index("</table>")]
    assert table.index("<td>Ja</td>") < table.index("<td>Nein</td>")  # the form's order: Ja, Teilweise, Nein


def test_the_group_profile_chart_has_one_dot_per_counted_person(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    for index in range(2):
        join_and_answer(app, workshop["code"], index)
    assert "group-blend-chart" not in lead.dashboard(workshop)  # below k: no chart
    join_and_answer(app, workshop["code"], 2)
    page = lead.dashboard(workshop)
    chart = re.search(r'<svg[^>]*class="group-blend-chart".*?</svg>', page, re.S)
    assert chart is not None
    dots = re.findall(r'<circle[^>]*r="6" fill="#2f5d7c" stroke', chart.group(0))
    assert len(dots) == 3
    assert "Ein Punkt je Person." in chart.group(0)
    assert "„Blended“ heißt: Digitale und persönliche Angebote greifen ineinander." in page  # jargon explained


def test_exports_hold_the_groups_aggregates_and_respect_k(app: Any) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    lead = Facilitator(app.test_client())
    workshop = lead.create()
    for index in range(2):
        join_and_answer(app, workshop["code"], index)
    page = lead.dashboard(workshop)
    assert "export/verteilung.csv" not in page  # below k only participation can be exported
    assert lead.get(f"{workshop['base']}/export/verteilung.csv").status_code == 404
    join_and_answer(app, workshop["code"], 2)
    lead.submit(f"{workshop['base']}/konsens/web", {"q_web": "teilweise", "note": "=HYPERLINK(\"x\")"})
    page = lead.dashboard(workshop)
    link = re.search(r'href="(/workshop/[^"]+/export/tagesordnung\.csv)"', page)
    assert link is not None
    response = lead.get(link.group(1))
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Frage", "Text"]
    assert any("Gibt es Übersetzungen Ihrer Website" in row[1] for row in rows[1:])
    agreements = list(csv.reader(io.StringIO(
        lead.get(f"{workshop['base']}/export/einigungen.csv").data.decode("utf-8-sig")), delimiter=";"))
    assert agreements[1][2] == "Teilweise"
    assert agreements[1][3].startswith("'=")  # a note never becomes a spreadsheet formula

    book = load_workbook(io.BytesIO(lead.get(f"{workshop['base']}/export.xlsx").data))
    assert book.sheetnames == ["Beteiligung", "Einigungen", "Verteilung je Thema", "Tagesordnung",
                               "Blended-Profile", "Gemeinsame Empfehlungen", "Partnerschaften"]
    values = [cell.value for row in book["Partnerschaften"].iter_rows() for cell in row]
    assert "Weitere Arten zusammen (3)" in values
    assert all("(1)" not in str(value) for value in values)
    text = " ".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row)
    assert "Caritas Nord" not in text
    assert "Person A" not in text


def test_the_presenter_view_goes_screen_by_screen_and_refreshes_while_open(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    join_and_answer(app, workshop["code"], 0)
    first = lead.get(f"{workshop['base']}/praesentation/").text
    assert 'data-refresh="30"' in first  # reloads itself (with a pause button) while the workshop is open
    assert "Zahlen aktualisieren" in first  # and by hand, without JavaScript
    assert "Teil 1 von 1" in first  # below k: participation only
    assert lead.get(f"{workshop['base']}/praesentation/2").status_code == 404
    for index in (1, 2):
        join_and_answer(app, workshop["code"], index)
    page = lead.get(f"{workshop['base']}/praesentation/").text
    found = re.search(r"Teil 1 von (\d+)", page)
    assert found is not None, page[:3000]
    total = int(found.group(1))
    seen = []
    explained = []
    url = f"{workshop['base']}/praesentation/"
    while True:  # follow "Weiter" as a facilitator would
        screen = lead.get(url).text
        seen.append(re.search(r"<h1>([^<]+)", screen).group(1))
        explained.append('id="blend-explained"' in screen)
        following = re.search(r'rel="next" href="([^"]+)"', screen)
        if following is None:
            break
        url = following.group(1)
    assert len(seen) == total
    assert seen[:3] == ["Beteiligung", "Verteilung je Thema", "Blended-Profile der Gruppe"]
    assert explained[:3] == [False, False, True]  # the profile screen says what "Blended" means
    assert sum(title.startswith("Frage ") for title in seen) >= 1  # one screen per agenda item
    assert 'rel="prev"' in screen
    assert app.test_client().get(f"{workshop['base']}/praesentation/").status_code == 404  # leaders only
    lead.submit(f"{workshop['base']}/schliessen", {})
    assert "data-refresh" not in lead.get(f"{workshop['base']}/praesentation/").text
