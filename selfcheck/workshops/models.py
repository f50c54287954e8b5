"""Workshop tables, on the same declarative Base as the assessments.

A workshop links several ordinary assessments. Only the random ``public_id`` appears in
URLs; the facilitator token and the join code are stored only as sha256 hashes. Deleting
an assessment (the participant's "Meine Daten löschen") removes its membership with it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..models import Assessment, Base, utcnow

TITLE_MAX = 200
MUNICIPALITY_MAX = 200
NOTE_MAX = 2000
DEFAULT_MIN_GROUP_SIZE = 3


class Workshop(Base):
    """A group session of a municipality: facilitated, joined with a short code."""

    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    municipality: Mapped[str] = mapped_column(String(MUNICIPALITY_MAX))
    held_on: Mapped[date | None] = mapped_column(Date)
    # Individual answers are shown to the group only from this many completed members on
    # (or with the member's consent).
    min_group_size: Mapped[int] = mapped_column(Integer, default=DEFAULT_MIN_GROUP_SIZE)
    facilitator_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Raised with a new facilitator link: browsers that opened the old one lose access.
    access_epoch: Mapped[int] = mapped_column(Integer, default=0)
    join_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    ruleset_id: Mapped[str] = mapped_column(String(100))
    ruleset_version: Mapped[str] = mapped_column(String(50))
    ruleset_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    members: Mapped[list[WorkshopMember]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", passive_deletes=True, order_by="WorkshopMember.id"
    )
    consensus: Mapped[list[ConsensusAnswer]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", passive_deletes=True
    )


class WorkshopMember(Base):
    """One participant's assessment in a workshop, typed in online or from paper."""

    __tablename__ = "workshop_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), unique=True)
    # "online" (joined with the code) or "paper" (typed in by the facilitator).
    source: Mapped[str] = mapped_column(String(10), default="online")
    # May the group see this member's individual answers (and organisation name)?
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    # The pseudonym ("Person C"): drawn at random from the free ones when joining, so it never
    # changes and does not reveal the joining order.
    tag: Mapped[int] = mapped_column(Integer, default=0)
    # When the workshop is closed: the answers that count, frozen. None: not counted while closed.
    frozen_answers: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    workshop: Mapped[Workshop] = relationship(back_populates="members")
    assessment: Mapped[Assessment] = relationship()


class ConsensusAnswer(Base):
    """The answer the group agreed on for one question, with a note from the discussion."""

    __tablename__ = "workshop_consensus"
    __table_args__ = (UniqueConstraint("workshop_id", "question_id", name="uq_workshop_consensus_question"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[str] = mapped_column(String(100))
    # The agreed answer in the shape of assessment answers (option id, list, number,
    # "unknown"), or None when only a note was taken.
    answer: Mapped[Any] = mapped_column(JSON, nullable=True)
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    workshop: Mapped[Workshop] = relationship(back_populates="consensus")
