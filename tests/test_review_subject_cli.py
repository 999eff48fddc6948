"""The Context line that opens with the function around a hunk, a function no requirement or
edge case names, is what the hunk concerns (REVIEW-E369): its rivals are the Context lines that
open with the same function, not those naming it in passing. Real repositories through the CLI
(go-chi/chi fd0ff0e: a change inside `routeHTTP()` asked nothing, as two lines name it)."""

from __future__ import annotations

from testing.util import review_json

SET = "- E-1: `set_key()` replaces the binding of an existing key, or appends one."
UNSET = (
    "- E-2: `unset_key()` removes the bindings of a key; both `set_key()` and `unset_key()`"
    " write the whole file anew."
)

SPEC = """---
id: E
scope: [envfile/main.py]
---
# Editing a file
## Context
{context}
## Requirements
{requirements}
## Edge Cases
- E-E1: A file that does not exist.
"""

MAIN = """def parse_line(text):
    name, _, rest = text.partition("=")
    return name, rest


def set_key(path, key_to_set, value_to_set):
    out = "{}={}".format(key_to_set, value_to_set)
    kept = []
    with open(path) as source:
        for text in source:
            k, _ = parse_line(text)
            if k == key_to_set:
                text = out
            kept.append(text)
    return kept


def unset_key(path, key_to_unset):
    with open(path) as source:
        return [t for t in source if parse_line(t)[0] != key_to_unset]


def _walk(folder):
    while folder:
        yield folder
        folder = folder.rpartition("/")[0]
"""


def asked(cli) -> list[str]:  # type: ignore[no-untyped-def]
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return [q["statement"]["text"] for q in questions]


def changed(repo, cli, context: str, *requirements: str, old: str, new: str) -> list[str]:  # type: ignore[no-untyped-def]
    spec = SPEC.format(context=context, requirements="\n".join(requirements))
    repo.commit("base", {"specs/e.md": spec, "envfile/main.py": MAIN})
    assert old in MAIN
    repo.commit("fix", {"envfile/main.py": MAIN.replace(old, new)})
    return asked(cli)


INSIDE_SET_KEY = {"old": "text = out", "new": 'text = "{}\\n".format(out)'}
OVERVIEW = "- `parse_line()`, `set_key()` and `unset_key()` read and edit one file."


def test_a_requirement_opening_with_the_function_is_not_lifted(repo, cli):
    """REVIEW-E369, adversarial (python-dotenv ea0604d, measured): lifting the requirement that
    opens with `set_key()` above the one naming it in passing asked 4 right and 10 wrong
    questions on 29 histories (pyjwt's `encode()`, cachetools' `popitem()`): a change inside
    the function still asks neither requirement."""
    assert changed(repo, cli, OVERVIEW, SET, UNSET, **INSIDE_SET_KEY) == []


def test_a_context_line_of_a_function_a_requirement_names_is_not_lifted(repo, cli):
    """REVIEW-E369, adversarial (pyjwt 62c0897, `PyJWS.encode()`): the Context line that opens
    with `set_key()` says how it works, and a requirement naming `set_key()` says what it must
    do: the line is not lifted above the others naming it (the requirement, which alone among
    the requirements names it, is asked as before)."""
    own = "- `set_key()` reads the file once and writes it back whole."
    found = changed(repo, cli, f"{own}\n{OVERVIEW}", UNSET, **INSIDE_SET_KEY)
    assert own[2:] not in found


def test_the_context_line_opening_with_the_function_is_asked(repo, cli):
    """REVIEW-E369 (chi fd0ff0e, `routeHTTP()`): of two Context lines naming `_walk()`, private
    and named by no requirement, the one that opens with it is asked for a change inside it
    (before, the two stood at 0.495); the other names it in passing."""
    own = "- `_walk()` yields each parent directory up to the root."
    passing = "- The editing functions never call `_walk()`."
    found = changed(
        repo,
        cli,
        f"{own}\n{passing}",
        SET,
        old="folder.rpartition",
        new="folder.rstrip('/').rpartition",
    )
    assert found == [own[2:]]


def test_two_context_lines_opening_with_the_function_stay_rivals(repo, cli):
    """REVIEW-E369, adversarial: two Context lines that both open with `_walk()` are rivals."""
    own = "- `_walk()` yields each parent directory up to the root."
    other = "- `_walk()` stops at an empty name."
    found = changed(
        repo,
        cli,
        f"{own}\n{other}",
        SET,
        old="folder.rpartition",
        new="folder.rstrip('/').rpartition",
    )
    assert found == []


VERSION_SPEC = """---
id: V
scope: [semverish/version.py]
---
# Versions
## Context
- `Version(major, minor=0)` turns both numbers into `int`.
- A `Version` is immutable once built.
## Requirements
- V-1: Versions compare by their numbers.
"""

VERSION = """class Version:
    def __init__(self, major, minor=0):
        self._parts = (int(major), int(minor))

    def __hash__(self):
        return hash(self._parts[:2])
"""


def test_a_statement_opening_with_the_class_is_not_lifted_by_its_method(repo, cli):
    """REVIEW-E369, adversarial (python-semver db55f27, `__hash__` changed inside
    `VersionInfo`): the Context line opening with `Version(...)` speaks of building one, not
    of every method of the class; a change inside `__hash__()` leaves the two lines naming
    `Version` rivals, and asks neither."""
    repo.commit("base", {"specs/v.md": VERSION_SPEC, "semverish/version.py": VERSION})
    changed = VERSION.replace("self._parts[:2]", "tuple(self._parts)")
    repo.commit("hash", {"semverish/version.py": changed})
    assert asked(cli) == []


def test_a_context_line_of_a_public_entry_point_is_not_lifted(repo, cli):
    """REVIEW-E369, adversarial (measured: python-email-validator e943a0f's `validate_email()`,
    path-to-regexp's `parse()`): the line opening with a public function walks through its
    pipeline; a change inside it is not lifted above the line naming it in passing."""
    own = "- `set_key()` reads the file once and writes it back whole."
    passing = "- The editing functions start with `set_key()`."
    keys = "- E-5: Keys are compared as written."
    assert changed(repo, cli, f"{own}\n{passing}", keys, **INSIDE_SET_KEY) == []
