"""Sessions: signed, expiring tokens (a JWT in miniature, standard library only)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time

SIGNING_KEY = b"demo only: a real service reads its key from its configuration"
_REVOKED: set[str] = set()


def _sign(body: bytes) -> str:
    return hmac.new(SIGNING_KEY, body, hashlib.sha256).hexdigest()


def create_session(username: str, ttl: int = 3600) -> str:
    """SESSION-1: a token naming the user, valid for `ttl` seconds."""
    claims = {"sub": username, "exp": int(time.time()) + ttl, "jti": secrets.token_hex(8)}
    body = base64.urlsafe_b64encode(json.dumps(claims).encode())
    return f"{body.decode()}.{_sign(body)}"


def validate_token(token: str) -> str | None:
    """SESSION-2: the user a token names, or None when forged, expired or revoked."""
    body, _, signature = token.partition(".")
    if token in _REVOKED or not hmac.compare_digest(_sign(body.encode()), signature):
        return None
    claims = json.loads(base64.urlsafe_b64decode(body))
    return str(claims["sub"]) if claims["exp"] > time.time() else None


def logout(token: str) -> None:
    _REVOKED.add(token)  # SESSION-3
