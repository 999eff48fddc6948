"""REVIEW-16: which hunks of a Python change alter no behaviour, judged on source pairs (the
hunks as `git diff` cuts them, each side parsed as the review parses it). The same rules run
through the CLI on real repositories in tests/test_review_links.py."""

from __future__ import annotations

import difflib
import re

from specflow.change import Hunk, Line
from specflow.languages.pyblocks import sides_lines
from specflow.languages.pysource import parse_touched
from specflow.noop import python_hunks

_HEADER = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def hunks_of(old: str, new: str) -> list[Hunk]:
    """The hunks of a unified diff with three lines of context, as git writes them."""
    hunks: list[Hunk] = []
    old_at = new_at = 0
    for text in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=3):
        match = _HEADER.match(text)
        if match:
            start, count, new_start, new_count = match.groups()
            hunks.append(
                Hunk("m.py", int(start), int(count or 1), int(new_start), int(new_count or 1))
            )
            old_at, new_at = int(start), int(new_start)
        elif hunks and text.startswith("-") and not text.startswith("---"):
            hunks[-1] = hunks[-1]._replace(removed=(*hunks[-1].removed, Line(old_at, text[1:])))
            old_at += 1
        elif hunks and text.startswith("+") and not text.startswith("+++"):
            hunks[-1] = hunks[-1]._replace(added=(*hunks[-1].added, Line(new_at, text[1:])))
            new_at += 1
        elif hunks:
            old_at, new_at = old_at + 1, new_at + 1
    return hunks


def noop(old: str, new: str) -> list[bool]:
    """For each hunk of the change from `old` to `new`: whether it changes no behaviour."""
    hunks = hunks_of(old, new)
    cut_old: set[int] = set()
    cut_new: set[int] = set()
    for hunk in hunks:
        old_lines, new_lines = sides_lines(hunk)
        cut_old.update(old_lines)
        cut_new.update(new_lines)
    old_tree = parse_touched(old.encode(), sorted(cut_old))
    new_tree = parse_touched(new.encode(), sorted(cut_new))
    found, _ = python_hunks(hunks, old_tree, new_tree, (old.encode(), new.encode()))
    return [index in found for index in range(len(hunks))]


def function(body: str, header: str = "def send(self, request, timeout=None):") -> str:
    """A module with one function far from its imports, `body` indented under `header`."""
    lines = "".join(f"    {line}\n" if line else "\n" for line in body.split("\n"))
    return f"import socket\n\n\n{header}\n{lines}\n\ndef other():\n    return 1\n"


SEND = """try:
    conn = self.get_connection(request.url)
except LocationValueError as e:
    raise InvalidURL(e, request=request)

if isinstance(timeout, tuple):
    log('tuple')
    log('of two')
    log('connect')
    log('and read')
    log('timeouts')
    log('given')
    log('here')
    try:
        connect, read = timeout
        timeout = TimeoutSauce(connect=connect, read=read)
    except ValueError:
        raise ValueError('Invalid timeout {}.'.format(timeout))
else:
    timeout = TimeoutSauce(connect=timeout, read=timeout)

for attempt in range(3):
    resp = conn.urlopen(method=request.method, url=request.url)
else:
    resp = None
return self.build_response(request, resp)"""


def test_the_unchanged_context_above_a_change_is_compared_on_both_sides() -> None:
    """REVIEW-16: an import above the change on one side only is no difference."""
    old = "import json as _json\nimport typing as _t\n\n\ndef f(x: _t.Any):\n"
    old += "    return _json.dumps(x)\n"
    new = "from __future__ import annotations\n\n" + old.replace("_t", "t")
    assert noop(old, new) == [True]


def test_a_quote_change_in_an_if_block_another_hunk_changes_is_no_change() -> None:
    """REVIEW-E8: the comparison narrows into the branch of the `if` that holds the lines; the
    other hunk, a real change in the same block, is still a change."""
    old = function(SEND)
    new = old.replace("log('tuple')", "log('a tuple')")
    new = new.replace("'Invalid timeout {}.'", '"Invalid timeout {}."')
    assert noop(old, new) == [False, True]


def test_narrowing_goes_through_try_handlers_loops_and_else() -> None:
    """REVIEW-E8: into a handler of a `try`, the `else` of a loop, the body of a `while` or a
    `with`, each while its header is the same."""
    old = function(
        SEND + "\n" + "\n" * 8 + "while True:\n    with lock:\n        n = 'x'\n        break"
    )
    new = old.replace("InvalidURL(e, request=request)", "InvalidURL(e, request = request)")
    new = new.replace("resp = None", "resp = None  # no luck").replace("n = 'x'", 'n = "x"')
    assert noop(old, new) == [True, True, True]
    changed = old.replace("except LocationValueError as e:", "except ValueError as e:")
    assert noop(old, changed) == [False]


def test_only_an_equal_header_changed_is_no_change() -> None:
    """REVIEW-E8: a line that only the `if` test holds, spelled differently, is no change."""
    old = function(SEND)
    assert noop(
        old, old.replace("if isinstance(timeout, tuple):", "if isinstance(timeout, (tuple)):")
    ) == [True]
    assert noop(
        old, old.replace("if isinstance(timeout, tuple):", "if isinstance(timeout, list):")
    ) == [False]


def test_a_statement_moved_between_blocks_is_a_change() -> None:
    """REVIEW-E8: blocks stay apart: the same statements in the `else` instead of the body."""
    old = function("if ready:\n    go()\n    log('a')\nelse:\n    wait()")
    new = function("if ready:\n    go()\nelse:\n    log('a')\n    wait()")
    assert noop(old, new) == [False]
    new_header = function("if not ready:\n    go()\n    log('a')\nelse:\n    wait()")
    assert noop(old, new_header.replace("log('a')", 'log("a")')) == [False]


