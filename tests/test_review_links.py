"""REVIEW-15, REVIEW-16, REVIEW-17: questions with evidence a reviewer can check, silence on
changes that alter no behaviour, and a budget. Real repositories, through the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from testing.util import review_json

AUTH_SPEC = """---
id: AUTH
scope: [requests/auth.py]
---
# Authentication

## Context
- `HTTPBasicAuth` sends the credentials in the Authorization header on every request.
- `HTTPDigestAuth` keeps its nonce count per thread, in `_thread_local`.

## Requirements
- AUTH-1: Basic auth encodes str credentials as latin1 before base64.
- AUTH-2: Digest auth hashes with the algorithm the server names: MD5, SHA, SHA-256 or SHA-512.
- AUTH-3: Digest auth answers a 401 challenge once, with a fresh nonce.

## Edge Cases
- AUTH-E1: A server that names an algorithm the client does not know.
"""

AUTH = '''"""Authentication handlers."""
import hashlib
from base64 import b64encode


def _basic_auth_str(username, password):
    """Returns a Basic Auth string."""
    username = username.encode("latin1")
    password = password.encode("latin1")
    return "Basic " + b64encode(b":".join((username, password))).decode()


class HTTPBasicAuth:
    def __init__(self, username, password):
        self.username = username
        self.password = password

    def __call__(self, r):
        r.headers["Authorization"] = _basic_auth_str(self.username, self.password)
        return r


class HTTPDigestAuth:
    def __init__(self, username, password):
        self.username = username
        self.password = password
        self._thread_local = None

    def build_digest_header(self, method, url, algorithm):
        if algorithm == "MD5":
            def hash_utf8(x):
                return hashlib.md5(x.encode()).hexdigest()
        elif algorithm == "SHA":
            def hash_utf8(x):
                return hashlib.sha1(x.encode()).hexdigest()
        else:
            hash_utf8 = None
        return hash_utf8
'''


def asked(data: dict[str, Any]) -> list[str]:
    return [q["statement"]["id"] or f"C{q['statement']['line']}" for q in data["questions"]]


def base(repo: Any) -> None:
    repo.commit("base", {"specs/auth.md": AUTH_SPEC, "requests/auth.py": AUTH})


def test_a_digest_change_asks_about_digest_auth_not_basic_auth(repo, cli):
    """REVIEW-15: `sha1` and `latin1` share only the fragment `1`: the change inside
    `HTTPDigestAuth` is asked about the Digest requirements, whose words meet the class's name,
    never about Basic auth's latin1."""
    base(repo)
    repo.commit(
        "Digest hashes are not for security",
        {
            "requests/auth.py": AUTH.replace(
                "hashlib.sha1(x.encode())", "hashlib.sha1(x.encode(), usedforsecurity=False)"
            ).replace("hashlib.md5(x.encode())", "hashlib.md5(x.encode(), usedforsecurity=False)")
        },
    )
    data = review_json(cli, "HEAD")
    ids = asked(data)

    assert "AUTH-1" not in ids
    assert {"AUTH-2", "AUTH-3"} <= set(ids), ids
    assert "C8" not in ids  # HTTPBasicAuth
    first = data["questions"][0]
    assert first["acts"] == [{"verb": "changes", "name": "build_digest_header", "using": ""}]
    words = {q["statement"]["id"]: q["evidence"] for q in data["questions"]}
    assert words["AUTH-2"]["kind"] == "identifier-part"  # "Digest auth" meets HTTPDigestAuth
    assert "HTTPDigestAuth" in words["AUTH-2"]["names"]
    assert all(not word.isdigit() for q in data["questions"] for word in q["evidence"]["words"])


def test_an_exact_identifier_outranks_a_split_one(repo, cli):
    """REVIEW-15: the Context line that names `_thread_local`, which the hunk writes, comes
    before the requirements whose words meet `HTTPDigestAuth`, around it."""
    base(repo)
    repo.commit(
        "more",
        {
            "requests/auth.py": AUTH.replace(
                "self._thread_local = None", "self._thread_local = threading.local()"
            )
        },
    )
    data = review_json(cli, "HEAD", "--all")
    kinds = [q["evidence"]["kind"] for q in data["questions"]]
    assert kinds[0] == "identifier" and "identifier-part" in kinds
    assert kinds.index("identifier-part") > kinds.index("identifier")
    confidences = [q["confidence"] for q in data["questions"]]
    assert confidences == sorted(confidences, reverse=True)


TIMED_SPEC = """---
id: TIMED
scope: [timed.py]
---
# Timed tokens

## Requirements
- TIMED-1: A token older than `max_age` raises `SignatureExpired`.
- TIMED-2: A malformed timestamp raises `BadTimeSignature`, never another exception.
"""

TIMED = """from datetime import datetime, timezone


class BadTimeSignature(Exception):
    pass


def to_datetime(ts, value):
    try:
        return datetime.fromtimestamp(ts, tz=timezone.utc)
    except ValueError as exc:
        raise BadTimeSignature("Malformed timestamp", value) from exc


def age(then, now):
    if then > now:
        return 0
    return now - then
"""


def test_a_changed_condition_asks_about_the_block_it_governs(repo, cli):
    """REVIEW-18: `except ValueError` to `except (ValueError, OSError)` changes which errors
    reach `raise BadTimeSignature(...)`: TIMED-2 is asked; a changed `if` test whose block
    names nothing a statement says asks nothing."""
    repo.commit("base", {"specs/timed.md": TIMED_SPEC, "timed.py": TIMED})
    caught = TIMED.replace("except ValueError", "except (ValueError, OSError)")
    repo.commit("catch", {"timed.py": caught})
    assert asked(review_json(cli, "HEAD")) == ["TIMED-2"]
    repo.commit("if", {"timed.py": caught.replace("if then > now", "if then >= now")})
    assert asked(review_json(cli, "HEAD")) == []


VERSION_SPEC = """---
id: VERSION
scope: [version.py]
---
# Versions

## Requirements
- VERSION-1: `Version.public` drops the local segment.
- VERSION-2: Two versions that differ only in `public` order by their local segment.
- VERSION-3: `base_version` and `public` keep the epoch.
"""

SPECIFIER_SPEC = """---
id: SPEC
scope: [specifiers.py]
---
# Specifiers

## Requirements
- SPEC-1: The inclusive operators compare a candidate's release without its local label.
"""

SPECIFIERS = """def compare_less_equal(prospective, spec):
    return prospective <= spec
"""


def test_links_outside_the_candidates_never_take_a_candidates_place(repo, cli):
    """REVIEW-3: the hunk reads `public`, which three requirements of a spec that does not
    govern the file name; those links are asked only if the hunk wrote it, so they do not
    crowd out SPEC-1, in the file's own spec, whose words the hunk meets."""
    repo.commit(
        "base",
        {
            "specs/version.md": VERSION_SPEC,
            "specs/specifiers.md": SPECIFIER_SPEC,
            "specifiers.py": SPECIFIERS,
        },
    )
    changed = SPECIFIERS.replace(
        "return prospective <= spec",
        "candidate = prospective.public  # the release without its local label\n"
        "    return candidate <= spec",
    )
    repo.commit("public", {"specifiers.py": changed})
    assert asked(review_json(cli, "HEAD", "--all")) == ["SPEC-1"]


