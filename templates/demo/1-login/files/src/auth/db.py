"""An in-memory user store, standing in for the database."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class User:
    username: str
    email: str
    password_hash: str


_USERS: dict[str, User] = {}


def save(user: User) -> None:
    _USERS[user.username] = user


def get_user(username: str) -> User | None:
    return _USERS.get(username)


def get_user_by_email(email: str) -> User | None:
    return next((user for user in _USERS.values() if user.email == email), None)


def clear() -> None:
    _USERS.clear()
