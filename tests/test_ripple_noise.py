"""Ripples come from code, not from prose, data files or import lines (REVIEW-E6)."""

from __future__ import annotations

import json

SPEC = """---
id: PAY
scope: [src/**]
---
# Payments

## Context
- Amounts are integer cents in `ledger.amount`.

## Requirements
- PAY-1: Amounts are stored as integer cents.

## Edge Cases
- PAY-E1: A zero amount.
"""

LEDGER = """def record(ledger, cents):  # PAY-1
    ledger.amount = cents
"""

CALLER = """from pay.ledger import record


def charge(ledger, cents):
    return record(ledger, cents)
"""


def ripple_names(cli) -> dict[str, list[dict[str, object]]]:
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    return {r["symbol"]["name"]: r["uses"] for r in data["ripples"]}


def record_uses(repo, cli, charge: str) -> list[dict[str, object]]:
    """The uses of `record` (pay/ledger.py) when it changes and pay/charge.py is `charge`."""
    repo.commit("base", {"specs/pay.md": SPEC, "pay/ledger.py": LEDGER, "pay/charge.py": charge})
    repo.commit("cents", {"pay/ledger.py": LEDGER.replace("= cents", "= int(cents)")})
    return ripple_names(cli)["record"]


def places(uses: list[dict[str, object]], *keys: str) -> list[tuple[object, ...]]:
    """Each use as the tuple of its `keys` (by default its path and function), in order."""
    return [tuple(use[key] for key in keys or ("path", "function")) for use in uses]


def test_prose_and_data_files_write_no_names(repo, cli):
    """REVIEW-E6: `constraint = ...` in a README or a TOML table is not a write of `constraint`."""
    repo.commit(
        "base",
        {"specs/pay.md": SPEC, "src/pay/ledger.py": LEDGER, "src/pay/rules.py": "constraint = 1\n"},
    )
    repo.commit(
        "docs",
        {
            "README.md": "constraint = strict\n",
            "pyproject.toml": "[tool.x]\nconstraint = 2\n",
        },
    )
    assert ripple_names(cli) == {}


def test_an_import_line_is_not_a_use(repo, cli):
    """REVIEW-E6: changing record() ripples to its caller, not to the line that imports it;
    `context` lists the import apart."""
    repo.commit(
        "base",
        {"specs/pay.md": SPEC, "src/pay/ledger.py": LEDGER, "src/pay/charge.py": CALLER},
    )
    repo.commit("change", {"src/pay/ledger.py": LEDGER + "    return cents\n"})
    uses = ripple_names(cli)["record"]
    assert [(u["path"], u["use"]) for u in uses] == [("src/pay/charge.py", "call")]
    context = cli("context", "record").out
    assert "imported:\n    src/pay/charge.py:1" in context
    assert "called:\n    src/pay/charge.py:5" in context


CACHES = """class Cache:
    def __init__(self, maxsize):
        self.maxsize = maxsize

    def get(self, key):
        return self.lookup(key)

    def lookup(self, key):
        return None


class RRCache(Cache):
    def __init__(self, maxsize, choice):
        Cache.__init__(self, maxsize)
        self.choice = choice

    def get(self, key):
        return Cache.get(self, key) or self.lookup(key)
"""


def test_a_method_every_class_defines_makes_no_ripple_of_calls(repo, cli):
    """REVIEW-E15: `__init__` changed in `Cache` would ripple to every constructor in the code:
    none; `get` ripples only within its class family (REVIEW-E25: `RRCache.get` calls
    `Cache.get(self, key)`), and `lookup`, changed too, to its callers. REVIEW-7: `__init__`,
    which no test calls by name, is not listed as untested; `get` and `lookup` are, and not
    `Cache`: its constructor stores another value, which its readers answer for (REVIEW-E33)."""
    repo.commit("base", {"specs/pay.md": SPEC, "src/pay/caches.py": CACHES})
    changed = (
        CACHES.replace("        self.maxsize = maxsize\n", "        self.maxsize = int(maxsize)\n")
        .replace("        return self.lookup(key)\n", "        return self.lookup(key) or None\n")
        .replace("        return None\n", "        return 0\n")
    )
    repo.commit("sizes", {"src/pay/caches.py": changed})
    names = ripple_names(cli)
    assert "__init__" not in names, names
    assert places(names["get"], "line", "function") == [(18, "get")], names
    assert "lookup" in names, names
    untested = json.loads(cli("review", "HEAD", "--format", "json").out)["untested"]
    assert [s["name"] for s in untested] == ["get", "lookup"]  # REVIEW-7: not `__init__`


