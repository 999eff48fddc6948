"""REVIEW-E257 through the CLI on real repositories (golang-jwt/jwt `75740f1`, "replaced
interface{} to any": 10 questions on a no-op): Go 1.18 predeclares `type any = interface{}`, so
the empty interface respelled `any` is formatting for the review and the hook; not where the
file or its package binds a name `any` of its own, nor inside a string."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: SIGN
scope: ["*.go"]
---
# Signing

## Context
- `SigningMethod` verifies with `Verify(signingString string, sig []byte, key interface{})`.

## Requirements
- SIGN-1: Each method rejects a key of the wrong type with `ErrInvalidKeyType`.
"""

BASE = """package jwt

import "sync"

var signingMethodLock = new(sync.RWMutex)

// SIGN-1: the key's type is checked.
type SigningMethod interface {
\tVerify(signingString string, sig []byte, key interface{}) error
\tAlg() string
}

func keyOf(key interface {}) (interface{}, error) {
\tif key == nil {
\t\treturn nil, ErrInvalidKeyType
\t}
\treturn key, nil
}

const kind = "interface{}"
"""


def _judged(repo, cli, files: dict[str, str]) -> tuple[bool, list[str], list[str]]:
    """Whether the hook warns of SIGN-1 with `files` staged; then, committed, what the review
    calls formatting only and what it asks."""
    repo.stage(files)
    warned = "touched-requirement" in cli("check", "--staged").out
    repo.git("commit", "-q", "--no-verify", "-m", "replaced interface{} to any")
    data = review_json(cli, "HEAD", "--all")
    return warned, data["noop_files"], [q["statement"].get("id", "") for q in data["questions"]]


def test_interface_respelled_any_is_formatting(repo, cli):
    """REVIEW-E257 (golang-jwt/jwt `75740f1`): every `interface{}` (and `interface {}`) of
    code spelled `any` is no change: no question, the hook silent under `// SIGN-1`."""
    repo.commit("base", {"specs/sign.md": SPEC, "signing_method.go": BASE})
    respelled = BASE.replace("interface{})", "any)").replace("interface {}", "any")
    respelled = respelled.replace("(interface{}, error)", "(any, error)")
    assert respelled.count("any") == 3
    assert _judged(repo, cli, {"signing_method.go": respelled}) == (
        False,
        ["signing_method.go"],
        [],
    )


def test_any_of_its_own_or_in_a_string_still_asks(repo, cli):
    """REVIEW-E257, adversarial: a string's `"interface{}"` made `"any"` is a change; so is the
    respelling where the file binds `any` (a parameter named `any`), or where another file of
    the package declares `type any interface{ Alg() string }`."""
    repo.commit("base", {"specs/sign.md": SPEC, "signing_method.go": BASE})
    text = BASE.replace('"interface{}"', '"any"')
    assert _judged(repo, cli, {"signing_method.go": text})[1] == []
    own = text.replace("func keyOf(key interface {})", "func keyOf(any interface {}, key int)")
    repo.commit("own", {"signing_method.go": own})
    warned, noop, asked = _judged(
        repo, cli, {"signing_method.go": own.replace("key interface{})", "key any)")}
    )
    assert (warned, noop, "SIGN-1" in asked) == (True, [], True)
    types = {"types.go": "package jwt\n\ntype any interface{ Alg() string }\n"}
    repo.commit("types", {**types, "signing_method.go": text})
    warned, noop, asked = _judged(
        repo, cli, {"signing_method.go": text.replace("key interface{})", "key any)")}
    )
    assert (warned, noop, "SIGN-1" in asked) == (True, [], True)
