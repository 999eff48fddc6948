"""REVIEW-E180 to REVIEW-E182: what of a hunk's code names nothing a statement names: a
message's words, a builtin exception the line names unchanged, a read it removes. Through the
CLI on real repositories (the tinydb and wsproto trials)."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

STORE_SPEC = """---
id: STORE
scope: [pkg/**]
---
# Store

## Context
- `Store` in `pkg/store.py` keeps rows in a dict.

## Requirements
- STORE-1: `remove()` deletes the rows selected by `cond` or `ids` and returns them.
- STORE-2: `fetch()` returns the row selected by `cond` or stored under `key`, or `None`.
- STORE-3: `ids` are row numbers, never negative.
- STORE-4: `purge()` empties the store.
"""
STORE = """class Store:
    def __init__(self):
        self.rows = {}

    def remove(self, cond=None, ids=None):
        if cond is None and ids is None:
            raise LookupError('select something')
        ids = ids or [k for k, r in self.rows.items() if cond(r)]
        return [self.rows.pop(k) for k in ids]

    def fetch(self, cond=None, key=None):
        if key is not None:
            return self.rows.get(key)
        if cond is not None:
            return next((r for r in self.rows.values() if cond(r)), None)
        return None

    def purge(self):
        self.rows.clear()
"""


def asked(cli: Any) -> dict[str, tuple[str, list[str]]]:
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return {
        q["statement"].get("id"): (q["evidence"]["kind"], q["evidence"]["names"]) for q in questions
    }


def test_a_name_in_an_exception_message_is_no_name(repo, cli):
    """REVIEW-E180 (the tinydb trial's D4): `'Use purge() to empty the store'` is a message;
    the hunk in `remove()` names no `purge`."""
    repo.commit("base", {"specs/store.md": STORE_SPEC, "pkg/store.py": STORE})
    message = STORE.replace("'select something'", "'Use purge() to empty the store'")
    repo.commit("a better message", {"pkg/store.py": message})
    assert "purge" not in asked(cli).get("STORE-4", ("", []))[1]


def test_an_f_strings_field_and_a_key_still_name(repo, cli):
    """REVIEW-E180, adversarial: an f-string's field is code (`{self.purge()}` calls it), and
    a string without a space is a key naming what it holds (REVIEW-E106)."""
    repo.commit("base", {"specs/store.md": STORE_SPEC, "pkg/store.py": STORE})
    field = STORE.replace("'select something'", "f'select something: {self.purge()}'")
    repo.commit("purge on a bad call", {"pkg/store.py": field})
    assert "purge" in asked(cli)["STORE-4"][1]
    repo.commit("base again", {"pkg/store.py": STORE})
    key = STORE.replace("LookupError('select something')", "LookupError(self.rows['purge'])")
    repo.commit("name the key", {"pkg/store.py": key})
    assert "purge" in asked(cli)["STORE-4"][1]


CONN_SPEC = """---
id: CONN
scope: [pkg/**]
---
# Conn

## Context
- `Conn` holds `_state`.

## Requirements
- CONN-1: A server may only accept a subprotocol the client offered (else `ValueError`).
- CONN-2: A rejection is only possible while connecting.
- CONN-3: EOF while open reports an abnormal closure.
"""
CONN = """class Conn:
    def __init__(self):
        self._state = 0
        self._events = []

    # CONN-1
    def accept(self, proto, offered):
        if self._state != 0:
            raise LookupError(self._state)
        if proto not in offered:
            raise ValueError(proto)

    # CONN-2
    def reject(self):
        if self._state != 0:
            raise ValueError("cannot reject in state %s" % self._state)

    # CONN-3
    def receive(self, data):
        if data is None and self._state == 1:
            self._events.append("abnormal")
"""


REJECT = """class Conn:
    # CONN-1
    def accept(self, proto, offered):
        if proto not in offered:
            raise ValueError(proto)

    # CONN-2
    def reject(self):
        if self._state != 0:
            raise ValueError("cannot reject in state %s" % self._state)
"""


def test_a_builtin_exception_the_line_names_unchanged_is_no_evidence(repo, cli):
    """REVIEW-E181 (wsproto 9de6424, the trial's D2): `self._state` becomes `self.state` on
    a line that raises `ValueError` before and after: CONN-1's `ValueError` did not change,
    neither as a name nor as its words."""
    repo.commit("base", {"specs/conn.md": CONN_SPEC, "pkg/conn.py": REJECT})
    repo.commit(
        "use the public state", {"pkg/conn.py": REJECT.replace("self._state", "self.state")}
    )
    assert "ValueError" not in asked(cli).get("CONN-1", ("", []))[1]


def test_a_builtin_exception_the_hunk_starts_raising_still_names(repo, cli):
    """REVIEW-E181, adversarial: `receive()` now raises `ValueError` for data it refuses:
    that part changed, and CONN-1 is asked by it."""
    repo.commit("base", {"specs/conn.md": CONN_SPEC, "pkg/conn.py": CONN})
    raised = CONN.replace(
        '            self._events.append("abnormal")\n',
        '            self._events.append("abnormal")\n        elif not data:\n'
        "            raise ValueError(data)\n",
    )
    repo.commit("a value error", {"pkg/conn.py": raised})
    assert "ValueError" in asked(cli)["CONN-1"][1]


def test_a_read_the_hunk_removes_reaches_no_other_readers_requirement(repo, cli):
    """REVIEW-E182 (the wsproto trial's D3): dropping `and self._state == 1` from `receive()`
    stops reading `_state`; `accept()`, under `# CONN-1`, reads it as before: CONN-1 is not
    asked "it changes `_state`"."""
    repo.commit("base", {"specs/conn.md": CONN_SPEC, "pkg/conn.py": CONN})
    anywhen = CONN.replace("if data is None and self._state == 1:", "if data is None:")
    repo.commit("EOF in any state", {"pkg/conn.py": anywhen})
    found = asked(cli)
    assert found.get("CONN-1", ("", []))[0] != "reaches"
    assert found["CONN-3"][0] in ("reference", "heading")


def test_a_write_the_hunk_adds_still_reaches_the_readers_requirement(repo, cli):
    """REVIEW-E182, adversarial: `receive()` now writes `self._state`, which `accept()` under
    `# CONN-1` reads: that reach is asked."""
    repo.commit("base", {"specs/conn.md": CONN_SPEC, "pkg/conn.py": CONN})
    writes = CONN.replace(
        '            self._events.append("abnormal")\n',
        '            self._events.append("abnormal")\n            self._state = 2\n',
    )
    repo.commit("EOF closes", {"pkg/conn.py": writes})
    assert asked(cli)["CONN-1"][0] == "reaches"
