"""Password reset."""

import bcrypt
from auth import db


def reset_password(email: str, new_password: str) -> bool:
    """Password reset with bcrypt (added later)."""
    user = db.get_user_by_email(email)  # RESET-2
    if not user:
        return False

    # Generate bcrypt hash
    salt = bcrypt.gensalt()
    hashed = bcrypt.hashpw(new_password.encode(), salt)

    user.password_hash = hashed.decode()
    db.save(user)
    return True