HASH_SPEC = """---
id: VERSION
scope: [version.py]
---
# Versions

## Context
- `__hash__()` and `__eq__()` read the comparison key only.

## Requirements
- VERSION-1: Two versions equal by their comparison key hash alike.
"""

REQUIREMENT = """class Requirement:
    def __hash__(self):
        return hash((self.name, str(self.specifier)))
"""


def test_a_method_every_class_defines_names_only_its_own_class(repo, cli):
    """REVIEW-3: a hunk inside `Requirement.__hash__`, in a file no spec governs, is not inside
    a definition the spec names: `__hash__()` alone may be any class's; once the spec names
    `Requirement.__hash__()`, it is."""
    repo.commit("base", {"specs/version.md": HASH_SPEC, "requirements.py": REQUIREMENT})
    canonical = REQUIREMENT.replace(
        "        return hash((self.name, str(self.specifier)))",
        "        comparison_key = (canonicalize_name(self.name), str(self.specifier))\n"
        "        return hash(comparison_key)",
    )
    repo.commit("hash", {"requirements.py": canonical})
    assert asked(review_json(cli, "HEAD", "--all")) == []
    named = HASH_SPEC.replace("`__hash__()`", "`Requirement.__hash__()`")
    repo.commit("spec", {"specs/version.md": named, "requirements.py": REQUIREMENT})
    repo.commit("hash again", {"requirements.py": canonical})
    assert asked(review_json(cli, "HEAD", "--all")) != []


def test_a_hunk_outside_every_scope_sharing_only_common_words_asks_nothing(repo, cli):
    """REVIEW-15: `request`, `header`, `401` in a file no spec governs: words alone, outside
    the scope, are never a question."""
    base(repo)
    repo.commit(
        "api",
        {
            "requests/api.py": (
                "def request(method, url, headers):\n"
                "    if status == 401:\n"
                "        headers['Authorization'] = None\n"
                "    return send(method, url, headers)\n"
            )
        },
    )
    data = review_json(cli, "HEAD")
    assert data["questions"] == []
    assert data["unlinked"] == [{"path": "requests/api.py", "start": 1, "end": 4}]


def test_outside_its_candidates_only_a_named_thing_the_hunk_writes_links(repo, cli):
    """REVIEW-15: a file that no spec's scope covers, that only calls `HTTPDigestAuth` and
    reads `_thread_local`, asks nothing (its spec is not a candidate); writing `_thread_local`
    there is certain, and asked."""
    base(repo)
    calls = "def prepare(auth, state):\n    return HTTPDigestAuth(*auth), state._thread_local\n"
    repo.commit("sessions", {"requests/sessions.py": "def prepare(auth):\n    return auth\n"})
    repo.commit("calls", {"requests/sessions.py": calls})
    assert review_json(cli, "HEAD")["questions"] == []

    writes = calls + "\n\ndef reset(state):\n    state._thread_local = None\n"
    repo.commit("writes", {"requests/sessions.py": writes})
    questions = review_json(cli, "HEAD")["questions"]
    assert [(q["statement"]["kind"], q["evidence"]["names"]) for q in questions] == [
        ("context", ["_thread_local"])
    ]
    assert questions[0]["confidence"] >= 0.95


MARKUP_SPEC = """---
id: MARKUP
scope: [src/markup.py]
---
# Markup

## Requirements
- MARKUP-1: Methods that return parts of the string (`split`, `partition`) return `Markup`.
- MARKUP-2: `striptags()` collapses whitespace with `join` once tags are gone.
"""

MARKUP = """class Markup(str):
    def partition(self, sep):
        return tuple(map(Markup, super().partition(sep)))

    def striptags(self):
        return self
"""


def test_a_name_every_program_uses_links_only_where_it_is_defined(repo, cli):
    """REVIEW-15: a hunk that calls `split` and `join` says nothing about the statements that
    name them (every program does); one that changes `partition` itself does."""
    repo.commit("base", {"specs/markup.md": MARKUP_SPEC, "src/markup.py": MARKUP})
    calls = MARKUP.replace(
        "        return self\n",
        "        return ' '.join(self.split())\n",
    )
    repo.commit("calls", {"src/markup.py": calls})
    asked = review_json(cli, "HEAD", "--all")["questions"]  # REVIEW-E108: inside `striptags`
    assert all(q["evidence"]["kind"] == "enclosing" for q in asked), asked
    assert not any({"split", "join"} & set(q["evidence"]["names"]) for q in asked)

    repo.commit("defines", {"src/markup.py": calls.replace("map(Markup, ", "map(type(self), ")})
    questions = review_json(cli, "HEAD")["questions"]
    assert [q["statement"]["id"] for q in questions] == ["MARKUP-1"]
    assert "partition" in questions[0]["evidence"]["names"]


NETRC_SPEC = """---
id: NET
scope: [src/netrc_auth.py]
---
# Credentials from netrc

## Requirements
- NET-1: Credentials from netrc are used only when no auth is given.
- NET-2: Basic credentials are encoded as latin1.

## Edge Cases
- NET-E1: A netrc entry with an empty login or password gives no credentials.
"""

LOOKUP = (
    "def lookup(entries, host):\n    found = entries.get(host)\n    if found:\n"
    "        return found\n"
)


def test_the_subject_line_of_the_message_says_what_the_change_alters(repo, cli):
    """REVIEW-15: `if found and any(found)` shares no word with the spec; its subject line,
    "Ignore empty netrc entries", shares three with NET-E1 (and one only with NET-1): asked,
    with the words shown. The same words in the message's body, under a subject that says
    nothing, ask nothing; a forge's merge commit is read by the pull request's title."""
    repo.commit("base", {"specs/netrc.md": NETRC_SPEC, "src/netrc_auth.py": LOOKUP})
    empty = {"src/netrc_auth.py": LOOKUP.replace("if found:", "if found and any(found):")}
    repo.commit("Tidy the lookup\n\nIgnore empty netrc entries.", empty)
    assert review_json(cli, "HEAD", "--all")["questions"] == []

    repo.git("reset", "-q", "--hard", "HEAD~1")
    for message in (
        "Ignore empty netrc entries",
        "Merge pull request #7 from a/b\n\nIgnore empty netrc entries",
    ):
        repo.commit(message, empty)
        questions = review_json(cli, "HEAD", "--all")["questions"]
        assert [q["statement"]["id"] for q in questions] == ["NET-E1"], message
        assert {"empty", "entry", "netrc"} <= set(questions[0]["evidence"]["words"])
        repo.git("reset", "-q", "--hard", "HEAD~1")


