"""REVIEW-E260 through the CLI on real repositories (auth0/node-jsonwebtoken `b61cc34`: verify.js
dropped `var ms = require('ms')` and the review asked "who writes it now?" of lib/timespan.js,
which binds its own `ms`): a name a script binds at its top level with `var`, `let` or `const`
is its file's own, so its ripple lists its own file's uses alone."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: VERIFY
scope: [verify.js]
---
# Verify

## Context
- `maxAge` is parsed by `timespan()`.

## Requirements
- VERIFY-1: A token older than `maxAge` is rejected.
"""

TIMESPAN = """var ms = require('ms');
module.exports = function (time, iat) {
  return iat + ms(time) / 1000;
};
"""

VERIFY = """var ms = require('ms');
var timespan = require('./lib/timespan');
module.exports = function (payload, options) {
  return Date.now() - payload.iat * 1000 > ms(options.maxAge);
};
"""

AFTER = """var timespan = require('./lib/timespan');
module.exports = function (payload, options) {
  return Date.now() / 1000 >= timespan(options.maxAge, payload.iat);
};
"""


def _rippled(repo, cli, files: dict[str, str]) -> dict[str, list[str]]:
    """Each rippled name of the commit of `files`, with the paths of the places it lists."""
    repo.commit("change", files)
    data = review_json(cli, "HEAD", "--all")
    return {
        r["symbol"]["name"]: sorted({u["path"] for u in r.get("uses", [])}) for r in data["ripples"]
    }


def test_a_top_level_binding_is_its_files_own(repo, cli):
    """REVIEW-E260 (node-jsonwebtoken `b61cc34`): verify.js's `var ms = require('ms')` removed
    asks nothing of lib/timespan.js's own `ms`."""
    repo.commit("base", {"specs/verify.md": SPEC, "lib/timespan.js": TIMESPAN, "verify.js": VERIFY})
    assert "ms" not in _rippled(repo, cli, {"verify.js": AFTER})


def test_a_global_or_an_exported_name_still_ripples(repo, cli):
    """REVIEW-E260, adversarial: a name assigned at the top level without `var` (a global every
    script sees) still ripples to the other file that reads it; so does a module's property."""
    shared = "limit = 10;\nexports.window = 5;\n"
    reader = "module.exports = function () {\n  return limit + require('./shared').window;\n};\n"
    repo.commit("base", {"specs/verify.md": SPEC, "verify.js": shared, "lib/read.js": reader})
    rippled = _rippled(repo, cli, {"verify.js": "limit = 20;\nexports.window = 6;\n"})
    assert "lib/read.js" in rippled.get("limit", [])
    assert "lib/read.js" in rippled.get("window", [])


SIGN_SPEC = """---
id: SIGN
scope: [sign.js]
---
# Signing

## Context
- `sign(payload, options)` copies the payload before adding claims.

## Requirements
- SIGN-1: The caller's payload object is never mutated.
"""

SIGN = """module.exports = function (payload, options) {
  options = options || {};
  payload = Object.assign({}, payload);
  payload.iat = 1;
  return JSON.stringify(payload);
};
"""

DECODE = """module.exports = function (jwt, options) {
  options = options || {};
  var payload = jwt.split('.')[1];
  payload = JSON.parse(payload);
  return payload;
};
"""

MUTATE = "  if (!options.mutatePayload) {\n    payload = Object.assign({}, payload);\n  }\n"


def _uses(repo, cli, files: dict[str, str]) -> dict[str, list[tuple[str, int]]]:
    """Each rippled name of the commit of `files`, with the places it lists."""
    repo.commit("change", files)
    data = review_json(cli, "HEAD", "--all")
    return {
        r["symbol"]["name"]: sorted((u["path"], u["line"]) for u in r.get("uses", []))
        for r in data["ripples"]
    }


def test_a_parameter_of_an_assigned_function_is_its_local(repo, cli):
    """REVIEW-E261 (node-jsonwebtoken's trial r6; the real `63263a2`): sign.js's parameter `payload`
    of `module.exports = function (payload, options) {`, written under a new condition, is
    that function's local: its ripple lists sign.js's own reads, not decode.js's `payload`."""
    repo.commit("base", {"specs/sign.md": SIGN_SPEC, "sign.js": SIGN, "decode.js": DECODE})
    after = SIGN.replace("  payload = Object.assign({}, payload);\n", MUTATE)
    uses = _uses(repo, cli, {"sign.js": after})
    assert {path for path, _ in uses["payload"]} == {"sign.js"}
    assert ("sign.js", 6) in uses["payload"]  # `payload.iat = 1`, read after the write


def test_a_name_no_assigned_function_declares_still_ripples(repo, cli):
    """REVIEW-E261, adversarial: inside `module.exports = function (payload) {` a name it does
    not declare (a global `lastPayload`) still ripples to the other file that reads it; so does
    `payload` written in the next function, `exports.verify = function (token) {`, whose
    parameters are not the first one's."""
    reader = "module.exports = function () {\n  return lastPayload || payload;\n};\n"
    before = "exports.sign = function (payload) {\n  return payload;\n};\n"
    verify = "exports.verify = function (token) {\n  return token;\n};\n"
    after = (
        "exports.sign = function (payload) {\n  lastPayload = payload;\n  return payload;\n};\n"
        "exports.verify = function (token) {\n  payload = token;\n  return token;\n};\n"
    )
    files = {"specs/sign.md": SIGN_SPEC, "sign.js": before + verify, "lib/read.js": reader}
    repo.commit("base", files)
    uses = _uses(repo, cli, {"sign.js": after})
    assert "lib/read.js" in {path for path, _ in uses.get("lastPayload", [])}
    assert "lib/read.js" in {path for path, _ in uses.get("payload", [])}


NESTED = """module.exports = function (payload, options) {
  options = options || {};
  function failure(err) {
    throw err;
  }
  if (!payload) {
    return failure(new Error('payload is required'));
  }
  if (typeof payload === 'object') {
    payload = Object.assign({}, payload);
  }
  return JSON.stringify(payload);
};
"""


def test_a_nested_function_closed_above_the_line_is_not_around_it(repo, cli):
    """REVIEW-E261 (node-jsonwebtoken `d6d7c5e`): a `function failure(err)` that ends above
    the changed line is not the function around it: `payload` is still `module.exports`'s
    parameter, and decode.js's `payload` is not listed."""
    repo.commit("base", {"specs/sign.md": SIGN_SPEC, "sign.js": NESTED, "decode.js": DECODE})
    after = NESTED.replace("Object.assign({}", "Object.assign({ iat: 1 }")
    uses = _uses(repo, cli, {"sign.js": after})
    assert "decode.js" not in {path for path, _ in uses.get("payload", [])}


def test_a_top_level_write_below_a_function_is_no_local_of_it(repo, cli):
    """REVIEW-E261, adversarial: a global written at the top level below `function
    reset(count)` is not that function's parameter `count`: it ripples to lib/read.js."""
    reader = "module.exports = function () {\n  return count;\n};\n"
    before = "function reset(count) {\n  return count;\n}\n"
    files = {"specs/sign.md": SIGN_SPEC, "sign.js": before, "lib/read.js": reader}
    repo.commit("base", files)
    uses = _uses(repo, cli, {"sign.js": before + "count = 5;\n"})
    assert "lib/read.js" in {path for path, _ in uses.get("count", [])}
