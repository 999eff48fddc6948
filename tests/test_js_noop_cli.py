"""REVIEW-E185 through the CLI on real repositories: JavaScript and TypeScript rewrites that
change nothing (the qs trial: `'...'` quotes made `"..."`, and 572533c's `out = out + (a + b)`
made `out += a + b`) ask nothing and the hook is silent; the same-looking rewrites that change
what runs (another string, a member or an index assigned, an operand that binds looser than
`+`, a comma) still ask. `undefined` and `void undefined` where a local `undefined` is declared,
`a.push(v)` and `a[a.length] = v` are not the same in general: they ask."""

from __future__ import annotations

import pytest

from testing.util import noop_and_hook_agree

SPEC = """---
id: ENC
scope: [lib/**]
---
# Encoding

## Context
- `encode(str)` percent-encodes each character with `hexTable` and appends it to `out`.

## Requirements
- ENC-1: `encode()` returns an empty string unchanged and encodes each character of `str`.
"""
BASE = """'use strict';

var hexTable = [];

// ENC-1
var encode = function encode(str, parts) {
    var out = '';
    for (var i = 0; i < str.length; ++i) {
        var c = str.charCodeAt(i);
        LINE
    }
    return out === undefined ? '' : out;
};

module.exports = { encode: encode };
"""


def _noop(repo, cli, before: str, after: str, path: str = "lib/enc.js") -> bool:  # type: ignore[no-untyped-def]
    """Whether the review calls the rewrite formatting only; the hook agrees with it."""
    base = {"specs/enc.md": SPEC, path: BASE.replace("LINE", before)}
    return noop_and_hook_agree(repo, cli, base, path, BASE.replace("LINE", after), "refactor")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("out = out + 'x';", 'out = out + "x";'),
        ("out = out + 'it\\'s';", 'out = out + "it\'s";'),
        ("out = out + '\"';", 'out = out + "\\"";'),
        ("out = out + '\\n';", 'out = out + "\\n";'),
    ],
)
def test_a_string_in_either_quotes_is_no_change(repo, cli, before, after):
    """REVIEW-E185 (the qs trial's D2): `'x'` is `"x"`, an escaped quote is the quote."""
    assert _noop(repo, cli, before, after)
    assert _noop(repo, cli, before, after, "lib/enc.ts")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("out = out + hexTable[c];", "out += hexTable[c];"),
        (
            "out = out + (hexTable[0xC0 | (c >> 6)] + hexTable[0x80 | (c & 0x3F)]);",
            "out += hexTable[0xC0 | (c >> 6)] + hexTable[0x80 | (c & 0x3F)];",
        ),
        ("out = out + hexTable[c] * 2;", "out += hexTable[c] * 2;"),
        ("out = out + f(c, 1);", "out += (f(c, 1));"),
    ],
)
def test_a_name_added_to_itself_is_operator_assignment(repo, cli, before, after):
    """REVIEW-E185 (qs 572533c): `out = out + y` is `out += y` for a plain name and an
    operand that binds tighter than `+`, and `out += (y)` is `out += y`."""
    assert _noop(repo, cli, before, after)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("out = out + 'x';", 'out = out + "y";'),  # another string
        ("out = out + '\\\\';", 'out = out + "\\\\\\\\";'),  # one backslash, then two
        ("parts.out = out + c;", "parts.out += c;"),  # reads `out`, then `parts.out`
        ("parts.out = parts.out + c;", "parts.out += c;"),  # a getter runs once, not twice
        ("parts[c] = parts[c] + c;", "parts[c] += c;"),  # the key evaluated once
        ("out = out + c - 1;", "out += c - 1;"),  # `(out + c) - 1`
        ("out = out + c ? 'a' : 'b';", "out += c ? 'a' : 'b';"),  # the ternary takes it all
        ("out = out + c || 'a';", "out += c || 'a';"),
        ("out = out + c << 1;", "out += c << 1;"),
        ("out = out + (c, 1);", "out += c, 1;"),  # adds 1, or `c`
        ("out = out + `${c};` - 1;", "out += `${c};` - 1;"),  # a template's `;` ends nothing
        ("out = out - c;", "out += c;"),
        ("out = out + c;", "out = c + out;"),  # string concatenation is not commutative
        ("parts.push(c);", "parts[parts.length] = c;"),  # an array-like's own `push`
        (  # a local `undefined` (REVIEW-E218 reads `void undefined` only where none is bound)
            "var undefined = c; out = out === undefined;",
            "var undefined = c; out = out === void undefined;",
        ),
    ],
)
def test_rewrites_that_change_what_runs_still_ask(repo, cli, before, after):
    """REVIEW-E185, adversarial: the same-looking rewrites that are not the same."""
    assert not _noop(repo, cli, before, after)


def test_the_same_rewrite_in_a_template_literal_s_text_asks(repo, cli):
    """REVIEW-E185, adversarial: `out = out + c;` as the text of a template literal (code a
    generator writes out) is text: made `out += c;` it is another string."""
    template = "out = `\n  out = out + c;\n  ` + `x = x + c;` + c;"
    assert not _noop(repo, cli, template, template.replace("out = out + c;", "out += c;", 2))
    assert not _noop(repo, cli, template, template.replace("x = x + c;", "x += c;"))