def test_match_cases_are_blocks_of_their_own() -> None:
    """REVIEW-E8: one case of a `match` is compared on its own, its pattern included."""
    body = "match command:\n    case 'go':\n        go(1)\n    case 'stop':\n        stop()"
    old = function(body)
    assert noop(old, old.replace("go(1)", "go(\n            1,\n        )")) == [True]
    assert noop(old, old.replace("case 'stop'", "case 'halt'")) == [False]


def one_line(old: str, new: str) -> bool:
    """Whether changing the line `old` to `new` in a function is no change."""
    before = function(f"prefix = 1\nvalue = {old}\nreturn value")
    return noop(before, before.replace(f"value = {old}", f"value = {new}")) == [True]


def test_the_text_of_a_logged_message_is_prose() -> None:
    """REVIEW-E12: a typo fixed in a log message; what the message formats, the level, a
    call that only looks like logging, and the arguments of a `%`-style message are changes."""
    assert one_line(
        'logger.debug("Caching permanant redirect")', "logger.debug('Caching permanent redirect')"
    )
    assert one_line('self._log.warning(f"bad {key}")', 'self._log.warning(f"invalid {key}")')
    assert one_line('logging.info("got %s", key)', 'logging.info("received %s", key)')
    assert not one_line('self._log.warning(f"bad {key}")', 'self._log.warning(f"bad {name}")')
    assert not one_line('logger.debug("x")', 'logger.error("x")')
    assert not one_line('catalog.error("x")', 'catalog.error("y")')
    assert not one_line('logging.info("got %s", key)', 'logging.info("got %s", name)')


def test_percent_and_format_and_f_strings_that_format_the_same_are_the_same() -> None:
    """REVIEW-E9: pyupgrade's rewrites of `%` and `str.format` into f-strings."""
    assert one_line("'%s:%s' % (a, b)", 'f"{a}:{b}"')
    assert one_line("'%s %r %a 100%%' % (a, b, c)", 'f"{a} {b!r} {c!a} 100%"')
    assert one_line("'{} and {}'.format(a, b.c)", 'f"{a} and {b.c}"')
    assert one_line("'{0}/{1}'.format(a, b)", "'%s/%s' % (a, b)")
    assert one_line("'{x}'.format(x=a)", 'f"{a}"')
    assert one_line("'{} is {v!r}'.format(a, v=b.c)", 'f"{a} is {b.c!r}"')  # ruff's UP032
    assert one_line("'{:08x}'.format(n)", 'f"{n:08x}"')
    assert one_line("'%s!' % str(n)", 'f"{str(n)}!"')
    assert one_line("'%08x' % (len(n),)", 'f"{len(n):08x}"')
    assert one_line("'size %s' % type(n)", 'f"size {type(n)}"')  # a class is no tuple
    assert one_line("'%-+8.2e|%.0f' % (float(x), len(y))", 'f"{float(x):<+8.2e}|{len(y):.0f}"')


def test_formatting_that_may_differ_is_a_change() -> None:
    """REVIEW-E9: a name after `%` may hold a tuple; other conversions, reordered, repeated or
    unused arguments, a keyword dict, and different text are changes."""
    assert not one_line("'%s' % name", 'f"{name}"')
    assert not one_line("'%d' % (n,)", 'f"{n}"')
    assert not one_line("'%08x' % (n,)", 'f"{n:8x}"')
    assert not one_line("'%.0f' % n", 'f"{n:.0f}"')
    assert not one_line("'%#o' % (n,)", 'f"{n:#o}"')
    assert not one_line("'%.3x' % (n,)", 'f"{n:.3x}"')  # format refuses it
    assert not one_line("'100%' % (n,)", 'f"100{n}"')  # an incomplete format raises
    assert not one_line("'%.2f' % (price,)", 'f"{price:.2f}"')  # a Decimal rounds its own way
    assert not one_line("'%5s' % (n,)", 'f"{n:>5}"')
    assert not one_line("'{1} {0}'.format(a, b)", 'f"{b} {a}"')
    assert not one_line("'{0} {0}'.format(a)", 'f"{a} {a}"')
    assert not one_line("'{b}{a}'.format(a=x, b=y)", 'f"{y}{x}"')  # y was evaluated after x
    assert not one_line("'{x}{x}'.format(x=a)", 'f"{a}{a}"')
    assert not one_line("'{x}'.format(x=a, y=b)", 'f"{a}"')  # b was evaluated
    assert not one_line("'{x}'.format(**k)", 'f"{k}"')
    assert not one_line("'{0}{x}'.format(x=a)", 'f"{a}{a}"')
    assert not one_line("'%s:%s' % (a, b)", 'f"{a}-{b}"')
    assert not one_line("'%r' % (a,)", 'f"{a}"')
    assert not one_line("b'%s' % (a,)", 'f"{a}"')


def test_the_literal_a_call_builds_is_that_literal() -> None:
    """REVIEW-E9: `set([...])`, `set(x for ...)`, `list(x for ...)` and `dict(a=...)`, as the
    comprehension rules of pyupgrade and ruff rewrite them; an empty `set([])` and a call with
    a name or a star argument stay calls."""
    assert one_line("set(['a', 'b'])", "{'a', 'b'}")
    assert one_line("set((a, b))", "{a, b}")
    assert one_line("set(x for x in y)", "{x for x in y}")
    assert one_line("list(x for x in y if x)", "[x for x in y if x]")
    assert one_line("dict(a=1, b=c)", "{'a': 1, 'b': c}")
    assert not one_line("set([])", "{}")
    assert not one_line("set(y)", "{y}")
    assert not one_line("dict(**k)", "{**k}")
    assert not one_line("set(['a', 'b'])", "{'a', 'c'}")


