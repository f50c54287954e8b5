"""Finished PDFs in the database: the write path of the database file store."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import Assessment, RenderedFile
from ..workshops.models import Workshop


def stored_file(db: Session, key: str) -> bytes | None:
    return db.scalar(select(RenderedFile.content).where(RenderedFile.key == key))


def has_file(db: Session, key: str) -> bool:
    return db.scalar(select(RenderedFile.id).where(RenderedFile.key == key)) is not None


def store_file(db: Session, *, key: str, slot: str, owner_kind: str | None, owner_id: str | None,
               content: bytes) -> bool:
    """Keep ``content`` under ``key``, replacing the owner's older file in the same slot.

    False when the owner no longer exists (deleted while the file was made): then nothing is
    kept. The foreign key makes that hold even when the deletion commits during this call.
    """
    assessment_id = workshop_id = None
    if owner_kind == "assessment":
        assessment_id = db.scalar(select(Assessment.id).where(Assessment.public_id == owner_id))
        if assessment_id is None:
            return False
    elif owner_kind == "workshop":
        workshop_id = db.scalar(select(Workshop.id).where(Workshop.public_id == owner_id))
        if workshop_id is None:
            return False
    db.execute(delete(RenderedFile).where(
        RenderedFile.slot == slot, RenderedFile.key != key,
        RenderedFile.assessment_id.is_(None) if assessment_id is None else RenderedFile.assessment_id == assessment_id,
        RenderedFile.workshop_id.is_(None) if workshop_id is None else RenderedFile.workshop_id == workshop_id,
    ))
    db.add(RenderedFile(key=key, slot=slot, assessment_id=assessment_id, workshop_id=workshop_id, content=content))
    try:
        db.commit()
    except IntegrityError:  # the same file stored by another worker, or the owner deleted meanwhile
        db.rollback()
        return has_file(db, key)
    return True
