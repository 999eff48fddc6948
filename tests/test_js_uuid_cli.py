"""The uuidjs trial's no-op commits through the CLI on real repositories: TypeScript's overload
signatures and ambient declarations (REVIEW-E231, c2d3fed), braces around a one-statement body
(REVIEW-E232, 7476a66) and Node's `node:` prefix (REVIEW-E233, 3fd0f18) ask nothing and the hook
is silent; the same-looking changes that change what runs still ask."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: GEN
scope: [src/**]
---
# Generator

## Context
- `gen(options, buf, offset)` returns a string, or fills `buf` at `offset` with `value`.

## Requirements
- GEN-1: With `buf`, the 16 bytes of `value` are written at `buf[offset]` and `buf` is returned.

## Edge Cases
- GEN-E1: `offset` is 0 or omitted with a `buf`.
"""


def _noop(repo, cli, path: str, before: str, after: str, hooked: bool = True) -> bool:  # type: ignore[no-untyped-def]
    """Whether the review calls the change formatting only; the hook agrees with it (where
    `hooked`: the reference heads the changed code)."""
    repo.commit("base", {"specs/gen.md": SPEC, path: before})
    repo.stage({path: after})
    staged = cli("check", "--staged").out
    repo.commit("refactor")
    data = review_json(cli, "HEAD", "--all")
    silent = data["noop_files"] == [path]
    assert silent == (not data["questions"]), data["questions"]
    assert silent == ("touched-requirement" not in staged) or not hooked, staged
    return silent


OVERLOADED = """import { Options } from './types.js';

// GEN-1
OVERLOADS
function gen(options?: Options, buf?: undefined, offset?: number): string;
function gen(options?: Options, buf?: Uint8Array, offset?: number): Uint8Array;
function gen(options?: Options, buf?: Uint8Array, offset?: number): string | Uint8Array {
  if (buf) {
    buf.fill(1, offset ?? 0, (offset ?? 0) + 16);
    return buf;
  }
  return 'x';
}

export default gen;
"""
SPLIT = """function gen(
  options: Options | undefined,
  buf: Uint8Array,
  offset?: number
): { bytes: Uint8Array };
"""


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (  # c2d3fed: an overload's parameters tightened
            "function gen(options?: Options, buf?: Uint8Array, offset?: number): Uint8Array;",
            "function gen(options: Options | undefined, buf: Uint8Array, offset?: number): "
            "Uint8Array;",
        ),
        (  # c2d3fed's v3: overloads over several lines removed, one returns an object type
            "function gen(options?: Options, buf?: undefined, offset?: number): string;\n",
            SPLIT,
        ),
        ("OVERLOADS", "declare const VERSION: string;"),
        ("OVERLOADS", "declare global {\n  interface Window { gen: typeof gen }\n}"),
        ("OVERLOADS", "export declare function helper(buf: Uint8Array): void;"),
    ],
)
def test_a_declaration_without_a_body_is_a_typing_change(repo, cli, old, new):
    """REVIEW-E231 (uuidjs c2d3fed): an overload signature or an ambient `declare` changes no
    behaviour: no question, and no `touched-requirement` from the hook."""
    base = OVERLOADED.replace("OVERLOADS", "")
    assert _noop(
        repo, cli, "src/gen.ts", base, OVERLOADED.replace(old, new).replace("OVERLOADS", "")
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (  # an overload made a function with a body (another `gen` runs)
            "function gen(options?: Options, buf?: undefined, offset?: number): string;",
            "function helper(options?: Options): string { return 'y'; }",
        ),
        (  # a function whose return type is an object type has a body all the same
            "OVERLOADS",
            "function size(): { n: number } { return { n: 16 }; }",
        ),
        ("OVERLOADS", "declare const enum Size { Bytes = 16 }"),  # inlined where read
        ("OVERLOADS", "const VERSION: string = '1';"),
        (  # the implementation's signature and body
            "string | Uint8Array {\n  if (buf) {",
            "string | Uint8Array {\n  if (buf && offset) {",
        ),
    ],
)
def test_declarations_with_code_still_ask(repo, cli, old, new):
    """REVIEW-E231, adversarial: a body, a `const enum` or a value is code."""
    base = OVERLOADED.replace("OVERLOADS", "")
    after = OVERLOADED.replace(old, new).replace("OVERLOADS", "")
    # a reference above the overloads heads no implementation for the hook (not yet)
    assert not _noop(repo, cli, "src/gen.ts", base, after, hooked="if (buf" not in old)


