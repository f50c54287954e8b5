"""Database tables (SQLAlchemy 2.0 typed models). Tables only: every change goes through the ``services`` package.

Answers are JSON keyed by question id, so researchers can add questions without a migration.
``Assessment.id`` is internal (workshop tables reference it); only the random
``public_id`` is ever used outside the database.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, LargeBinary, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Assessment(Base):
    """One organisation's run through the self-check, pinned to the rule set it was started with."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    organisation_name: Mapped[str | None] = mapped_column(String(200))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Bumped on every saved change: part of the PDF cache key.
    answers_revision: Mapped[int] = mapped_column(Integer, default=0)
    # Index of the furthest step that may be opened (0 = profile; len(steps) = review).
    furthest_step: Mapped[int] = mapped_column(Integer, default=0)
    ruleset_id: Mapped[str] = mapped_column(String(100))
    ruleset_version: Mapped[str] = mapped_column(String(50))
    ruleset_hash: Mapped[str] = mapped_column(String(64))
    # Keyed digests (HMAC-SHA256, services.digests) of the resume link token and of the normalised
    # resume code; never the secrets.
    resume_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Raised when new resume secrets are issued: a browser session holds the epoch it was opened
    # with, so sessions opened with the old link or code stop working.
    access_epoch: Mapped[int] = mapped_column(Integer, default=0)
    # The respondent agreed that their answers may be used for research without their name
    # (export, peer comparison); changeable on the results page.
    research_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class RateLimitHit(Base):
    """One counted attempt. ``bucket`` is a keyed digest of scope and client, never a raw address."""

    __tablename__ = "rate_limit_hits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class RuleSnapshot(Base):
    """A rule set as it was published to respondents, kept by content hash and never changed, so a
    finished assessment's result and report can be reproduced with the rules it was answered with."""

    __tablename__ = "rule_snapshots"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    ruleset_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(50))
    files: Mapped[dict[str, str]] = mapped_column(JSON)  # rule file name -> its text
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ResearchRecord(Base):
    """What stays of a finished assessment whose respondent agreed to research use, once the
    assessment itself expires: answers without name, coarse date, rules, organisation type."""

    __tablename__ = "research_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[str] = mapped_column(String(32), unique=True)  # random, not the assessment's id
    completed_month: Mapped[str] = mapped_column(String(7))  # "2026-11"
    ruleset_id: Mapped[str] = mapped_column(String(100))
    ruleset_version: Mapped[str] = mapped_column(String(50))
    ruleset_hash: Mapped[str] = mapped_column(String(64))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class RenderedFile(Base):
    """A finished PDF, stored where every web host finds it.

    ``key`` is the digest of everything the file depends on (``rendering.file_key``). The owner
    columns reference the assessment or workshop it belongs to, so deleting those deletes their
    files in the same transaction. Only the newest file per owner and ``slot`` (kind and
    language) is kept.
    """

    __tablename__ = "rendered_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    slot: Mapped[str] = mapped_column(String(40), index=True)  # "report:de", "pack:en", ...
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"), index=True)
    workshop_id: Mapped[int | None] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
