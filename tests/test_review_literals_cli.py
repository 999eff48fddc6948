"""REVIEW-E143 through the CLI on real repositories (the gorilla/mux trial): a string literal
that a statement quotes verbatim in backticks, and that a hunk's code changes, is evidence as
an identifier is, in the spec's scope; a literal too short or too plain to tell (`/`, `*`,
`""`) is none, nor is one in a file the spec does not govern."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: TPL
scope: [regexp.go]
---
# Templates

## Context
- Variables without a regexp use `[^/]+` in a path, `[^.]+` in a host and `[^?&]*` in a query.

## Requirements
- [ ] TPL-1: A query variable stops at the next `&` (`[^?&]*`).
- [ ] TPL-2: A path template joins its segments with `/`; a `*` segment matches any rest.
"""

REGEXP = """package mux

func newRouteRegexp(tpl string, matchHost, matchQuery bool) string {
\tdp := "[^/]+"
\tif matchQuery {
\t\tdp = "[^?&]*"
\t} else if matchHost {
\t\tdp = "[^.]+"
\t}
\treturn tpl + dp
}
"""


def _asked(data: dict[str, object]) -> dict[str, tuple[str, list[str]]]:
    questions = data["questions"]
    assert isinstance(questions, list)
    return {
        q["statement"]["id"] or f"C{q['statement']['line']}": (
            q["evidence"]["kind"],
            q["evidence"]["names"],
        )
        for q in questions
    }


def test_a_changed_literal_the_spec_quotes_asks_the_statements_quoting_it(repo, cli):
    """REVIEW-E143 (gorilla/mux `18fca31`: the query's default pattern `"[^?&]*"` became
    `".*"`, and TPL-2 and a Context line quoting `[^?&]*` were not asked): both statements
    quoting the removed literal are asked, by that literal."""
    repo.commit("base", {"specs/tpl.md": SPEC, "regexp.go": REGEXP})
    repo.commit("fix escaping", {"regexp.go": REGEXP.replace('"[^?&]*"', '".*"')})
    asked = _asked(review_json(cli, "HEAD"))
    assert asked["TPL-1"] == ("identifier", ["[^?&]*"]), asked
    assert asked["C8"] == ("identifier", ["[^?&]*"]), asked


def test_a_short_literal_or_one_out_of_scope_is_no_evidence(repo, cli):
    """REVIEW-E143, adversarial: TPL-2 quotes `/` and `*`, which a hunk turns one into the
    other, and `""` is in every file: no link by them; `[^?&]*` changed in a file the spec
    does not govern links nothing either."""
    other = 'package web\n\nvar sep = "/"\nvar all = ""\nvar query = "[^?&]*"\n'
    repo.commit("base", {"specs/tpl.md": SPEC, "regexp.go": REGEXP, "web/web.go": other})
    changed = REGEXP.replace("return tpl + dp", 'return tpl + "/" + dp + ""')
    repo.commit("slash", {"regexp.go": changed})
    names = {
        name for _, found in _asked(review_json(cli, "HEAD", "--all")).values() for name in found
    }
    assert not names & {"/", "*", '""', ""}, names
    web = other.replace('"/"', '"*"').replace('"[^?&]*"', '".*"')
    repo.commit("web", {"web/web.go": web})
    assert review_json(cli, "HEAD", "--all")["questions"] == []
