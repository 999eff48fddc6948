"""REVIEW-E383, REVIEW-E384 and REVIEW-E385 through the CLI on real repositories (dateutil
a9a66d3, tomli 43ebd67): a function's exits written another way with the same control flow
ask nothing (the `return` after a `try` whose handlers all leave put in its `else`, a
`return` that cannot raise moved from the end of a `try`'s body into its `else`, a `while
True:` loop's `break` then `return x` written `return x`); the nearest rewrites that change
what runs still ask."""

from __future__ import annotations

import pytest

from testing.util import asks, asks_nothing, review_json

SPEC = """---
id: DEC
scope:
  - pkg/**
---
# Decimals

## Context
- `to_decimal()` converts a string to a `Decimal`.
- `parse_key()` reads a dotted key from `src` at `pos`.

## Requirements
- DEC-1: `to_decimal()` raises ValueError for a value that is not a finite decimal.
- DEC-2: `parse_key()` returns the position after the key and its parts.
"""
HEAD = "from decimal import Decimal\n\n\ndef log(e):\n    print(e)\n\n\n"


def reviewed(repo, cli, old: str, new: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    repo.commit("base", {"specs/dec.md": SPEC, "pkg/p.py": HEAD + old})
    repo.commit("exits", {"pkg/p.py": HEAD + new})
    return review_json(cli, "HEAD", "--all")


AFTER = """def to_decimal(val):
    try:
        value = Decimal(val)
    except {caught}:
        {handler}
{tail}"""
RETURN_AFTER = "    return value\n"
RETURN_IN_ELSE = "    else:\n        return value\n"


@pytest.mark.parametrize(
    "handler",
    [
        "raise ValueError(val)",
        "log(val)\n        raise",
        "if val:\n            raise ValueError(val)\n        else:\n            return None",
    ],
)
def test_the_return_after_a_try_whose_handlers_leave_in_its_else_asks_nothing(repo, cli, handler):
    """REVIEW-E383: only a run of the `try` body without error reaches the `return`."""
    old = AFTER.format(caught="ArithmeticError", handler=handler, tail=RETURN_AFTER)
    new = AFTER.format(caught="ArithmeticError", handler=handler, tail=RETURN_IN_ELSE)
    asks_nothing(reviewed(repo, cli, old, new))
    asks_nothing(reviewed(repo, cli, new, old))


@pytest.mark.parametrize(
    "handler, tail",
    [
        ("log(val)", ""),  # the handler goes on to the `return`
        ("if val:\n            raise ValueError(val)", ""),  # not every branch leaves
        ("raise ValueError(val)", "    finally:\n        log(val)\n"),  # `finally` runs first
    ],
)
def test_the_return_after_a_try_whose_handler_may_go_on_still_asks(repo, cli, handler, tail):
    """REVIEW-E383: a handler that may end without leaving reaches the `return` after the
    `try`, not its `else`; a `finally` runs after the `else` but before what follows."""
    old = AFTER.format(caught="ArithmeticError", handler=handler, tail=tail + RETURN_AFTER)
    new = AFTER.format(
        caught="ArithmeticError", handler=handler, tail=RETURN_IN_ELSE.rstrip("\n") + "\n" + tail
    )
    asks(reviewed(repo, cli, old, new))


BODY_RETURN = """def to_decimal(val):
    try:
        value = Decimal(val)
        if not value.is_finite():
            raise ValueError("not finite")
{body}    except Exception as e:
        log(e)
        raise ValueError(val) from e
{orelse}"""


@pytest.mark.parametrize("returned", ["value", "None", "(value, 1)"])
def test_a_return_that_cannot_raise_moved_into_the_else_asks_nothing(repo, cli, returned):
    """REVIEW-E384 (dateutil a9a66d3, `_to_decimal`): `return value` of a local the body
    assigned cannot raise, so no handler could catch anything it does."""
    body = f"\n        return {returned}\n"
    orelse = f"    else:\n        return {returned}\n"
    old = BODY_RETURN.format(body=body, orelse="")
    new = BODY_RETURN.format(body="", orelse=orelse)
    asks_nothing(reviewed(repo, cli, old, new))


RAISED = '            raise ValueError("not finite")\n'


@pytest.mark.parametrize(
    "returned, first, check",
    [
        ("value.normalize()", "", RAISED),  # a call may raise what the handler catches
        ("other", "", RAISED),  # a name the body does not assign may be unbound (NameError)
        ("value", "    global value\n", RAISED),  # a call between may delete a global
        ("value", "", "            del value\n"),  # deleted: the read raises NameError
    ],
)
def test_a_return_that_may_raise_moved_into_the_else_still_asks(repo, cli, returned, first, check):
    """REVIEW-E384: what the `return` evaluates may raise inside the body, where the handler
    catches it, and not in the `else`."""
    old = BODY_RETURN.format(body=f"\n        return {returned}\n", orelse="")
    new = BODY_RETURN.format(body="", orelse=f"    else:\n        return {returned}\n")
    old, new = (
        text.replace("(val):\n", "(val):\n" + first).replace(RAISED, check) for text in (old, new)
    )
    asks(reviewed(repo, cli, old, new))


def test_each_function_of_a_file_has_its_own_globals(repo, cli):
    """SPEED-26: the `global` names are read once per function, and per function: in a file
    whose first function declares `global value`, its move still asks and the same move in the
    second, which declares none, asks nothing."""
    plain = BODY_RETURN.format(body="\n        return value\n", orelse="")
    moved = BODY_RETURN.format(body="", orelse="    else:\n        return value\n")
    declared = [text.replace("(val):\n", "(val):\n    global value\n") for text in (plain, moved)]
    named = [text.replace("def to_decimal(", "def to_decimal_too(") for text in (plain, moved)]
    assert named[0] != plain
    asks(reviewed(repo, cli, declared[0] + "\n\n" + named[0], declared[1] + "\n\n" + named[0]))
    asks_nothing(
        reviewed(repo, cli, declared[0] + "\n\n" + named[0], declared[0] + "\n\n" + named[1])
    )


LOOP = """def parse_key(src, pos):
    key = []
    while {test}:
{guard}        if pos >= len(src) or src[pos] != ".":
            {leave}
        key.append(src[pos + 1])
        pos += 2
{tail}"""
BREAK = {"leave": "break", "tail": "    return pos, tuple(key)\n"}
RETURNED = {"leave": "return pos, tuple(key)", "tail": ""}


def test_a_break_then_the_return_after_a_forever_loop_as_a_return_asks_nothing(repo, cli):
    """REVIEW-E385 (tomli 43ebd67): `while True:` ends only by its `break`, and `return x`
    right after it evaluates `x` in the same state as `return x` in its place."""
    old = LOOP.format(test="True", guard="", **BREAK)
    new = LOOP.format(test="True", guard="", **RETURNED)
    asks_nothing(reviewed(repo, cli, old, new))
    asks_nothing(reviewed(repo, cli, new, old))


@pytest.mark.parametrize(
    "test, guard, returned",
    [
        ("pos < 100", "", "return pos, tuple(key)"),  # the loop may end by its test
        ("True", "", "return pos, key"),  # another value returned
        ("True", "", "return (pos := pos + 1), tuple(key)"),  # `:=` binds in the loop
    ],
)
def test_a_break_as_a_return_that_differs_still_asks(repo, cli, test, guard, returned):
    """REVIEW-E385: a loop that may end by its test then returns None; another value, or a
    value whose `:=` binds in the loop, is not the same return."""
    old = LOOP.format(test=test, guard=guard, **BREAK)
    new = LOOP.format(test=test, guard=guard, leave=returned, tail="")
    asks(reviewed(repo, cli, old, new))


def test_a_break_inside_a_try_of_the_loop_as_a_return_still_asks(repo, cli):
    """REVIEW-E385: inside a `try`, `return x` is evaluated where the handler catches what it
    raises (`tuple(key)` may raise TypeError, then the loop goes on), unlike after `break`."""
    loop = """def parse_key(src, pos):
    key = []
    while True:
        try:
            if pos >= len(src):
                {leave}
            key.append(src[pos])
        except TypeError:
            pass
        pos += 1
{tail}"""
    asks(reviewed(repo, cli, loop.format(**BREAK), loop.format(**RETURNED)))


@pytest.mark.parametrize("closing", ["log(val)", "log(None)"])
def test_a_return_moved_into_the_else_keeps_the_finally(repo, cli, closing):
    """REVIEW-E384: the `finally` runs after the body's `return` as after the `else`'s; a
    change to it beside the move still asks."""
    old = BODY_RETURN.format(
        body="\n        return value\n", orelse="    finally:\n        log(val)\n"
    )
    new = BODY_RETURN.format(
        body="", orelse=f"    else:\n        return value\n    finally:\n        {closing}\n"
    )
    (asks_nothing if closing == "log(val)" else asks)(reviewed(repo, cli, old, new))


RAISE = """def to_decimal(val):
    if not val:
{raised}
    return Decimal(val)
"""
INLINE = '        raise ValueError(f"not a decimal: {{val}}"){cause}'
NAMED = '        msg = f"not a decimal: {{val}}"\n        raise ValueError(msg){cause}'


@pytest.mark.parametrize("cause", ["", " from None"])
def test_a_message_named_before_it_is_raised_asks_nothing(repo, cli, cause):
    """REVIEW-E401 (ruff's EM102, hynek/argon2-cffi `4da64d2`): `msg = f"..."` then `raise
    ValueError(msg)`, and nothing else reads `msg`, is `raise ValueError(f"...")`."""
    old = RAISE.format(raised=INLINE.format(cause=cause))
    new = RAISE.format(raised=NAMED.format(cause=cause))
    asks_nothing(reviewed(repo, cli, old, new))
    asks_nothing(reviewed(repo, cli, new, old))


@pytest.mark.parametrize(
    "named",
    [
        NAMED.format(cause=" from None"),  # the cause changes
        NAMED.format(cause="").replace("ValueError(msg)", "TypeError(msg)"),  # another class
        NAMED.format(cause="").replace("not a decimal", "bad decimal"),  # another message
        NAMED.format(cause="").replace("        raise", "        log(msg)\n        raise"),
        NAMED.format(cause="").replace("ValueError(msg)", "ValueError(msg, val)"),
    ],
)
def test_a_message_named_otherwise_still_asks(repo, cli, named):
    """REVIEW-E401's nearest changes: another cause, class or message, a second reader of the
    name (a call between may run anything), a second argument (not folded: it still asks)."""
    old = RAISE.format(raised=INLINE.format(cause=""))
    asks(reviewed(repo, cli, old, RAISE.format(raised=named)))
