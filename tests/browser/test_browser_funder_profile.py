"""A foundation goes through the whole check in Chromium and reads the profile written for funders
(rule set 2027.1): no questions about its own client channels, its own axes, "knapp" near the cut."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.browser.test_browser_layout_and_nojs import assert_no_horizontal_scrolling
from tests.browser.test_browser_results_phone import DESKTOP, PHONE
from tests.support.browser_driver import (
    answer_all_steps,
    axe_violations,
    default_answer,
    describe_violations,
    finish,
    start_check,
)

pytestmark = pytest.mark.browser

CLIENT_CHANNEL_QUESTIONS = {"d1_digitale_wege", "d1_verweiswege", "d2_kanaele_erreichbar", "d2_sprachen_abgedeckt",
                            "d8_uebergaenge"}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_foundation_reads_its_funder_profile(new_context: Any, live_server: Any, size: str, tmp_path: Path) -> None:
    ruleset = live_server.ruleset
    example = yaml.safe_load((ruleset.path / "examples" / "stiftung_foerdert_verbunden_knapp.yaml").read_text())
    answers = example["answers"]

    def choose(question: Any) -> Any:
        return answers.get(question.id, default_answer(question))

    page = new_context(**(PHONE if size == "phone" else DESKTOP)).new_page()
    start_check(page, "Bürgerstiftung Beispielregion")
    asked = {qid for step in answer_all_steps(page, ruleset, choose).values() for qid in step}
    assert "d7_foerderung_digital_betrieb" in asked
    assert not asked & CLIENT_CHANNEL_QUESTIONS, "a funder was asked about its own client channels"
    finish(page)

    profile = page.locator("section[aria-labelledby='blend']")
    assert profile.locator(".profile-type").inner_text() == "Fördert beides und verbindet es (knapp)"
    close = profile.locator(".profile-close").inner_text()
    assert close.startswith("Knapp: „Förderung digitaler Angebote“ liegt nahe an der Grenze von 50.")
    assert "„Fördert vor allem vor Ort“" in close
    axes = profile.locator(".blend-axes").inner_text()
    for label in ("Förderung digitaler Angebote", "Förderung der Arbeit vor Ort", "Förderung der Verzahnung"):
        assert label in axes
    assert "Digitale Angebote:" not in axes
    if size == "phone":
        assert_no_horizontal_scrolling(page)
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    shots = Path(os.environ.get("SELFCHECK_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"funder-profile-{size}.png"), full_page=True)
