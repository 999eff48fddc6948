"""An adversarial review of REVIEW-E28 and REVIEW-E29 (and the REVIEW-E9 readings of `%` they
build on): pairs of Python sources that the review judged silent, or "the same if ...",
although running both sides prints something else under a condition the rule did not name.
The rules learned most of them; those left are marked xfail(strict=True), known and accepted
(docs/benchmarks.md says why): such a test starts to pass, and so fails the suite, the day the
rule learns the case. Each docstring holds the output of both sides run with Python 3.11.7
(pydantic 2.14 for the mixin), each side written to a file of its own and run there (beside
fw.py or m.py where a docstring names one); the sources are this module's constants, so what
was run is what the review is asked about."""

from __future__ import annotations

import pytest

from test_noop import function, noop
from test_noop_unsure import INT, NUMBER, one_line, unsure
from testing.util import review_json

# other functions between a class and what reads it: the review parses only the top-level
# statements around a hunk, and blanks the rest of a long enough file
HELPERS = "".join(
    f"\n\ndef helper{n}(value):\n    total = value + {n}\n    total = total * 2\n    return total\n"
    for n in range(12)
)
POINT = "class Point:\n    x: int\n    y: int\n\n    def norm(self):\n        return 1\n"

FAR_READER = (
    f"import json\n\n\n{POINT}{HELPERS}\n\ndef describe(cls):\n"
    "    return sorted(cls.__annotations__)\n\n\nprint(describe(Point))\n"
)
FAR_DATACLASS = (
    f"import dataclasses\n\n\n{POINT}{HELPERS}\n\n"
    "Point = dataclasses.dataclass(Point)\nprint(Point(1, 2))\n"
)
ALIASED_HINTS = f"from typing import get_type_hints as hints\n\n\n{POINT}\n\nprint(hints(Point))\n"
MIXIN = """from pydantic import BaseModel


class Stamped:
    created: int

    def age(self):
        return 1


class User(Stamped, BaseModel):
    name: str


print(list(User.model_fields))
try:
    print(User(name="a", created="x"))
except ValueError as error:
    print(type(error).__name__)
"""
HOOKED = """from fw import register


class Base:
    __init_subclass__ = classmethod(register)


class Point(Base):
    x: int
    y: int

    def norm(self):
        return 1


print(Point.fields)
"""
FW = (
    "import typing\n\n\ndef register(cls, **kwargs):\n    cls.fields = typing.get_type_hints(cls)\n"
)

ADDED_Z = ("    y: int\n", "    y: int\n    z: int\n")
Y_STR = ("    y: int\n", "    y: str\n")


def changed(source: str, edit: tuple[str, str]) -> str:
    return source.replace(*edit, 1)


def test_a_mixin_whose_annotations_a_model_of_the_module_reads_keeps_its_fields() -> None:
    """REVIEW-E29: `Stamped` has no base and no decorator, so its `created: int` is judged an
    annotation; but `User(Stamped, BaseModel)` makes it a pydantic field (pydantic collects
    the annotations of every class of the MRO; SQLAlchemy 2's declarative mixins do the same
    with `Mapped[...]`). `created: int` to `created: str`:

        before: ['created', 'name']
                ValidationError
        after:  ['created', 'name']
                created='x' name='a'
    """
    assert noop(MIXIN, MIXIN.replace("created: int", "created: str")) == [False]


def test_a_mixin_a_model_reads_is_asked_about_through_the_cli(repo, cli) -> None:
    """REVIEW-E29 through the CLI: the same change to the mixin, in a file a spec covers, is
    listed among the files that change nothing (`noop_files`) and asks nothing."""
    spec = (
        "---\nid: USERS\nscope: [models.py]\n---\n# Users\n\n## Requirements\n"
        "- USERS-1: A user's `created` stamp is a number; a text is refused.\n"
    )
    repo.commit("base", {"specs/users.md": spec, "models.py": MIXIN})
    repo.commit("created is a text", {"models.py": MIXIN.replace("created: int", "created: str")})
    assert review_json(cli, "HEAD")["noop_files"] == []


def test_a_reader_of_annotations_far_from_the_class_is_seen() -> None:
    """REVIEW-E29: the module reads `cls.__annotations__`, but in a function past twelve
    others: the review parses only the top-level statements around the hunk (parse_touched
    blanks the rest of a long file), so `plain_classes` never sees the reader. Adding `z: int`:

        before: ['x', 'y']
        after:  ['x', 'y', 'z']
    """
    assert noop(FAR_READER, changed(FAR_READER, ADDED_Z)) == [False]


