"""What new users found on itsdangerous (issue #12), each by name, on a signer shaped like its
own: a ripple never agrees because of a wrapper (REVIEW-6), an attribute the change stops
reading leads to its readers (REVIEW-6), a hunk names the function it is in (REVIEW-5), prose
is not code (REVIEW-E6), and a ripple says what it leaves out."""

from __future__ import annotations

import json
from typing import Any

from testing.util import review_json

SPEC = """---
id: SIGN
scope: [src/itsdangerous/**]
---
# Signing

## Context
- `Signer.default_digest_method` is SHA-1, through `_lazy_sha1`, so that old signatures verify.
- `TimestampSigner.unsign` splits the value on the same `sep` that `sign` joins it with.

## Requirements
- SIGN-1: A signature made by one release verifies with the next.
- SIGN-2: The default digest stays SHA-1.

## Edge Cases
- SIGN-E1: A value that contains the separator.
"""

SIGNER = """import hashlib


def _lazy_sha1(string=b""):
    return hashlib.sha1(string)


class Signer:
    # SIGN-2: SHA-1 stays
    default_digest_method = staticmethod(_lazy_sha1)

    def __init__(self, secret_key, sep=b"."):
        self.secret_key = secret_key
        self.sep = sep


class Legacy:
    default_digest_method = staticmethod(_lazy_sha1)


class TimestampSigner(Signer):
    def sign(self, value):
        sep = self.sep
        return value + sep + b"ts"

    def unsign(self, signed):
        sep = self.sep
        value, _, ts = signed.rpartition(sep)
        return value
"""


# `sign()` joins with a constant; `unsign()` still splits on `self.sep`
TILDE = SIGNER.replace(
    "    def sign(self, value):\n        sep = self.sep",
    '    def sign(self, value):\n        sep = b"~"',
)


def base(repo: Any) -> None:
    repo.commit("base", {"specs/signing.md": SPEC, "src/itsdangerous/signer.py": SIGNER})


def test_a_wrapper_never_makes_two_writes_agree(repo, cli):
    """REVIEW-6: `staticmethod(hashlib.sha256)` is produced by `hashlib.sha256`; the other
    writer's `staticmethod(_lazy_sha1)` by `_lazy_sha1`: not the same, so it is asked."""
    base(repo)
    repo.commit(
        "sha256",
        {
            "src/itsdangerous/signer.py": SIGNER.replace(
                "    default_digest_method = staticmethod(_lazy_sha1)",
                "    default_digest_method = staticmethod(hashlib.sha256)",
                1,
            )
        },
    )
    data = review_json(cli, "HEAD")
    ripple = next(r for r in data["ripples"] if r["symbol"]["name"] == "default_digest_method")
    assert ripple["symbol"]["producers"] == ["hashlib.sha256"]
    assert ripple["settled_by"] is None
    asked = [q["statement"]["id"] or q["statement"]["line"] for q in data["questions"]]
    # the Context that names `Signer.default_digest_method` and "The default digest stays SHA-1"
    assert set(asked[:2]) == {8, "SIGN-2"}, asked


def test_the_same_wrapped_call_agrees(repo, cli):
    """REVIEW-6: a write through the same wrapper of the same function settles the question."""
    sha1 = "    default_digest_method = staticmethod(_lazy_sha1)\n\n    def __init__"
    repo.commit(
        "base",
        {
            "specs/signing.md": SPEC,
            "src/itsdangerous/signer.py": SIGNER.replace(
                sha1, sha1.replace("_lazy_sha1", "hashlib.sha1")
            ),
        },
    )
    repo.commit("lazy", {"src/itsdangerous/signer.py": SIGNER})
    data = review_json(cli, "HEAD")
    ripple = next(r for r in data["ripples"] if r["symbol"]["name"] == "default_digest_method")
    assert ripple["symbol"]["producers"] == ["_lazy_sha1"]
    assert ripple["settled_by"] is not None and ripple["settled_by"]["line"] == 18


