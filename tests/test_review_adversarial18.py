"""The eighteenth session's review of its own change (helper-72) found these, each a false
silence, a false alarm or a wrong answer of a rule the session added; each test fails at the
reviewed commit (af17d5b), through the CLI on a real repository (REVIEW-E81)."""

from __future__ import annotations

import json

import pytest

from testing.util import review_json

SPEC = """---
id: P
scope: ["src/**", "lib/**"]
---
# P

## Context
- `dispatch()` and `lock()` and `handler` do the work; `options` holds the settings.

## Requirements
- P-1: The work is done once.
"""


def noop_after(repo, cli, path: str, before: str, after: str) -> list[str]:
    repo.commit("base", {"specs/p.md": SPEC, path: before})
    repo.commit("change", {path: after})
    noop: list[str] = review_json(cli, "HEAD")["noop_files"]
    return noop


@pytest.mark.parametrize(
    ("path", "before", "after"),
    [
        # an empty statement's `;` makes the next line conditional when it goes
        ("src/q.js", "if (ready);\nrun()\n", "if (ready)\nrun()\n"),
        ("src/w.js", "while (q.busy());\ndone()\n", "while (q.busy())\ndone()\n"),
        # a `;` inside a template literal is its text
        (
            "src/s.js",
            "const css = `\n  color: red;\n  margin: 0;\n`\n",
            "const css = `\n  color: red\n  margin: 0;\n`\n",
        ),
        # `{x:x}` in a format string is hex; `<>` in a string is SQL
        (
            "src/d.rs",
            'fn d(x: u8) {\n    println!("{x:x}");\n}\n',
            'fn d(x: u8) {\n    println!("{x}");\n}\n',
        ),
        ("src/q.rs", 'const Q: &str = "a <> b";\n', 'const Q: &str = "a  b";\n'),
        # a regular expression and a file name that start with a digit are no numbers
        ("src/h.js", "const HEX = /^0X[0-9A-F]+$/;\n", "const HEX = /^0x[0-9A-F]+$/;\n"),
        ("src/s.sh", ". ./lib/01_Common.sh\n", ". ./lib/01Common.sh\n"),
    ],
)
def test_what_the_formatting_rules_must_not_silence(repo, cli, path, before, after):
    """REVIEW-E72, E77 mended: each of these changes behaviour, and asks."""
    assert noop_after(repo, cli, path, before, after) == []


def test_a_control_statement_calling_a_function_defines_nothing(repo, cli):
    """REVIEW-E78 mended: `match dispatch(x) {`, `if ready() {` and Go's `go func() {` call;
    a JavaScript `function lock()` is still a definition with its callers."""
    rust = "fn serve(x: u8) -> u8 {\n    match dispatch(x) {\n        _ => 1,\n    }\n}\n"
    go = "package a\n\nfunc Serve() {\n\tgo func() {\n\t\tready()\n\t}()\n}\n"
    js = (
        "function lock(key) {\n  return store.set(key, 30);\n}\nfunction run() {\n  lock('j');\n}\n"
    )
    repo.commit("base", {"specs/p.md": SPEC, "src/a.rs": rust, "src/a.go": go, "src/l.js": js})
    changed = {
        "src/a.rs": rust.replace("_ => 1", "_ => 2"),
        "src/a.go": go.replace("\t\tready()", "\t\tready(true)"),
        "src/l.js": js.replace("key, 30", "key, 60"),
    }
    repo.commit("change", changed)
    data = review_json(cli, "HEAD", "--all")
    assert sorted(u["name"] for u in data["untested"]) == ["Serve", "lock", "serve"]
    assert {r["symbol"]["name"] for r in data["ripples"]} >= {"lock"}
    defined = json.loads(cli("context", "src/a.go", "--format", "json").out)["defines"]
    assert defined == ["Serve"]


def test_a_reference_below_the_change_does_not_cancel_the_one_above(repo, cli):
    """CHECK-E29 mended: the next method's `# P-1` below the change is no heading of it; and a
    Python function ends at an annotated assignment at the margin."""
    body = "".join(f"    r{n} = {n}\n" for n in range(30))
    ruby = f"module U\n  # P-1\n  def a(x)\n{body}    x\n  end\n\n  # P-1\n  def b\n  end\nend\n"
    python = "# P-1\ndef charge(x):\n    return x * 2\n\n\nREGISTRY: dict[str, int] = {\n"
    python += "".join(f'    "k{n}": {n},\n' for n in range(30)) + "}\n"
    repo.commit("base", {"specs/p.md": SPEC, "lib/u.rb": ruby, "src/pay.py": python})
    repo.stage({"lib/u.rb": ruby.replace("    x\n  end\n\n", "    x + 1\n  end\n\n")})
    assert "touches the code of P-1" in cli("check", "--staged").out
    repo.git("reset", "-q", "--hard")
    repo.stage({"src/pay.py": python.replace('"k25": 25', '"k25": 250')})
    assert "touched-requirement" not in cli("check", "--staged").out