def test_functions_of_one_name_in_two_files_are_each_listed_untested(repo, cli):
    """REVIEW-7: `helper()` changed in two files is two functions, both listed (the list kept
    the first file's alone), in the JSON, the text and the PR comment; a caller of the name is
    one ripple, not one per file."""
    a, b = "def helper(x):\n    return x\n", "def helper(y):\n    return y\n"
    caller = "from pay.a import helper\n\n\ndef use():\n    return helper(1)\n"
    files = {"src/pay/a.py": a, "src/pay/b.py": b, "src/pay/use.py": caller}
    repo.commit("base", {"specs/pay.md": SPEC, **files})
    repo.commit(
        "two helpers",
        {"src/pay/a.py": a.replace("x\n", "x + 1\n"), "src/pay/b.py": b.replace("y\n", "y * 2\n")},
    )
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    assert [r["symbol"]["name"] for r in data["ripples"]] == ["helper"]
    assert [(s["name"], s["path"]) for s in data["untested"]] == [
        ("helper", "src/pay/a.py"),
        ("helper", "src/pay/b.py"),
    ]
    text = cli("review", "HEAD").out
    assert "helper() at src/pay/a.py:1" in text and "helper() at src/pay/b.py:1" in text
    assert "no test mentions it (2)" in cli("comment", "HEAD").out


def test_a_changed_constructor_ripples_to_the_calls_of_its_class(repo, cli):
    """REVIEW-E33: the httpx trial changed `Client.__init__` and saw no ripple and no untested
    row; `Pool(10)` in untouched code runs the changed `__init__`, and no test names `Pool`."""
    pool = "class Pool:\n    def __init__(self, size):\n        self.size = size\n"
    app = "from pay.pool import Pool\n\n\ndef make():\n    return Pool(10)\n"
    repo.commit("base", {"specs/pay.md": SPEC, "pay/pool.py": pool, "pay/app.py": app})
    checked = pool.replace(
        "        self", "        if size < 0:\n            raise ValueError\n        self"
    )
    repo.commit("refuse negative sizes", {"pay/pool.py": checked})
    names = ripple_names(cli)
    assert [(u["path"], u["line"], u["use"]) for u in names["Pool"]] == [("pay/app.py", 5, "call")]
    untested = json.loads(cli("review", "HEAD", "--format", "json").out)["untested"]
    assert [s["name"] for s in untested] == ["Pool"]
    repo.commit("a test", {"tests/test_pool.py": "from pay.pool import Pool\n"})
    repo.commit("again", {"pay/pool.py": checked.replace("ValueError", "ValueError(size)")})
    assert json.loads(cli("review", "HEAD", "--format", "json").out)["untested"] == []


def test_a_function_mutating_its_own_kwargs_ripples_only_through_itself(repo, cli):
    """REVIEW-E16: `kwargs.setdefault` in `send` (psf/requests' 99b3b49) listed every `kwargs`
    of the package as a reader; `send`'s callers are the ripple."""
    sessions = (
        "def send(request, **kwargs):\n    kwargs.setdefault('stream', False)\n    return request\n"
    )
    api = "from pay.sessions import send\n\n\ndef get(url, **kwargs):\n"
    api += "    return send(url, **kwargs)\n"
    repo.commit("base", {"specs/pay.md": SPEC, "pay/sessions.py": sessions, "pay/api.py": api})
    repo.commit("stream", {"pay/sessions.py": sessions.replace("False", "True")})
    assert list(ripple_names(cli)) == ["send"]


def test_a_name_only_tests_use_makes_no_ripple_and_code_uses_come_first(repo, cli):
    """REVIEW-E17: `extract_zipped_paths`, called only by tests (psf/requests' 66d21cb), makes
    no ripple; once code calls it too, the code's call is listed before the tests'."""
    tests = "from pay.ledger import record\n\n\ndef test_record():\n    assert record(None, 1)\n"
    repo.commit(
        "base", {"specs/pay.md": SPEC, "pay/ledger.py": LEDGER, "tests/test_ledger.py": tests}
    )
    repo.commit("cents", {"pay/ledger.py": LEDGER.replace("= cents", "= int(cents)")})
    assert "record" not in ripple_names(cli)
    repo.commit("caller", {"pay/charge.py": CALLER})
    repo.commit("round", {"pay/ledger.py": LEDGER.replace("= cents", "= round(cents)")})
    uses = ripple_names(cli)["record"]
    assert [use["path"] for use in uses] == ["pay/charge.py", "tests/test_ledger.py"]


def test_a_docstring_naming_a_changed_function_is_no_use(repo, cli):
    """REVIEW-E18: a docstring's lines that name `record` (a one-line docstring, the middle and
    the closing line of a long one) are prose in ripples and in `context`; the call below them
    is the one use."""
    charge = (
        "from pay.ledger import record\n\n\n"
        "def charge(ledger, cents):\n"
        '    """Charge through record()."""\n'
        "    return record(ledger, cents)\n\n\n"
        "def refund(ledger, cents):\n"
        '    """Refund.\n\n    Never calls record: a refund is\n    record-free."""\n'
        "    return -cents\n"
    )
    uses = record_uses(repo, cli, charge)
    assert places(uses, "path", "line") == [("pay/charge.py", 6)]
    context = json.loads(cli("context", "record", "--format", "json").out)
    assert "refund" not in json.dumps(context) and "Charge through" not in json.dumps(context)


