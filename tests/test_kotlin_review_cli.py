"""What the clikt trial (Kotlin) found, through the CLI on real repositories: a `fun` with an
extension's receiver, modifiers or type parameters defines its name and holds its body, and a
class's function (an expression body's too) is that class's (REVIEW-E411)."""

from __future__ import annotations

from typing import Any

import pytest

from testing.util import asked_acts, review_json, reviewed_rewrite

SPEC = """---
id: CMD
scope: ["src/**"]
---
# Commands

## Context
- `CliktCommand` is the base of every command.
- `inferCommandName()` turns a class name into a command's name.
- `Context.findObject()` looks an object up in the context and its parents.
- `MultiUsageError` collects several usage errors into one.

## Requirements
- CMD-1: `run()` echoes the command's name.
- CMD-2: `describe()` joins the items of a list with commas.
- CMD-3: Several usage errors are reported together, as one `MultiUsageError`.
"""

COMMAND = """package demo

abstract class CliktCommand(val name: String? = null) {
    fun run(ctx: Context) {
        val found = ctx.findObject<String>("key")
        println(found)
    }
}

private fun CliktCommand.inferCommandName(): String {
    val name = this::class.simpleName.orEmpty()
    return name.removeSuffix("Command").lowercase()
}

internal inline fun <reified T : Any> Context.findObject(key: String): T? {
    return data[key] as? T ?: parent?.findObject<T>(key)
}

suspend fun <T> List<T>.describe(): String = joinToString(
    ", "
)

fun main(ctx: Context) {
    println(ctx.findObject<String>("main"))
}

class MultiUsageError(
    val errors: List<UsageError>,
) : UsageError(null) {
    companion object {
        fun buildOrNull(errors: List<UsageError>): UsageError? = when (errors.size) {
            0 -> null
            1 -> errors[0]
            else -> MultiUsageError(errors)
        }
    }
}
"""


def _changed(repo, cli, old: str, new: str) -> dict[str, Any]:
    repo.commit("base", {"specs/cmd.md": SPEC, "src/Command.kt": COMMAND})
    assert old in COMMAND
    repo.commit("change", {"src/Command.kt": COMMAND.replace(old, new)})
    return review_json(cli, "HEAD", "--all")


@pytest.mark.parametrize(
    ("old", "new", "line", "name"),
    [
        (  # clikt `95ce4f0`: `private fun CliktCommand.inferCommandName()`
            '.removeSuffix("Command")',
            '.removeSuffix("Commands").removeSuffix("Command")',
            9,
            "inferCommandName",
        ),
        (  # modifiers, type parameters and the receiver `Context.`
            "?: parent?.findObject<T>(key)",
            "?: parent?.findObject<T>(key.trim())",
            10,
            "findObject",
        ),
    ],
)
def test_an_extension_function_holds_its_body(repo, cli, old, new, line, name):
    """REVIEW-E411: a change inside `fun Receiver.name(` is a change of `name`, asked of the
    statement naming it (`inferCommandName()`, `Context.findObject()`), never a call of it."""
    asked = asked_acts(_changed(repo, cli, old, new))
    assert asked.get(line) == [("changes", name)], asked


def test_a_call_in_a_body_is_still_a_call(repo, cli):
    """REVIEW-E411: `ctx.findObject<String>("key")` inside `run` calls `findObject`: the
    change is `run`'s (and, `run` being `CliktCommand`'s, `Context.findObject()` is another
    class's, REVIEW-E237); in a top-level `main` the call still asks the statement naming it;
    and a generic receiver's expression body over lines holds its lines."""
    data = _changed(repo, cli, '<String>("key")', '<String>("name")')
    assert asked_acts(data) == {14: [("changes", "run")]}, asked_acts(data)
    called = asked_acts(_changed(repo, cli, '<String>("main")', '<String>("other")'))
    assert called.get(10) == [("changes", "main")], called
    spread = asked_acts(_changed(repo, cli, '    ", "\n', '    "; "\n'))
    assert spread.get(15) == [("changes", "describe")], spread


def test_a_class_function_with_an_expression_body_is_its_classs(repo, cli):
    """REVIEW-E411 (clikt `aa982b0`, `b2922a7`): `fun buildOrNull(...) = when (...) {` in a
    companion object is `MultiUsageError`'s: the requirement naming the class is still asked,
    and the change is `buildOrNull`'s, not the class's."""
    asked = asked_acts(_changed(repo, cli, "1 -> errors[0]", "1 -> errors.first()"))
    assert asked.get(16) == [("changes", "buildOrNull")], asked


