"""What the axios trial (JavaScript, with TypeScript declarations) found, through the CLI on real
repositories: a declaration file (`index.d.ts`) runs nothing (REVIEW-E151); a function
assigned to an existing name (`lookup = (h, opt, cb) => {`) holds the code below it
(REVIEW-E152)."""

from __future__ import annotations

from testing.util import review_json

CORE_SPEC = """---
id: CORE
scope: ["lib/**", "index.d.ts", "index.d.cts", "src/**"]
---
# Core

## Context
- `mergeConfig()` merges two configs key by key.

## Requirements
- CORE-1: The request config wins over the defaults.

## Edge Cases
- CORE-E1: An undefined key is taken from the defaults.
"""

MERGE = "export default function mergeConfig(a, b) {\n  return Object.assign({}, a, b);\n}\n"
TYPES = "export interface Config { url?: string }\n"
DECLARED = "// CORE-1\nexport function mergeConfig(a: Config, b: Config): Config;\n"


def test_a_typescript_declaration_file_asks_nothing_and_ripples_nowhere(repo, cli):
    """REVIEW-E151 (axios 00de614c: `export function mergeConfig(...): T;` added to
    `index.d.ts` asked three questions and listed eight "callers" in the built `dist/`): a
    `.d.ts`, `.d.mts` or `.d.cts` declares types and runs nothing, as a `.pyi` stub; the
    module's own change in the same commit still asks."""
    repo.commit("base", {"specs/core.md": CORE_SPEC, "lib/mergeConfig.js": MERGE})
    repo.commit(
        "dist", {"dist/axios.js": "const c = mergeConfig(defaults, config);\n"}
    )  # a caller, were it a definition
    for path in ("index.d.ts", "index.d.cts", "types/index.d.mts"):
        repo.commit(f"types {path}", {path: TYPES + DECLARED})
        data = review_json(cli, "HEAD")
        assert data["questions"] == [] and data["ripples"] == [], path
        assert data["noop_files"] == [path], path
    changed = MERGE.replace("{}, a, b", "{}, b, a")
    repo.commit(
        "both",
        {
            "index.d.ts": TYPES + DECLARED.replace("b: Config", "b?: Config"),
            "lib/mergeConfig.js": changed,
        },
    )
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == ["index.d.ts"]
    assert {q["path"] for q in data["questions"]} == {"lib/mergeConfig.js"}


TS_MERGE = (
    "// CORE-1\nexport function mergeConfig(a: Config, b: Config): Config {\n"
    "  return Object.assign({}, a, b);\n}\n"
)


def test_a_typescript_module_that_is_no_declaration_file_is_still_code(repo, cli):
    """REVIEW-E151, adversarial: `src/merge.ts`, `src/index.d.ts.ts` and `src/d.ts` (no
    declaration files) hold code: a change to a body asks, ripples and touches the
    requirement its reference heads."""
    for path in ("src/merge.ts", "src/index.d.ts.ts", "src/d.ts"):
        repo.commit(f"base {path}", {"specs/core.md": CORE_SPEC, path: TYPES + TS_MERGE})
        changed = (TYPES + TS_MERGE).replace("{}, a, b", "{}, b, a")
        repo.stage({path: changed})
        assert "touches the code of CORE-1" in cli("check", "--staged").out, path
        repo.commit(f"flip {path}", {path: changed})
        data = review_json(cli, "HEAD")
        assert data["noop_files"] == [] and data["questions"], path
        repo.commit(f"drop {path}", {path: None})


def test_a_declaration_under_a_reference_touches_no_requirement(repo, cli):
    """REVIEW-E151 for the hook: a signature changed under `// CORE-1` in `index.d.ts` touches
    the requirement no more than the review asks about it; the code it declares, changed
    under the same reference, still does."""
    code = "// CORE-1\n" + MERGE
    repo.commit(
        "base",
        {"specs/core.md": CORE_SPEC, "index.d.ts": TYPES + DECLARED, "lib/mergeConfig.js": code},
    )
    repo.stage({"index.d.ts": TYPES + DECLARED.replace("b: Config", "b?: Config")})
    assert "touched-requirement" not in cli("check", "--staged").out
    repo.stage({"lib/mergeConfig.js": code.replace("{}, a, b", "{}, b, a")})
    assert "touches the code of CORE-1" in cli("check", "--staged").out


HTTP_SPEC = """---
id: HTTP
scope: ["lib/**"]
---
# Http

## Context
- A custom `lookup()` is adapted with `callbackify()` to the callback form.

## Requirements
- HTTP-1: Errors of a custom lookup reach the caller.
"""

LOOKUP_BODY = "\n".join(f"        const v{i} = {i};" for i in range(25))
ANSWER = "        opt.all ? cb(err, addresses) : cb(err, addresses[0].address);"


def adapter(definition: str, reference: str = "    // HTTP-1\n") -> str:
    """`lib/http.js` as axios writes it (f4f2b039): `lookup`, declared by `let`, assigned a
    function by `definition`; its answer 28 lines below the line that opens it."""
    return (
        "export default function httpAdapter(config) {\n  let {lookup} = config;\n"
        f"  if (lookup) {{\n{reference}    {definition}\n"
        "      _lookup(hostname, opt, (err, arg0, arg1) => {\n"
        f"{LOOKUP_BODY}\n{ANSWER}\n      }});\n    }}\n  }}\n  return lookup;\n}}\n"
    )


ASSIGNED = (
    "lookup = (hostname, opt, cb) => {",
    "lookup = function (hostname, opt, cb) {",
    "lookup = async hostname => {",
    "config.lookup = async (hostname) => {",
)