def test_an_annotated_variable_is_the_variable() -> None:
    """REVIEW-16: `X = 30` to `X: int = 30` in a module or a function changes nothing (seen on
    psf/requests' 561e4b6, where it made ripples of `DEFAULT_REDIRECT_LIMIT`); in a class body
    an annotated attribute is a dataclass field, so gaining the annotation is a change, while
    changing it is not."""
    module = "import os\n\nX = 30\nY = os.sep\n"
    assert noop(module, module.replace("X = 30", "X: int = 30")) == [True]
    assert noop(module, module.replace("X = 30", "X: int = 31")) == [False]
    local = function("url = []\nreturn url")
    assert noop(local, local.replace("url = []", "url: list[str] = []")) == [True]
    fields = "import os\n\n\n@dataclass\nclass Options:\n    retries: int = 3\n    name = 'x'\n"
    assert noop(fields, fields.replace("retries: int = 3", "retries: int | None = 3")) == [True]
    assert noop(fields, fields.replace("name = 'x'", "name: str = 'x'")) == [False]


def test_a_class_variable_that_gains_classvar_is_the_variable() -> None:
    """REVIEW-E34 (python-semver's no-op commits): `NAMES = (...)` to `NAMES: ClassVar[...] =
    (...)` in a class body is no field: dataclasses leave a ClassVar out, as they leave out an
    attribute without annotation. A plain annotation there still makes a field."""
    fields = "import typing\n\n\n@dataclass\nclass Version:\n    NAMES = ('major', 'minor')\n"
    for var in ("ClassVar[tuple[str, ...]]", "typing.ClassVar[tuple]", "ClassVar"):
        assert noop(fields, fields.replace("NAMES =", f"NAMES: {var} =")) == [True], var
    assert noop(fields, fields.replace("NAMES =", "NAMES: tuple[str, ...] =")) == [False]
    assert noop(
        fields, fields.replace("NAMES =", "NAMES: ClassVar[tuple] =").replace("or'", "")
    ) == [False]


def test_the_annotations_of_a_class_nothing_reads_them_of_are_annotations() -> None:
    """REVIEW-E29 (pypa/packaging's 28c1a05): `_key: CmpKey` to `_key: Tuple[Any, ...]` in a
    class of no base, and `_key: CmpKey` added to a class derived from it, change nothing. A
    decorator, a metaclass, a base from elsewhere (pydantic's `BaseModel`, `NamedTuple`,
    `Protocol`), a base of the module that defines `__init_subclass__` or is decorated, or a
    module that reads `__annotations__` keeps them fields."""
    base = "class _BaseVersion:\n    _key: CmpKey\n\n    def __hash__(self):\n        return 1\n"
    derived = (
        "class Version(_BaseVersion):\n    _regex = 1\n\n    def __init__(self):\n        pass\n"
    )
    module = f"import re\n\n\n{base}\n\n{derived}"
    assert noop(module, module.replace("_key: CmpKey", "_key: Tuple[Any, ...]")) == [True]
    added = module.replace("    _regex = 1\n", "    _regex = 1\n    _key: CmpKey\n")
    added = added.replace(
        "_key: CmpKey\n\n    def __hash__", "_key: Tuple[Any, ...]\n\n    def __hash__"
    )
    assert noop(module, added) == [True, True]
    for header in (
        "@dataclass\nclass Version(_BaseVersion):",
        "class Version(_BaseVersion, metaclass=Meta):",
        "class Version(BaseModel):",
        "class Version(NamedTuple):",
        "class Version(typing.Protocol):",
    ):
        fielded = added.replace("class Version(_BaseVersion):", header)
        before = module.replace("class Version(_BaseVersion):", header)
        assert noop(before, fielded)[1:] == [False], header
    hooked = base.replace("    _key: CmpKey\n", "    def __init_subclass__(cls):\n        pass\n")
    hooked_added = added.replace(base.replace("CmpKey", "Tuple[Any, ...]"), hooked)
    assert noop(module.replace(base, hooked), hooked_added) == [False]
    decorated = module.replace("class _BaseVersion:", "@attr.s\nclass _BaseVersion:")
    decorated_added = added.replace("class _BaseVersion:", "@attr.s\nclass _BaseVersion:")
    assert noop(decorated, decorated_added) == [False, False]
    reads = module + "\n\nFIELDS = Version.__annotations__\n"
    assert noop(reads, added + "\n\nFIELDS = Version.__annotations__\n") == [False, False]


def test_every_flake8_comprehensions_rewrite_builds_the_same_literal() -> None:
    """REVIEW-E9: the rest of ruff's C4 rules (C402-C411), as seen on psf/requests' 89ab030:
    `dict()` is `{}`, `dict((k, v) for ...)` a dict comprehension, and a display or a list
    comprehension passed to `list`, `set`, `tuple` or `dict` is that literal; a pair that is not
    two items, a star, or a different key stay changes."""
    assert one_line("dict()", "{}")
    assert one_line("list()", "[]")
    assert one_line("tuple()", "()")
    assert one_line(
        "dict((a, getattr(s, a)) for a in s.attrs)", "{a: getattr(s, a) for a in s.attrs}"
    )
    assert one_line("dict([(k, v) for k, v in pairs])", "{k: v for k, v in pairs}")
    assert one_line("dict([(1, 2), (a, b)])", "{1: 2, a: b}")
    assert one_line("set([x for x in y])", "{x for x in y}")
    assert one_line("list([x for x in y])", "[x for x in y]")
    assert one_line("tuple([a, b])", "(a, b)")
    assert one_line("list((a, b))", "[a, b]")
    assert not one_line("set()", "{}")
    assert not one_line("dict((a, b, c) for a in y)", "{a: b for a in y}")
    assert not one_line("dict((k, v) for k, v in y)", "{v: k for k, v in y}")
    assert not one_line("tuple(x for x in y)", "(x for x in y)")
    assert not one_line("list(y)", "[y]")
    assert not one_line("list(())", "()")


