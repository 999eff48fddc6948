"""Password hashing for the auth module."""

import hashlib


def hash_password(password: str) -> str:
    """Original SHA-256 implementation."""
    return hashlib.sha256(password.encode()).hexdigest()  # AUTH-1


def verify_password(password: str, hashed: str) -> bool:
    """Verify against SHA-256 hash."""
    return hash_password(password) == hashed  # AUTH-1
