"""REVIEW-15's account of the change (its subject lines, its new tests' names): where it speaks
and where it does not. Real repositories, through the CLI."""

from __future__ import annotations

from testing.util import review_json

FORM_SPEC = """---
id: FORM
scope: [pkg/**]
---
# Form parsing

## Context
- `parse_form()` reads the body and calls `on_field` for each field.

## Requirements
- FORM-1: `multipart/form-data` without a boundary is a `FormParserError`.
- FORM-2: A part whose Content-Disposition has a `filename` becomes a `File`.

## Edge Cases
- FORM-E1: A part without a name.
"""

FORM = """class FormParserError(ValueError):
    pass


def parse_form(content_type, boundary, on_field, version=1):
    if content_type == "multipart/form-data" and boundary is None:
        raise FormParserError("No boundary given")
    on_field(content_type)
"""

SUBJECT = "Don't warn when CRLF is found after the last multipart boundary without data"


def asked(review: dict[str, object]) -> list[tuple[str, str]]:
    questions = review["questions"]
    assert isinstance(questions, list)
    return [(q["path"], q["statement"]["id"]) for q in questions]


def test_a_version_string_is_no_hunk_the_account_speaks_of(repo, cli):
    """REVIEW-E266: Kludex/python-multipart `c4fe4d3` bumped `__version__` under a subject
    that shares "boundary", "data", "multipart", "without" with FORM-1: the bump asked FORM-1,
    which the same diff under "Version 0.0.19" did not. A hunk giving a version's name a value
    written whole (`__version__`, `VERSION = (1, 2)`) asks nothing of the account's words; the
    code the subject speaks of still does, and so does a line that reads a version."""
    files = {"specs/form.md": FORM_SPEC, "pkg/form.py": FORM}
    repo.commit("base", {**files, "pkg/__init__.py": '__version__ = "0.0.18"\n'})
    repo.commit(SUBJECT, {"pkg/__init__.py": '__version__ = "0.0.19"\n'})
    assert asked(review_json(cli, "HEAD", "--all")) == []
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.commit(SUBJECT, {"pkg/__init__.py": "VERSION = (0, 0, 19)\n"})
    assert asked(review_json(cli, "HEAD", "--all")) == []
    repo.git("reset", "-q", "--hard", "HEAD~1")

    # the same subject, over code that does something: still asked
    read = FORM.replace(
        "    on_field(content_type)",
        "    if version >= 2:\n        return\n    on_field(content_type)",
    )
    bumped = {"pkg/__init__.py": '__version__ = "0.0.19"\n', "pkg/form.py": read}
    repo.commit(SUBJECT, bumped)
    got = asked(review_json(cli, "HEAD", "--all"))
    assert ("pkg/form.py", "FORM-1") in got
    assert [path for path, _ in got if path != "pkg/form.py"] == []
    repo.git("reset", "-q", "--hard", "HEAD~1")
    # a version assigned from what the code reads, a protocol's, are no version strings
    for line in ("__version__ = read_version()", 'HTTP_VERSION = "1.1"', 'conversion = "utf-8"'):
        repo.commit(SUBJECT, {"pkg/__init__.py": f"{line}\n"})
        assert asked(review_json(cli, "HEAD", "--all")) == [("pkg/__init__.py", "FORM-1")], line
        repo.git("reset", "-q", "--hard", "HEAD~1")


VERIFY_SPEC = """---
id: VERIFY
scope: [lib/**]
---
# Verify

## Requirements
- VERIFY-2: A token without a signature is rejected (`jwt signature is required`).
- VERIFY-3: A bad signature is `invalid signature`.
- VERIFY-4: With `complete`, `verify()` returns the header, the payload and the `signature`.
"""

VERIFY = """function verify(token, options) {
  const decoded = decode(token);
  if (options.complete) {
    return { header: decoded.header, payload: decoded.payload };
  }
  return decoded.payload;
}

module.exports = verify;
"""


