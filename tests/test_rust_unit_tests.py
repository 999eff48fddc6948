"""CHECK-E27, CHECK-E28 and REVIEW-E75 through the CLI on real repositories: Rust keeps its unit
tests in the file they test, in a `#[cfg(test)]` module or a `#[test]` function, where no test
glob can tell them apart. A reference there verifies, and an edit there is a test's (the Rust
trial's D3: `// CHUNK-2` inside `mod tests` implemented CHUNK-2)."""

from __future__ import annotations

import json

from testing.util import review_json

SPEC = """---
id: CHUNK
scope: ["src/**"]
---
# Chunk size

## Context
- `parse_chunk_size()` reads a chunk-size line.

## Requirements
- CHUNK-2: More than 16 hex digits is an error, never an overflow.

## Edge Cases
- CHUNK-E1: Leading zeros.
"""

LIB = """// CHUNK-2: count the digits.
pub fn parse_chunk_size(buf: &[u8]) -> Result<u64, ()> {
    if buf.len() > 16 {
        return Err(());
    }
    Ok(buf.len() as u64)
}

#[cfg(test)]
mod tests {
    // CHUNK-2: seventeen digits are rejected.
    #[test]
    fn overflow_is_rejected() {
        assert!(super::parse_chunk_size(b"00000000000000001").is_err());
    }
}
"""

DROPPED = LIB.replace("// CHUNK-2: count the digits.\n", "")


def _kinds(cli, item_id):
    shown = json.loads(cli("show", item_id, "--format", "json").out)["item"]["references"]
    return [(ref["path"], ref["line"], ref["kind"]) for ref in shown]


def _report(cli):
    data = json.loads(cli("report", "--format", "json").out)
    return {
        row["id"]: row
        for spec in data["specs"]
        for row in (*spec["requirements"], *spec["edge_cases"])
    }


def test_a_reference_in_a_rust_test_module_verifies(repo, cli):
    """CHECK-E27: the trial's repro. `show` and `report` call the test module's reference a
    test, `check` does not warn the requirement untested, and removing the code's own
    reference is `implementation-removed`, in the work tree, the index and the commit."""
    repo.commit("chunk", {"specs/chunk.md": SPEC, "src/lib.rs": LIB})
    assert _kinds(cli, "CHUNK-2") == [
        ("src/lib.rs", 1, "implements"),
        ("src/lib.rs", 11, "verifies"),
    ]
    assert _report(cli)["CHUNK-2"]["status"] == "covered"
    checked = cli("check", "HEAD")
    assert checked.code == 0 and "untested-requirement" not in checked.out, checked
    repo.write({"src/lib.rs": DROPPED})
    for args in (("--worktree",), ("--staged",), ("HEAD",)):
        if args == ("--staged",):
            repo.stage({})
        elif args == ("HEAD",):
            repo.git("commit", "-q", "-m", "drop the comment")
        lost = cli("check", *args)
        assert lost.code == 1 and "[implementation-removed]" in lost.out, (args, lost)


def test_removing_a_test_modules_reference_removes_a_test(repo, cli):
    """CHECK-E27: a removed line is judged by the file as it was: the last test reference,
    deleted from `mod tests`, is `test-removed`, never an implementation that stays."""
    repo.commit("chunk", {"specs/chunk.md": SPEC, "src/lib.rs": LIB})
    repo.commit(
        "drop", {"src/lib.rs": LIB.replace("    // CHUNK-2: seventeen digits are rejected.\n", "")}
    )
    lost = cli("check", "HEAD")
    assert lost.code == 0 and "[test-removed]" in lost.out, lost
    assert "implementation-removed" not in lost.out, lost


SPANS_SPEC = """---
id: SPAN
scope: ["src/**"]
---
# Spans

## Requirements
- SPAN-1: Code.
- SPAN-2: Tested.
- SPAN-3: Built with or without tests.
- SPAN-4: A whole file of tests.
- SPAN-5: A test helper.
"""

SPANS = """// SPAN-1: code.
pub fn hex(c: u8) -> bool {
    c.is_ascii_hexdigit()
}

#[cfg(test)]
mod tests {
    #[test]
    fn braces() {
        let open = '}';
        let text = r#"}} "a quote" }"#;
        /* a /* nested */ } comment */
        let _ = (open, text, "}", b'}', '\\'');
        let _: &'static str = "{";
    }
    // SPAN-2: still inside the module
}
// SPAN-1: below the module, code again

#[cfg(any(test, feature = "fast"))]
pub fn fast() {} // SPAN-3: `any` builds without tests too

#[cfg(test)]
mod helpers;
// SPAN-3: below a test module kept in another file

#[cfg(all(test, feature = "slow"))]
// SPAN-5: under the attribute
fn leading_zeros() {}

// SPAN-2: heads the test below
#[tokio::test(flavor = "multi_thread")]
async fn overflow() {
    let _ = [0u8; 4];
}
pub fn after() {} // SPAN-1: after the test
"""


