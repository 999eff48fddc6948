"""What the rust-lang/log trial (Rust) found in the review, through the CLI on real
repositories: a method is its `impl` block's type's (REVIEW-E146)."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

KV = """---
id: KV
scope: ["src/kv/**"]
---
# Keys

## Context
- `kv::Key` wraps a borrowed `&str` and is made with `Key::from_str()`.

## Requirements
- KV-1: Two keys with the same text are equal.
"""

LEVEL = """---
id: LEVEL
scope: ["src/lib.rs"]
---
# Levels

## Context
- A `Level` is one of error, warn, info.

## Requirements
- LEVEL-1: Level names parse ignoring case.
"""

KEY = """pub struct Key<'k> {
    key: &'k str,
}

impl<'k> Key<'k> {
    pub fn from_str(key: &'k str) -> Self {
        let text = key;
        Key { key: text }
    }
}
"""

LIB = """pub enum Level {
    Error = 1,
    Warn,
}

impl core::str::FromStr for Level {
    type Err = ();
    fn from_str(level: &str) -> Result<Level, ()> {
        match level {
            "error" => Ok(Level::Error),
            _ => Err(()),
        }
    }
}
"""


def _asked(data: dict[str, Any]) -> dict[str, str]:
    return {
        q["statement"]["id"] or q["statement"]["text"][:11]: q["evidence"]["kind"]
        for q in data["questions"]
    }


def test_a_method_is_its_impl_types_not_every_types_of_that_name(repo, cli):
    """REVIEW-E146 (rust-lang/log 514ecf8 and c5ddd6f: a hunk in `impl FromStr for Level`'s
    `from_str` asked KV's Context line naming `Key::from_str()`, as enclosing evidence): the
    hunk lies in `Level`'s `from_str`, which is not `Key`'s. Inside `impl<'k> Key<'k>`'s
    `from_str` it is, and the Context line is asked; so is it inside `impl Key`."""
    files = {"specs/kv.md": KV, "specs/level.md": LEVEL, "src/kv/key.rs": KEY, "src/lib.rs": LIB}
    repo.commit("base", files)
    warn = '            "warn" => Ok(Level::Warn),\n'
    parsed = LIB.replace("            _ => Err(()),\n", warn + "            _ => Err(()),\n")
    repo.commit("parse warn", {"src/lib.rs": parsed})
    data = review_json(cli, "HEAD", "--all")
    assert "`kv::Key` w" not in _asked(data), data["questions"]
    assert {a["name"] for q in data["questions"] for a in q["acts"]} <= {"from_str"}
    repo.commit("back", {"src/lib.rs": LIB})
    for key in (KEY, KEY.replace("impl<'k> Key<'k> {", "impl Key<'_> {")):
        repo.commit("key", {"src/kv/key.rs": key})
        repo.commit("trim", {"src/kv/key.rs": key.replace("= key;", "= key.trim();")})
        assert _asked(review_json(cli, "HEAD", "--all")).get("`kv::Key` w") == "enclosing", key


GLOBALS = """---
id: G
scope: ["src/**"]
---
# Globals

## Context
- The logger is the `static mut LOGGER`, set in an `unsafe` block once, as a `usize`.

## Requirements
- G-1: Names are upper-case.
- G-2: A name is checked with `match()` and `from_usize()`.
"""

NAMES = """// G-1
pub fn names() -> &'static [&'static str] {
    static NAMES: [&str; 2] = ["OFF", "ERROR"];
    &NAMES
}

pub struct Name(usize);
"""


def test_rusts_keywords_and_primitive_types_are_no_shared_names(repo, cli):
    """REVIEW-E147 (rust-lang/log 1091f2c linked three statements by `usize` alone; the trial's
    `static` and `unsafe`): a Rust hunk that writes `static`, `unsafe`, `usize` or `match` names
    nothing a statement names by them. The statement's own `LOGGER` and
    `from_usize()` (`usize` inside a name) still ask, and Python's `match()` called still
    names the `match()` a statement names."""
    repo.commit("base", {"specs/g.md": GLOBALS, "src/lib.rs": NAMES})
    count = "\npub fn count() -> usize {\n    static N: usize = 2;\n"
    count += "    unsafe { match N { _ => 1 } }\n}\n"
    repo.commit("add count", {"src/lib.rs": NAMES + count})
    assert review_json(cli, "HEAD", "--all")["questions"] == []
    for added, asked in (
        ("    static mut LOGGER: usize = 0;\n", "The logger "),
        ("    let n = from_usize(2);\n", "G-2"),
    ):
        more = count.replace("    unsafe", added + "    unsafe")
        repo.commit("one", {"src/lib.rs": NAMES + more})
        assert asked in _asked(review_json(cli, "HEAD", "--all")), added
    repo.commit("python", {"src/check.py": "def check(name):\n    return name\n"})
    repo.commit("match", {"src/check.py": "def check(name):\n    return match(name)\n"})
    assert "G-2" in _asked(review_json(cli, "HEAD", "--all"))
