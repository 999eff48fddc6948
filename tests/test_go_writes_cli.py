"""REVIEW-E162 through the CLI on real repositories (the logrus trial's e4f1d8a): Go's short
variable declaration `x := f()` (and `x, err := f()`, `var x = f()`) writes `x`. A change that
rewrites `var b *Buffer` ... `b = pool.Get()` as `b := pool.Get()` neither stops writing `b`
nor writes it anew, and `specflow context` lists a `:=` line as a write, not a read."""

from __future__ import annotations

import json

from testing.util import review_json

SPEC = """---
id: LOG
scope: ["*.go"]
---
# Logging

## Context
- `log()` takes a buffer from `pool` and writes the entry into it.

## Requirements
- LOG-1: Every entry is written through a pooled buffer.
"""

ENTRY = """package logrus

func (entry *Entry) log(l *Logger) {
\tvar buffer *Buffer

\tfireHooks(l)
\tbuffer = l.pool.Get()
\tbuffer.Reset()
\tuse(buffer)
}
"""

DECLARED = ENTRY.replace("\tvar buffer *Buffer\n\n", "").replace(
    "\tbuffer = l.pool.Get()", "\tbuffer := l.pool.Get()"
)


def _ripples(cli) -> list[tuple[str, str]]:
    return [(r["symbol"]["name"], r["symbol"]["kind"]) for r in review_json(cli, "HEAD")["ripples"]]


def test_an_assignment_declared_with_colon_equals_is_still_written(repo, cli):
    """REVIEW-E162 (logrus `e4f1d8a`: "`buffer` is no longer written ... who writes it now?"):
    `buffer = l.pool.Get()` rewritten `buffer := l.pool.Get()` leaves no ripple about
    `buffer`; with `x, err :=` the same."""
    repo.commit("base", {"specs/log.md": SPEC, "entry.go": ENTRY})
    repo.commit("declare buffer where it is set", {"entry.go": DECLARED})
    assert [r for r in _ripples(cli) if r[0] == "buffer"] == []
    pair = ENTRY.replace("\tbuffer = l.pool.Get()", "\tbuffer, err = l.pool.Get()")
    pair = pair.replace("\tvar buffer *Buffer\n", "\tvar buffer *Buffer\n\tvar err error\n")
    repo.commit("pair", {"entry.go": pair})
    declared = DECLARED.replace("\tbuffer := l.pool.Get()", "\tbuffer, err := l.pool.Get()")
    repo.commit("declare the pair", {"entry.go": declared})
    assert [r for r in _ripples(cli) if r[0] in ("buffer", "err")] == []


def test_a_declared_write_with_another_value_or_none_still_ripples(repo, cli):
    """REVIEW-E162, adversarial: `buffer := l.spare.Get()` writes another value (its readers
    below are asked whether they agree), and `buffer = l.pool.Get()` removed with no write
    instead still stops writing it."""
    repo.commit("base", {"specs/log.md": SPEC, "entry.go": ENTRY})
    other = DECLARED.replace("l.pool.Get()", "l.spare.Get()")
    repo.commit("spare", {"entry.go": other})
    assert ("buffer", "write") in _ripples(cli)
    repo.commit("back", {"entry.go": ENTRY})
    repo.commit("drop", {"entry.go": ENTRY.replace("\tbuffer = l.pool.Get()\n", "")})
    assert ("buffer", "unwrite") in _ripples(cli)


def test_context_lists_short_declarations_as_writes(repo, cli):
    """REVIEW-E162 (the trial: `context bufPool` listed `bufPool := newEntry.getBufferPool()`
    under "read"): `:=`, `x, err :=`, `if v, ok := ...` and `var x T = ...` write the name;
    `use(buffer)`, `a, b == c` and `var x T` (no value) do not."""
    code = (
        "package logrus\n\nvar fallback *Buffer = NewBuffer()\n\nvar spare *Buffer\n\n"
        "func get(l *Logger) {\n\tbuffer := l.pool.Get()\n\tuse(buffer)\n"
        "\tfallback, err := l.pool.Get()\n\tcheck(fallback, err == nil)\n"
        "\tif spare, ok := l.spares[0]; ok {\n\t\tuse(spare)\n\t}\n}\n"
    )
    repo.commit("base", {"specs/log.md": SPEC, "get.go": code})
    for name, written in (("buffer", [8]), ("fallback", [3, 10]), ("spare", [12]), ("err", [10])):
        data = json.loads(cli("context", name, "--format", "json").out)
        lines = [u["line"] for u in data["name"]["uses"] if u["use"] == "write"]
        assert lines == written, (name, data["name"]["uses"])


ERR_SPEC = """---
id: FIELDS
scope: ["json.go"]
---
# Fields

## Edge Cases
- FIELDS-E1: A field error recorded in `entry.err` (a func value): written under `logrus_error`.
"""

PARSE = """package logrus

func ParseLevel(s string) (Level, error) {
\tl, err := parseLevel(s)
\tif err != nil {
\t\treturn 0, err
\t}
\treturn l, nil
}
"""


def test_a_local_written_is_no_field_a_statement_names(repo, cli):
    """REVIEW-E162 (logrus `7f1aa6c` asked JSON-E2, on `entry.err`, of level.go, outside its
    spec's scope, as certain because `ParseLevel` writes its own `err`): a function's local
    `err :=` is not the `entry.err` an edge case names, so the edge case is not asked; a hunk
    that writes a package's `err` still is."""
    repo.commit(
        "base", {"specs/fields.md": ERR_SPEC, "level.go": PARSE, "json.go": "package logrus\n"}
    )
    repo.commit("trim", {"level.go": PARSE.replace("parseLevel(s)", "parseLevel(trim(s))")})
    assert review_json(cli, "HEAD", "--all")["questions"] == []
    shared = "package logrus\n\nvar err error\n\nfunc Parse(s string) {\n\terr = parse(s)\n}\n"
    repo.commit("shared", {"level.go": shared})
    repo.commit("trim", {"level.go": shared.replace("parse(s)", "parse(trim(s))")})
    asked = review_json(cli, "HEAD")["questions"]
    assert [q["statement"]["id"] for q in asked] == ["FIELDS-E1"]