def test_the_old_names_of_oserror_are_oserror() -> None:
    """REVIEW-E9: PEP 3151 made IOError, EnvironmentError, socket.error and the rest OSError;
    `except (X, OSError)` with X one of them catches OSError once."""
    assert one_line("IOError('x')", "OSError('x')")
    body = "try:\n    send()\nexcept (ProtocolError, socket.error) as err:\n"
    body += "    raise ConnectionError(err)"
    old = function(body)
    assert noop(old, old.replace("socket.error", "OSError")) == [True]
    twice = old.replace("(ProtocolError, socket.error)", "(IOError, OSError)")
    assert noop(twice, old.replace("(ProtocolError, socket.error)", "OSError")) == [True]
    assert noop(old, old.replace("socket.error", "ValueError")) == [False]
    bare = old.replace("except (ProtocolError, socket.error) as err:", "except:")
    assert noop(bare, bare.replace("except:", "except Exception:")) == [False]


TYPED = """import typing as _t
from datetime import datetime

_t_str_bytes = _t.Union[str, bytes]
_t_opt_int = _t.Optional[int]
T = _t.TypeVar("T")


class Signer(_t.Generic[T]):
    @_t.overload
    def unsign(self, value: _t_str_bytes, age: _t_opt_int = None) -> bytes: ...

    @_t.overload
    def unsign(self, value: _t_str_bytes, age: int) -> _t.Tuple[bytes, datetime]: ...

    def unsign(self, value, age=None):
        return _t.cast(bytes, value)
"""

MODERN = """from __future__ import annotations

import typing as t
from datetime import datetime


class Signer:
    def unsign(self, value, age=None):
        return t.cast(bytes, value)
"""


def test_typing_aliases_type_variables_generic_and_overloads_change_nothing() -> None:
    """REVIEW-E10: `import typing as _t` to `as t`, module type aliases, a TypeVar, `Generic[T]`
    among the bases and `@overload` stubs are read only by the type checker."""
    assert all(noop(TYPED, MODERN))


def test_typing_names_that_run_are_still_compared() -> None:
    """REVIEW-E10: a real base, a runtime assignment beside the aliases, and a function kept
    are changes."""
    assert not all(noop(TYPED, MODERN.replace("class Signer:", "class Signer(dict):")))
    runtime = TYPED.replace('T = _t.TypeVar("T")', 'T = _t.TypeVar("T")\nLIMIT = 10')
    assert not all(noop(runtime, MODERN))
    kept = TYPED.replace(
        "    @_t.overload\n    def unsign(self, value: _t_str_bytes, age: int)",
        "    def unsign_at(self, value: _t_str_bytes, age: int)",
    )
    assert not all(noop(kept, MODERN))


def test_an_alias_declared_as_typealias_is_inert() -> None:
    """REVIEW-E10: `X: TypeAlias = ...` names a type."""
    old = "import typing as t\n\nKey: t.TypeAlias = 'str | bytes'\n\n\ndef f():\n    return 1\n"
    assert noop(old, old.replace("'str | bytes'", "'str | bytes | None'")) == [True]
    assert noop(old, old.replace("Key: t.TypeAlias =", "Key: str =")) == [False]


def test_an_alias_newly_declared_as_typealias_is_the_same_alias() -> None:
    """REVIEW-E10: `X = Callable[...]` to `X: TypeAlias = Callable[...]` (and the import it
    needs) declares what was already an alias; the alias given a new value as it is declared,
    or another name declared, is a change."""
    old = "from collections.abc import Callable\n\nHook = Callable[[str], None]\nLIMIT = 3\n"
    new = old.replace("Hook =", "Hook: TypeAlias =").replace(
        "Callable\n", "Callable\nfrom typing import TypeAlias\n"
    )
    assert all(noop(old, new))
    assert not all(noop(old, new.replace("[[str], None]", "[[bytes], None]").replace("3", "4")))
    assert not all(noop(old, new.replace("LIMIT = 3", "LIMIT: TypeAlias = 4")))


def test_fields_annotated_as_pyupgrade_writes_them_are_the_same() -> None:
    """REVIEW-E10: a named tuple's fields from `List[str]`, `Optional[Tuple[str, int]]` and
    `Union[A, B, None]` to `list[str]`, `tuple[str, int] | None` and `A | B | None` (PEP 585,
    PEP 604); module aliases spelled with `typing`'s bare names; another field type, and a
    module constant indexed like a generic, are changes."""
    old = (
        "from typing import List, NamedTuple, Optional, Tuple, Union\n\n\n"
        "class Requirement(NamedTuple):\n    extras: List[str]\n"
        "    pre: Optional[Tuple[str, int]]\n    marker: Union[Marker, str, None]\n"
    )
    new = (
        old.replace("List[str]", "list[str]")
        .replace("Optional[Tuple[str, int]]", "tuple[str, int] | None")
        .replace("Union[Marker, str, None]", "Marker | str | None")
    )
    assert all(noop(old, new))
    assert not all(noop(old, new.replace("list[str]", "list[int]")))
    alias = "from typing import Any\n\nMarkerAtom = Any\nLIMIT = 3\n"
    assert all(noop(alias, alias.replace("= Any", '= Union[Item, Sequence["MarkerAtom"]]')))
    table = "DEFAULTS = CONFIG['a']\nLIMIT = 3\n"
    assert not all(noop(table, table.replace("'a'", "'b'")))