def test_a_trailer_a_squash_glued_to_the_subject_says_nothing_of_the_change(repo, cli):
    """REVIEW-E158: GitHub's squash of tomlkit's pull requests glues `Signed-off-by:` to the
    subject line (`...keyFixes #332Signed-off-by: Frost Ming`): the name there is no word of
    the change, and asks nothing; the subject before it still counts."""
    repo.commit("base", {"specs/netrc.md": NETRC_SPEC, "src/netrc_auth.py": LOOKUP})
    empty = {"src/netrc_auth.py": LOOKUP.replace("if found:", "if found and any(found):")}
    glued = "Tidy the lookupFixes #3Signed-off-by: Empty Netrc Entries <entries@example.org>"
    repo.commit(f"{glued}\n\nSigned-off-by: Empty Netrc Entries <entries@example.org>", empty)
    assert review_json(cli, "HEAD", "--all")["questions"] == []
    repo.git("reset", "-q", "--hard", "HEAD~1")
    repo.commit("Ignore empty netrc entriesCo-authored-by: A <a@example.org>", empty)
    questions = review_json(cli, "HEAD", "--all")["questions"]
    assert [q["statement"]["id"] for q in questions] == ["NET-E1"]


def test_words_the_author_says_count_weakly_even_when_the_code_uses_them_everywhere(repo, cli):
    """REVIEW-15: "netrc", "entry" and "empty" are in every module, so the hunk's words alone
    tell nothing; the subject line says them, and NET-E1 says them: a weak question."""
    everywhere = {f"src/m{n}.py": f"# an empty netrc entry, case {n}\n" for n in range(8)}
    repo.commit("base", {"specs/netrc.md": NETRC_SPEC, "src/netrc_auth.py": LOOKUP, **everywhere})
    empty = LOOKUP.replace("if found:", "if found and any(found):  # an empty netrc entry")
    repo.commit("Ignore empty netrc entries", {"src/netrc_auth.py": empty})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    assert [q["statement"]["id"] for q in questions] == ["NET-E1"]
    assert 0.5 <= questions[0]["confidence"] < 0.7


CROWDED_SPEC = """---
id: NET
scope: [src/netrc_auth.py]
---
# Credentials from netrc

## Requirements
- NET-1: `first_source` is read first.
- NET-2: `second_source` is read second.
- NET-3: `third_source` is read third.
- NET-4: `fourth_source` is read last.
- NET-5: A netrc entry with an empty login or password gives no credentials.
"""


def test_a_statement_the_author_speaks_of_is_never_crowded_out(repo, cli):
    """REVIEW-3, REVIEW-15: four requirements name what the hunk reads, more than a hunk keeps
    of one kind; the one its subject line speaks of is kept beside them, and asked."""
    reads = "    return (first_source, second_source, third_source, fourth_source)\n"
    repo.commit("base", {"specs/netrc.md": CROWDED_SPEC, "src/netrc_auth.py": LOOKUP})
    repo.commit("Ignore empty netrc entries", {"src/netrc_auth.py": LOOKUP + reads})
    asked = [q["statement"]["id"] for q in review_json(cli, "HEAD", "--all")["questions"]]
    assert "NET-5" in asked and len(asked) == 4, asked


def test_the_names_of_the_tests_a_change_adds_say_what_it_alters(repo, cli):
    """REVIEW-15: under a subject that says nothing, the test the change adds,
    `test_an_empty_netrc_entry_gives_nothing`, says it: NET-E1 is asked about the code's hunk
    (the test's own hunk asks only about the IDs it names)."""
    repo.commit("base", {"specs/netrc.md": NETRC_SPEC, "src/netrc_auth.py": LOOKUP})
    test = (
        "def test_an_empty_netrc_entry_gives_nothing():\n"
        "    assert lookup({'h': ('', '')}, 'h') is None\n"
    )
    repo.commit(
        "Tidy the lookup",
        {
            "src/netrc_auth.py": LOOKUP.replace("if found:", "if found and any(found):"),
            "tests/test_netrc.py": test,
        },
    )
    questions = review_json(cli, "HEAD", "--all")["questions"]
    assert [(q["statement"]["id"], q["path"]) for q in questions] == [
        ("NET-E1", "src/netrc_auth.py")
    ]


def test_questions_far_weaker_than_the_strongest_are_counted_not_shown(repo, cli):
    """REVIEW-17: the hunk writes `_thread_local` (certain) and calls `HTTPBasicAuth`; what is
    under 0.65 of the strongest question is left out and counted, and `--all` shows it."""
    base(repo)
    repo.commit(
        "digest state",
        {
            "requests/auth.py": AUTH.replace(
                "        self._thread_local = None",
                "        self._thread_local = threading.local()  # a digest nonce count\n"
                "        self.fallback = HTTPBasicAuth(username, password)",
            )
        },
    )
    data = review_json(cli, "HEAD")
    every = review_json(cli, "HEAD", "--all")["questions"]
    floor = data["questions"][0]["confidence"] * 0.65
    assert [q for q in every if q["confidence"] >= floor] == data["questions"]
    assert any(q["confidence"] < floor for q in every), every
    assert data["questions_not_shown"] == len(every) - len(data["questions"])


def test_the_budget_is_spread_over_the_files_of_a_change(repo, cli):
    """REVIEW-E41: a new file that names six IDs took the whole budget, and the other changed
    file's question was not shown; each file's first three now come first, in rank order."""
    spec = "---\nid: NOTE\n---\n# Notes\n\n## Requirements\n" + "".join(
        f"- NOTE-{n}: Rule {n}.\n" for n in range(1, 8)
    )
    config = "[tool.specflow.review]\nmax_questions = 4\n"
    repo.commit("notes", {"specs/note.md": spec, "pyproject.toml": config})
    names = "".join(f"# NOTE-{n}\n" for n in range(1, 7))
    repo.commit("both", {"src/a.py": names + "x = 1\n", "src/b.py": "# NOTE-7\ny = 2\n"})
    data = review_json(cli, "HEAD")
    shown = [(q["path"], q["statement"]["id"]) for q in data["questions"]]
    assert [path for path, _ in shown].count("src/a.py") == 3
    assert ("src/b.py", "NOTE-7") in shown and len(shown) == 4
    assert data["questions_not_shown"] == 3


def test_the_budget_is_spread_over_the_statements_of_a_change(repo, cli):
    """REVIEW-E55: a review of this repository's own session named SOURCES-11 in seven files,
    and seven of its ten questions were that one requirement; each statement's first question
    now comes before any statement's second, in rank order, and the rest stay countable."""
    spec = "---\nid: NOTE\n---\n# Notes\n\n## Requirements\n" + "".join(
        f"- NOTE-{n}: Rule {n}.\n" for n in range(1, 6)
    )
    config = "[tool.specflow.review]\nmax_questions = 4\n"
    repo.commit("notes", {"specs/note.md": spec, "pyproject.toml": config})
    files = {f"src/a{n}.py": f"# NOTE-1\nx{n} = 1\n" for n in range(1, 5)}
    files |= {"src/z.py": "# NOTE-4\n# NOTE-5\nz = 1\n"}
    repo.commit("many", files)
    data = review_json(cli, "HEAD")
    shown = [q["statement"]["id"] for q in data["questions"]]
    assert sorted(shown) == ["NOTE-1", "NOTE-1", "NOTE-4", "NOTE-5"], shown
    assert data["questions_not_shown"] == 2
    every = [q["statement"]["id"] for q in review_json(cli, "HEAD", "--all")["questions"]]
    assert every.count("NOTE-1") == 4


