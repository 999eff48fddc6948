"""REVIEW-E251, REVIEW-E252 and REVIEW-E253 through the CLI on real repositories (oauthlib
a74f72b, 32043a5; python-email-validator 814b488): `isinstance(x, A) or isinstance(x, B)`
merged into one call, `if v is None: v = d` written as a conditional expression, and a
temporary inlined into the `if` that tests it (or bound there with `:=`) ask nothing; the
same-looking rewrites that do change behaviour ask."""

from __future__ import annotations

import pytest

from testing.util import asks, asks_nothing, review_json

SPEC = """---
id: TOK
scope:
  - pkg/**
---
# Tokens

## Context
- `parse_expires()` reads `expires_in` and `expires_at` from a token response.
- `Job.__repr__` renders the function and its arguments.
- `prepare_body()` falls back to the client's default `scope` when none is given.

## Requirements
- TOK-1: `expires_in` is converted to an int; an absolute `expires_at` is added.
- TOK-2: A request with no `scope` uses the `scope` the client was built with.
- TOK-3: A local part matching `DOT_ATOM` is returned unchanged.
- TOK-4: `repr(job)` of a `Job` names the function with its arguments.
"""
HEAD = "import re\n\nDOT_ATOM = re.compile(r'[a-z]+')\n\n\n"