def test_which_lines_of_a_rust_file_are_its_tests(repo, cli):
    """CHECK-E27: braces in characters, raw strings and nested comments open nothing; `any`
    is no test; `mod helpers;` is one line, its file another file; the comment heading a
    `#[tokio::test]` is the test's; `#![cfg(test)]` makes its file a test."""
    repo.commit(
        "spans",
        {
            "specs/spans.md": SPANS_SPEC,
            "src/lib.rs": SPANS,
            "src/helpers.rs": "// SPAN-3: a module kept in another file is another file\n",
            "src/whole.rs": "#![cfg(test)]\n\n// SPAN-4: the whole file\nfn t() {}\n",
        },
    )
    rows = _report(cli)
    found = {
        item: sorted(
            (ref["path"], ref["line"], kind)
            for kind in ("implemented", "verified")
            for ref in rows[item][kind]
        )
        for item in rows
    }
    assert found == {
        "SPAN-1": [
            ("src/lib.rs", 1, "implemented"),
            ("src/lib.rs", 18, "implemented"),
            ("src/lib.rs", 36, "implemented"),
        ],
        "SPAN-2": [("src/lib.rs", 16, "verified"), ("src/lib.rs", 31, "verified")],
        "SPAN-3": [
            ("src/helpers.rs", 1, "implemented"),
            ("src/lib.rs", 21, "implemented"),
            ("src/lib.rs", 25, "implemented"),
        ],
        "SPAN-4": [("src/whole.rs", 3, "verified")],
        "SPAN-5": [("src/lib.rs", 28, "verified")],
    }


PARSER = """// CHUNK-2: the parser counts the digits.
impl Parser {
    pub fn parse_chunk_size(&self) -> usize {
        16
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn seventeen() {
        assert_eq!(1, 1);
    }
}
"""


def test_an_edit_inside_a_test_module_touches_no_requirement(repo, cli):
    """CHECK-E28, REVIEW-E75: `// CHUNK-2` over an `impl` heads the test module below it too
    (no definition closes it): an edit to the test warned `touched-requirement` and the review
    asked CHUNK-2. A change to the code it heads still does both."""
    repo.commit(
        "chunk", {"specs/chunk.md": SPEC, "src/lib.rs": PARSER, "tests/it.rs": "// CHUNK-2\n"}
    )
    repo.stage({"src/lib.rs": PARSER.replace("assert_eq!(1, 1)", "assert_eq!(2, 2)")})
    checked = cli("check", "--staged")
    assert checked.code == 0 and "touched-requirement" not in checked.out, checked
    assert review_json(cli, "--staged")["questions"] == []
    repo.stage({"src/lib.rs": PARSER.replace("        16\n", "        17\n")})
    assert "[touched-requirement]" in cli("check", "--staged").out
    asked = review_json(cli, "--staged")["questions"]
    assert [q["statement"]["id"] for q in asked][:1] == ["CHUNK-2"], asked  # REVIEW-E108


def test_a_test_modules_hunk_asks_only_about_the_ids_it_names(repo, cli):
    """REVIEW-E75: an edit inside `mod tests` that calls `parse_chunk_size()` asked whether it
    kept to the Context that names it, and listed the test as a function no test mentions;
    as a test file's hunk, it asks only about the ID it names, and writes only fixtures."""
    repo.commit("chunk", {"specs/chunk.md": SPEC, "src/lib.rs": LIB})
    edited = LIB.replace(
        '        assert!(super::parse_chunk_size(b"00000000000000001").is_err());\n',
        '        let input = b"00000000000000001";\n'
        "        assert!(super::parse_chunk_size(input).is_err());\n",
    )
    repo.commit("test", {"src/lib.rs": edited})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["untested"] == [] and data["ripples"] == [], data
    named = edited.replace(
        '        let input = b"00000000000000001";\n',
        '        // CHUNK-E1: zeros lead\n        let input = b"000000000000000001";\n',
    )
    repo.commit("name", {"src/lib.rs": named})
    asked = review_json(cli, "HEAD")["questions"]
    assert [q["statement"]["id"] for q in asked] == ["CHUNK-E1"], asked


def test_many_rust_files_are_read_for_their_tests(repo, cli):
    """CHECK-E27: past MANY_BLOBS files, a commit's are read by their blob ids (git finds a
    path of a commit anew for each), with the same answer."""
    from specflow.refcache import MANY_BLOBS

    files = {f"src/m{n:03d}.rs": LIB for n in range(MANY_BLOBS + 1)}
    repo.commit("many", {"specs/chunk.md": SPEC, **files})
    row = _report(cli)["CHUNK-2"]
    assert len(row["implemented"]) == len(row["verified"]) == MANY_BLOBS + 1, row
    assert {ref["line"] for ref in row["verified"]} == {11}
