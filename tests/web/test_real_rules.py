"""One full check against the shipped rule set, answering every question that is asked."""

from __future__ import annotations

from typing import Any

from tests.support.webflow import Browser


def answer_for(question: Any, position: int) -> Any:
    """A plausible answer that varies with the question's position."""
    if question.type == "single":
        return question.options[position % len(question.options)].id
    if question.type == "multi":
        plain = [o.id for o in question.options if not o.exclusive]
        return plain[: 1 + position % 2]
    if question.type == "number":
        return str(question.min if question.min is not None else 1)
    return "Notiz zur Frage"


def test_full_flow_with_the_real_rules(app_factory: Any, real_rules_dir: Any, real_ruleset: Any) -> None:
    app = app_factory(rules_dir=real_rules_dir)
    browser = Browser(app.test_client())
    browser.start("Stadt Beispielhausen")
    answers: dict[str, Any] = {}
    number, posts = 1, 0
    while True:
        posts += 1
        assert posts < 60, "the questionnaire does not end"
        step = real_ruleset.steps[number - 1]
        in_step = {q.id for q in step.questions}
        asked = [q for q in real_ruleset.visible_questions(answers) if q.id in in_step]
        page = browser.get(f"/schritt/{number}")
        assert page.status_code == 200
        assert f"Schritt {number} von {len(real_ruleset.steps)}" in page.text
        step_answers = {q.id: answer_for(q, i) for i, q in enumerate(asked)}
        answers.update(step_answers)
        response = browser.step(number, step_answers)
        assert response.status_code == 303, response.text[:3000]
        if response.location.endswith("/uebersicht"):
            break
        number = int(response.location.rsplit("/", 1)[1])
    assert browser.submit("/uebersicht", {}).location.endswith("/ergebnis")
    result = browser.get("/ergebnis")
    assert result.status_code == 200
    for dimension in real_ruleset.dimensions:
        assert dimension.title.de in result.text
    assert "Warum sehe ich das?" in result.text
    assert f"Version {real_ruleset.version}" in result.text
