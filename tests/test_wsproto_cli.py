"""What the wsproto trial found, through the CLI on real repositories: a method moved away
with its own `# ID` was read as a change of the method above it (CHECK-E55)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: HS
scope: ["pkg/**"]
---
# Handshake

## Context
- `Conn` runs the handshake.

## Requirements
- HS-1: The client checks the 101 response.
- HS-2: The server checks the request.

## Edge Cases
- HS-E1: none.
"""

ESTABLISH = """class Conn:
    # HS-1: client side
    def establish(self, event):
        if event.status != 101:
            raise ValueError("bad status")
        return True

"""
SERVER = """    # HS-2: server side
    def process_request(self, event):
        if event.method != b"GET":
            raise ValueError("bad method")
        return True

"""
OTHER = "    def other(self):\n        return 1\n"
CONN = ESTABLISH + SERVER + OTHER


def asked(cli) -> list[str]:
    return [q["statement"]["id"] for q in review_json(cli, "--staged", "--all")["questions"]]


def test_a_method_moved_away_with_its_own_reference_touches_not_the_one_above(repo, cli):
    """CHECK-E55 (wsproto: moving `_process_connection_request()`, headed by `# CONN-2`, out
    of connection.py warned that CONN-3, the method above, was touched): the hook does not warn
    of HS-1, nor does the review ask it; HS-2, whose lines moved, is still asked."""
    repo.commit("base", {"specs/hs.md": SPEC, "pkg/conn.py": CONN, "pkg/hs.py": "X = 1\n"})
    repo.stage({"pkg/conn.py": ESTABLISH + OTHER, "pkg/hs.py": "X = 1\n\n" + SERVER})
    result = cli("check", "--staged")
    assert result.code == 0, result
    assert "touches the code of HS-1" not in result.out
    ids = asked(cli)
    assert "HS-2" in ids and "HS-1" not in ids


def test_a_method_without_a_reference_removed_below_one_touches_not_it(repo, cli):
    """CHECK-E55: deleting the whole next method, which names no ID, is not a change of HS-1's."""
    repo.commit("base", {"specs/hs.md": SPEC, "pkg/conn.py": ESTABLISH + OTHER})
    repo.stage({"pkg/conn.py": ESTABLISH.rstrip("\n") + "\n"})
    assert "touches the code of HS-1" not in cli("check", "--staged").out


def test_lines_removed_from_the_end_of_a_headed_method_still_touch_it(repo, cli):
    """CHECK-E55, adversarial: lines a hunk removes from the method the reference heads, its
    last ones (CHECK-E18) or a guard within it, even with the next method's own reference
    right below, are still that requirement's change."""
    repo.commit("base", {"specs/hs.md": SPEC, "pkg/conn.py": CONN})
    last = CONN.replace("        return True\n\n    # HS-2", "\n    # HS-2")
    guard = CONN.replace(
        '        if event.status != 101:\n            raise ValueError("bad status")\n', ""
    )
    for edited in (last, guard):
        assert edited != CONN
        repo.stage({"pkg/conn.py": edited})
        result = cli("check", "--staged")
        assert "touches the code of HS-1" in result.out, result
        assert "HS-1" in asked(cli)
