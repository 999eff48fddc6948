"""Password reset, tested on its own: it passes, and proves nothing about login."""

import unittest

from auth import db, reset, users


class ResetTest(unittest.TestCase):
    def setUp(self) -> None:
        db.clear()
        users.register("ada", "ada@example.com", "correct horse")

    def test_reset_stores_a_new_hash(self) -> None:
        """RESET-2"""
        user = db.get_user("ada")
        assert user is not None
        before = user.password_hash
        self.assertTrue(reset.reset_password("ada@example.com", "battery staple"))
        self.assertNotEqual(user.password_hash, before)


if __name__ == "__main__":
    unittest.main()
