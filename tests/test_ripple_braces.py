"""Ripples in the languages with `/* ... */` comments: a comment's or a string's words are no
code, and an interface's method is declared, not called (REVIEW-E48, REVIEW-E49, REVIEW-E50,
CHECK-E16). The cases are helper-h4's, from sindresorhus/ky and go-chi/chi."""

from __future__ import annotations

import json

from specflow.braces import masked, member_lines

SPEC = """---
id: CORE
scope: ["src/**"]
---
# Core

## Context
- `fetchData()` in `src/fetch.ts` reads the body into `data`.

## Requirements
- CORE-1: The body is read once.

## Edge Cases
- CORE-E1: An empty body.
"""
FETCH = """// CORE-1
export async function fetchData(response: Response) {
\tconst result = {data: undefined as unknown};
\treturn result;
}
"""
READ = "export function total(result) {\n\treturn result.data;\n}\n"
# ky's JSDoc: no `*` before its lines, and an @example of code
KY_DOC = """export const responseTypes = {
\tformData: 'multipart/form-data',
};

/**
Hook example.

@example
```
const api = ky.extend({
\thooks: {afterResponse: [async response => {
\t\tconst data = await response.clone().json();
\t\tconsole.log(data.total);
\t}]},
});
```
*/
export const retry = () => 1;
"""


def ripple_uses(cli) -> dict[str, list[tuple[str, int, str]]]:
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    return {
        r["symbol"]["name"]: [(u["path"], u["line"], u["use"]) for u in r["uses"]]
        for r in data["ripples"]
    }


def test_a_line_inside_a_block_comment_is_no_use_whatever_it_starts_with(repo, cli):
    """REVIEW-E48: ky 1341f5c: the @example of an unstarred JSDoc block wrote and read `data`
    (`write at source/core/constants.ts:99 in ky.extend()`); a Go block comment too."""
    go = "package core\n\n/*\ndata = 3\n\tdata.total()\n*/\nfunc F() {}\n"
    repo.commit(
        "base",
        {
            "specs/core.md": SPEC,
            "src/fetch.ts": FETCH,
            "src/doc.ts": KY_DOC.replace("'multipart/form-data'", "'x'"),
            "src/doc.go": go,
            "src/read.ts": READ,
        },
    )
    repo.commit("data", {"src/fetch.ts": FETCH.replace("\treturn", "\tresult.data = 1;\n\treturn")})
    assert ripple_uses(cli)["data"] == [
        ("src/fetch.ts", 3, "read"),
        ("src/read.ts", 2, "read"),
    ]


def test_a_name_only_inside_a_string_is_no_use_but_one_in_a_template_expression_is(repo, cli):
    """REVIEW-E49: ky's `formData: 'multipart/form-data'` read `data`, and chi's
    `"chi: max number of methods reached"` used `max`; `${data}` in a template is code, and a
    `/*` inside a string opens no comment."""
    strings = (
        "const s = `template ${x} data`;\n"
        'const t = "a data b"; // data\n'
        "const glob = 'src/**/*.ts';\n"
        "const u = `a ${result.data} b`;\n"  # REVIEW-E63: `result.data`, an attribute
        "const v = /data/.test(glob) ? `data` : glob;\n"
    )
    go = 'package core\n\nfunc G() {\n\tpanic("chi: max number of methods reached")\n}\n'
    go += "\nfunc H() {\n\tmax = `raw\nmax`\n}\n"
    repo.commit(
        "base",
        {
            "specs/core.md": SPEC,
            "src/fetch.ts": FETCH,
            "src/doc.ts": KY_DOC,
            "src/strings.ts": strings,
            "src/tree.go": go,
            "src/read.ts": READ,
        },
    )
    repo.commit(
        "data, max",
        {
            "src/fetch.ts": FETCH.replace("\treturn", "\tresult.data = 1;\n\treturn"),
            "src/mux.go": "package core\n\nfunc M() {\n\tmax = 2\n}\n",
        },
    )
    found = ripple_uses(cli)
    assert found["data"] == [
        ("src/fetch.ts", 3, "read"),
        ("src/read.ts", 2, "read"),
        ("src/strings.ts", 4, "read"),
    ], found
    assert found["max"] == [("src/tree.go", 8, "write")], found


