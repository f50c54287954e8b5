"""Use cases that change the database: this package is the only place that commits.

This module holds the self-check's use cases; ``workshops`` holds the workshop mode's.

Every function takes the session explicitly and runs one transaction. Secrets (resume link
tokens and codes) are returned once to the caller and stored only as keyed digests (``digests``).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..engine.loader import rule_files
from ..models import Assessment, RateLimitHit, ResearchRecord, RuleSnapshot, utcnow
from .digests import digest, find_by_digest

if TYPE_CHECKING:
    from ..engine import RuleSet

# Unambiguous when read aloud or typed: no 0/O, 1/I/L.
RESUME_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
RESUME_CODE_LENGTH = 8
ORGANISATION_NAME_MAX = 200


@dataclass(frozen=True)
class ResumeSecrets:
    """The resume link token and code, shown to the user exactly once."""

    token: str
    code: str

    @property
    def code_display(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}"


def normalise_resume_code(typed: str) -> str:
    """Upper-case and drop spaces and dashes, so "abcd-efgh" and "ABCD EFGH" match."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; all stored times are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_expired(assessment: Assessment, now: datetime | None = None) -> bool:
    return aware(assessment.expires_at) <= (now or utcnow())


def start_assessment(
    db: Session, ruleset: RuleSet, *, organisation_name: str | None, retention_days: int,
    research_consent: bool = False,
) -> tuple[Assessment, ResumeSecrets]:
    """Create an assessment pinned to ``ruleset`` and its first resume secrets."""
    now = utcnow()
    assessment = Assessment(
        public_id=secrets.token_urlsafe(16),
        organisation_name=(organisation_name or "").strip()[:ORGANISATION_NAME_MAX] or None,
        answers={},
        answers_revision=0,
        access_epoch=0,
        research_consent=research_consent,
        furthest_step=0,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        ruleset_hash=ruleset.hash,
        created_at=now,
        updated_at=now,
        expires_at=now + timedelta(days=retention_days),
    )
    resume = _new_resume_secrets(db, assessment)
    keep_ruleset(db, ruleset)
    db.add(assessment)
    db.commit()
    return assessment, resume


def keep_ruleset(db: Session, ruleset: RuleSet) -> None:
    """Keep the rule set's files by content hash the first time somebody answers with it
    (part of the caller's transaction); later results can be reproduced with exactly these rules."""
    if ruleset.path is None or db.get(RuleSnapshot, ruleset.hash) is not None:
        return
    files = rule_files(ruleset.path)
    db.add(RuleSnapshot(hash=ruleset.hash, ruleset_id=ruleset.id, version=ruleset.version, files=files,
                        created_at=utcnow()))


def kept_ruleset_files(db: Session, content_hash: str) -> dict[str, str] | None:
    """The files of a kept rule set, or None if it was never kept (assessments from before)."""
    found = db.get(RuleSnapshot, content_hash)
    return dict(found.files) if found is not None else None


def issue_resume(db: Session, assessment: Assessment) -> ResumeSecrets:
    """Replace the resume link and code; the old ones stop working."""
    resume = _new_resume_secrets(db, assessment)
    db.commit()
    return resume


def _new_resume_secrets(db: Session, assessment: Assessment) -> ResumeSecrets:
    token = secrets.token_urlsafe(32)  # 256 bits
    while True:
        code = "".join(secrets.choice(RESUME_CODE_ALPHABET) for _ in range(RESUME_CODE_LENGTH))
        code_hash = digest(db, code)
        taken = db.scalar(select(Assessment.id).where(Assessment.resume_code_hash == code_hash))
        if taken is None or taken == assessment.id:
            break
    assessment.resume_token_hash = digest(db, token)
    assessment.resume_code_hash = code_hash
    assessment.access_epoch += 1  # sessions opened with the old link or code lose access
    return ResumeSecrets(token=token, code=code)


def find_assessment(db: Session, public_id: str | None) -> Assessment | None:
    """The live (not expired) assessment with this public id, or None."""
    if not public_id:
        return None
    assessment = db.scalar(select(Assessment).where(Assessment.public_id == public_id))
    if assessment is None or is_expired(assessment):
        return None
    return assessment