def test_a_message_naming_a_changed_function_is_no_use(repo, cli):
    """REVIEW-E56: the marshmallow trial: `raise ValueError("Not a valid POSIX timestamp")`
    under `# TS-1` was read as a use of the changed `timestamp()`, and TS-1 was asked. An
    f-string's fields still use it."""
    charge = (
        "import pay.ledger\nfrom pay.ledger import record\n\n\n"
        "def charge(ledger, cents):\n"
        "    if cents < 0:\n"
        '        raise ValueError("could not record a negative charge")\n'
        "    return record(ledger, cents)\n\n\n"
        "def audit(ledger):\n"
        "    print(f'{record(ledger, 0)} kept, record \\'ok\\'')\n"
        '    return getattr(pay.ledger, "record")\n'
    )
    uses = record_uses(repo, cli, charge)
    assert places(uses, "path", "line") == [
        ("pay/charge.py", 8),
        ("pay/charge.py", 12),
    ], uses
    context = json.dumps(json.loads(cli("context", "record", "--format", "json").out))
    assert "negative charge" not in context and "kept, record" in context, context


def test_prose_lines_are_the_lines_all_inside_triple_quoted_strings():
    """REVIEW-E18: a `\"\"\"` in a comment or inside a one-line string starts nothing; a line
    with code beside a triple-quoted string is code."""
    from specflow.languages.pylayout import prose_lines

    source = (
        "def f(x):\n"  # 1
        '    """Wait between min/max."""\n'  # 2
        '    y = max(x, 1)  # """ not a string\n'  # 3
        '    s = "a \\"\\"\\"" + \'b\'\n'  # 4
        '    doc = """first max\n'  # 5
        "    middle max\n"  # 6
        '    last"""\n'  # 7
        '    return """\n'  # 8
        "    max\n"  # 9
        '    """.strip()\n'  # 10
        "z = '''x'''\n"  # 11
    )
    assert sorted(prose_lines(source.encode())) == [2, 6, 7, 9]


def test_a_module_or_class_attribute_python_defines_everywhere_makes_no_ripple(repo, cli):
    """REVIEW-E15: a name added to `__all__` and a new `__slots__` (pluggy's 6f6ea68,
    tenacity's 815c34f) listed every other module's `__all__` and class's `__slots__`."""
    ledger = "__all__ = ['record']\n\n\nclass Entry:\n    __slots__ = ('cents',)\n\n\n" + LEDGER
    other = "__all__ = ['charge']\n\n\nclass Receipt:\n    __slots__ = ('id',)\n"
    repo.commit("base", {"specs/pay.md": SPEC, "pay/ledger.py": ledger, "pay/other.py": other})
    exported = ledger.replace("['record']", "['record', 'Entry']").replace(
        "('cents',)", "('cents', 'at')"
    )
    repo.commit("export", {"pay/ledger.py": exported})
    assert ripple_names(cli) == {}


def test_a_removed_function_still_called_is_the_first_ripple(repo, cli):
    """REVIEW-E19: `record` removed while `charge` still calls it is asked about, first; moved
    to another module it is not removed (the new module's `record` is a changed function); a
    class removed whole does not list its attributes as no longer written, nor its methods as
    removed one by one."""
    ledger = LEDGER + "\n\nclass Entry:\n    def __init__(self):\n        self.amount = 0\n"
    ledger += "\n    def total(self):\n        return self.amount\n"
    reader = CALLER + "\n\ndef show(entry):\n    return entry.amount + entry.total()\n"
    repo.commit("base", {"specs/pay.md": SPEC, "pay/ledger.py": ledger, "pay/charge.py": reader})
    repo.commit("drop", {"pay/ledger.py": "def other():\n    return 1\n"})
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    assert [(r["symbol"]["name"], r["symbol"]["kind"]) for r in data["ripples"]] == [
        ("record", "removed")
    ]
    assert [u["function"] for u in data["ripples"][0]["uses"]] == ["charge"]
    assert "`record` is removed" in cli("review", "HEAD").out
    repo.commit("back", {"pay/ledger.py": ledger})
    repo.commit("move", {"pay/ledger.py": "def other():\n    return 1\n", "pay/books.py": LEDGER})
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    assert ("record", "removed") not in [
        (r["symbol"]["name"], r["symbol"]["kind"]) for r in data["ripples"]
    ]


