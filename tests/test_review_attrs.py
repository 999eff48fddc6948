"""The attrs and urllib3 new-user trials' review defects, through the CLI on real repositories:
a change inside `optional()` that asked nothing of the requirement and the edge case naming
it once another spec named its own `optional()` (REVIEW-E134); another spec's line naming the
class around a changed method in passing (REVIEW-E135)."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

VALID_SPEC = """---
id: VALID
scope: [lib/validators.py]
---
# Validators

## Context
- Validators raise on a bad value and return nothing otherwise.

## Requirements
- VALID-2: `optional(v)` accepts `None` without calling `v`, and otherwise calls `v`.
{more}
## Edge Cases
- VALID-E2: `optional()` given a list of validators instead of one.
"""
CONV_SPEC = """---
id: CONV
scope: [lib/converters.py]
---
# Converters

## Context
- `optional()` returns the closure `optional_converter`.

## Requirements
- CONV-1: `optional(c)` returns `None` for `None` without calling `c`.

## Edge Cases
- CONV-E1: `optional()` wrapping a converter without annotations.
"""
VALIDATORS = """def optional(validator):
    if isinstance(validator, list):
        return _Optional(_And(validator))
    return _Optional(validator)
"""
CONVERTERS = """def optional(converter):
    def optional_converter(val):
        if val is None:
            return None
        return converter(val)

    return optional_converter
"""


def _questions(data: dict[str, Any]) -> dict[str, str]:
    """Each question's statement (its ID, else its spec and line), with its evidence."""
    return {
        q["statement"].get("id") or f"{q['statement']['spec']}:{q['statement']['line']}": q[
            "evidence"
        ]["kind"]
        for q in data["questions"]
    }


# attrs' own modules say "optional", "validator" and "list" everywhere: no shared word is rare
COMMON = "def check_{0}(optional_validator, value):\n    return isinstance(value, (list, tuple))\n"


def _optional_takes_tuples(repo, cli, more: str = "") -> dict[str, str]:
    specs = {"specs/valid.md": VALID_SPEC.format(more=more), "specs/conv.md": CONV_SPEC}
    code = {"lib/validators.py": VALIDATORS, "lib/converters.py": CONVERTERS}
    code |= {f"lib/m{n}.py": COMMON.format(n) for n in range(30)}
    repo.commit("base", {**specs, **code})
    changed = VALIDATORS.replace("(validator, list)", "(validator, (list, tuple))")
    repo.commit("Accept tuples in optional", {"lib/validators.py": changed})
    return _questions(review_json(cli, "HEAD", "--all"))


def test_a_change_inside_optional_asks_its_requirement_and_edge_case(repo, cli):
    """REVIEW-E134: attrs `7d55876` made `validators.optional()` accept tuples and asked
    nothing: VALID-2 (`optional(v)`), VALID-E2 and the converters spec's three statements
    naming its own `optional()` were six statements naming one name, each too unspecific to
    be asked. A requirement and the edge case of the same function are no rivals, and another
    spec's `optional()` is another file's function: both are asked, the converters' are not."""
    found = _optional_takes_tuples(repo, cli)
    assert found.get("VALID-2") == "enclosing" and found.get("VALID-E2") == "enclosing"
    assert not {"CONV-1", "CONV-E1"} & set(found)


def test_two_requirements_of_the_governing_spec_still_need_a_shared_word(repo, cli):
    """REVIEW-E134 keeps REVIEW-E130: two requirements naming `optional()` in the spec that
    governs the file are rivals, and the hunk alone does not say which one it concerns."""
    more = "- VALID-3: `optional()` keeps the validator it wraps.\n"
    found = _optional_takes_tuples(repo, cli, more)
    assert "VALID-2" not in found and "VALID-3" not in found
    assert found.get("VALID-E2") == "enclosing"


