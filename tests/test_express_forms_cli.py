"""The adversarial review of CHECK-E38 and CHECK-E39, through the CLI on real repositories: the
forms of a function assigned to a property that `const f = ...` already had (its parameters
over several lines, TypeScript's return type, an arrow returning an object) are definitions
for the hook's heading and for `name-removed`."""

from __future__ import annotations

from test_express_cli import BODY, CALLBACK, RES_SPEC, VARY, WIDER


def _under(definition: str, closing: str = "};") -> str:
    return (
        f"var res = module.exports = {{}};\n// RES-1\n{definition}\n{BODY}\n{CALLBACK}\n"
        f"  return cb;\n{closing}\n"
    )


def test_a_reference_heads_a_property_function_in_the_forms_const_has(repo, cli):
    """CHECK-E38: `res.jsonp = function jsonp(cb,` (its parameters on two lines), `(cb: string):
    string => {` and `(cb) => ({` passed the hook without a word, 28 lines under `// RES-1`,
    while `const jsonp = ...` in the same forms warned."""
    forms = (
        ("res.jsonp = function jsonp(cb,\n    options) {", "};"),
        ("res.jsonp = (cb: string): string => {", "};"),
        ("res.jsonp = (cb) => ({", "});"),
    )
    for definition, closing in forms:
        text = _under(definition, closing)
        repo.commit(f"base {definition}", {"specs/res.md": RES_SPEC, "lib/response.ts": text})
        repo.stage({"lib/response.ts": text.replace(CALLBACK, WIDER)})
        assert "touches the code of RES-1" in cli("check", "--staged").out, definition
        repo.git("reset", "-q", "--hard")


def test_a_property_function_rewritten_as_a_typed_arrow_is_not_removed(repo, cli):
    """CHECK-E39: `res.vary = function(field){` rewritten as `res.vary = (field: string): Res
    => {` still defines `vary`: no `name-removed`; deleting it still warns."""
    base = f"var res = module.exports = {{}};\n\n{VARY}\nres.end = function end() {{}};\n"
    repo.commit("base", {"specs/res.md": RES_SPEC, "lib/response.ts": base})
    typed = base.replace("function(field){", "(field: string): Res => {")
    repo.stage({"lib/response.ts": typed})
    assert "name-removed" not in cli("check", "--staged").out
    repo.stage({"lib/response.ts": base.replace(VARY, "")})
    assert "removes `vary`" in cli("check", "--staged").out