BRACES = """// GEN-1
export function gen(value, namespace, buf, offset) {
  BODY
  return hash(value, namespace, buf, offset);
}
"""


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (  # 7476a66's v35.js
            "if (typeof value === 'string') value = stringToBytes(value);",
            "if (typeof value === 'string') {\n    value = stringToBytes(value);\n  }",
        ),
        (  # 7476a66's uuid-bin.js, a blank line between
            "if (namespace === 'URL') namespace = v3.URL;\n  if (namespace === 'DNS') "
            "namespace = v3.DNS;",
            "if (namespace === 'URL') {\n    namespace = v3.URL;\n  }\n\n  if (namespace === "
            "'DNS') {\n    namespace = v3.DNS;\n  }",
        ),
        (
            "if (!buf) return hash(value);\n  else if (offset) buf[offset] = 1;\n"
            "  else buf[0] = 1;",
            "if (!buf) {\n    return hash(value);\n  } else if (offset) {\n    buf[offset] = 1;\n"
            "  } else {\n    buf[0] = 1;\n  }",
        ),
        (
            "for (let i = 0; i < 16; ++i) buf[offset + i] = value[i];",
            "for (let i = 0; i < 16; ++i) {\n    buf[offset + i] = value[i];\n  }",
        ),
        ("while (offset < 16) offset++;", "while (offset < 16) {\n    offset++;\n  }"),
    ],
)
def test_braces_around_a_one_statement_body_are_no_change(repo, cli, before, after):
    """REVIEW-E232 (uuidjs 7476a66): `if (x) y;` and `if (x) { y; }` are the same statement,
    in JavaScript and TypeScript, either way round."""
    assert _noop(
        repo, cli, "src/v35.js", BRACES.replace("BODY", before), BRACES.replace("BODY", after)
    )
    assert _noop(
        repo, cli, "src/v35.ts", BRACES.replace("BODY", after), BRACES.replace("BODY", before)
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (  # a second statement moved into the branch
            "if (buf) offset = 0;\n  value = buf;",
            "if (buf) {\n    offset = 0;\n    value = buf;\n  }",
        ),
        (  # the statement went on to the next line: `offset = 1 + 2` in the branch
            "if (buf) offset = 1\n  + 2;",
            "if (buf) {\n    offset = 1\n  }\n  + 2;",
        ),
        (  # a dangling `else`: it was the inner `if`'s
            "if (buf) {\n    if (offset) value = buf;\n  } else value = namespace;",
            "if (buf)\n    if (offset) value = buf;\n  else value = namespace;",
        ),
        ("if (buf) var offset = 1;", "if (buf) {\n    let offset = 1;\n  }"),  # scoped
        ("if (buf) offset = 0;", "if (buf) {\n    offset = 1;\n  }"),
        ("if (buf) offset = 0; else value = 1;", "if (buf) {\n    offset = 0;\n  }\n  value = 1;"),
        (  # the text of a template literal, which a generator writes out
            "value = `\n  if (buf) offset = 0;\n  `;",
            "value = `\n  if (buf) {\n    offset = 0;\n  }\n  `;",
        ),
    ],
)
def test_braces_that_change_the_branch_still_ask(repo, cli, before, after):
    """REVIEW-E232, adversarial: braces that take in another statement, a statement that went
    on past its line, a declaration, an `else` that moves, a template's text."""
    assert not _noop(
        repo, cli, "src/v35.js", BRACES.replace("BODY", before), BRACES.replace("BODY", after)
    )


IMPORTS = """// GEN-1
import crypto from 'crypto';
import 'fs/promises';
const { promisify } = require('util');
const os = await import('os');

// GEN-1
export default function rng() {
  return crypto.randomFillSync(new Uint8Array(16));
}
"""


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("from 'crypto'", "from 'node:crypto'"),
        ("require('util')", 'require("node:util")'),
        ("import 'fs/promises'", "import 'node:fs/promises'"),
        ("import('os')", "import('node:os')"),
    ],
)
def test_a_builtin_module_with_the_node_prefix_is_the_same(repo, cli, old, new):
    """REVIEW-E233 (uuidjs 3fd0f18): `'node:crypto'` loads the module `'crypto'` loads."""
    assert _noop(repo, cli, "src/rng.js", IMPORTS, IMPORTS.replace(old, new))
    assert _noop(repo, cli, "src/rng.ts", IMPORTS, IMPORTS.replace(old, new))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("from 'crypto'", "from 'node:test'"),  # `test` is a package of the registry
        ("from 'crypto'", "from 'node:cryptography'"),  # no builtin
        ("from 'crypto'", "from 'crypto-browserify'"),
        ("require('util')", "require('util/')"),  # the package, not the builtin
        ("new Uint8Array(16)", "new Uint8Array(16), 'node:crypto'"),  # a value, no module
    ],
)
def test_another_module_or_a_string_that_is_no_module_still_asks(repo, cli, old, new):
    """REVIEW-E233, adversarial: only a builtin's name, where a module is loaded."""
    base = IMPORTS.replace("new Uint8Array(16)", "new Uint8Array(16), 'crypto'")
    before, after = (
        (base, base.replace(", 'crypto'", ", 'node:crypto'"))
        if "Uint8" in old
        else (
            IMPORTS,
            IMPORTS.replace(old, new),
        )
    )
    assert not _noop(repo, cli, "src/rng.js", before, after)
