"""REVIEW-E170: a string a statement quotes (`b""`), written by a hunk inside the
function the statement names, tells that statement apart from the others naming the function.
Real repositories through the CLI (the httpx trial's 47f4a96f: `if not self.seen_data: return
b""` in `flush()` never asked DECODE-4)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: D
scope: ["pkg/**"]
---
# Decoders

## Context
- Every content decoder has `decode(data)` and `flush()`.

## Requirements
- D-1: Data that a decoder cannot decompress raises `DecodingError`, from `decode()` and
  `flush()`.
- D-2: An empty body decodes to `b""` with every decoder, `flush()` included.

## Edge Cases
- D-E1: A truncated stream.
"""

DECODER = """import zlib


class DecodingError(Exception):
    pass


class ZDecoder:
    def __init__(self):
        self.d = zlib.decompressobj()

    def decode(self, data):
        return self.d.decompress(data)

    def flush(self):
        if not self.d.eof:
            raise DecodingError("incomplete")
        return self.d.flush()


def empty():
    return None
"""

GUARD = "    def flush(self):\n        if not self.seen_data:\n            return {}\n"


def asked(cli) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return {q["statement"].get("id") or "context": q["evidence"]["words"] for q in questions}


def guarded(value: str) -> str:
    seen = DECODER.replace(
        "self.d = zlib.decompressobj()\n",
        "self.d = zlib.decompressobj()\n        self.seen_data = False\n",
    ).replace(
        "    def decode(self, data):\n",
        "    def decode(self, data):\n        self.seen_data = True\n",
    )
    return seen.replace("    def flush(self):\n", GUARD.format(value))


def test_a_value_the_statement_quotes_written_inside_its_function_asks_it(repo, cli):
    """REVIEW-E170: the guard returns `b""` inside `flush()`: D-2 is asked beside D-1 (before,
    two statements naming `flush()` were rivals and D-2, sharing no word, stayed below the
    threshold); written `b''` it is the same value."""
    repo.commit("base", {"specs/d.md": SPEC, "pkg/dec.py": DECODER})
    repo.commit("Handle empty responses", {"pkg/dec.py": guarded('b""')})
    found = asked(cli)
    assert found["D-2"] == ['`b""`'] and "D-1" in found
    repo.commit("quotes", {"pkg/dec.py": guarded("b''").replace("d.eof", "d.eof or not data")})
    assert "D-2" in asked(cli)


def test_another_value_a_comment_or_another_function_asks_nothing_of_it(repo, cli):
    """REVIEW-E170, adversarial: `""` (a str) or `b"x"` is not the `b""` the statement quotes;
    `b""` in a comment writes nothing; `b""` outside `flush()` is no evidence (the value alone
    is in every decoder)."""
    repo.commit("base", {"specs/d.md": SPEC, "pkg/dec.py": DECODER})
    for other in ('""', 'b"x"', 'None  # b""'):
        repo.commit(f"guard {other}", {"pkg/dec.py": guarded(other)})
        assert "D-2" not in asked(cli), other
        repo.commit("back", {"pkg/dec.py": DECODER})
    repo.commit("elsewhere", {"pkg/dec.py": DECODER.replace("return None", 'return b""')})
    assert "D-2" not in asked(cli)


def test_a_constant_every_function_writes_tells_no_statement_apart(repo, cli):
    """REVIEW-E170, measured on all the histories: `None` (or `True`) quoted by a statement
    and written inside the function it names is no evidence (cachetools, click and semver
    no-op commits asked of statements quoting `None`); a string still is."""
    quoting = SPEC.replace('decodes to `b""`', "decodes to `None`")
    repo.commit("base", {"specs/decoders.md": quoting, "pkg/dec.py": DECODER})
    repo.commit("guard", {"pkg/dec.py": guarded("None")})
    assert "D-2" not in asked(cli)
