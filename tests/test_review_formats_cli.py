"""REVIEW-E229 and REVIEW-E230 through the CLI on real repositories (the google/uuid trial): a
code span that shows a format (`urn:uuid:`, `xxxxxxxx-xxxx-...`) names no identifier, and a
placeholder is no word; an acronym's plural (`UUIDs`) is no word, never the fragment `uui`."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

PARSE = """---
id: PARSE
scope: ["*.go"]
---
# Parse

## Context
- `Parse()` accepts `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` and the `urn:uuid:` form.

## Requirements
- PARSE-1: `String()` returns 36 characters, and `URN()` the same prefixed by `urn:uuid:`.
- PARSE-2: `Parse()` rejects a string of the wrong length.
- PARSE-3: `NewRandom()` fills the bytes from the random source.
- PARSE-4: `SetNodeID()` copies the first six bytes of the node.
- PARSE-5: `ClockSequence()` returns the 14-bit clock sequence.
"""

CODE = """package uuid

func Parse(s string) error { return nil }
"""

VALIDATE = """
// Validate returns an error if s is not in one of the formats:
//   xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
//   urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
func Validate(s string) bool {
\tswitch len(s) {
\tcase 36:
\tcase 45:
\t\treturn strings.EqualFold(s[:9], "urn:uuid:")
\t}
\treturn false
}
"""


def _evidence(data: dict[str, Any]) -> dict[str, tuple[str, list[str], list[str]]]:
    """Each question's statement (its ID, or its first words) → its evidence."""
    return {
        q["statement"].get("id") or q["statement"]["text"][:8]: (
            q["evidence"]["kind"],
            q["evidence"].get("names", []),
            q["evidence"].get("words", []),
        )
        for q in data["questions"]
    }


def test_a_span_that_shows_a_format_names_nothing(repo, cli):
    """REVIEW-E229 (google/uuid: PARSE-5, on `String()` and `URN()`, asked by "identifier"
    evidence on 5 of 20 commits that only change parsing, from `urn` and `uuid` in a comment and
    a string): a new `Validate()` whose comment lists the formats and whose string is
    `"urn:uuid:"` names none of `urn`, `uuid`, `xxxx`, and no placeholder is a shared word."""
    repo.commit("base", {"specs/parse.md": PARSE, "uuid.go": CODE})
    code = CODE.replace("package uuid\n", 'package uuid\n\nimport "strings"\n') + VALIDATE
    repo.commit("feat: Validate UUID without creating new UUID", {"uuid.go": code})
    found = _evidence(review_json(cli, "HEAD", "--all"))
    names = {name for _, each, _ in found.values() for name in each}
    words = {word for _, _, each in found.values() for word in each}
    assert not names & {"urn", "uuid", "xxxx", "xxxxxxxx", "xxxxxxxxxxxx"}, found
    assert not {word for word in words if set(word) == {"x"}}, found


def test_a_span_with_a_format_still_names_the_code_beside_it(repo, cli):
    """REVIEW-E229, adversarial: a statement's other spans (`Parse()`, `String()`) still name
    their identifiers, and a span that is code with colons (`uuid::Parse`, a C++ or Rust path)
    still names its parts, as does a format of names (`HA1:Parse:HA2`, httpx's digest): a change
    to `Parse()` asks the Context line, PARSE-2, PARSE-6 and PARSE-7 by name."""
    same = "- PARSE-6: `uuid::Parse` is the same function.\n"
    joined = "- PARSE-7: The digest is `HA1:Parse:HA2`.\n"
    spec = PARSE.replace("- PARSE-3:", same + joined + "- PARSE-3:")
    repo.commit("base", {"specs/parse.md": spec, "uuid.go": CODE})
    changed = CODE.replace(
        "{ return nil }", "{\n\tif len(s) != 36 {\n\t\treturn errLen\n\t}\n\treturn nil\n}"
    )
    repo.commit("check the length", {"uuid.go": changed + "\nvar errLen error\n"})
    found = _evidence(review_json(cli, "HEAD", "--all"))
    assert found["PARSE-2"][:2] == ("identifier", ["Parse"]), found
    assert found["`Parse()"][:2] == ("identifier", ["Parse"]), found
    assert found["PARSE-6"][:2] == ("identifier", ["Parse"]), found
    assert found["PARSE-7"][:2] == ("identifier", ["Parse"]), found


GEN = """---
id: GEN
scope: ["*.go"]
---
# Generation

## Context
- `GetTime()` returns the current time.

## Requirements
- GEN-1: `GetTime()` bumps the clock sequence when the clock reads equal to or earlier than
  the last time, so two Version 1 UUIDs never repeat.
- GEN-2: `NewRandom()` reads 16 bytes from the random source.
- GEN-3: `SetNodeID()` copies the first six bytes of the node.
- GEN-4: `NewMD5()` hashes the namespace and the name.
- GEN-5: `NewSHA1()` hashes the namespace and the name.
"""

PREFIX = """package uuid

import "strings"

func GetTime() int64 { return 0 }

func hasPrefix(s string) bool {
\treturn strings.ToLower(s[:9]) == "urn:uuid:"
}
"""


def test_an_acronyms_plural_is_no_fragment(repo, cli):
    """REVIEW-E230 (google/uuid `574e687`, "fix: Use EqualFold() to parse urn prefixed UUIDs":
    GEN-1 was the commit's strongest question, on the shared word `uui`, cut from "UUIDs" in
    the message and in the statement): no question shares the fragment `uui`."""
    repo.commit("base", {"specs/gen.md": GEN, "uuid.go": PREFIX})
    fold = PREFIX.replace(
        'strings.ToLower(s[:9]) == "urn:uuid:"', 'strings.EqualFold(s[:9], "urn:uuid:")'
    )
    repo.commit("fix: Use EqualFold() to parse urn prefixed UUIDs", {"uuid.go": fold})
    found = _evidence(review_json(cli, "HEAD", "--all"))
    assert not any("uui" in words for _, _, words in found.values()), found
