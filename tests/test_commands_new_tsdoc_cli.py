"""NEW-E27 through the CLI on a real git repository: `specflow new --scope` on TypeScript drafts
an overloaded function once and shows TSDoc's `{@link ...}` as the words it links. The jose
trial (session 26, its report's D6, panva/jose's `src/key/import.ts`) drafted `importJWK(...)`
twice and copied "Imports a JWK to a {@link !CryptoKey}" verbatim."""

from __future__ import annotations

from specflow.sources.markdown import parse_spec

IMPORT_TS = """/**
 * Resolves what {@link importJWK} returns for a given JWK type. More text.
 */
export type ImportedJWK = CryptoKey | Uint8Array

/**
 * Imports a JWK to a {@link !CryptoKey}.
 */
export async function importJWK(jwk: JWK, alg?: string): Promise<CryptoKey>
export async function importJWK(
  jwk: JWK,
  alg?: string,
  options?: KeyImportOptions,
): Promise<CryptoKey | Uint8Array> {
  return jwkToKey(jwk)
}

export function parse(input: string): number
/** Parses a {@link types.JWK JWK} or {@linkcode T | a text}, see {@link https://a.b/ a RFC}. */
export function parse(input: string | Buffer): number {
  return 1
}

/** The parse limit, {not a link}. */
export const parse2 = 2

/** A kind of key. */
export type Kind = 'a' | 'b'
/** The default kind. */
export const Kind = 'a'

export function importSPKI(spki: string): CryptoKey
export function importPKCS8(pkcs8: string): CryptoKey
"""


def test_typescript_overloads_are_drafted_once_with_their_links_as_words(repo, cli):
    """NEW-E27: `importJWK` once at its first signature, `parse` once with the comment of its
    implementation (its first signature has none); each `{@link}` as its text, or its target
    as code; adversarial: two functions of other names, a type and a constant that share one,
    and braces that are no link are all kept as they were."""
    repo.commit("code", {"src/key/import.ts": IMPORT_TS})
    assert cli("new", "JWK import", "--id", "JWKIMP", "--scope", "src/**").code == 0
    spec = parse_spec("specs/jwk-import.md", repo.read("specs/jwk-import.md"))
    assert [line for c in spec.context for line in c.text.splitlines()] == [
        "Draft: `src/key/import.ts`",
        "- `type ImportedJWK`: Resolves what `importJWK` returns for a given JWK type.",
        "- `importJWK(jwk: JWK, alg?: string)`: Imports a JWK to a `CryptoKey`.",
        "- `parse(input: string)`: Parses a JWK or a text, see a RFC.",
        "- `parse2`: The parse limit, {not a link}.",
        "- `type Kind`: A kind of key.",
        "- `Kind`: The default kind.",
        "- `importSPKI(spki: string)`",
        "- `importPKCS8(pkcs8: string)`",
    ]
