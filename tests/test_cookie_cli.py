"""What the cookie trial (JavaScript, TypeScript) found in the review and the hook, through the
CLI on real repositories (REVIEW-E71)."""

from __future__ import annotations

from testing.util import review_json

SERIALIZE_SPEC = """---
id: SERIALIZE
scope: ["index.js", "test/**", "README.md"]
---
# Serializing a Set-Cookie header

## Context
- `serialize(name, val, options)` builds a `Set-Cookie` header value as `name + '=' + value`.

## Requirements
- SERIALIZE-1: `httpOnly` and `secure` write the flags `HttpOnly` and `Secure` when truthy.
"""

INDEX = """exports.serialize = serialize;

function serialize(name, val, options) {
  var opt = options || {};
  var str = name + '=' + encodeURIComponent(val);

  if (opt.httpOnly) {
    str += '; HttpOnly';
  }

  return str;
}
"""


def test_code_in_scope_that_no_statement_speaks_of_is_listed(repo, cli):
    """REVIEW-E71 (cookie 84a1567, the `Partitioned` attribute): a behaviour the spec says
    nothing of asks no question, and is listed under its spec in text, Markdown and JSON, so it
    does not vanish from the review; a test and a document are not; once a statement is asked
    about the code, it is not listed."""
    # REVIEW-E108: a Context line naming `serialize()` would be asked of any change inside it
    spec = SERIALIZE_SPEC.replace("`serialize(name, val, options)` builds", "It builds")
    repo.commit("base", {"specs/serialize.md": spec, "index.js": INDEX})
    partitioned = INDEX.replace(
        "  return str;",
        "  if (opt.partitioned) {\n    str += '; Partitioned';\n  }\n\n  return str;",
    )
    repo.commit(
        "Add the partitioned option",
        {
            "index.js": partitioned,
            "test/serialize.js": "assert(serialize('a', 'b', {partitioned: true}))\n",
            "README.md": "partitioned: adds the attribute\n",
        },
    )
    data = review_json(cli, "HEAD")
    assert data["questions"] == []
    assert [(u["hunk"]["path"], u["specs"]) for u in data["unasked"]] == [
        ("index.js", ["SERIALIZE"])
    ]
    assert "index.js 11-14 (SERIALIZE)" in cli("review", "HEAD").out
    assert "`index.js` 11-14 (SERIALIZE)" in cli("review", "HEAD", "--format", "markdown").out
    repo.commit("httpOnly", {"index.js": INDEX.replace("'; HttpOnly'", "'; httpOnly'")})
    data = review_json(cli, "HEAD")
    assert data["questions"] and data["unasked"] == []


PARSE_SPEC = """---
id: PARSE
scope:
  - /index.js
  - /src/index.ts
---
# Parsing

## Requirements
- PARSE-1: `parse` throws a `TypeError` when `str` is not a string.
"""

PARSE_JS = "exports.parse = parse;\nfunction parse(str) {\n  // PARSE-1\n  return {};\n}\n"
PARSE_TS = "export function parse(str: string) {\n  // PARSE-1\n  return {};\n}\n"


def test_moving_the_code_to_the_other_path_the_scope_names_passes(repo, cli):
    """CHECK-E26 (cookie 1cc64ff, `index.js` to `src/index.ts`): a spec scoped to both paths
    ahead of the move still governs the code, so `emptied-scope` does not block it (lint still
    names the glob that matches nothing); moved elsewhere, it does."""
    repo.commit("base", {"specs/parse.md": PARSE_SPEC, "index.js": PARSE_JS})
    repo.git("mv", "index.js", "lib.ts")
    repo.stage({"lib.ts": PARSE_TS})
    assert "emptied-scope" in cli("check", "--staged").out
    repo.git("reset", "-q", "--hard")
    repo.git("rm", "-q", "index.js")
    repo.stage({"src/index.ts": PARSE_TS})
    done = cli("check", "--staged")
    assert done.code == 0 and "emptied-scope" not in done.out, done.out
    repo.git("commit", "-q", "-m", "TypeScript")
    assert "'/index.js' matches no file" in cli("lint").out


