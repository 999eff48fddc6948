"""What the dtolnay/semver trial (Rust) found in the review, through the CLI on real
repositories: an outer attribute is part of the item it decorates (REVIEW-E204)."""

from __future__ import annotations

import json

from testing.util import review_json

OPS = """---
id: OPS
scope: ["src/**"]
---
# Operators

## Context
- The public enum `Op` lists the comparison operators; callers `match` on `Op`.
- `Version` is ordered field by field.

## Requirements
- OPS-1: Every `Op` variant has a parser and a printer.
"""

LIB = """#[derive(Copy, Clone, Eq, PartialEq, Hash, Debug)]
pub enum Op {
    Exact,
    Greater,
}

pub struct Version {
    pub major: u64,
}

impl Version {
    pub fn bump(&mut self) {
        let next = self.major + 1;
        self.major = next;
    }
}
"""


def _asked(data: dict[str, object]) -> set[str]:
    questions = data["questions"]
    assert isinstance(questions, list)
    return {q["statement"]["id"] or str(q["statement"]["line"]) for q in questions}


def test_an_attribute_added_to_an_enum_asks_what_names_the_enum(repo, cli):
    """REVIEW-E204 (semver 5e4cfd7, "Make Op enum non exhaustive": `#[non_exhaustive]` above
    `pub enum Op`, below its `#[derive]`, and no question): the hunk changes `Op`, so every
    statement naming `Op` is asked, and not the one naming `Version`."""
    repo.commit("base", {"specs/ops.md": OPS, "src/lib.rs": LIB})
    changed = LIB.replace("pub enum Op {", "#[non_exhaustive]\npub enum Op {")
    repo.commit("Make Op enum non exhaustive", {"src/lib.rs": changed})
    data = review_json(cli, "HEAD")
    assert _asked(data) == {"OPS-1", "8"}
    acts = {(a["verb"], a["name"]) for q in data["questions"] for a in q["acts"]}
    assert acts == {("changes", "Op")}


def test_an_attribute_on_a_method_or_a_statement_is_read_with_what_it_decorates(repo, cli):
    """REVIEW-E204, adversarial: `#[inline]` on a method changes that method, not the enum
    above it; an attribute on a statement inside a body (`#[allow(...)]` over a `let`) decorates
    no item and changes the function around it; a doc comment over the enum asks nothing."""
    repo.commit("base", {"specs/ops.md": OPS, "src/lib.rs": LIB})
    inline = LIB.replace("    pub fn bump", "    #[inline]\n    pub fn bump")
    repo.commit("inline", {"src/lib.rs": inline})
    data = review_json(cli, "HEAD", "--all")
    assert "OPS-1" not in _asked(data)
    assert {a["name"] for q in data["questions"] for a in q["acts"]} <= {"bump"}
    allowed = inline.replace("        let next", "        #[allow(unused)]\n        let next")
    repo.commit("allow", {"src/lib.rs": allowed})
    data = review_json(cli, "HEAD", "--all")
    assert "OPS-1" not in _asked(data)
    documented = allowed.replace("pub enum Op {", "/// The operators.\npub enum Op {")
    repo.commit("doc", {"src/lib.rs": documented})
    assert review_json(cli, "HEAD", "--all")["questions"] == []


MATCH = """---
id: MATCH
scope: ["src/**"]
---
# Matching

## Context
- `pre_is_compatible()` decides whether a pre-release may match.

## Requirements
- MATCH-1: The empty requirement matches every release.
"""

EVAL = """// MATCH-1
pub fn matches_req(n: usize) -> bool {
    n == 0
}

fn pre_is_compatible(a: u64, b: u64) -> bool {
    a == b
}
"""

TESTS = """
#[cfg(test)]
mod tests {
    #[test]
    fn star_matches_release() {
        assert!(super::matches_req(0));
    }
}
"""


def test_a_test_module_appended_after_a_blank_line_is_a_tests_hunk(repo, cli):
    """REVIEW-E207 (semver trial, R5: a `#[cfg(test)] mod tests` appended after the last
    function was "changes `pre_is_compatible()`", asked as code): the blank line that sets the
    module apart is no code, so the hunk is wholly test code and asks only about the IDs it
    names; a blank line added beside code still leaves the hunk code's."""
    repo.commit("base", {"specs/match.md": MATCH, "src/eval.rs": EVAL})
    repo.commit("Test star", {"src/eval.rs": EVAL + TESTS})
    assert review_json(cli, "HEAD", "--all")["questions"] == []
    repo.commit("Drop it", {"src/eval.rs": EVAL})
    named = EVAL + TESTS.replace("    #[test]", "    // MATCH-1\n    #[test]")
    repo.commit("Test MATCH-1", {"src/eval.rs": named})
    asked = review_json(cli, "HEAD", "--all")["questions"]
    assert [(q["statement"]["id"], q["confidence"]) for q in asked] == [("MATCH-1", 0.85)]
    code = named.replace("    a == b\n", "\n    a != b\n")
    repo.commit("Code", {"src/eval.rs": code})
    asked = review_json(cli, "HEAD", "--all")["questions"]
    assert "pre_is_compatible" in {a["name"] for q in asked for a in q["acts"]}