def test_a_class_private_name_ripples_only_inside_its_class(repo, cli):
    """REVIEW-E21: `self.__size` written anew in `Cache` ripples to `Cache.currsize`, not to
    `Other.total` in the same file nor to `Again.total` in another (cachetools' `__links`,
    `__order`: each class's own)."""
    caches = (
        "class Cache:\n"
        "    def __init__(self):\n"
        '        """The size.\n\nclass Fake:\n        """\n'
        "        self.__size = 0\n\n"
        "    def currsize(self):\n"
        "        return self.__size\n\n\n"
        "class Other:\n"
        "    def total(self):\n"
        "        return self.__size\n"
    )
    again = "class Again:\n    def total(self):\n        return self.__size\n"
    repo.commit("base", {"specs/pay.md": SPEC, "pay/caches.py": caches, "pay/again.py": again})
    repo.commit("start at one", {"pay/caches.py": caches.replace("__size = 0", "__size = 1")})
    uses = ripple_names(cli)["__size"]
    assert places(uses) == [("pay/caches.py", "currsize")]


def test_a_function_only_tests_call_makes_no_ripple_whatever_code_reads_it(repo, cli):
    """REVIEW-E17: `record` that code only names (in a list of names, no call) and tests call
    makes no ripple of calls (cachetools' `cached`, re-exported in `__all__` and called by its
    tests); a name in a string is no read of it (REVIEW-E24)."""
    registry = "from pay.ledger import record\n\n__all__ = ['record']\n"
    tests = "from pay.ledger import record\n\n\ndef test_record():\n    assert record(None, 1)\n"
    files = {"pay/ledger.py": LEDGER, "pay/registry.py": registry, "tests/test_ledger.py": tests}
    repo.commit("base", {"specs/pay.md": SPEC, **files})
    repo.commit("cents", {"pay/ledger.py": LEDGER.replace("= cents", "= int(cents)")})
    assert "record" not in ripple_names(cli)


def test_a_module_function_ripples_to_its_callers_not_to_another_modules_own(repo, cli):
    """REVIEW-E22: `_condition` changed in `pay/methods.py` ripples to the file that imports it,
    not to `pay/funcs.py`, which defines and calls its own `_condition` (cachetools' `_cached.py`
    beside `_cachedmethod.py`), nor to a method called through `self`."""
    methods = "def _condition(lock):\n    return lock\n"
    funcs = (
        "def _condition(lock):\n    return None\n\n\n"
        "def wrap(lock):\n    return _condition(lock)\n\n\n"
        "class Guard:\n    def check(self, lock):\n        return self._condition(lock)\n"
    )
    user = "from pay.methods import _condition\n\n\ndef run(lock):\n    return _condition(lock)\n"
    files = {"pay/methods.py": methods, "pay/funcs.py": funcs, "pay/user.py": user}
    repo.commit("base", {"specs/pay.md": SPEC, **files})
    repo.commit("locked", {"pay/methods.py": methods.replace("return lock", "return not lock")})
    uses = ripple_names(cli)["_condition"]
    assert places(uses) == [("pay/user.py", "run")]


def test_an_attribute_ripples_to_uses_through_an_object_not_to_bare_names(repo, cli):
    """REVIEW-E22: `root.next = root` written anew ripples to `link.next` and to the class body
    that names `next`, not to the builtin `next(...)` nor to a local `next` (cachetools'
    linked lists); a changed method ripples to `self.lookup(...)`, not to a module's `lookup`."""
    links = (
        "class Link:\n"
        "    first = next\n\n"
        "    def reset(self, root):\n"
        "        root.next = root\n\n"
        "    def lookup(self, key):\n"
        "        return key\n\n\n"
        "def walk(link):\n"
        "    return link.next\n"
    )
    other = (
        "from pay.keys import lookup\n\n\n"
        "def first(items):\n"
        "    next = items[0]\n"
        "    return next, next(iter(items)), lookup(items)\n\n\n"
        "def find(table, key):\n"
        "    return table.lookup(key)\n"
    )
    keys = "def lookup(items):\n    return items\n"
    files = {"pay/links.py": links, "pay/other.py": other, "pay/keys.py": keys}
    repo.commit("base", {"specs/pay.md": SPEC, **files})
    changed = links.replace("root.next = root", "root.next = None").replace(
        "return key\n", "return key.lower()\n"
    )
    repo.commit("unlink", {"pay/links.py": changed})
    found = ripple_names(cli)
    assert places(found["next"]) == [
        ("pay/links.py", "Link"),
        ("pay/links.py", "walk"),
    ]
    assert places(found["lookup"]) == [("pay/other.py", "find")]


