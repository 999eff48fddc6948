"""What the rust-url trial (Rust) found in the review, through the CLI on real repositories:
a line of a `const`'s value written over lines is that constant's (REVIEW-E327), and clippy's
and rustfmt's spellings of the same code are no change (REVIEW-E328)."""

from __future__ import annotations

from testing.util import review_json

SETS_SPEC = """---
id: SETS
scope: ["src/**"]
---
# Sets

## Context
- The sets are the constants `PATH` and `USERINFO`.

## Requirements
- SETS-1: Userinfo is percent-encoded with `USERINFO`, which adds `/`, `:`, `^`, `|` to `PATH`.
"""

SETS = """const PATH: &AsciiSet = &CONTROLS.add(b' ').add(b'#');

pub(crate) const USERINFO: &AsciiSet = &PATH
    .add(b'/')
    .add(b':')
    .add(b'^')
    .add(b'|');

const QUERY: &AsciiSet = &CONTROLS.add(b' ');

pub fn encode(input: &str) -> String {
    let out = String::new()
        .add(input);
    out
}
"""


def _asked(cli, *args: str) -> tuple[set[str], set[tuple[str, str]]]:
    data = review_json(cli, "HEAD", "--all", *args)
    asked = {q["statement"]["id"] or q["statement"]["kind"] for q in data["questions"]}
    acts = {(a["verb"], a["name"]) for q in data["questions"] for a in q["acts"]}
    return asked, acts


def test_a_line_of_a_const_value_over_lines_asks_what_names_the_const(repo, cli):
    """REVIEW-E327 (servo/rust-url 25137be dropped `.add(b'^')` from the `USERINFO` chain and
    PARSE-8, naming `USERINFO`, was not asked): the removed line lies in the constant's value,
    so the requirement naming it is asked, and the hunk changes `USERINFO`, no call."""
    repo.commit("base", {"specs/sets.md": SETS_SPEC, "src/sets.rs": SETS})
    repo.commit("drop caret", {"src/sets.rs": SETS.replace("    .add(b'^')\n", "")})
    asked, acts = _asked(cli)
    assert "SETS-1" in asked
    assert ("changes", "USERINFO") in acts


def test_a_visibility_in_git_header_calls_nothing_and_a_chain_in_a_function_is_no_const(repo, cli):
    """REVIEW-E327, adversarial: a top-level line added below `pub(crate) const USERINFO`
    (git's hunk header) changes no `pub()`; a chain inside a function's body, below the
    constants, is the function's, not `USERINFO`'s."""
    repo.commit("base", {"specs/sets.md": SETS_SPEC, "src/sets.rs": SETS})
    marked = SETS.replace("\nconst QUERY", "check_set!(USERINFO);\nconst QUERY")
    repo.commit("check the set", {"src/sets.rs": marked})
    data = review_json(cli, "HEAD", "--all")
    names = {a["name"] for q in data["questions"] for a in q["acts"]}
    assert data["questions"] and "pub" not in names
    repo.commit(
        "chain", {"src/sets.rs": marked.replace("        .add(input);", "        .add(&input);")}
    )
    asked, acts = _asked(cli)
    assert "SETS-1" not in asked
    assert ("changes", "USERINFO") not in acts


IP_SPEC = """---
id: IP
scope: ["src/**"]
---
# IPv4

## Context
- `check_last()` checks the last part of an address; `first_byte()` reads one byte.
- `Kind` is an address's kind.

## Requirements
- IP-1: A last part that does not fit the remaining bytes is `InvalidIpv4Address`.
"""

IP = """#[derive(Copy, Clone)]
#[derive(PartialEq)]
pub enum Kind {
    Ipv4,
}

pub fn check_last(ipv4: u32, parts: usize) -> Result<u32, ParseError> {
    if ipv4 > u32::max_value() >> (8 * parts as u32) || parts > ::std::u16::MAX as usize {
        return Err(ParseError::InvalidIpv4Address);
    }
    Ok(ipv4)
}

pub fn first_byte(s: &str) -> Option<&u8> {
    s.as_bytes().get(0)
}
"""

CLIPPY = (
    IP.replace(
        "#[derive(Copy, Clone)]\n#[derive(PartialEq)]", "#[derive(Copy, Clone, PartialEq, Eq)]"
    )
    .replace("u32::max_value()", "u32::MAX")
    .replace("::std::u16::MAX", "u16::MAX")
)