def test_a_hunk_that_edits_only_a_block_comments_lines_changes_nothing(repo, cli):
    """REVIEW-E48, CHECK-E16: rewording ky's unstarred JSDoc, or its @example `data = ...`
    line, writes no name (no ripple starts there) and touches no requirement."""
    documented = FETCH.replace(
        "// CORE-1\n", "// CORE-1\n/*\nReads the body.\n\tdata = await response.json()\n*/\n"
    )
    repo.commit("base", {"specs/core.md": SPEC, "src/fetch.ts": documented, "src/read.ts": READ})
    reworded = documented.replace("Reads the body.", "Reads the whole body.").replace(
        "response.json()", "response.text()"
    )
    repo.stage({"src/fetch.ts": reworded})
    assert "touched-requirement" not in cli("check", "--staged").out
    repo.commit("doc", {"src/fetch.ts": reworded})
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    assert data["ripples"] == [], data["ripples"]
    repo.stage({"src/fetch.ts": reworded.replace("body.\n", "body.\n*/\nlet n = 1;\n/*\n")})
    assert "touched-requirement" in cli("check", "--staged").out


def test_an_interface_method_declaration_is_no_call(repo, cli):
    """REVIEW-E50: chi f250983: `With(middlewares ...) Router` in `type Router interface` was
    `call at chi.go:75`; a call below the interface is still one."""
    chi = (
        "package chi\n\ntype Router interface {\n\t// With adds inline middlewares.\n"
        "\tWith(mw ...func()) Router\n\tHandle(p string, h interface{ With() })\n}\n\n"
        "func Group(r Router) Router {\n\treturn r.With()\n}\n"
    )
    mux = "package chi\n\n// CORE-1\nfunc (mx *Mux) With(mw ...func()) Router {\n\treturn mx\n}\n"
    repo.commit("base", {"specs/core.md": SPEC, "src/chi.go": chi, "src/mux.go": mux})
    repo.commit("With", {"src/mux.go": mux.replace("\treturn mx", "\tmx.n++\n\treturn mx")})
    assert ripple_uses(cli)["With"] == [("src/chi.go", 10, "call")]


def test_an_unexported_go_name_ripples_only_inside_its_package(repo, cli):
    """REVIEW-E51: chi's `route`, `path`, `r` rippled to `_examples/`, another package that
    cannot name them; an exported name still ripples there."""
    tree = "package chi\n\nfunc find() {\n\troute = 1\n\tRoutes = 1\n}\n"
    repo.commit(
        "base",
        {
            "specs/core.md": SPEC,
            "src/tree.go": tree,
            "src/mux.go": "package chi\n\nfunc use() {\n\tprint(route, Routes)\n}\n",
            "src/ex/main.go": "package main\n\nfunc main() {\n\tprint(route, chi.Routes)\n}\n",
        },
    )
    repo.commit("2", {"src/tree.go": tree.replace("= 1", "= 2")})
    found = ripple_uses(cli)
    assert found["route"] == [("src/mux.go", 4, "read")], found
    assert found["Routes"] == [("src/ex/main.go", 4, "read"), ("src/mux.go", 4, "read")], found


def test_the_masks_keep_each_lines_place_and_are_read_in_linear_time():
    """REVIEW-E48, HARDEN-21: every line keeps its number and length; hostile sources of
    200,000 characters are each read in well under a second."""
    source = "a = '/*'; b = 1 /* c\nd */ + `e ${f + {g: 1}.g} h`;\n"
    masks = masked("x.ts", source)
    assert masks is not None
    assert masks.uncommented == "a = '/*'; b = 1     \n     + `e ${f + {g: 1}.g} h`;\n"
    assert masks.code == "a = '  '; b = 1     \n     + `  ${f + {g: 1}.g}  `;\n"
    go = masked("x.go", "type R interface {\n\tA()\n}\nA()\n")
    assert go is not None and member_lines(go.code) == {2}
    assert masked("x.py", source) is None
    for hostile in (
        "=/[" * 70_000,
        "(/" * 100_000,
        "'\"`" * 70_000,
        "`${" * 70_000,
        "/*/" * 70_000,
    ):
        for path in ("x.ts", "x.go", "x.rs"):
            hostile_masks = masked(path, hostile)  # read once through: never a timing assertion
            assert hostile_masks is not None
            member_lines(hostile_masks.code)


