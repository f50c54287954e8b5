"""Workshop use cases that change the database (part of the service layer, the only place that commits).

Like the assessment services: every function takes the session explicitly, secrets (the
facilitator link token and the join code) are returned once and stored only as sha256
hashes. Participants' assessments are created through ``selfcheck.services`` so that a
workshop answer is an ordinary, resumable self-check.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .. import services
from ..engine.group import answered_enough
from ..models import Assessment, utcnow
from ..services import RESUME_CODE_ALPHABET, aware, normalise_resume_code
from ..workshops.models import (
    DEFAULT_MIN_GROUP_SIZE,
    MUNICIPALITY_MAX,
    NOTE_MAX,
    TITLE_MAX,
    ConsensusAnswer,
    Workshop,
    WorkshopMember,
)
from .digests import digest, find_by_digest

if TYPE_CHECKING:
    from ..engine import RuleSet

JOIN_CODE_LENGTH = 6
TOKEN_MAX_LENGTH = 100
ONLINE = "online"
PAPER = "paper"


@dataclass(frozen=True)
class WorkshopSecrets:
    """The facilitator link token and the join code, shown to the facilitator once."""

    token: str
    code: str


def display_code(code: str) -> str:
    """"ABCDEF" -> "ABC-DEF": easier to read aloud and to copy from a poster."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def is_expired(workshop: Workshop, now: datetime | None = None) -> bool:
    return aware(workshop.expires_at) <= (now or utcnow())


