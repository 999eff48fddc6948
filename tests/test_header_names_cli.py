"""REVIEW-E258 and REVIEW-E259 through the CLI on real repositories: the function a hunk is
said to change when git's hunk header is all the review has. golang-jwt/jwt's `type
SigningMethod interface { ... }` edited below `var signingMethodLock = new(sync.RWMutex)` was
"changes `new()`"; auth0/node-jsonwebtoken's every hunk inside `module.exports = function
(jwt, options) {` was "changes `function()`", which `new --scope` names `module.exports`."""

from __future__ import annotations

from testing.util import review_json

GO_SPEC = """---
id: SIGN
scope: ["*.go"]
---
# Signing

## Context
- `SigningMethod` is an interface of `Verify(signingString string, key interface{}) error`.

## Requirements
- SIGN-1: Each method rejects a key of the wrong type with `ErrInvalidKeyType`.
"""

GO = """package jwt

import "sync"

var signingMethodLock = new(sync.RWMutex)

// SigningMethod can be used to add new methods for signing or verifying tokens.
type SigningMethod interface {
\tVerify(signingString string, key interface{}) error
\tAlg() string
}

func register() {
\tsigningMethodLock.Lock()
\tdefer signingMethodLock.Unlock()
}
"""

JS_SPEC = """---
id: DECODE
scope: ["*.js"]
---
# Decoding

## Requirements
- DECODE-1: `decode(jwt, options)` returns the payload as an object when `json` is set.
"""

JS = """var jws = require('jws');

module.exports = function (jwt, options) {
  options = options || {};
  var decoded = jws.decode(jwt, options);
  if (!decoded) { return null; }
  var payload = decoded.payload;

  if (typeof payload === 'string') {
    var obj = JSON.parse(payload);
    if (typeof obj === 'object') {
      payload = obj;
    }
  }
  return payload;
};
"""


def _acts(repo, cli, path: str, old: str, new: str) -> list[tuple[str, str]]:
    """The acts the review of a commit replacing `old` by `new` in `path` gives its hunk."""
    repo.commit("base", {path: repo.read(path).replace(old, new)})
    data = review_json(cli, "HEAD", "--all")
    acts = {(a["verb"], a["name"]) for q in data["questions"] for a in q["acts"]}
    return sorted(acts)


def test_a_go_value_declared_with_a_call_names_no_function(repo, cli):
    """REVIEW-E258 (golang-jwt/jwt `75740f1`, signing_method.go 15-17 "changes `new()`"): an
    interface's method edited below `var signingMethodLock = new(sync.RWMutex)` changes no
    function `new`; a change inside `func register()` still names `register`."""
    repo.commit("base", {"specs/sign.md": GO_SPEC, "signing_method.go": GO})
    acts = _acts(repo, cli, "signing_method.go", "key interface{})", "key []byte)")
    assert acts == [("changes", "")]
    acts = _acts(repo, cli, "signing_method.go", "defer signingMethodLock", "signingMethodLock")
    assert ("changes", "register") in acts


def test_a_function_assigned_to_the_module_is_named_as_new_names_it(repo, cli):
    """REVIEW-E259 (auth0/node-jsonwebtoken `1232ae9`, decode.js 13 "changes `function()`"): a
    hunk inside `module.exports = function (jwt, options) {` changes `module.exports`, as NEW-E20
    drafts it; inside `var decode = function (` it changes `decode`."""
    repo.commit("base", {"specs/decode.md": JS_SPEC, "decode.js": JS})
    acts = _acts(
        repo, cli, "decode.js", "typeof obj === 'object'", "obj && typeof obj === 'object'"
    )
    assert acts == [("changes", "module.exports")]
    repo.commit(
        "var", {"decode.js": JS.replace("module.exports = function", "var decode = function")}
    )
    acts = _acts(
        repo, cli, "decode.js", "typeof obj === 'object'", "obj && typeof obj === 'object'"
    )
    assert acts == [("changes", "decode")]