def test_the_words_of_a_message_a_statement_quotes_name_nothing(repo, cli):
    """REVIEW-E267: auth0/node-jsonwebtoken `8737789` added `signature: decodedToken.signature`
    to `verify()`'s complete result; VERIFY-3 ("a bad signature is `invalid signature`") and
    VERIFY-2 (`jwt signature is required`) were asked as naming `signature`: a span of lowercase
    words alone is a message's text. The statement naming `signature` still is asked, and so is
    one quoting code of several words (`return signature`)."""
    repo.commit("base", {"specs/verify.md": VERIFY_SPEC, "lib/verify.js": VERIFY})
    added = VERIFY.replace(
        "payload: decoded.payload };", "payload: decoded.payload, signature: decoded.signature };"
    )
    repo.commit("Add the signature", {"lib/verify.js": added})
    got = [statement for _, statement in asked(review_json(cli, "HEAD", "--all"))]
    assert "VERIFY-4" in got
    assert "VERIFY-2" not in got and "VERIFY-3" not in got, got

    coded = VERIFY_SPEC.replace(
        "A bad signature is `invalid signature`.", "It may `return signature`."
    )
    repo.commit("spec", {"specs/verify.md": coded})
    repo.commit("Add the signature", {"lib/verify.js": VERIFY})
    repo.commit("Add the signature", {"lib/verify.js": added})
    assert "VERIFY-3" in [statement for _, statement in asked(review_json(cli, "HEAD", "--all"))]


def test_a_range_s_message_speaks_for_the_files_its_commit_changes(repo, cli):
    """REVIEW-E402: in a range, a commit's subject and the tests it adds are the account of the
    files that commit changes, not of every file of the range (this repository's review of
    `dfac816..HEAD` asked, first, a Context line that a `body` in `pyexits.py` met only
    through other commits' subjects and tests). A lone commit of both files, and a merge's
    message, still speak for every file."""
    files = {"specs/form.md": FORM_SPEC, "pkg/form.py": FORM, "pkg/__init__.py": "x = 1\n"}
    base = repo.commit("base", files)
    read = FORM.replace(
        "    on_field(content_type)",
        "    if version >= 2:\n        return\n    on_field(content_type)",
    )
    test = "def test_multipart_boundary_without_data():\n    assert True\n"
    repo.commit(SUBJECT, {"pkg/form.py": read, "tests/test_form.py": test})
    repo.commit("Name the encoding", {"pkg/__init__.py": 'conversion = "utf-8"\n'})
    got = asked(review_json(cli, f"{base}..HEAD", "--all"))
    assert ("pkg/form.py", "FORM-1") in got and ("pkg/__init__.py", "FORM-1") not in got

    # the same two files in one commit: its subject is the account of both
    repo.git("reset", "-q", "--soft", base)
    repo.git("commit", "-q", "-m", SUBJECT)
    got = asked(review_json(cli, f"{base}..HEAD", "--all"))
    assert ("pkg/__init__.py", "FORM-1") in got and ("pkg/form.py", "FORM-1") in got

    # a merge names no file: its message is the account of every file it brings
    repo.git("reset", "-q", "--hard", base)
    repo.git("switch", "-q", "-c", "topic")
    repo.commit("Read the form", {"pkg/form.py": read})
    repo.commit("Name the encoding", {"pkg/__init__.py": 'conversion = "utf-8"\n'})
    repo.git("switch", "-q", "main")
    repo.commit("Elsewhere", {"README.md": "readme\n"})
    repo.git("merge", "-q", "--no-ff", "-m", SUBJECT, "topic")
    got = asked(review_json(cli, f"{base}..HEAD", "--all"))
    assert ("pkg/__init__.py", "FORM-1") in got and ("pkg/form.py", "FORM-1") in got


