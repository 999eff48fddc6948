"""What the json-c trial (C) found of wrong evidence, through the CLI on real repositories: the
statement a braceless `if` governs is its own, not the body of the next function (REVIEW-E340);
`tok->flags` names the member `flags`, not the pointer `tok` on every line (REVIEW-E341)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: P
scope: [p.c]
---
# Parser

## Context
- Strings are read in `read_string()`; the opening quote is kept in `tok->quote_char`.
- Numbers are read in `read_number()`, tracking `tok->is_double`.
- Each nesting level is on `tok->stack`, indexed by `tok->depth`.

## Requirements
- P-1: With `STRICT`, control characters below 0x20 inside a string are errors.
- P-2: Nesting deeper than `tok->depth` allows is an error, never a write past `tok->stack`.
"""

CODE = """#define STRICT 1
struct tok { int flags; char quote_char; int is_double; int *stack; int depth; };
int read_string(struct tok *tok, char c)
{
\tif ((tok->flags & STRICT) && c <= 0x1f)
\t\treturn -1;
\treturn 0;
}
int read_number(struct tok *tok, char c)
{
\tif (c == '.')
\t\ttok->is_double = 1;
\treturn 0;
}
int push(struct tok *tok, int v)
{
\tif (tok->depth >= 32)
\t\treturn -1;
\ttok->stack[tok->depth++] = v;
\treturn 0;
}
"""


def _asked(repo, cli, subject, old, new):
    repo.commit(subject, {"p.c": CODE.replace(old, new)})
    data = review_json(cli, "HEAD", "--all")
    repo.commit("back", {"p.c": CODE})
    return {q["statement"]["id"] or q["statement"]["text"][:8]: q for q in data["questions"]}


def test_a_braceless_if_governs_its_own_statement(repo, cli):
    """REVIEW-E340 (json-c `565f181`: a cast in `read_string()`'s braceless `if` was read with
    the first statements of the next function's body, and asked the numbers bullet "it names
    `tok`, `is_double`"): the condition's one statement is what it governs; no name of another
    function is evidence; adversarial: the `if`'s own statement still is."""
    repo.commit("base", {"specs/p.md": SPEC, "p.c": CODE})
    asked = _asked(repo, cli, "cast", "&& c <= 0x1f", "&& (unsigned char)c <= 0x1f")
    assert "P-1" in asked
    shown = [name for q in asked.values() for name in q["evidence"]["names"]]
    assert "is_double" not in shown
    assert "Numbers " not in asked
    # adversarial: the braceless `if`'s own statement is still read with its condition
    asked = _asked(repo, cli, "exponent", "if (c == '.')", "if (c == '.' || c == 'e')")
    assert asked["Numbers "]["evidence"]["names"] == ["is_double"]


def test_a_pointer_on_every_line_is_no_evidence_its_member_is(repo, cli):
    """REVIEW-E341 (json-c `565f181`: a one-token cast asked 10 statements, each "it names
    `tok`"): a statement's `tok->depth` names `depth`, so `tok->flags` asks no statement of
    `tok->stack` or `tok->quote_char`; adversarial: a change to `tok->depth` still asks the
    statements naming `tok->depth`, by the member, in a braceless body too."""
    repo.commit("base", {"specs/p.md": SPEC, "p.c": CODE})
    asked = _asked(repo, cli, "flags", "(tok->flags & STRICT)", "(tok->flags & (STRICT | 2))")
    assert "P-1" in asked and "P-2" not in asked and "Each nes" not in asked
    asked = _asked(repo, cli, "depth", "tok->depth >= 32", "tok->depth > 32")
    assert asked["P-2"]["evidence"]["names"] == ["depth"]
    assert "Each nes" in asked
    asked = _asked(repo, cli, "double", "tok->is_double = 1;", "tok->is_double = 2;")
    assert asked["Numbers "]["evidence"]["kind"] in ("identifier", "enclosing")


GO = """package p

func Load(path string) error {
\tif err := check(path); err != nil {
\t\treturn wrapLoadError(err)
\t}
\treturn nil
}
"""

GO_SPEC = """---
id: L
scope: [p.go]
---
# Load

## Requirements
- L-1: A failed check returns the error `wrapLoadError()` wraps.
- L-2: A path is read once.
"""


def test_go_reads_the_block_after_its_statement_and_condition(repo, cli):
    """REVIEW-E340, adversarial: Go's `if err := check(path); err != nil {` ends a statement on
    its line but governs the braced block below it: a changed condition is still read with
    `return wrapLoadError(err)`."""
    repo.commit("base", {"specs/l.md": GO_SPEC, "p.go": GO})
    repo.commit("cond", {"p.go": GO.replace("err != nil {", 'err != nil && path != "" {')})
    asked = review_json(cli, "HEAD", "--all")["questions"]
    names = {q["statement"]["id"]: q["evidence"]["names"] for q in asked}
    assert names.get("L-1") == ["wrapLoadError"]
