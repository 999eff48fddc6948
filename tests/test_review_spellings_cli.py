"""How the names of a change's code read as the names statements write: a stop word written
as code (REVIEW-E219), the private spelling of a named constant (REVIEW-E220), a standard
module's attribute (REVIEW-E221), a class named after a named option (REVIEW-E222). Real
repositories through the CLI, from this session's trials: arrow 246c55d and 86116ae, parse
9c9ec7f, sqlparse 73c8ba3 asked nothing or the wrong statement."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

FACTORY_SPEC = """---
id: FAC
scope: [pkg/**]
---
# Factory

## Context
- `Factory.get()` dispatches on its arguments: a timestamp, a `datetime`, or a string.

## Requirements
- FAC-1: `get()` accepts only numeric timestamps; any other argument is an error.
- FAC-2: `Cache` keeps the last `str` value it was given.
- FAC-3: `new()` returns a fresh instance with no state.

## Edge Cases
- FAC-E1: A timestamp in milliseconds.
"""

FACTORY = """class Factory:
    def get(self, *args):
        arg = args[0]
        if isinstance(arg, (int, float)):
            return arg
        raise TypeError(arg)


class Cache:
    def get(self, key):
        return self.store.get(key)

    def put(self, key, value):
        self.store[key] = value


def lookup(table, key):
    found = table.get(key)
    return found
"""


def asked(cli: Any) -> list[str]:
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return [q["statement"]["id"] or f"C{q['statement']['line']}" for q in questions]


def factory_change(repo: Any, old: str, new: str) -> None:
    repo.commit("base", {"specs/fac.md": FACTORY_SPEC, "pkg/factory.py": FACTORY})
    assert old in FACTORY
    repo.commit("change", {"pkg/factory.py": FACTORY.replace(old, new, 1)})


def test_a_method_named_get_is_the_get_a_statement_names_as_code(repo: Any, cli: Any) -> None:
    """REVIEW-E219 (arrow 246c55d): `get` is a stop word of prose, yet `Factory.get()` and
    `get()` written as code name the method: a change inside `Factory.get` asks FAC-1 and the
    Context line (before: no question, only the unasked code)."""
    factory_change(
        repo,
        "        arg = args[0]\n",
        "        arg = args[0]\n        if isinstance(arg, Decimal):\n"
        "            arg = float(arg)\n",
    )
    found = asked(cli)
    assert "FAC-1" in found and "C8" in found


def test_a_call_of_a_named_stop_word_is_no_name_of_the_hunk(repo: Any, cli: Any) -> None:
    """REVIEW-E219, adversarial: `Factory().new()` in another function calls the `new()` FAC-3
    names, as any program calls its `new`: the hunk's code names no stop word, so it asks
    nothing (were it a name, "it names `new`" would ask FAC-3 of every such call)."""
    factory_change(repo, "    found = table.get(key)\n", "    found = Factory().new()\n")
    assert asked(cli) == []


def test_a_call_of_get_or_another_owners_get_asks_nothing(repo: Any, cli: Any) -> None:
    """REVIEW-E219, adversarial: `table.get(key)` in another function only calls a `get`, as
    every program does (like `split`, REVIEW-E129's names), and `Cache.get` is not the
    `Factory.get()` the spec qualifies its `get()` by (REVIEW-E165): neither asks FAC-1 or the
    Context line; a bare `str` in backticks is a type, no name, so FAC-2 is not asked of a
    change that calls `str()`."""
    factory_change(repo, "    found = table.get(key)\n", "    found = table.get(str(key))\n")
    assert asked(cli) == []
    repo.commit("back", {"pkg/factory.py": FACTORY})
    cache = FACTORY.replace("self.store.get(key)", "self.store.get(key, None)")
    repo.commit("cache", {"pkg/factory.py": cache})
    assert asked(cli) == ["FAC-2"]  # inside `Cache`, which FAC-2 names


TIMESTAMP_SPEC = """---
id: TS
scope: [pkg/**]
---
# Timestamps

## Context
- `normalize_timestamp()` turns ms and µs into seconds.

## Requirements
- TS-1: A timestamp past `MAX_TIMESTAMP` is `ValueError`.
- TS-2: Each locale lists its `names` in lower case.

## Edge Cases
- TS-E1: Values past `MAX_TIMESTAMP`.
"""

CONSTANTS = """from datetime import datetime

try:
    _MAX_TIMESTAMP = datetime.max.timestamp()
except OverflowError:
    _MAX_TIMESTAMP = (
        datetime(3000, 12, 31).timestamp()
    )

MAX_TIMESTAMP = _MAX_TIMESTAMP
_names = ["en"]
"""

# the words max and timestamp everywhere else in the code, as in arrow: no word tells
OTHERS = "".join(
    f"def timestamp_max_{i}(timestamp, max_timestamp):\n"
    "    return min(timestamp, max_timestamp)\n\n\n"
    for i in range(150)
)


def test_the_private_spelling_of_a_named_constant_is_that_constant(repo: Any, cli: Any) -> None:
    """REVIEW-E220 (arrow 86116ae): a change of the value `_MAX_TIMESTAMP` holds, which the
    module publishes as `MAX_TIMESTAMP`, asks TS-1 and TS-E1 however common max and timestamp
    are in the rest of the code (before: nothing, with six other files using the words)."""
    files = {f"pkg/mod{k}.py": OTHERS for k in range(6)}
    repo.commit("base", {"specs/ts.md": TIMESTAMP_SPEC, "pkg/constants.py": CONSTANTS, **files})
    repo.commit("bound", {"pkg/constants.py": CONSTANTS.replace("3000, 12, 31", "3000, 1, 1")})
    found = asked(cli)
    assert "TS-1" in found and "TS-E1" in found


def test_a_private_plain_word_is_not_the_named_word(repo: Any, cli: Any) -> None:
    """REVIEW-E220, adversarial: `_names` is no spelling of the `names` TS-2 names (a plain
    word may be any local's), so writing it asks nothing; `__MAX_TIMESTAMP` (a class's own,
    name mangling) is not `MAX_TIMESTAMP` either."""
    files = {f"pkg/mod{k}.py": OTHERS for k in range(6)}
    repo.commit("base", {"specs/ts.md": TIMESTAMP_SPEC, "pkg/constants.py": CONSTANTS, **files})
    repo.commit("names", {"pkg/constants.py": CONSTANTS.replace('["en"]', '["en", "fr"]')})
    assert asked(cli) == []
    mangled = CONSTANTS.replace("_names", "__MAX_TIMESTAMP")
    repo.commit("mangled", {"pkg/constants.py": mangled})
    repo.commit("again", {"pkg/constants.py": mangled.replace('["en"]', '["de"]')})
    assert not {"TS-1", "TS-E1"} & set(asked(cli))


COMPILE_SPEC = """---
id: API
scope: [lib.py]
---
# API

## Context
- The module parses strings.

## Requirements
- API-1: `compile()` returns a reusable `Parser` for a format.

## Edge Cases
- API-E1: An empty format.
"""

LIB = """import re
import os.path

PATTERN = re.compile(r"a+")
HOME = os.path.join("a", "b")


def compile(fmt):
    return fmt


def parse(fmt, text):
    return compile(fmt)
"""


def test_a_standard_module_s_attribute_is_not_the_project_s_function(repo: Any, cli: Any) -> None:
    """REVIEW-E221 (parse 9c9ec7f, f4a30ff): `re.compile(...)` calls the standard library's
    `compile`, not the module's own `compile()` API-1 names: changing its pattern asks nothing
    (before: "it names `compile`, as the statement does")."""
    repo.commit("base", {"specs/api.md": COMPILE_SPEC, "lib.py": LIB})
    repo.commit("pattern", {"lib.py": LIB.replace('r"a+"', 'r"b+"')})
    assert asked(cli) == []


def test_the_project_s_compile_called_bare_or_through_its_own_module_still_asks(
    repo: Any, cli: Any
) -> None:
    """REVIEW-E221, adversarial: `compile(fmt)` called bare is the module's own, and so is
    `re.compile` where `re` is a module of the project (`import lib2 as re`): each asks API-1."""
    repo.commit("base", {"specs/api.md": COMPILE_SPEC, "lib.py": LIB})
    repo.commit("bare", {"lib.py": LIB.replace("return compile(fmt)", "return compile(fmt or '')")})
    assert "API-1" in asked(cli)
    own = LIB.replace("import re\n", "import lib2 as re\n")
    repo.commit("own", {"lib.py": own, "lib2.py": "def compile(p):\n    return p\n"})
    repo.commit("own pattern", {"lib.py": own.replace('r"a+"', 'r"b+"')})
    assert "API-1" in asked(cli)


FILTER_SPEC = """---
id: F
scope: [pkg/**]
---
# Formatting

## Context
- `build_filter_stack()` adds the statement filters (`StripCommentsFilter`, `ReindentFilter`).

## Requirements
- F-1: `strip_comments` removes every comment but keeps the SQL valid.
- F-2: `reindent` puts each clause keyword on its own line.

## Edge Cases
- F-E1: Input of only comments.
"""

FILTERS = """class StripCommentsFilter:
    @staticmethod
    def _process(tlist):
        tidx, token = tlist.next_comment()
        while token:
            if tlist.is_edge(tidx):
                tlist.tokens.remove(token)
            else:
                tlist.tokens[tidx] = ' '
            tidx, token = tlist.next_comment()
"""

FIX = (
    "                tlist.tokens.remove(token)\n",
    "                tlist.tokens.remove(token)\n                tidx -= 1\n",
)


def test_a_class_named_after_a_named_option_is_inside_what_it_names(repo: Any, cli: Any) -> None:
    """REVIEW-E222 (sqlparse 73c8ba3): `StripCommentsFilter` is named after the
    `strip_comments` F-1 names, its words in order: a fix inside it asks F-1 (before: only the
    Context line listing the class), and not F-2's `reindent`."""
    repo.commit("base", {"specs/f.md": FILTER_SPEC, "pkg/others.py": FILTERS})
    repo.commit("only comments", {"pkg/others.py": FILTERS.replace(*FIX)})
    found = asked(cli)
    assert "F-1" in found and "F-2" not in found


def test_a_class_holding_the_words_in_another_order_is_not_named_after_it(
    repo: Any, cli: Any
) -> None:
    """REVIEW-E222, adversarial: `CommentStripFilter` holds strip and comments but not as
    `strip_comments` runs (another name), and `StripFilter` only one of them: a fix inside
    either asks nothing of F-1; nor does one inside `StripCommentsFilter` where F-1 names the
    class `StripComments` (another class, as urllib3's `HTTPConnection` is no
    `HTTPConnectionPool`)."""
    for name, option in (
        ("CommentStripFilter", "strip_comments"),
        ("StripFilter", "strip_comments"),
        ("StripCommentsFilter", "StripComments"),
    ):
        other = FILTERS.replace("StripCommentsFilter", name)
        spec = FILTER_SPEC.replace("StripCommentsFilter", name).replace("strip_comments", option)
        repo.commit(f"base {name}", {"specs/f.md": spec, "pkg/others.py": other})
        repo.commit(f"fix {name}", {"pkg/others.py": other.replace(*FIX)})
        assert "F-1" not in asked(cli), name