def test_a_dataclass_applied_by_a_call_far_below_keeps_its_fields() -> None:
    """REVIEW-E29: `Point = dataclasses.dataclass(Point)` binds `Point` twice, which keeps it
    from being plain, but it lies past twelve functions and is blanked with them. Adding
    `z: int`:

        before: Point(x=1, y=2)
        after:  TypeError: Point.__init__() missing 1 required positional argument: 'z'
    """
    assert noop(FAR_DATACLASS, changed(FAR_DATACLASS, ADDED_Z)) == [False]


def test_get_type_hints_imported_under_another_name_reads_the_annotations() -> None:
    """REVIEW-E29: `from typing import get_type_hints as hints` spells the reader only in the
    import's alias, which the check of names does not look at. `y: int` to `y: str`:

        before: {'x': <class 'int'>, 'y': <class 'int'>}
        after:  {'x': <class 'int'>, 'y': <class 'str'>}
    """
    assert noop(ALIASED_HINTS, changed(ALIASED_HINTS, Y_STR)) == [False]


def test_an_init_subclass_bound_by_assignment_reads_the_subclass_annotations() -> None:
    """REVIEW-E29: `__init_subclass__ = classmethod(register)` is a hook like a `def` of that
    name; `register` (fw.py: `cls.fields = typing.get_type_hints(cls)`) reads them in another
    module. `Base` gets a docstring in the same change, so that its statement is parsed too.
    `y: int` to `y: str`:

        before: {'x': <class 'int'>, 'y': <class 'int'>}
        after:  {'x': <class 'int'>, 'y': <class 'str'>}
    """
    documented = "class Base:\n    " + '"""Registers the fields of subclasses."""' + "\n\n"
    after = changed(HOOKED, Y_STR).replace("class Base:\n", documented)
    assert noop(HOOKED, after) == [False]


# `class Status(int, Enum)`: an int whose `format` is the enum's (Python 3.11 and later)
STATUS = "from enum import Enum\n\n\nclass Status(int, Enum):\n    OK = 1\n\n\ns = Status.OK\n"


def test_hex_of_an_int_enum_member_is_a_change() -> None:
    """REVIEW-E9 reads `"%08x" % (s,)` as `f"{s:08x}"` for any value: `%` asks the value's
    `__index__`, `format` its `__format__`, which an `(int, Enum)` member takes from `Enum`:

        "%08x" % (s,)  -> 00000001
        f"{s:08x}"     -> ValueError: Unknown format code 'x' for object of type 'str'
    """
    before = function("prefix = 1\nvalue = '%08x' % (s,)\nreturn value")
    assert noop(before, before.replace("'%08x' % (s,)", 'f"{s:08x}"')) == [False]


def test_what_percent_d_takes_for_granted_rules_out_an_int_enum_member() -> None:
    """REVIEW-E28 asked whether `s` "is an int (not a float or a bool)"; an `(int, Enum)`
    member is one (`isinstance(s, int)`), yet both rewrites differ for it, so the check now
    names enums:

        "%d" % s       -> 1        f"{s}"      -> Status.OK
        "%.2f" % (s,)  -> 1.00     f"{s:.2f}"  -> ValueError: Unknown format code 'f' for
                                                  object of type 'str'
    """
    for old, new, expected in (
        ("'%d' % s", 'f"{s}"', INT),
        ("'%.2f' % (s,)", 'f"{s:.2f}"', NUMBER),
    ):
        taken = one_line(old, new)
        assert taken == (("s", expected),) and "enum" in expected, old


FORMATTED = """class Reading(float):
    def __format__(self, spec):
        return format(round(float(self), 1), spec)

    def __str__(self):
        return "%.3f" % float(self)


x = Reading(0.1234)
"""


@pytest.mark.xfail(strict=True, reason="REVIEW-E9, REVIEW-E28: %s calls str, {} calls format")
def test_percent_s_of_a_value_whose_format_is_not_its_str_is_a_change() -> None:
    """REVIEW-E9 reads `"%s" % (x,)` as `f"{x}"` (silent) and REVIEW-E28 `"%s" % x` as the
    same if `x` holds no tuple; but `%s` calls `str(x)` and `{x}` calls `format(x, "")`, which
    differ for a class with its own `__format__` (here `Reading`; numpy's float32 formats
    through float, so `f"{np.float32(0.1)}"` prints all its digits where `%s` prints 0.1:
    from numpy's source, not run here):

        "%s" % (x,)  -> 0.123
        f"{x}"       -> 0.1
    """
    before = function("prefix = 1\nvalue = '%s' % (x,)\nreturn value")
    assert noop(before, before.replace("'%s' % (x,)", 'f"{x}"')) == [False]
    named = unsure(
        *[function(f"prefix = 1\nvalue = {v}\nreturn value") for v in ("'%s' % x", 'f"{x}"')]
    )
    assert named != [(("x", "holds no tuple"),)]