PARTITION = """def partition(self, sep):
    l, s, r = super().partition(sep)
    return cls(l), cls(s), cls(r)
"""


def test_locals_renamed_through_the_whole_function_are_the_same() -> None:
    """REVIEW-E11: alpha-equivalence: `l, s, r` renamed `left, mid, right` everywhere."""
    renamed = PARTITION.replace("l,", "left,").replace("s,", "mid,").replace(" r ", " right ")
    renamed = renamed.replace("cls(l)", "cls(left)").replace("cls(s)", "cls(mid)")
    renamed = renamed.replace("cls(r)", "cls(right)")
    assert noop(PARTITION, renamed) == [True]


def test_a_rename_in_one_place_only_or_of_a_parameter_is_a_change() -> None:
    """REVIEW-E11: a local renamed where it is set but not where it is read, two locals
    swapped, a parameter renamed, a local renamed to a name the function reads elsewhere."""
    assert noop(PARTITION, PARTITION.replace("l, s, r", "a, s, r")) == [False]
    assert noop(PARTITION, PARTITION.replace("l, s, r", "s, l, r")) == [False]
    assert noop(PARTITION, PARTITION.replace("sep", "separator")) == [False]
    assert noop(PARTITION, PARTITION.replace("l,", "cls,").replace("(l)", "(cls)")) == [False]


def test_renames_hold_across_hunks_of_a_long_function() -> None:
    """REVIEW-E11: each hunk of a function renamed through is the same; one renamed in a hunk
    and read unrenamed in another is not."""
    body = "total = 0\n" + "".join(f"step{k}()\n" for k in range(10)) + "return total"
    old = function(body)
    assert noop(old, old.replace("total", "count")) == [True, True]
    assert noop(old, old.replace("total = 0", "count = 0")) == [False]


REGISTER = """def register(self, plugin, name=None):
    plugin_name = name or self.canonical(plugin)
    for name in dir(plugin):
        opts = self.parse(plugin, name)
        if opts is not None:
            name = opts.get("specname") or name
            hook = getattr(self.hook, name, None)
            if hook is None:
                setattr(self.hook, name, make(name))
    return plugin_name
"""
SPLIT = (
    REGISTER.replace("for name in", "for attr_name in")
    .replace("(plugin, name)", "(plugin, attr_name)")
    .replace('name = opts.get("specname") or name', 'hook_name = opts.get("specname") or attr_name')
    .replace("self.hook, name", "self.hook, hook_name")
    .replace("make(name)", "make(hook_name)")
)


def test_a_loop_variable_split_in_two_is_the_same() -> None:
    """REVIEW-E11: a loop variable that shadowed a parameter and was rebound in the loop,
    split into two names (ruff's PLW2901): each binding is read where it was."""
    assert noop(REGISTER, SPLIT) == [True]
    assert noop(REGISTER, SPLIT.replace("make(hook_name)", "make(attr_name)")) == [False]


def test_a_split_that_changes_what_a_later_read_reaches_is_a_change() -> None:
    """REVIEW-E11: after the loop, `name` was the last loop value and is the parameter once
    the loop binds other names; a name bound in one branch and read after it; a function that
    reads its locals by name (`dir()`, `locals()`); a nested function reading the name; a
    name bound in a `with` block, which a context manager may cut short."""
    later = REGISTER.replace("return plugin_name", "return plugin_name, name")
    split_later = SPLIT.replace("return plugin_name", "return plugin_name, name")
    assert noop(later, split_later) == [False]
    branch = "x = 1\nif flag:\n    x = 2\n    log(x)\nreturn x"
    assert noop(
        function(branch), function(branch.replace("x = 2\n    log(x)", "y = 2\n    log(y)"))
    ) == [False]
    for reads in ("dir()", "locals()"):
        hidden = REGISTER.replace(
            "    return plugin_name", f"    print({reads})\n    return plugin_name"
        )
        shown = SPLIT.replace(
            "    return plugin_name", f"    print({reads})\n    return plugin_name"
        )
        assert noop(hidden, shown) == [False]
    swallowed = "x = 1\nwith suppress(KeyError):\n    x = table[key]\nreturn x"
    renamed = swallowed.replace("x = table", "y = table").replace("return x", "return y")
    assert noop(function(swallowed), function(renamed)) == [False]
    nested = REGISTER.replace("return plugin_name", "return lambda: name")
    assert noop(nested, SPLIT.replace("return plugin_name", "return lambda: name")) == [False]


def test_the_parameters_of_a_generic_base_are_for_the_type_checker() -> None:
    """REVIEW-E10: `class X(Base[_T])` to `class X(Base[t.AnyStr])` is no change; another base
    is."""
    old = "class TimedSerializer(Serializer[_TAnyStr]):\n    max_age = 10\n"
    assert noop(old, old.replace("[_TAnyStr]", "[t.AnyStr]")) == [True]
    assert noop(old, old.replace("Serializer[_TAnyStr]", "Signer[_TAnyStr]")) == [False]


