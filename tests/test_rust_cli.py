"""What the httparse trial (Rust) found in the review, through the CLI on real repositories:
a change inside a table written over many lines writes the table (REVIEW-E69), and Rust's
`unsafe fn`, `const fn`, `pub(crate) fn` are definitions (REVIEW-E70)."""

from __future__ import annotations

import json

from testing.util import review_json

SPEC = """---
id: PARSE
scope: ["src/**"]
---
# Request line

## Context
- `is_uri_token()` looks a path byte up in the table `URI_MAP`.

## Requirements
- PARSE-4: The path is one or more `URI_MAP` bytes followed by one space.
- PARSE-5: A header name is made of `HEADER_NAME_MAP` bytes only.
"""

LIB = """static URI_MAP: [bool; 8] = byte_map![
//  \\0 commands
    0, 1, 0, 1,
    1, 1, 1, 1,
];

static HEADER_NAME_MAP: [bool; 4] = [
    false, true, true, false,
];

pub unsafe fn batch(buf: &[u8]) -> usize {
    match_char(buf)
}

pub(crate) const unsafe fn match_char(buf: &[u8]) -> usize {
    let lanes = _mm_setr_epi8(
        0xb8, 0xfc,
    );
    buf.len() + lanes
}
"""


def test_a_change_inside_a_table_asks_what_names_the_table(repo, cli):
    """REVIEW-E69 (httparse d22959c, "Allow double quotes in URIs": one 0 turned 1 in
    `URI_MAP`, and no question): the hunk writes `URI_MAP`, so the requirement naming it is
    asked, and not the one naming the other table; a local written over lines ripples in its
    function only."""
    repo.commit("base", {"specs/parse.md": SPEC, "src/lib.rs": LIB})
    changed = LIB.replace("    0, 1, 0, 1,", "    0, 1, 1, 1,").replace(
        "0xb8, 0xfc,", "0xb8, 0xf8,"
    )
    repo.commit("Allow double quotes in URIs", {"src/lib.rs": changed})
    data = review_json(cli, "HEAD")
    asked = {q["statement"]["id"] for q in data["questions"]}
    assert "PARSE-4" in asked and "PARSE-5" not in asked
    acts = {(a["verb"], a["name"]) for q in data["questions"] for a in q["acts"]}
    assert ("writes", "URI_MAP") in acts
    lanes = [r["uses"] for r in data["ripples"] if r["symbol"]["name"] == "lanes"]
    assert [[(u["line"], u["function"]) for u in uses] for uses in lanes] == [[(19, "match_char")]]


def test_unsafe_and_const_functions_are_definitions(repo, cli):
    """REVIEW-E70 (httparse's SIMD code, all `unsafe fn`): `context` shows where
    `match_char` is defined, and a change inside it changes `match_char()`, not the function
    above it, at the line it changes (not its hunk's first line of context)."""
    repo.commit("base", {"specs/parse.md": SPEC, "src/lib.rs": LIB})
    shown = cli("context", "match_char", "--format", "json")
    assert shown.code == 0, shown.out
    uses = json.loads(shown.out)["name"]["uses"]
    assert [u["line"] for u in uses if u["use"] == "definition"] == [15]
    repo.commit("lanes", {"src/lib.rs": LIB.replace("buf.len() + lanes", "buf.len() - lanes")})
    data = review_json(cli, "HEAD", "--all")
    assert [(r["symbol"]["name"], r["symbol"]["line"]) for r in data["ripples"]] == [
        ("match_char", 19)
    ]
    assert [u["name"] for u in data["untested"]] == ["match_char"]
    assert "match_char" in cli("review", "HEAD").out
    assert "batch()" not in cli("review", "HEAD").out.split("Changed, and no test")[1]


CHUNK = """// PARSE-4, PARSE-5: a chunk size.
pub fn parse_chunk_size(buf: &[u8], radix: u64)
    -> Result<(usize, u64), InvalidChunkSize> {
    let one = (radix,);
    Ok((buf.len(), one.0))
}
"""


def test_rustfmt_wrapping_a_signature_is_formatting_and_a_tuple_is_not(repo, cli):
    """REVIEW-E74 (the httparse trial): rustfmt's wrap of a signature, with a comma before the
    `)` after the function's name, asks nothing and warns nothing; the comma of a one-element
    tuple (`(radix,)`, `(radix)` is `radix`) is a change."""
    repo.commit("base", {"specs/parse.md": SPEC, "src/chunk.rs": CHUNK})
    wrapped = CHUNK.replace(
        "parse_chunk_size(buf: &[u8], radix: u64)\n    -> Result",
        "parse_chunk_size(\n    buf: &[u8],\n    radix: u64,\n) -> Result",
    )
    repo.stage({"src/chunk.rs": wrapped})
    assert "touched-requirement" not in cli("check", "--staged").out
    repo.commit("cargo fmt", {"src/chunk.rs": wrapped})
    assert review_json(cli, "HEAD")["noop_files"] == ["src/chunk.rs"]
    untupled = wrapped.replace(
        "    let one = (radix,);\n", "    let one = (\n        radix,\n    );\n"
    )
    repo.commit("same tuple", {"src/chunk.rs": untupled})
    assert review_json(cli, "HEAD")["noop_files"] == ["src/chunk.rs"]
    repo.stage({"src/chunk.rs": untupled.replace("        radix,\n", "        radix\n")})
    assert "touched-requirement" in cli("check", "--staged").out


IDIOMS = """// PARSE-4: the bytes.
pub fn scan<'a>(bytes: &'a mut Bytes<'a>, mask: u64) -> Scan<'a> {
    let r = 0xffffffff_00000000 | mask;
    'outer: for b in bytes {
        match b {
            b'0'...b'9' => continue 'outer,
            b'a' => break 'outer,
            _ => {}
        }
    }
    Scan { bytes: bytes, r: r }
}
"""


def test_rust_idioms_that_spell_the_same_code_are_formatting(repo, cli):
    """REVIEW-E77 (httparse 5202197 and 8dbca74: `...` to `..=`, field init shorthand, elided
    lifetimes, digit grouping; ten questions each): no question. A loop's label dropped from a
    `break`, a char literal changed, an exclusive range: changes."""
    repo.commit("base", {"specs/parse.md": SPEC, "src/scan.rs": IDIOMS})
    idioms = (
        IDIOMS.replace(
            "scan<'a>(bytes: &'a mut Bytes<'a>, mask: u64) -> Scan<'a>",
            "scan(bytes: &mut Bytes, mask: u64) -> Scan",
        )
        .replace("0xffffffff_00000000", "0xFFFF_FFFF_0000_0000")
        .replace("b'0'...b'9'", "b'0'..=b'9'")
        .replace("Scan { bytes: bytes, r: r }", "Scan { bytes, r }")
    )
    repo.commit("rust 2018 idioms", {"src/scan.rs": idioms})
    assert review_json(cli, "HEAD")["noop_files"] == ["src/scan.rs"]
    for before, after in (
        ("break 'outer,", "break,"),
        ("b'a' =>", "b'b' =>"),
        ("b'0'..=b'9'", "b'0'..b'9'"),
    ):
        repo.commit(f"{before} -> {after}", {"src/scan.rs": idioms.replace(before, after)})
        assert review_json(cli, "HEAD")["noop_files"] == [], before
        repo.commit("back", {"src/scan.rs": idioms})