ROUTER = """package mux

type Router struct{ routes []string }

func (r *Router) Match(req string) bool {
\treturn len(r.routes) > 0 && req != ""
}
"""

ROUTER_SPEC = """---
id: ROUTER
scope: [mux.go]
---
# Router

## Context
- `Router.Match()` tries each route in order.
"""


def test_other_languages_read_as_before(repo, cli):
    """REVIEW-E411 reads `fun` in Kotlin only: in one change, the Kotlin extension's body is
    `inferCommandName`'s and the Go method's is still `Router.Match`'s (REVIEW-E141)."""
    files = {"specs/cmd.md": SPEC, "src/Command.kt": COMMAND}
    repo.commit("base", {**files, "specs/router.md": ROUTER_SPEC, "mux.go": ROUTER})
    kotlin = COMMAND.replace(".lowercase()\n}", ".uppercase()\n}")
    repo.commit("both", {"src/Command.kt": kotlin, "mux.go": ROUTER.replace('""', '"/"')})
    asked = {
        (q["statement"]["spec"], q["statement"]["line"]): [a["name"] for a in q["acts"]]
        for q in review_json(cli, "HEAD", "--all")["questions"]
    }
    assert asked[("CMD", 9)] == ["inferCommandName"], asked
    assert asked[("ROUTER", 8)] == ["Match"], asked


def test_a_ripple_row_in_an_extension_function_is_that_function(repo, cli):
    """REVIEW-E411: git's header `private fun CliktCommand.lookup(ctx: Context)` names the
    function a use of a changed `findObject` lies in: `lookup`, no call of
    `CliktCommand.lookup`."""
    context = "package demo\n\nclass Context {\n    fun findObject(key: String) = key.trim()\n}\n"
    use = (
        "package demo\n\nprivate fun CliktCommand.lookup(ctx: Context): String? {\n"
        '    return ctx.findObject("x")\n}\n'
    )
    repo.commit("base", {"specs/cmd.md": SPEC, "src/Ctx.kt": context, "src/Use.kt": use})
    repo.commit("trim", {"src/Ctx.kt": context.replace("trim()", "lowercase()")})
    ripples = {r["symbol"]["name"]: r["uses"] for r in review_json(cli, "HEAD")["ripples"]}
    assert [(u["path"], u["function"]) for u in ripples["findObject"]] == [("src/Use.kt", "lookup")]


ROOT_SPEC = """---
id: CTX
scope: ["src/**"]
---
# Context

## Context
- `Context.findRoot()` walks up `parent` to the root context.

## Requirements
- CTX-1: `findRoot()` of a root context is that context.
"""

ROOT = """package demo

class Context(val parent: Context?, val name: String?) {
    fun findRoot(): Context {
        var ctx = this
        while (ctx.parent != null) {
            ctx = ctx.parent!!
        }
        return ctx
    }

    fun label(): String {
        if (parent != null && name != null) {
            return parent!!.label() + name!!
        }
        return name!!
    }
}
"""


def _rewritten(repo, cli, old: str, new: str) -> bool:
    """Whether the review calls the rewrite one that changes no behaviour."""
    data, _ = reviewed_rewrite(repo, cli, "src/Context.kt", ROOT, f"{old} -> {new}", old, new)
    return bool(data["noop_files"] == ["src/Context.kt"])


def test_a_smart_cast_value_loses_its_assertion_for_nothing(repo, cli):
    """REVIEW-E412 (clikt `feeffc01`: `ctx = ctx.parent!!` in `findRoot`'s `while (ctx.parent !=
    null)` became `ctx = ctx.parent`, and asked two statements): Kotlin smart-casts the value
    the condition tests, so its `!!` never threw. A `!!` dropped after a value no condition
    around it tests, one that an `||` condition tests, or one added, still asks."""
    repo.commit("base", {"specs/ctx.md": ROOT_SPEC, "src/Context.kt": ROOT})
    assert _rewritten(repo, cli, "ctx.parent!!", "ctx.parent")
    assert _rewritten(repo, cli, "parent!!.label() + name!!", "parent.label() + name")
    assert not _rewritten(repo, cli, "return name!!", "return name")  # no condition
    assert not _rewritten(repo, cli, "ctx = this", "ctx = this!!")  # added
    either = ROOT.replace("parent != null && name", "parent != null || name")
    repo.commit("either", {"src/Context.kt": either})
    repo.commit("dropped", {"src/Context.kt": either.replace("+ name!!", "+ name")})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []
    other = ROOT.replace("ctx.parent != null", "ctx.name != null")
    repo.commit("other value", {"src/Context.kt": other})
    repo.commit("dropped", {"src/Context.kt": other.replace("ctx.parent!!", "ctx.parent")})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []


