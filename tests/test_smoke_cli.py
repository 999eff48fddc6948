"""CLI-1, NEW-1, LINT-9: the first commands end to end on a real repository."""

from __future__ import annotations


def test_init_new_lint_list_show_on_a_fresh_repository(repo, cli):
    assert cli("init").code == 0
    repo.write(
        {"src/auth/hashing.py": '"""Hashing."""\ndef hash_password(p):\n    """SHA-256."""\n'}
    )
    created = cli("new", "Password reset", "--id", "RESET", "--scope", "src/auth/**")
    assert created.code == 0, created
    assert "specs/password-reset.md" in created.out
    assert "`hash_password(p)`: SHA-256." in repo.read("specs/password-reset.md")
    assert cli("lint").code == 0
    listed = cli("list")
    assert "RESET" in listed.out and "Password reset" in listed.out
    shown = cli("show", "RESET-1")
    assert "planned" in shown.out
    repo.commit("Spec for password reset")
    assert cli("new", "Password reset", "--id", "OTHER").code == 2