FLAGS = """function flags(opt) {
  var str = 'a'
  if (opt.httpOnly) {
    str += '; HttpOnly'
  }
  var call = str
  [1, 2].forEach(add)
  return str
}
"""

FLAGS_SPEC = SERIALIZE_SPEC.replace('"index.js"', '"flags.js"')


def test_semicolons_asi_inserts_are_formatting_and_a_braceless_if_still_writes(repo, cli):
    """REVIEW-E72 (cookie 47917c9: semicolons added at lines' ends): no question, unless the
    next line starts with what would continue the statement, where the `;` means something;
    REVIEW-E73: `if (opt.httpOnly) str += ...` writes `str`, it does not stop writing it (its
    braces dropped alone are no change, REVIEW-E232: the value changes with them)."""
    repo.commit("base", {"specs/serialize.md": FLAGS_SPEC, "flags.js": FLAGS})
    semicolons = FLAGS.replace("'a'\n", "'a';\n").replace("'; HttpOnly'\n", "'; HttpOnly';\n")
    repo.commit("Semicolons", {"flags.js": semicolons})
    assert review_json(cli, "HEAD")["noop_files"] == ["flags.js"]
    joined = semicolons.replace("var call = str\n", "var call = str;\n")
    repo.commit("A semicolon before a line that starts with [", {"flags.js": joined})
    assert review_json(cli, "HEAD")["noop_files"] == []
    braceless = joined.replace(
        "  if (opt.httpOnly) {\n    str += '; HttpOnly';\n  }\n",
        "  if (opt.httpOnly) str += '; HttpOnly; Secure';\n",
    )
    repo.commit("No braces", {"flags.js": braceless})
    acts = {
        (a["verb"], a["name"]) for q in review_json(cli, "HEAD")["questions"] for a in q["acts"]
    }
    assert ("writes", "str") in acts and ("stops writing", "str") not in acts


PAIRS_SPEC = """---
id: PARSE
scope: [index.js]
---
# Parsing a Cookie header

## Requirements
- PARSE-2: Each `name=value` pair separated by `;` becomes one property of the returned object.
- PARSE-3: A `Max-Age=0` attribute is kept as a number, `maxAge`.
"""

ENCODE_SPEC = """---
id: SERIALIZE
scope: [index.js]
---
# Serializing a Set-Cookie header

## Context
- `serialize(name, val, options)` encodes the value with `enc`.
"""

ENCODE = """function serialize(name, val, options) {
  var enc = options.encode || encodeURIComponent;
  var value = enc(val);
  return name + '=' + value;
}
"""


def test_a_code_span_showing_a_format_names_no_identifiers(repo, cli):
    """REVIEW-E76 (the cookie trial): `name=value` in a statement shows a format; a change in
    `serialize()` that writes a local `value` is not asked about parsing's pairs."""
    specs = {"specs/parse.md": PAIRS_SPEC, "specs/serialize.md": ENCODE_SPEC}
    repo.commit("base", {**specs, "index.js": ENCODE})
    empty = ENCODE.replace("var value = enc(val);", "var value = val === '' ? '' : enc(val);")
    repo.commit("Encode an empty value", {"index.js": empty})
    asked = [q["statement"]["spec"] for q in review_json(cli, "HEAD", "--all")["questions"]]
    assert asked == ["SERIALIZE"]


def test_a_keyword_argument_in_a_code_span_still_names_its_parameter(repo, cli):
    """REVIEW-E76: `allow_redirects=False` is code: a hunk that writes `allow_redirects` asks
    the statement that names it."""
    spec = PAIRS_SPEC.replace(
        "- PARSE-3: A `Max-Age=0` attribute",
        "- PARSE-3: With `strict_pairs=True` a `Max-Age=0` attribute",
    )
    repo.commit("base", {"specs/parse.md": spec, "index.js": "var strict_pairs = false;\n"})
    repo.commit("strict", {"index.js": "var strict_pairs = true;\n"})
    asked = [q["statement"]["id"] for q in review_json(cli, "HEAD", "--all")["questions"]]
    assert asked == ["PARSE-3"]
