"""Password reset."""

from auth import db
from auth.hashing import hash_password


def reset_password(email: str, new_password: str) -> bool:
    """Set a new password for the account with this e-mail; False when there is none."""
    user = db.get_user_by_email(email)  # RESET-2: the account is found by its e-mail
    if not user:
        return False
    user.password_hash = hash_password(new_password)  # RESET-1, RESET-4: what login() reads
    db.save(user)
    return True
