"""What the express trial (JavaScript, CommonJS) found, through the CLI on real repositories: a
function expression assigned to a property (`res.send = function send(body) {`) or passed as
a call's argument (`defineGetter(req, 'host', function host() {`) is a definition for the
hook's heading, the review's enclosing name and `name-removed` (CHECK-E38, REVIEW-E125,
REVIEW-E126, CHECK-E39); JavaScript's keywords are no names (REVIEW-E127)."""

from __future__ import annotations

from testing.util import review_json

RES_SPEC = """---
id: RES
scope: ["lib/**"]
---
# Response

## Context
- `res.send()` in `lib/response.js` writes the body.
- The `send` module streams files for `res.sendFile()`.
- `defineGetter()` installs the getters of `req`.
- `res.vary()` appends a field to `Vary`.
- `mount()` registers the routes of an app.

## Requirements
- RES-1: The JSONP callback is restricted to `[]\\w$.` characters.
- RES-2: `res.send()` sets `Content-Length` to the byte length of the body.
- RES-3: `req.host` is the `Host` header without its port.

## Edge Cases
- RES-E1: `res.cookie()` with a `maxAge` of `null` or `undefined` sets no `Max-Age`.
"""

BODY = "\n".join(f"  var v{i} = {i};" for i in range(25))
CALLBACK = "  cb = cb.replace(/[^\\[\\]\\w$.]/g, '');"
WIDER = "  cb = cb.replace(/[^\\[\\]\\w$.-]/g, '');"


def jsonp(definition: str) -> str:
    """`lib/response.js`: `// RES-1` above `definition`, a body 28 lines long, then another."""
    return (
        f"var res = module.exports = {{}};\n// RES-1\n{definition}\n{BODY}\n{CALLBACK}\n"
        "  return cb;\n};\n"
    )


DEFINITIONS = (
    "res.jsonp = function jsonp(cb) {",
    "exports.jsonp = function (cb) {",
    "module.exports = function jsonp(cb) {",
    "proto.jsonp = async (cb) => {",
    "Response.prototype.jsonp = function(cb){",
)


def test_a_reference_heads_the_body_of_a_function_assigned_to_a_property(repo, cli):
    """CHECK-E38 (express `res.jsonp`: two edits 42 lines under `// SEND-6` passed the hook
    without a word): a `// ID` right above `res.jsonp = function jsonp(cb) {` (or
    `exports.x = function`, `module.exports = function`, an arrow, a prototype's method)
    heads its body to its closing `};`, as it does above `function jsonp(cb) {`."""
    for definition in DEFINITIONS:
        repo.commit(
            f"base {definition}", {"specs/res.md": RES_SPEC, "lib/response.js": jsonp(definition)}
        )
        repo.stage({"lib/response.js": jsonp(definition).replace(CALLBACK, WIDER)})
        assert "touches the code of RES-1" in cli("check", "--staged").out, definition
        repo.git("reset", "-q", "--hard")


def test_a_reference_above_an_ended_member_function_heads_no_later_one(repo, cli):
    """CHECK-E38, adversarial: a reference above `res.a = function a() {...};` heads nothing of
    the next `res.b = function b() {` once `res.a` has ended; nor a property assigned a value
    (`res.locals = {};`) or a function's result (`res.x = make(function () {...});`)."""
    later = f"res.b = function b(cb) {{\n{BODY}\n{CALLBACK}\n  return cb;\n}};\n"
    for above in ("res.a = function a() {\n  return 1;\n};", "res.locals = {};"):
        text = f"var res = module.exports = {{}};\n// RES-1\n{above}\n\n{later}"
        repo.commit(f"base {above}", {"specs/res.md": RES_SPEC, "lib/response.js": text})
        repo.stage({"lib/response.js": text.replace(CALLBACK, WIDER)})
        assert "touched-requirement" not in cli("check", "--staged").out, above
        repo.git("reset", "-q", "--hard")


RESPONSE = """var send = require('send');
var res = module.exports = {};

res.send = function send(body) {
  var len;
  if (body !== undefined) {
    len = Buffer.byteLength(body);
    this.setHeader('Content-Length', len);
  }
  this.end(body);
};

function defineGetter(obj, name, getter) {
  Object.defineProperty(obj, name, { get: getter });
}

defineGetter(res, 'host', function host() {
  var val = this.getHeader('Host');
  return val.split(':')[0];
});

function mount(app) {
  var count = 0;
  register(app, '/', function (req, res) {
    count += 1;
    res.end('ok');
  });
}
"""


