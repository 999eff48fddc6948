"""REVIEW-E292: a requirement reached only through a caller's reference in code another spec
governs ranks by its confidence, not above the changed file's own specs; REVIEW-E293: a
requirement the changed file already references is not asked whether it should be. Through
the CLI on real repositories (TypeScript, as the jose trial)."""

from __future__ import annotations

from testing.util import review_json

CLAIMS = """---
id: CLAIMS
scope:
  - src/lib/**
---
# Claims

## Context
- `validateClaimsSet()` checks time claims.

## Requirements
- CLAIMS-5: A token is rejected when `nbf > now + tolerance` or `exp <= now - tolerance`.

## Edge Cases
- CLAIMS-E3: `exp` equals `now` exactly (expired).
"""

API = """---
id: API
scope:
  - src/jwt/**
---
# API

## Context
- `jwtVerify()` verifies then validates claims.

## Requirements
- API-2: The claims are validated only after the signature verifies.

## Edge Cases
- API-E1: A Uint8Array input.
"""

LIB = """export function validateClaimsSet(payload: any, now: number, tolerance: number) {
  const nbf = payload.nbf
  if (nbf !== undefined) {
    // CLAIMS-5
    if (nbf > now + tolerance) {
      throw new Error('"nbf" claim timestamp check failed')
    }
  }
  const exp = payload.exp
  if (exp !== undefined) {
    if (exp <= now - tolerance) {
      throw new JWTExpired('"exp" claim timestamp check failed')
    }
  }
  return payload
}
"""

VERIFY = """import { validateClaimsSet } from '../lib/claims.js'
export async function jwtVerify(jwt: string, key: object) {
  const verified = await compactVerify(jwt, key)
  // API-2
  const payload = validateClaimsSet(verified.payload, 0, 0)
  return { payload, protectedHeader: verified.header }
}
"""

BOUNDARY = LIB.replace("if (exp <= now - tolerance)", "if (exp < now - tolerance)")


def _ids(data: dict) -> list[str]:
    return [q["statement"]["id"] for q in data["questions"]]


def _commit(repo, lib: str, verify_path: str = "src/jwt/verify.ts") -> None:
    specs = {"specs/claims.md": CLAIMS, "specs/api.md": API}
    repo.commit("base", {**specs, "src/lib/claims.ts": lib, verify_path: VERIFY})
    repo.commit("fix: exp boundary", {"src/lib/claims.ts": BOUNDARY})


def test_a_callers_reference_in_another_spec_ranks_below_the_quoted_requirement(repo, cli):
    """REVIEW-E292 (panva/jose, the trial's `exp <= now - tolerance` made `<`): API-2, reached
    only through `// API-2` above the caller in `src/jwt/verify.ts`, was asked first, and
    CLAIMS-5, whose text quotes the changed comparison, second; the hook's short list, the
    review's first questions, led with it too."""
    _commit(repo, LIB)
    ids = _ids(review_json(cli, "HEAD"))
    assert ids[0] == "CLAIMS-5", ids
    assert "API-2" in ids, "still asked, by its confidence"


def test_a_callers_reference_in_the_same_spec_still_outranks_words(repo, cli):
    """REVIEW-E292, adversarial: the same caller's reference in code the changed file's spec
    governs keeps REVIEW-E100's rank, above the questions words or identifiers suggest."""
    api_in_lib = API.replace("src/jwt/**", "src/**")
    repo.commit(
        "base",
        {
            "specs/claims.md": CLAIMS,
            "specs/api.md": api_in_lib,
            "src/lib/claims.ts": LIB,
            "src/jwt/verify.ts": VERIFY,
        },
    )
    repo.commit("fix: exp boundary", {"src/lib/claims.ts": BOUNDARY})
    ids = _ids(review_json(cli, "HEAD"))
    assert ids[0] == "API-2", ids


def test_a_requirement_the_file_references_is_not_asked_to_be_referenced(repo, cli):
    """REVIEW-E293 (jose): `// CLAIMS-5` sits seven lines above the changed `if` in the same
    function; the review asked "should it reference CLAIMS-5?" all the same."""
    _commit(repo, LIB)
    out = cli("review", "HEAD").out
    assert "CLAIMS-5" in out
    assert "should it reference CLAIMS-5" not in out


def test_a_requirement_referenced_only_elsewhere_is_still_asked_to_be(repo, cli):
    """REVIEW-E293, adversarial: a file that names CLAIMS-5 nowhere (the reference moved to
    another file) is still asked whether it should reference it."""
    elsewhere = LIB.replace("    // CLAIMS-5\n", "")
    repo.commit(
        "base",
        {
            "specs/claims.md": CLAIMS,
            "specs/api.md": API,
            "src/lib/claims.ts": elsewhere,
            "src/lib/notes.ts": "// CLAIMS-5\nexport const NOTE = 1\n",
        },
    )
    repo.commit(
        "fix: exp boundary",
        {"src/lib/claims.ts": elsewhere.replace("exp <= now", "exp < now")},
    )
    out = cli("review", "HEAD").out
    assert "should it reference CLAIMS-5" in out