RESP_SPEC = """---
id: RESP
scope: [src/resp.py]
---
# Response

## Context
- `Response.stream()` yields the body in pieces of at most `amt` bytes.

## Requirements
- RESP-1: `stream()` never yields an empty piece.

## Edge Cases
- RESP-E1: `amt` of zero.
"""
CONN_SPEC = """---
id: CONN
scope: [src/conn.py]
---
# Connection

## Context
- `Connection.getresponse()` opens nothing and wraps the reply in a `Response`.

## Requirements
- CONN-1: `getresponse()` is called once per request.

## Edge Cases
- CONN-E1: A reply with no status line.
"""
RESP = """class Response:
    def stream(self, amt=65536):
        while not self.closed:
            data = self.read(amt)
            if data:
                yield data
"""
CONN = "class Connection:\n    def getresponse(self):\n        return Response()\n"
ZERO = "    def stream(self, amt=65536):\n        if amt == 0:\n            return\n"


def _stream_of_zero(repo, cli, governed: bool) -> dict[str, str]:
    resp = RESP_SPEC if governed else RESP_SPEC.replace("[src/resp.py]", "[src/other.py]")
    files = {"specs/resp.md": resp, "specs/conn.md": CONN_SPEC, "src/conn.py": CONN}
    repo.commit("base", {**files, "src/resp.py": RESP})
    changed = RESP.replace("    def stream(self, amt=65536):\n", ZERO)
    repo.commit("Prevent an endless loop in stream when amt=0", {"src/resp.py": changed})
    return _questions(review_json(cli, "HEAD", "--all"))


def test_another_specs_line_naming_the_class_in_passing_is_not_asked(repo, cli):
    """REVIEW-E135: urllib3's `6ffe55b`, `fa54179` and `47913ab` changed methods of
    `HTTPResponse` in response.py, which the response spec governs, and asked the connection
    spec's Context line "`getresponse()` ... wraps the reply in an `HTTPResponse`" because
    the hunk lies inside that class. Only the class around the method, named by a spec that
    does not govern the file, is no link; the governing spec's statements still are."""
    found = _stream_of_zero(repo, cli, governed=True)
    assert "CONN:8" not in found and "RESP-1" in found


def test_the_class_around_still_links_a_file_no_spec_governs(repo, cli):
    """REVIEW-E135 is for a file some spec governs: in a file none does, the class around the
    hunk is the only evidence there is, and the spec naming it is asked as before."""
    found = _stream_of_zero(repo, cli, governed=False)
    assert found.get("CONN:8") == "enclosing"


KW_SPEC = """---
id: KW
scope: [{scope}]
---
# Keywords

## Context
- Each keyword is a generator function of `_keywords.py`, yielding `ValidationError`s.

## Requirements
- KW-2: JSON equality in `enum` and `const` tells booleans from numbers (`True` is not `1`).

## Edge Cases
- KW-E1: Values not equal to themselves, such as `NaN`.
"""
KEYWORDS = """def enum(validator, enums, instance, schema):
    if instance == 0 or instance == 1:
        unbooled = unbool(instance)
        if all(unbooled != unbool(each) for each in enums):
            yield ValidationError(f"{instance!r} is not one of {enums!r}")
    elif instance not in enums:
        yield ValidationError(f"{instance!r} is not one of {enums!r}")
"""
EQUAL = """def enum(validator, enums, instance, schema):
    if all(not equal(each, instance) for each in enums):
        yield ValidationError(f"{instance!r} is not one of {enums!r}")
"""


def test_a_definition_named_as_another_language_reserves_is_a_name(repo, cli):
    """REVIEW-E150: jsonschema's `a9bf13c` rewrote `enum()`, whose keyword KEYWORDS-2 names in
    backticks, and asked nothing of it: `enum` and `const` are Rust's, Java's and TypeScript's
    keywords, never identifiers of a statement. A hunk inside a definition of that name, in the
    spec's scope, links the statement; outside the scope it does not."""
    for scope, asked in (("lib/**", True), ("other/**", False)):
        repo.commit(
            "base", {"specs/kw.md": KW_SPEC.format(scope=scope), "lib/_keywords.py": KEYWORDS}
        )
        repo.commit("Use equal for enum", {"lib/_keywords.py": EQUAL})
        found = _questions(review_json(cli, "HEAD", "--all"))
        assert (found.get("KW-2") == "enclosing") is asked, (scope, found)
