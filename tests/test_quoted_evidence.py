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
    shares its `$payload`; nor, in Python, `pack(items, limit)` of `count()`'s `items`."""
    repo.commit("base", {"specs/jwt.md": JWT_SPEC, "src/Jwt.php": JWT})
    old = "if (isset($payload->iat) &&"
    repo.commit("nbf", {"src/Jwt.php": JWT.replace(old, "if (!isset($payload->nbf) && " + old[4:])})
    asked = _asked(review_json(cli, "HEAD", "--all"))
    assert "`Jwt::decode()`" in asked
    assert "`Jwt::encode($payload," not in asked
    repo.commit("box", {"specs/box.md": PY_SPEC, "box.py": BOX})
    repo.commit("count", {"box.py": BOX.replace("len(items)", "len(items) - 1")})
    assert "`pack(items," not in _asked(review_json(cli, "HEAD", "--all"))


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
