"""Keyed digests of secrets (resume links and codes, facilitator links, join codes, rate-limit buckets).

A database dump alone does not give the secrets away: the digest is HMAC-SHA256 with a key derived
from the app's SECRET_KEY, which never enters the database. The keys travel with the database
session (``Session.info``), so this module needs no Flask. After a key rotation the previous keys
(``SECRET_KEY_FALLBACKS``) still find what they hashed, and a found secret is re-hashed with the
current key; digests from before keyed hashing (plain SHA-256) are found and upgraded the same way.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

KEYS = "selfcheck.digest_keys"  # Session.info entry: the current key first, then previous ones
_CONTEXT = b"selfcheck secret digest v1"


def derive_keys(secret_key: str, previous: Iterable[str] = ()) -> list[bytes]:
    """The digest keys for an app's SECRET_KEY and the keys it replaced (current first)."""
    return [hmac.new(key.encode("utf-8"), _CONTEXT, hashlib.sha256).digest() for key in (secret_key, *previous)]


def _keys(db: Session) -> Sequence[bytes]:
    keys = db.info.get(KEYS)
    if not keys:
        raise RuntimeError("this database session has no digest keys (create it through selfcheck.db)")
    return keys  # type: ignore[no-any-return]


def _hmac(key: bytes, value: str) -> str:
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def digest(db: Session, value: str) -> str:
    """The digest to store for ``value``, with the current key."""
    return _hmac(_keys(db)[0], value)


def find_by_digest(db: Session, column: InstrumentedAttribute[Any], value: str) -> Any:
    """The row whose ``column`` holds the digest of ``value`` under the current key, a previous key
    or the old unkeyed SHA-256; an old digest is replaced by the current one."""
    keys = _keys(db)
    candidates = [_hmac(key, value) for key in keys] + [hashlib.sha256(value.encode("utf-8")).hexdigest()]
    model = column.class_
    for candidate in candidates:
        found = db.scalar(select(model).where(column == candidate))
        if found is not None:
            if candidate != candidates[0]:
                setattr(found, column.key, candidates[0])
                db.commit()
            return found
    return None
