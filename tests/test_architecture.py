"""House rules of the code base that a text scan can keep true (see README, "Aufbau")."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "selfcheck"


def sources(*, outside: str | None = None) -> dict[str, str]:
    return {
        str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
        if outside is None or path.relative_to(PACKAGE).parts[0] != outside
    }


def test_only_the_service_layer_commits() -> None:
    committing = [name for name, text in sources(outside="services").items() if re.search(r"\.commit\(\)", text)]
    assert committing == []
    assert any(".commit()" in text for text in sources().values()), "the scan must see the service layer's commits"


def test_the_environment_is_read_only_by_the_factory_and_config() -> None:
    readers = sorted(name for name, text in sources().items() if re.search(r"os\.environ|getenv\(", text))
    assert readers == ["app.py", "config.py"]


def test_no_eval_or_exec_anywhere() -> None:
    offenders = [name for name, text in sources().items() if re.search(r"(?<![\w.])(eval|exec)\(", text)]
    assert offenders == []