@pytest.mark.xfail(strict=True, reason="REVIEW-E9: {x!s} calls str, {x} calls format")
def test_a_dropped_s_conversion_is_a_change_for_a_value_whose_format_is_not_its_str() -> None:
    """REVIEW-E9 reads `f"{x!s}"` as `f"{x}"` (`_field`: "`str(x)` is `format(x, "")`"),
    which holds for Python's own types but not for a class with its own `__format__` (on
    Python 3.10 and before, a `(str, Enum)` member too: `Color.RED` against `red`):

        f"{x!s}"  -> 0.123
        f"{x}"    -> 0.1
    """
    before = function("prefix = 1\nvalue = f'{x!s}'\nreturn value")
    assert noop(before, before.replace("f'{x!s}'", "f'{x}'")) == [False]


META = "class Meta(type):\n    registry: dict\n\n    def __call__(cls):\n        return 1\n"
META_READER = (
    "from m import Meta\n\n\nclass Model(metaclass=Meta):\n    pass\n\n\n"
    "print(Model.__annotations__)\n"
)


def test_the_annotations_of_a_metaclass_are_read_through_its_classes() -> None:
    """REVIEW-E29: `Meta(type)` is plain (`type` is Python's own), but a class it makes that
    has no annotations of its own finds `__annotations__` on its metaclass: another module's
    `Model.__annotations__` (META_READER, run beside m.py) is Meta's. `dict` to `list`:

        before: {'registry': <class 'dict'>}
        after:  {'registry': <class 'list'>}
    """
    assert noop(META, META.replace("registry: dict", "registry: list")) == [False]


STARRED = (
    "from fw import *\n\n\nclass Point(Exception):\n    x: int\n    y: int\n\n\n"
    "print(Point.fields)\n"
)
FW_EXCEPTION = (
    "import typing\n\n__all__ = ['Exception']\n\n\nclass Exception(Exception):\n"
    "    def __init_subclass__(cls):\n        cls.fields = typing.get_type_hints(cls)\n"
)


def test_a_builtin_name_a_star_import_may_bind_is_not_surely_builtin() -> None:
    """REVIEW-E29: `from fw import *` binds `*`, not `Exception`, so `Point(Exception)` is
    taken for a subclass of Python's own `Exception`; fw (FW_EXCEPTION) exports an
    `Exception` of its own whose `__init_subclass__` reads the annotations. `y: int` to
    `y: str`:

        before: {'x': <class 'int'>, 'y': <class 'int'>}
        after:  {'x': <class 'int'>, 'y': <class 'str'>}
    """
    assert noop(STARRED, changed(STARRED, Y_STR)) == [False]


EAGER = """from typing import TYPE_CHECKING, Tuple

if TYPE_CHECKING:
    from ._structures import CmpKey


class _BaseVersion:
    _key: Tuple[int, ...]

    def __hash__(self):
        return hash(self._key)


print("imported")
"""


@pytest.mark.xfail(strict=True, reason="REVIEW-16, REVIEW-E29: a class body's annotation runs")
def test_an_annotation_a_class_body_evaluates_may_name_what_is_not_bound() -> None:
    """REVIEW-E29 drops a plain class's bare annotation, but without `from __future__ import
    annotations` Python evaluates it when the class is made: `_key: CmpKey`, with `CmpKey`
    imported only under `if TYPE_CHECKING:` (pypa/packaging's change, less its string
    annotations; ruff's TC004), fails at import. REVIEW-16 reads module and parameter
    annotations the same way; E29 brings every plain class body's annotations under it:

        before: imported
        after:  NameError: name 'CmpKey' is not defined
    """
    assert noop(EAGER, EAGER.replace("_key: Tuple[int, ...]", "_key: CmpKey")) == [False]


@pytest.mark.xfail(strict=True, reason="REVIEW-E175: a local annotation makes its name local")
def test_a_local_annotation_of_a_name_the_function_never_assigns_is_a_change() -> None:
    """REVIEW-E175 reads a function's bare `x: T` as no statement (its annotation is never
    evaluated); yet it makes `x` local, so a read of `x` that found the module's now raises
    UnboundLocalError (run with CPython: `return body` -> [1]; with `body: list` -> raises)."""
    before = "body = [1]\n\n\ndef build():\n    return body\n"
    assert noop(before, before.replace("    return", "    body: list\n    return")) == [False]