def test_a_conversion_before_a_spec_and_a_lone_percent_are_changes() -> None:
    """REVIEW-E9: `{n!s:08x}` formats the text of `n`, `{n:08x}` the number; `"100%" % ()`
    raises."""
    assert one_line("'{!s}'.format(n)", 'f"{n}"')
    assert not one_line("'{!s:>8}'.format(n)", 'f"{n:>8}"')
    assert not one_line("'100%' % ()", 'f"100"')


def test_an_overload_decorator_with_a_body_that_runs_is_compared() -> None:
    """REVIEW-E10: only an `@overload` stub (`...`, `pass`, a docstring) is inert."""
    stub = "from typing import overload\n\n\n@overload\ndef area(x: int) -> int: ...\n"
    old = stub + "\n\ndef area(x):\n    return x * x\n"
    assert noop(old, old.replace("(x: int) -> int: ...", "(x: str) -> str: ...")) == [True]
    registered = old.replace("-> int: ...", "-> int:\n    return x")
    assert noop(registered, registered.replace("return x\n\n", "return -x\n\n")) == [False]


def test_a_type_checking_block_stays_inert_when_a_hunk_is_inside_it() -> None:
    """REVIEW-16: an import or a TypedDict field changed inside `if TYPE_CHECKING:` changes no
    behaviour, though the hunk lies in the block."""
    old = (
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from x import A\n"
        "    from y import B\n\n    class Kwargs(TypedDict):\n        hooks: A\n\n\nLIMIT = 1\n"
    )
    assert noop(old, old.replace("    from y import B\n", "")) == [True]
    assert noop(old, old.replace("hooks: A", "hooks: B | None")) == [True]


def test_a_handler_name_renamed_through_its_function_is_the_same() -> None:
    """REVIEW-E11: `except OSError as e: raise Wrapped(e)` to `as err`, everywhere; a handler
    name renamed where it is bound but not where it is read is a change."""
    old = function("try:\n    send()\nexcept OSError as e:\n    raise Wrapped(e)")
    assert noop(old, old.replace("as e:", "as err:").replace("(e)", "(err)")) == [True]
    assert noop(old, old.replace("as e:", "as err:")) == [False]


def test_a_method_decorator_that_calls_another_function_is_a_change() -> None:
    """REVIEW-E8: pluggy 06193a4, `@hookspec_opts(historic=True)` to `@hookspec(historic=True)`
    over a method of a class in a test: another decorator runs."""
    old = function(
        "class Hooks:\n    @hookspec_opts(historic=True)\n    def he_method1(self, arg):\n"
        "        pass\npm.addhooks(Hooks)",
        header="def test_register_historic(pm):",
    )
    assert noop(old, old.replace("@hookspec_opts(", "@hookspec(")) == [False]


def test_a_nested_function_decorator_with_other_arguments_is_a_change() -> None:
    """REVIEW-E8: tenacity 43a75cf, `@retry(wait_fixed=1000, stop_max_attempt_number=1, ...)`
    to `stop=tenacity.stop_after_attempt(1)` over a function defined in a test method; and
    tenacity 3100582, `@functools.wraps(f)` given the attributes to copy in the library."""
    old = function(
        "@retry(wait_fixed=1000, stop_max_attempt_number=1,\n       before_attempts=_before)\n"
        "def _test_before():\n    pass\n_test_before()",
        header="def test_before_attempts(self):",
    )
    new = old.replace("stop_max_attempt_number=1", "stop=tenacity.stop_after_attempt(1)")
    assert noop(old, new) == [False]
    wraps = function(
        "@functools.wraps(f)\ndef wrapped_f(*args, **kw):\n    return self(f, *args, **kw)\n"
        "return wrapped_f",
        header="def wraps(self, f):",
    )
    copies = "functools.wraps(f, functools.WRAPPER_ASSIGNMENTS + ('__defaults__',))"
    assert noop(wraps, wraps.replace("functools.wraps(f)", copies)) == [False]


def test_a_method_decorator_replaced_in_a_class_is_a_change() -> None:
    """REVIEW-E8: `@property` to `@functools.cached_property` on a method: the attribute is
    computed once instead of on every read."""
    old = "import functools\n\n\nclass Box:\n    @property\n    def size(self):\n        return 1\n"
    assert noop(old, old.replace("@property", "@functools.cached_property")) == [False]


LRU = '''import collections


class LRUCache:
    """Least recently used."""

    def __init__(self):
        self.__order = collections.OrderedDict()

    def __getitem__(self, key):
        value = self.lookup(key)
        self.__update(key)
        return value

    def __setitem__(self, key, value):
        self.store(key, value)
        self.__update(key)

    def __update(self, key):
        try:
            self.__order.move_to_end(key)
        except KeyError:
            self.__order[key] = None
'''


def test_a_private_method_renamed_through_its_class_is_the_same() -> None:
    """REVIEW-E13: `__update` to `__touch` (cachetools d049b50), in its definition and in both
    calls, with a docstring added: every hunk is the same."""
    new = LRU.replace("__update(self, key):", '__touch(self, key):\n        """Used now."""')
    assert all(noop(LRU, new.replace("self.__update(key)", "self.__touch(key)")))


