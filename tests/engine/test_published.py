"""Published versions: a change needs a new version, and no stored answer is dropped silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfcheck.engine import load_ruleset
from selfcheck.engine.published import publish, version_key
from tests.support.rulekit import apply_edits, copy_minimal, only, problems_of

BUMP = ("ruleset.yaml", 'version: "1.0"', 'version: "1.1"')


@pytest.fixture
def published(tmp_path: Path) -> Path:
    folder = copy_minimal(tmp_path / "rules")
    publish(load_ruleset(folder), folder)
    return folder


def test_a_change_without_a_new_version_is_an_error(published: Path) -> None:
    apply_edits(published, ("dimensions.yaml", "Haben Sie ein Online-Angebot?", "Gibt es ein Online-Angebot?"))
    (problem,) = only(problems_of(published), "E150")
    assert "version 1.0 was published with other content" in problem.message
    apply_edits(published, BUMP)
    assert only(problems_of(published), "E150") == []


def test_a_version_is_published_once(published: Path, tmp_path: Path) -> None:
    other = apply_edits(copy_minimal(tmp_path / "other"),
                        ("dimensions.yaml", "Haben Sie ein Online", "Hat Ihre Organisation ein Online"))
    with pytest.raises(ValueError, match="raise the version"):
        publish(load_ruleset(other), published)
    assert publish(load_ruleset(published), published)[1] is False  # the same content: nothing to do


def test_a_dropped_question_needs_a_rename_or_a_retirement(published: Path) -> None:
    apply_edits(published, BUMP, ("dimensions.yaml", "      - id: web\n", "      - id: website\n"),
                ("recommendations.yaml", "points.web <= 1", "points.website <= 1"),
                ("recommendations.yaml", "or web is unknown", "or website is unknown"))
    (problem,) = only(problems_of(published), "E151")
    assert "question 'web' of version 1.0 is gone" in problem.message
    apply_edits(published, ("dimensions.yaml", "      - id: website\n",
                            "      - id: website\n        renamed_from: [web]\n"))
    assert only(problems_of(published), "E151") == []


def test_a_retired_question_is_a_decision_not_a_loss(published: Path) -> None:
    apply_edits(published, BUMP, ("dimensions.yaml", "      - id: web\n", "      - id: web_neu\n"),
                ("recommendations.yaml", "points.web <= 1", "points.web_neu <= 1"),
                ("recommendations.yaml", "or web is unknown", "or web_neu is unknown"),
                ("ruleset.yaml", "", "retired: [web]\n"))
    assert only(problems_of(published), "E151") == []


def test_a_dropped_option_needs_a_rename(published: Path) -> None:
    apply_edits(published, BUMP, ("ruleset.yaml", "{id: teilweise, label", "{id: zum_teil, label"))
    assert any("option 'teilweise'" in p.message for p in only(problems_of(published), "E151"))
    apply_edits(published, ("ruleset.yaml", "{id: zum_teil, label", "{id: zum_teil, renamed_from: [teilweise], label"))
    assert only(problems_of(published), "E151") == []


def test_versions_compare_as_numbers() -> None:
    assert version_key("2026.10") > version_key("2026.9")
