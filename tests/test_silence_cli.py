"""False silences the new-user trials of session 26 found, through the CLI on real
repositories: a Ruby class an acronym names (REVIEW-E297), the error a change's block raises
(REVIEW-E298)."""

from __future__ import annotations

from testing.util import review_json

KEYS = """---
id: JWK
scope: ["lib/**"]
---
# Keys

## Context
- `JWK::EC` and `JWK::RSA` rebuild OpenSSL keys from their JWK members.

## Requirements
- JWK-1: EC keys support P-256, P-384 and P-521 (`crv`) and rebuild keys from `x`, `y`, `d`.
- JWK-2: Keys are rebuilt from `n` and `e`.
"""

HELPERS = "".join(f"    def helper_{n}; {n}; end\n" for n in range(3))


def _key_class(name: str) -> str:
    return (
        f"module JWK\n  class {name} < KeyBase\n"
        "    def create_key(crv, x, y)\n      point(crv, decode_octets(x), decode_octets(y))\n"
        f"    end\n\n{HELPERS}\n    def decode_octets(data)\n"
        "      ::Base64.urlsafe_decode64(data)\n    end\n  end\nend\n"
    )


ODD = (
    "    def decode_octets(coordinate)\n      bytes = ::Base64.urlsafe_decode64(coordinate)\n"
    '      bytes.bytesize.odd? ? "\\0".b + bytes : bytes\n    end\n'
)


def _asked(repo, cli, spec: str, name: str) -> list[dict[str, object]]:
    """A behaviour change inside `decode_octets` of Ruby class `name`: the questions asked."""
    code = _key_class(name)
    repo.commit("base", {"specs/keys.md": spec, "lib/jwk/key.rb": code})
    old = "    def decode_octets(data)\n      ::Base64.urlsafe_decode64(data)\n    end\n"
    repo.commit("odd lengths", {"lib/jwk/key.rb": code.replace(old, ODD)})
    questions: list[dict[str, object]] = review_json(cli, "HEAD", "--all")["questions"]
    return questions


def test_a_ruby_class_an_acronym_names_asks_the_one_statement_writing_it(repo, cli):
    """REVIEW-E297 (jwt/ruby-jwt 1d915096: a fix inside `JWK::EC#decode_octets` asked nothing,
    though JWK-6 is the one statement of "EC keys"): a hunk inside a method of `class EC` asks
    the one statement whose prose writes EC, by the class around the method."""
    asked = _asked(repo, cli, KEYS, "EC")
    first = asked[0]
    assert first["statement"]["id"] == "JWK-1"  # type: ignore[index]
    assert first["evidence"] == {"kind": "enclosing", "names": ["EC"], "words": []}


def test_another_class_or_an_acronym_two_statements_write_asks_nothing_by_it(repo, cli):
    """REVIEW-E297, adversarial: the same change in `class RSA` (a word no statement's prose
    writes) asks nothing of JWK-1, and "EC" written by two statements tells neither apart."""
    assert not any(q["statement"]["id"] == "JWK-1" for q in _asked(repo, cli, KEYS, "RSA"))


def test_an_acronym_two_statements_write_tells_neither_apart(repo, cli):
    """REVIEW-E297, adversarial: with "EC" in two statements' prose, neither is asked by it."""
    both = KEYS.replace("- JWK-2: Keys are", "- JWK-2: EC and RSA keys are")
    assert not [q for q in _asked(repo, cli, both, "EC") if q["evidence"]["names"] == ["EC"]]  # type: ignore[index]


CLAIMS = """---
id: CLAIM
scope: ["lib/**"]
---
# Claims

## Requirements
- CLAIM-1: A missing `alg` header or an `alg` outside the allowed list is `IncorrectAlgorithm`.
- CLAIM-2: An expired `exp` is `ExpiredSignature`.

## Edge Cases
- CLAIM-E1: A `nil` token is `DecodeError`.
"""

DECODER = """module Jwt
  class Decoder
    def verify_algo(header, allowed)
      raise IncorrectAlgorithm, 'An algorithm must be specified' if allowed.empty?
      raise IncorrectAlgorithm, 'Token is missing alg header' unless header['alg']
    end

    def verify_exp(payload)
      raise ArgumentError, 'no payload' unless payload
      payload['exp']
    end
  end
end
"""
GUARD = "      raise DecodeError, 'Token header not a JSON object' unless header.is_a?(Hash)\n"


