"""`specflow new --scope` drafts the governed code: not the tests a scope glob also matches,
and a CommonJS module that exports one function with what it is made of (specs/new.md)."""

from __future__ import annotations

from specflow.sources.markdown import parse_spec

ECDSA = "package jwt\n\n// SigningMethodECDSA signs with ECDSA.\n"
ECDSA += "type SigningMethodECDSA struct{}\n\n"
ECDSA += "// Verify checks a signature.\nfunc (m *SigningMethodECDSA) Verify(s string) error {\n"
ECDSA += "\treturn nil\n}\n"
ECDSA_TEST = 'package jwt\n\nimport "testing"\n\nfunc TestECDSAVerify(t *testing.T) {}\n\n'
ECDSA_TEST += "func BenchmarkECDSASigning(b *testing.B) {}\n"
EXAMPLE = "package jwt_test\n\nfunc ExampleParse() {}\n"


def _context(repo, cli, scope: str) -> str:  # type: ignore[no-untyped-def]
    result = cli("new", "Signing", "--id", "SIGN", "--scope", scope)
    assert result.code == 0, result
    spec = parse_spec("specs/signing.md", repo.read("specs/signing.md"))
    return "\n".join(c.text for c in spec.context)


def test_a_scope_glob_drafts_no_test_file_it_matches(repo, cli):
    """NEW-E24: golang-jwt's trial drafted `ecdsa_test.go`'s `TestECDSAVerify`, `TestECDSASign`
    and `BenchmarkECDSASigning` into the Context of `new --scope 'ecdsa*.go'`, as if they were
    the governed code. A file the test globs match is not drafted; a file they do not match
    (`ecdsa_example.go`) still is, and a scope of tests alone drafts them."""
    files = {"ecdsa.go": ECDSA, "ecdsa_test.go": ECDSA_TEST, "ecdsa_example.go": EXAMPLE}
    repo.commit("code", files)
    drafted = _context(repo, cli, "ecdsa*.go")
    assert "Verify(s string)" in drafted and "ExampleParse" in drafted, drafted
    assert "ecdsa_test.go" not in drafted and "TestECDSAVerify" not in drafted, drafted
    assert "Benchmark" not in drafted, drafted
    (repo.path / "specs" / "signing.md").unlink()
    tests_only = _context(repo, cli, "*_test.go")
    assert "TestECDSAVerify" in tests_only, tests_only


SIGN = """const jws = require('jws');
const { KeyObject } = require('crypto');
const timespan = require('./lib/timespan').default;

// The algorithms a token is signed with.
const SUPPORTED_ALGS = ['RS256', 'HS256', 'none'];

const sign_options_schema = {
  expiresIn: { isValid: isNumber, message: 'a number' },
};

/** Checks an object against a schema. */
function validate(schema, allowUnknown, object) {
  function inner(key) {
    return key;
  }
  return inner(object);
}

const validateOptions = validate.bind(null, sign_options_schema, false);

/** Signs a payload. */
module.exports = function (payload, secretOrPrivateKey, options, callback) {
  const local = 1;
  return jws.sign(payload);
};
"""

OBJECT = """function helper(a) {
  return a;
}

module.exports = {
  parse: function (s) { return helper(s); },
};
"""


def test_a_commonjs_module_that_exports_one_function_drafts_its_own_definitions(repo, cli):
    """NEW-E25: auth0/node-jsonwebtoken's trial (sign.js: `module.exports = function (payload,
    secretOrPrivateKey, options, callback)`) drafted that one line, none of `validate`,
    `validateOptions`, `SUPPORTED_ALGS` or `sign_options_schema`, which a maintainer's Context
    names. Beside it, the module's own top-level functions and tables are drafted in its
    order; a name bound to `require(...)` is another module's, and a nested function or a
    local is none. A module exporting an object (`module.exports = { parse }`) drafts its
    keys only, as before."""
    repo.commit("code", {"sign.js": SIGN, "lib/object.js": OBJECT})
    drafted = _context(repo, cli, "sign.js").splitlines()
    assert drafted == [
        "Draft: `sign.js`",
        "- `module.exports(payload, secretOrPrivateKey, options, callback)`: Signs a payload.",
        "- `SUPPORTED_ALGS`: The algorithms a token is signed with.",
        "- `sign_options_schema`",
        "- `validate(schema, allowUnknown, object)`: Checks an object against a schema.",
        "- `validateOptions`",
    ], drafted
    (repo.path / "specs" / "signing.md").unlink()
    keys = _context(repo, cli, "lib/object.js")
    assert "parse(s)" in keys and "helper" not in keys, keys