def test_a_reference_heads_a_function_assigned_to_a_declared_name(repo, cli):
    """REVIEW-E152 (axios f4f2b039, the DNS-error fix inside `lookup = (hostname, opt, cb) =>
    {`): a `// HTTP-1` right above a function assigned to a name declared before (no `const`,
    `let` or `var` on the line) heads its body, as above `const lookup = (...) => {` (CHECK-E38)."""
    for definition in ASSIGNED:
        repo.commit(
            f"base {definition}", {"specs/http.md": HTTP_SPEC, "lib/http.js": adapter(definition)}
        )
        repo.stage(
            {
                "lib/http.js": adapter(definition).replace(
                    "cb(err, addresses)", "cb(null, addresses)"
                )
            }
        )
        assert "touches the code of HTTP-1" in cli("check", "--staged").out, definition
        repo.git("reset", "-q", "--hard")


NOT_FUNCTIONS = (
    "lookup = (hostname, opt);",  # a parenthesised expression, no arrow
    "lookup = (err) => done(err);",  # an arrow without a block, on one line
    "lookup = wrap((hostname) => {",  # a call's argument: the function is not `lookup`'s
)


def test_a_reference_above_an_assigned_value_heads_no_block_far_below(repo, cli):
    """REVIEW-E152, adversarial: above `lookup = (a, b);` (a parenthesised expression), a
    one-line arrow with no block (`lookup = (err) => done(err);`) or a call that is passed a
    function, a reference heads no code 28 lines below."""
    for value in NOT_FUNCTIONS:
        text = adapter(value)
        repo.commit(f"base {value}", {"specs/http.md": HTTP_SPEC, "lib/http.js": text})
        repo.stage({"lib/http.js": text.replace("cb(err, addresses)", "cb(null, addresses)")})
        assert "touched-requirement" not in cli("check", "--staged").out, value
        repo.git("reset", "-q", "--hard")


def test_a_hunk_inside_a_function_assigned_to_a_declared_name_is_in_it(repo, cli):
    """REVIEW-E152 for the review (REVIEW-E125's reading): the fix inside `lookup = (hostname,
    opt, cb) => {` changes `lookup`, asked of the Context line that alone names `lookup()`."""
    for definition in ASSIGNED[:3]:
        text = adapter(definition, reference="")
        repo.commit(f"base {definition}", {"specs/http.md": HTTP_SPEC, "lib/http.js": text})
        repo.commit(
            "fix", {"lib/http.js": text.replace("cb(err, addresses)", "cb(null, addresses)")}
        )
        data = review_json(cli, "HEAD", "--all")
        acts = {(q["statement"]["line"], a["name"]) for q in data["questions"] for a in q["acts"]}
        assert (8, "lookup") in acts, (definition, acts)


LOOKUP_SPEC = """---
id: HTTP
scope: ["lib/**"]
---
# Http

## Context
- A custom `lookup` is adapted with `callbackify()` to the callback form.

## Requirements
- HTTP-1: Every request passes through the adapter once.

## Edge Cases
- HTTP-E1: A `lookup` returning an array of addresses, or called with `opt.all`.
"""


def test_an_edge_case_naming_the_changed_function_without_parentheses_is_asked(repo, cli):
    """REVIEW-E153 (axios f4f2b039 asked nothing: HTTP-E1 and a Context line name `lookup`,
    neither as `lookup()`, so the two counted against each other, REVIEW-E130's way): a
    definition named in lower case is a function, and a statement naming it is read as one
    calling it; the edge case is asked, the Context line still needs a rare word."""
    text = adapter(ASSIGNED[0], reference="")
    # axios's own modules say "lookup", "addresses", "opt" and "all" everywhere: no rare word
    common = {
        f"lib/m{n}.js": f"export const m{n} = (lookup, opt) => lookup(opt.all, addresses);\n"
        for n in range(30)
    }
    repo.commit("base", {"specs/http.md": LOOKUP_SPEC, "lib/http.js": text, **common})
    repo.commit("fix", {"lib/http.js": text.replace("cb(err, addresses)", "cb(null, addresses)")})
    found = {
        q["statement"].get("id") or q["statement"]["line"]: q["evidence"]["kind"]
        for q in review_json(cli, "HEAD", "--all")["questions"]
    }
    assert found.get("HTTP-E1") == "enclosing", found


LEVELS = "// CORE-1\nexport declare const enum Level {\n  Low = 1,\n  High = 2,\n}\n"


def test_a_const_enum_value_in_a_declaration_file_is_code(repo, cli):
    """REVIEW-E155: a `const enum`'s values are written into the code that reads them, from a
    `.d.ts` too: a value changed asks and touches the requirement its reference heads; its
    spacing changed, or an interface beside it, is still no-op (REVIEW-E151)."""
    repo.commit("base", {"specs/core.md": CORE_SPEC, "index.d.ts": TYPES + LEVELS})
    spaced = TYPES.replace("url?:", "url ?:") + LEVELS.replace("Low = 1", "Low  =  1")
    repo.stage({"index.d.ts": spaced})
    assert "touched-requirement" not in cli("check", "--staged").out
    repo.commit("spacing", {"index.d.ts": spaced})
    assert review_json(cli, "HEAD")["noop_files"] == ["index.d.ts"]
    repo.stage({"index.d.ts": spaced.replace("Low  =  1", "Low = 7")})
    assert "touches the code of CORE-1" in cli("check", "--staged").out
    repo.commit("value", {})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == [] and data["questions"], data