def test_a_line_restated_with_a_comment_or_an_annotation_writes_nothing_new(repo, cli):
    """REVIEW-E23: beside a real change in the same hunk, `LIMIT = 30` gaining `: int` and
    `ledger.status = None` gaining `# type: ignore[assignment]` write what they wrote: no
    ripple to their readers (psf/requests' typing commit 561e4b6); the changed write has one."""
    ledger = (
        "LIMIT = 30\n\n\n"
        "def record(ledger, cents):  # PAY-1\n"
        "    ledger.status = None\n"
        "    ledger.amount = cents\n"
    )
    reader = "from pay.ledger import LIMIT\n\n\ndef show(entry):\n"
    reader += "    return entry.amount, entry.status, LIMIT\n"
    repo.commit("base", {"specs/pay.md": SPEC, "pay/ledger.py": ledger, "pay/show.py": reader})
    typed = (
        ledger.replace("LIMIT = 30", "LIMIT: int = 30")
        .replace("= None", "= None  # type: ignore[assignment]")
        .replace("= cents", "= int(cents)")
    )
    repo.commit("typed", {"pay/ledger.py": typed})
    found = ripple_names(cli)
    assert "amount" in found
    assert "status" not in found
    assert "LIMIT" not in found


def test_a_changed_function_ripples_to_its_reads_as_a_value_not_a_nested_ones(repo, cli):
    """REVIEW-E24: a property changed ripples to `ledger.total` read elsewhere (packaging's
    `_canonical_spec` in `__eq__`), a function to the line that hands it on (pluggy's
    `self._inner_hookexec = _multicall`); a nested `wrapper` changed lists no other
    decorator's `return wrapper`, and a name in a string is no read."""
    ledger = (
        "class Ledger:\n"
        "    @property\n"
        "    def total(self):\n"
        "        return 1\n\n\n"
        "def _multicall(hooks):\n"
        "    return hooks\n\n\n"
        "def logged(func):\n"
        "    def wrapper():\n"
        "        return func()\n"
        "    return wrapper\n"
    )
    users = (
        "from pay.ledger import _multicall\n\n"
        '__all__ = ["total"]\n\n\n'
        "def show(ledger):\n"
        "    return ledger.total\n\n\n"
        "class Manager:\n"
        "    def __init__(self):\n"
        "        self._hookexec = _multicall\n\n\n"
        "def timed(func):\n"
        "    def wrapper():\n"
        "        return func()\n"
        "    return wrapper\n"
    )
    repo.commit("base", {"specs/pay.md": SPEC, "pay/ledger.py": ledger, "pay/users.py": users})
    changed = (
        ledger.replace("return 1", "return 2")
        .replace("return hooks", "return list(hooks)")
        .replace("return func()", "return func() or None")
    )
    repo.commit("totals", {"pay/ledger.py": changed})
    found = ripple_names(cli)
    assert places(found["total"]) == [("pay/users.py", "show")]
    assert [use["function"] for use in found["_multicall"]] == ["__init__"]
    assert "wrapper" not in found
    assert "Do these callers and readers still get what they expect?" in cli("review", "HEAD").out


def test_a_method_every_class_defines_ripples_within_its_class_family(repo, cli):
    """REVIEW-E25: `LFUCache.popitem` changed ripples to the base's `self.popitem()` in
    `Cache.__setitem__` (cachetools' eviction loop) and to a subclass's `super().popitem()` in
    another file; not to a sibling's own `self.popitem()` or its call of the base's
    `Cache.popitem(self)`, nor to a dict's `popitem()`, in the base or elsewhere."""
    caches = (
        "class Cache:\n"
        "    def __setitem__(self, key, value):\n"
        "        self.popitem()\n\n"
        "    def drop(self):\n"
        "        return self.data.popitem()\n\n"
        "    def popitem(self):\n"
        "        return None\n\n\n"
        "class LFUCache(Cache):\n"
        "    def popitem(self):\n"
        "        return 1\n\n\n"
        "class LRUCache(Cache):\n"
        "    def evict(self):\n"
        "        return self.popitem() or Cache.popitem(self)\n\n"
        "    def popitem(self):\n"
        "        return 2\n"
    )
    ttl = (
        "from pay.caches import LFUCache\n\n\n"
        "class TTLCache(LFUCache):\n"
        "    def expire(self):\n"
        "        return super().popitem()\n\n\n"
        "def drain(d):\n"
        "    return d.popitem()\n"
    )
    repo.commit("base", {"specs/pay.md": SPEC, "pay/caches.py": caches, "pay/ttl.py": ttl})
    repo.commit("least used", {"pay/caches.py": caches.replace("return 1", "return 3")})
    uses = ripple_names(cli)["popitem"]
    assert places(uses) == [
        ("pay/caches.py", "__setitem__"),
        ("pay/ttl.py", "expire"),
    ]