STREAM = """var fs = require('fs')

module.exports = send

/**
 * Return a `SendStream` for `req` and `path`.
 */
function send (req, path, options) {
  return new SendStream(req, path, options)
}

function SendStream (req, path, options) {
  this.path = path
}

/**
 * Check if the pathname ends with "/".
 */
SendStream.prototype.hasTrailingSlash = function hasTrailingSlash () {
  return this.path[this.path.length - 1] === '/'
}

SendStream.prototype.pipe =
  function pipe (res) {
    return res
  }

SendStream.prototype.chunkSize = 64 * 1024
Other.prototype.close = function close () {}
"""


def test_a_constructor_s_prototype_methods_are_drafted(repo, cli):
    """NEW-E33: pillarjs/send's trial (`module.exports = send`, whose `send()` returns a
    `SendStream`) drafted `send(req, path, options)` alone, none of the 19 methods the review
    later named `SendStream.pipe` and so on. Its prototype's methods are drafted after the
    exports, with their comments, as the review names them (the function on the line below its
    `=` too); not a value that is no function,
    nor the prototype of a constructor the file does not define; a script that exports
    nothing drafts none of them."""
    script = STREAM.replace("module.exports = send\n", "")
    repo.commit("code", {"send.js": STREAM, "script.js": script})
    drafted = _context(repo, cli, "send.js").splitlines()
    assert drafted == [
        "Draft: `send.js`",
        "- `send(req, path, options)`: Return a `SendStream` for `req` and `path`.",
        '- `SendStream.hasTrailingSlash()`: Check if the pathname ends with "/".',
        "- `SendStream.pipe(res)`",
    ], drafted
    (repo.path / "specs" / "signing.md").unlink()
    assert "SendStream" not in _context(repo, cli, "script.js")


def test_a_script_that_only_says_export_drafts_no_prototype(repo, cli):
    """REVIEW-E407, NEW-E33: a script whose text holds `export` only in a word
    (`exportCsv`, a comment "export the stream") exports nothing, and drafts none of its
    constructor's prototype methods, as a script without the word; an ES module still does."""
    script = STREAM.replace("module.exports = send\n", "// export the stream from a page\n")
    method = "SendStream.prototype.exportCsv = function exportCsv () {\n  return ''\n}\n"
    module = STREAM.replace("module.exports = send\n", "") + "export { send }\n"
    files = {"script.js": script, "page.js": script.replace("// export", "//") + method}
    repo.commit("code", {**files, "module.js": module})
    for path in files:
        assert "SendStream" not in _context(repo, cli, path), path
        (repo.path / "specs" / "signing.md").unlink()
    assert "`SendStream.pipe(res)`" in _context(repo, cli, "module.js")


COOKIE = """var merge = require('utils-merge')

/**
 * Initialize a new `Cookie` with the given `options`.
 */

var Cookie = module.exports = function Cookie(options) {
  this.path = '/';
};

Cookie.prototype = {

  /**
   * Set expires `date`.
   */

  set expires(date) {
    this._expires = date;
  },

  get expires() {
    return this._expires;
  },

  /**
   * Return a serialized cookie string.
   */

  serialize: function(name, val){
    return name + '=' + val;
  },

  toJSON() {
    return {};
  },

  secure: false
};
"""

SESSION = """module.exports = Session;

/**
 * Create a new `Session`.
 */

function Session(req, data) {
  this.req = req;
}

/**
 * Update reset `.cookie.maxAge`.
 */

defineMethod(Session.prototype, 'touch', function touch() {
  return this;
});

function defineMethod(obj, name, fn) {
  Object.defineProperty(obj, name, { value: fn });
}
"""


def test_a_prototype_literal_and_a_method_helper_are_drafted(repo, cli):
    """NEW-E40: expressjs/session's `var Cookie = module.exports = function Cookie(options)`
    drafts the constructor, `Cookie.prototype = {...}` its methods and accessors (one
    `Cookie.expires` for its getter and setter; `secure: false` is no method), and
    `defineMethod(Session.prototype, 'touch', function touch() {` `Session.touch()`; the
    trial's `new --scope session/cookie.js` drafted the file's name alone."""
    repo.commit("code", {"session/cookie.js": COOKIE, "session/session.js": SESSION})
    assert _context(repo, cli, "session/cookie.js").splitlines() == [
        "Draft: `session/cookie.js`",
        "- `Cookie(options)`: Initialize a new `Cookie` with the given `options`.",
        "- `Cookie.expires`: Set expires `date`.",
        "- `Cookie.serialize(name, val)`: Return a serialized cookie string.",
        "- `Cookie.toJSON()`",
    ]
    (repo.path / "specs" / "signing.md").unlink()
    assert _context(repo, cli, "session/session.js").splitlines() == [
        "Draft: `session/session.js`",
        "- `Session(req, data)`: Create a new `Session`.",
        "- `Session.touch()`: Update reset `.cookie.maxAge`.",
    ]
