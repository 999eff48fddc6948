"""CHECK-E21 and REVIEW-E59 through the CLI on real repositories: the hook's check reads a
hunk of Go or TypeScript under a reference as the review does (whitespace, comments, and now a
comma before a closing bracket are no change), so `gofmt` or prettier over referenced code
warns nothing; a real change in the same place still warns and asks (the chi and ky trials)."""

from __future__ import annotations

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