def test_an_annotated_local_or_a_loop_variable_mutated_is_the_functions_own(repo, cli):
    """REVIEW-E16: `found: set[int] = set()` then `found.add(...)`, a loop's `row.append(...)`
    and a `with ... as out` written to are locals, as a plain `found = set()` is: no ripple to
    another module's `found` (this repository's own typed code listed seven such names); a
    module's list mutated in a function still ripples to its readers."""
    ledger = (
        "HANDLERS = []\n\n\n"
        "def record(ledger, rows, path):  # PAY-1\n"
        "    found: set[int] = set()\n"
        "    for row in rows:\n"
        "        row.append(1)\n"
        "        found.add(row[0])\n"
        "    with open(path) as out:\n"
        "        out.write('x')\n"
        "    HANDLERS.append(found)\n"
        "    return found\n"
    )
    other = (
        "from pay.ledger import HANDLERS\n\n"
        "found = {1}\nrow = [2]\nout = None\n\n\n"
        "def show():\n"
        "    return found, row, out, HANDLERS\n"
    )
    repo.commit("base", {"specs/pay.md": SPEC, "pay/ledger.py": ledger, "pay/other.py": other})
    changed = ledger.replace("row.append(1)", "row.append(2)").replace("'x'", "'y'")
    changed = changed.replace("found.add(row[0])", "found.add(row[-1])")
    changed = changed.replace("HANDLERS.append(found)", "HANDLERS.append(sorted(found))")
    repo.commit("rows", {"pay/ledger.py": changed})
    found = ripple_names(cli)
    assert not {"found", "row", "out"} & set(found), found
    assert ("pay/other.py", "show") in places(found["HANDLERS"])


def test_another_file_names_a_module_function_bare_only_once_it_imports_it(repo, cli):
    """REVIEW-E22: `record` changed ripples to the file that imports it in parentheses over
    several lines and calls it (its import's lines are no reads), not to a file whose local
    `record` only shares the spelling (this repository's review listed a local `symbols`)."""
    user = (
        "from pay.ledger import (\n"
        "    record,\n"
        ")\n\n\n"
        "def charge(ledger, cents):\n"
        "    return record(ledger, cents)\n"
    )
    other = "def show(rows):\n    record = rows[0]\n    return record\n"
    files = {"pay/ledger.py": LEDGER, "pay/user.py": user, "pay/other.py": other}
    repo.commit("base", {"specs/pay.md": SPEC, **files})
    repo.commit("cents", {"pay/ledger.py": LEDGER.replace("= cents", "= int(cents)")})
    uses = ripple_names(cli)["record"]
    assert places(uses, "path", "line", "use") == [("pay/user.py", 7, "call")]


OTHER_LANGUAGES = {
    "specs/pay.md": SPEC,
    "src/config.ts": 'const base = "x";\nexport const other = base + "y";\n',
    "src/hook.ts": "export function useThing() {\n  return 1;\n}\n",
    "src/Store.swift": "func load(_ id: Int) -> Int { return id }\n",
    "src/Repo.swift": 'func refresh() {\n    print("x")\n}\n',
    "scripts/run.sh": (
        "# Resolve a template name to composed content.\n"
        "// and a content line in a C-style comment\n"
        'compose() {\n    echo "$content"\n}\n'
    ),
    "src/msg.ts": "export function make() {\n  return 1;\n}\n",
    "src/doc.ts": "/**\n * content of the doc\n */\nexport const z = 1;\n",
    "src/calc.py": "total = (\n    price\n    * content\n)\n",  # black's operator first
}


def test_keywords_write_nothing_and_comment_lines_read_nothing(repo, cli):
    """REVIEW-E44: helper-45's replay of real TypeScript and Swift history: `const [a, setA] =`
    wrote `const` (every `const` of the repository a reader), `_ = try ...` wrote `_`, and a
    shell script's `#` comment lines read a name."""
    repo.commit("base", OTHER_LANGUAGES)
    repo.commit(
        "state, fetch, content",
        {
            "src/hook.ts": "export function useThing() {\n"
            "  const [state, setState] = useState(0);\n  return state;\n}\n",
            "src/Repo.swift": (
                'func refresh() {\n    _ = try? context.fetch(request)\n    print("x")\n}\n'
            ),
            # REVIEW-E63: a parameter's write would ripple in its function only
            "src/msg.ts": "export function make() {\n  return 1;\n}\ncontent = make();\n",
        },
    )
    found = ripple_names(cli)
    assert "const" not in found and "_" not in found, found
    assert sorted(places(found["content"], "path", "line")) == [
        ("scripts/run.sh", 4),
        ("src/calc.py", 3),
    ]


def test_a_use_outside_any_named_function_names_none(repo, cli):
    """REVIEW-E45: the function around a use is a name, or nothing: `in struct Rule {()`,
    `in interface Props {()` and `in import SwiftUI()` were source lines; a struct or an
    interface is named by its name."""
    repo.commit(
        "base",
        {
            "specs/pay.md": SPEC,
            "src/Rule.swift": "struct Rule {\n    var pattern: String\n}\n",
            "src/Field.tsx": "import React from 'react'\n\ninterface Props {\n  label: string\n}\n",
            "src/other.ts": "export function f(x: string) {\n  return x\n}\n",
        },
    )
    repo.commit("label", {"src/other.ts": "export function f(x: string) {\n  label = x\n}\n"})
    found = ripple_names(cli)
    assert sorted(places(found["label"])) == [("src/Field.tsx", "Props")], found


