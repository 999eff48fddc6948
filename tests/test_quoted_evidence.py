"""What a statement names (REVIEW-15) and what a hunk's code is evidence of, as the blind trials
of the twenty-sixth session found them wrong, through the CLI on real git repositories: a quoted
call's arguments (REVIEW-E284)."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

JWT_SPEC = """---
id: JWT
scope: ["src/**"]
---
# Jwt

## Context
- `Jwt::encode($payload, $key)` JSON-encodes the claims and appends the signature.
- `Jwt::decode()` parses a token and checks its time claims.

## Requirements
- JWT-1: A token whose `iat` is in the future is rejected.

## Edge Cases
- JWT-E1: An `iat` exactly now.
"""

JWT = """<?php
class Jwt
{
    public static function encode($payload, $key)
    {
        return json_encode($payload) . $key;
    }

    public static function decode($token, $key)
    {
        $payload = json_decode($token);
        if (isset($payload->iat) && $payload->iat > time()) {
            throw new Exception('too early');
        }
        return $payload;
    }
}
"""

PY_SPEC = """---
id: BOX
scope: ["box.py"]
---
# Box

## Context
- `pack(items, limit)` fills a box with the items it can hold.
- `load(strict=True)` refuses an unknown item.

## Requirements
- BOX-1: A box holds at most ten items.
"""

BOX = """def pack(items, limit):
    return items[:limit]


def load(strict=False):
    return strict


def check(strict):
    return strict


def count(items):
    return len(items)
