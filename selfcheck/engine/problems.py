"""Problems found in rule files, examples and answers files."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``file:line: CODE message (hint)``; codes: docs/rules.md."""

    file: str
    line: int
    code: str
    message: str
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return not self.code.startswith("W")

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.code} {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class RuleSetError(Exception):
    """A rule set has errors; ``problems`` lists all of them (and the warnings)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.is_error]
        super().__init__(f"{len(errors)} problem(s) in the rule set:\n" + "\n".join(map(str, errors)))


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest known id, if one is close enough."""
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None