def test_an_unrelated_file_added_in_scope_does_not_excuse_an_emptied_glob(repo, cli):
    """CHECK-E26 mended: the code must have gone somewhere the spec looks (moved there, or a
    file of the same stem added), not any file added to the scope."""
    spec = SPEC.replace('scope: ["src/**", "lib/**"]', 'scope: ["src/session/**", "src/auth/**"]')
    repo.commit(
        "base", {"specs/p.md": spec, "src/session/store.py": "x = 1\n", "src/auth/a.py": ""}
    )
    repo.git("rm", "-q", "src/session/store.py")
    repo.stage({"src/auth/helper.py": "y = 1\n"})
    assert "emptied-scope" in cli("check", "--staged").out


def test_a_ruby_index_assignment_declares_no_local(repo, cli):
    """REVIEW-E79 mended: `options[:timeout] = 10` writes the hash another method reads."""
    ruby = (
        "class C\n  def initialize\n    options[:timeout] = 5\n  end\n\n"
        "  def timeout\n    options[:timeout]\n  end\nend\n"
    )
    repo.commit("base", {"specs/p.md": SPEC, "lib/c.rb": ruby})
    repo.commit("longer", {"lib/c.rb": ruby.replace("= 5", "= 10")})
    ripples = {r["symbol"]["name"]: r["uses"] for r in review_json(cli, "HEAD")["ripples"]}
    assert ("lib/c.rb", 7) in {(u["path"], u["line"]) for u in ripples["options"]}


def test_a_forwarded_keyword_argument_names_its_parameter(repo, cli):
    """REVIEW-E76 mended: `verify=verify` is code, not a format."""
    spec = SPEC.replace(
        "- P-1: The work is done once.", "- P-1: Every request is sent with `verify=verify`."
    )
    repo.commit("base", {"specs/p.md": spec, "src/n.js": "let verify = true;\n"})
    repo.commit("off", {"src/n.js": "let verify = false;\n"})
    asked = review_json(cli, "HEAD")["questions"]
    assert [q["evidence"]["kind"] for q in asked if q["statement"]["id"] == "P-1"] == ["identifier"]


def test_rust_test_code_ends_at_its_arm_and_is_not_listed_as_unasked(repo, cli):
    """CHECK-E27 mended: `#[cfg(test)]` on a match arm marks that arm, not the next arm's
    block; REVIEW-E71: a hunk of a Rust unit test is not listed as code no question asks."""
    rust = (
        "// P-1\npub fn cost(m: &Mode) -> u32 {\n    match m {\n        #[cfg(test)]\n"
        "        Mode::Fake => 0,\n        Mode::Real(s) => {\n            s * 3\n"
        "        }\n    }\n}\n"
        "\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() {\n        assert!(true);\n    }\n}\n"
    )
    repo.commit("base", {"specs/p.md": SPEC, "src/lib.rs": rust})
    repo.stage({"src/lib.rs": rust.replace("s * 3", "s * 2")})
    assert "touches the code of P-1" in cli("check", "--staged").out
    repo.git("reset", "-q", "--hard")
    repo.commit("test", {"src/lib.rs": rust.replace("assert!(true)", "assert!(!false)")})
    assert review_json(cli, "HEAD")["unasked"] == []


def test_a_change_inside_an_arrow_function_writes_nothing_of_its_name(repo, cli):
    """REVIEW-E69 mended: a function's body is no value written to its name."""
    js = "const handler = (req, res) => {\n  res.send(1);\n};\nmodule.exports = handler;\n"
    repo.commit("base", {"specs/p.md": SPEC, "src/app.js": js})
    repo.commit("two", {"src/app.js": js.replace("send(1)", "send(2)")})
    kinds = {
        (r["symbol"]["name"], r["symbol"]["kind"]) for r in review_json(cli, "HEAD")["ripples"]
    }
    assert ("handler", "write") not in kinds


def test_const_and_extern_functions_removed_are_named(repo, cli):
    """REVIEW-E70 mended for `name-removed` (CHECK-E20): `pub const unsafe fn` and
    `pub extern "C" fn` are definitions there too."""
    spec = SPEC.replace("`dispatch()`", "`match_char()`")
    for qualifiers in ("pub const unsafe fn", 'pub extern "C" fn'):
        rust = f"{qualifiers} match_char(b: u8) -> bool {{\n    b == 1\n}}\n"
        repo.commit("base", {"specs/p.md": spec, "src/lib.rs": rust})
        repo.stage({"src/lib.rs": rust.replace("match_char", "is_char")})
        assert "removes `match_char`" in cli("check", "--staged").out, qualifiers
        repo.git("reset", "-q", "--hard")
