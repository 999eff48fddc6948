"""What the json-c trial (C) found in how C is read, through the CLI on real repositories: a
function that returns `struct X *` is named by its own name, not `X`, wherever a use is placed
(`context NAME`, review's ripples), as `context FILE` names it; a line of a multi-line
`#define` is in no function (REVIEW-E308)."""

from __future__ import annotations

import json
import subprocess

from testing.util import review_json

SPEC = """---
id: P
scope: ["p.c"]
---
# Parser

## Context
- `parse_ex()` returns a `struct json_object *`.

## Requirements
- P-1: `parse()` wraps `parse_ex()`.
"""

SOURCE = """struct json_object;
struct config {
    int depth;
};
struct json_object *parse_ex(const char *s)
{
    return 0;
}

struct json_object *parse(const char *s)
{
    return parse_ex(s);
}

static enum result check(struct config *c, const char *s)
{
    return parse_ex(s) ? 1 : 0;
}

#define PARSE_TWICE(s)  \\
    (parse_ex(s) &&     \\
     parse_ex(s))

int after(const char *s)
{
    return parse_ex(s) != 0;
}
"""


def _uses(cli, name):
    shown = json.loads(cli("context", name, "--format", "json").out)
    return {(u["line"], u["use"], u["function"]) for u in shown["name"]["uses"]}


def test_a_function_returning_a_struct_is_named_by_its_name(repo, cli):
    """REVIEW-E308 (json-c `json_tokener_parse_ex()`, `struct json_object *...`: its callers
    were listed "in json_object()" by `context` and review's ripples, which `context FILE`
    named right; a line of the `PEEK_CHAR` macro was in the function above it): calls in
    functions returning `struct X *` and `enum Y` are in those functions, both paths agree;
    the lines of a `\\`-continued `#define` are in no function, and a call right after the
    macro's last line is in its function again."""
    repo.commit("base", {"specs/p.md": SPEC, "p.c": SOURCE})
    assert _uses(cli, "parse_ex") == {
        (5, "definition", ""),
        (12, "call", "parse"),
        (17, "call", "check"),
        (21, "call", ""),
        (22, "call", ""),
        (26, "call", "after"),
    }
    defines = json.loads(cli("context", "p.c", "--format", "json").out)["defines"]
    assert {"parse_ex", "parse", "check", "after"} <= set(defines)
    repo.commit(
        "Return",
        {"p.c": SOURCE.replace("    return 0;\n}\n\nstruct", "    return s;\n}\n\nstruct", 1)},
    )
    data = review_json(cli, "HEAD")
    ripples = {r["symbol"]["name"]: r["uses"] for r in data["ripples"]}
    functions = {use["function"] for use in ripples["parse_ex"]}
    assert "json_object" not in functions and {"parse", "check"} <= functions


def test_a_struct_still_holds_its_fields(repo, cli):
    """REVIEW-E308, adversarial: `struct config {` (no function after its name) still holds
    the fields in its body."""
    repo.commit("base", {"specs/p.md": SPEC, "p.c": SOURCE})
    assert _uses(cli, "depth") == {(3, "read", "config")}


def test_the_mcp_context_tool_names_it_as_the_cli_does(tmp_path):
    """ASSIST-E11 (the json-c trial: the MCP `context` tool listed `json_tokener_parse_ex()`'s
    callers "in json_object()"): the tool's uses are the CLI's, each call in the function
    returning `struct json_object *` that holds it, a macro's line in none."""
    from test_commands_mcp import call, talk

    root = tmp_path / "c"
    root.mkdir()
    (root / "p.c").write_text(SOURCE)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t"]):
        if args[0] == "-c":
            args = [*args, "commit", "-qm", "base"]
        subprocess.run(["git", *args], cwd=root, check=True)
    seen: dict[int, str] = {}

    async def conversation(session):
        error, data, _ = await call(session, "context", target="parse_ex")
        assert not error
        seen.update({u["line"]: u["function"] for u in data["name"]["uses"]})

    talk(root, conversation)
    assert seen == {5: "", 12: "parse", 17: "check", 21: "", 22: "", 26: "after"}
