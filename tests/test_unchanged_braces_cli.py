"""CHECK-E21 and REVIEW-E59 through the CLI on real repositories: the hook's check reads a
hunk of Go or TypeScript under a reference as the review does (whitespace, comments, and now a
comma before a closing bracket are no change), so `gofmt` or prettier over referenced code
warns nothing; a real change in the same place still warns and asks (the chi and ky trials)."""

from __future__ import annotations

import re

from testing.util import review_json

SPEC = """---
id: A
scope: ["src/**"]
---
# Things

## Context
- `NewThing()` builds a `Thing` with `level` and `names`.

## Requirements
- A-1: `NewThing()` keeps the given level.
"""

GO = """package a

type Thing struct {
\tlevel int
\tnames []string
}

// A-1: keep the level.
func NewThing(level int) *Thing {
\tt := &Thing{
\t\tlevel: level,
\t\tnames: nil,
\t}
\treturn t
}
"""

TS = """// A-1
export const normalize = (retry: number | {limit?: number} = {}) => {
\tif (typeof retry === 'number') {
\t\treturn {
\t\t\t...defaults,
\t\t\tlimit: retry,
\t\t};
\t}

\treturn {...defaults, ...retry};
};
"""

TESTS = {"src/a_test.go": "package a\n// A-1\nfunc TestA() {}\n"}


def test_gofmt_and_prettier_over_referenced_code_warn_nothing(repo, cli):
    """CHECK-E21, REVIEW-E59: spaces, a comment reworded, a literal joined on one line (its
    trailing comma dropped): no `touched-requirement` from check (staged, the work tree, the
    commit), the pre-commit hook passes without it, and the review asks nothing."""
    repo.commit("base", {"specs/a.md": SPEC, "src/a.go": GO, "src/n.ts": TS, **TESTS})
    assert cli("hook", "install").code == 0
    joined = GO.replace(
        "&Thing{\n\t\tlevel: level,\n\t\tnames: nil,\n\t}", "&Thing{level: level, names: nil}"
    )
    spaced = joined.replace("\tt := ", "\tt  :=  ").replace("keep the level", "keeps the level")
    collapsed = TS.replace(
        "{\n\t\t\t...defaults,\n\t\t\tlimit: retry,\n\t\t}", "{...defaults, limit: retry}"
    )
    edits = {"src/a.go": spaced, "src/n.ts": collapsed}
    repo.write(edits)
    assert "touched-requirement" not in cli("check", "--worktree").out
    repo.stage(edits)
    assert "touched-requirement" not in cli("check", "--staged").out
    hook = repo.git("commit", "-q", "-m", "Format", check=False)
    assert "touched-requirement" not in hook, hook
    assert repo.git("log", "-1", "--format=%s").strip() == "Format"
    assert "touched-requirement" not in cli("check", "HEAD").out
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["noop_files"] == ["src/a.go", "src/n.ts"]


def test_a_real_change_beside_the_formatting_still_warns_and_asks(repo, cli):
    """CHECK-E21, REVIEW-E59: the level dropped from the literal, and a comma moved inside a
    call rather than before its closing bracket, are changes; in Rust `(x,)` is a tuple."""
    repo.commit("base", {"specs/a.md": SPEC, "src/a.go": GO, **TESTS})
    dropped = GO.replace("\t\tlevel: level,\n", "")
    repo.stage({"src/a.go": dropped})
    assert "touches the code of A-1" in cli("check", "--staged").out
    repo.commit("drop the level", {"src/a.go": dropped})
    assert "A-1" in {q["statement"]["id"] for q in review_json(cli, "HEAD")["questions"]}
    rust = "// A-1\nfn pair(x: i32) -> (i32,) {\n    (x,)\n}\n"
    repo.commit("rust", {"src/lib.rs": rust})
    repo.stage({"src/lib.rs": rust.replace("(x,)\n", "(x)\n")})
    assert "touches the code of A-1" in cli("check", "--staged").out


TYPES_SPEC = """---
id: OPTIONS
scope: ["src/**"]
---
# Options

## Context
- `mergeHeaders()` builds a `Headers` object; a header whose value is `undefined` is deleted.

## Requirements
- OPTIONS-3: A header whose value is `undefined` in a later source is removed.
"""

TYPES_TS = """import type {Hooks} from './hooks.js';

/**
Search parameters.
*/
export type SearchParamsOption = string | Record<string, string | number | boolean>;

export interface Options {
\theaders?: Record<string, string>;
\thooks?: Hooks;
}

export enum Mode {
\tStrict = 'strict',
}

export const mergeHeaders = (a: Headers, b: Headers): Headers => {
\tconst result = new Headers(a);
\tb.forEach((value, key) => value === 'undefined' ? result.delete(key) : result.set(key, value));
\treturn result;
};
"""


def test_a_typescript_change_of_types_only_asks_nothing(repo, cli):
    """REVIEW-E62 (the ky trial's a87d9e9): a type alias widened by `| undefined`, an interface
    member added, an `import type` and an `export type` re-export: no question, and no
    `touched-requirement` from the hook's check (CHECK-E21)."""
    repo.commit(
        "base", {"specs/options.md": TYPES_SPEC, "src/options.ts": "// OPTIONS-3\n" + TYPES_TS}
    )
    typed = TYPES_TS.replace("boolean>;", "boolean | undefined>;")
    typed = typed.replace("\thooks?: Hooks;\n", "\thooks?: Hooks;\n\tretry?: number | undefined;\n")
    typed = typed.replace("import type {Hooks}", "import type {Hooks, Hook}")
    typed += "\nexport type {Hooks} from './hooks.js';\n"
    repo.stage({"src/options.ts": "// OPTIONS-3\n" + typed})
    assert "touched-requirement" not in cli("check", "--staged").out
    repo.commit(
        "Allow undefined searchParams values (types)", {"src/options.ts": "// OPTIONS-3\n" + typed}
    )
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == [] and data["noop_files"] == ["src/options.ts"]


