"""REVIEW-E289 through the CLI on real repositories (panva/jose `c4dc24da`, the jose trial's D2):
a JavaScript or TypeScript method is its class's, as a Python or a Ruby one is (and REVIEW-E165
reads a Ruby one's class now too): a hunk in
`GeneralEncrypt.encrypt()` does not ask a statement about `EncryptJWT.encrypt()` (REVIEW-E165)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: PRODUCE
scope:
  - src/jwt/**
---
# Producing JWTs

## Context
- `EncryptJWT.encrypt()` in `src/jwt/encrypt.ts` copies `iss` into the protected header.

## Requirements
- PRODUCE-7: The replicate flags copy `iss` into the JWE protected header at `encrypt()` time.

## Edge Cases
- PRODUCE-E3: A header set twice.
"""

OWN = """export class EncryptJWT {
  async encrypt(key: string): Promise<string> {
    return key
  }
}
"""

OTHER = """export class GeneralEncrypt {
  async encrypt(options?: object): Promise<object> {
    const recipients = <object[]>[]
    return { recipients }
  }
}
"""


def _asked(cli) -> list[str]:
    return [q["statement"]["id"] or "" for q in review_json(cli, "HEAD")["questions"]]


def test_another_classs_method_of_the_same_name_asks_nothing(repo, cli):
    """REVIEW-E289: jose `c4dc24da`: a change in `GeneralEncrypt.encrypt()` (src/jwe, outside
    every scope) asked PRODUCE-7 "it lies inside `encrypt`" and the Context line naming
    `EncryptJWT.encrypt()`: the spec says whose `encrypt()` it means."""
    repo.commit(
        "base", {"specs/produce.md": SPEC, "src/jwt/encrypt.ts": OWN, "src/jwe/general.ts": OTHER}
    )
    changed = OTHER.replace("<object[]>[]", "<object[]>[options]")
    repo.commit("jwe: recipients from options", {"src/jwe/general.ts": changed})
    assert _asked(cli) == []


def test_the_owners_method_and_a_bare_name_in_a_spec_that_never_qualifies_it_still_ask(repo, cli):
    """REVIEW-E289, its limits: `EncryptJWT.encrypt()` itself still asks PRODUCE-7; a spec that
    names `encrypt()` bare and never says whose (REVIEW-E165) still asks of any class's."""
    repo.commit(
        "base", {"specs/produce.md": SPEC, "src/jwt/encrypt.ts": OWN, "src/jwe/general.ts": OTHER}
    )
    repo.commit("jwt: trim", {"src/jwt/encrypt.ts": OWN.replace("return key", "return key.trim()")})
    assert "PRODUCE-7" in _asked(cli)
    bare = SPEC.replace("- `EncryptJWT.encrypt()` in `src/jwt/encrypt.ts`", "- `encrypt.ts`")
    repo.commit("spec", {"specs/produce.md": bare})
    changed = OTHER.replace("<object[]>[]", "<object[]>[options]")
    repo.commit("jwe: recipients from options", {"src/jwe/general.ts": changed})
    assert "PRODUCE-7" in _asked(cli)


RUBY_SPEC = """---
id: SIGN
scope: [lib/sign/**]
---
# Signing

## Context
- `Signer.sign` in `lib/sign/signer.rb` signs the payload.

## Requirements
- SIGN-1: `sign` refuses an empty key.
"""

RUBY_OTHER = """module Jwe
  class Wrapper
    def sign(key)
      key
    end
  end
end
"""


def test_a_ruby_methods_class_is_read_for_another_owners_statement(repo, cli):
    """REVIEW-E289 for Ruby (REVIEW-E297's class, now given to REVIEW-E165 too): a change in
    `Wrapper#sign` (outside every scope) does not ask SIGN-1, whose spec says its `sign` is
    `Signer`'s."""
    signer = "class Signer\n  def sign(key)\n    key\n  end\nend\n"
    files = {
        "specs/sign.md": RUBY_SPEC,
        "lib/sign/signer.rb": signer,
        "lib/jwe/wrapper.rb": RUBY_OTHER,
    }
    repo.commit("base", files)
    repo.commit(
        "wrap", {"lib/jwe/wrapper.rb": RUBY_OTHER.replace("      key\n", "      key.to_s\n")}
    )
    assert "SIGN-1" not in _asked(cli)
