"""What a render job is: the HTML to print, its stylesheet, and who the file belongs to."""

from __future__ import annotations

import enum
import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

from ..reports.version import TEMPLATE_VERSION

KINDS = ("report", "paper", "pack", "poster")
OWNER_KINDS = ("assessment", "workshop")


def file_key(*parts: object) -> str:
    """The digest of everything a file depends on; the template version is always part of it."""
    raw = json.dumps([TEMPLATE_VERSION, *parts], default=str, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class State(enum.Enum):
    READY = "ready"  # stored: a download is a read
    PENDING = "pending"  # queued or rendering
    FAILED = "failed"  # rendered twice without success
    UNKNOWN = "unknown"  # neither stored nor queued


class QueueUnavailable(RuntimeError):
    """The broker does not answer: the job could not be handed over."""


@dataclass(frozen=True)
class FileJob:
    """One PDF to make. Everything the worker needs travels with the job, so a worker needs no
    rule set and reads nothing but writes the finished file."""

    key: str
    kind: str
    lang: str
    html: str
    stylesheet: str
    owner_kind: str | None = None
    owner_id: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS or (self.owner_kind is not None and self.owner_kind not in OWNER_KINDS):
            raise ValueError(f"unknown file kind {self.kind!r} or owner {self.owner_kind!r}")

    @property
    def slot(self) -> str:
        """The owner keeps one file per slot: a newer one replaces the older."""
        return f"{self.kind}:{self.lang}"

    def payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> FileJob:
        fields: dict[str, Any] = {name: payload.get(name) for name in cls.__dataclass_fields__}
        return cls(**fields)