def test_an_enum_or_code_beside_a_type_change_still_asks(repo, cli):
    """REVIEW-E62: an `enum` is an object at run time, and a type changed in the same hunk as
    the code below it is judged with that code."""
    repo.commit("base", {"specs/options.md": TYPES_SPEC, "src/options.ts": TYPES_TS})
    repo.commit(
        "enum", {"src/options.ts": TYPES_TS.replace("Strict = 'strict'", "Strict = 'STRICT'")}
    )
    assert review_json(cli, "HEAD")["noop_files"] == []
    both = TYPES_TS.replace("}\n\nexport enum", "\tstrict?: boolean;\n}\n\nexport enum")
    both = both.replace("\tStrict = 'strict',\n", "\tStrict = 'strict',\n\tLoose = 'loose',\n")
    repo.commit("both", {"src/options.ts": both})
    assert review_json(cli, "HEAD")["noop_files"] == []


MEANING_SPEC = """---
id: DAT
scope: ["src/**"]
---
# Data

## Requirements
- DAT-1: The data is read whole (1).
- DAT-2: The data is read whole (2).
- DAT-3: The data is read whole (3).
- DAT-4: The data is read whole (4).
- DAT-5: The data is read whole (5).
- DAT-6: The data is read whole (6).
- DAT-7: The data is read whole (7).
"""

# helper-62's review of the session: each of these changed behaviour and was judged no-op
CHANGES = {
    # REVIEW-E62: SQL in a template literal is no type
    "src/users.ts": (
        "export function findUser(db: Db, id: number) {\n  return db.query(`\n"
        "    SELECT * FROM users\n    WHERE id = $1 AND active = true\n  `, [id]);\n}\n",
        " AND active = true",
        "",
    ),
    # REVIEW-E59: R's `m[1,]` is a row, a regular expression's `[;,]` a class, shell's `*,)`
    "src/rows.r": ("first_row <- function(m) {\n  m[1,]\n}\n", "m[1,]", "m[1]"),
    "src/fields.ts": (
        "export function split(line: string): string[] {\n  return line.split(/[;,]/);\n}\n",
        "[;,]",
        "[;]",
    ),
    "src/classify.sh": (
        'classify() {\n  case "$1" in\n    *,) echo list ;;\n    *) echo one ;;\n  esac\n}\n',
        "*,) echo list",
        "*) echo list",
    ),
    # REVIEW-E64: a comment marker inside a string, or shell's `$#`, starts no comment
    "src/greet.rb": ('def greet(user)\n  "Hello #{user.name}"\nend\n', "user.name", "user.email"),
    "src/run.sh": (
        'main() {\n  if [ $# -eq 0 ]; then exit 2; fi\n  echo "$@"\n}\n',
        "-eq 0",
        "-eq 1",
    ),
    "src/Api.tsx": (
        'export function Avatar() {\n  return <img src="https://cdn.example.com/a.png" />;\n}\n',
        "cdn.example.com/a.png",
        "evil.example.net/x.png",
    ),
}


def test_a_change_of_meaning_that_looks_like_formatting_still_asks(repo, cli):
    """REVIEW-E59, REVIEW-E62, REVIEW-E64, CHECK-E21: a template literal's SQL, a comma that
    means something, a `#` or `//` inside a string: each file is a change, in the review and in
    the hook's check."""
    comment = {".r": "# ", ".rb": "# ", ".sh": "# "}
    referenced = {  # each file its own requirement: `touched-requirement` names each once
        path: comment.get(path[path.rindex(".") :], "// ") + f"DAT-{n}\n" + text
        for n, (path, (text, _, _)) in enumerate(CHANGES.items(), 1)
    }
    repo.commit("base", {"specs/data.md": MEANING_SPEC, **referenced})
    changed = {path: referenced[path].replace(old, new) for path, (_, old, new) in CHANGES.items()}
    repo.commit("change", changed)
    assert review_json(cli, "HEAD")["noop_files"] == []
    warned = re.findall(
        r"^(\S+?):\d+: warning \[touched-requirement\]", cli("check", "HEAD").out, re.M
    )
    assert sorted(warned) == sorted(CHANGES)


RUST_COMMENTED = """// A-1: the intrinsics of the target architecture.
pub fn level(buf: &[u8]) -> usize {
    /*
    #[cfg(target_arch = "x86")]
    use core::arch::x86::*;
    */
    buf.len()
}

/* A reworded block
   comment. */
pub fn other() {}
"""


def test_removing_the_markers_of_a_block_comment_turns_code_on(repo, cli):
    """REVIEW-E68 (the httparse trial's e8a1bee): the `/*` and `*/` lines removed around code
    are a change of code, not of a comment: the review asks, the hook warns. A block comment
    reworded is still no change."""
    repo.commit("base", {"specs/a.md": SPEC, "src/lib.rs": RUST_COMMENTED, **TESTS})
    uncommented = RUST_COMMENTED.replace("    /*\n", "").replace("    */\n", "")
    repo.stage({"src/lib.rs": uncommented})
    assert "touches the code of A-1" in cli("check", "--staged").out
    repo.commit("fix avx simd on x86", {"src/lib.rs": uncommented})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == [] and "A-1" in {q["statement"]["id"] for q in data["questions"]}
    assert "touched-requirement" in cli("check", "HEAD").out
    reworded = uncommented.replace("A reworded block\n", "A block comment,\n   reworded:\n")
    repo.commit("reword", {"src/lib.rs": reworded})
    assert review_json(cli, "HEAD")["noop_files"] == ["src/lib.rs"]