def test_a_private_rename_in_part_or_by_name_or_with_a_change_is_a_change() -> None:
    """REVIEW-E13: a call left on the old name, a mangled name spelled in a string, a public
    name, a swap of two private names and a rename beside a real change are changes."""
    renamed = LRU.replace("__update", "__touch")
    partial = renamed.replace(
        "self.store(key, value)\n        self.__touch",
        "self.store(key, value)\n        self.__update",
    )
    assert not all(noop(LRU, partial))
    spelled = LRU.replace(
        '"""Least recently used."""', '"""Least recently used."""\n\n    hook = "_LRUCache__update"'
    )
    assert not all(
        noop(
            spelled,
            spelled.replace("__update", "__touch").replace("_LRUCache__touch", "_LRUCache__update"),
        )
    )
    public = LRU.replace("__update", "update")
    assert not all(noop(public, public.replace("update", "touch")))
    two = LRU.replace("self.__order", "self.__keys")
    swapped = (
        two.replace("__update", "__tmp").replace("__keys", "__update").replace("__tmp", "__keys")
    )
    assert not all(noop(two, swapped))
    changed = renamed.replace("except KeyError:", "except LookupError:")
    assert not all(noop(LRU, changed))


def test_a_private_name_outside_a_class_renamed_is_a_change() -> None:
    """REVIEW-E13: only a class mangles its private names."""
    old = "def __helper(x):\n    return x + 1\n\n\ndef run(y):\n    return __helper(y)\n"
    assert noop(old, old.replace("__helper", "__assist")) == [False]


def test_a_hunk_of_comments_only_is_the_same_whatever_changes_around_it() -> None:
    """REVIEW-E14: comments added in a class another hunk renames (cachetools 45776b2): the
    comments are no change, the rename is."""
    body = "".join(f"        x{i} = {i}\n" for i in range(12))
    old = f"class Descriptor:\n    def get(self):\n{body}        return x0\n"
    new = old.replace("class Descriptor:", "class _Descriptor:").replace(
        "        x6 = 6\n", "        # another thread may have replaced it\n        x6 = 6\n"
    )
    assert noop(old, new) == [False, True]


def test_a_hash_line_inside_a_string_is_a_change() -> None:
    """REVIEW-E14: a `#` line inside a triple-quoted string is text."""
    pad = "".join(f"y{i} = {i}\n" for i in range(8))
    old = f'{pad}TEMPLATE = """\nline\n# heading\nmore\n"""\n'
    assert noop(old, old.replace("# heading", "# Heading")) == [False]


def test_an_else_after_a_branch_that_leaves_is_what_follows_the_if() -> None:
    """REVIEW-E26: ruff's RET505 to RET508 (humanize a4cacf0: the final return moved out of an
    `else`), an `elif` after a `raise`, nested branches that all return."""
    old = function("if a:\n    return 1\nelse:\n    x = 2\n    return x + 1")
    assert noop(old, function("if a:\n    return 1\nx = 2\nreturn x + 1")) == [True]
    old = function("if a:\n    raise E\nelif b:\n    return 2\nelse:\n    return 3")
    assert noop(old, function("if a:\n    raise E\nif b:\n    return 2\nreturn 3")) == [True]
    nested = "if a:\n    if b:\n        return 1\n    else:\n        return 2\n"
    old = function(nested + "else:\n    return 3")
    assert noop(old, function(nested + "return 3")) == [True]
    loop = "for n in y:\n    if n:\n        continue\n    else:\n        f(n)"
    assert noop(function(loop), function(loop.replace("    else:\n        f", "    f"))) == [True]


def test_an_else_after_a_branch_that_may_go_on_is_a_change() -> None:
    """REVIEW-E26: a branch that may end without leaving keeps its `else` apart."""
    old = function("if a:\n    g()\nelse:\n    f()\nreturn 1")
    assert noop(old, function("if a:\n    g()\nf()\nreturn 1")) == [False]
    old = function("if a:\n    if b:\n        return 1\nelse:\n    f()\nreturn 1")
    assert noop(old, function("if a:\n    if b:\n        return 1\nf()\nreturn 1")) == [False]


def test_a_local_assigned_only_to_be_returned_is_the_value_returned() -> None:
    """REVIEW-E26: ruff's RET504 either way (humanize 70fc85d: `ret: str = ...; return ret`)."""
    old = function("if a:\n    return 0\nreturn format % (n / unit) + s")
    new = function("if a:\n    return 0\nret: str = format % (n / unit) + s\nreturn ret")
    assert noop(old, new) == [True]
    assert noop(new, old) == [True]


def test_a_returned_local_another_line_reads_is_a_change() -> None:
    """REVIEW-E26: what the local held may be read again (a `finally`, a closure, a global)."""
    old = "try:\n    return f()\nfinally:\n    log(r)"
    new = "try:\n    r = f()\n    return r\nfinally:\n    log(r)"
    assert noop(function(old), function(new)) == [False]
    closure = "def later():\n    return r\n"
    assert noop(function(closure + "return f()"), function(closure + "r = f()\nreturn r")) == [
        False
    ]
    declared = "global r\n"
    assert noop(function(declared + "return f()"), function(declared + "r = f()\nreturn r")) == [
        False
    ]
    assert noop(function("return f()"), function("r = f()\nreturn g")) == [False]


def test_what_runs_outside_type_checking_is_what_is_compared() -> None:
    """REVIEW-E26: `if TYPE_CHECKING: ... else: B` and `A if TYPE_CHECKING else B` run `B`
    (tox-dev/filelock 579ccc3 and 26b4d7c); what runs changed is a change."""
    head = "import typing\nfrom typing import TYPE_CHECKING\n\n\n"
    old = head + "FileLock: type[Base] = _FileLock\n"
    branches = head + "if TYPE_CHECKING:\n    FileLock = Soft\nelse:\n    FileLock = _FileLock\n"
    expression = head + "FileLock = Soft if typing.TYPE_CHECKING else _FileLock\n"
    assert noop(old, branches) == [True]
    assert noop(expression, branches) == [True]
    assert noop(old, expression) == [True]
    assert noop(old, branches.replace("= _FileLock", "= Soft")) == [False]
    assert noop(old, expression.replace("TYPE_CHECKING", "WINDOWS")) == [False]
    assert noop(old, expression.replace("typing.TYPE_CHECKING", "self.TYPE_CHECKING")) == [False]


