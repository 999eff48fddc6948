"""CHECK-E62 through the CLI on real git repositories: on a hook run the `untested-requirement`
warnings of requirements whose code the commit does not touch are counted in one line that names
the command listing them; what the commit touches, and every error, stays in full. The oauthlib
and emailval trials (session 25): the commit that adopted the specs printed 23 and 22 such
lines, and the one `touched-requirement` warning drowned among them."""

from __future__ import annotations

SPEC = """\
---
id: TOK
scope: [pkg/**]
---
# Tokens
## Context
- `refresh()` refreshes a token.
## Requirements
- TOK-1: Tokens refresh.
- TOK-2: Tokens expire.
- TOK-3: Tokens revoke.
## Edge Cases
- TOK-E1: An expired token.
"""
CODE = {
    "pkg/a.py": "def refresh():\n    return 1\n",
    "pkg/b.py": "def expire():\n    return 2\n",
    "pkg/c.py": "def revoke():\n    return 3\n",
}
REFERENCED = {path: f"# TOK-{n}\n{text}" for n, (path, text) in enumerate(CODE.items(), 1)}
HOOK = ("check", "--staged", "--before-message")
NOTE = (
    "2 more warnings [untested-requirement] of requirements whose code this change does not change"
    " (adding a reference changes none)"
)


def test_the_hook_counts_untested_requirements_the_commit_does_not_touch(repo, cli):
    """CHECK-E62: adding the references and changing TOK-1's code: the hook shows TOK-1's
    warning in full and TOK-2, TOK-3 in one line; `check --staged` lists all three."""
    repo.commit("base", {"specs/tok.md": SPEC, **CODE})
    repo.stage({**REFERENCED, "pkg/a.py": "# TOK-1\ndef refresh():\n    return 10\n"})
    hook = cli(*HOOK)
    assert hook.code == 0, hook
    assert "TOK-1 is implemented" in hook.out
    assert "TOK-2 is implemented" not in hook.out and "TOK-3 is implemented" not in hook.out
    assert NOTE in hook.out and "`specflow check --staged` lists them" in hook.out
    assert "0 errors, 3 warnings in --staged (passes)." in hook.out
    listed = cli("check", "--staged").out
    assert all(f"TOK-{n} is implemented" in listed for n in (1, 2, 3)) and NOTE not in listed


def test_an_edited_entry_or_a_message_mention_keeps_its_warning_in_full(repo, cli):
    """CHECK-E62, adversarial: rewording TOK-2's entry in the spec the commit edits touches
    TOK-2 (shown in full), not TOK-1 or TOK-3 of the same spec; a commit-msg run naming TOK-3
    reads the message as a touch."""
    repo.commit("base", {"specs/tok.md": SPEC, **REFERENCED})
    repo.stage({"specs/tok.md": SPEC.replace("Tokens expire.", "Tokens expire after an hour.")})
    hook = cli(*HOOK).out
    assert "TOK-2 is implemented" in hook and "TOK-1 is implemented" not in hook
    assert NOTE in hook, hook
    message = repo.path / "MSG"
    message.write_text("Reword TOK-3\n")
    named = cli("check", "--staged", "--message-file", str(message)).out
    assert "TOK-3 is implemented" in named and "TOK-2 is implemented" in named


def test_errors_stay_in_full_on_a_hook_run(repo, cli):
    """CHECK-E62, adversarial: only untested warnings aside are counted; an error (the last
    reference of TOK-1 removed) is printed whole and still blocks."""
    repo.commit("base", {"specs/tok.md": SPEC, **REFERENCED})
    repo.stage({"pkg/a.py": CODE["pkg/a.py"], "specs/tok.md": SPEC + "\n"})
    hook = cli(*HOOK)
    assert hook.code == 1, hook
    assert "[implementation-removed]" in hook.out and "[unreferenced-requirement] TOK-1" in hook.out


def test_the_note_does_not_deny_that_added_references_touch_them(repo, cli):
    """CHECK-E68: the commit that adds TOK-2's and TOK-3's references touches them; the note
    says their code is not changed (adding a reference changes none), never "not touched"."""
    repo.commit("base", {"specs/tok.md": SPEC, **CODE})
    repo.stage({**REFERENCED, "pkg/a.py": "# TOK-1\ndef refresh():\n    return 10\n"})
    hook = cli(*HOOK).out
    assert NOTE in hook and "does not touch" not in hook


def test_the_unreferenced_hint_says_any_whole_word_counts(repo, cli):
    """CHECK-E69: the hint of `unreferenced-requirement` says the ID counts as a whole word
    anywhere (a string's `"see TOK-3"` counts, as the README says), a comment being one way."""
    repo.commit("base", {"specs/tok.md": SPEC, **REFERENCED})
    repo.stage({"pkg/c.py": CODE["pkg/c.py"]})
    out = cli("check", "--staged").out
    assert "name TOK-3 (as a whole word: a comment will do) where it is implemented" in out
    assert "name TOK-3 in a comment" not in out
    repo.stage({"pkg/c.py": 'def revoke():\n    return "see TOK-3"\n'})
    assert "[unreferenced-requirement] TOK-3" not in cli("check", "--staged").out
