"""REVIEW-E30: a function moved unchanged within its module or class is no change, unless the
move can change what runs when the module or class body runs. Each unsafe case below was run
on both sides with CPython to see the difference (see `test_each_unsafe_move_runs_differently`)."""

from __future__ import annotations

import pytest

from test_noop import noop
from testing.util import review_json

FILLER = "".join(f"\n\ndef filler_{n}():\n    return {n}\n" for n in range(6))

HELPER = '''def _disabled():
    """Whether loading is disabled."""
    return "DISABLED" in os.environ
'''


def module(top: str, bottom: str, middle: str = "") -> str:
    load = "def load():\n    return not _disabled()\n"
    return f"import os\n\n\n{top}{FILLER}\n{middle}\n\n{load}\n\n{bottom}"


def test_a_function_moved_up_unchanged_is_no_change() -> None:
    # REVIEW-E30: python-dotenv 16f2bda moved `_load_dotenv_disabled()` above its first user
    old, new = module("", HELPER), module(HELPER, "")
    assert noop(old, new) == [True, True]


def test_a_function_moved_and_reformatted_is_no_change() -> None:
    # REVIEW-E30: compared as REVIEW-16 compares: docstring and quotes apart
    moved = HELPER.replace('"""Whether loading is disabled."""', "'''Disabled?'''")
    assert noop(module("", HELPER), module(moved.replace('"', "'"), "")) == [True, True]


def test_a_method_moved_within_its_class_is_no_change() -> None:
    # REVIEW-E30
    methods = ["    def a(self):\n        return 1\n", "    def b(self):\n        return 2\n"]
    fill = "".join(f"\n    def f{n}(self):\n        return {n}\n" for n in range(6))
    old = f"class C:\n{methods[0]}{fill}\n{methods[1]}"
    new = f"class C:\n{methods[1]}{fill}\n{methods[0]}"
    assert all(noop(old, new))


def test_two_functions_swapped_in_one_hunk_are_no_change() -> None:
    # REVIEW-E30: one hunk, the two functions in the other order
    first, second = "def a():\n    return 1\n", "def b():\n    return 2\n"
    pad = "import os\n" + "".join(f"\n\ndef pad_{n}():\n    return {n}\n" for n in range(6))
    assert noop(f"{pad}\n\n{first}\n\n{second}", f"{pad}\n\n{second}\n\n{first}") == [True]


def test_a_function_moved_and_changed_is_a_change() -> None:
    # REVIEW-E30: the move hides nothing
    changed = HELPER.replace('"DISABLED" in', '"DISABLED" not in')
    assert noop(module("", HELPER), module(changed, "")) != [True, True]


# REVIEW-E30: each unsafe move, as the function moved from above the filler and the statement
# after it to below them, and that statement
UNSAFE = {
    "called while the module runs": (HELPER, "DISABLED_AT_IMPORT = _disabled()\n"),
    "called by a function the module runs": (
        HELPER,
        "def check():\n    return _disabled()\n\n\nCHECKED = check()\n",
    ),
    "a default read from a name bound in between": (
        "def limit(n=LIMIT):\n    return n\n",
        "LIMIT = 2\n",
    ),
    "the name bound twice": ("def pick():\n    return 1\n", "pick = lambda: 2\n"),
    "decorated": (
        "@register\ndef first():\n    return 1\n",
        "@register\ndef second():\n    return 2\n",
    ),
    "an annotation read from a name bound in between": (
        "def kind(x) -> Kind:\n    return x\n",
        "Kind = str\n",
    ),
}
PRELUDE = (
    "import os\nLIMIT = 1\nKind = int\nORDER = []\n\n\n"
    "def register(f):\n    ORDER.append(f.__name__)\n    return f\n"
)


def both(case: str) -> tuple[str, str]:
    moved, passed = UNSAFE[case]
    return (
        f"{PRELUDE}\n\n{moved}{FILLER}\n\n{passed}",
        f"{PRELUDE}{FILLER}\n\n{passed}\n\n{moved}",
    )


def probe(source: str) -> str:
    """What a module leaves behind once run: its upper-case names, what `limit`, `pick` and
    `kind` evaluated when defined, or the exception it raised."""
    namespace: dict[str, object] = {}
    try:
        exec(compile(source, "<probe>", "exec", dont_inherit=True), namespace)
    except Exception as error:
        return type(error).__name__
    seen = {key: namespace[key] for key in namespace if key.isupper()}
    for key in ("limit", "kind"):
        function = namespace.get(key)
        seen[key] = (
            getattr(function, "__defaults__", None),
            getattr(function, "__annotations__", None),
        )
    pick = namespace.get("pick")
    seen["pick"] = pick() if callable(pick) else None
    return repr(seen)


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_each_unsafe_move_runs_differently(case: str) -> None:
    # REVIEW-E30: the proof that each case must stay a change
    old, new = both(case)
    assert probe(old) != probe(new)


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_an_unsafe_move_is_a_change(case: str) -> None:
    # REVIEW-E30
    assert not all(noop(*both(case)))


LOAD_SPEC = """---
id: LOAD
scope:
  - loader.py
---

# Loading

## Context
- `_disabled()` reads `os.environ` to tell whether loading is switched off.

## Requirements
- LOAD-1: `load()` sets every key of the file in `os.environ` unless `_disabled()`.
"""


def test_a_commit_that_moves_a_function_asks_nothing_through_the_cli(repo, cli):
    """REVIEW-E30 through the CLI (python-dotenv 16f2bda): the function moved above its first
    user names what the spec names, and the review is silent about it, saying why."""
    repo.commit("base", {"specs/load.md": LOAD_SPEC, "loader.py": module("", HELPER)})
    repo.commit("move the helper up", {"loader.py": module(HELPER, "")})
    assert review_json(cli, "HEAD", "--all")["questions"] == []
    out = cli("review", "HEAD").out
    assert "1 file changes only formatting, comments, docstrings or types" in out