def reviewed(repo, cli, old: str, new: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    repo.commit("base", {"specs/tok.md": SPEC, "pkg/p.py": HEAD + old})
    repo.commit("simplify", {"pkg/p.py": HEAD + new})
    return review_json(cli, "HEAD", "--all")


EXPIRES = """def parse_expires(params, other):
    expires_at = None
    value = params['expires_at']
    if {test}:
        expires_at = value
    return expires_at
"""
OR = "isinstance({x}, float) or \\\n       isinstance({y}, int)"


@pytest.mark.parametrize(
    "x, new",
    [
        ("value", "isinstance(value, (float, int))"),
        ("value", "isinstance(value, float | int)"),
        ("params['expires_at']", "isinstance(params['expires_at'], (float, int))"),
        ("other.at", "isinstance(other.at, (float, int)) or other is None"),
    ],
)
def test_isinstance_calls_merged_ask_nothing(repo, cli, x, new):
    """REVIEW-E251 (oauthlib a74f72b, ruff's SIM101): two `isinstance` tests of one plain
    value joined by `or` are one test against both classes."""
    old_test = OR.format(x=x, y=x) + (" or other is None" if x == "other.at" else "")
    old = EXPIRES.format(test=old_test)
    asks_nothing(reviewed(repo, cli, old, EXPIRES.format(test=new)))


@pytest.mark.parametrize(
    "x, y, new",
    [
        ("value", "other", "isinstance(value, (float, int))"),  # another value tested
        ("value", "value", "isinstance(value, (float, str))"),  # another class
        ("params.get('at')", "params.get('at')", "isinstance(params.get('at'), (float, int))"),
    ],
)
def test_isinstance_calls_merged_that_may_differ_still_ask(repo, cli, x, y, new):
    """REVIEW-E251: another value, another class, or a call (evaluated twice, then once:
    it may do something or give something else each time) still ask."""
    old = EXPIRES.format(test=OR.format(x=x, y=y))
    asks(reviewed(repo, cli, old, EXPIRES.format(test=new)))


def test_isinstance_calls_joined_by_and_still_ask(repo, cli):
    """REVIEW-E251: `and` asks for both classes at once, which the tuple does not."""
    old = EXPIRES.format(test=OR.format(x="value", y="value").replace(" or ", " and "))
    asks(reviewed(repo, cli, old, EXPIRES.format(test="isinstance(value, (float, int))")))


BODY = """def prepare_body(self, body='', scope=None):
{code}
    return body + '&scope=' + str(scope)
"""
IF_NONE = "    if scope is None:\n        # use default scopes\n        scope = self.scope"


@pytest.mark.parametrize(
    "new",
    [
        "    scope = self.scope if scope is None else scope",
        "    scope = (self.scope\n             if scope is None else scope)",
    ],
)
def test_a_conditional_assignment_as_an_expression_asks_nothing(repo, cli, new):
    """REVIEW-E252 (oauthlib 32043a5): `if scope is None: scope = d` is `scope = d if scope
    is None else scope`, either way round."""
    asks_nothing(reviewed(repo, cli, BODY.format(code=IF_NONE), BODY.format(code=new)))
    asks_nothing(reviewed(repo, cli, BODY.format(code=new), BODY.format(code=IF_NONE)))


@pytest.mark.parametrize(
    "new",
    [
        "    scope = self.scope if scope is None else body",  # another value kept
        "    scope = self.scope if scope is not None else scope",  # the test inverted
        "    scope = self.scope if body is None else scope",  # another test
    ],
)
def test_a_conditional_assignment_that_differs_still_asks(repo, cli, new):
    """REVIEW-E252: another value in the `else`, another test: each assigns otherwise."""
    asks(reviewed(repo, cli, BODY.format(code=IF_NONE), BODY.format(code=new)))


def test_a_conditional_assignment_not_reading_its_name_first_still_asks(repo, cli):
    """REVIEW-E252: `if body is None: scope = d` leaves `scope` as it is; `scope = d if body
    is None else scope` reads it, which raises where it is unbound."""
    old = "    if body is None:\n        scope = self.scope"
    new = "    scope = self.scope if body is None else scope"
    asks(reviewed(repo, cli, BODY.format(code=old), BODY.format(code=new)))


def test_a_conditional_assignment_in_a_class_body_still_asks(repo, cli):
    """REVIEW-E252: in a class body `x = x` copies a global `x` into the class."""
    old = "class Client:\n    if scope is None:\n        scope = 1\n"
    new = "class Client:\n    scope = 1 if scope is None else scope\n"
    asks(reviewed(repo, cli, "scope = None\n\n\n" + old, "scope = None\n\n\n" + new))


LOCAL = """def check_local(local):
{code}
        return local
    raise ValueError('bad')
"""
TEMPORARY = "    m = DOT_ATOM.match(local)\n    if m:"


@pytest.mark.parametrize(
    "old, new",
    [
        (TEMPORARY, "    if DOT_ATOM.match(local):"),
        (TEMPORARY, "    if m := DOT_ATOM.match(local):"),
        (
            "    m = DOT_ATOM.match(local)\n    if m is not None:",
            "    if DOT_ATOM.match(local) is not None:",
        ),
        ("    if m := DOT_ATOM.match(local):", "    if DOT_ATOM.match(local):"),
    ],
)
def test_a_temporary_inlined_into_its_test_asks_nothing(repo, cli, old, new):
    """REVIEW-E253 (python-email-validator 814b488): `m = f(); if m:` is `if m := f():`, and
    that is `if f():` when nothing else reads `m`."""
    asks_nothing(reviewed(repo, cli, LOCAL.format(code=old), LOCAL.format(code=new)))


def test_a_temporary_read_again_still_asks(repo, cli):
    """REVIEW-E253: `m` read after the test (`m.group()`): `if f():` leaves it unbound."""
    old = TEMPORARY + "\n        return m.group(0)\n    raise ValueError('bad')\n"
    new = "    if DOT_ATOM.match(local):\n        return m.group(0)\n    raise ValueError('bad')\n"
    head = "def check_local(local):\n"
    asks(reviewed(repo, cli, head + old, head + new))


def test_a_temporary_bound_by_the_walrus_and_read_asks_nothing(repo, cli):
    """REVIEW-E253: `m = f(); if not m:` then `m.group()` is `if not (m := f()):`."""
    head, tail = (
        "def check_local(local):\n",
        "\n        raise ValueError('bad')\n    return m.group(0)\n",
    )
    old = "    m = DOT_ATOM.match(local)\n    if not m:"
    asks_nothing(
        reviewed(
            repo, cli, head + old + tail, head + "    if not (m := DOT_ATOM.match(local)):" + tail
        )
    )


def test_a_temporary_inlined_past_a_call_still_asks(repo, cli):
    """REVIEW-E253: a statement between the assignment and the test: inlined, `f()` runs
    after it, not before."""
    old = "    m = DOT_ATOM.match(local)\n    print(local)\n    if m:"
    new = "    print(local)\n    if DOT_ATOM.match(local):"
    asks(reviewed(repo, cli, LOCAL.format(code=old), LOCAL.format(code=new)))


def test_a_temporary_inlined_into_a_return_asks_nothing(repo, cli):
    """REVIEW-E253: `m = f(); return m.group(0)` is `return f().group(0)`: `m` is read
    first, once."""
    head = "def check_local(local):\n"
    old = "    m = DOT_ATOM.match(local)\n    return m.group(0)\n"
    asks_nothing(
        reviewed(repo, cli, head + old, head + "    return DOT_ATOM.match(local).group(0)\n")
    )


@pytest.mark.parametrize(
    "old, new",
    [
        # a `while` tests again each time round: the call would run each time
        ("    m = DOT_ATOM.match(local)\n    while m:", "    while DOT_ATOM.match(local):"),
        # `local` read before `m`: inlined, the call would run after that read
        (
            "    m = DOT_ATOM.match(local)\n    if local and m:",
            "    if local and DOT_ATOM.match(local):",
        ),
    ],
)
def test_a_temporary_inlined_where_it_runs_otherwise_still_asks(repo, cli, old, new):
    """REVIEW-E253: inlined into a loop's test, or past an operand evaluated before it."""
    asks(reviewed(repo, cli, LOCAL.format(code=old), LOCAL.format(code=new)))


REPR = """class Job:
    def __repr__(self):
        def fmt(t):
            return str(t) if t else '[never]'
{before}
        stats = fmt(self.last_run)
        name = self.func.__name__
{after}
        args = [repr(x) if is_repr(x) else str(x) for x in self.args]
        return name + '(' + ', '.join(args) + ') ' + stats
"""
IS_REPR = "        def is_repr(j):\n            return not isinstance(j, Job)\n"


def test_a_nested_def_moved_in_its_function_asks_nothing(repo, cli):
    """REVIEW-E254 (schedule 9fd01c3): a `def` nested in a function moved above two
    statements that neither name it nor call a function that does only binds its name
    sooner."""
    old = REPR.format(before="", after=IS_REPR)
    asks_nothing(reviewed(repo, cli, old, REPR.format(before="\n" + IS_REPR, after="")))


@pytest.mark.parametrize(
    "fmt_body, stats",
    [
        # a statement moved past reads the name: before the move it raised NameError
        ("str(t) if t else '[never]'", "is_repr(self) and fmt(self.last_run)"),
        # a nested function called by a statement moved past names it
        ("str(t) if is_repr(t) else '[never]'", "fmt(self.last_run)"),
        # every local read
        ("str(t) if t else '[never]'", "fmt(locals())"),
    ],
)
def test_a_nested_def_moved_where_it_is_read_still_asks(repo, cli, fmt_body, stats):
    """REVIEW-E254: a statement moved past that reads the name, calls a nested function
    that names it, or reads every local: the move changes what it sees."""
    code = REPR.replace("str(t) if t else '[never]'", fmt_body)
    code = code.replace("stats = fmt(self.last_run)", f"stats = {stats}")
    old = code.format(before="", after=IS_REPR)
    asks(reviewed(repo, cli, old, code.format(before="\n" + IS_REPR, after="")))


def test_a_nested_def_whose_default_changes_by_the_move_still_asks(repo, cli):
    """REVIEW-E254: a default read when the `def` runs, bound by a statement moved past."""
    code = REPR.replace("name = self.func.__name__", "name = self.func.__name__\n        width = 3")
    moved = "        def is_repr(j, width=width):\n            return not isinstance(j, Job)\n"
    old = code.format(before="        width = 1", after=moved)
    asks(reviewed(repo, cli, old, code.format(before="        width = 1\n" + moved, after="")))


TWICE = """def check_local(local):
    m = DOT_ATOM.match(local)
    if m:
        return local
    m = DOT_ATOM.match(local.lower())
    {test}:
        return local.lower()
    raise ValueError('bad')
"""


def test_two_temporaries_of_one_name_inlined_ask_nothing(repo, cli):
    """REVIEW-E253 (python-email-validator 814b488, twice in one function): each `if m:`
    directly after its own `m = ...` reads only that one."""
    old = TWICE.format(test="if not m")
    new = old.replace("    m = DOT_ATOM.match(local)\n    if m:", "    if DOT_ATOM.match(local):")
    asks_nothing(reviewed(repo, cli, old, new))


def test_a_temporary_read_by_a_later_test_still_asks(repo, cli):
    """REVIEW-E253: the second test reads the first `m` when nothing assigns it again."""
    old = TWICE.format(test="if not m").replace("    m = DOT_ATOM.match(local.lower())\n", "")
    new = old.replace("    m = DOT_ATOM.match(local)\n    if m:", "    if DOT_ATOM.match(local):")
    asks(reviewed(repo, cli, old, new))
