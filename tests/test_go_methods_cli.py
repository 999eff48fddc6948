"""REVIEW-E60 and REVIEW-E61 through the CLI on real repositories (the chi trial): a Go method
added after another is the new method, not the one git's hunk header names above it, and its
receiver (`func (mx *Mux) Query(`) is no evidence of what it does: every method of a type names
that type there. A change inside a method still names the method."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: M
scope: ["*.go"]
---
# Mux

## Context
- `With()` and `Group()` return an inline `Mux` that shares the parent's `tree`.

## Requirements
- M-1: `Use()` after the first route of a `Mux` panics.
"""

MUX = """package m

type Mux struct{ routes []string }

func (mx *Mux) Use(m int) {
\tif len(mx.routes) > 0 {
\t\tpanic("middlewares before routes") // M-1
\t}
}

func (mx *Mux) Put(p string) { mx.routes = append(mx.routes, p) }
"""

QUERY = """
// Query adds a QUERY route.
func (mx *Mux) Query(p string) {
\tmx.routes = append(mx.routes, "QUERY "+p)
}
"""


def untested(data):
    return [item["name"] for item in data["untested"]]


def test_a_method_added_after_another_is_itself_and_its_receiver_no_evidence(repo, cli):
    """REVIEW-E60, REVIEW-E61: the hunk's header names `Put()`, whose line is its context; its
    receiver names `Mux`, as M-1 and the Context do. Not one question, even with `--all`, and
    the changed function no test names is `Query()`."""
    repo.commit("base", {"specs/m.md": SPEC, "m.go": MUX, "m_test.go": "package m\n// M-1\n"})
    repo.commit("Query", {"m.go": MUX + QUERY})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == []
    assert untested(data) == ["Query"]
    assert "Use()" not in cli("review", "HEAD").out.split("== M:")[0]


def test_a_change_inside_a_method_still_names_it(repo, cli):
    """REVIEW-E60: a line inside `Use()`, and the closing brace of `Put()` rewritten over
    lines, are still changes of those methods."""
    repo.commit("base", {"specs/m.md": SPEC, "m.go": MUX, "m_test.go": "package m\n"})
    inside = MUX.replace('panic("middlewares before routes")', 'panic("routes first")')
    repo.commit("message", {"m.go": inside})
    data = review_json(cli, "HEAD")
    assert untested(data) == ["Use"]
    assert [q["statement"]["id"] for q in data["questions"]] == ["M-1"]
    wrapped = inside.replace(
        "func (mx *Mux) Put(p string) { mx.routes = append(mx.routes, p) }",
        "func (mx *Mux) Put(p string) {\n\tmx.routes = append(mx.routes, p+p)\n}",
    )
    repo.commit("wrapped", {"m.go": wrapped})
    assert untested(review_json(cli, "HEAD")) == ["Put"]
