"""REVIEW-E181 and REVIEW-E182: what of a hunk's code names nothing a statement names: a
builtin exception the line names unchanged, a read it removes (the wsproto trial); and, as
measured, what still speaks: a caught exception (REVIEW-E164), a message (REVIEW-E180).
Through the CLI on real repositories."""

from __future__ import annotations

from typing import Any

from testing.util import review_json


def asked(cli: Any) -> dict[str, tuple[str, list[str]]]:
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return {
        q["statement"].get("id"): (q["evidence"]["kind"], q["evidence"]["names"]) for q in questions
    }


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


LOCK_SPEC = """---
id: LOCK
scope: [pkg/**]
---
# Lock files

## Requirements
- LOCK-1: A lock file another user owns is used as it is: its `PermissionError` is no failure.
- LOCK-2: `acquire()` retries until `timeout` runs out.
"""
LOCK = """import os


def open_lock(path, mode):
    fd = os.open(path, os.O_RDWR | os.O_CREAT, mode)
    os.fchmod(fd, mode)
    return fd
"""


def test_an_exception_a_clause_swallows_is_what_the_hunk_speaks_of(repo, cli):
    """REVIEW-E164, as measured (filelock 31b2891b): `except PermissionError: pass` around the
    chmod is what LOCK-1 speaks of, and it is asked (the rule that dropped a caught builtin
    where the hunk raises nothing asked nothing here)."""
    repo.commit("base", {"specs/lock.md": LOCK_SPEC, "pkg/lock.py": LOCK})
    guarded = LOCK.replace(
        "    os.fchmod(fd, mode)\n",
        "    try:\n        os.fchmod(fd, mode)\n    except PermissionError:\n        pass\n",
    )
    repo.commit("guard the chmod", {"pkg/lock.py": guarded})
    assert "LOCK-1" in asked(cli) and "LOCK-2" not in asked(cli)


CHUNK_SPEC = """---
id: PARSE
scope: [pkg/**]
---
# Chunked bodies

## Requirements
- PARSE-7: A chunk extension that is not valid ends the request with an error.
- PARSE-8: A header line longer than `max_header` is refused.
"""
CHUNK = """class Receiver:
    def received(self, line):
        semi = line.find(b";")
        if semi >= 0:
            line = line[:semi]
        return line
"""


def test_a_messages_words_in_the_hunk_still_speak(repo, cli):
    """REVIEW-E180, as measured (waitress d032a669): the words of `"Invalid chunk
    extension"` are the hunk's words, and alone they ask PARSE-7."""
    repo.commit("base", {"specs/parse.md": CHUNK_SPEC, "pkg/receiver.py": CHUNK})
    checked = CHUNK.replace(
        "            line = line[:semi]\n",
        "            if not line[semi:].strip():\n"
        '                self.error = BadRequest("Invalid chunk extension")\n'
        "            line = line[:semi]\n",
    )
    repo.commit("check what follows the semicolon", {"pkg/receiver.py": checked})
    assert "PARSE-7" in asked(cli) and "PARSE-8" not in asked(cli)
