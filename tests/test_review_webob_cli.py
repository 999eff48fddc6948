"""The webob trial (Pylons/webob): a property made by `property(fget, fset)` (REVIEW-E426).
Real repositories through the CLI."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: R
scope: [pkg/response.py]
---
# Response
## Context
- A response holds its status and its headers.
## Requirements
- R-1: Setting `content_type` drops the old parameters of the header.
- R-2: `status` is read as a code and a reason.
## Edge Cases
- R-E1: A status code with no reason.
"""

RESPONSE = """class Response(object):
    def __init__(self):
        self.headers = {}

    def _content_type__get(self):
        return self.headers.get("Content-Type")

    def _content_type__set(self, value):
        self.headers["Content-Type"] = value

    content_type = property(_content_type__get, _content_type__set, doc="The header.")

    def _status__get(self):
        return self.headers.get("Status")

    status_code = property(fget=_status__get)

    def _unbound(self, value):
        return value
"""


def questions(cli) -> dict[str, str]:  # type: ignore[no-untyped-def]
    asked = review_json(cli, "HEAD", "--all")["questions"]
    return {
        q["statement"].get("id") or f"{q['statement']['spec']}:{q['statement']['line']}": q[
            "evidence"
        ]["kind"]
        for q in asked
    }


def test_a_setter_given_to_property_is_that_property(repo, cli):
    """REVIEW-E426 (webob f8a9c80): a change inside `_content_type__set`, the setter of
    `content_type = property(...)`, lies inside `content_type`: R-1, which names it, is asked
    as for a `@property` of that name (nothing was asked before)."""
    repo.commit("base", {"specs/r.md": SPEC, "pkg/response.py": RESPONSE})
    changed = RESPONSE.replace(
        '        self.headers["Content-Type"] = value',
        "        if not isinstance(value, str):\n            raise TypeError(value)\n"
        '        self.headers["Content-Type"] = value',
    )
    repo.commit("content_type: only a str", {"pkg/response.py": changed})
    assert questions(cli).get("R-1") == "enclosing"


def test_a_getter_given_by_keyword_is_that_property(repo, cli):
    """REVIEW-E426: `status_code = property(fget=_status__get)` makes the getter
    `status_code`, which R-2 does not name: `status` alone is no link."""
    spec = SPEC.replace("`status` is read", "`status_code` is read")
    repo.commit("base", {"specs/r.md": spec, "pkg/response.py": RESPONSE})
    changed = RESPONSE.replace('get("Status")', 'get("Status", "200 OK")')
    repo.commit("status: a default", {"pkg/response.py": changed})
    assert questions(cli).get("R-2") == "enclosing"


def test_a_method_no_property_is_made_of_stays_itself(repo, cli):
    """REVIEW-E426, still asked by its own name: `_unbound`, given to no `property()`, is not
    `content_type`; a statement naming `_unbound()` is asked, R-1 is not."""
    spec = SPEC.replace("- R-2:", "- R-3: `_unbound()` returns its value.\n- R-2:")
    repo.commit("base", {"specs/r.md": spec, "pkg/response.py": RESPONSE})
    changed = RESPONSE.replace("return value\n", "return value or None\n")
    repo.commit("unbound: None", {"pkg/response.py": changed})
    asked = questions(cli)
    assert asked.get("R-3") == "enclosing"
    assert "R-1" not in asked


COOKIE_SPEC = """---
id: C
scope: [pkg/cookies.py]
---
# Cookies
## Context
- {context}
## Requirements
- C-1: A cookie is kept until it expires.
## Edge Cases
- C-E1: A cookie with no value.
"""

COOKIES = """class RequestCookies(object):
    def _valid_cookie_name(self, name):
        if not isinstance(name, str):
            raise TypeError(name)
        return name

    def __setitem__(self, name, value):
        self._valid_cookie_name(name)


def _valid_cookie_name(key):
    return key.isalnum()
"""


