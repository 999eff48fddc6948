"""REVIEW-E424 and REVIEW-E425 through the CLI on real repositories: expressjs/session
`8399590` made each `Session.prototype.touch = function(){` a `defineMethod(Session.prototype,
'touch', function touch() {`, and the review read it as "stops writing" each method, asking every
statement naming one at confidence 1.0; its ripple rows said "in describe()" and
"in require()" for code that lies in an anonymous function or in the module."""

from __future__ import annotations

from testing.util import review_json, reviews_in_time

SPEC = """---
id: STORE
scope: ["session/**"]
---
# Store

## Requirements
- STORE-1: `req.session.touch()` restores the cookie's `maxAge` from `originalMaxAge`.
- STORE-2: `req.session.save(fn)` writes the session under its ID.
"""

SESSION = """'use strict'

var debug = require('debug')('express-session')
module.exports = Session

function Session (req) {
  this.req = req
}

Session.prototype.touch = function(){
  return this.resetMaxAge();
};

Session.prototype.save = function(fn){
  this.req.sessionStore.set(this.id, this, fn);
  return this;
};

function defineMethod (obj, name, fn) {
  Object.defineProperty(obj, name, { configurable: true, enumerable: false, value: fn })
}
"""

INDEX = """var debug = require('debug')('express-session')
var Session = require('./session/session')

debug('loaded')
var touched = new Session({}).touch()
"""

TEST = """var Session = require('../session/session')

describe('session', function () {
  it('touches', function () {
    new Session({}).touch()
  })
})
"""


def _helper(text: str) -> str:
    for name, args in (("touch", ""), ("save", "fn")):
        text = text.replace(
            f"Session.prototype.{name} = function({args}){{",
            f"defineMethod(Session.prototype, '{name}', function {name}({args}) {{",
        )
    return text.replace("};", "});")


def test_a_method_defined_again_by_a_helper_is_changed_not_stopped(repo, cli):
    """REVIEW-E424: each hunk changes `touch` or `save`; no act, no ripple says it stops
    writing them."""
    files = {"specs/store.md": SPEC, "session/session.js": SESSION, "index.js": INDEX}
    repo.commit("base", files | {"test/session.js": TEST})
    repo.commit("non-enumerable", {"session/session.js": _helper(SESSION)})
    data = review_json(cli, "HEAD", "--all")
    verbs = {(act["verb"], act["name"]) for q in data["questions"] for act in q["acts"]}
    assert ("changes", "touch") in verbs, verbs
    assert not any(verb == "stops writing" for verb, _ in verbs), verbs
    kinds = {(r["symbol"]["name"], r["symbol"]["kind"]) for r in data["ripples"]}
    assert ("touch", "unwrite") not in kinds and ("touch", "function") in kinds, kinds


def test_a_ripple_in_a_call_lies_in_no_function_of_that_name(repo, cli):
    """REVIEW-E425: the uses of `touch` under `describe('session', function () {` and below
    `var debug = require('debug')(...)` lie in no function `describe` or `require`."""
    files = {"specs/store.md": SPEC, "session/session.js": SESSION, "index.js": INDEX}
    repo.commit("base", files | {"test/session.js": TEST})
    changed = SESSION.replace("return this.resetMaxAge();", "return this.resetMaxAge(true);")
    repo.commit("touch", {"session/session.js": changed})
    data = review_json(cli, "HEAD", "--all")
    uses = [use for r in data["ripples"] if r["symbol"]["name"] == "touch" for use in r["uses"]]
    assert uses and {use["function"] for use in uses} <= {"", "it"}, uses


def test_a_long_helper_line_does_not_stall_the_review(repo, cli):
    """REVIEW-E424, as HARDEN-21 reads a long line: an anonymous `function` with 400,000
    spaces before its `(`: the helper's pattern, finding no name, tried the spaces around its
    optional `*` in every split (quadratic: 18 s for 50,000, so minutes here: the subprocess
    has a generous deadline); now it gives up at once."""
    files = {"specs/store.md": SPEC, "session/session.js": SESSION, "index.js": INDEX}
    repo.commit("base", files | {"test/session.js": TEST})
    spaced = "defineMethod(Session.prototype, 'touch', function" + " " * 400_000 + "(){"
    repo.commit("spaced", {"session/session.js": SESSION + spaced + "\n  return 1\n})\n"})
    reviews_in_time(repo.path)