def test_clippy_spellings_of_the_same_code_ask_nothing(repo, cli):
    """REVIEW-E328 (servo/rust-url 467ef63 `u32::max_value()` -> `u32::MAX`, 275baae `Eq`
    derived beside `PartialEq`, 21f32d6 two `#[derive]` merged: 6, 4 and 1 questions): the
    same values and calls, no question."""
    repo.commit("base", {"specs/ip.md": IP_SPEC, "src/ip.rs": IP})
    repo.commit("clippy", {"src/ip.rs": CLIPPY})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == []


def test_other_limits_indexes_and_traits_still_ask(repo, cli):
    """REVIEW-E328, adversarial: `u32::max_value()` as `u16::MAX` or `u32::MIN`, and a derive
    that gains `Hash` change behaviour: each is asked; `.get(0)` as `.first()` is a change too,
    since a type's own `get` and `first` may differ (no type is known here: found by the review
    of the session's change)."""
    repo.commit("base", {"specs/ip.md": IP_SPEC, "src/ip.rs": IP})
    for changed in (
        CLIPPY.replace("u32::MAX >>", "u16::MAX as u32 >>"),
        CLIPPY.replace("u32::MAX >>", "u32::MIN >>"),
        CLIPPY.replace("PartialEq, Eq)]", "PartialEq, Eq, Hash)]"),
    ):
        repo.commit("change", {"src/ip.rs": CLIPPY})
        repo.commit("change", {"src/ip.rs": changed})
        assert review_json(cli, "HEAD", "--all")["questions"], changed
    repo.commit("first", {"src/ip.rs": CLIPPY.replace(".get(0)", ".first()")})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []


PORT_SPEC = """---
id: S
scope: ["src/**"]
---
# Sets

## Context
- The userinfo set is the constant `USERINFO`.

## Requirements
- S-1: `set_host` takes an optional `:port` after the host.
"""

BENCH = """fn port(b: &mut Bencher) {
    let url = "https://example.com:8080/";
    b.iter(|| url.len());
}
"""


def test_a_colon_name_in_a_span_links_no_file_outside_the_scope(repo, cli):
    """REVIEW-E329 (servo/rust-url 79ff014 asked SETTERS-3, "an optional `:port`", of
    `url/benches/parse_url.rs`, in no spec's scope, "it lies inside `port`"): `:port` shows a
    URL's syntax; a file outside the spec's scope is asked nothing for it. Adversarial: inside
    the scope, a function `port` still asks S-1 (a Ruby symbol `:port` names its own code)."""
    sets = "pub(crate) const USERINFO: &AsciiSet = &PATH.add(b'/');\n"
    files = {"specs/s.md": PORT_SPEC, "src/sets.rs": sets, "benches/bench.rs": BENCH}
    repo.commit("base", files)
    repo.commit("bench", {"benches/bench.rs": BENCH.replace("url.len()", "url.len() + 1")})
    assert review_json(cli, "HEAD", "--all")["questions"] == []
    repo.commit("port", {"src/port.rs": BENCH})
    repo.commit("port", {"src/port.rs": BENCH.replace("url.len()", "url.len() + 1")})
    asked, _ = _asked(cli)
    assert "S-1" in asked


TABLE = "".join(
    [
        "const HEADER_CHARS: [u8; 256] = [\n",
        *(f"    b'{chr(97 + n % 26)}', // {n}\n" for n in range(256)),
        "];\n\n",
        "pub fn lower(b: u8) -> u8 {\n    HEADER_CHARS[b as usize]\n}\n",
    ]
)


def test_a_line_deep_in_a_const_table_changes_no_function(repo, cli):
    """REVIEW-E403 (the hyperium/http trial: a byte of `HEADER_CHARS_H2`, 256 lines, was
    "Changed, and no test mentions it: HEADER_CHARS_H2()"): a constant's value is no function
    the tests should mention; its reader is still the ripple, and a function is still listed."""
    repo.commit("base", {"specs/sets.md": SETS_SPEC, "src/table.rs": TABLE})
    repo.commit("no NUL", {"src/table.rs": TABLE.replace("b'v', // 203", "0, // 203")})
    data = review_json(cli, "HEAD", "--all")
    assert [entry["name"] for entry in data["untested"]] == []
    [ripple] = data["ripples"]
    assert ripple["symbol"]["name"] == "HEADER_CHARS"
    assert [(use["function"], use["use"]) for use in ripple["uses"]] == [("lower", "read")]
    repo.commit("wider", {"src/table.rs": TABLE.replace("b as usize]", "(b & 0x7f) as usize]")})
    assert [entry["name"] for entry in review_json(cli, "HEAD")["untested"]] == ["lower"]
