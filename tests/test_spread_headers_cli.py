"""What the php-jwt and jose trials found of definitions whose parameters span lines, through
the CLI on real repositories (REVIEW-E271): a change in such a method's body is the method's, not
its class's; a condition or a call whose arguments span lines is no definition."""

from __future__ import annotations

from testing.util import review_json

PHP_SPEC = """---
id: BOX
scope: ["src/**"]
---
# Box

## Context
- `Box::open()` unwraps the parcel.
- `Box::shut()` wraps the parcel.

## Requirements
- BOX-1: Opening returns the first argument.
"""

BOX = """<?php
class Box
{
    public static function open(
        string $a,
        string $b
    ): string {
        $x = 1;
        if (
            $a === ''
            && $b === ''
        ) {
            $x = 2;
        }
        return $a;
    }

    public static function shut(string $a): string
    {
        $y = 1;
        return $a;
    }
}
"""

TS_SPEC = """---
id: UNSEC
scope: ["src/**"]
---
# Unsecured JWTs

## Context
- `UnsecuredJWT.decode()` reads the token.

## Requirements
- UNSEC-1: An unsecured token's header names `alg` `none`.
"""

UNSECURED = """export class UnsecuredJWT {
  static decode<PayloadType = object>(
    jwt: string,
    options?: object,
  ): PayloadType {
    const header = JSON.parse(new TextDecoder().decode(jwt))
    return header
  }

  static encode(): string {
    return format(
      'a',
      'b',
    ).then((value) => {
      const kept = value
      return kept
    })
  }
}
"""


def _changed(cli) -> list[str]:
    review = review_json(cli, "HEAD", "--all")
    names = {act["name"] for q in review["questions"] for act in q["acts"]}
    return sorted(names | {row["name"] for row in review["untested"]})


def _asked(cli) -> list[str]:
    return [q["statement"]["text"] for q in review_json(cli, "HEAD", "--all")["questions"]]


def test_a_php_method_whose_parameters_span_lines_holds_its_body(repo, cli):
    """REVIEW-E271 (firebase/php-jwt b4c78aa: a change in `createPemFromModulusAndExponent(`'s
    body read as "changes `JWK()`"): a change in `open(`'s body is `open()`'s and asks the
    Context bullet naming `Box::open()`, as one in the one-line `shut()` does."""
    repo.commit("base", {"specs/box.md": PHP_SPEC, "src/Box.php": BOX})
    repo.commit("open", {"src/Box.php": BOX.replace("$x = 1;", "$x = 3;")})
    assert _changed(cli) == ["open"]
    assert "`Box::open()` unwraps the parcel." in _asked(cli)


def test_a_condition_spanning_lines_is_no_definition(repo, cli):
    """REVIEW-E271, adversarial: `if (\\n ...\\n) {` closes as a header does, but defines no
    `if`: a change in its body is still `open()`'s."""
    repo.commit("base", {"specs/box.md": PHP_SPEC, "src/Box.php": BOX})
    repo.commit("if", {"src/Box.php": BOX.replace("$x = 2;", "$x = 4;")})
    assert _changed(cli) == ["open"]


def test_a_prettier_split_typescript_method_holds_its_body(repo, cli):
    """REVIEW-E271 (panva/jose 5df3fedc: `static decode<P = ...>(\\n jwt,\\n ...\\n): R {`
    read as "changes `UnsecuredJWT()`"): the change is `decode()`'s."""
    repo.commit("base", {"specs/unsec.md": TS_SPEC, "src/unsecured.ts": UNSECURED})
    fatal = UNSECURED.replace("TextDecoder()", "TextDecoder('utf-8', { fatal: true })")
    repo.commit("fatal", {"src/unsecured.ts": fatal})
    assert _changed(cli) == ["decode"]
    assert "`UnsecuredJWT.decode()` reads the token." in _asked(cli)


def test_a_call_whose_arguments_span_lines_is_no_definition(repo, cli):
    """REVIEW-E271, adversarial: `format(\\n ...\\n).then((value) => {` opens a callback, not a
    definition of `format`: a change in it is still `encode()`'s."""
    repo.commit("base", {"specs/unsec.md": TS_SPEC, "src/unsecured.ts": UNSECURED})
    repo.commit("kept", {"src/unsecured.ts": UNSECURED.replace("= value", "= value + 1")})
    assert "format" not in _changed(cli)
    assert "encode" in _changed(cli)


CALLER = """export class A {
  static plain(jwt: string): object {
    return check(jwt)
  }

  static generic<T = object>(
    jwt: string,
  ): T {
    return check(jwt) as T
  }

  method(jwt: string): object {
    const inner = function nested(): void {}
    return check(jwt)
  }
}
export function check(x: string): object {
  return {}
}
"""