KY_SPEC = """---
id: KY
scope: ["source/**"]
---
# Ky

## Context
- Non-OK responses become `HTTPError` unless `throwHttpErrors` says otherwise.
- Retries go through `#retry()`; `#retryCount` counts attempts.

## Requirements
- KY-1: A `timeout` greater than `maxSafeTimeout` is rejected with a `RangeError`.
- KY-4: A non-OK response throws `HTTPError` unless `throwHttpErrors` is false.

## Edge Cases
- KY-E1: `Retry-After` given as an HTTP date in the past.
"""
KY = """export async function send(ky, response) {
\tif (!response.ok && (
\t\tky.options.throwHttpErrors
\t)) {
\t\tconst error = new HTTPError(response, ky.request);
\t\tthrow error;
\t}
}
"""


def test_a_changed_condition_in_braces_is_read_with_the_block_it_governs(repo, cli):
    """REVIEW-E46: helper-48 on sindresorhus/ky 1d15eb6; the message names no statement."""
    repo.commit("ky", {"specs/ky.md": KY_SPEC, "source/core/Ky.ts": KY})
    opaque = "!response.ok && response.type !== 'opaque' && ("
    repo.commit("opaque", {"source/core/Ky.ts": KY.replace("!response.ok && (", opaque)})
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    asked = [q["statement"]["id"] or q["statement"]["kind"] for q in data["questions"]]
    assert asked[:1] == ["KY-4"], data["questions"]
    assert "KY-1" not in asked


MUX_GO = """package chi

// Use appends a middleware.
func (mx *Mux) Use(middlewares ...func()) {
\tmx.middlewares = append(mx.middlewares, middlewares...)
}

// Handle adds the route `pattern`.
func (mx *Mux) Handle(pattern string) {
\tmx.handle(pattern)
}

func methodTypString(m int) string {
\treturn ""
}
"""
KY_TS = """/**
Base class for all Ky errors.
*/
export class Ky {
\tstatic create(input: string): Promise<number> {
\t\treturn run(input);
\t}

\tget size(): number {
\t\treturn 1;
\t}

\tasync #retry(limit: number): Promise<number> {
\t\treturn 10;
\t}
}
"""


def test_outside_python_a_change_is_named_by_the_definition_that_holds_it(repo, cli):
    """REVIEW-E47: helper-48's chi and ky: `Use()` named a change inside `Handle()`, every
    TypeScript method was `Ky()`, and a removed function the one above it."""
    repo.commit("base", {"specs/pay.md": SPEC, "src/mux.go": MUX_GO, "src/Ky.ts": KY_TS})
    handle = "\tmx.handle(pattern)\n"
    repo.commit(
        "changes",
        {
            "src/mux.go": MUX_GO.replace(
                handle, '\tif pattern == "" {\n\t\tpanic("")\n\t}\n' + handle
            )
            .split("func methodTypString")[0]
            .rstrip()
            + "\n",
            "src/Ky.ts": KY_TS.replace("run(input)", "run(input, 1)").replace("10", "20"),
        },
    )
    data = json.loads(cli("review", "HEAD", "--all", "--format", "json").out)
    untested = sorted((u["path"], u["name"]) for u in data["untested"])
    assert untested == [
        ("src/Ky.ts", "create"),
        ("src/Ky.ts", "retry"),
        ("src/mux.go", "Handle"),
        ("src/mux.go", "methodTypString"),
    ], untested


def test_a_use_inside_an_async_method_named_like_it_is_in_that_method(repo, cli):
    """REVIEW-E88: `await super().run(scope)` inside `async def run` was placed "in
    `__init__()`", the function above: a matched `async def` line is the function of the
    lines below it, as a matched `def` line is (the starlette trial: `GZipResponder.__call__`)."""
    code = "class Base:\n    async def run(self, scope):\n        return scope\n\n\n"
    code += "class Child(Base):\n    def __init__(self, app):\n        self.app = app\n\n"
    code += "    async def run(self, scope):\n        return await super().run(scope)\n"
    repo.commit("base", {"pkg/a.py": code})
    out = cli("context", "run").out
    assert "pkg/a.py:11 in run()" in out, out


def test_a_module_level_table_after_a_function_is_module_code(repo, cli):
    """REVIEW-E89: h11's `READERS = {...}` after `def expect_nothing` put its entries "in
    `expect_nothing()`" (git's function line is the last `def` above); a top-level statement
    that defines nothing holds its own lines. A use inside a function still names it."""
    spec = "---\nid: READ\nscope: [pkg/**]\n---\n# R\n\n## Requirements\n"
    spec += "- READ-1: `read_idle()` parses the request line.\n"
    code = 'def read_idle(buf):\n    return buf.split(b" ")\n\n\n'
    code += "def expect_nothing(buf):\n    if buf:\n        return read_idle(buf)\n\n\n"
    code += 'READERS = {\n    "IDLE": read_idle,\n    "DONE": expect_nothing,\n}\n'
    repo.commit("base", {"specs/read.md": spec, "pkg/readers.py": code})
    repo.commit("split twice", {"pkg/readers.py": code.replace('split(b" ")', 'split(b" ", 2)')})
    ripple = json.loads(cli("review", "HEAD", "--format", "json").out)["ripples"][0]
    where = {(use["line"], use["function"]) for use in ripple["uses"]}
    assert where == {(7, "expect_nothing"), (11, "")}, where


