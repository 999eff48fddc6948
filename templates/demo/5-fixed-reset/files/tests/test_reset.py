"""Password reset, tested with login: the integration test the story was missing."""

import unittest

from auth import db, reset, users


class PasswordResetIntegrationTest(unittest.TestCase):
    def setUp(self) -> None:
        db.clear()
        users.register("ada", "ada@example.com", "correct horse")

    def test_login_after_reset(self) -> None:
        """RESET-1, RESET-4: the new password logs in; the old one no longer does."""
        self.assertTrue(reset.reset_password("ada@example.com", "battery staple"))
        logged_in = users.login("ada", "battery staple")
        self.assertIsNotNone(logged_in, "User should log in after password reset")
        old_login = users.login("ada", "correct horse")
        self.assertIsNone(old_login, "Old password should not work after reset")

    def test_several_resets_in_a_row(self) -> None:
        """RESET-E1: only the last password logs in."""
        for password in ("first", "second", "third"):
            self.assertTrue(reset.reset_password("ada@example.com", password))
        self.assertIsNotNone(users.login("ada", "third"))
        self.assertIsNone(users.login("ada", "second"))

    def test_unknown_email_changes_nothing(self) -> None:
        """RESET-2, RESET-E2"""
        self.assertFalse(reset.reset_password("grace@example.com", "battery staple"))
        self.assertIsNotNone(users.login("ada", "correct horse"))


if __name__ == "__main__":
    unittest.main()