LOCK_SPEC = """---
id: AUTH
scope: ["src/**"]
---
# Auth

## Requirements
- AUTH-1: An account locks after five failures.

## Edge Cases
- AUTH-E1: A failure after the lock.
"""
LOCK_JS = """// AUTH-1
export function lock(account) {
  account.failures += 1;
  account.locked = account.failures >= 5;
}
"""


def test_a_slash_in_a_regex_class_or_a_text_block_opens_no_comment(repo, cli):
    """REVIEW-E48 (helper-53): `/[^/*]+/` at the top of a file made the rest of it a comment, so
    a real change below it was "comment-only": no touched-requirement, no question. So did a
    Java text block, or a C++ raw string, holding `src/*`."""
    heads = {
        "src/lock.js": "const SEGMENT = /[^/*]+/g;\n\n",
        "src/Lock.java": 'class Lock {\n  String usage = """\n    tool src/*\n    """;\n}\n\n',
        "src/lock.cpp": 'auto usage = R"(tool src/*)";\n\n',
    }
    for path, head in heads.items():
        code = head + LOCK_JS
        repo.commit(path, {"specs/auth.md": LOCK_SPEC, path: code})
        repo.stage({path: code.replace(">= 5", ">= 50")})
        out = cli("check", "--staged").out
        assert "touches the code of AUTH-1" in out, (path, out)
        assert "change only formatting, comments" not in cli("review", "--staged").out, path


def test_jsx_text_is_not_read_as_strings_or_regular_expressions(repo, cli):
    """REVIEW-E48 (helper-53): in a `.tsx` file `Don't` opened a string and `</p>` a regular
    expression, and the calls after them were no longer listed as ripples."""
    view = (
        "import { total } from './cart';\n\nexport function Cart(props) {\n"
        "  return (\n    <div>\n      <p>Don't pay more than {total(props)}</p>\n"
        "      <p>Sum:</p><b>{total(props)}</b>\n      <i>{total(props)}</i>\n    </div>\n  );\n}\n"
    )
    cart = "export function total(cart) {\n  return cart.sum;\n}\n"
    repo.commit("cart", {"specs/auth.md": LOCK_SPEC, "src/Cart.tsx": view, "src/cart.ts": cart})
    repo.commit("sum", {"src/cart.ts": cart.replace("cart.sum", "cart.sum * 100")})
    calls = [(path, line) for path, line, use in ripple_uses(cli).get("total", []) if use == "call"]
    assert calls == [("src/Cart.tsx", 6), ("src/Cart.tsx", 7), ("src/Cart.tsx", 8)], calls