def cookie_questions(repo, cli, context: str, old: str, new: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    repo.commit(
        "base", {"specs/c.md": COOKIE_SPEC.format(context=context), "pkg/cookies.py": COOKIES}
    )
    repo.commit("names", {"pkg/cookies.py": COOKIES.replace(old, new)})
    return questions(cli)


def test_a_method_still_meets_the_bare_name_of_the_module_function(repo, cli):
    """REVIEW-E427, narrowed after the all-histories run: a change inside the method
    `RequestCookies._valid_cookie_name` still links a line naming `_valid_cookie_name()` bare.
    A module's function often hands its work to the method of its name (schedule's
    `cancel_job()`, semver's `parse()`, whose right questions a broader rule lost)."""
    asked = cookie_questions(
        repo,
        cli,
        "`_valid_cookie_name()` checks names against the token characters.",
        "raise TypeError(name)",
        'raise TypeError(name, "a str")',
    )
    assert asked.get("C:7") == "enclosing"


def test_a_method_named_with_its_class_or_self_is_still_asked(repo, cli):
    """REVIEW-E427, still asked: the line that names the method with its class
    (`RequestCookies._valid_cookie_name()`), and one inside the module function for the bare
    name."""
    asked = cookie_questions(
        repo,
        cli,
        "`RequestCookies._valid_cookie_name()` refuses a name that is not a `str`.",
        "raise TypeError(name)",
        'raise TypeError(name, "a str")',
    )
    assert "C:7" in asked


def test_the_module_function_is_asked_by_its_bare_name(repo, cli):
    """REVIEW-E427, still asked: a change inside the module function `_valid_cookie_name` links
    the line naming `_valid_cookie_name()`."""
    asked = cookie_questions(
        repo,
        cli,
        "`_valid_cookie_name()` checks names against the token characters.",
        "return key.isalnum()",
        "return key.isalnum() and key.isascii()",
    )
    assert asked.get("C:7") == "enclosing"


def test_a_module_function_is_not_the_method_of_its_name(repo, cli):
    """REVIEW-E427, the other way: a change inside the module function `_valid_cookie_name` is
    no evidence for a line naming the method, `self._valid_cookie_name()` (C:7 was asked by
    the name's last part before)."""
    asked = cookie_questions(
        repo,
        cli,
        "`__setitem__()` checks the name with `self._valid_cookie_name()` first.",
        "return key.isalnum()",
        "return key.isalnum() and key.isascii()",
    )
    assert "C:7" not in asked


SAMESITE_SPEC = """---
id: S
scope: [pkg/flags.py]
---
# Flags
## Requirements
- S-1: `SameSite` values are checked against the allowed values, and any other value raises.
- S-2: A flag is kept until it expires.
## Edge Cases
- S-E1: A flag with no value.
"""

FLAGS = """ALLOWED = ("strict", "lax")


def check_flag(value):
    if value.lower() not in ALLOWED:
        raise ValueError(value)
    return value
"""


def said_words(repo, cli, spec: str) -> str:  # type: ignore[no-untyped-def]
    repo.commit("base", {"specs/s.md": spec, "pkg/flags.py": FLAGS})
    changed = FLAGS.replace('"lax")', '"lax", "none")')
    repo.commit("Accept SameSite none", {"pkg/flags.py": changed})
    return str(cli("review", "HEAD").out)


def test_an_identifiers_words_are_shown_as_the_identifier_once(repo, cli):
    """REVIEW-E429 (webob 07aaf5d): the words `same` and `site` the commit message says are
    the words of `SameSite`, which the statement spells: shown as `SameSite` once ("the
    statement's words same, site" before)."""
    out = said_words(repo, cli, SAMESITE_SPEC)
    assert "the statement's word SameSite is in the commit messages" in out


def test_words_no_identifier_holds_together_stay_words(repo, cli):
    """REVIEW-E429, still words: a statement that writes `same` and `site` apart (no
    identifier of both) shows them as it writes them."""
    spec = SAMESITE_SPEC.replace("`SameSite` values", "`SameSite` values (one same site rule)")
    spec = spec.replace("`SameSite`", "`Same_Flag`")
    out = said_words(repo, cli, spec.replace("Accept SameSite", "Accept same site"))
    assert "the statement's words same, site are in the commit messages" in out
