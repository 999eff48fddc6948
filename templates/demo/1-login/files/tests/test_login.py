"""Login, run with `python -m unittest` (PYTHONPATH=src)."""

import unittest

from auth import db, users


class LoginTest(unittest.TestCase):
    def setUp(self) -> None:
        db.clear()
        users.register("ada", "ada@example.com", "correct horse")

    def test_login_with_the_right_password_only(self) -> None:
        """AUTH-1, AUTH-2, AUTH-3: a SHA-256 hex digest is stored; only its password logs in."""
        user = db.get_user("ada")
        assert user is not None
        self.assertEqual(len(user.password_hash), 64)
        self.assertIsNotNone(users.login("ada", "correct horse"))
        self.assertIsNone(users.login("ada", "battery staple"))

    def test_an_unknown_user_cannot_log_in(self) -> None:
        """AUTH-E1"""
        self.assertIsNone(users.login("grace", "correct horse"))


if __name__ == "__main__":
    unittest.main()