def assessment_exists(db: Session, public_id: str) -> bool:
    """Whether the assessment is still stored, as committed now (ends the session's read transaction,
    so a deletion by another request is seen)."""
    db.rollback()
    return db.scalar(select(Assessment.id).where(Assessment.public_id == public_id)) is not None


def resume_by_token(db: Session, token: str) -> Assessment | None:
    """The assessment a resume link belongs to; None for unknown and expired alike."""
    if not token or len(token) > 100:
        return None
    found = find_by_digest(db, Assessment.resume_token_hash, token)
    return None if found is None or is_expired(found) else found


def resume_by_code(db: Session, typed_code: str) -> Assessment | None:
    """The assessment a typed resume code belongs to; None for unknown and expired alike."""
    code = normalise_resume_code(typed_code or "")
    if len(code) != RESUME_CODE_LENGTH:
        return None
    found = find_by_digest(db, Assessment.resume_code_hash, code)
    return None if found is None or is_expired(found) else found


SAVE_ATTEMPTS = 20


class ConcurrentSaveError(RuntimeError):
    """Other saves kept winning; nothing of this one was stored (the caller shows the form again)."""


def save_step(
    db: Session,
    assessment: Assessment,
    *,
    step_answers: Mapping[str, Any],
    step_question_ids: set[str],
    advance_to: int | None,
    retention_days: int,
) -> bool:
    """Store the answers of one step; return whether anything changed.

    Questions of the step that were left empty lose their old answer; answers to other steps are
    kept as they are *now* in the database, not as they were when the request began: a compare-and-set
    on the revision (and the furthest step) retries on top of a save from another tab, so two tabs
    saving different steps at the same moment both keep their answers, and the revision counts both.
    ``advance_to`` opens the next step (the furthest step never moves backwards).
    """
    for _attempt in range(SAVE_ATTEMPTS):
        read_revision, read_furthest = assessment.answers_revision, assessment.furthest_step
        answers = {k: v for k, v in assessment.answers.items() if k not in step_question_ids}
        answers.update(step_answers)
        changed = answers != assessment.answers
        now = utcnow()
        stored = db.execute(
            update(Assessment)
            .where(Assessment.id == assessment.id, Assessment.answers_revision == read_revision,
                   Assessment.furthest_step == read_furthest)
            .values(answers=answers, answers_revision=read_revision + int(changed),
                    furthest_step=max(read_furthest, advance_to or 0), updated_at=now,
                    expires_at=now + timedelta(days=retention_days))
            .execution_options(synchronize_session=False)
        )
        if stored.rowcount == 1:
            db.commit()
            db.refresh(assessment)
            return changed
        db.rollback()
        db.refresh(assessment)  # another tab saved in between: merge into what it stored
    raise ConcurrentSaveError(assessment.public_id)


def complete_assessment(db: Session, assessment: Assessment, *, retention_days: int) -> None:
    """Mark the assessment as finished so its result can be shown."""
    if assessment.completed_at is None:
        assessment.completed_at = utcnow()
    _touch(assessment, retention_days)
    db.commit()


def _touch(assessment: Assessment, retention_days: int) -> None:
    now = utcnow()
    assessment.updated_at = now
    assessment.expires_at = now + timedelta(days=retention_days)


def delete_assessment(db: Session, assessment: Assessment) -> None:
    """Delete the assessment and its answers for good (GDPR Art. 17)."""
    db.execute(delete(Assessment).where(Assessment.id == assessment.id))
    db.commit()


def set_research_consent(db: Session, assessment: Assessment, consent: bool) -> None:
    """The respondent allows (or no longer allows) research use of their answers without name."""
    assessment.research_consent = consent
    db.commit()