def _acts(data: dict[str, object]) -> dict[str, list[str]]:
    """Each question's statement (its ID, or `C@line`) with what its acts name."""
    found: dict[str, list[str]] = {}
    for question in data["questions"]:  # type: ignore[attr-defined]
        statement = question["statement"]
        key = statement["id"] or f"C@{statement['line']}"
        found[key] = [act["name"] for act in question["acts"]]
    return found


def test_a_hunk_inside_a_function_assigned_to_a_property_is_in_it(repo, cli):
    """REVIEW-E125 (express 723b5451, 18e5985b: a hunk in `res.status` "changes `res()`", in
    `res.send` "changes `require`", and the `send` module's Context line was asked of every
    change to `res.send`): the hunk is in `res.send`, asked of the statements that name
    `res.send()` (RES-2, its Context line), not of the one naming the `send` module."""
    repo.commit("base", {"specs/res.md": RES_SPEC, "lib/response.js": RESPONSE})
    repo.commit(
        "The length as a string",
        {
            "lib/response.js": RESPONSE.replace(
                "'Content-Length', len", "'Content-Length', '' + len"
            )
        },
    )
    acts = _acts(review_json(cli, "HEAD"))
    assert acts.get("RES-2") == ["res.send"], acts
    assert "C@9" not in acts, acts  # the `send` module's line
    assert all("require" not in names for names in acts.values()), acts


def test_a_hunk_inside_a_function_passed_to_a_call_is_in_that_function(repo, cli):
    """REVIEW-E126 (express 9d8223d9, a no-op `trimRight()` -> `trimEnd()` inside
    `defineGetter(req, 'host', function host() {`, asked the Context line naming
    `defineGetter()`): the hunk is in `host`, and asks the statement naming `req.host`; inside
    an unnamed callback (`register(app, '/', function (req, res) {`) it is in the function
    around the call (`mount`), not in `register`."""
    repo.commit("base", {"specs/res.md": RES_SPEC, "lib/response.js": RESPONSE})
    repo.commit(
        "Strip the port from the right",
        {"lib/response.js": RESPONSE.replace("split(':')[0]", "split(':').shift()")},
    )
    acts = _acts(review_json(cli, "HEAD"))
    assert "C@10" not in acts, acts  # `defineGetter()` installs the getters
    assert acts.get("RES-3") == ["host"], acts
    repo.commit("ok", {"lib/response.js": repo.read("lib/response.js").replace("'ok'", "'OK'")})
    names = {a["name"] for q in review_json(cli, "HEAD", "--all")["questions"] for a in q["acts"]}
    assert names == {"mount"}, names


def test_javascript_keywords_are_no_names_a_statement_shares(repo, cli):
    """REVIEW-E127 (express 18e5985b: `body !== undefined`, kept on a changed line of
    `res.send`, asked a `res.cookie()` edge case about a `maxAge` of `undefined`): `undefined`,
    `null`, `this` name no statement; adversarial: the same change that writes the
    `maxAge` the statement names still asks it."""
    repo.commit("base", {"specs/res.md": RES_SPEC, "lib/response.js": RESPONSE})
    guarded = "  if (body !== undefined && !this.getHeader('Transfer-Encoding')) {"
    repo.commit(
        "No length when chunked",
        {"lib/response.js": RESPONSE.replace("  if (body !== undefined) {", guarded)},
    )
    assert "RES-E1" not in _acts(review_json(cli, "HEAD", "--all")), "undefined"
    cookie = "  if (body !== undefined && maxAge !== null) {"
    repo.commit(
        "maxAge",
        {"lib/response.js": RESPONSE.replace("  if (body !== undefined) {", cookie)},
    )
    assert "RES-E1" in _acts(review_json(cli, "HEAD", "--all")), "maxAge"


VARY = "res.vary = function(field){\n  vary(this, field);\n  return this;\n};\n"


def test_removing_a_function_assigned_to_a_property_that_a_spec_names_warns(repo, cli):
    """CHECK-E39 (express: deleting `res.vary = function(field){...}`, which HDR's Context names
    as `res.vary()`, passed without `name-removed`): its removal warns as removing
    `function vary(field) {` does; adversarial: moved in the same change (assigned again as
    a function elsewhere), it is not removed."""
    base = f"var res = module.exports = {{}};\n\n{VARY}\nres.end = function end() {{}};\n"
    repo.commit("base", {"specs/res.md": RES_SPEC, "lib/response.js": base})
    repo.stage({"lib/response.js": base.replace(VARY, "")})
    assert "removes `vary`" in cli("check", "--staged").out
    moved = base.replace(VARY, "") + "\n" + VARY.replace("function(field)", "function (field)")
    repo.stage({"lib/response.js": moved})
    assert "name-removed" not in cli("check", "--staged").out