def test_a_bundle_is_read_line_by_line_not_masked():
    """REVIEW-E48 (helper-53): masking a 4.5 MB bundle doubled a hook's time; past MAX_MASKED a
    file is read line by line, as before the masks."""
    from specflow.braces import MAX_MASKED

    assert masked("dist/bundle.js", "x = 1;\n" * (MAX_MASKED // 7 + 1)) is None
    assert masked("src/a.js", "x = 1;\n" * (MAX_MASKED // 8)) is not None


LOCALS_GO = """package r

type Ctx struct {
\tallowed []int
}

func find(c *Ctx, m int) {
\tc.allowed = append(c.allowed, m)
}

func respond(allowed ...int) int {
\treturn len(allowed)
}

func fresh(m int) *Ctx {
\treturn &Ctx{allowed: []int{m}}
}

func seen(c *Ctx) int {
\treturn len(c.allowed)
}

func nextPath(v string) string {
\troutePath := "/"
\tif v != "" {
\t\troutePath = "/" + v
\t}
\treturn routePath
}

func route(u string) string {
\troutePath := u
\treturn routePath
}
"""


def test_a_go_local_or_field_ripples_only_where_it_can_be_seen(repo, cli):
    """REVIEW-E63 (the chi trial's worst finding): a local that `nextPath()` declares
    (`routePath :=`) rippled to `route()`'s own local, and the field `c.allowed` to the
    parameter `allowed` of `respond()`. A local ripples in its function only; a field through
    an object (`c.allowed`) or a literal's key (`Ctx{allowed: ...}`), never a bare name."""
    repo.commit("base", {"specs/core.md": SPEC, "src/r.go": LOCALS_GO})
    changed = LOCALS_GO.replace('routePath = "/" + v', 'routePath = "/" + v + "/"')
    changed = changed.replace(
        "c.allowed = append(c.allowed, m)", "c.allowed = append(c.allowed, m, m)"
    )
    repo.commit("change", {"src/r.go": changed})
    found = ripple_uses(cli)
    # REVIEW-E162: `routePath := "/"` writes it
    assert found["routePath"] == [("src/r.go", 24, "write"), ("src/r.go", 28, "read")], found
    assert found["allowed"] == [("src/r.go", 16, "read"), ("src/r.go", 20, "read")], found


def test_a_generic_method_and_a_default_export_are_definitions(repo, cli):
    """REVIEW-E65 (the ky trial): `context _retry` filed `protected async _retry<T extends ()
    => Promise<unknown>>(function_: T) {` under "read", and `export default async function
    delay(` under "called": each is where the name is defined."""
    ky = (
        "export class Ky {\n\tprotected async _retry<T extends () => Promise<unknown>>"
        "(function_: T): Promise<unknown> {\n\t\treturn function_();\n\t}\n}\n"
    )
    delay = "export default async function delay(ms: number) {\n\treturn ms;\n}\n"
    repo.commit("base", {"specs/core.md": SPEC, "src/Ky.ts": ky, "src/delay.ts": delay})
    for name, line in (("_retry", "src/Ky.ts:2"), ("delay", "src/delay.ts:1")):
        out = cli("context", name).out
        assert out.split("\n")[1].strip() == "defined:", out
        assert line in out.split("\n")[2], out


CART = """export function total(items: Item[], coupon?: string): number {
  let sum = 0;
  for (const item of items) {
    sum = sum + item.price * item.qty;
  }
  if (coupon) {
    sum = applyCoupon(sum, coupon);
  }
  return Math.round(sum);
}
"""
CLIENT = """export class Client {
  constructor(options) {
    this.timeout = options.timeout || 1000;
  }
}
"""
FETCHER = """export function fetchWith(client, url) {
  const { timeout } = client;
  return get(url, timeout);
}

export function describe({ timeout, retries }) {
  return `${retries} tries, ${timeout} ms`;
}
"""
CONFIG_GO = """package client

var retries = 3

func Configure(retries int) error {
\tif retries < 0 {
\t\treturn errBadRetries
\t}
\treturn nil
}

func Reset() {
\tretries = 3
}
"""
DO_GO = "package client\n\nfunc Do() int {\n\treturn retries\n}\n"


def test_a_local_or_field_keeps_its_real_readers(repo, cli):
    """REVIEW-E63 (helper-63's review): the locals of an `export function` lost every use (its
    own line was no function header to git's rows); a field read by destructuring (`const {
    timeout } = client`, a parameter `{ timeout }`) was no use; and a hunk over two Go functions
    took a package variable written in the second for a parameter of the first."""
    repo.commit(
        "base",
        {
            "specs/core.md": SPEC,
            "src/cart.ts": CART,
            "src/client.js": CLIENT,
            "src/fetcher.js": FETCHER,
            "client/config.go": CONFIG_GO,
            "client/do.go": DO_GO,
        },
    )
    repo.commit(
        "change",
        {
            "src/cart.ts": CART.replace("item.qty;", "item.qty * (1 + TAX);"),
            "src/client.js": CLIENT.replace("|| 1000", "|| 2000"),
            "client/config.go": CONFIG_GO.replace("errBadRetries", "errRetries").replace(
                "\tretries = 3\n}", "\tretries = 5\n}"
            ),
        },
    )
    found = {
        name: [(path, line) for path, line, _ in uses] for name, uses in ripple_uses(cli).items()
    }
    assert found["sum"] == [("src/cart.ts", 2), ("src/cart.ts", 7), ("src/cart.ts", 9)], found
    assert ("src/fetcher.js", 2) in found["timeout"] and ("src/fetcher.js", 6) in found["timeout"]
    assert ("client/do.go", 4) in found["retries"], found