IDENT = """---
id: IDENT
scope: ["src/**"]
---
# Text forms

## Context
- `src/display.rs` holds `Display` for `VersionReq` and `Comparator`.
- `src/serde.rs` serializes `VersionReq` as a string.

## Requirements
- IDENT-5: A `VersionReq` prints its comparators joined by `", "`, the empty one as `*`.
- IDENT-7: With the `serde` feature, `VersionReq` deserializes by parsing.
- IDENT-8: A `Comparator` prints its operator first.
"""

USE = "fn f{n}(_: VersionReq, _: Comparator) {{}}\n"

IMPLS = """use crate::{Comparator, VersionReq};

impl Default for VersionReq {
    fn default() -> Self {
        VersionReq { comparators: Vec::new() }
    }
}
"""

FROM_ITERATOR = """
impl FromIterator<Comparator> for VersionReq {
    fn from_iter<I>(iter: I) -> Self
    where
        I: IntoIterator<Item = Comparator>,
    {
        let comparators = Vec::from_iter(iter);
        VersionReq { comparators }
    }
}
"""


def test_a_trait_impl_added_for_a_common_type_asks_what_names_the_type(repo, cli):
    """REVIEW-E205 (semver f8e3e8e, "Add FromIterator<Comparator> for VersionReq": no question,
    even with --all, where a tiny repository asked three): `VersionReq` is in every file, so
    a use of it told little; an `impl` block added for it gives the type what it implements,
    as a definition written: the statements naming `VersionReq` are asked, not the one naming
    only `Comparator`, which the block names as a trait's parameter."""
    files = {
        f"src/use{n}.rs": f"use crate::{{Comparator, VersionReq}};\n{USE.format(n=n)}"
        for n in range(30)
    }
    repo.commit("base", {"specs/ident.md": IDENT, "src/impls.rs": IMPLS, **files})
    repo.commit("Add FromIterator", {"src/impls.rs": IMPLS + FROM_ITERATOR})
    data = review_json(cli, "HEAD")
    assert {"IDENT-5", "IDENT-7"} <= _asked(data) and "IDENT-8" not in _asked(data)
    acts = {(a["verb"], a["name"]) for q in data["questions"] for a in q["acts"]}
    assert acts == {("changes", "VersionReq")}
    inside = IMPLS.replace(
        "    fn default",
        "    fn empty() -> Self {\n        Self::default()\n    }\n\n    fn default",
    )
    repo.commit("A method in an impl already there", {"src/impls.rs": inside + FROM_ITERATOR})
    data = review_json(cli, "HEAD", "--all")
    assert ("changes", "VersionReq") not in {
        (a["verb"], a["name"]) for q in data["questions"] for a in q["acts"]
    }


ORD = """---
id: ORD
scope: ["src/**"]
---
# Ordering

## Requirements
- ORD-1: Versions sort by `Ord`, field by field.
"""

SORT = """use core::cmp::Ordering;

pub fn compare(a: &u64, b: &u64) -> Ordering {
    Ord::cmp(a, b)
}

pub fn first(v: &[u64]) -> u64 {
    let p = v.as_ptr();
    unsafe { core::ptr::read(p) }
}
"""


def test_a_call_in_method_syntax_names_no_trait_the_removed_line_named(repo, cli):
    """REVIEW-E206 (semver b074ea0, clippy: `Ord::cmp(self, rhs)` as `self.cmp(rhs)`, asked
    "it names `Ord`" from the removed line only): a path only the removed side names, that the
    added side calls as a method of the same name, is no evidence. Adversarial: the same path
    kept on the added side, or another method called, still asks."""
    repo.commit("base", {"specs/ord.md": ORD, "src/sort.rs": SORT})
    repo.commit("clippy", {"src/sort.rs": SORT.replace("Ord::cmp(a, b)", "a.cmp(b)")})
    assert review_json(cli, "HEAD", "--all")["questions"] == []
    repo.commit("back", {"src/sort.rs": SORT})
    repo.commit("swap", {"src/sort.rs": SORT.replace("Ord::cmp(a, b)", "Ord::cmp(b, a)")})
    assert "ORD-1" in _asked(review_json(cli, "HEAD", "--all"))
    repo.commit("back again", {"src/sort.rs": SORT})
    other = SORT.replace("Ord::cmp(a, b)", "a.partial_cmp(b).unwrap()")
    repo.commit("partial", {"src/sort.rs": other})
    assert "ORD-1" in _asked(review_json(cli, "HEAD", "--all"))


def test_context_says_where_a_rust_type_is_defined(repo, cli):
    """REVIEW-E208 (semver trial, R6: `context Version` listed `pub struct Version {` as a read
    and never said where it is defined; `pub(crate) struct Identifier`, `pub enum Op` alike):
    a Rust struct, enum or trait is defined on its item's line; a use of it is still a read."""
    repo.commit("base", {"specs/ops.md": OPS, "src/lib.rs": LIB})
    shown = cli("context", "Version", "--format", "json")
    assert shown.code == 0, shown.out
    uses = json.loads(shown.out)["name"]["uses"]
    assert [(u["line"], u["use"]) for u in uses if u["line"] in (7, 11)] == [
        (7, "definition"),
        (11, "read"),
    ]
    shown = cli("context", "Op", "--format", "json")
    uses = json.loads(shown.out)["name"]["uses"]
    assert [u["line"] for u in uses if u["use"] == "definition"] == [2]