def test_what_pyupgrade_and_ruff_rewrite_in_calls_is_the_same() -> None:
    """REVIEW-E27: UP015, UP020, UP011, UP038, UP018, C413, C416, RET501 and PIE790, each as
    ruff writes it."""
    assert one_line("open(p, 'r')", "open(p)")
    assert one_line("io.open(p, mode='rt')", "open(p)")
    assert one_line("io.open(p, 'w+', encoding=e)", "open(p, 'w+', encoding=e)")
    assert one_line("open(p, 'r', encoding=e)", "open(p, encoding=e)")
    assert one_line("isinstance(x, (int, float, str))", "isinstance(x, int | float | str)")
    assert one_line("str('a') + int(1)", "'a' + 1")
    assert one_line("list(sorted(y, key=len))", "sorted(y, key=len)")
    assert one_line("[x for x in y] + list({x for x in z})", "list(y) + list(set(z))")
    decorated = "import functools\n\n\n@functools.lru_cache()\ndef f(x):\n    return x\n"
    assert noop(decorated, decorated.replace("lru_cache()", "lru_cache")) == [True]
    assert noop(
        function("if a:\n    return None\nreturn 1"), function("if a:\n    return\nreturn 1")
    ) == [True]
    assert noop(function("pass\nreturn 1"), function("return 1")) == [True]


def test_calls_that_may_do_otherwise_are_a_change() -> None:
    """REVIEW-E27: another mode, arguments to the cache, a name where a literal was, a filter
    or an expression in the comprehension, another value returned; a mode `*args` may hold,
    another object's `lru_cache`, `None` in a union, an import from `collections.abc`
    dropped (its name is read when the code runs), a local `locals()` reads."""
    assert not one_line("open(p, 'rb')", "open(p)")
    assert not one_line("open(p, 'w')", "open(p)")
    assert not one_line("io.open(p, 'w')", "open(p)")
    assert not one_line("codecs.open(p)", "open(p)")
    assert not one_line("lru_cache(maxsize=None)", "lru_cache")
    assert not one_line("str(a)", "a")
    assert not one_line("int('1')", "'1'")
    assert not one_line("list(reversed(y))", "reversed(y)")
    assert not one_line("[x for x in y if x]", "list(y)")
    assert not one_line("[x.a for x in y]", "list(y)")
    assert noop(
        function("if a:\n    return 0\nreturn 1"), function("if a:\n    return\nreturn 1")
    ) == [False]
    assert not one_line("open(*args, 'r')", "open(*args)")
    assert not one_line("registry.lru_cache()", "registry.lru_cache")
    assert not one_line("isinstance(x, int | None)", "isinstance(x, (int, None))")
    removed = (
        "from collections.abc import Mapping\n\n\ndef f(x):\n    return isinstance(x, Mapping)\n"
    )
    assert noop(removed, removed.replace("from collections.abc import Mapping\n", "")) == [False]
    shown = "finally:\n    print(sorted(locals()))"
    peeked = function(f"try:\n    r = f()\n    return r\n{shown}")
    assert noop(function(f"try:\n    return f()\n{shown}"), peeked) == [False]


def test_a_name_assigned_in_either_branch_is_a_conditional_expression() -> None:
    """REVIEW-E26: ruff's SIM108, read either way; two names, or a branch that does more,
    stay an `if`."""
    old = function("if a:\n    b = 1\nelse:\n    b = 2\nreturn b")
    assert noop(old, function("b = 1 if a else 2\nreturn b")) == [True]
    other = function("if a:\n    b = 1\nelse:\n    c = 2\nreturn b")
    assert noop(other, function("b = 1 if a else 2\nreturn b")) == [False]
    more = function("if a:\n    b = 1\n    f()\nelse:\n    b = 2\nreturn b")
    assert noop(more, function("b = 1 if a else 2\nreturn b")) == [False]


def test_a_named_tuple_or_typed_dict_declared_as_a_class_is_the_same() -> None:
    """REVIEW-E27: pyupgrade's UP014 and UP013 (theskumar/python-dotenv cadf4fc); another
    field, a default or a method is a change, and so is a class nested in a class."""
    head = "from typing import NamedTuple, Optional, TypedDict\n\n\n"
    called = (
        head
        + 'Binding = NamedTuple(\n    "Binding",\n    [("key", Optional[str]), ("line", int)],\n)\n'
    )
    declared = head + "class Binding(NamedTuple):\n    key: Optional[str]\n    line: int\n"
    assert noop(called, declared) == [True]
    assert noop(called, declared.replace("    line: int\n", "    line: int = 0\n")) == [False]
    assert noop(called, declared.replace("line: int", "lines: int")) == [False]
    assert noop(called, declared.replace("Optional[str]", "str | None")) == [True]
    typed = head + 'Env = TypedDict("Env", {"path": str}, total=False)\n'
    as_class = head + "class Env(TypedDict, total=False):\n    path: str\n"
    assert noop(typed, as_class) == [True]
    assert noop(typed, as_class.replace(", total=False", "")) == [False]
    nested = "class Outer:\n    " + "\n    ".join(called[len(head) :].rstrip().split("\n")) + "\n"
    nested_class = "class Outer:\n    " + "\n    ".join(declared[len(head) :].rstrip().split("\n"))
    assert noop(head + nested, head + nested_class + "\n") == [False]  # `Outer.Binding` pickles