"""


def _asked(data: dict[str, Any]) -> list[str]:
    return [q["statement"]["text"].split(" ", 1)[0] for q in data["questions"]]


def test_a_quoted_calls_arguments_name_nothing(repo, cli):
    """REVIEW-E284 (php-jwt's trial, defect 4; php-jwt `398ccd2`, `bad1b04`): a Context line
    quoting `Jwt::encode($payload, $key)` is not asked of a change inside `decode()` that only
    shares its `$payload`."""
    repo.commit("base", {"specs/jwt.md": JWT_SPEC, "src/Jwt.php": JWT})
    old = "if (isset($payload->iat) &&"
    repo.commit("nbf", {"src/Jwt.php": JWT.replace(old, "if (!isset($payload->nbf) && " + old[4:])})
    asked = _asked(review_json(cli, "HEAD", "--all"))
    assert "`Jwt::decode()`" in asked
    assert "`Jwt::encode($payload," not in asked


def test_a_quoted_calls_bare_name_without_a_dollar_still_names(repo, cli):
    """REVIEW-E284, adversarial, as narrowed: a bare argument without a `$` is still a name the
    statement speaks of (measured: humanize's `str(value)`, qs's `merge(target, source)`): a
    change of another function's `crate` asks the line quoting `pack(crate, limit)`."""
    spec = PY_SPEC.replace("pack(items, limit)", "pack(crate, limit)")
    code = (
        "def pack(crate, limit):\n    return crate[:limit]\n\n\ndef weigh(crate):\n    return 1\n"
    )
    repo.commit("box", {"specs/box.md": spec, "box.py": code})
    repo.commit("weigh", {"box.py": code.replace("return 1", "return crate.weight")})
    assert "`pack(crate," in _asked(review_json(cli, "HEAD", "--all"))


def test_a_quoted_calls_callee_and_keywords_still_name(repo, cli):
    """REVIEW-E284, adversarial: the callee a statement quotes still links a change inside it
    (`encode`, `pack`), and a keyword argument it quotes (`strict=True`) is still a name: a
    change of `check(strict)` asks it."""
    repo.commit("base", {"specs/jwt.md": JWT_SPEC, "src/Jwt.php": JWT})
    repo.commit("encode", {"src/Jwt.php": JWT.replace(". $key;", ". '.' . $key;")})
    assert "`Jwt::encode($payload," in _asked(review_json(cli, "HEAD", "--all"))
    repo.commit("box", {"specs/box.md": PY_SPEC, "box.py": BOX})
    repo.commit("pack", {"box.py": BOX.replace("items[:limit]", "items[: limit - 1]")})
    assert "`pack(items," in _asked(review_json(cli, "HEAD", "--all"))
    check = BOX.replace("(strict):\n    return strict", "(strict):\n    return not strict")
    repo.commit("strict", {"box.py": check})
    assert "`load(strict=True)`" in _asked(review_json(cli, "HEAD", "--all"))


PROTO_SPEC = """---
id: PROTO
scope: ["pkg/**"]
---
# Protocol

## Context
- `OAuth2Request` reads `client_id`, `response_type` and `state` from the query.

## Requirements
- PROTO-1: `prepare_grant_uri()` adds `response_type` and `client_id` before the others.
- PROTO-2: The `response_type` is kept as the client sent it.
"""

ERRORS = "class OAuth2Error(Exception):\n    error = None\n"
NEW_ERROR = """

class UnsupportedResponseTypeError(OAuth2Error):
    error = "unsupported_response_type"

    def __init__(self, response_type):
        super().__init__()
        self.response_type = response_type
"""
REQUEST = """

class OAuth2Request:
    def __init__(self, query):
        self.query = query
"""


def _sure(data: dict[str, Any]) -> dict[str, float]:
    return {q["statement"]["text"][:12]: q["confidence"] for q in data["questions"]}


def test_an_attribute_of_a_new_class_is_not_anothers(repo, cli):
    """REVIEW-E285 (authlib's trial, D4; authlib `6e56714`, `9967e68`): `self.response_type = ...`
    in a new error class does not write the `response_type` of `OAuth2Request` nor the argument of
    `prepare_grant_uri()`: neither question is certain (it set the relative cut above the right
    one)."""
    repo.commit("base", {"specs/proto.md": PROTO_SPEC, "pkg/errors.py": ERRORS})
    repo.commit("error", {"pkg/errors.py": ERRORS + NEW_ERROR})
    sure = _sure(review_json(cli, "HEAD", "--all"))
    assert sure["`OAuth2Reque"] < 0.95
    assert sure["`prepare_gra"] < 0.95


def test_an_attribute_of_the_named_class_is_still_written(repo, cli):
    """REVIEW-E285, adversarial: `self.response_type = ...` in `OAuth2Request`, the class the
    statement names, writes it (certain); and a statement that names `response_type` under no
    other owner (PROTO-2) is certain of the new class's write as before."""
    repo.commit("base", {"specs/proto.md": PROTO_SPEC, "pkg/errors.py": ERRORS + REQUEST})
    written = REQUEST.replace("self.query = query", "self.response_type = query['response_type']")
    repo.commit("request", {"pkg/errors.py": ERRORS + written})
    assert _sure(review_json(cli, "HEAD", "--all"))["`OAuth2Reque"] >= 0.95
    repo.commit("error", {"pkg/errors.py": ERRORS + written + NEW_ERROR})
    assert _sure(review_json(cli, "HEAD", "--all"))["The `respons"] >= 0.95


def test_an_attribute_of_an_existing_class_is_still_written(repo, cli):
    """REVIEW-E285, adversarial: `self._expires_at = ...` in an existing class that is no error
    (oauthlib's `Client`) is still what a statement calling `add_token()` reads: certain."""
    spec = PROTO_SPEC.replace(
        "- PROTO-2: The `response_type`",
        "- PROTO-3: `add_token()` refuses a token whose `_expires_at` is past.\n- PROTO-2: The"
        " `response_type`",
    )
    client = "class Client:\n    def populate(self, token):\n        self.expires = token\n"
    repo.commit("base", {"specs/proto.md": spec, "pkg/client.py": client})
    repo.commit("at", {"pkg/client.py": client.replace("self.expires", "self._expires_at")})
    assert _sure(review_json(cli, "HEAD", "--all"))["`add_token()"] >= 0.95


JWK_SPEC = """---
id: JWK
scope: ["src/**"]
---
# Jwk

## Context
- A key set is an array of keys indexed by key id.

## Requirements
- JWK-1: A JWK with a private exponent `d` is rejected.
- JWK-2: An empty key set is an error.
- JWK-3: A key is read with `stream_get_contents()` when given as a stream.
"""

JWK = """<?php
class Jwk
{
    public static function parseKey(array $jwk)
    {
        if (\\array_key_exists('d', $jwk)) {
            throw new UnexpectedValueException('private keys are not supported');
        }
        return $jwk['n'];
    }

    public static function read($stream)
    {
        return fread($stream, 100);
    }
}
"""


def test_php_standard_functions_say_no_words(repo, cli):
    """REVIEW-E286 (php-jwt's trial, defect 5; php-jwt `d7cd1db`): `array_key_exists('d', $jwk)`
    written `!empty($jwk['d'])` asks JWK-1 alone: `empty()` does not say the "empty" of JWK-2, nor
    do the words of `array_key_exists` meet "an array of keys"."""
    repo.commit("base", {"specs/jwk.md": JWK_SPEC, "src/Jwk.php": JWK})
    old = "if (\\array_key_exists('d', $jwk))"
    repo.commit("null d", {"src/Jwk.php": JWK.replace(old, "if (!empty($jwk['d']))")})
    asked = [q["statement"]["text"] for q in review_json(cli, "HEAD")["questions"]]
    assert asked == ["A JWK with a private exponent `d` is rejected."], asked


def test_php_standard_functions_a_statement_names_still_link(repo, cli):
    """REVIEW-E286, adversarial: a standard function a statement names (`stream_get_contents()`)
    still links a hunk that starts calling it."""
    repo.commit("base", {"specs/jwk.md": JWK_SPEC, "src/Jwk.php": JWK})
    repo.commit(
        "stream",
        {"src/Jwk.php": JWK.replace("fread($stream, 100)", "stream_get_contents($stream)")},
    )
    data = review_json(cli, "HEAD", "--all")
    assert any(q["statement"]["id"] == "JWK-3" for q in data["questions"]), data["questions"]
