"""What the clikt trial (Kotlin) found, through the CLI on real repositories: a Gradle source
set's test folder (`src/jvmTest/`, `src/commonTest/`) holds tests (CHECK-E72); `new --scope`
drafts a Kotlin file's classes and functions, not "Draft: `Context.kt`" alone (NEW-E34)."""

from __future__ import annotations

from specflow.sources.markdown import parse_spec

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


KOTLIN = """package com.github.ajalt.clikt.core

/**
 * An object used to control command line parsing.
 *
 * @property parent The context of this command's parent.
 */
class Context private constructor(
    val parent: Context?,
    val command: BaseCliktCommand<*>,
) {
    /** Find the closest object of type [T], or null. */
    inline fun <reified T : Any> findObject(): T? = null

    /** Throw a [UsageError] with the given message. */
    fun fail(message: String = ""): Nothing = throw UsageError(message)

    fun fail(message: String, cause: Throwable): Nothing = throw UsageError(message)

    private fun secret(): Int = 1

    init {
        fun local() = 2
    }

    class Builder(command: BaseCliktCommand<*>, val parent: Context? = null) {
        fun valueSources(vararg sources: ValueSource) {
            fun inner(x: Int) = x
        }
    }

    companion object {
        fun build(command: BaseCliktCommand<*>, block: Builder.() -> Unit = {}): Context {
            return Builder(command).build()
        }
    }
}

/** Like [Context.findObject], on the command's context. */
inline fun <reified T : Any> BaseCliktCommand<*>.requireObject(
    key: String,
    @Suppress("UNUSED") default: (() -> T)? = null,
): T = currentContext.findObject<T>(key)!!

internal fun shlex(filename: String, text: String): List<String> = emptyList()

private fun hidden(): Unit = Unit

private class Secret {
    fun notShown() = 1
}
"""


def test_a_kotlin_file_drafts_its_classes_and_functions(repo, cli):
    """NEW-E34 (the clikt trial: `new --scope .../core/Context.kt` drafted its path alone): a
    class, its methods by it (one line for overloads; a companion object's by the class; a
    nested class by its outer one), an extension function by its receiver, an `internal`
    function, each with its KDoc's first sentence, a link written as a name. Nothing
    `private`, nor a function's local functions, nor what an `init` block holds."""
    repo.commit("code", {"src/Context.kt": KOTLIN})
    assert cli("new", "Drafted", "--id", "DRAFTED", "--scope", "src/**").code == 0
    assert cli("lint").code == 0
    spec = parse_spec("specs/drafted.md", repo.read("specs/drafted.md"))
    assert [c.text.splitlines() for c in spec.context] == [
        [
            "Draft: `src/Context.kt`",
            "- `class Context`: An object used to control command line parsing.",
            "- `Context.findObject()`: Find the closest object of type `T`, or null.",
            "- `Context.fail(message)`: Throw a `UsageError` with the given message.",
            "- `class Context.Builder`",
            "- `Context.Builder.valueSources(sources)`",
            "- `Context.build(command, block)`",
            "- `BaseCliktCommand.requireObject(key, default)`: Like `Context.findObject`, on"
            " the command's context.",
            "- `shlex(filename, text)`",
        ]
    ]


def _drafted(repo, cli, path: str, text: str) -> list[list[str]]:
    """The Context lines `new --scope src/**` drafts once `text` is committed at `path`."""
    repo.commit("code", {path: text})
    assert cli("new", "Drafted", "--id", "DRAFTED", "--scope", "src/**").code == 0
    spec = parse_spec("specs/drafted.md", repo.read("specs/drafted.md"))
    return [c.text.splitlines() for c in spec.context]


NO_OP = """package demo

/**
 * A [SuspendingCliktCommand] that has a default implementation of
 * [run][SuspendingCliktCommand.run] that is a no-op.
 */
open class NoOpCommand : SuspendingCliktCommand() {
    /** Echo it with [the terminal][Context.terminal], then [Context.exit]. */
    fun shout(text: String) = Unit
}
"""


def test_a_kdoc_link_with_its_own_text_drafts_as_that_text(repo, cli):
    """NEW-E34: `[run][SuspendingCliktCommand.run]` is a link that shows `run` (clikt 5.1.0's
    SuspendingNoOpCliktCommand.kt), drafted as that name, and `[the terminal][...]` as its
    words; the draft showed ```` ```run``SuspendingCliktCommand.run``` ````."""
    assert _drafted(repo, cli, "src/NoOp.kt", NO_OP) == [
        [
            "Draft: `src/NoOp.kt`",
            "- `class NoOpCommand`: A `SuspendingCliktCommand` that has a default"
            " implementation of `run` that is a no-op.",
            "- `NoOpCommand.shout(text)`: Echo it with the terminal, then `Context.exit`.",
        ]
    ]


