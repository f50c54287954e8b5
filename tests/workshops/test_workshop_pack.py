"""The workshop pack PDF: agenda, profile, recommendations, worksheets and the paper form."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader
from test_workshop_flow import join_and_answer

from tests.support.workshopflow import Facilitator

pytestmark = pytest.mark.database


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def test_pack_pdf_has_title_agenda_worksheets_and_paper_form(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create(title="Werkstatt Übergänge Köln")
    for index in range(3):
        join_and_answer(app, workshop["code"], index)
    response = lead.download(f"{workshop['base']}/paket.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    assert reader.metadata.title == "Workshop-Paket: Werkstatt Übergänge Köln"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged PDF
    assert reader.trailer["/Root"]["/Lang"] == "de"
    text = " ".join(pdf_text(response.data).split())
    assert "Werkstatt Übergänge Köln" in text
    assert "Musterstadt" in text
    # The divergent items are on the agenda, with their prompts.
    assert "Tagesordnung" in text
    assert "Gibt es Übersetzungen Ihrer Website für Geflüchtete?" in text
    assert "Fragen für das Gespräch" in text
    # Group profile, shared recommendations and worksheets.
    assert "Verteilung der Punktzahlen" in text or "Punktzahlen je Thema" in text
    assert "Messenger anbieten" in text
    assert "Arbeitsblatt Aktionsplan" in text
    # The blank questionnaire for latecomers, from the same rule set.
    assert "Mit wem arbeiten Sie regelmäßig zusammen?" in text
    # No individual answers and no organisation names without consent in print.
    assert "Verein Brücke" not in text
    assert "Caritas Nord" not in text


def test_pack_before_enough_answers_says_so(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create(title="Frühe Runde")
    join_and_answer(app, workshop["code"], 0)
    response = lead.download(f"{workshop['base']}/paket.pdf")
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data).split())
    assert "sobald mindestens 3 Teilnehmende fertig sind" in text
    assert "Gibt es Übersetzungen" in text  # only in the paper questionnaire
    assert "Arbeitsblatt Aktionsplan" in text


def test_pack_needs_the_facilitator_session(app: Any) -> None:
    lead = Facilitator(app.test_client())
    workshop = lead.create()
    assert app.test_client().get(f"{workshop['base']}/paket.pdf").status_code == 404


def test_pack_pages_read_well_in_print(app: Any) -> None:
    """Running headers name their own part, no page holds only "Notizen", the English pack has an
    English file name, and the chart has a legend."""
    lead = Facilitator(app.test_client())
    workshop = lead.create(title="Werkstatt")
    for index in range(3):
        join_and_answer(app, workshop["code"], index)
    response = lead.download(f"{workshop['base']}/paket.pdf")
    reader = PdfReader(io.BytesIO(response.data))
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    paper = [i for i, text in enumerate(pages) if "Angaben zum Ausfüllen" in text]  # the questionnaire's cover
    assert paper
    for text in pages[paper[0]:]:
        assert "Arbeitsblatt Aktionsplan" not in text  # the worksheets' header stops with them
    for text in pages:
        words = text.replace("Notizen", "").split()
        assert len(words) > 12, f"a page with (almost) nothing but notes: {text!r}"
    assert "eine Person" in " ".join(pages)  # the chart's legend
    english = lead.download(f"{workshop['base']}/paket.pdf?lang=en")
    assert 'filename="workshop-pack.pdf"' in english.headers["Content-Disposition"]


def test_pack_options_from_the_dashboard_form_and_the_a3_poster(app: Any) -> None:
    from tests.support.formclient import rendered_form

    lead = Facilitator(app.test_client())
    workshop = lead.create(title="Werkstatt")
    for index in range(3):
        join_and_answer(app, workshop["code"], index)
    lead.submit(f"{workshop['base']}/konsens/web", {"q_web": "teilweise", "note": "Mit der Stadt übersetzen"})
    page = lead.dashboard(workshop)
    form = rendered_form(page, {"minutes", "time_plan"})
    assert form.method == "get"
    assert form.action.endswith("/paket.pdf")
    # As a facilitator would: keep the time plan at 3 hours, leave out the blank questionnaire.
    response = lead.download(form.action, query_string={"minutes": "180", "time_plan": "y", "agreements": "y",
                                                   "worksheets": "y"})
    assert response.status_code == 200
    text = " ".join(pdf_text(response.data).split())
    assert "Zeitplan für 3 Stunden" in text
    assert "0:00–0:10" in text
    assert "2:50–3:00" in text
    assert "Alle Einigungen auf einen Blick" in text
    assert "Mit der Stadt übersetzen" in text  # the agreement, on its summary page and worksheet
    assert "Einigung der Gruppe: Teilweise" in text
    assert "Angaben zum Ausfüllen" not in text  # no blank questionnaire
    default = " ".join(pdf_text(lead.download(form.action).data).split())
    assert "Zeitplan für 2,5 Stunden" in default
    assert "Angaben zum Ausfüllen" in default
    assert lead.get(form.action, query_string={"minutes": "999"}).status_code == 400

    poster = lead.download(f"{workshop['base']}/plakat.pdf")
    assert poster.status_code == 200
    reader = PdfReader(io.BytesIO(poster.data))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert round(width / 72 * 25.4) == 420
    assert round(height / 72 * 25.4) == 297
    assert "Ergebnisplakat" in pdf_text(poster.data)


def test_pack_table_headers_have_a_scope_and_text(app: Any) -> None:
    """PDF/UA: every TH says whether it heads a column or a row (WeasyPrint leaves /Scope out;
    reports.pdf adds it from the scope attribute), and none is empty."""
    from tests.support.pdftags import structure_tree

    lead = Facilitator(app.test_client())
    workshop = lead.create(title="Werkstatt")
    for index in range(3):
        join_and_answer(app, workshop["code"], index)
    response = lead.download(f"{workshop['base']}/paket.pdf")
    assert response.headers["Content-Language"] == "de"
    headers = [e for e in structure_tree(response.data, with_text=True).walk() if e.kind == "TH"]
    assert headers
    assert [h.text for h in headers if "/Scope" not in h.attributes] == []
    assert [h.attributes for h in headers if not h.text.strip()] == []
    scopes = {str(h.attributes["/Scope"]) for h in headers}
    assert scopes == {"/Column", "/Row"}  # the profile tables have row headers