def purge_expired(db: Session, now: datetime | None = None, *, research_retention_days: int = 0) -> int:
    """Delete every expired assessment and old rate-limit entries; return how many assessments.

    A finished assessment whose respondent agreed to research use leaves an anonymised record
    (answers, month of completion, rules; no name, no ids) kept ``research_retention_days``.
    """
    now = now or utcnow()
    if research_retention_days > 0:
        for kept in db.scalars(select(Assessment).where(Assessment.expires_at <= now,
                                                        Assessment.research_consent.is_(True),
                                                        Assessment.completed_at.is_not(None))):
            db.add(ResearchRecord(
                record_id=secrets.token_hex(8), completed_month=aware(kept.completed_at).strftime("%Y-%m"),
                ruleset_id=kept.ruleset_id, ruleset_version=kept.ruleset_version, ruleset_hash=kept.ruleset_hash,
                answers=dict(kept.answers or {}), expires_at=now + timedelta(days=research_retention_days),
            ))
    db.execute(delete(ResearchRecord).where(ResearchRecord.expires_at <= now)
               .execution_options(synchronize_session=False))
    deleted = db.execute(delete(Assessment).where(Assessment.expires_at <= now)
                         .execution_options(synchronize_session=False)).rowcount
    db.execute(delete(RateLimitHit).where(RateLimitHit.created_at <= now - timedelta(days=1)))
    db.commit()
    return int(deleted or 0)


@dataclass(frozen=True)
class ResearchRow:
    """One assessment as research sees it: a pseudonymous id, no name."""

    record_id: str
    completed_month: str
    ruleset_id: str
    ruleset_version: str
    ruleset_hash: str
    answers: dict[str, Any]


def research_rows(db: Session) -> list[ResearchRow]:
    """Finished assessments whose respondents agreed to research use, and the anonymised records
    of those that expired. Live ones get a pseudonymous id (a keyed digest of their public id)."""
    live = db.scalars(select(Assessment).where(Assessment.research_consent.is_(True),
                                               Assessment.completed_at.is_not(None)))
    rows = [ResearchRow(digest(db, f"research\x00{a.public_id}")[:16], aware(a.completed_at).strftime("%Y-%m"),
                        a.ruleset_id, a.ruleset_version, a.ruleset_hash, dict(a.answers or {}))
            for a in live if not is_expired(a)]
    rows += [ResearchRow(r.record_id, r.completed_month, r.ruleset_id, r.ruleset_version, r.ruleset_hash,
                         dict(r.answers)) for r in db.scalars(select(ResearchRecord))]
    return sorted(rows, key=lambda row: (row.completed_month, row.record_id))


def peer_answer_sets(db: Session, type_question: str, organisation_type: str, *, besides: str) -> list[dict[str, Any]]:
    """Raw answers of finished organisations of this type that agreed to research use (live ones
    and anonymised records), without the assessment ``besides`` (the one looking)."""
    own = digest(db, f"research\x00{besides}")[:16]
    return [row.answers for row in research_rows(db)
            if row.answers.get(type_question) == organisation_type and row.record_id != own]


def existing_public_ids(db: Session) -> set[str]:
    """The public ids of every stored assessment and workshop (the owners of stored files)."""
    from ..workshops.models import Workshop

    return set(db.scalars(select(Assessment.public_id))) | set(db.scalars(select(Workshop.public_id)))


def _bucket(db: Session, scope: str, client: str) -> str:
    return digest(db, f"{scope}\x00{client}")


def rate_limit_wait(db: Session, *, scope: str, client: str, limit: int, window_seconds: int) -> int:
    """Seconds until ``client`` may try again under this limit (0: it may now).

    Attempts live in the database, so the limit holds across worker processes and hosts.
    The bucket is a keyed hash of scope and client: no client address is stored.
    """
    now = utcnow()
    since = now - timedelta(seconds=window_seconds)
    recent = list(db.scalars(
        select(RateLimitHit.created_at)
        .where(RateLimitHit.bucket == _bucket(db, scope, client), RateLimitHit.created_at > since)
        .order_by(RateLimitHit.created_at.desc())
        .limit(limit)
    ))
    if len(recent) < limit:
        return 0
    frees_at = aware(recent[-1]) + timedelta(seconds=window_seconds)  # the oldest that still counts
    return max(1, int((frees_at - now).total_seconds()) + 1)


def record_attempt(db: Session, *, scope: str, client: str) -> None:
    """Count one attempt (for secret lookups: one that failed; for PDFs: one fresh render)."""
    db.add(RateLimitHit(bucket=_bucket(db, scope, client), created_at=utcnow()))
    db.commit()
