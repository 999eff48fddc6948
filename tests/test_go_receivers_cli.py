"""REVIEW-E141 and CHECK-E45 through the CLI on real repositories (the gorilla/mux trial): a Go
method is its receiver type's, as a Python method is its class's. A change inside
`func (r *Router) Match(` lies inside `Router.Match`, which a statement names as `specflow new
--scope` drafts it; one inside `Route.Match` does not. The check's name-removed reads a
`Type.Method()` a spec names by its receiver too."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: ROUTER
scope: [mux.go, route.go]
---
# Router

## Context
- `Router.Match()` tries each route in order and returns the first that matches.

## Requirements
- [ ] ROUTER-1: Routes are tried in registration order.
"""

MUX = """package mux

type Router struct{ routes []*Route; mw []func(int) int; h int }

// Match matches registered routes against the request.
func (r *Router) Match(req string) bool {
\tfor _, route := range r.routes {
\t\tif route.Match(req) {
\t\t\treturn true
\t\t}
\t}
\treturn false
}
"""

ROUTE = """package mux

type Route struct{ path string; err error }

// Match reports whether the route matches the request.
func (r *Route) Match(req string) bool {
\tif r.err != nil {
\t\treturn false
\t}
\treturn req == r.path
}
"""

WRAPPED = MUX.replace(
    "\t\t\treturn true\n",
    "\t\t\tfor i := len(r.mw) - 1; i >= 0; i-- {\n\t\t\t\tr.h = r.mw[i](r.h)\n\t\t\t}\n"
    "\t\t\treturn true\n",
)


def _matchers(count: int) -> dict[str, str]:
    """`count` files that each define a `Match` method: the name is common in the tree."""
    return {
        f"m{i}.go": f"package mux\n\ntype M{i} struct{{}}\n\n// Match matches a route.\n"
        f'func (m M{i}) Match(req string) bool {{ return req == "{i}" }}\n'
        for i in range(count)
    }


def _asked(data: dict[str, object]) -> list[tuple[str, str, str]]:
    questions = data["questions"]
    assert isinstance(questions, list)
    return [
        (q["statement"]["text"][:18], q["evidence"]["kind"], q["hunks"][0]["path"])
        for q in questions
    ]


def test_a_change_inside_router_match_asks_the_statement_naming_router_match(repo, cli):
    """REVIEW-E141 (gorilla/mux `53c1911`: middlewares wrapped in `Router.Match`, no question):
    with 30 other `Match` methods in the tree, the Context line naming `Router.Match()` is
    asked by the definition around the hunk, which "changes `Match()`"; the changed function
    no test names is `Match`, not its receiver."""
    repo.commit("base", {"specs/router.md": SPEC, "mux.go": MUX, **_matchers(30)})
    repo.commit("wrap handler in middlewares", {"mux.go": WRAPPED})
    data = review_json(cli, "HEAD")
    assert ("`Router.Match()` t", "enclosing", "mux.go") in _asked(data)
    assert [item["name"] for item in data["untested"]] == ["Match"]
    assert "(it lies inside `Match`, which the statement names)" in cli("review", "HEAD").out
    notified = WRAPPED.replace("\t\t\treturn true\n", "\t\t\tnotify(req)\n\t\t\treturn true\n")
    repo.commit("notify", {"mux.go": notified})
    assert "mux.go 12 changes `Match()`." in cli("review", "HEAD").out


def test_a_change_inside_route_match_is_not_inside_router_match(repo, cli):
    """REVIEW-E141, adversarial: `Route.Match` is another method of the same name; a hunk in it
    does not lie inside the `Router.Match()` a statement names, however few files there are."""
    files = {"specs/router.md": SPEC, "mux.go": MUX, "route.go": ROUTE}
    for count in (0, 30):
        repo.commit(f"base {count}", {**files, **_matchers(count)})
        changed = ROUTE.replace("return req == r.path", 'return req == r.path+"/"')
        repo.commit(f"slash {count}", {"route.go": changed})
        data = review_json(cli, "HEAD", "--all")
        assert not [q for q in _asked(data) if q[1] == "enclosing"], data["questions"]


