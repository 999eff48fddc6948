"""User accounts: register, and log in with a password."""

from __future__ import annotations

from auth import db
from auth.hashing import hash_password, verify_password


def register(username: str, email: str, password: str) -> db.User:
    user = db.User(username, email, password_hash=hash_password(password))  # AUTH-2
    db.save(user)
    return user


def login(username: str, password: str) -> db.User | None:
    user = db.get_user(username)
    if user and verify_password(password, user.password_hash):  # AUTH-3
        return user
    return None
