"""REVIEW-E212 through the CLI on real repositories (the BurntSushi/toml trial, `a8d6de8`): a Go
hunk inside a type switch's `case Marshaler:` arm, or inside an `if` that asserts
`v.(Marshaler)`, handles a `Marshaler`, as if its lines named it: the statements naming the type
are asked. Another arm's, a value switch's and the code after the switch are not."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

SPEC = """---
id: ENC
scope: [encode.go]
---
# Encoding

## Context
- `eElement()` writes one value of the document.

## Requirements
- ENC-1: A value implementing `Marshaler` is written from what its method returns.
- ENC-2: Strings are written double-quoted.
- ENC-3: A `Kind` of `Flat` writes no table header.

## Edge Cases
- ENC-E1: An empty document.
"""

ENCODE = """package enc

type Marshaler interface{ MarshalTOML() ([]byte, error) }

type Kind int

const Flat Kind = 1

func encPanic(err error) { panic(err) }

func eElement(w []byte, rv any, kind Kind) []byte {
\tswitch v := rv.(type) {
\tcase Marshaler:
\t\ts, err := v.MarshalTOML()
\t\tif err != nil {
\t\t\tencPanic(err)
\t\t}
\t\treturn append(w, s...)
\tcase string:
\t\tw = append(w, '"')
\t\treturn append(w, v...)
\t}
\tswitch kind {
\tcase Flat:
\t\treturn w
\t}
\tif m, ok := rv.(Marshaler); ok {
\t\ts, _ := m.MarshalTOML()
\t\tw = append(w, s...)
\t}
\treturn w
}
"""

NIL = (
    '\t\tif s == nil {\n\t\t\tencPanic(errors.New("MarshalTOML returned nil and no error"))\n'
    "\t\t}\n"
)


def _asked(data: dict[str, Any]) -> list[str]:
    return [q["statement"]["id"] or q["statement"]["text"][:12] for q in data["questions"]]


def _reviewed(repo, cli, old: str, new: str) -> list[str]:
    assert old in ENCODE
    repo.commit("change", {"encode.go": ENCODE.replace(old, new, 1)})
    asked = _asked(review_json(cli, "HEAD", "--all"))
    repo.commit("back", {"encode.go": ENCODE})
    return asked


def test_a_change_inside_a_type_switch_arm_asks_the_statement_naming_its_type(repo, cli):
    """REVIEW-E212 (BurntSushi/toml `a8d6de8`: the `case Marshaler:` arm of `eElement()` errors
    on a nil result, and ENCODE-5, naming `Marshaler`, was never asked): the arm's type counts
    as a name the hunk names; so does the type an `if` around the hunk asserts."""
    repo.commit("base", {"specs/enc.md": SPEC, "encode.go": ENCODE})
    assert "ENC-1" in _reviewed(
        repo, cli, "\t\treturn append(w, s...)\n", NIL + "\t\treturn append(w, s...)\n"
    )
    asserted = "\t\tw = append(w, s...)\n"
    assert "ENC-1" in _reviewed(repo, cli, asserted, NIL.replace("\t\t", "\t\t\t", 1) + asserted)


def test_another_arm_a_value_switch_and_the_code_after_ask_nothing_of_the_type(repo, cli):
    """REVIEW-E212, adversarial: a change in the `case string:` arm, in a value switch's arm
    (`case Flat:` names a constant, no type the code handles) and after the switch does not
    ask ENC-1; the value switch's own statement is asked as before only by what its lines say."""
    repo.commit("base", {"specs/enc.md": SPEC, "encode.go": ENCODE})
    quoted = "\t\tw = append(w, '\"')\n"
    assert "ENC-1" not in _reviewed(repo, cli, quoted, NIL + quoted)
    flat = "\t\treturn w\n\t}\n\tif m"
    assert "ENC-1" not in _reviewed(repo, cli, flat, "\t\tw = w[:0]\n" + flat)
    assert "ENC-1" not in _reviewed(
        repo, cli, "\treturn w\n}\n", "\tw = w[:len(w)]\n\treturn w\n}\n"
    )
