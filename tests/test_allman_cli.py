"""What the cJSON (C) and guzzle/psr7 (PHP) trials found, through the CLI on real repositories:
a function whose `{` is on a line of its own (Allman style), behind a return type that is a
macro's call, or a PSR-12 method, is a definition for the review, its ripples, the hook's
heading and `context` (REVIEW-E90, CHECK-E30, REVIEW-E92); a prototype, a call or a macro's
loop is none (REVIEW-E91)."""

from __future__ import annotations

import json

from testing.util import review_json

MIN_SPEC = """---
id: MIN
scope: ["lib.c", "lib.h"]
---
# Minify

## Context
- `json_minify()` rewrites a string in place.

## Requirements
- MIN-1: The minifier drops whitespace and comments and never reads past the NUL.
"""

BODY = "\n".join(f"    step{i}(s);" for i in range(30))


def minify(header: str) -> str:
    """A C function 35 lines long under `/* MIN-1 */`, its header as given."""
    return (
        f"#include <stdio.h>\n\n/* MIN-1 */\n{header}\n{BODY}\n"
        "    if (s[0] == '/')\n    {\n        skip_comment(s);\n    }\n}\n"
    )


FIXED = ("        skip_comment(s);\n", "        skip_comment(s);\n    } else {\n        s++;\n")
HEADERS = {
    "allman": "void json_minify(char *s)\n{",
    "macro": "API(void) json_minify(char *s)\n{",
    "params": "static void json_minify(char *s,\n                        size_t length)\n{",
}


def test_an_allman_c_function_holds_its_change(repo, cli):
    """REVIEW-E90, CHECK-E30 (cJSON 08d2bc7: a fix at the end of `cJSON_Minify`, 65 lines under
    `/* PARSE-8 */`, asked nothing and passed the hook without a word): with its `{` on a line
    of its own, behind `API(void)`, or its parameters over two lines, the function holds the
    change (the review says so and asks MIN-1, which its reference heads), and the hook warns
    `touched-requirement` 30 lines below the reference, as it does for `f(...) {`."""
    for style, header in HEADERS.items():
        repo.commit(f"base {style}", {"specs/min.md": MIN_SPEC, "lib.c": minify(header)})
        repo.stage({"lib.c": minify(header).replace(*FIXED)})
        assert "touches the code of MIN-1" in cli("check", "--staged").out, style
        repo.commit(f"fix {style}")
        questions = review_json(cli, "HEAD")["questions"]
        assert [q["statement"]["id"] for q in questions][:1] == ["MIN-1"], style
        assert questions[0]["acts"] == [{"verb": "changes", "name": "json_minify", "using": ""}]


def test_a_reference_above_a_call_or_a_prototype_heads_no_function_body(repo, cli):
    """CHECK-E30, adversarial: a reference right above a prototype (`int f(int);`), a call's
    statement or a macro's loop (`FOR_EACH(e, list)` then `{`) heads no definition below it:
    a change past 20 lines below, in the next function, is not its code."""
    long = "\n".join(f"    other{i}(s);" for i in range(30))
    for above in ("int json_minify(char *s);", "json_minify(s);", "FOR_EACH(e, list)\n{\n}"):
        text = f"/* MIN-1 */\n{above}\n\nint next(char *s)\n{{\n{long}\n    return 0;\n}}\n"
        repo.commit(f"base {above}", {"specs/min.md": MIN_SPEC, "lib.c": text})
        repo.stage({"lib.c": text.replace("    return 0;", "    return 1;")})
        assert "touched-requirement" not in cli("check", "--staged").out, above


OUTER = """int outer(struct list *list)
{
    FOR_EACH(e, list)
    {
        if (json_minify(e))
        {
            count(e);
        }
    }
    return 0;
}
"""


def test_a_call_before_a_brace_line_is_no_function(repo, cli):
    """REVIEW-E91, adversarial: a macro's loop (`FOR_EACH(e, list)`) and a condition that calls
    (`if (json_minify(e))`), each with its `{` on the next line, define nothing: the change
    inside them is in `outer()`, rippled as `outer`, never as `FOR_EACH` or `json_minify`."""
    repo.commit("base", {"specs/min.md": MIN_SPEC, "lib.c": OUTER})
    repo.commit("more", {"lib.c": OUTER.replace("count(e);", "count(e + 1);")})
    untested = review_json(cli, "HEAD", "--all")["untested"]
    assert [(u["path"], u["name"]) for u in untested] == [("lib.c", "outer")]


MAIN_C = """#include "lib.h"

static int detach_path(int x)
{
    return x;
}

static int sort_list(int n)
{
    if (n <= 1)
    {
        return n;
    }
    return sort_list(n / 2) + sort_list(n - n / 2);
}

API(int) sort_all(int n)
{
    if (sort_list(n))
    {
        return sort_list(n);
    }
    return 0;
}
"""