def test_context_puts_a_call_in_the_class_method_around_it(repo, cli):
    """ASSIST-E8 (panva/jose: `context validateClaimsSet` said `src/jwt/unsecured.ts:124 in
    UnsecuredJWT()` of a call in `static decode<...>(`): each call is in its method, its
    parameters over lines too, not in the class git's header names; a line after a nested
    function that has ended is still its method's."""
    repo.commit("base", {"specs/unsec.md": TS_SPEC, "src/u.ts": CALLER})
    out = cli("context", "check").out
    assert "src/u.ts:3 in plain()" in out
    assert "src/u.ts:9 in generic()" in out
    assert "src/u.ts:14 in method()" in out
    assert "in A()" not in out


ALGS_SPEC = """---
id: SIGN
scope: ["src/**"]
---
# Signing

## Context
- `JWT::$supported_algs` maps each algorithm to its function.
- `JWT::sign()` signs.

## Requirements
- SIGN-1: Signing with an unknown algorithm is an error.
"""

JWT = """<?php
class JWT
{
    public static $supported_algs = array(
        'HS256' => array('hash_hmac', 'SHA256'),
        'RS256' => array('openssl', 'SHA256'),
    );

    public static function sign($msg, $key)
    {
        $table = array(
            'HS256' => 'SHA256',
        );
        return $table;
    }
}
"""


def test_an_entry_of_a_php_static_property_writes_the_property(repo, cli):
    """REVIEW-E272 (firebase/php-jwt d2113d9 added `'EdDSA' => ...` to `$supported_algs` and
    was read as a change of `JWT()`): an entry edited in a static property's initializer
    writes `$supported_algs` and asks the bullet naming `JWT::$supported_algs`."""
    repo.commit("base", {"specs/sign.md": ALGS_SPEC, "src/JWT.php": JWT})
    edited = JWT.replace(
        "'RS256' => array('openssl', 'SHA256'),", "'EdDSA' => array('sodium', 'EdDSA'),"
    )
    repo.commit("eddsa", {"src/JWT.php": edited})
    asked = _asked(cli)
    assert asked[:1] == ["`JWT::$supported_algs` maps each algorithm to its function."]


def test_a_local_array_in_a_php_method_is_the_method_s(repo, cli):
    """REVIEW-E272, adversarial: an entry of a local array in `sign()` is `sign()`'s, not the
    property's."""
    repo.commit("base", {"specs/sign.md": ALGS_SPEC, "src/JWT.php": JWT})
    repo.commit("local", {"src/JWT.php": JWT.replace("=> 'SHA256',", "=> 'SHA384',")})
    asked = _asked(cli)
    assert "`JWT::sign()` signs." in asked
    assert "`JWT::$supported_algs` maps each algorithm to its function." not in asked


KEY_SPEC = """---
id: JWK
scope: ["lib/**"]
---
# Keys

## Context
- `KeyBase#<=>` compares keys by their `kid`.
- `KeyBase#export` writes the key out.

## Requirements
- JWK-1: Two keys with the same `kid` are equal.
"""

KEY = """module Jwt
  class KeyBase
    def export
      { kid: kid }
    end

    def helper_one; 1; end
    def helper_two; 2; end

    def <=>(other)
      kid <=> other.kid
    end

    def ==(other)
      export == other.export
    end
  end
end
"""


def test_a_ruby_operator_method_holds_its_body(repo, cli):
    """REVIEW-E273 (jwt/ruby-jwt 5b6c2161: a change in `def <=>(other)` read as "changes
    `KeyBase()`"): it is `<=>`'s, and `==`'s in `def ==(other)`."""
    repo.commit("base", {"specs/k.md": KEY_SPEC, "lib/key.rb": KEY})
    typed = KEY.replace(
        "      kid <=> other.kid\n",
        "      return nil unless other.is_a?(KeyBase)\n\n      kid <=> other.kid\n",
    )
    repo.commit("type check", {"lib/key.rb": typed})
    assert _changed(cli) == ["<=>"]
    equal = typed.replace(
        "export == other.export", "other.is_a?(KeyBase) && export == other.export"
    )
    repo.commit("equal", {"lib/key.rb": equal})
    assert _changed(cli) == ["=="]


def test_an_operator_used_in_a_method_defines_nothing(repo, cli):
    """REVIEW-E273, adversarial: `kid <=> other.kid` and `export == ...` inside a method are
    uses, not definitions: a change in `export` is `export`'s."""
    repo.commit("base", {"specs/k.md": KEY_SPEC, "lib/key.rb": KEY})
    repo.commit("export", {"lib/key.rb": KEY.replace("{ kid: kid }", "{ kid: kid, kty: 'oct' }")})
    assert _changed(cli) == ["export"]
