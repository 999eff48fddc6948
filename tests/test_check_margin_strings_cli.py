"""A string of several lines whose text sits at the margin (a usage text, SQL, a template
literal) is no code: it ends neither the block a comment's reference sits in (CHECK-E58) nor
the definition one heads (CHECK-E22)."""

from __future__ import annotations

SPEC = """---
id: AUTH
scope: ["pkg/**"]
---
# Auth

## Context
- `Cli` logs in.

## Requirements
- AUTH-1: The login checks the password.

## Edge Cases
- AUTH-E1: none.
"""

IN_BODY = '''class Cli:
    def login(self, pw):
        # AUTH-1
        usage = """
Usage: login [options]
"""
        if pw != self.pw:
            raise ValueError(usage)
        return True
'''
ABOVE = IN_BODY.replace("        # AUTH-1\n", "").replace("    def", "    # AUTH-1\n    def")
TEMPLATE = """class Cli {
  login(pw) {
    // AUTH-1
    const usage = `
Usage: login [options]
`;
    if (pw !== this.pw) {
      throw new Error(usage);
    }
    return true;
  }
}
"""


def test_a_string_at_the_margin_ends_no_block_a_reference_heads(repo, cli):
    """CHECK-E58, adversarial: `Usage: login [options]` at the margin inside the method read
    as a new statement less indented than `# AUTH-1`, and the hook no longer warned of a
    change below it (Python's triple quotes, JavaScript's template literal); nor did it of a
    reference above the method (CHECK-E22)."""
    for path, text, old, new in (
        ("pkg/cli.py", IN_BODY, "raise ValueError(usage)", "return False"),
        ("pkg/cli.py", ABOVE, "raise ValueError(usage)", "return False"),
        ("pkg/cli.js", TEMPLATE, "throw new Error(usage);", "return false;"),
    ):
        repo.commit("base", {"specs/auth.md": SPEC, path: text})
        repo.stage({path: text.replace(old, new)})
        result = cli("check", "--staged")
        assert "touches the code of AUTH-1" in result.out, (path, result)


DOCBLOCK = """/**
 * AUTH-1: the login checks the password.
 */
export function login(pw: string): boolean {
  if (!pw) {
    return false;
  }
  return check(pw);
}

export class Session {
  /**
   * AUTH-1: and so does a session's.
   */
  async login(pw: string) {
    return check(pw);
  }
}
"""


def test_a_docblock_reference_heads_the_code_below_it(repo, cli):
    """CHECK-E58, adversarial: ` * AUTH-1` inside a `/** ... */` docblock sits one column deeper
    than the function it heads; `export function login(` (`export`, a new statement less
    indented) and a class's `async login(pw)` were read as leaving its block, and the hook
    said nothing of a change in their bodies."""
    function = DOCBLOCK.replace("return check(pw);\n}", "return check(pw, 2);\n}")
    method = DOCBLOCK.replace("return check(pw);\n  }", "return check(pw, 2);\n  }")
    for edited in (function, method):
        assert edited != DOCBLOCK
        repo.commit("base", {"specs/auth.md": SPEC, "pkg/auth.ts": DOCBLOCK})
        repo.stage({"pkg/auth.ts": edited})
        result = cli("check", "--staged")
        assert "touches the code of AUTH-1" in result.out, (edited, result)


def test_a_reference_inside_a_docstring_heads_not_the_next_method(repo, cli):
    """CHECK-E58: the strings are read from the top of the file, so the `\"\"\"` that closes a
    docstring holding `AUTH-1` opens nothing: the next method's change is not AUTH-1's."""
    text = (
        'class A:\n    def login(self, pw):\n        """Log in.\n\n'
        '        AUTH-1: checks the password.\n        """\n        return check(pw)\n\n'
        "    def other(self):\n        x = 1\n        return x\n"
    )
    repo.commit("base", {"specs/auth.md": SPEC, "pkg/a.py": text})
    repo.stage({"pkg/a.py": text.replace("x = 1", "x = 2")})
    assert "touches the code of AUTH-1" not in cli("check", "--staged").out