def test_context_reads_c_definitions_prototypes_and_calls(repo, cli):
    """REVIEW-E92 (cJSON: `context cJSON_Delete` listed its definition and its prototype as
    calls, a recursive call "in cJSON_New_Item()", and calls "in CJSON_PUBLIC()"): the
    definition and the prototype are listed as defined, each call in the function it is in;
    `if (sort_list(n))` and `return sort_list(n);` stay calls, and the file defines them all."""
    header = "API(int) sort_list(int n);\nAPI(int) sort_all(int n,\n                  int flags);\n"
    repo.commit("base", {"lib.c": MAIN_C, "lib.h": header})
    shown = json.loads(cli("context", "sort_list", "--format", "json").out)
    uses = {(u["path"], u["line"]): (u["use"], u["function"]) for u in shown["name"]["uses"]}
    assert uses == {
        ("lib.c", 8): ("definition", ""),
        ("lib.h", 1): ("definition", ""),
        ("lib.c", 14): ("call", "sort_list"),
        ("lib.c", 19): ("call", "sort_all"),
        ("lib.c", 21): ("call", "sort_all"),
    }
    defines = json.loads(cli("context", "lib.c", "--format", "json").out)["defines"]
    assert defines == ["detach_path", "sort_list", "sort_all"]
    assert json.loads(cli("context", "lib.h", "--format", "json").out)["defines"] == [
        "sort_list",
        "sort_all",
    ]


HOOKS_C = """typedef struct internal_hooks
{
    void *(*allocate)(size_t size);
} internal_hooks;

static int compare(const char *a, const char *b)
{
    return strcmp(a, b);
}
"""


def test_a_typedef_struct_in_allman_style_is_no_function(repo, cli):
    """REVIEW-E90 (cJSON f32703a: a change to `internal_hooks`' fields "changes
    `case_insensitive_strcmp()`", the function above it, and cJSON.h's `cJSON_Hooks` "changes
    `struct()`"): the change is in the type, and no function; a new prototype in a header
    changes what it declares (983bb2b: not `CJSON_PUBLIC()`)."""
    spec = MIN_SPEC.replace('["lib.c", "lib.h"]', '["lib.c", "lib.h", "hooks.c"]')
    header = "API(void) json_minify(char *s);\n"
    repo.commit("base", {"specs/min.md": spec, "hooks.c": HOOKS_C, "lib.h": header})
    edited = HOOKS_C.replace("(*allocate)", "(CDECL *allocate)")
    repo.commit("cdecl", {"hooks.c": edited, "lib.h": header + "API(int) json_size(char *s);\n"})
    untested = review_json(cli, "HEAD", "--all")["untested"]
    assert sorted((u["path"], u["name"]) for u in untested) == [
        ("hooks.c", "internal_hooks"),
        ("lib.h", "json_size"),
    ]


GREETER_SPEC = """---
id: GREET
scope: ["src/**"]
---
# Greeting

## Context
- `Greeter::greet()` builds the greeting.

## Requirements
- GREET-1: The greeting is `Hello ` and the name.
"""

GREETER = """<?php

class Greeter
{
    public function __construct()
    {
        $this->name = 'x';
    }

    public static function greet(string $name): string
    {
        return 'Hello ' . $name;
    }
}
"""

APP = """<?php

function main(): void
{
    $g = new Greeter();
    echo Greeter::greet('world');
    $f = static function () use ($g) {
        return $g;
    };
}
"""


def test_a_psr12_php_method_holds_its_change(repo, cli):
    """REVIEW-E90, REVIEW-E92 (psr7 d55bd56: `Header::normalize()` rewritten, every hunk read
    as in `Header()`, rippled to `new Header` and asked nothing): a PSR-12 method (`public
    static function greet(...)` then `{`) holds the change, ripples to its callers (not the
    class's constructions), and `context` lists its definition and its calls in the function
    they are in; a closure's `function () use ($g)` defines no `use`."""
    repo.commit(
        "base", {"specs/greet.md": GREETER_SPEC, "src/Greeter.php": GREETER, "App.php": APP}
    )
    repo.commit("Comma", {"src/Greeter.php": GREETER.replace("'Hello '", "'Hello, '")})
    data = review_json(cli, "HEAD")
    ripples = {r["symbol"]["name"]: r["uses"] for r in data["ripples"]}
    assert list(ripples) == ["greet"]
    assert [(u["path"], u["function"]) for u in ripples["greet"]] == [("App.php", "main")]
    shown = json.loads(cli("context", "greet", "--format", "json").out)
    uses = {(u["line"], u["use"], u["function"]) for u in shown["name"]["uses"]}
    assert uses == {(10, "definition", ""), (6, "call", "main")}
    defines = json.loads(cli("context", "App.php", "--format", "json").out)["defines"]
    assert defines == ["main"]