def test_a_guard_added_among_guards_asks_the_rule_of_the_error_they_raise(repo, cli):
    """REVIEW-E298 (jwt/ruby-jwt 685a2450: a header guard added to `verify_algo`, whose other
    lines raise `JWT::IncorrectAlgorithm`, asked DECODE-1, DECODE-3 and DECODE-E1 on
    `DecodeError`, never DECODE-2): the error the change's own block raises, in the diff's
    context, asks the one statement naming it."""
    repo.commit("base", {"specs/claims.md": CLAIMS, "lib/decoder.rb": DECODER})
    at = "    def verify_algo(header, allowed)\n"
    repo.commit("header format", {"lib/decoder.rb": DECODER.replace(at, at + GUARD)})
    asked = review_json(cli, "HEAD", "--all")["questions"]
    claim = next(q for q in asked if q["statement"]["id"] == "CLAIM-1")
    assert claim["evidence"]["names"] == ["IncorrectAlgorithm"]


def test_an_error_of_another_method_or_a_common_one_asks_nothing(repo, cli):
    """REVIEW-E298, adversarial: a change in the next method (`IncorrectAlgorithm` raised above
    its `def`, in the diff's context) asks nothing of CLAIM-1, nor does a common error
    (`ArgumentError`) it raises ask the statement naming it."""
    spec = CLAIMS.replace("is `ExpiredSignature`", "is `ExpiredSignature`, never `ArgumentError`")
    repo.commit("base", {"specs/claims.md": spec, "lib/decoder.rb": DECODER})
    changed = DECODER.replace("      payload['exp']\n", "      payload['exp'].to_i\n")
    repo.commit("exp as a number", {"lib/decoder.rb": changed})
    asked = review_json(cli, "HEAD", "--all")["questions"]
    assert "CLAIM-1" not in [q["statement"]["id"] for q in asked]
    assert not [q for q in asked if "ArgumentError" in q["evidence"]["names"]]


FMT = """---
id: FMT
scope: ["pkg/**"]
---
# Time formatting

## Context
- `datetime.__format__` formats record times with tokens (`YYYY`, `MM`, `Z`, `ZZ`).

## Requirements
- FMT-1: `Z` is `+HH:MM` and `ZZ` is `+HHMM`.
- FMT-2: `YYYY` is the year on four digits.
"""

DATETIME = """from datetime import datetime as datetime_


class datetime(datetime_):
    def __format__(self, spec):
        offset = self.utcoffset().total_seconds()
        sign = ("-", "+")[offset >= 0]
        h, m = divmod(abs(offset // 60), 60)
        rep = {
            "YYYY": "%04d" % self.year,
            "Z": "%s%02d:%02d" % (sign, h, m),
            "ZZ": "%s%02d%02d" % (sign, h, m),
        }
        return rep.get(spec, spec) + tag("Z", spec)
"""
COLON = '"Z": "%s%02d:%02d" % (sign, h, m),'


def _short_key_asked(repo, cli, spec: str, new: str) -> list[dict[str, object]]:
    repo.commit("base", {"specs/fmt.md": spec, "pkg/_datetime.py": DATETIME})
    repo.commit("offsets", {"pkg/_datetime.py": new})
    questions: list[dict[str, object]] = review_json(cli, "HEAD", "--all")["questions"]
    return [q for q in questions if q["evidence"]["names"] == ["Z"]]  # type: ignore[index]


def test_a_short_token_a_rule_quotes_written_as_a_key_asks_it(repo, cli):
    """REVIEW-E299 (Delgan/loguru de646c6: the `"Z"` and `"ZZ"` entries of the time format's
    mapping changed and FORMAT-7, "`Z` is `+HH:MM`, `ZZ` `+HHMM`", was not asked: `Z` is too
    short a name): the one rule quoting the key of a changed entry is asked."""
    new = DATETIME.replace(COLON, COLON.replace("%02d:%02d", "%02d%02d"))
    asked = _short_key_asked(repo, cli, FMT, new)
    assert [q["statement"]["id"] for q in asked] == ["FMT-1"]  # type: ignore[index]


def test_a_short_token_as_an_argument_or_quoted_by_two_rules_asks_nothing_by_it(repo, cli):
    """REVIEW-E299, adversarial: `"Z"` changed as a call's argument is no entry of it; and a
    key two rules quote tells neither apart."""
    argument = DATETIME.replace('tag("Z", spec)', 'tag("Z", spec.strip())')
    assert not _short_key_asked(repo, cli, FMT, argument)


def test_a_short_key_two_rules_quote_asks_neither_by_it(repo, cli):
    """REVIEW-E299, adversarial: with `Z` quoted by FMT-1 and FMT-2, neither is asked by it."""
    both = FMT.replace("on four digits.", "on four digits, never `Z`.")
    new = DATETIME.replace(COLON, COLON.replace("%02d:%02d", "%02d%02d"))
    assert not _short_key_asked(repo, cli, both, new)