BLACKENED = '''"""Authentication handlers."""
import hashlib
from base64 import b64encode


def _basic_auth_str(username, password):
    """Returns a Basic Auth string."""
    username = username.encode('latin1')
    password = password.encode('latin1')
    return 'Basic ' + b64encode(
        b':'.join((username, password,))
    ).decode()
'''


def test_a_reformatted_module_asks_nothing_and_says_so(repo, cli):
    """REVIEW-16: quotes, line breaks and a trailing comma: the same syntax tree."""
    head = AUTH.split("\n\nclass HTTPBasicAuth")[0] + "\n"
    repo.commit("base", {"specs/auth.md": AUTH_SPEC, "requests/auth.py": head})
    repo.commit("black", {"requests/auth.py": BLACKENED})
    data = review_json(cli, "HEAD")

    assert data["questions"] == [] and data["ripples"] == []
    assert data["noop_files"] == ["requests/auth.py"]
    assert [f["path"] for f in data["files"]] == ["requests/auth.py"]  # still listed
    out = cli("review", "HEAD").out
    assert (
        "1 file changes only formatting, comments, docstrings or types: no spec questions." in out
    )


def assert_silent(repo: Any, cli: Any, text: str) -> None:
    """Committed over AUTH, `text` asks nothing and is listed as changing no behaviour."""
    repo.commit("edit", {"requests/auth.py": text})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["noop_files"] == ["requests/auth.py"]


def test_a_module_that_only_gains_annotations_asks_nothing(repo, cli):
    """REVIEW-16: parameter and return annotations and a typing import change no behaviour."""
    base(repo)
    typed = AUTH.replace(
        "import hashlib\n", "from __future__ import annotations\n\nimport hashlib\n"
    ).replace(
        "def _basic_auth_str(username, password):",
        "def _basic_auth_str(username: str | bytes, password: str | bytes) -> str:",
    )
    typed = typed.replace(
        "    def __call__(self, r):", "    def __call__(self, r: object) -> object:"
    )
    assert_silent(repo, cli, typed)


def test_an_edited_docstring_or_comment_asks_nothing(repo, cli):
    """REVIEW-16: a docstring and a comment are no behaviour."""
    base(repo)
    edited = AUTH.replace(
        '"""Returns a Basic Auth string."""',
        '"""The Basic Auth header value.\n\n    Latin-1, as RFC 7617 allows.\n    """',
    )
    edited = edited.replace(
        "        self._thread_local = None", "        self._thread_local = None  # set per thread"
    )
    assert_silent(repo, cli, edited)
    assert "no spec questions" in cli("review", "HEAD", "--format", "markdown").out


def test_a_behaviour_change_beside_a_docstring_change_is_still_asked(repo, cli):
    """REVIEW-16: silence is per hunk: the docstring hunk is quiet, the latin1 hunk is not."""
    base(repo)
    edited = AUTH.replace(
        '"""Authentication handlers."""', '"""Authentication handlers, for requests."""'
    )
    edited = edited.replace("hash_utf8 = None", "hash_utf8 = str")
    repo.commit("digest", {"requests/auth.py": edited})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == []
    assert "AUTH-2" in asked(data)
    assert all(hunk["start"] > 1 for q in data["questions"] for hunk in q["hunks"])


def many_functions(count: int, variant: str) -> str:
    """Functions far enough apart that each change is a hunk of its own."""
    body = "".join(f"    step_{k} = nonce\n" for k in range(8))
    return "".join(
        f"def digest_auth_{n}(nonce):\n{body}    return nonce + '{variant}{n}'\n\n\n"
        for n in range(count)
    )


def two_hundred_hunks(repo: Any) -> None:
    """Eight files of 25 changed functions each, among 40 files that name nothing."""
    files = {f"requests/auth_{k}.py": many_functions(25, "a") for k in range(8)}
    others = {f"requests/util_{k}.py": f"VALUE = {k}\n" for k in range(40)}
    spec = AUTH_SPEC.replace("scope: [requests/auth.py]", "scope: [requests/**]")
    repo.commit("base", {"specs/auth.md": spec, **files, **others})
    repo.commit("change", {path: many_functions(25, "b") for path in files})


def test_a_change_of_200_hunks_shows_the_budget_and_counts_the_rest(repo, cli):
    """REVIEW-17: one question per statement and file, listing its hunks; at most the budget,
    then how many weaker links were left out; `--all` shows every one."""
    two_hundred_hunks(repo)
    data = review_json(cli, "HEAD")

    assert sum(len(q["hunks"]) for q in review_json(cli, "HEAD", "--all")["questions"]) >= 200
    assert len(data["questions"]) == 10
    assert data["questions_not_shown"] > 0
    per_file = [(q["statement"]["line"], q["path"]) for q in data["questions"]]
    assert len(per_file) == len(set(per_file))  # never one question per hunk
    assert max(len(q["hunks"]) for q in data["questions"]) > 1
    out = cli("review", "HEAD").out
    assert f"{data['questions_not_shown']} weaker links not shown" in out

    every = review_json(cli, "HEAD", "--all")
    assert len(every["questions"]) == 10 + data["questions_not_shown"]
    assert every["questions_not_shown"] == 0


def test_the_budget_comes_from_the_configuration(repo, cli):
    """REVIEW-17: `[tool.specflow] review.max_questions`."""
    base(repo)
    repo.commit(
        "config",
        {
            "pyproject.toml": "[tool.specflow.review]\nmax_questions = 1\n",
            "requests/auth.py": AUTH.replace("hash_utf8 = None", "hash_utf8 = str"),
        },
    )
    data = review_json(cli, "HEAD")
    assert len(data["questions"]) == 1 and data["questions_not_shown"] >= 1


def test_a_bad_budget_is_a_configuration_error(repo, cli):
    """CLI-3: a typo in the new table is named, exit 2."""
    base(repo)
    repo.write({"pyproject.toml": "[tool.specflow.review]\nmax_question = 3\n"})
    result = cli("review", "HEAD")
    assert result.code == 2 and "max_questions" in result.err, result


def test_python2_leftovers_and_casts_change_nothing(repo, cli):
    """REVIEW-16: pyupgrade's `class X(object)` to `class X`, `super(X, self)` to `super()`, and a
    `typing.cast` around a value change no behaviour; a real change beside them still asks."""
    before = (
        "import typing as t\n\n\nclass HTTPDigestAuth(object):\n"
        "    def __init__(self, chal):\n        super(HTTPDigestAuth, self).__init__()\n"
        "        self._thread_local = chal\n"
    )
    after = (
        "import typing as t\n\n\nclass HTTPDigestAuth:\n"
        "    def __init__(self, chal):\n        super().__init__()\n"
        "        self._thread_local = t.cast(dict, chal)\n"
    )
    repo.commit("base", {"specs/auth.md": AUTH_SPEC, "requests/auth.py": before})
    repo.commit("pyupgrade", {"requests/auth.py": after})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["noop_files"] == ["requests/auth.py"]
    repo.commit("real", {"requests/auth.py": after.replace("t.cast(dict, chal)", "dict(chal)")})
    assert review_json(cli, "HEAD")["noop_files"] == []


