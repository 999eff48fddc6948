"""Sessions, run with `python -m unittest` (PYTHONPATH=src)."""

import unittest

from auth import sessions


class SessionTest(unittest.TestCase):
    def test_a_token_names_its_user(self) -> None:
        """SESSION-1"""
        self.assertEqual(sessions.validate_token(sessions.create_session("ada")), "ada")

    def test_forged_and_expired_tokens_are_refused(self) -> None:
        """SESSION-2"""
        token = sessions.create_session("ada")
        forged = token[:-1] + ("1" if token.endswith("0") else "0")
        self.assertIsNone(sessions.validate_token(forged))
        self.assertIsNone(sessions.validate_token(sessions.create_session("ada", ttl=-1)))

    def test_a_token_is_refused_after_logout(self) -> None:
        """SESSION-3, SESSION-E1"""
        token = sessions.create_session("ada")
        sessions.logout(token)
        self.assertIsNone(sessions.validate_token(token))


if __name__ == "__main__":
    unittest.main()
