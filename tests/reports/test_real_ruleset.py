"""One full report and questionnaire from the shipped rule set."""

from __future__ import annotations

import datetime
import io

from pypdf import PdfReader

from selfcheck.engine import evaluate, normalise_answers
from tests.support.reportcheck import pdf_text


def every_question_answered(ruleset, **given):
    """A plausible organisation that answers every question it is asked: the middle option,
    two choices, a small number, a sentence."""
    raw = {}
    for question in ruleset.questions:
        if question.type == "single":
            raw[question.id] = question.options[len(question.options) // 2].id
        elif question.type == "multi":
            raw[question.id] = [option.id for option in question.options if not option.exclusive][:2]
        elif question.type == "number":
            raw[question.id] = (question.min or 0) + 3
        else:
            raw[question.id] = "Größere Übergänge gelingen uns öfter."
    answers, _ = normalise_answers(ruleset, raw | given)
    return {q.id: answers[q.id] for q in ruleset.visible_questions(answers) if q.id in answers}


def test_full_report_and_paper_from_the_shipped_rules(real_ruleset, tmp_path):
    from selfcheck.reports import render_paper_pdf, render_report_pdf

    answers = every_question_answered(real_ruleset, org_type="kommune")
    result = evaluate(real_ruleset, answers)
    pdf = render_report_pdf(real_ruleset, result, answers=answers, organisation_name="Landkreis Östliche Aue",
                            lang="de", created=datetime.date(2026, 3, 5))
    text = pdf_text(pdf)
    assert "Landkreis Östliche Aue" in text
    for dimension in real_ruleset.dimensions:
        assert dimension.title.de in text
    assert len(result.next_steps) == 3
    summary = pdf_text(pdf, page=2)  # issue 4: chart, blend profile and the next steps on one page
    for heading in ("Auf einen Blick", "Ihr Blended-Profil", "Ihre nächsten Schritte"):
        assert heading in summary
    for dimension in real_ruleset.dimensions:
        assert dimension.title.de in summary
    for recommendation in result.next_steps:
        assert real_ruleset.recommendation(recommendation.id).title.de in summary
    # The action plan flows on after the gaps but is never split over two pages: its rows with
    # the next steps are there to write on.
    pages = [pdf_text(pdf, page=number) for number in range(1, len(PdfReader(io.BytesIO(pdf)).pages) + 1)]
    plan_page = next(page for page in pages if "Planen Sie hier Ihre nächsten Schritte" in page)
    assert "Bis wann" in plan_page
    for recommendation in result.next_steps:
        assert real_ruleset.recommendation(recommendation.id).title.de in plan_page
    paper = pdf_text(render_paper_pdf(real_ruleset, lang="de"))
    assert "Nur beantworten, wenn Sie bei Frage 1.1" in paper
    for question in real_ruleset.questions:
        assert question.text.de in paper


def test_no_page_but_the_last_is_left_nearly_empty(real_ruleset):
    """A fully answered check has a one-line gaps chapter: the action plan follows it on the same
    page instead of leaving a page with a heading and one sentence (header and footer are 12 words)."""
    from selfcheck.reports import render_report_pdf

    answers = every_question_answered(real_ruleset)
    result = evaluate(real_ruleset, answers)
    pdf = render_report_pdf(real_ruleset, result, answers=answers, organisation_name=None, lang="de",
                            created=datetime.date(2027, 1, 5))
    assert not result.knowledge_gaps
    words = [len(pdf_text(pdf, page=n).split()) for n in range(1, len(PdfReader(io.BytesIO(pdf)).pages))]
    assert min(words) >= 40, words


def test_the_source_list_names_only_what_the_report_cites(real_ruleset):
    """A report lists the themes' sources and those of the recommendations it shows, not the whole registry."""
    import yaml

    from selfcheck.presenter import present_result
    from selfcheck.reports.context import build_report_context

    example = yaml.safe_load((real_ruleset.path / "examples" / "kommune_klein_am_anfang.yaml").read_text())
    answers, _ = normalise_answers(real_ruleset, example["answers"])
    result = evaluate(real_ruleset, answers)
    view = present_result(real_ruleset, result, answers, "de")
    context = build_report_context(real_ruleset, result, answers=answers, organisation_name=None, lang="de",
                                   created=datetime.date(2027, 1, 5))
    listed = {s["title"] for s in context["sources"]}
    shown = [*view.next_steps, *(r for group in view.further for r in group.items), *view.knowledge]
    expected = {real_ruleset.sources[c.source_id].title for r in shown
                for c in real_ruleset.recommendation(r.id).sources if real_ruleset.sources[c.source_id].kind != "own"}
    expected |= {real_ruleset.sources[s].title for d in real_ruleset.dimensions for s in d.sources
                 if real_ruleset.sources[s].kind != "own"}
    assert expected <= listed
    hidden = {real_ruleset.sources[c.source_id].title for r in real_ruleset.recommendations
              for c in r.sources if real_ruleset.sources[c.source_id].kind != "own"} - expected
    assert hidden, "every source is cited by a shown recommendation: the test shows nothing"
    assert not listed & hidden
