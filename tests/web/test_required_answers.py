"""The organisation type is required: the check cannot tailor anything without it."""

from __future__ import annotations

from typing import Any

from tests.support.webflow import Browser


def test_the_profile_step_refuses_a_missing_organisation_type(app_factory: Any, real_rules_dir: Any) -> None:
    browser = Browser(app_factory(rules_dir=real_rules_dir).test_client())
    browser.start("Verein ohne Angabe")
    page = browser.get("/schritt/1")
    assert 'value="unknown"' not in page.text.split('name="q_filled_by"', 1)[0].rsplit("<fieldset", 1)[-1]
    refused = browser.step(1, {"org_size": "bis_10", "filled_by": "allein"})
    assert refused.status_code == 422
    assert "Bitte wählen Sie eine Antwort. Ohne sie kann der Check nicht passend auswerten." in refused.text
    assert 'value="bis_10" checked' in refused.text or "bis_10" in refused.text  # nothing typed is lost
    assert browser.get("/schritt/2").status_code == 303  # not saved: step 2 is not reachable yet
    accepted = browser.step(1, {"org_type": "wohlfahrt", "org_size": "bis_10", "filled_by": "allein"})
    assert accepted.status_code == 303
    assert accepted.location.endswith("/schritt/2")


def test_who_fills_in_the_check_offers_no_dont_know(real_ruleset: Any) -> None:
    assert real_ruleset.question("org_type").required
    assert not real_ruleset.question("org_type").unknown
    assert not real_ruleset.question("filled_by").unknown
