"""REVIEW-E361 through the CLI on real repositories: JavaScript's `a.b !== undefined` written
`typeof a.b !== 'undefined'` (qs `0a1d3e806e` asked four questions of it and of `void
undefined`) asks nothing; the nearest rewrites that change what runs still ask."""

from __future__ import annotations

from testing.util import committed_review

SPEC = """---
id: STR
scope: ["src/**"]
---
# Stringify

## Requirements
- STR-1: `normalize` keeps the encoder the options give, when they give one.
"""

JS = """'use strict';

var normalize = function normalize(opts, fallback) {
    if (opts.encoder !== null && opts.encoder !== undefined && typeof opts.encoder !== 'function') {
        throw new TypeError('Encoder has to be a function.');
    }
    var value = typeof opts === 'object' && opts.value !== undefined ? opts.value : fallback;
    return { encoder: opts.encoder, value: value, on: fallback !== undefined };
};

module.exports = normalize;
"""


def _review(repo, cli, message, text):
    return committed_review(repo, cli, message, {"src/normalize.js": text})


def test_a_member_compared_to_undefined_by_typeof_asks_nothing(repo, cli):
    """REVIEW-E361: both comparisons of a member written with `typeof`."""
    repo.commit("base", {"specs/str.md": SPEC, "src/normalize.js": JS})
    typeof = JS.replace(
        "opts.encoder !== undefined", "typeof opts.encoder !== 'undefined'"
    ).replace("opts.value !== undefined", 'typeof opts.value !== "undefined"')
    assert _review(repo, cli, "typeof", typeof) == (["src/normalize.js"], 0)


def test_typeof_rewrites_that_change_what_runs_still_ask(repo, cli):
    """REVIEW-E361's nearest changes: a bare name (`typeof x` of an undeclared `x` throws
    nothing), a loose `!= undefined` (true of `null` too), a comparison bound by the operator
    before it (`a === typeof b.c !== 'undefined'` compares `a === typeof b.c` first), and a
    file that binds its own `undefined`."""
    repo.commit("base", {"specs/str.md": SPEC, "src/normalize.js": JS})
    bare = JS.replace("fallback !== undefined", "typeof fallback !== 'undefined'")
    assert _review(repo, cli, "bare name", bare)[0] == []
    repo.commit("back", {"src/normalize.js": JS})
    loose = JS.replace("opts.value !== undefined", "opts.value != undefined")
    repo.commit("loose", {"src/normalize.js": loose})
    typeof = loose.replace("opts.value != undefined", "typeof opts.value !== 'undefined'")
    assert _review(repo, cli, "loose", typeof)[0] == []
    bound = JS.replace("fallback !== undefined", "fallback === opts.value !== undefined")
    repo.commit("bound", {"src/normalize.js": bound})
    typeof = bound.replace("opts.value !== undefined }", "typeof opts.value !== 'undefined' }")
    assert _review(repo, cli, "bound", typeof)[0] == []
    own = JS.replace("'use strict';\n", "'use strict';\nvar undefined = 0;\n")
    repo.commit("own undefined", {"src/normalize.js": own})
    typeof = own.replace("opts.encoder !== undefined", "typeof opts.encoder !== 'undefined'")
    assert _review(repo, cli, "own", typeof)[0] == []
