"""REVIEW-E209 through the CLI on real repositories (the multidict trial's e34c8a7d): whole
top-level classes and functions reordered in their module, unchanged, are no change, unless
the order can change what runs when the module runs. Each unsafe case below is run on both
sides with CPython to show the difference (`test_each_unsafe_class_move_runs_differently`)."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: STORE
scope:
  - store.py
---
# Store

## Context
- `Store` keeps items in `_items`; `getversion()` reads `_version`.

## Requirements
- STORE-1: `Store.get()` returns the first value or raises `KeyError`.
- STORE-2: `getversion()` raises `TypeError` for anything but a `Store`.

## Edge Cases
- STORE-E1: An empty `Store`.
"""
GETVERSION = """def getversion(md):
    # STORE-2
    if not isinstance(md, Store):
        raise TypeError("not a store")
    return md._version
"""
BASE = """class _Base:
    def __len__(self):
        return len(self._items)
"""
STORE = """class Store(_Base):
    def __init__(self):
        self._items = []
        self._version = 0

    def __len__(self):
        return len(self._items)

    def get(self, key):
        # STORE-1
        for k, v in self._items:
            if k == key:
                return v
        raise KeyError(key)
"""
VIEW = """class View(_Base):
    def __init__(self, store):
        self._store = store

    def __len__(self):
        return len(self._items)
"""


def test_classes_and_a_function_reordered_ask_nothing(repo, cli):
    """REVIEW-E209 (multidict e34c8a7d): the view class moved above the store and
    `getversion()` moved to the end, each unchanged, though git pairs lines of one class with
    another's and both subclass the same plain class of the module: no question, no-op."""
    old = f"{BASE}\n\n{GETVERSION}\n\n{STORE}\n\n{VIEW}"
    new = f"{BASE}\n\n{VIEW}\n\n{STORE}\n\n{GETVERSION}"
    repo.commit("base", {"specs/store.md": SPEC, "store.py": old})
    repo.commit("Reorder classes", {"store.py": new})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == []
    assert data["noop_files"] == ["store.py"]


def test_a_reordered_class_that_changed_still_asks(repo, cli):
    """REVIEW-E209: the move hides nothing: the store moved and its lookup changed."""
    old = f"{BASE}\n\n{GETVERSION}\n\n{STORE}\n\n{VIEW}"
    changed = STORE.replace("if k == key:", "if k is key:")
    repo.commit("base", {"specs/store.md": SPEC, "store.py": old})
    repo.commit("Reorder classes", {"store.py": f"{BASE}\n\n{VIEW}\n\n{GETVERSION}\n\n{changed}"})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == []
    assert "STORE-1" in {q["statement"].get("id") for q in data["questions"]}


PRELUDE = """from collections import UserDict

ORDER = []
LIMIT = 1


def register(cls):
    ORDER.append(cls.__name__)
    return cls


def helper():
    return len(ORDER)


class Hooked:
    def __init_subclass__(cls):
        ORDER.append(cls.__name__)


class Meta(type):
    def __init__(cls, name, bases, ns):
        ORDER.append(name)
"""
FILLER = "".join(f"\n\ndef filler_{n}():\n    return {n}\n" for n in range(5))
# REVIEW-E209: each unsafe move: the class moved from above the filler and the statement after
# it to below them, and that statement
UNSAFE = {
    "a base of a class in between": ("class Moved:\n    pass\n", "class Sub(Moved):\n    pass\n"),
    "a default in between": (
        "class Moved:\n    pass\n",
        "def make(kind=Moved):\n    return kind\n",
    ),
    "read by a statement in between": ("class Moved:\n    pass\n", "ONE = Moved()\n"),
    "decorated to register": (
        "@register\nclass Moved:\n    pass\n",
        "@register\nclass Other:\n    pass\n",
    ),
    "subclassed with a hook, past a sibling": (
        "class Moved(Hooked):\n    pass\n",
        "class Other(Hooked):\n    pass\n",
    ),
    "a metaclass, past a statement that reads what it records": (
        "class Moved(metaclass=Meta):\n    pass\n",
        "SEEN = list(ORDER)\n",
    ),
    "an imported base, past a sibling": (
        "class Moved(UserDict):\n    pass\n",
        "class Other(UserDict):\n    pass\n",
    ),
    "an imported base, past a statement that reads its subclasses": (
        "class Moved(UserDict):\n    pass\n",
        "KINDS = [c.__name__ for c in UserDict.__subclasses__()]\n",
    ),
    "its body reads a name bound in between": (
        "class Moved:\n    LIMIT_SEEN = LIMIT\n",
        "LIMIT = 2\n",
    ),
    "its body reads what a statement in between changes": (
        "class Moved:\n    SEEN = ORDER[:]\n",
        "ORDER.append('x')\n",
    ),
    "its body changes what a statement in between reads": (
        "class Moved:\n    ORDER.append('m')\n",
        "SEEN = len(ORDER)\n",
    ),
    "its body calls a function of the module": (
        "class Moved:\n    COUNT = helper()\n",
        "ORDER.append('x')\n",
    ),
}


def both(moved: str, passed: str) -> tuple[str, str]:
    tail = "\n\nSUBCLASSES = [c.__name__ for c in UserDict.__subclasses__()]\n"
    return (
        f"{PRELUDE}\n\n{moved}{FILLER}\n\n{passed}{tail}",
        f"{PRELUDE}{FILLER}\n\n{passed}\n\n{moved}{tail}",
    )


def probe(source: str) -> str:
    """What a module leaves behind once run: its upper-case names, the values its classes
    and functions read when defined, or the exception it raised."""
    namespace: dict[str, object] = {}
    try:
        exec(compile(source, "<probe>", "exec", dont_inherit=True), namespace)
    except Exception as error:
        return type(error).__name__
    moved = namespace.get("Moved")
    seen = {key: namespace[key] for key in namespace if key.isupper()}
    seen["moved"] = {k: v for k, v in vars(moved).items() if k.isupper()}
    made = namespace.get("make")
    seen["make"] = getattr(made, "__defaults__", None)
    return repr(seen)


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_each_unsafe_class_move_runs_differently(case: str) -> None:
    # REVIEW-E209: the proof that each case must stay a change
    old, new = both(*UNSAFE[case])
    assert probe(old) != probe(new)


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_an_unsafe_class_move_still_asks(repo, cli, case: str) -> None:
    """REVIEW-E209: a class moved where the order is seen is a change: the file is no no-op."""
    old, new = both(*UNSAFE[case])
    repo.commit("base", {"specs/store.md": SPEC, "store.py": old})
    repo.commit("move a class", {"store.py": new})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []


def test_the_same_move_past_what_cannot_see_it_asks_nothing(repo, cli) -> None:
    """REVIEW-E209: the control of the cases above: a plain class moved past a plain class and
    the functions runs the same and is a no-op."""
    old, new = both("class Moved:\n    LIMIT_SEEN = 1\n", "class Other:\n    pass\n")
    assert probe(old) == probe(new)
    repo.commit("base", {"specs/store.md": SPEC, "store.py": old})
    repo.commit("move a class", {"store.py": new})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == ["store.py"]
