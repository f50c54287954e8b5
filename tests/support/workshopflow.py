"""Helpers for the workshop tests: browsers that post forms with their CSRF token."""

from __future__ import annotations

import re
from typing import Any

from tests.support.formclient import FormClient

Client = FormClient


class Facilitator(Client):
    def create(self, title: str = "Runder Tisch Integration", municipality: str = "Musterstadt",
               held_on: str = "2026-03-14", min_group_size: str = "") -> dict[str, str]:
        """Create a workshop; return its dashboard path, facilitator link path and join code."""
        response = self.submit(
            "/workshop/neu",
            {"title": title, "municipality": municipality, "held_on": held_on, "min_group_size": min_group_size},
            form_url="/workshop/",
        )
        assert response.status_code == 303, response.text[:3000]
        access = response.location
        page = self.get(access)
        link = re.search(r'href="http://localhost(/workshop/leiten/[^"]+)"', page.text)
        code = re.search(r'class="join-code">([A-Z0-9-]+)<', page.text)
        assert link, page.text
        assert code, page.text
        base = access.rsplit("/zugang", 1)[0]
        return {"dashboard": f"{base}/", "base": base, "link": link.group(1), "code": code.group(1)}

    def dashboard(self, workshop: dict[str, str]) -> str:
        page = self.get(workshop["dashboard"])
        assert page.status_code == 200
        return page.text


class Participant(Client):
    def join(self, code: str, organisation_name: str = "", consent: bool = False) -> Any:
        data: dict[str, Any] = {"code": code, "organisation_name": organisation_name}
        if consent:
            data["consent"] = "y"
        return self.submit("/workshop/beitreten", data)

    def step(self, number: int, answers: dict[str, Any]) -> Any:
        data = {f"q_{k}": v for k, v in answers.items()}
        return self.submit(f"/schritt/{number}", {**data, "action": "next"})

    def answer(self, profile: dict[str, Any], digital: dict[str, Any], partnership: dict[str, Any]) -> None:
        """Fill the three steps of the group rule set and confirm the review."""
        for number, answers in ((1, profile), (2, digital), (3, partnership)):
            response = self.step(number, answers)
            assert response.status_code == 303, (number, response.text[:3000])
        response = self.submit("/uebersicht", {})
        assert response.status_code == 303
        assert response.location.endswith("/ergebnis")