def test_a_generic_receiver_is_its_type(repo, cli):
    """REVIEW-E141: `func (t *Tree[K, V]) Insert(` is `Tree`'s `Insert`: a statement naming
    `Tree.Insert()` is asked by the definition around the hunk, among 30 other `Insert`s."""
    spec = SPEC.replace("`Router.Match()` tries each route in order", "`Tree.Insert()` adds keys")
    tree = (
        "package mux\n\ntype Tree[K comparable, V any] struct{ keys []K; n int }\n\n"
        "func (t *Tree[K, V]) Insert(k K) {\n\tt.keys = append(t.keys, k)\n}\n"
    )
    others = {
        f"i{i}.go": f"package mux\n\ntype I{i} struct{{}}\n\nfunc (m I{i}) Insert(k int) {{}}\n"
        for i in range(30)
    }
    repo.commit(
        "base", {"specs/router.md": spec.replace("mux.go", "tree.go"), "tree.go": tree, **others}
    )
    repo.commit("count", {"tree.go": tree.replace("t.keys = append(t.keys, k)", "t.n++")})
    assert ("`Tree.Insert()` ad", "enclosing", "tree.go") in _asked(review_json(cli, "HEAD"))


ROUTE_SPEC = """---
id: ROUTE
scope: [route.go]
---
# Route

## Context
- `Route.Match()` returns true when every matcher of the route matches.

## Requirements
- [ ] ROUTE-1: A route matches only when all its matchers match.
"""


def _removed(cli) -> list[str]:
    out = cli("check", "HEAD").out
    return [line for line in out.splitlines() if "[name-removed]" in line]


def test_renaming_route_match_warns_while_router_match_remains(repo, cli):
    """CHECK-E45 (the mux trial renamed `Route.Match` and `check` said "All good", as
    `Router.Match` kept the bare name defined): the statement naming `Route.Match()` is told;
    the warning names the method with its type."""
    repo.commit("base", {"specs/route.md": ROUTE_SPEC, "route.go": ROUTE, "mux.go": MUX})
    renamed = ROUTE.replace("func (r *Route) Match(", "func (r *Route) Matches(")
    repo.commit(
        "rename", {"route.go": renamed, "mux.go": MUX.replace("route.Match(", "route.Matches(")}
    )
    found = _removed(cli)
    assert len(found) == 1 and found[0].startswith("specs/route.md:8:"), found
    assert "removes `Route.Match` (route.go:6)" in found[0]


def test_route_match_kept_another_way_or_another_types_renamed_is_not_removed(repo, cli):
    """CHECK-E45, adversarial: `Route.Match` is still defined when its receiver is renamed or
    made a value, or it moves to another file of the change; renaming `Router.Match` removes
    nothing a statement naming `Route.Match()` names, and `Router.Match()` named while
    `Route.Match` is renamed is not removed either."""
    repo.commit("base", {"specs/route.md": ROUTE_SPEC, "route.go": ROUTE, "mux.go": MUX})
    kept = {
        "receiver": {"route.go": ROUTE.replace("func (r *Route) Match(", "func (rt Route) Match(")},
        "moved": {
            "route.go": ROUTE.split("// Match reports")[0],
            "match.go": "package mux\n\n"
            + "func (r *Route) Match(req string) bool {\n\treturn req == r.path\n}\n",
        },
        "other": {"mux.go": MUX.replace("func (r *Router) Match(", "func (r *Router) Find(")},
    }
    for subject, files in kept.items():
        repo.commit(subject, files)
        assert _removed(cli) == [], subject
        repo.git("reset", "-q", "--hard", "HEAD~1")
    spec = ROUTE_SPEC.replace("`Route.Match()`", "`Router.Match()`")
    repo.commit("router spec", {"specs/route.md": spec})
    repo.commit("rename", {"route.go": ROUTE.replace(") Match(", ") Matches(")})
    assert _removed(cli) == []


FORMAT_SPEC = """---
id: JSON
scope: [json.go]
---
# JSON formatter

## Context
- `JSONFormatter.Format()` encodes the entry with `json.NewEncoder`.

## Requirements
- JSON-1: An encoder failure makes `Format()` return an error; nothing partial is returned.
"""
JSON_GO = (
    "package w\n\nfunc (f *JSONFormatter) Format(e string) ([]byte, error) {\n\treturn enc(e)\n}\n"
)
TEXT_GO = (
    "package w\n\nfunc (f *TextFormatter) Format(e string) ([]byte, error) {\n"
    '\tfileVal := e + ":" + itoa(1)\n\treturn []byte(fileVal), nil\n}\n'
)