def create_workshop(
    db: Session,
    ruleset: RuleSet,
    *,
    title: str,
    municipality: str,
    held_on: date | None,
    retention_days: int,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> tuple[Workshop, WorkshopSecrets]:
    """Create a workshop pinned to ``ruleset``, with a facilitator link and a join code."""
    now = utcnow()
    token = secrets.token_urlsafe(32)  # 256 bits
    workshop = Workshop(
        public_id=secrets.token_urlsafe(16),
        title=title.strip()[:TITLE_MAX],
        municipality=municipality.strip()[:MUNICIPALITY_MAX],
        held_on=held_on,
        min_group_size=max(2, min_group_size),
        access_epoch=0,
        facilitator_token_hash="",
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        ruleset_hash=ruleset.hash,
        created_at=now,
        expires_at=now + timedelta(days=retention_days),
    )
    workshop.facilitator_token_hash = digest(db, token)
    code = _new_join_code(db, workshop)
    services.keep_ruleset(db, ruleset)
    db.add(workshop)
    db.commit()
    return workshop, WorkshopSecrets(token=token, code=code)


def _new_join_code(db: Session, workshop: Workshop) -> str:
    while True:
        code = "".join(secrets.choice(RESUME_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        taken = db.scalar(select(Workshop.id).where(Workshop.join_code_hash == digest(db, code)))
        if taken is None:
            workshop.join_code_hash = digest(db, code)
            return code


def renew_join_code(db: Session, workshop: Workshop) -> str:
    """A new join code; the old one stops working (e.g. when the poster was lost)."""
    code = _new_join_code(db, workshop)
    db.commit()
    return code


def renew_facilitator_link(db: Session, workshop: Workshop) -> str:
    """A new facilitator link; the old one stops working."""
    token = secrets.token_urlsafe(32)
    workshop.facilitator_token_hash = digest(db, token)
    workshop.access_epoch += 1  # browsers that opened the old link lose access
    db.commit()
    return token


def find_workshop(db: Session, public_id: str | None) -> Workshop | None:
    """The live workshop with this public id, or None."""
    if not public_id or len(public_id) > 64:
        return None
    found = db.scalar(select(Workshop).where(Workshop.public_id == public_id))
    return None if found is None or is_expired(found) else found


def workshop_by_token(db: Session, token: str) -> Workshop | None:
    """The workshop a facilitator link belongs to; None for unknown and expired alike."""
    if not token or len(token) > TOKEN_MAX_LENGTH:
        return None
    found = find_by_digest(db, Workshop.facilitator_token_hash, token)
    return None if found is None or is_expired(found) else found


def workshop_by_join_code(db: Session, typed_code: str) -> Workshop | None:
    """The open workshop a typed join code belongs to; None for unknown, closed and expired alike."""
    code = normalise_resume_code(typed_code or "")
    if len(code) != JOIN_CODE_LENGTH:
        return None
    found = find_by_digest(db, Workshop.join_code_hash, code)
    if found is None or found.closed_at is not None or is_expired(found):
        return None
    return found


def join_workshop(
    db: Session,
    workshop: Workshop,
    ruleset: RuleSet,
    *,
    organisation_name: str | None,
    consent: bool,
    retention_days: int,
) -> tuple[Assessment, services.ResumeSecrets]:
    """Start an ordinary assessment for a participant and link it to the workshop."""
    assessment, resume = services.start_assessment(
        db, ruleset, organisation_name=organisation_name, retention_days=retention_days
    )
    _link(db, workshop, assessment, source=ONLINE, consent=consent, retention_days=retention_days)
    return assessment, resume


def add_paper_answers(
    db: Session,
    workshop: Workshop,
    ruleset: RuleSet,
    answers: Mapping[str, Any],
    *,
    organisation_name: str | None,
    consent: bool,
    retention_days: int,
) -> Assessment:
    """Store a questionnaire collected on paper as a completed assessment of the workshop.

    Paper answers have no resume link or code: nobody could receive them.
    """
    assessment, _resume = services.start_assessment(
        db, ruleset, organisation_name=organisation_name, retention_days=retention_days
    )
    assessment.resume_token_hash = None
    assessment.resume_code_hash = None
    assessment.answers = dict(answers)
    assessment.answers_revision = 1
    assessment.furthest_step = len(ruleset.steps)
    assessment.completed_at = utcnow()
    _link(db, workshop, assessment, source=PAPER, consent=consent, retention_days=retention_days)
    return assessment


def _free_tag(db: Session, workshop: Workshop) -> int:
    """A random pseudonym number nobody in the workshop has: stable, and silent about the joining order."""
    taken = set(db.scalars(select(WorkshopMember.tag).where(WorkshopMember.workshop_id == workshop.id)))
    free = [tag for tag in range(len(taken) + 1) if tag not in taken]
    return secrets.choice(free)


def _link(
    db: Session, workshop: Workshop, assessment: Assessment, *, source: str, consent: bool, retention_days: int
) -> None:
    """Add the membership in one transaction; on failure the new assessment goes too."""
    try:
        db.add(WorkshopMember(workshop=workshop, assessment=assessment, source=source, consent=consent,
                              tag=_free_tag(db, workshop)))
        _touch(workshop, retention_days)
        db.commit()
    except Exception:
        db.rollback()
        services.delete_assessment(db, assessment)
        raise


def member_of(db: Session, assessment: Assessment | None) -> WorkshopMember | None:
    """The workshop membership of an assessment, if it has one."""
    if assessment is None:
        return None
    return db.scalar(select(WorkshopMember).where(WorkshopMember.assessment_id == assessment.id))


def set_consent(db: Session, member: WorkshopMember, consent: bool) -> None:
    """A participant gives or withdraws consent to show their answers to the group."""
    member.consent = consent
    db.commit()


def record_consensus(
    db: Session, workshop: Workshop, question_id: str, *, answer: Any, note: str | None, retention_days: int
) -> None:
    """Store (or replace) what the group agreed on for one question."""
    found = db.scalar(
        select(ConsensusAnswer).where(
            ConsensusAnswer.workshop_id == workshop.id, ConsensusAnswer.question_id == question_id
        )
    )
    if found is None:
        found = ConsensusAnswer(workshop=workshop, question_id=question_id)
        db.add(found)
    found.answer = answer
    found.note = (note or "").strip()[:NOTE_MAX] or None
    found.updated_at = utcnow()
    _touch(workshop, retention_days)
    db.commit()


def consensus_of(db: Session, workshop: Workshop) -> dict[str, ConsensusAnswer]:
    rows = db.scalars(select(ConsensusAnswer).where(ConsensusAnswer.workshop_id == workshop.id))
    return {row.question_id: row for row in rows}


def live_members(db: Session, workshop: Workshop) -> list[WorkshopMember]:
    """Members whose assessment still exists and has not expired, in joining order."""
    rows = db.scalars(
        select(WorkshopMember).where(WorkshopMember.workshop_id == workshop.id).order_by(WorkshopMember.id)
    )
    return [m for m in rows if not services.is_expired(m.assessment)]


def close_workshop(db: Session, workshop: Workshop, ruleset: RuleSet, min_answered: int) -> int:
    """Nobody can join any more and the figures freeze: the answers of everyone who counts now
    are kept as they are; later answers change nothing until the workshop is reopened.

    Returns how many participants count.
    """
    counted = 0
    for member in live_members(db, workshop):
        answers = dict(member.assessment.answers or {})
        finished = member.assessment.completed_at is not None
        member.frozen_answers = answers if finished and answered_enough(ruleset, answers, min_answered) else None
        counted += member.frozen_answers is not None
    if workshop.closed_at is None:
        workshop.closed_at = utcnow()
    workshop.join_code_hash = None
    db.commit()
    return counted


def reopen_workshop(db: Session, workshop: Workshop) -> str:
    """Undo closing: figures follow the answers again, and a new join code lets people in."""
    workshop.closed_at = None
    for member in workshop.members:
        member.frozen_answers = None
    return renew_join_code(db, workshop)


def update_paper_answers(
    db: Session, member: WorkshopMember, answers: Mapping[str, Any], *, organisation_name: str | None, consent: bool
) -> None:
    """Correct a typed-in paper sheet."""
    member.assessment.answers = dict(answers)
    member.assessment.answers_revision += 1
    member.assessment.organisation_name = organisation_name
    member.consent = consent
    db.commit()


def delete_paper_sheet(db: Session, member: WorkshopMember) -> None:
    """Remove a typed-in sheet: its membership and its assessment."""
    assessment = member.assessment
    db.delete(member)
    db.flush()
    services.delete_assessment(db, assessment)


def workshop_exists(db: Session, public_id: str) -> bool:
    """Whether the workshop is still stored, as committed now."""
    db.rollback()
    return db.scalar(select(Workshop.id).where(Workshop.public_id == public_id)) is not None


def paper_member(db: Session, workshop: Workshop, public_id: str) -> WorkshopMember | None:
    """A typed-in paper sheet of this workshop, by its assessment's public id."""
    return next((m for m in live_members(db, workshop)
                 if m.source == PAPER and m.assessment.public_id == public_id), None)


def delete_workshop(db: Session, workshop: Workshop) -> list[str]:
    """Delete the workshop, its consensus notes and every member's assessment, for good.

    Returns the public ids of the deleted assessments, so their cached reports can go too.
    """
    assessment_ids = select(WorkshopMember.assessment_id).where(WorkshopMember.workshop_id == workshop.id)
    public_ids = list(db.scalars(select(Assessment.public_id).where(Assessment.id.in_(assessment_ids))))
    db.execute(delete(Assessment).where(Assessment.id.in_(assessment_ids)))
    db.execute(delete(WorkshopMember).where(WorkshopMember.workshop_id == workshop.id))
    db.execute(delete(ConsensusAnswer).where(ConsensusAnswer.workshop_id == workshop.id))
    db.execute(delete(Workshop).where(Workshop.id == workshop.id))
    db.commit()
    db.expunge_all()
    return public_ids


def purge_expired_workshops(db: Session, now: datetime | None = None) -> int:
    """Delete expired workshops with all their data; return how many (run with the daily purge)."""
    expired = list(db.scalars(select(Workshop).where(Workshop.expires_at <= (now or utcnow()))))
    for workshop in expired:
        delete_workshop(db, workshop)
    return len(expired)


def _touch(workshop: Workshop, retention_days: int) -> None:
    """Activity keeps a workshop (and so its members' data) for another retention period."""
    workshop.expires_at = utcnow() + timedelta(days=retention_days)
