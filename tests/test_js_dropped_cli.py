"""REVIEW-E421, REVIEW-E422 and REVIEW-E423 through the CLI on real repositories: expressjs/
session's blind trial asked questions of `var a = x, b = y` split in two (`2bb2860`), of an
unused parameter dropped (`00b8a5f`) and of a `debug()` line added (`991b7ee`); each asks
nothing now, and the nearest change that does run otherwise still asks."""

from __future__ import annotations

from testing.util import committed_review

SPEC = """---
id: STORE
scope: ["session/**"]
---
# Store

## Requirements
- STORE-1: `createSession()` keeps the cookie's `originalMaxAge` and `expires` of `sess`.
- STORE-2: `generate()` names the session with `uid()` of `req`.
"""

STORE = """'use strict'

var debug = require('debug')('express-session')
var Cookie = require('./cookie')

function uid (req, size) {
  return req.id + size
}

function createSession (req, sess) {
  var expires = sess.cookie.expires
    , orig = sess.cookie.originalMaxAge;
  sess.cookie = new Cookie(sess.cookie)
  sess.cookie.expires = expires
  sess.cookie.originalMaxAge = orig
  return sess
}

function generate (req, sess) {
  var id = uid(req, 24)
  if (!id) {
    return null
  }
  return id
}

function logged (req, args) {
  return args.length
}

module.exports = { createSession: createSession, generate: generate, logged: logged }
"""


def _review(repo, cli, message, text):
    repo.commit("base", {"specs/store.md": SPEC, "session/store.js": STORE})
    return committed_review(repo, cli, message, {"session/store.js": text})


def _split(text: str) -> str:
    return text.replace(
        "  var expires = sess.cookie.expires\n    , orig = sess.cookie.originalMaxAge;",
        "  var expires = sess.cookie.expires\n  var orig = sess.cookie.originalMaxAge\n",
    )


def test_one_var_split_asks_nothing(repo, cli):
    """REVIEW-E421: `var a = x\\n  , b = y;` as `var a = x` then `var b = y` (session
    `2bb2860`), and `let a, b = 1` as `let a` then `let b = 1` (a declarator without a value)."""
    assert _review(repo, cli, "lint: one var", _split(STORE)) == (["session/store.js"], 0)
    lets = STORE.replace(
        "function logged (req, args) {", "function logged (req, args) {\n  let a, b = 1"
    )
    repo.commit("lets", {"session/store.js": lets})
    split = lets.replace("  let a, b = 1", "  let a\n  let b = 1")
    assert committed_review(repo, cli, "split", {"session/store.js": split}) == (
        ["session/store.js"],
        0,
    )


def test_a_declarator_left_without_its_keyword_asks(repo, cli):
    """REVIEW-E421, still asked: `, orig = ...` made `orig = ...` assigns a global, and a
    `for (` header's list is not split."""
    made_global = STORE.replace(
        "    , orig = sess.cookie.originalMaxAge;", "  orig = sess.cookie.originalMaxAge"
    )
    noop, asked = _review(repo, cli, "a global", made_global.replace("expires\n", "expires;\n", 1))
    assert noop == [] and asked > 0
    looped = STORE.replace(
        "  return args.length", "  for (var i = 0, n = 1; i < n; i++) {}\n  return args.length"
    )
    repo.commit("loop", {"session/store.js": looped})
    split = looped.replace("for (var i = 0, n = 1;", "for (var i = 0; var n = 1;")
    assert committed_review(repo, cli, "split a loop", {"session/store.js": split})[0] == []


def test_an_unused_trailing_parameter_dropped_asks_nothing(repo, cli):
    """REVIEW-E422: `uid (req, size)` reads both; `generate (req, sess)` never reads `sess`
    (session `00b8a5f`'s `generateSessionId(sess)` made `generateSessionId()`)."""
    dropped = STORE.replace("function generate (req, sess) {", "function generate (req) {")
    assert _review(repo, cli, "drop sess", dropped) == (["session/store.js"], 0)


def test_a_parameter_arguments_could_read_asks(repo, cli):
    """REVIEW-E422, still asked: `logged (req, args)` made `logged (req)` where the body
    read `arguments` (`arguments.length` counts what the caller passed), and a parameter
    the body reads."""
    counted = STORE.replace("return args.length", "return arguments.length")
    repo.commit("base", {"specs/store.md": SPEC, "session/store.js": counted})
    dropped = counted.replace("function logged (req, args) {", "function logged (req) {")
    noop, asked = committed_review(repo, cli, "drop args", {"session/store.js": dropped})
    assert noop == [] and asked > 0
    read = counted.replace("function uid (req, size) {", "function uid (req) {")
    assert committed_review(repo, cli, "drop size", {"session/store.js": read})[0] == []


def test_a_debug_log_added_asks_nothing(repo, cli):
    """REVIEW-E423: `debug('no id for %s', req.url)` added as a statement of its own, in a
    block and before a `return` (session `991b7ee`'s `debug('pathname mismatch')`)."""
    logged = STORE.replace(
        "  if (!id) {\n    return null",
        "  if (!id) {\n    debug('no id for %s', req.url);\n    return null",
    )
    assert _review(repo, cli, "debug log", logged) == (["session/store.js"], 0)


def test_a_debug_call_that_calls_asks(repo, cli):
    """REVIEW-E423, still asked: an argument that calls a function runs it (`uid(req, 1)`),
    and a `debug` that is another function (no `require('debug')`) is code."""
    calls = STORE.replace("  if (!id) {\n", "  debug('id %s', uid(req, 1))\n  if (!id) {\n")
    noop, asked = _review(repo, cli, "debug with a call", calls)
    assert noop == [] and asked > 0
    own = STORE.replace("require('debug')('express-session')", "require('./log')")
    repo.commit("own debug", {"session/store.js": own})
    logged = own.replace("  if (!id) {\n", "  debug('no id')\n  if (!id) {\n")
    assert committed_review(repo, cli, "own log", {"session/store.js": logged})[0] == []


def test_a_debug_call_with_a_tagged_template_asks(repo, cli):
    """REVIEW-E423, still asked: a tagged template among the arguments calls its tag
    (`debug('id %s', tag`x`)` runs `tag`), as `debug('id %s', uid(req, 1))` does."""
    tagged = STORE.replace("  if (!id) {\n", "  debug('id %s', tag`x`)\n  if (!id) {\n")
    noop, asked = _review(repo, cli, "debug with a tag", tagged)
    assert noop == [] and asked > 0
