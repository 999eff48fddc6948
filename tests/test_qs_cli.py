"""What the qs trial (JavaScript) found, through the CLI on real repositories: a CommonJS module
that exports an anonymous function drafted nothing, and the review called the function
`function()` (NEW-E20)."""

from __future__ import annotations

from testing.util import review_json

PARSE = (
    "'use strict';\n\nvar parseValues = function parseQueryStringValues(str) {\n"
    "    return str.split('&');\n};\n\n/** Parse a query string. */\n"
    "module.exports = function (str, opts) {\n    return parseValues(str);\n};\n"
)
UTILS = (
    "var merge = function (target, source) {\n    return target;\n};\n\n"
    "exports.compact = function (value) {\n    return value;\n};\n\n"
    "module.exports = wrap(function (x) {\n    return x;\n});\n"
)
CALLERS = (
    "\nvar merge = function (a) {\n    return parseValues(a);\n};\n\n"
    "exports.compact = function (v) {\n    return parseValues(v);\n};\n"
)
OTHER = "module.exports = function parse(str, opts) {\n    return str;\n};\n"


def context(repo) -> str:
    text = (repo.path / "specs/parse.md").read_text(encoding="utf-8")
    return text.split("## Context", 1)[1].split("## Requirements", 1)[0]


def test_new_drafts_an_anonymous_function_commonjs_exports(repo, cli):
    """NEW-E20 (qs `lib/parse.js` and `lib/stringify.js`, its two entry points, drafted as bare
    file names): `module.exports = function (str, opts) {` drafts `module.exports(str, opts)`
    with its comment; a named one keeps its name; a call's result (`wrap(function ...)`) is
    not a function the module defines, and drafts nothing."""
    repo.commit("code", {"lib/parse.js": PARSE, "lib/other.js": OTHER, "lib/utils.js": UTILS})
    result = cli("new", "Parse", "--scope", "lib/*.js", "--status", "draft")
    assert result.code == 0, result
    drafted = context(repo)
    assert "- `module.exports(str, opts)`: Parse a query string." in drafted
    assert "- `parse(str, opts)`" in drafted
    assert "- `compact(value)`" in drafted
    assert "wrap" not in drafted and "module.exports(x)" not in drafted


SPEC = """---
id: PARSE
scope: ["lib/**"]
---
# Parse

## Context
- `parseValues()` splits the string.

## Requirements
- [ ] PARSE-1: A query string is parsed.

## Edge Cases
- PARSE-E1: The empty string.
"""


def test_ripples_name_an_anonymous_function_by_what_it_is_assigned_to(repo, cli):
    """NEW-E20: the review's Ripples name the anonymous function a call is in by what it is
    assigned to (`module.exports`, `merge`; `exports.compact` as `compact`, as a search reads
    it), never `function`; a named function expression keeps its own name."""
    repo.commit("base", {"specs/parse.md": SPEC, "lib/parse.js": PARSE + CALLERS})
    changed = (PARSE + CALLERS).replace("return str.split", "return String(str).split")
    repo.commit("change", {"lib/parse.js": changed})
    ripples = review_json(cli, "HEAD", "--all")["ripples"]
    functions = {
        (ripple["symbol"]["name"], use["function"]) for ripple in ripples for use in ripple["uses"]
    }
    assert ("parseValues", "module.exports") in functions
    assert {("parseValues", "merge"), ("parseValues", "compact")} <= functions
    assert not any(function == "function" for _, function in functions)