COMMANDS = """package demo

/** Add the given commands as subcommands of this command. */
fun <T : BaseCliktCommand<T>, CommandT : T> CommandT.subcommands(vararg commands: T): CommandT =
    apply { }

/** Configure this command's context. */
fun <T : BaseCliktCommand<T>, U : T> U.context(block: Context.Builder.() -> Unit): U = apply { }

fun <T> T.alsoPrint(): T = this

fun <T : Any> List<T>.second(): T = this[1]
"""


def test_an_extension_of_a_type_parameter_drafts_by_its_bound(repo, cli):
    """NEW-E34: clikt 5.1.0's `fun <T : BaseCliktCommand<T>, CommandT : T>
    CommandT.subcommands(` extends what bounds its receiver, drafted `BaseCliktCommand.
    subcommands(commands)`, not by the type parameter `CommandT`, which no reader finds; an
    unbounded one by the function's name alone, a generic class's by the class."""
    assert _drafted(repo, cli, "src/Commands.kt", COMMANDS) == [
        [
            "Draft: `src/Commands.kt`",
            "- `BaseCliktCommand.subcommands(commands)`: Add the given commands as subcommands"
            " of this command.",
            "- `BaseCliktCommand.context(block)`: Configure this command's context.",
            "- `alsoPrint()`",
            "- `List.second()`",
        ]
    ]


SUPPRESSED = """package demo

/** Find the closest object of type [T], or throw. */
@Suppress("UnusedReceiverParameter") // these extensions don't use their receiver
inline fun <reified T : Any> BaseCliktCommand<*>.requireObject(key: String): T = TODO()
"""


def test_a_kdoc_above_an_annotation_with_a_comment_is_read(repo, cli):
    """NEW-E34, as NEW-E12 reads a doc comment above the attributes: clikt 5.1.0's
    `requireObject` has `@Suppress("UnusedReceiverParameter") // ...` between its KDoc and
    its `fun`, and was drafted with no summary."""
    assert _drafted(repo, cli, "src/Objects.kt", SUPPRESSED) == [
        [
            "Draft: `src/Objects.kt`",
            "- `BaseCliktCommand.requireObject(key)`: Find the closest object of type `T`, or"
            " throw.",
        ]
    ]


PROMPT = """package demo

/** Prompt the user for manual input. */
fun <T : Any> NullableOption<T, T>.prompt(
    text: String? = null,
    promptSuffix: String = ": ",
    confirmationMismatchMessage: String = "Values do not match (try again, or quit)",
    separator: Char = ',',
): OptionWithValues<T, T, T> = transformAll { it }
"""


def test_a_default_string_holds_no_parameter(repo, cli):
    """NEW-E34: clikt 5.1.0's `prompt(...)` has a default `"Values do not match, try again"`:
    its `,` ends no parameter (it was drafted `..., confirmationMismatchMessage, again")`), nor
    does a `)` or a character `','`."""
    assert _drafted(repo, cli, "src/Prompt.kt", PROMPT) == [
        [
            "Draft: `src/Prompt.kt`",
            "- `NullableOption.prompt(text, promptSuffix, confirmationMismatchMessage,"
            " separator)`: Prompt the user for manual input.",
        ]
    ]


SCRIPT = '''package demo

class Script {
    /** The bash completion script. */
    fun bash(): String = """
_complete() {
  echo "fun notAFunction(x)"
}
""".trimIndent()

    fun zsh(name: String): String = name
}
'''


def test_a_raw_string_at_the_margin_holds_no_declaration(repo, cli):
    """NEW-E34: the lines of a `\"\"\"` string are no code whatever their indentation: a shell
    script at the margin closed the class, and `Script.zsh` was drafted as a top-level
    `zsh(name)`."""
    assert _drafted(repo, cli, "src/Script.kt", SCRIPT) == [
        [
            "Draft: `src/Script.kt`",
            "- `class Script`",
            "- `Script.bash()`: The bash completion script.",
            "- `Script.zsh(name)`",
        ]
    ]


def test_a_kdoc_above_an_annotation_over_several_lines_is_read(repo, cli):
    """NEW-E37 (the review of NEW-E34): the KDoc above `@Deprecated(` ... `)` documents the
    function below the annotation, as the one above a one-line annotation does; the `)` that
    closes a value's call above a function is no annotation, and lends it no comment."""
    code = '/** Find the object. */\n@Deprecated(\n    "use findObject",\n'
    code += '    ReplaceWith("findObject()"),\n)\nfun Context.lookup(key: String): Any? = null\n\n'
    code += "/** A value. */\nval x = listOf(\n    1,\n)\nfun bare() = 2\n"
    repo.commit("code", {"src/Lookup.kt": code})
    assert cli("new", "Drafted", "--id", "DRAFTED", "--scope", "src/**").code == 0
    spec = parse_spec("specs/drafted.md", repo.read("specs/drafted.md"))
    assert [c.text.splitlines() for c in spec.context] == [
        ["Draft: `src/Lookup.kt`", "- `Context.lookup(key)`: Find the object.", "- `bare()`"]
    ]
