"""REVIEW-E359 through the CLI on real repositories: a definition moved whole and unchanged to
another place of its class body or of its file's top level (commons-csv `4f4b9cf251` sorted
the members of two Java classes and asked nine questions) asks nothing; the nearest moves that
change what runs still ask."""

from __future__ import annotations

from testing.util import committed_review as _noop

SPEC = """---
id: LEX
scope: ["src/**"]
---
# Lexing

## Requirements
- LEX-1: `Lexer.next` reads one token; `mark` and `reset` return to a place.
"""

LEXER = """package x;

final class Lexer {
    private int position = start();
    private int mark = position + 1;

    @Override
    public void mark(final int limit) throws IOException {
        mark = position;
        super.mark(limit);
    }

    /** Returns to the mark. */
    public void reset() throws IOException {
        position = mark;
        super.reset();
    }

    int next() {
        free(position);
        position++;
        return position;
    }
}

final class Other {
    int other() {
        return 1;
    }
}
"""

MARK = """    @Override
    public void mark(final int limit) throws IOException {
        mark = position;
        super.mark(limit);
    }

"""


def _moved_down(text):
    """`mark()` moved below `next()`, unchanged."""
    without = text.replace(MARK, "")
    return without.replace(
        "        return position;\n    }\n",
        "        return position;\n    }\n\n" + MARK.rstrip("\n") + "\n",
        1,
    )


def test_a_java_method_moved_unchanged_asks_nothing(repo, cli):
    """REVIEW-E359: `mark()` moved below `next()` (its annotation and doc with it)."""
    repo.commit("base", {"specs/lex.md": SPEC, "src/Lexer.java": LEXER})
    assert _noop(repo, cli, "sort members", {"src/Lexer.java": _moved_down(LEXER)}) == (
        ["src/Lexer.java"],
        0,
    )


def test_java_moves_that_change_what_runs_still_ask(repo, cli):
    """REVIEW-E359's nearest changes: statements swapped inside a body (REVIEW-E307), fields
    with values swapped (their order is the order they are computed in), a method moved to
    another class, and a method moved and changed on the way."""
    repo.commit("base", {"specs/lex.md": SPEC, "src/Lexer.java": LEXER})
    swapped = LEXER.replace(
        "        free(position);\n        position++;\n",
        "        position++;\n        free(position);\n",
    )
    assert _noop(repo, cli, "statements swapped", {"src/Lexer.java": swapped})[0] == []
    repo.commit("back", {"src/Lexer.java": LEXER})
    fields = LEXER.replace(
        "    private int position = start();\n    private int mark = position + 1;\n",
        "    private int mark = position + 1;\n    private int position = start();\n",
    )
    assert _noop(repo, cli, "fields swapped", {"src/Lexer.java": fields})[0] == []
    repo.commit("back", {"src/Lexer.java": LEXER})
    other = LEXER.replace(MARK, "").replace("final class Other {\n", "final class Other {\n" + MARK)
    assert _noop(repo, cli, "moved to another class", {"src/Lexer.java": other})[0] == []
    repo.commit("back", {"src/Lexer.java": LEXER})
    changed = _moved_down(LEXER).replace("super.mark(limit);", "super.mark(limit + 1);")
    assert _noop(repo, cli, "moved and changed", {"src/Lexer.java": changed})[0] == []


GO = """package x

func init() {
	register("a")
}

func Parse(s string) int {
	return len(s)
}

func init() {
	register("b")
}

func Format(n int) string {
	return fmt.Sprint(n)
}
"""

GO_SPEC = SPEC.replace("`Lexer.next`", "`Parse`")


def test_a_go_function_moved_asks_nothing_but_init_asks(repo, cli):
    """REVIEW-E359: Go's `Format` moved above `Parse` asks nothing; the first `init()` moved
    below the second runs second, and asks."""
    repo.commit("base", {"specs/lex.md": GO_SPEC, "src/x.go": GO})
    blocks = GO.split("\n\n")
    moved = "\n\n".join([blocks[0], blocks[4].rstrip("\n"), blocks[1], blocks[2], blocks[3]])
    assert _noop(repo, cli, "sorted", {"src/x.go": moved + "\n"}) == (["src/x.go"], 0)
    repo.commit("back", {"src/x.go": GO})
    last = "\n\n".join([blocks[0], blocks[2], blocks[3], blocks[4].rstrip("\n"), blocks[1]])
    assert _noop(repo, cli, "first init moved last", {"src/x.go": last + "\n"})[0] == []


