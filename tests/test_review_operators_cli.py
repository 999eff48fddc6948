"""REVIEW-E159: a backticked operator names the Python methods that implement it, through the
CLI on real repositories (the tomlkit trial's 0c2c30d: `|=` on a document)."""

from __future__ import annotations

from test_review_acts_cli import OPERATORS
from testing.util import review_json

SPEC = """---
id: MAP
scope: [pkg/**]
---
# Maps

## Context
- `CustomDict` is a dict.

## Requirements
- MAP-1: A document behaves as a dict: `d[k]`, `|`, `|=` and `update()`.
- MAP-2: Two maps combine with `&` into the keys they share.
- MAP-3: A version is ordered with `<` and a sign written with `+`; a path of `-` is stdin.
"""
BASE = 'class CustomDict(dict):\n    """A dict."""\n'
MERGED = OPERATORS[OPERATORS.index("class CustomDict") :]  # its `__or__`, `__ior__`


def asked(cli) -> set[str]:  # type: ignore[no-untyped-def]
    return {q["statement"].get("id") for q in review_json(cli, "HEAD", "--all")["questions"]}


def test_a_method_that_implements_an_operator_asks_the_statement_naming_it(repo, cli):
    """REVIEW-E159: `__or__` and `__ior__` added to the document's dict implement `|` and `|=`:
    MAP-1 is asked (tomlkit's 0c2c30d asked nothing of it); `&` is `__and__`, not `__or__`."""
    repo.commit("base", {"specs/map.md": SPEC, "pkg/t.py": BASE})
    repo.commit("fix: |= does not work as expected on the document", {"pkg/t.py": MERGED})
    assert "MAP-1" in asked(cli) and "MAP-2" not in asked(cli)
    shared = MERGED.replace("__or__", "__and__").replace("__ior__", "__iand__")
    repo.commit("common keys", {"pkg/t.py": shared.replace("new_dict.update", "new_dict.merge")})
    assert "MAP-2" in asked(cli)


def test_a_comparison_a_sign_or_a_path_names_no_method(repo, cli):
    """REVIEW-E159, measured on all the histories: `<`, `==` (a version specifier's syntax in
    packaging and python-semver), `+` (tomlkit's explicit sign), `-` (a path for stdin) name
    no method: seven wrong questions and no right one came of reading them as operators."""
    repo.commit("base", {"specs/map.md": SPEC, "pkg/t.py": BASE})
    signed = MERGED.replace("__or__", "__lt__").replace("__ior__", "__add__")
    repo.commit("ordered", {"pkg/t.py": signed.replace("__add__(self, other)", "__sub__(self)")})
    assert "MAP-3" not in asked(cli)


def test_an_operator_method_outside_the_scope_asks_nothing(repo, cli):
    """REVIEW-E159: in the scope of the statement's spec only: another package's `__or__` is
    another type's operator."""
    repo.commit("base", {"specs/map.md": SPEC, "pkg/t.py": BASE, "other/t.py": BASE})
    repo.commit("other", {"other/t.py": MERGED})
    assert "MAP-1" not in asked(cli)


HEADERS_SPEC = """---
id: HDR
scope: [pkg/**]
---
# Headers

## Context
- Header values are `str`, parsed with `int(value)` where a number is due.

## Requirements
- HDR-1: `str(headers)` is the header lines, each ended by a blank line.
- HDR-2: A header list is typed `list[str]` and `str()` of nothing is empty.
- HDR-3: `headers[key]` is the first value of the key; `len(headers)` counts every pair.
"""
HEADERS = """class Headers:
    def __init__(self, pairs):
        self._list = list(pairs)

    def __str__(self):
        return "".join(f"{k}: {v}\\n" for k, v in self._list)

    def __int__(self):
        return 7

    def __getitem__(self, key):
        return next(v for k, v in self._list if k == key)

    def __len__(self):
        return len(self._list)
"""


def test_a_builtin_called_on_a_value_names_the_method_it_calls(repo, cli):
    """REVIEW-E171: `str(headers)` calls `Headers.__str__`: a change inside it asks HDR-1 (the
    werkzeug trial's afc4ea7b changed `Headers.__str__` and DS-4, naming `str(headers)`, was
    not asked); `headers[key]` is `__getitem__`."""
    repo.commit("base", {"specs/h.md": HEADERS_SPEC, "pkg/h.py": HEADERS})
    crlf = HEADERS.replace('{v}\\n"', '{v}\\r\\n"')
    repo.commit("crlf", {"pkg/h.py": crlf})
    assert asked(cli) == {"HDR-1"}
    first = crlf.replace("next(v for", "next(iter(v) for")
    repo.commit("first", {"pkg/h.py": first})
    assert asked(cli) == {"HDR-3"}


def test_a_bare_builtin_a_type_or_a_parse_names_no_method(repo, cli):
    """REVIEW-E171, adversarial: a bare `str` in the Context, `str()` of nothing and the type
    `list[str]` call no `__str__` nor `__getitem__`; `int(value)` parses a string, so a change
    of `__int__` asks neither statement; outside the spec's scope `str(headers)` asks nothing."""
    other = {"other/h.py": HEADERS}
    repo.commit("base", {"specs/h.md": HEADERS_SPEC, "pkg/h.py": HEADERS, **other})
    repo.commit("int", {"pkg/h.py": HEADERS.replace("return 7", "return 8")})
    assert asked(cli) == set()
    repo.commit("other", {"other/h.py": HEADERS.replace('{v}\\n"', '{v}\\r\\n"')})
    assert asked(cli) == set()


CONTAINS_SPEC = """---
id: LOOKUP
scope: [pkg/**]
---
# Lookup

## Requirements
- LOOKUP-4: `key in md` is true when some entry has the key's identity.
- LOOKUP-5: `for name in md` yields each name once.
"""
CONTAINS = """class MultiDict:
    def __init__(self):
        self._items = {}

    def __contains__(self, item):
        found = self._items.get(item)
        return found is not None

    def __iter__(self):
        return iter(self._items)
"""


def test_a_membership_test_names_contains(repo, cli):
    """REVIEW-E203 (the multidict trial's b4d5c557: `__contains__` changed, LOOKUP-4 "`key in
    md` is true ..." not asked): a backticked membership test names `__contains__`; a loop's
    `for key in md` iterates, and names none."""
    repo.commit("base", {"specs/lookup.md": CONTAINS_SPEC, "pkg/md.py": CONTAINS})
    identity = CONTAINS.replace("self._items.get(item)", "self._items.get(item.lower())")
    repo.commit("contains: by identity", {"pkg/md.py": identity})
    found = asked(cli)
    assert "LOOKUP-4" in found and "LOOKUP-5" not in found