def test_the_comment_and_the_markdown_follow_the_same_budget(repo, cli):
    """REVIEW-17: the pull-request comment and `--format markdown` show the review's strongest
    questions, strongest first, and say how many weaker ones they leave out."""
    two_hundred_hunks(repo)
    data = review_json(cli, "HEAD")
    hidden = data["questions_not_shown"]
    assert hidden > 0

    comment = cli("comment", "HEAD")
    assert comment.code == 0, comment
    asked = [line for line in comment.out.splitlines() if line.startswith("- [ ] `requests/auth_")]
    assert len(asked) == len(data["questions"])
    assert f"{hidden} weaker links not shown" in comment.out
    markdown = cli("review", "HEAD", "--format", "markdown").out
    assert markdown.count("- [ ] `requests/auth_") == len(data["questions"])
    assert f"{hidden} weaker links not shown" in markdown


def test_the_review_is_the_same_on_every_run(repo):
    """REVIEW-15: the identifiers a link shows come in the order the hunk has them, not in the
    order of string hashing: two runs with other hash seeds print the same JSON."""
    base(repo)
    repo.commit(
        "nonce",
        {
            "requests/auth.py": AUTH.replace(
                "self._thread_local = None",
                "self._thread_local = HTTPDigestAuth.fresh_state(threading.local())",
            )
        },
    )
    runs = [
        subprocess.run(
            [sys.executable, "-m", "specflow", "review", "HEAD", "--all", "--format", "json"],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4")
    ]
    assert len(set(runs)) == 1
    assert any(len(q["evidence"]["names"]) > 1 for q in json.loads(runs[0])["questions"])


def test_the_code_that_names_an_id_is_asked_before_the_test_and_the_guide(repo, cli):
    """REVIEW-19: a guide, a data file, a test and the code each name a requirement's ID in one
    change. All four are asked, the code first, then the test, then the data and the guide
    (which sort first by path); with a budget of one, only the code's question is shown."""
    base(repo)
    repo.commit(
        "Basic auth: latin1 (AUTH-1)",
        {
            "docs/guide.md": "# Guide\n\nBasic auth sends latin1 (AUTH-1).\n",
            "requests/auth.py": AUTH.replace(
                '    username = username.encode("latin1")\n',
                '    username = username.encode("iso-8859-1")  # AUTH-1\n',
            ),
            "tests/test_auth.py": "def test_latin1():  # AUTH-1\n    assert True\n",
            "bench/labels.yaml": "- sha: abc  # AUTH-1\n  kind: behaviour\n",
        },
    )
    data = review_json(cli, "HEAD")
    order = [
        (q["path"], q["confidence"]) for q in data["questions"] if q["statement"]["id"] == "AUTH-1"
    ]
    assert order == [
        ("requests/auth.py", 0.95),
        ("tests/test_auth.py", 0.85),
        ("bench/labels.yaml", 0.8),
        ("docs/guide.md", 0.8),
    ]

    repo.commit("budget", {"pyproject.toml": "[tool.specflow.review]\nmax_questions = 1\n"})
    budget = review_json(cli, "HEAD~1")
    assert [q["path"] for q in budget["questions"]] == ["requests/auth.py"]
    assert budget["questions_not_shown"] >= 2


def test_a_rule_the_change_writes_is_asked_before_the_old_rules_it_cites(repo, cli):
    """REVIEW-20: one change adds AUTH-4 to the spec and code that cites it, further down the
    file than a hunk citing the old AUTH-1. Both are certain (the code names their IDs); the
    new rule is asked first, where the two used to come by their place in the file."""
    base(repo)
    spec = AUTH_SPEC.replace(
        "\n## Edge Cases", "- AUTH-4: Tokens expire after an hour.\n\n## Edge Cases"
    )
    code = AUTH.replace(
        '    username = username.encode("latin1")\n',
        '    username = username.encode("iso-8859-1")  # AUTH-1\n',
    ).replace("        return hash_utf8\n", "        return hash_utf8 or None  # AUTH-4\n")
    repo.commit("Digest auth keeps no password", {"specs/auth.md": spec, "requests/auth.py": code})
    assert asked(review_json(cli, "HEAD"))[:2] == ["AUTH-4", "AUTH-1"]


SHA_256 = AUTH.replace(
    "        else:\n            hash_utf8 = None",
    '        elif algorithm == "SHA-256":\n'
    "            def hash_utf8(x):\n"
    "                return hashlib.sha256(x.encode()).hexdigest()\n"
    "        else:\n"
    "            hash_utf8 = None",
)


def test_what_the_code_must_do_is_asked_before_how_it_works(repo, cli):
    """REVIEW-21: a new algorithm in `build_digest_header` reads `algorithm`, which a Context
    line names (0.75 sure); AUTH-2 only shares words with it (0.74). The requirement, the rule
    the change may break, is asked first."""
    spec = AUTH_SPEC.replace(
        "## Requirements",
        "- `build_digest_header()` picks the hash function by `algorithm`.\n\n## Requirements",
    )
    repo.commit("base", {"specs/auth.md": spec, "requests/auth.py": AUTH})
    repo.commit("Support another algorithm", {"requests/auth.py": SHA_256})
    data = review_json(cli, "HEAD")
    sure = {
        q["statement"]["id"] or q["statement"]["text"]: q["confidence"] for q in data["questions"]
    }
    line = next(text for text in sure if "picks the hash" in str(text))
    assert sure[line] > sure["AUTH-2"], data["questions"]  # the Context line is surer
    assert asked(data)[:2] == ["AUTH-2", "C11"]
    text = cli("review", "HEAD").out  # the httpx trial: 0.74 shown above 0.75 reads as a bug
    assert "shared words: " in text and "confidence" not in text


def test_a_certain_question_stays_first_however_many_words_others_share(repo, cli):
    """REVIEW-21: the words a change shares with a statement raise it among the questions that
    are not certain; the hunk that names AUTH-3 is still asked about AUTH-3 first."""
    base(repo)
    code = SHA_256.replace("        return hash_utf8\n", "        return hash_utf8  # AUTH-3\n")
    message = "Digest auth hashes with SHA-256 when the server names that algorithm"
    repo.commit(message, {"requests/auth.py": code})
    data = review_json(cli, "HEAD")
    assert asked(data)[:2] == ["AUTH-3", "AUTH-2"], data["questions"]
    words = {q["statement"]["id"]: len(q["evidence"]["words"]) for q in data["questions"]}
    assert words["AUTH-2"] > words["AUTH-3"]


def test_a_hunk_in_a_named_function_sharing_a_word_with_the_statement_asks(repo, cli):
    """REVIEW-15: a hunk inside `build_digest_header`, which AUTH-4 names, is weak evidence;
    the word it shares with AUTH-4 (`algorithm`, rare in this code) makes it a question, and the
    question shows the word."""
    spec = AUTH_SPEC.replace(
        "\n## Edge Cases",
        "- AUTH-4: `build_digest_header()` gives nothing for an algorithm it does not know.\n"
        "\n## Edge Cases",
    )
    repo.commit("base", {"specs/auth.md": spec, "requests/auth.py": AUTH})
    code = AUTH.replace("            hash_utf8 = None", "            raise ValueError(algorithm)")
    repo.commit("Refuse the rest", {"requests/auth.py": code})
    found = {q["statement"]["id"]: q for q in review_json(cli, "HEAD")["questions"]}
    assert found["AUTH-4"]["evidence"] == {
        "kind": "enclosing",
        "names": ["build_digest_header"],
        "words": ["algorithm"],
    }


def test_an_import_is_no_evidence_but_a_call_of_what_it_imports_is(repo, cli):
    """REVIEW-E6, REVIEW-15: a hunk that only imports `HTTPDigestAuth` (a shim re-exporting it,
    as cachetools' deprecated modules do) does not change what it does: it is no identifier
    evidence (its words still count, as words); a hunk that calls it is."""
    base(repo)
    shim = '"""Deprecated."""\nfrom requests.digest import (\n    HTTPDigestAuth,\n)\n'
    repo.commit("a shim", {"requests/auth.py": AUTH + "\n" + shim})
    data = review_json(cli, "HEAD", "--all")
    assert [q for q in data["questions"] if q["evidence"]["kind"] == "identifier"] == []
    called = AUTH + "\n\ndef digest(user, password):\n    return HTTPDigestAuth(user, password)\n"
    repo.commit("a call", {"requests/auth.py": called})
    found = review_json(cli, "HEAD", "--all")["questions"]
    named = [q["evidence"]["names"] for q in found if q["evidence"]["kind"] == "identifier"]
    assert any("HTTPDigestAuth" in names for names in named), found


def test_a_name_added_inside_a_parenthesised_import_is_no_evidence(repo, cli):
    """REVIEW-E6: `HTTPDigestAuth,` added below the opening line of an import list (the hunk
    holds no `import` word: pyjwt's `jwt/__init__.py` exports) only imports it."""
    base(repo)
    shim = "from requests.digest import (\n    HTTPBasicAuth,\n)\n"
    repo.commit("a shim", {"requests/auth.py": AUTH + "\n" + shim})
    listed = shim.replace("    HTTPBasicAuth,\n", "    HTTPBasicAuth,\n    HTTPDigestAuth,\n")
    repo.commit("export digest", {"requests/auth.py": AUTH + "\n" + listed})
    data = review_json(cli, "HEAD", "--all")
    assert [q for q in data["questions"] if q["evidence"]["kind"] == "identifier"] == []
    argument = AUTH + "\n\nPAIR = pair(\n    HTTPBasicAuth,\n)\n"
    repo.commit("a call", {"requests/auth.py": argument})
    called = argument.replace("    HTTPBasicAuth,\n)", "    HTTPBasicAuth,\n    HTTPDigestAuth,\n)")
    repo.commit("a call's argument", {"requests/auth.py": called})
    found = review_json(cli, "HEAD", "--all")["questions"]
    named = [q["evidence"]["names"] for q in found if q["evidence"]["kind"] == "identifier"]
    assert any("HTTPDigestAuth" in names for names in named), found


def test_the_text_review_opens_with_its_questions(repo, cli):
    """REVIEW-17: in text and Markdown, the questions come before the affected spec's
    requirements (here all referenced nowhere, as on a project that names no IDs yet)."""
    base(repo)
    repo.commit(
        "Digest hashes are not for security",
        {
            "requests/auth.py": AUTH.replace(
                "hashlib.sha1(x.encode())", "hashlib.sha256(x.encode())"
            )
        },
    )
    result = cli("review", "HEAD")
    assert result.code == 0, result
    lines = result.out.splitlines()
    questions = lines.index("== Questions for the reviewer, strongest first ==")
    spec = next(i for i, line in enumerate(lines) if line.startswith("== AUTH: "))
    assert 0 < questions < spec, result.out
    assert "referenced nowhere" in result.out
    markdown = cli("review", "HEAD", "--format", "markdown").out
    assert 0 < markdown.index("**Questions for the reviewer**") < markdown.index("<details open>")


ESCAPES_SPEC = """---
id: ESC
scope: [src/escapes.py]
---
# Escapes

## Requirements
- ESC-1: `\\e` stands for `ESCAPE_CHARACTER`, U+001B.
"""

ESCAPES = """ESCAPE_CHARACTER = "\\u001B"
BASIC_ESCAPES = {
    "\\\\b": "\\u0008",
    "\\\\t": "\\u0009",
}
"""


def test_an_entry_added_to_a_dict_written_over_many_lines_writes_the_dict(repo, cli):
    """REVIEW-5: the hunk adds an entry inside `BASIC_ESCAPES = {...}`: it writes
    `BASIC_ESCAPES`, though the statement's first line is not among its lines."""
    repo.commit("base", {"specs/esc.md": ESCAPES_SPEC, "src/escapes.py": ESCAPES})
    added = ESCAPES.replace("}\n", '    "\\\\e": ESCAPE_CHARACTER,\n}\n')
    repo.commit("an escape", {"src/escapes.py": added})
    (question,) = review_json(cli, "HEAD")["questions"]
    assert question["statement"]["id"] == "ESC-1"
    assert question["acts"] == [{"verb": "writes", "name": "BASIC_ESCAPES", "using": ""}]


def test_what_a_question_says_the_hunk_does_starts_with_what_the_statement_names(repo, cli):
    """REVIEW-5: a hunk that writes six names, one of which (`_thread_local`) a Context line
    names: that question lists the write of `_thread_local` first, shows four and counts the
    rest; the JSON lists all six, the named one first."""
    base(repo)
    writes = "".join(f"        self.extra_{n} = {n}\n" for n in range(5))
    repo.commit(
        "state",
        {
            "requests/auth.py": AUTH.replace(
                "        self._thread_local = None\n",
                writes + "        self._thread_local = threading.local()\n",
            )
        },
    )
    data = review_json(cli, "HEAD", "--all")
    (question,) = [q for q in data["questions"] if "_thread_local" in q["statement"]["text"]]
    assert question["acts"][0]["name"] == "_thread_local"
    assert len(question["acts"]) == 6
    text = cli("review", "HEAD", "--all").out
    assert "writes `_thread_local` with `threading.local`; writes `extra_0`" in text
    assert "; and 2 more." in text


PLATFORM_SPEC = """---
id: PLATFORM
scope: [src/lock.py]
---
# Platform locks

## Context
- `UnixFileLock._release()` unlocks with `fcntl.flock` and closes the descriptor.

## Requirements
- PLATFORM-1: Releasing a lock closes its file descriptor.
"""

PLATFORM_LOCK = """import sys

if sys.platform == "win32":
    class UnixFileLock:
        def _release(self):
            raise NotImplementedError
else:
    import fcntl

    class UnixFileLock:
        def _release(self):
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
"""


def test_a_class_defined_under_an_if_is_around_its_hunks(repo, cli):
    """REVIEW-5: a method of a class defined in a branch of a module-level `if` (tox-dev/
    filelock's `_unix.py`) is what its changed lines change, not an unnamed place."""
    repo.commit("base", {"specs/platform.md": PLATFORM_SPEC, "src/lock.py": PLATFORM_LOCK})
    changed = PLATFORM_LOCK.replace("            os.close(self.fd)\n", "")
    repo.commit("keep the descriptor", {"src/lock.py": changed})
    data = review_json(cli, "HEAD")
    assert data["questions"]
    assert {act["name"] for q in data["questions"] for act in q["acts"]} == {"_release"}


LOCK_SPEC = """---
id: LOCK
scope: [src/lock.py]
---
# Locks

## Context
- `acquire()` polls until the lock is held or the timeout passes, then raises `Timeout`.

## Requirements
- LOCK-1: A lock that cannot be acquired within its timeout raises `Timeout`.
"""

LOCK = """import logging
import time

_LOGGER = logging.getLogger("lock")


class Timeout(TimeoutError):
    pass


def poll(lock, timeout):
    start = time.monotonic()
    while not lock.try_acquire():
        _LOGGER.debug("lock %s not acquired yet", id(lock))
        time.sleep(0.05)
    return start
"""


def test_the_text_of_a_log_message_is_no_evidence(repo, cli):
    """REVIEW-E20: a log message that says "acquire" and "Timeout" (tox-dev/filelock's logging
    commits) asks nothing; the same words in code still do."""
    repo.commit("base", {"specs/lock.md": LOCK_SPEC, "src/lock.py": LOCK})
    logged = LOCK.replace(
        '_LOGGER.debug("lock %s not acquired yet", id(lock))',
        '_LOGGER.info(\n            "Timeout not reached: waiting to acquire lock %s",'
        "\n            id(lock),\n        )",
    )
    repo.commit("log", {"src/lock.py": logged})
    assert review_json(cli, "HEAD")["questions"] == []
    coded = logged.replace("time.sleep(0.05)", "raise Timeout(acquire_timeout(lock))")
    repo.commit("raise", {"src/lock.py": coded})
    assert "LOCK-1" in asked(review_json(cli, "HEAD"))


def test_a_logger_a_function_returns_logs_prose_too(repo, cli):
    """REVIEW-E12, REVIEW-E20: `logger().debug(...)` and `logging.getLogger(...).debug(...)`
    log as `_LOGGER.debug(...)` does (tox-dev/filelock looked its logger up at first use):
    moving the calls there asks nothing about "acquire" or "Timeout", and a message then
    reworded is no change at all."""
    repo.commit("base", {"specs/lock.md": LOCK_SPEC, "src/lock.py": LOCK})
    called = LOCK.replace("_LOGGER.debug(", "logger().debug(").replace(
        '_LOGGER = logging.getLogger("lock")',
        'def logger():\n    return logging.getLogger("lock")',
    )
    repo.commit("look the logger up when used", {"src/lock.py": called})
    assert review_json(cli, "HEAD")["questions"] == []
    reworded = called.replace("not acquired yet", "not acquired yet: waiting for a Timeout")
    repo.commit("say more", {"src/lock.py": reworded})
    assert review_json(cli, "HEAD")["noop_files"] == ["src/lock.py"]
    named = reworded.replace("logger().debug(", 'logging.getLogger("lock").debug(')
    repo.commit("name it", {"src/lock.py": named.replace("waiting for", "acquire before")})
    assert review_json(cli, "HEAD")["questions"] == []


UTILS_SPEC = """---
id: NETRC
scope: [requests/utils.py]
---
# Credentials from netrc

## Requirements
- NETRC-1: `get_netrc_auth()` returns the login and password of the host from netrc, or None.
- NETRC-2: `super_len()` measures a body's length without reading the body.
"""

NETRC_UTILS = """import os


def get_netrc_auth(url):
    path = os.path.expanduser("~/.netrc")
    if not os.path.exists(path):
        return None
    separator = b":"
    return lookup(path, url.split("/")[2].split(separator.decode())[0])


def super_len(body):
    return len(body)
"""


def test_a_question_inside_a_named_function_says_so(repo, cli):
    """REVIEW-5: a hunk inside `get_netrc_auth()` that shares one word, common enough in the
    code not to link alone, with NETRC-1: its evidence is the function around the hunk, and
    the text and Markdown say so rather than list the words alone."""
    others = {f"requests/m{n}.py": f"# login {n}\n" if n < 4 else f"x = {n}\n" for n in range(18)}
    repo.commit("base", {"specs/netrc.md": UTILS_SPEC, "requests/utils.py": NETRC_UTILS, **others})
    tweaked = NETRC_UTILS.replace('separator = b":"', 'separator = b"@"  # the login ends at @')
    repo.commit("tweak", {"requests/utils.py": tweaked})
    [question] = review_json(cli, "HEAD")["questions"]
    assert question["evidence"] == {
        "kind": "enclosing",
        "names": ["get_netrc_auth"],
        "words": ["login"],
    }
    said = "it lies inside `get_netrc_auth`, which the statement names; shared words: login"
    assert said in cli("review", "HEAD").out
    assert said in cli("review", "HEAD", "--format", "markdown").out


def said_to_drop_undefined_values(repo, statement: str) -> None:
    """A commit whose subject shares its words with `statement` (X-1) and whose code no word."""
    spec = '---\nid: X\nscope: ["src/**"]\n---\n# X\n\n## Requirements\n' + f"- X-1: {statement}\n"
    merge = "def merge(a, b):\n    return {**a, **b}\n"
    repo.commit("base", {"specs/x.md": spec, "src/m.py": merge})
    merged = {"src/m.py": merge.replace("{**a, **b}", "{**b, **a}")}
    repo.commit("Drop undefined values before merging headers", merged)


def test_shared_words_are_shown_as_the_statement_writes_them(repo, cli):
    """REVIEW-E67 (the ky trial read "shared words: object, undefin"): the text and the
    pull-request comment show the statement's own words; the JSON keeps the stems it ranks."""
    said_to_drop_undefined_values(
        repo, "Undefined values are dropped before the headers are merged."
    )
    said = "shared words: dropped, headers, merged, undefined, values"
    assert said in cli("review", "HEAD").out
    assert said in cli("review", "HEAD", "--format", "markdown").out
    evidence = review_json(cli, "HEAD")["questions"][0]["evidence"]
    assert evidence["words"] == ["drop", "header", "merg", "undefin", "value"]


def test_a_shared_word_written_inside_a_name_is_shown_as_written(repo, cli):
    """REVIEW-E67 (helper-63's review): a statement that writes the word inside a name
    (`isUndefined()`) showed its stem, `undefin`."""
    said_to_drop_undefined_values(
        repo, "Values that `isUndefined()` accepts are dropped before headers merge."
    )
    text = cli("review", "HEAD").out
    assert "undefined" in text.split("shared words: ")[1].split(")")[0], text


MIDDLEWARE = """---
id: MW
scope: [pkg/**]
---
# Middleware

## Requirements
- MW-1: If the app sends nothing, `call_next()` raises `RuntimeError("No response returned.")`.
- MW-2: `{named}` is the handler's result, sent as it is.
"""


def test_a_string_inside_a_code_span_names_nothing_and_a_span_that_is_a_string_does(repo, cli):
    """REVIEW-E85: the starlette trial's `e99738b`: a hunk writing a local `response` was
    asked MW-1 because its code span quotes the message "No response returned."; a span that
    names `response` as code still links."""
    handler = "def handle(request, exc, handler):\n    response = handler(request, exc)\n"
    handler += "    return response\n"
    for named, asked in (('"unused"', set()), ("response", {"MW-2"})):
        repo.commit("base", {"specs/mw.md": MIDDLEWARE.format(named=named), "pkg/h.py": handler})
        guarded = handler.replace("exc)\n", "exc) if handler else None\n", 1)
        repo.commit("guard", {"pkg/h.py": guarded})
        data = review_json(cli, "HEAD")
        assert {q["statement"]["id"] for q in data["questions"]} == asked, named


COOKIES = """---
id: RESP
scope: [pkg/**]
---
# Responses

## Requirements
- RESP-1: `set_cookie()` writes `max-age`, `path` and `secure`.
- RESP-2: Headers are sent in the order they were set.
"""

SET_COOKIE = """class Response:
    @staticmethod
    def set_cookie(
        headers,
        key,
        max_age=None,
        path="/",
    ):
        attrs = [key]
        if max_age is not None:
            attrs.append(f"Max-Age={max_age}")
        headers.append(("set-cookie", "; ".join(attrs)))
"""


def test_a_parameter_added_to_a_signature_black_wrapped_asks_about_the_function(repo, cli):
    """REVIEW-E86: the starlette trial's `4acf1d1`: `partitioned=False,` added on its own
    line of `set_cookie()`'s signature asked nothing, while on one line it asked RESP-1; the
    same for a decorator and a parameter removed. A line of its body alone lies inside the
    function (REVIEW-E108), which is weaker evidence than changing its signature."""
    repo.commit("base", {"specs/resp.md": COOKIES, "pkg/r.py": SET_COOKIE})
    edits = (
        SET_COOKIE.replace('path="/",\n', 'path="/",\n        partitioned=False,\n'),
        SET_COOKIE.replace("@staticmethod", "@classmethod"),
        SET_COOKIE.replace("        max_age=None,\n", ""),
    )
    for edit in edits:
        repo.commit("signature", {"pkg/r.py": edit})
        asked = {q["statement"]["id"]: q["evidence"]["kind"] for q in _questions(cli)}
        assert list(asked) == ["RESP-1"] and asked["RESP-1"] != "enclosing", edit
        repo.commit("back", {"pkg/r.py": SET_COOKIE})
    repo.commit("body", {"pkg/r.py": SET_COOKIE.replace("attrs = [key]", "attrs = [key.strip()]")})
    assert {q["statement"]["id"]: q["evidence"]["kind"] for q in _questions(cli)} == {
        "RESP-1": "enclosing"
    }


def _questions(cli):
    return review_json(cli, "HEAD")["questions"]


ERRORS_SPEC = """---
id: READ
scope: [pkg/**]
---
# Reading

## Requirements
- READ-1: A malformed request line raises `LocalProtocolError`.
- READ-2: `ChunkedReader` raises `RemoteProtocolError` at end of file inside the body.
"""
READERS = """from .errors import LocalProtocolError, RemoteProtocolError


def read_request(buf):
    lines = buf.lines()
    if lines is None:
        return None
    return lines


class ChunkedReader:
    def read_eof(self):
        raise RemoteProtocolError("incomplete chunked read")
"""


def test_a_sibling_identifier_is_no_identifier_part_evidence(repo, cli):
    """REVIEW-E87: h11's `88d7bd1` raised `LocalProtocolError`, and READ-2 was asked because
    "the words of `RemoteProtocolError` meet the statement's": two of its three words, both
    from the sibling. The exact name still links READ-1."""
    repo.commit("base", {"specs/read.md": ERRORS_SPEC, "pkg/readers.py": READERS})
    check = '        if buf.first() < 0x21:\n            raise LocalProtocolError("illegal")\n'
    raised = READERS.replace("    if lines is None:\n", "    if lines is None:\n" + check)
    repo.commit("Reject binary early", {"pkg/readers.py": raised})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    kinds = {q["statement"]["id"]: q["evidence"]["kind"] for q in questions}
    assert kinds["READ-1"] == "identifier"
    assert kinds.get("READ-2") != "identifier-part"


PARSING = """---
id: MSG
scope: [src/**]
---
# Messages

## Requirements
- MSG-1: `parse_request()` builds the request URI from the `Host` header and the path.
"""


def test_words_only_the_commit_message_says_are_shown_as_its(repo, cli):
    """REVIEW-E101: the psr7 trial's `58a607d`: every question came from its subject ("Fix
    parse_request for numeric headers") while the evidence read as the hunk's; the words no
    hunk holds are named as the messages', in the text, the JSON and the PR comment."""
    code = "def set_headers(names, header):\n    names[header.lower()] = header\n"
    repo.commit("base", {"specs/msg.md": PARSING, "src/headers.py": code})
    cast = code.replace("header.lower()", "str(header).lower()")
    repo.commit(
        "Fix parse_request() for numeric headers and the request URI", {"src/headers.py": cast}
    )
    data = review_json(cli, "HEAD")
    (question,) = data["questions"]
    assert question["evidence"]["said"] == ["parse", "request", "uri"], question["evidence"]
    assert "header" not in question["evidence"]["said"]
    said = "are in the commit messages or new tests' names, not in its lines"
    assert said in cli("review", "HEAD").out
    assert said in cli("comment").out


READERS_SPEC = """---
id: READ
scope: [pkg/**]
---
# Reading

## Requirements
- READ-1: `ChunkedReader` discards the CRLF after each chunk.
- READ-2: `LengthReader` stops at the declared length.
- READ-3: `LengthReader` and `Buffer` never read past the end.
"""
READER_CODE = """class ChunkedReader:
    def __call__(self, buf):
        if self._pending:
            data = buf.take(self._pending)
        return buf.take(10)


class LengthReader:
    def __call__(self, buf):
        return buf.take(5)
"""


def test_a_hunk_inside_what_one_statement_alone_names_asks_it(repo, cli):
    """REVIEW-E108: the h11 trial's `ChunkedReader`: a change in its method asked nothing,
    because the hunk and READ-1 share no rare word; READ-1 alone names the class. Two
    statements name `LengthReader`: a change inside it asks neither without a shared word."""
    repo.commit("base", {"specs/read.md": READERS_SPEC, "pkg/readers.py": READER_CODE})
    footer = (
        '            if data != b"\\r\\n"[: len(data)]:\n                raise ValueError("bad")\n'
    )
    checked = READER_CODE.replace(
        "            data = buf.take(self._pending)\n",
        "            data = buf.take(self._pending)\n" + footer,
    )
    repo.commit("Validate the footer", {"pkg/readers.py": checked})
    asked = {q["statement"]["id"]: q["evidence"]["kind"] for q in _questions(cli)}
    assert asked == {"READ-1": "enclosing"}, asked
    repo.commit("five", {"pkg/readers.py": READER_CODE.replace("buf.take(5)", "buf.take(6)")})
    assert _questions(cli) == []
