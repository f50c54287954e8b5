"""Secrets that must pass through the session cookie (a resume link shown once, a join code to
print the poster again) travel sealed: encrypted and authenticated with a key derived from
SECRET_KEY (Fernet), because the signed cookie itself is readable by anyone who holds it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app

_CONTEXT = b"selfcheck sealed session values v1"


def _box() -> MultiFernet:
    keys = [current_app.config["SECRET_KEY"], *(current_app.config.get("SECRET_KEY_FALLBACKS") or ())]
    return MultiFernet([
        Fernet(base64.urlsafe_b64encode(hmac.new(key.encode("utf-8"), _CONTEXT, hashlib.sha256).digest()))
        for key in keys
    ])


def seal(value: Any) -> str:
    """``value`` (JSON data) encrypted for the session cookie."""
    return _box().encrypt(json.dumps(value).encode("utf-8")).decode("ascii")


def unseal(token: Any) -> Any:
    """The value ``seal`` made, or None for anything else (tampered, old key, not sealed)."""
    if not isinstance(token, str):
        return None
    try:
        return json.loads(_box().decrypt(token.encode("ascii")))
    except (InvalidToken, ValueError):
        return None
