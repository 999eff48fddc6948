"""A language's own comment syntax, through the CLI on real repositories (the psr7 and cJSON
trials): `#` opens a comment in PHP and a preprocessor directive in C, for the review's no-op
judgement and for the hook's `touched-requirement` (REVIEW-E95, CHECK-E32)."""

from __future__ import annotations

from testing.util import review_json

PORT_SPEC = """---
id: PORT
scope: ["src/**"]
---
# Ports

## Context
- `Port` checks ports.

## Requirements
- PORT-1: A port outside 0-65535 is an `InvalidArgumentException`.
"""

PORT = """<?php

class Port
{
    # PORT-1
    public function check(int $port): int
    {
        if ($port < 0 || $port > 65535) {
            throw new \\InvalidArgumentException('bad #port');
        }

        return $port;
    }
}
"""

APP = "<?php\n$p = new Port();\n$p->check(80);\n"


def test_a_php_hash_comment_is_a_comment(repo, cli):
    """REVIEW-E95 (psr7 trial, defect 2: a commit adding only `# why: ports are 16 bits` asked
    a question and rippled to every `new Port()`): a PHP `#` comment, with or without a space,
    is no change; the hook warns nothing under the `# PORT-1` that heads the method."""
    repo.commit("base", {"specs/port.md": PORT_SPEC, "src/Port.php": PORT, "src/App.php": APP})
    noted = PORT.replace(
        "        if ($port < 0",
        "        # why: ports are 16 bits\n        #TODO\n        if ($port < 0",
    ).replace("return $port;", "return $port; # checked")
    repo.commit("Explain the port range", {"src/Port.php": noted})
    data = review_json(cli, "HEAD")
    assert (data["questions"], data["ripples"], data["unasked"]) == ([], [], [])
    assert data["noop_files"] == ["src/Port.php"]
    assert "touched-requirement" not in cli("check", "HEAD").out


def test_php_code_beside_a_hash_still_asks(repo, cli):
    """REVIEW-E95, adversarial: PHP 8's `#[...]` is an attribute, not a comment; a `#` inside a
    string is its text; and a line of code under `# PORT-1` is still that requirement's code."""
    repo.commit("base", {"specs/port.md": PORT_SPEC, "src/Port.php": PORT, "src/App.php": APP})
    changes = {
        "attribute": PORT.replace(
            "    public function", "    #[\\Deprecated]\n    public function"
        ),
        "string": PORT.replace("'bad #port'", "'bad #number'"),
        "code": PORT.replace("$port > 65535", "$port > 65536"),
    }
    for subject, text in changes.items():
        repo.commit(subject, {"src/Port.php": text})
        data = review_json(cli, "HEAD", "--all")
        assert data["noop_files"] == [], subject
        assert "touches the code of PORT-1" in cli("check", "HEAD").out, subject
        repo.commit("back", {"src/Port.php": PORT})


NEST_SPEC = """---
id: NEST
scope: ["lib.h", "src/**"]
---
# Nesting

## Context
- `NESTING_LIMIT` caps how deep arrays may nest.

## Requirements
- NEST-1: Input nested deeper than `NESTING_LIMIT` is rejected; the limit is 1000 unless the
  user defines it.
- NEST-2: A key longer than `KEY_LIMIT` is rejected.
"""

HEADER = """/* NEST-1 */
#ifndef NESTING_LIMIT
# define NESTING_LIMIT 1000
#endif

#if defined(SMALL)
#  define KEY_LIMIT 16 /* NEST-2 */
#  define KEY_PAD 4
#endif
"""


def test_an_indented_c_directive_is_code(repo, cli):
    """REVIEW-E95, CHECK-E32 (cJSON trial, D6): `# define` and `#  define` inside an `#if` are
    preprocessor directives, not comments: changing the limit under `/* NEST-1 */` warns
    `touched-requirement`, as `#define` did; the `/* NEST-2 */` a directive carries is its
    reference and heads the directive below it; the review asks about both. A `/* */` comment
    reworded stays silent."""
    repo.commit("base", {"specs/nest.md": NEST_SPEC, "lib.h": HEADER})
    assert (
        "implemented at lib.h:7: #  define KEY_LIMIT 16 /* NEST-2 */" in cli("show", "NEST-2").out
    )
    lowered = HEADER.replace("NESTING_LIMIT 1000", "NESTING_LIMIT 10")
    shorter = HEADER.replace("KEY_PAD 4", "KEY_PAD 2")
    for subject, text, item in (("lower", lowered, "NEST-1"), ("shorter", shorter, "NEST-2")):
        repo.commit(subject, {"lib.h": text})
        assert f"touches the code of {item}" in cli("check", "HEAD").out, subject
        data = review_json(cli, "HEAD")
        assert item in {q["statement"]["id"] for q in data["questions"]}, subject
        assert data["noop_files"] == [], subject
        repo.commit("back", {"lib.h": HEADER})
    reworded = HEADER.replace("/* NEST-2 */", "/* NEST-2: keys */")
    repo.commit("reword", {"lib.h": reworded})
    assert "touched-requirement" not in cli("check", "HEAD").out
    assert review_json(cli, "HEAD")["noop_files"] == ["lib.h"]