def test_a_nested_function_ripples_in_its_own_file_only(repo, cli):
    """REVIEW-E102: the starlette trial's `7d586f7`: a change to `wrap`, nested in `stream()`,
    rippled to another module's own nested `wrap`, and its call after the nested body was
    "in `wrap()`". A closure is its file's alone; a row as deep as a `def` is after it."""
    one = "async def stream(group, func):\n    async def wrap(f):\n        await f()\n"
    one += "        group.cancel()\n\n    await wrap(func)\n"
    other = "async def receive(group, func):\n    async def wrap(f):\n        return await f()\n"
    other += "\n    return await wrap(func)\n"
    repo.commit("base", {"pkg/a.py": one, "pkg/b.py": other})
    repo.commit(
        "print",
        {"pkg/a.py": one.replace("        await f()\n", "        await f()\n        print(1)\n")},
    )
    (ripple,) = json.loads(cli("review", "HEAD", "--format", "json").out)["ripples"]
    # REVIEW-E111: after the nested body, back in the function around it
    assert [(use["path"], use["function"]) for use in ripple["uses"]] == [("pkg/a.py", "stream")]


def test_a_use_in_a_function_a_top_level_block_defines_is_in_that_function(repo, cli):
    """REVIEW-E89, narrowed (the session's review): a function defined under a top-level
    `if sys.version_info ...:` or `try:` holds its uses; only a statement that can hold no
    definition is module code."""
    code = 'import sys\n\n\ndef read_idle(buf):\n    return buf.split(b" ")\n\n\n'
    code += "if sys.version_info < (3, 8):\n\n    def shim(buf):\n        return read_idle(buf)\n"
    code += "\nelse:\n\n    def shim(buf):\n        return read_idle(buf)\n"
    repo.commit("base", {"pkg/readers.py": code})
    repo.commit("split twice", {"pkg/readers.py": code.replace('split(b" ")', 'split(b" ", 2)')})
    ripple = json.loads(cli("review", "HEAD", "--format", "json").out)["ripples"][0]
    assert {use["function"] for use in ripple["uses"]} == {"shim"}, ripple["uses"]


TREE_SPEC = """---
id: TREE
scope: [pay/**]
---
# Tree

## Context
- A node's parent is `ctx.parent`; `Walker.stack` holds the nodes still to visit.

## Requirements
- TREE-1: The root has no parent.

## Edge Cases
- TREE-E1: A tree of one node.
"""


def test_names_unpacked_from_a_tuple_are_the_functions_own(repo, cli):
    """REVIEW-E16: `text, parent, stack = ...` binds three locals, as three plain assignments
    would: `parent[i] = ...` and `stack.append(...)` after it write no shared name, so neither a
    ripple to another module's `parent` nor a question on the statement naming `ctx.parent`
    (specflow's own review of its `jsdropped.py` asked that first, at confidence 1.0). A
    module's list mutated after a tuple assignment of locals still ripples."""
    walker = (
        "STACK = []\n\n\n"
        "def walk(tokens):\n"
        "    text, (parent, stack), *rest = tokens.text, ([-1] * 3, []), 1, 2\n"
        "    for index in range(3):\n"
        "        parent[index] = index - 1\n"
        "        stack.append(index)\n"
        "    STACK.append(text)\n"
        "    return parent, stack, rest\n"
    )
    other = "from pay.walker import STACK\n\nparent = [0]\nstack = []\n\n\n"
    other += "def show():\n    return parent, stack, STACK\n"
    files = {"specs/tree.md": TREE_SPEC, "pay/walker.py": walker, "pay/other.py": other}
    repo.commit("base", files)
    changed = walker.replace("index - 1", "index - 2").replace("append(index)", "append(-index)")
    changed = changed.replace("STACK.append(text)", "STACK.append(text.strip())")
    repo.commit("parents", {"pay/walker.py": changed})
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    found = {r["symbol"]["name"]: r["uses"] for r in data["ripples"]}
    assert not {"parent", "stack", "rest"} & set(found), found
    assert ("pay/other.py", "show") in places(found["STACK"])
    asked = [(q["statement"]["spec"], q["confidence"]) for q in data["questions"]]
    assert not [q for q in asked if q[0] == "TREE" and q[1] >= 0.95], asked