JS = """'use strict'

module.exports = parse

class Cookie {
  parse (str) {
    return str.split(';')
  }

  get name () {
    return this.value
  }

  serialize () {
    return this.value
  }

  serialize () {
    return ''
  }
}

function parse (str) {
  return new Cookie().parse(str)
}

function decode (str) {
  return str
}

console.log('a')
console.log('b')
"""

JS_SPEC = SPEC.replace("`Lexer.next`", "`parse`")


def _swap(text, one, other):
    return text.replace(one, "\0").replace(other, one).replace("\0", other)


def test_a_javascript_method_or_function_moved_asks_nothing(repo, cli):
    """REVIEW-E359: a class's method moved (`name` below `parse`'s neighbour) and a function
    declaration moved (declarations are hoisted) ask nothing."""
    repo.commit("base", {"specs/lex.md": JS_SPEC, "src/c.js": JS})
    parse = "  parse (str) {\n    return str.split(';')\n  }\n"
    name = "  get name () {\n    return this.value\n  }\n"
    methods = _swap(JS, parse, name)
    assert _noop(repo, cli, "methods sorted", {"src/c.js": methods}) == (["src/c.js"], 0)
    one = "function parse (str) {\n  return new Cookie().parse(str)\n}\n"
    other = "function decode (str) {\n  return str\n}\n"
    assert _noop(repo, cli, "functions sorted", {"src/c.js": _swap(methods, one, other)}) == (
        ["src/c.js"],
        0,
    )


def test_javascript_moves_that_change_what_runs_still_ask(repo, cli):
    """REVIEW-E359's nearest changes: of two methods of one name the last wins, so swapping
    them asks; top-level statements swapped run in another order; a function moved above
    `'use strict'` makes the directive a plain string."""
    repo.commit("base", {"specs/lex.md": JS_SPEC, "src/c.js": JS})
    first = "  serialize () {\n    return this.value\n  }\n"
    second = "  serialize () {\n    return ''\n  }\n"
    swapped = JS.replace(first + "\n" + second, second + "\n" + first)
    assert _noop(repo, cli, "same names swapped", {"src/c.js": swapped})[0] == []
    repo.commit("back", {"src/c.js": JS})
    logs = _swap(JS, "console.log('a')", "console.log('b')")
    assert _noop(repo, cli, "statements swapped", {"src/c.js": logs})[0] == []
    repo.commit("back", {"src/c.js": JS})
    decode = "function decode (str) {\n  return str\n}\n\n"
    strict = decode + JS.replace(decode, "")
    assert _noop(repo, cli, "above the directive", {"src/c.js": strict})[0] == []


OVERLOADS = """export function parse(text: string): string;
export function parse(text: number): number;
export function parse(text: any): any {
  return text;
}

export function other(): number {
  return 1;
}
"""


def test_a_typescript_implementation_moved_from_its_overloads_still_asks(repo, cli):
    """REVIEW-E375: `parse`'s implementation moved below `other`, away from its overload
    signatures, which must stand right above it (else the file no longer compiles); `other`
    moved above `parse`'s signatures asks nothing."""
    repo.commit("base", {"specs/lex.md": SPEC, "src/parse.ts": OVERLOADS})
    body = "export function parse(text: any): any {\n  return text;\n}\n\n"
    away = OVERLOADS.replace(body, "") + "\n" + body.rstrip("\n") + "\n"
    assert _noop(repo, cli, "implementation moved", {"src/parse.ts": away})[0] == []
    repo.commit("back", {"src/parse.ts": OVERLOADS})
    other = "export function other(): number {\n  return 1;\n}\n"
    up = other + "\n" + OVERLOADS.replace("\n" + other, "")
    assert _noop(repo, cli, "other moved up", {"src/parse.ts": up}) == (["src/parse.ts"], 0)
