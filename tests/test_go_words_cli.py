"""REVIEW-E194, REVIEW-E195 and REVIEW-E196 through the CLI on real repositories (the
BurntSushi/toml trial): Go's keywords, predeclared types and common builtins are no words of a
Go hunk; a requirement ID a commit message names is no word of the change's account; and a Go
body joined onto one line with `;` is formatting only."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

DEC = """---
id: DEC
scope: [dec.go]
---
# Decoding

## Context
- `mark()` records which keys were decoded.

## Requirements
- DEC-1: Integers decoded into small types are range-checked: out of range is an error.
- DEC-2: Decoding into a map requires string keys.
- DEC-3: `mark()` records every decoded key, nested ones included.
- DEC-4: A value that cannot be decoded panics with a clear message.

## Edge Cases
- DEC-E1: An empty document.
"""

MARK = """package dec

// DEC-1 DEC-2
func check(n int64) bool { return n < 128 }

// DEC-3
func mark(seen map[string]bool, t map[string]any) {
\tfor k := range t {
\t\tseen[k] = true
\t}
}
"""

NESTED = """\t\tseen[k] = true
\t\tif arr, ok := t[k].([]map[string]any); ok {
\t\t\tfor _, elm := range arr {
\t\t\t\tmark(seen, elm)
\t\t\t}
\t\t}
"""


def _asked(data: dict[str, Any]) -> list[str]:
    return [q["statement"].get("id") or q["statement"]["text"][:8] for q in data["questions"]]


def test_gos_keywords_and_predeclared_types_are_no_shared_words(repo, cli):
    """REVIEW-E194 (BurntSushi/toml `3d3abc2`: DEC-2 asked on "map, string" from
    `[]map[string]any`, DEC-1 on "range" from the loop): a Go hunk's `map`, `string`, `range`,
    `nil`, `len` meet no statement's words; DEC-3 and the Context line are asked as before."""
    repo.commit("base", {"specs/dec.md": DEC, "dec.go": MARK})
    repo.commit("mark nested tables", {"dec.go": MARK.replace("\t\tseen[k] = true\n", NESTED)})
    assert sorted(_asked(review_json(cli, "HEAD", "--all"))) == ["DEC-3", "`mark()`"]


def test_gos_words_in_strings_and_calls_that_mean_something_still_ask(repo, cli):
    """REVIEW-E194, adversarial: a Go error message's "map" and "string" are prose and still
    ask DEC-2; `panic(...)` still meets "panics" (DEC-4); a Python hunk's `map` and `string`
    are words as before."""
    repo.commit("base", {"specs/dec.md": DEC, "dec.go": MARK})
    message = '\t\tif k == "" {\n\t\t\treturn errors.New('
    message += '"decoding into a map requires string keys")\n\t\t}\n\t\tseen[k] = true\n'
    repo.commit("message", {"dec.go": MARK.replace("\t\tseen[k] = true\n", message)})
    assert "DEC-2" in _asked(review_json(cli, "HEAD", "--all"))
    decoded = '\t\tif k == "" {\n\t\t\tpanic("cannot decode a value: clear")\n\t\t}\n'
    repo.commit("panic", {"dec.go": MARK.replace("\t\tseen[k] = true\n", decoded)})
    assert "DEC-4" in _asked(review_json(cli, "HEAD", "--all"))
    scope = DEC.replace("scope: [dec.go]", "scope: [dec.go, dec.py]")
    repo.commit("python", {"specs/dec.md": scope, "dec.py": "def keys(t):\n    return t\n"})
    typed = "def keys(t):\n    return {string(k): map(t[k]) for k in t}\n"
    repo.commit("python map", {"dec.py": typed})
    assert "DEC-2" in _asked(review_json(cli, "HEAD", "--all"))


DECODE = """---
id: DECODE
scope: [decode.go]
---
# Decoding

## Context
- `Decode()` checks that the destination is a non-nil pointer before it decodes anything.

## Requirements
- DECODE-1: Integers are bounds-tested; too large is an error.

## Edge Cases
- DECODE-E1: An empty document.
"""

