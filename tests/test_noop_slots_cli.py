"""REVIEW-E167 through the CLI on real repositories: ruff's RUF023 sorts a class's `__slots__`
(the tomlkit trial's 800c829 sorted `_ArrayItemGroup.__slots__` and drew six questions).
CPython sorts the slot names itself before it lays out the instances, so the order is seen
only by code that reads `__slots__` back: where none can (a private class with no base,
metaclass or decorator, in a file that mentions `__slots__` nowhere else) the sort is no
change, for the review and the hook. Anything else about the slots still asks."""

from __future__ import annotations

import pytest

from testing.util import noop_and_hook_agree

SPEC = """---
id: ARR
scope: [pkg/**]
---
# Arrays

## Context
- `_Group` holds the indent, value, comma and comment of one element.

## Requirements
- ARR-1: Editing an array keeps one comma between values and keeps each comment.
"""
BASE = """# ARR-1
class _Group:
    __slots__ = ("value", "indent", "comma", "comment")

    def __init__(self, value, indent, comma, comment):
        self.value = value
        self.indent = indent
        self.comma = comma
        self.comment = comment
"""
SORTED = '    __slots__ = ("comma", "comment", "indent", "value")\n'
UNSORTED = '    __slots__ = ("value", "indent", "comma", "comment")\n'


def _noop(repo, cli, base: str, after: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the review calls the change formatting only; then the hook agrees."""
    files = {"specs/arr.md": SPEC, "pkg/a.py": base}
    return noop_and_hook_agree(repo, cli, files, "pkg/a.py", after, "ruff: sort __slots__")


def test_sorted_slots_of_a_private_class_are_no_change(repo, cli):
    """REVIEW-E167 (tomlkit 800c829): a private class's `__slots__` sorted, as a tuple or a
    list, asks nothing, and the hook is silent under the reference above it."""
    assert _noop(repo, cli, BASE, BASE.replace(UNSORTED, SORTED))
    listed = BASE.replace("(", "[", 1).replace('"comment")', '"comment"]')
    assert "__slots__ = [" in listed
    assert _noop(repo, cli, listed, listed.replace(UNSORTED.strip()[13:-1], SORTED.strip()[13:-1]))


@pytest.mark.parametrize(
    "slots",
    [
        '    __slots__ = ("comma", "comment", "indent", "value", "key")\n',  # a slot added
        '    __slots__ = ("comma", "comment", "indent")\n',  # one removed
        '    __slots__ = ("comma", "comment", "indent", "values")\n',  # one renamed
        '    __slots__ = ["comma", "comment", "indent", "value"]\n',  # a tuple made a list
        '    __slots__ = ("comma", "comment", "indent", "value", "__dict__")\n',  # a dict
    ],
)
def test_slots_that_are_not_only_sorted_still_ask(repo, cli, slots):
    """REVIEW-E167, adversarial: sorted and changed is a change."""
    assert not _noop(repo, cli, BASE, BASE.replace(UNSORTED, slots))


@pytest.mark.parametrize(
    "base",
    [
        BASE.replace("class _Group:", "class Group:"),  # public: another module may read them
        BASE.replace("class _Group:", "class _Group(Mixin):"),  # a base may read them
        BASE.replace("class _Group:", "class _Group(metaclass=Meta):"),  # its namespace
        BASE.replace("class _Group:", "@register\nclass _Group:"),  # so may a decorator
        BASE
        + "\n    def __repr__(self):\n"
        + '        return ", ".join(str(getattr(self, s)) for s in self.__slots__)\n',
        BASE + '\n\nFIELDS = getattr(_Group, "__slots__")\n',
        BASE.replace("# ARR-1\n", "# ARR-1: __slots__ order is the wire order\n"),
    ],
)
def test_sorted_slots_whose_order_may_be_read_still_ask(repo, cli, base):
    """REVIEW-E167, adversarial: where the order may be read back (the class is public, has a
    base, a metaclass or a decorator, or the file mentions `__slots__` elsewhere: a `__repr__`
    walking them in order, a `getattr`, even a comment), sorting them is a change."""
    assert not _noop(repo, cli, base, base.replace(UNSORTED, SORTED))