WALK = """package demo

class Walk(val parent: Walk?) {
    fun lineage(): List<Walk?> {
        val seen = mutableListOf<Walk?>()
        var ctx = this
        while (ctx.parent != null) {
            ctx = ctx.parent!!
            seen.add(ctx.parent!!)
        }
        return seen
    }
}
"""


def test_a_value_assigned_since_its_test_keeps_its_assertion(repo, cli):
    """REVIEW-E412, adversarial: below `ctx = ctx.parent!!` the tested `ctx.parent` is another
    context's, which may have none; `seen.add(ctx.parent!!)` threw at the root, and without
    its `!!` adds null, so dropping it asks. The first line's `!!`, tested before the
    assignment on its own line, is still no change."""
    repo.commit("base", {"specs/ctx.md": ROOT_SPEC, "src/Walk.kt": WALK})
    later = ("seen.add(ctx.parent!!)", "seen.add(ctx.parent)")
    first = ("ctx = ctx.parent!!", "ctx = ctx.parent")
    data, _ = reviewed_rewrite(repo, cli, "src/Walk.kt", WALK, "assigned since", *later)
    assert data["noop_files"] == []
    data, _ = reviewed_rewrite(repo, cli, "src/Walk.kt", WALK, "tested first", *first)
    assert data["noop_files"] == ["src/Walk.kt"]


SCRIPTED = COMMAND.replace(
    "    companion object {\n",
    '    companion object {\n        val HELP = """\nSeveral usage errors:\n""".trimIndent()\n\n',
)


def test_a_raw_string_at_the_margin_keeps_a_functions_class(repo, cli):
    """REVIEW-E411: the lines of a `\"\"\"` string are no code whatever their indentation: a
    help text at the margin above `buildOrNull` ended the walk up to its class, and the
    statement naming `MultiUsageError` was no longer asked. A change inside an indented
    string is still its function's."""
    repo.commit("base", {"specs/cmd.md": SPEC, "src/Command.kt": SCRIPTED})
    changed = SCRIPTED.replace("1 -> errors[0]", "1 -> errors.first()")
    repo.commit("change", {"src/Command.kt": changed})
    asked = asked_acts(review_json(cli, "HEAD", "--all"))
    assert asked.get(16) == [("changes", "buildOrNull")], asked
    inside = changed.replace(
        "            0 -> null\n",
        "            0 -> null.also {\n"
        '                println("""\n                    none\n                """)\n'
        "            }\n",
    )
    repo.commit("a string", {"src/Command.kt": inside})
    repo.commit("its text", {"src/Command.kt": inside.replace("  none", "  nothing")})
    asked = asked_acts(review_json(cli, "HEAD", "--all"))
    assert asked.get(16) == [("changes", "buildOrNull")], asked


def test_a_go_field_named_fun_defines_no_function(repo, cli):
    """REVIEW-E411, adversarial (the review of the change: BurntSushi/toml's `encode_test.go`
    holds `fun func()`, a struct field): Kotlin's `fun name(` is read in Kotlin files alone,
    so a Go field's type is no function `func` the change defines and no test mentions."""
    spec = '---\nid: ENC\nscope: ["*.go"]\n---\n# Encoding\n\n## Requirements\n- ENC-1: A value.\n'
    code = "package toml\n\ntype tester struct {\n\tname string\n\tfun  func()\n}\n"
    repo.commit("base", {"specs/enc.md": spec, "helpers.go": code})
    repo.commit("returns", {"helpers.go": code.replace("func()", "func() error")})
    data = review_json(cli, "HEAD")
    assert [u["name"] for u in data["untested"]] == [], data["untested"]