FITS = """package toml

// DECODE-1
func fits8(n int64) error {
\tif n > 127 {
\t\treturn errRange
\t}
\treturn nil
}
"""


def test_a_requirement_id_in_the_message_is_no_word_of_the_account(repo, cli):
    """REVIEW-E195 (the toml trial: "Widen the int8 bound (DECODE-1 checked)", as the hook asks
    the message to name DECODE-1, asked the Context line on "checks, decode"): the ID's prefix
    is no word the message says; written as a word, "decode" still counts."""
    repo.commit("base", {"specs/decode.md": DECODE, "decode.go": FITS})
    wider = {"decode.go": FITS.replace("n > 127", "n > 255")}
    repo.commit("Widen the int8 bound (DECODE-1 checked)", wider)
    assert _asked(review_json(cli, "HEAD", "--all")) == ["DECODE-1"]
    repo.git("commit", "-q", "--amend", "-m", "Widen the int8 bound (decode checked)")
    assert sorted(_asked(review_json(cli, "HEAD", "--all"))) == ["DECODE-1", "`Decode("]


PARSER = """---
id: P
scope: [p.go]
---
# Parser

## Context
- Implicit tables are recorded by `addImplicit()` and `addContext()`.

## Requirements
- P-1: A table may not be defined twice.

## Edge Cases
- P-E1: An implicit table defined later explicitly.
"""

SPLIT = """package p

type parser struct{ implicits map[string]bool }

func (p *parser) addImplicit(key string)          { p.implicits[key] = true }
func (p *parser) addContext(key string, a bool)   {}
func (p *parser) addImplicitContext(key string) {
\tp.addImplicit(key)
\tp.addContext(key, false)
}
"""

JOINED = """package p

type parser struct{ implicits map[string]bool }

func (p *parser) addImplicit(key string)        { p.implicits[key] = true }
func (p *parser) addContext(key string, a bool) {}
func (p *parser) addImplicitContext(key string) { p.addImplicit(key); p.addContext(key, false) }
"""


def test_a_go_body_joined_with_semicolons_is_formatting(repo, cli):
    """REVIEW-E196 (BurntSushi/toml `60801d0`: `addImplicitContext()`'s body joined onto its
    line asked the Context line naming `addImplicit()`): Go's lexer ends each line's statement
    with the `;` the joined line writes, and the `;` before `}` may be left out; and back."""
    repo.commit("base", {"specs/p.md": PARSER, "p.go": SPLIT})
    repo.commit("gofmt", {"p.go": JOINED})
    data = review_json(cli, "HEAD", "--all")
    assert (data["noop_files"], data["questions"]) == (["p.go"], [])
    repo.commit("split", {"p.go": SPLIT})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == ["p.go"]


def test_a_line_break_where_go_ends_a_statement_still_asks(repo, cli):
    """REVIEW-E196, adversarial: `x = a` above `(*p).run()` is two statements, `x = a(*p).run()`
    one, though their tokens are the same; `if err := f(); err != nil {` split into `err := f()`
    and `if err != nil {` widens `err`'s scope over the rest of the block (a later `err` of an
    outer scope is then this one), and still asks."""
    repo.commit("base", {"specs/p.md": PARSER, "p.go": SPLIT})
    two = "\tvar x any\n\tx = addImplicit\n\t(*p).addContext(key, false)\n\t_ = x\n"
    repo.commit("two", {"p.go": SPLIT.replace("\tp.addContext(key, false)\n", two)})
    one = two.replace("addImplicit\n\t(*p)", "addImplicit(*p)")
    repo.commit("one", {"p.go": SPLIT.replace("\tp.addContext(key, false)\n", one)})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []
    scoped = "\tif err := p.addContext(key, false); err != nil {\n\t\treturn\n\t}\n"
    repo.commit("scoped", {"p.go": SPLIT.replace("\tp.addContext(key, false)\n", scoped)})
    wide = "\terr := p.addContext(key, false)\n\tif err != nil {\n\t\treturn\n\t}\n"
    repo.commit("wide", {"p.go": SPLIT.replace("\tp.addContext(key, false)\n", wide)})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []
