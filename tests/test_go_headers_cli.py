"""REVIEW-E142 through the CLI on real repositories (the gorilla/mux trial): git's hunk header
of a Go change near the top of a file is the package clause (`package mux`) or a block of
imports or constants (`import (`, `const (`), none of which is a function the hunk changes."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: TPL
scope: [regexp.go]
---
# Templates

## Context
- `regexpType` tells a path, a host, a prefix and a query regexp apart.

## Requirements
- [ ] TPL-1: A regexpType of a query matches the query's values.
"""

REGEXP = """package mux

import (
\t"regexp"
)

type regexpType int

const (
\tregexpTypePath   regexpType = 0
\tregexpTypeHost   regexpType = 1
\tregexpTypePrefix regexpType = 2
\tregexpTypeQuery  regexpType = 3
)

var pattern = regexp.MustCompile("x")
"""


def _acts(data: dict[str, object]) -> set[tuple[str, str]]:
    questions = data["questions"]
    assert isinstance(questions, list)
    return {(a["verb"], a["name"]) for q in questions for a in q["acts"]}


def test_a_change_under_the_package_clause_changes_no_function(repo, cli):
    """REVIEW-E142 (gorilla/mux `c889844`: "regexp.go 6-9 changes `mux()`"): a hunk whose
    git header is `const (`, `package mux` or `type regexpType int`, and the imports' hunk,
    change these lines, not `const()`, `mux()`, `int()` nor `import()`."""
    repo.commit("base", {"specs/tpl.md": SPEC, "regexp.go": REGEXP})
    changed = REGEXP.replace("= 3\n", "= 4\n").replace('\t"regexp"\n', '\t"regexp"\n\t"strings"\n')
    repo.commit("query is four", {"regexp.go": changed})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"], data
    assert _acts(data) <= {("changes", "")}, _acts(data)
    out = cli("review", "HEAD", "--all").out
    assert "mux()" not in out and "import()" not in out
    bare = REGEXP.replace('import (\n\t"regexp"\n)\n\ntype regexpType int\n\n', "")
    for subject, text in (("bare", bare), ("host", bare.replace("= 1\n", "= 5\n"))):
        repo.commit(subject, {"regexp.go": text})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] and _acts(data) <= {("changes", "")}, _acts(data)
    typed = REGEXP.replace("= 1\n", "= 5\n")
    repo.commit("typed", {"regexp.go": REGEXP})
    repo.commit("five", {"regexp.go": typed})
    assert _acts(review_json(cli, "HEAD", "--all")) <= {("changes", "")}


def test_a_function_header_still_names_its_function(repo, cli):
    """REVIEW-E142, adversarial: a C function whose return type is `const` (git's header
    `const char *name_of(int kind)`) is still the function a hunk below its context changes."""
    spec = SPEC.replace("regexp.go", "kinds.c").replace("`regexpType`", "`name_of()`")
    body = "".join(
        f"    if (kind == {i}) {{\n        return names[{i}];\n    }}\n" for i in range(8)
    )
    source = f"const char *name_of(int kind)\n{{\n{body}    return 0;\n}}\n"
    repo.commit("base", {"specs/tpl.md": spec, "kinds.c": source})
    repo.commit("seven", {"kinds.c": source.replace("return names[7];", "return names[6];")})
    acts = _acts(review_json(cli, "HEAD", "--all"))
    assert ("changes", "name_of") in acts, acts
