"""The workshop time plan: built from the agenda, adds up to the chosen length, breaks from 2.5 h on."""

from __future__ import annotations

from dataclasses import replace

import pytest

from selfcheck.presenter.group import SESSION_LENGTHS, AgendaItemView, GroupView, time_plan


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def view_with(agenda_size: int) -> GroupView:
    item = AgendaItemView(id="q", number="2.1", text="Eine Frage", dimension="Thema", divergence=80, spread=50,
                          answered=5, unknown=0, counts=(), prompts=(), consensus=None, individual=())
    base = GroupView(ruleset=None, title="W", municipality="M", held_on=None, min_group_size=3, joined=5,  # type: ignore[arg-type]
                     completed=5, paper=0, in_progress=0, too_few_answers=0, frozen=False, min_answered=50,
                     group_visible=True, missing_for_group=0, individual_all=True, individual_people=(),
                     individual_hidden=0, dimension_titles=(), individual_scores=())
    return replace(base, agenda=tuple(replace(item, id=f"q{i}", number=f"2.{i}") for i in range(agenda_size)))


@pytest.mark.parametrize("length", SESSION_LENGTHS)
@pytest.mark.parametrize("agenda_size", [0, 1, 5])
def test_the_plan_fills_the_session_without_gaps(length: int, agenda_size: int) -> None:
    plan = time_plan(view_with(agenda_size), length, "de")
    assert plan[0].start == "0:00"
    assert minutes(plan[-1].end) == length
    assert all(a.end == b.start for a, b in zip(plan, plan[1:], strict=False))
    assert all(minutes(p.end) > minutes(p.start) for p in plan)
    assert any(p.title == "Pause" for p in plan) is (length >= 150)
    discussed = [p for p in plan if p.title.startswith("Frage ")]
    assert len(discussed) == agenda_size
    assert all(minutes(p.end) - minutes(p.start) >= 10 for p in discussed)


def test_the_plan_speaks_english() -> None:
    plan = time_plan(view_with(2), 120, "en")
    assert plan[-1].title == "Closing: next steps and next meeting"
    assert "Discuss question 2.0 and record the agreement" in [p.title for p in plan]
