"""CHECK-E73 through the CLI on real git repositories: the uvicorn, CLI11 and path-to-regexp
trials (session 32) each wrote a spec over existing code and met a wall of
`unreferenced-requirement` errors that said to name the ID "where it is implemented", but not
where that is; the definitions a requirement quotes are where, and the error now names them."""

from __future__ import annotations

SPEC = """---
id: AUTH
scope: [src/auth/**]
---
# Auth

## Context
- Passwords are stored as SHA-256 digests.

## Requirements
- AUTH-1: `verify_password()` compares the SHA-256 digest of the password given.
- AUTH-2: `Session.expire` ends a session after `IDLE_MINUTES` without a request.
- AUTH-3: Nobody is told which of the name or the password was wrong.

## Edge Cases
- AUTH-E1: An empty password.
"""

LOGIN = """import hashlib

IDLE_MINUTES = 30


def verify_password(stored, given):
    return stored == hashlib.sha256(given.encode()).hexdigest()


class Session:
    def expire(self, now):
        return now - self.last > IDLE_MINUTES * 60
"""

ELSEWHERE = "def verify_password(stored, given):\n    return False\n"
TEST = "def verify_password(stored, given):\n    return True\n\n\ndef test_login():\n    pass\n"


def _errors(repo, cli) -> dict[str, str]:
    """By ID, the `unreferenced-requirement` line of a staged change in the spec's scope."""
    repo.commit(
        "spec over existing code",
        {
            "specs/auth.md": SPEC,
            "src/auth/login.py": LOGIN,
            "src/other.py": ELSEWHERE,
            "tests/test_login.py": TEST,
        },
    )
    repo.stage({"src/auth/login.py": LOGIN.replace("30", "45")})
    result = cli("check", "--staged")
    assert result.code == 1, result
    lines = [line for line in result.out.splitlines() if "referenced nowhere" in line]
    return {line.split("] ", 1)[1].split(" ", 1)[0]: line for line in lines}


def test_an_unreferenced_requirement_is_told_where_the_names_it_quotes_are_defined(repo, cli):
    """CHECK-E73: AUTH-1 quotes `verify_password()`, defined at src/auth/login.py:6; AUTH-2
    `Session.expire` (its `expire`, line 11) and `IDLE_MINUTES` (line 3): the first two."""
    errors = _errors(repo, cli)
    assert "`verify_password` is defined at src/auth/login.py:6" in errors["AUTH-1"], errors
    assert "`Session.expire` is defined at src/auth/login.py:11" in errors["AUTH-2"], errors
    assert "`IDLE_MINUTES` is defined at src/auth/login.py:3" in errors["AUTH-2"], errors


def test_definitions_outside_the_scope_or_in_tests_are_not_told(repo, cli):
    """CHECK-E73, adversarial: src/other.py (outside `src/auth/**`) and the test file define
    `verify_password` too; only the scope's definition is named, and a requirement that quotes
    no definition keeps the plain error."""
    errors = _errors(repo, cli)
    assert "src/other.py" not in errors["AUTH-1"] and "tests/" not in errors["AUTH-1"], errors
    assert "is defined at" not in errors["AUTH-3"], errors
    assert "where it is implemented and in its test" in errors["AUTH-3"], errors


COOKIES = """from http import cookies as morsels


class Cookie:
    def serialize(self):
        return "cookie"


class Morsel:
    def __init__(self):
        self.value = ""

    def serialize(self):
        return "morsel"
"""

SESSION_JS = """var cookie = require('cookie')
var debug = require('debug')('session')

function Session(req) {
  this.req = req
}

Session.prototype.touch = function touch() {
  debug('touch')
}
"""

COOKIE_SPEC = """---
id: COOKIE
scope: [src/**]
---
# Cookies

## Context
- Cookies are serialized per RFC 6265.

## Requirements
- COOKIE-1: `Morsel.serialize` quotes a value that holds a space.
- COOKIE-2: The header is parsed with `cookie.parse` and `debug` logs each touch.

## Edge Cases
- COOKIE-E1: An empty value.
"""


def _cookie_errors(repo, cli) -> dict[str, str]:
    repo.commit(
        "spec over existing code",
        {"specs/cookie.md": COOKIE_SPEC, "src/cookies.py": COOKIES, "src/session.js": SESSION_JS},
    )
    repo.stage({"src/cookies.py": COOKIES.replace('"morsel"', '"morsel!"')})
    result = cli("check", "--staged")
    assert result.code == 1, result
    lines = [line for line in result.out.splitlines() if "referenced nowhere" in line]
    return {line.split("] ", 1)[1].split(" ", 1)[0]: line for line in lines}


def test_a_method_is_told_in_its_class(repo, cli):
    """CHECK-E75: `Morsel.serialize` is the `serialize` below `class Morsel` (line 13), not
    `Cookie.serialize` above it (line 5): the webob trial's user was sent to the wrong one."""
    errors = _cookie_errors(repo, cli)
    assert "`Morsel.serialize` is defined at src/cookies.py:13" in errors["COOKIE-1"], errors


def test_an_import_is_no_definition(repo, cli):
    """CHECK-E74: `var cookie = require('cookie')` and `var debug = require(...)` bind what
    another module defines (the session trial's user was sent to the `require` line): COOKIE-2
    keeps the plain error."""
    errors = _cookie_errors(repo, cli)
    assert "is defined at" not in errors["COOKIE-2"], errors


def test_a_binding_named_like_an_import_keyword_is_a_definition(repo, cli):
    """CHECK-E74, adversarial: `use = "strict"` binds `use` (no import follows the keyword), so
    a requirement quoting `use` is told where it is defined."""
    spec = COOKIE_SPEC.replace("`Morsel.serialize` quotes", "`use` names the mode;")
    repo.commit("spec", {"specs/cookie.md": spec, "src/mode.py": 'use = "strict"\n'})
    repo.stage({"src/mode.py": 'use = "lax"\n'})
    result = cli("check", "--staged")
    assert "`use` is defined at src/mode.py:1" in result.out, result.out