def _json_asked(cli) -> set[str]:  # type: ignore[no-untyped-def]
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return {q["statement"].get("id") or q["statement"]["text"][:20] for q in questions}


def test_another_owners_method_of_the_same_name_asks_nothing(repo, cli):
    """REVIEW-E165 (logrus `2a640f1`: a change in `TextFormatter.Format` asked JSON-1, "it lies
    inside `Format`, which the statement names", and the Context line naming
    `JSONFormatter.Format()` by its words): the spec names `Format()` bare where its Context
    says whose it is, `JSONFormatter`'s, and the hunk lies in `TextFormatter`'s."""
    repo.commit("base", {"specs/json.md": FORMAT_SPEC, "json.go": JSON_GO, "text.go": TEXT_GO})
    repo.commit("text: file without line", {"text.go": TEXT_GO.replace(' + ":" + itoa(1)', "")})
    assert _json_asked(cli) == set()


def test_the_owners_own_method_and_an_unqualified_spec_still_ask(repo, cli):
    """REVIEW-E165, adversarial: a change in `JSONFormatter.Format` still asks JSON-1; a spec
    that never says whose `Format()` it means is asked by every `Format`."""
    repo.commit("base", {"specs/json.md": FORMAT_SPEC, "json.go": JSON_GO, "text.go": TEXT_GO})
    repo.commit("json: wrap", {"json.go": JSON_GO.replace("enc(e)", "wrap(enc(e))")})
    assert "JSON-1" in _json_asked(cli)
    bare = FORMAT_SPEC.replace("`JSONFormatter.Format()` encodes", "The formatter encodes")
    repo.commit("bare spec", {"specs/json.md": bare})
    repo.commit("text: file without line", {"text.go": TEXT_GO.replace(' + ":" + itoa(1)', "")})
    assert "JSON-1" in _json_asked(cli)


SEND_SPEC = """---
id: SEND
scope: [pkg/**]
---
# Sending

## Context
- `Session.send()` sends a prepared request and resolves its redirects.

## Requirements
- SEND-1: `send()` never follows a redirect when `allow_redirects` is false.
"""
SEND_PY = """class Session:
    def send(self, request, allow_redirects=True):
        return self.adapter.send(request)


class HTTPAdapter:
    def send(self, request):
        return self.pool.urlopen(request, retries=3)
"""


def test_a_python_method_of_another_class_is_not_the_one_the_spec_qualifies(repo, cli):
    """REVIEW-E165 holds for a class's method: `HTTPAdapter.send` is not the `send()` a spec
    whose Context says `Session.send()` speaks of; `Session.send` is."""
    repo.commit("base", {"specs/send.md": SEND_SPEC, "pkg/api.py": SEND_PY})
    repo.commit("adapter: fewer retries", {"pkg/api.py": SEND_PY.replace("retries=3", "retries=1")})
    assert "SEND-1" not in _json_asked(cli)
    changed = SEND_PY.replace("self.adapter.send(request)", "self.adapter.send(request, True)")
    repo.commit("session: pass a flag", {"pkg/api.py": changed})
    assert "SEND-1" in _json_asked(cli)


def test_a_bare_method_a_spec_qualifies_by_several_owners_is_every_owners(repo, cli):
    """REVIEW-E165, measured on the histories: click's spec says `Choice`'s and
    `StringParamType`'s `convert()` and TYPES-1 "no other exception escapes `convert()`": a
    bare name the spec qualifies by several owners means every owner's, and a change in
    `Path.convert` (3f91d215) still asks TYPES-1."""
    spec = SEND_SPEC.replace(
        "`Session.send()` sends a prepared request", "`Session.send()` and `Pool.send()` send"
    )
    repo.commit("base", {"specs/send.md": spec, "pkg/api.py": SEND_PY})
    repo.commit("adapter: fewer retries", {"pkg/api.py": SEND_PY.replace("retries=3", "retries=1")})
    assert "SEND-1" in _json_asked(cli)