def test_a_message_holding_control_bytes_speaks_for_its_commit_s_files(repo, cli):
    """GIT-13: a commit message may hold any byte but NUL: a body with \\x01 (which split
    the log into a commit of no paths, so speaking for every file) or \\x02 (which cut the
    message and read its rest as the commit's paths) still speaks for its commit's files only,
    and `check` reads the same commits."""
    files = {"specs/form.md": FORM_SPEC, "pkg/form.py": FORM, "pkg/__init__.py": "x = 1\n"}
    read = FORM.replace(
        "    on_field(content_type)",
        "    if version >= 2:\n        return\n    on_field(content_type)",
    )
    for byte in ("\x01", "\x02"):
        base = repo.commit("base", files)
        repo.commit(
            f"{SUBJECT}\n\nSeen in a form with {byte} in it\nby a user", {"pkg/form.py": read}
        )
        repo.commit("Name the encoding", {"pkg/__init__.py": 'conversion = "utf-8"\n'})
        got = asked(review_json(cli, f"{base}..HEAD", "--all"))
        assert ("pkg/form.py", "FORM-1") in got, (repr(byte), got)
        assert ("pkg/__init__.py", "FORM-1") not in got, (repr(byte), got)
        repo.commit(f"Read FORM-9\n\nwith a {byte}\nFORM-8 too", {"pkg/__init__.py": "x = 2\n"})
        result = cli("check", f"{base}..HEAD")
        assert "Traceback" not in result.err and "failed" not in result.err, result
        assert "FORM-9" in result.out + result.err, result
        repo.git("reset", "-q", "--hard", base)


def test_each_message_of_a_range_is_read_once(repo, cli, monkeypatch):
    """REVIEW-E406: a range's files each have their own account (REVIEW-E402), and a merge's
    message is in every one: each message's words are read once, not once per file's account
    (a 1,000-file range with its merges read each merge's subject a thousand times, and each
    account's words against every statement)."""
    from specflow import said

    read: list[str] = []

    def counted(messages, prefixes=frozenset()):  # type: ignore[no-untyped-def]
        read.extend(messages)
        return message_words(messages, prefixes)

    message_words = said.message_words
    monkeypatch.setattr(said, "message_words", counted)
    files = {f"pkg/m{n}.py": f"def m{n}():\n    return {n}\n" for n in range(12)}
    base = repo.commit("base", {"specs/form.md": FORM_SPEC, **files})
    for half in (range(6), range(6, 12)):
        repo.git("switch", "-q", "-c", f"topic{half[0]}", base)
        for n in half:
            repo.commit(f"Return more from m{n}", {f"pkg/m{n}.py": f"def m{n}():\n    return -1\n"})
        repo.git("switch", "-q", "main")
        repo.git(
            "merge", "-q", "--no-ff", "-m", f"Merge the boundary work {half[0]}", f"topic{half[0]}"
        )
    review_json(cli, f"{base}..HEAD", "--all")
    assert len(read) == 14
    assert sorted(read) == sorted(set(read)), len(read)


CLIENT_SPEC = """---
id: CLIENT
scope: ["lib/**"]
---
# Client

## Requirements
- CLIENT-1: `Client` sends requests for the application.
- CLIENT-2: The user agent string names the retries count.
"""

CLIENT = """class Client:
    VERSION = "1.0"

    def send(self):
        return self.VERSION
"""


def test_a_version_in_a_class_another_spec_names_asks_nothing_of_the_account(repo, cli):
    """REVIEW-E266 for the definitions around a hunk: a version bump inside `Client`, which a
    spec that does not govern the file names, under a subject sharing "user", "agent" and
    "retries" with that spec's CLIENT-2, asked CLIENT-2 by those words (the rows of the specs
    naming the definition took the account whole); the same bump under "Version 1.1" did not."""
    repo.commit("base", {"specs/client.md": CLIENT_SPEC, "pkg/client.py": CLIENT})
    bumped = {"pkg/client.py": CLIENT.replace('"1.0"', '"1.1"')}
    repo.commit("Send the user agent with its retries count", bumped)
    assert "CLIENT-2" not in asked_ids(review_json(cli, "HEAD", "--all"))
    # what the class does, under the same subject: the account speaks of it
    repo.git("reset", "-q", "--hard", "HEAD~1")
    sent = {"pkg/client.py": CLIENT.replace("return self.VERSION", "return [self.VERSION]")}
    repo.commit("Send the user agent with its retries count", sent)
    assert "CLIENT-2" in asked_ids(review_json(cli, "HEAD", "--all"))


def asked_ids(review: dict[str, object]) -> set[str]:
    return {statement_id for _, statement_id in asked(review) if statement_id}