def test_an_attribute_no_longer_read_leads_to_its_readers(repo, cli):
    """REVIEW-6: `sign()` stops reading `self.sep`; `unsign()` still splits on it."""
    base(repo)
    repo.commit(
        "tilde",
        {"src/itsdangerous/signer.py": TILDE},
    )
    data = review_json(cli, "HEAD")
    ripple = next(r for r in data["ripples"] if r["symbol"]["name"] == "sep")
    assert ripple["symbol"]["kind"] == "unread"
    assert any(use["function"] == "unsign" for use in ripple["uses"]), ripple["uses"]
    about_sep = [q for q in data["questions"] if "`sep`" in q["statement"]["text"]]
    assert about_sep and about_sep[0]["acts"][0]["name"] in ("sign", "sep")
    out = cli("review", "HEAD").out
    assert "`sep` is no longer read at src/itsdangerous/signer.py:" in out
    assert "does this change still agree with them?" in out


def test_a_hunk_names_the_function_it_is_in_not_the_one_before(repo, cli):
    """REVIEW-5: git's hunk header names the last `def` above the hunk; a change at module level
    after a function is not a change of that function."""
    module = "def t():\n    return 1\n\n\nregister(1)\nregister(2)\nregister(3)\n"
    repo.commit("base", {"specs/signing.md": SPEC, "src/itsdangerous/util.py": module})
    repo.commit(
        "module level",
        {"src/itsdangerous/util.py": module.replace("register(3)", "register(4)  # SIGN-1")},
    )
    data = review_json(cli, "HEAD")
    question = next(q for q in data["questions"] if q["statement"]["id"] == "SIGN-1")
    assert question["acts"] == [{"verb": "changes", "name": "", "using": ""}]
    assert "changes `t()`" not in cli("review", "HEAD").out


def test_prose_mentions_are_not_uses(repo, cli):
    """REVIEW-E6: a reST page and PKG-INFO that mention a name neither read nor call it."""
    base(repo)
    repo.commit(
        "docs",
        {
            "docs/signing.rst": "Signing\n=======\n\nThe sep is kept in than a given age.\n"
            "Use sep(value) to split.\n",
            "PKG-INFO": "Summary: sep and age.\n",
        },
    )
    repo.commit(
        "tilde",
        {"src/itsdangerous/signer.py": TILDE},
    )
    data = review_json(cli, "HEAD")
    places = {use["path"] for r in data["ripples"] for use in r["uses"]}
    assert places == {"src/itsdangerous/signer.py"}
    context = json.loads(cli("context", "sep", "--format", "json").out)
    assert all(use["path"].endswith(".py") for use in context["name"]["uses"])


def test_a_ripple_says_how_many_places_it_leaves_out(repo, cli):
    """REVIEW-6: past the six places shown, the count of the others, never a silent cut."""
    readers = "".join(f"def read_{n}(token):\n    return token.expires_at\n\n\n" for n in range(9))
    repo.commit(
        "base",
        {
            "specs/signing.md": SPEC,
            "src/itsdangerous/token.py": "def issue(token):\n    token.expires_at = 10\n",
            "src/itsdangerous/readers.py": readers,
        },
    )
    repo.commit(
        "longer",
        {"src/itsdangerous/token.py": "def issue(token):\n    token.expires_at = 20\n"},
    )
    data = review_json(cli, "HEAD")
    ripple = next(r for r in data["ripples"] if r["symbol"]["name"] == "expires_at")
    assert len(ripple["uses"]) == 6 and ripple["more"] == 3
    assert "and 3 more places (at least)" in cli("review", "HEAD").out


def test_a_prose_hunk_changes_lines_not_its_heading(repo, cli):
    """REVIEW-5: git's header of a Markdown hunk is a heading such as `## Check (the hook)`; the
    question about the ID the hunk names says it changes these lines, not `Check()`."""
    page = "# Guide\n\n" + "".join(f"line {n}\n" for n in range(12)) + "Check (the hook)\n"
    page += "- one\n- two\n- three\n- four\n"
    repo.commit("base", {"specs/signing.md": SPEC, "docs/guide.md": page})
    repo.commit("doc", {"docs/guide.md": page + "SIGN-1 is kept across releases.\n"})
    data = review_json(cli, "HEAD")
    question = next(q for q in data["questions"] if q["statement"]["id"] == "SIGN-1")
    assert question["acts"] == [{"verb": "changes", "name": "", "using": ""}]
