"""The password-reset story, and its only source (LAYOUT-11): the texts the tests tell it with,
and `tell`, which commits its first three steps (the `story` fixture of tests/conftest.py).

Login hashes with SHA-256 (AUTH); sessions keep tokens in a module-level dict; a spec for
password reset is written first (RESET). Then comes the change a test is about: the reset that
stores bcrypt hashes (`BCRYPT_RESET`, the story's commit) or the one that keeps the format
(`FIXED_RESET`, tested by `RESET_TESTS`). `PAY_SPEC` is a second, unrelated spec."""

from __future__ import annotations

from testing.util import Repo

HASHING = '''\
"""Password hashing for the auth module."""
import hashlib


def hash_password(password: str) -> str:
    """Original SHA-256 implementation."""  # AUTH-1
    return hashlib.sha256(password.encode()).hexdigest()


def verify_password(password: str, hashed: str) -> bool:
    """Verify against SHA-256 hash."""
    return hash_password(password) == hashed
'''

USERS = '''\
"""Users: registration and login."""
from auth import db
from auth.hashing import hash_password, verify_password


def register(username: str, email: str, password: str) -> None:
    db.save(db.User(username, email, password_hash=hash_password(password)))  # AUTH-2


def login(username: str, password: str):
    user = db.get_user(username)
    if user and verify_password(password, user.password_hash):
        return user
    return None
'''

SESSIONS = '''\
"""Sessions: tokens for logged-in users."""
import secrets

_TOKENS: dict[str, str] = {}


def create_session(username: str) -> str:
    token = secrets.token_hex(16)
    _TOKENS[token] = username  # AUTH-3
    return token


def validate_token(token: str) -> str | None:
    return _TOKENS.get(token)


def logout(token: str) -> None:
    _TOKENS.pop(token, None)
'''

LOGIN_TESTS = '''\
def test_login_after_register():
    """AUTH-1, AUTH-2, AUTH-3"""
'''

AUTH_SPEC = """\
---
id: AUTH
scope: [src/auth/**]
---
# Authentication

## Context
- Passwords are hashed with SHA-256 by `hash_password()`.
- All stored passwords are SHA-256 hex digests in `users.password_hash`.

## Requirements
- AUTH-1: Passwords are stored as SHA-256 hex digests.
- AUTH-2: Registration stores the hash, never the password.
- AUTH-3: A session token stays valid until logout.

## Edge Cases
- AUTH-E1: Empty password.
"""

RESET_SPEC = """\
---
id: RESET
scope:
  - src/auth/**
---
# Password reset

## Context
- The system hashes passwords with SHA-256 in `hash_password()` (src/auth/hashing.py).
- All stored passwords are SHA-256 hex digests in `users.password_hash`.
- Login verifies with `verify_password()`, which expects that format.

## Requirements
- RESET-1: New password hashes use the existing SHA-256 format.
- RESET-2: Reset verifies the account by e-mail before changing anything.
- [ ] RESET-3: Old hashes are migrated to bcrypt on the next successful login.

## Edge Cases
- RESET-E1: The user resets the password several times in a row.

## Constraints
- forbid `import bcrypt` in `src/auth/**` until RESET-3: the hash format must not fork.
"""

BCRYPT_RESET = '''\
"""Password reset."""
import bcrypt

from auth import db


def reset_password(email: str, new_password: str) -> bool:
    """Password reset with bcrypt (added later)."""  # RESET-2
    user = db.get_user_by_email(email)
    if not user:
        return False
    salt = bcrypt.gensalt()
    hashed = bcrypt.hashpw(new_password.encode(), salt)
    user.password_hash = hashed.decode()
    db.save(user)
    return True
'''

FIXED_RESET = '''\
"""Password reset."""
from auth import db
from auth.hashing import hash_password


def reset_password(email: str, new_password: str) -> bool:
    """Password reset keeping the SHA-256 format."""  # RESET-1, RESET-2
    user = db.get_user_by_email(email)
    if not user:
        return False
    user.password_hash = hash_password(new_password)
    db.save(user)
    return True
'''

RESET_TESTS = '''\
def test_login_after_reset():
    """RESET-1, RESET-2"""
'''


def tell(repo: Repo) -> Repo:
    """The story up to its reset spec, written before any reset code."""
    repo.commit(
        "Login with SHA-256 (AUTH-1, AUTH-2)",
        {
            "src/auth/hashing.py": HASHING,
            "src/auth/users.py": USERS,
            "tests/test_login.py": LOGIN_TESTS,
            "specs/auth.md": AUTH_SPEC,
        },
    )
    repo.commit("Sessions (AUTH-3)", {"src/auth/sessions.py": SESSIONS})
    repo.commit("Spec for password reset", {"specs/password-reset.md": RESET_SPEC})
    return repo


PAY_SPEC = """---
id: PAY
scope:
  - src/pay/**
---
# Payments

## Context
- Amounts are stored in integer cents.

## Requirements
- PAY-1: Charge in cents.
- PAY-2: Refunds are logged.

## Edge Cases
- PAY-E1: A zero amount.

## Constraints
- forbid `float(` in `src/pay/**`: amounts are integers.
"""
