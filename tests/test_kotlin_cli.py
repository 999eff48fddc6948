"""What the clikt trial (Kotlin) found, through the CLI on real repositories: a Gradle source
set's test folder (`src/jvmTest/`, `src/commonTest/`) holds tests (CHECK-E72)."""

from __future__ import annotations

SPEC = """---
id: ARGS
scope: ["clikt/src/commonMain/**"]
---
# Argument files

## Context
- `readArgumentFile()` reads the arguments an `@file` names.

## Requirements
- ARGS-1: Quoted arguments keep their spaces.
"""

SOURCE = """package com.github.ajalt.clikt.parsers

// ARGS-1
fun readArgumentFile(text: String): List<String> = shlex(text)
"""

TEST = """package com.github.ajalt.clikt.parsers

import kotlin.test.Test

class AtFileTest {
    @Test
    fun quoted() { // ARGS-1
        check(readArgumentFile("'a b'") == listOf("a b"))
    }
}
"""


def test_gradle_source_set_tests_are_tests(repo, cli):
    """CHECK-E72 (ajalt/clikt's `clikt/src/jvmTest/`): a reference in a source set whose name
    ends in `Test` verifies and implements nothing; `src/commonMain/` stays implementation."""
    main = "clikt/src/commonMain/kotlin/parsers/atfile.kt"
    for folder in ("jvmTest", "commonTest", "androidUnitTest"):
        test = f"clikt/src/{folder}/kotlin/parsers/AtFileTest.kt"
        repo.commit(f"tests in {folder}", {"specs/args.md": SPEC, main: SOURCE, test: TEST})
        shown = cli("show", "ARGS-1").out
        assert f"verifies at {test}:7" in shown and f"implemented at {main}:3" in shown, shown
        assert "untested-requirement" not in cli("check", "HEAD").out
        repo.commit("moved away", {test: None})
