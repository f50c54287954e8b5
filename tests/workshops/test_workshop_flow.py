"""The whole workshop through the test client, with CSRF on: create, join, answer, discuss."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.support.workshopflow import Client, Facilitator, Participant

pytestmark = pytest.mark.database

# Three participants who disagree on the website question and agree on the messenger.
ANSWERS: list[tuple[str, bool, dict[str, Any], dict[str, Any], dict[str, Any]]] = [
    (
        "Stadt Musterstadt",
        False,
        {"org_type": "kommune"},
        {"web": "ja", "messenger": "nein", "sprachen": "5"},
        {"partner": ["wohlfahrt", "migrantenorganisation"], "absprachen": "ja", "ansprechperson": "ja"},
    ),
    (
        "Caritas Nord",
        True,
        {"org_type": "wohlfahrt"},
        {"web": "nein", "messenger": "nein", "sprachen": "1"},
        {"partner": ["kommune"], "absprachen": "nein"},
    ),
    (
        "Verein Brücke",
        False,
        {"org_type": "migrantenorganisation"},
        {"web": "nein", "messenger": "nein", "sprachen": "3"},
        {"partner": ["kommune", "wohlfahrt"], "absprachen": "teilweise"},
    ),
]


def cookie_text(value: str) -> str:
    """What a Flask session cookie carries, as anyone holding it can read it."""
    import base64
    import zlib

    body = value.lstrip(".").split(".")[0]
    data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    return (zlib.decompress(data) if value.startswith(".") else data).decode("utf-8", "replace")


def join_and_answer(app: Any, code: str, index: int) -> Participant:
    name, consent, profile, digital, partnership = ANSWERS[index]
    person = Participant(app.test_client())
    response = person.join(code, organisation_name=name, consent=consent)
    assert response.status_code == 303
    assert response.location.endswith("/zugang")
    assert "fortsetzen/" in person.get("/zugang").text  # the normal resume link is shown once
    person.answer(profile, digital, partnership)
    return person


def test_full_workshop_with_three_participants(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create(title="Runder Tisch Integration Süd")

    page = lead.dashboard(workshop)
    assert "Runder Tisch Integration Süd" in page
    assert 'data-figure="joined">0<' in page

    join_and_answer(app, workshop["code"], 0)
    # A participant that joined but did not finish is counted, not evaluated.
    unfinished = Participant(app.test_client())
    assert unfinished.join(workshop["code"].lower().replace("-", " ")).status_code == 303
    page = lead.dashboard(workshop)
    assert 'data-figure="joined">2<' in page
    assert 'data-figure="completed">1<' in page
    assert 'id="group-hidden"' in page

    join_and_answer(app, workshop["code"], 1)
    join_and_answer(app, workshop["code"], 2)
    page = lead.dashboard(workshop)
    assert 'data-figure="joined">4<' in page
    assert 'data-figure="completed">3<' in page
    assert 'data-figure="in-progress">1<' in page
    assert 'id="group-hidden"' not in page

    # Distribution chart: an accessible SVG with one dot per person and row, and a table.
    chart = re.search(r"<svg[^>]*distribution-chart.*?</svg>", page, re.S)
    assert chart is not None
    assert 'role="img"' in chart.group(0)
    assert chart.group(0).count("<circle") == 3 * 2 + 1  # three people, two dimensions, the legend's dot
    assert "Median" in chart.group(0)
    assert "eine Person" in chart.group(0)  # the legend

    # The agenda starts with the question where answers diverge most; prompts come with it.
    agenda = page[page.index('id="agenda"'):page.index('id="blend"')]
    assert "Gibt es schriftliche Absprachen" in agenda or "Übersetzungen" in agenda
    assert "Was müsste passieren, damit alle „Ja“ sagen können?" in agenda
    assert "Können Menschen Sie über einen Messenger erreichen?" not in agenda  # everybody said "Nein"

    # The messenger recommendation fires for all three, the website one for two of three.
    blend = page[page.index('id="blend"'):page.index('id="recommendations"')]
    assert "Gemeinsames Profil der Gruppe:" in blend
    profile_line = blend[blend.index('class="group-blend"'):blend.index("</p>", blend.index('class="group-blend"'))]
    assert profile_line.count("Median") == 2  # one median per blend axis

    recommendations = page[page.index('id="recommendations"'):page.index('id="partnerships"')]
    assert "Messenger anbieten" in recommendations
    assert "gilt für 3 von 3 Teilnehmenden" in recommendations
    assert "Website übersetzen lassen" in recommendations

    # Partnership matrix: three types of one organisation each would each be one organisation's
    # row ("Kommune (1)"), so they are pooled, and counts below k show as "< 3".
    matrix = page[page.index('class="matrix"'):page.index("</table>", page.index('class="matrix"'))]
    assert "(1)" not in matrix
    assert "Antwortende: Weitere Arten zusammen (3)" in matrix
    cells = re.findall(r"<td>([^<]*)</td>", matrix)
    assert cells
    assert set(cells) <= {"0", "3", "&lt; 3"}
    # kommune is named by two of the three (welfare, migrant organisation): fewer than k
    assert re.search(r'<th scope="row">Kommune[^<]*</th><td>&lt; 3</td>', matrix)

    # Three finished: individual rows are shown under pseudonyms. One of three consented, but
    # her name next to two unnamed rows would narrow them down to the other two: no names.
    individual = page[page.index('id="individual"'):page.index('id="manage"')]
    assert "Person A" in individual
    assert "Caritas Nord" not in individual
    assert "Stadt Musterstadt" not in page
    assert "Verein Brücke" not in page


def test_facilitator_link_is_swapped_for_a_session_and_the_url_cleaned(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    other_device = Client(app.test_client())
    assert other_device.get(workshop["dashboard"]).status_code == 404
    response = other_device.get(workshop["link"])
    assert response.status_code == 303
    assert response.location.endswith(workshop["dashboard"])
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert other_device.get(workshop["dashboard"]).status_code == 200
    forged = Client(app.test_client()).get("/workshop/leiten/" + "x" * 43)
    assert forged.status_code == 404
    assert "Dieser Link gilt nicht" in forged.text


def test_renewed_facilitator_link_replaces_the_old_one(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    colleague = Client(app.test_client())  # opened the old link earlier: a session of its own
    assert colleague.get(workshop["link"]).status_code == 303
    assert colleague.get(workshop["dashboard"]).status_code == 200
    response = lead.submit(f"{workshop['base']}/zugang", {"renew": "link"})
    assert response.status_code == 303
    page = lead.get(f"{workshop['base']}/zugang").text
    new_link = re.search(r'href="http://localhost(/workshop/leiten/[^"]+)"', page)
    assert new_link
    assert new_link.group(1) != workshop["link"]
    assert Client(app.test_client()).get(workshop["link"]).status_code == 404
    assert Client(app.test_client()).get(new_link.group(1)).status_code == 303
    assert colleague.get(workshop["dashboard"]).status_code == 404  # the old link's session is revoked
    assert lead.get(workshop["dashboard"]).status_code == 200  # the browser that renewed stays in
    # The join code that lets the poster be printed again travels sealed in the cookie.
    cookie = lead.client.get_cookie("session").value
    assert workshop["code"].replace("-", "") not in cookie_text(cookie)


def test_poster_shows_code_and_local_qr_svg(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    page = lead.get(f"{workshop['base']}/aushang")
    assert page.status_code == 200
    assert workshop["code"] in page.text
    assert re.search(r'<svg role="img" aria-label="QR-Code[^"]*"', page.text)
    assert "http://" not in page.text.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_wrong_code_is_refused_and_rate_limited(app_factory: Any) -> None:
    app = app_factory(RATE_LIMITS={"workshop_join": {"limit": 3}})
    person = Participant(app.test_client())
    for _ in range(3):
        response = person.join("ZZZ-ZZZ")
        assert response.status_code == 422
        assert "Diesen Code kennen wir nicht" in response.text
    assert person.join("ZZZ-ZZZ").status_code == 429


def test_create_form_errors_are_listed_and_nothing_is_lost(app: Any) -> None:
    lead = Facilitator(app.test_client())
    response = lead.submit(
        "/workshop/neu", {"title": "", "municipality": "Ämterstadt", "held_on": "gestern"}, form_url="/workshop/"
    )
    assert response.status_code == 422
    assert 'class="error-summary"' in response.text
    assert 'href="#title"' in response.text
    assert 'href="#held_on"' in response.text
    assert 'value="Ämterstadt"' in response.text


def consent_box(html: str) -> str:
    found = re.search(r'<input[^>]*id="consent"[^>]*>', html)
    assert found
    return found.group(0)


def test_consent_can_be_changed_by_the_participant(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    person = Participant(app.test_client())
    person.join(workshop["code"], organisation_name="Initiative Ö")
    page = person.get("/workshop/einwilligung")
    assert page.status_code == 200
    assert "checked" not in consent_box(page.text)
    assert person.submit("/workshop/einwilligung", {"consent": "y"}).status_code == 303
    assert "checked" in consent_box(person.get("/workshop/einwilligung").text)
    assert person.submit("/workshop/einwilligung", {}).status_code == 303
    assert "checked" not in consent_box(person.get("/workshop/einwilligung").text)
    assert Client(app.test_client()).get("/workshop/einwilligung").status_code == 404
