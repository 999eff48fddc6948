"""REVIEW-E360 through the CLI on real repositories: a JavaScript or Java function whose
parameters a change renames throughout (qs `3e750c1ac6`: `decode(str, decoder, charset)`
written `decode(str, defaultDecoder, charset)` asked three questions) asks nothing; the
nearest renames that change what runs still ask."""

from __future__ import annotations

from testing.util import committed_review, review_json

SPEC = """---
id: DEC
scope: ["src/**"]
---
# Decoding

## Requirements
- DEC-1: `decode` turns `+` into a space and decodes the percent escapes.
"""

JS = """'use strict'

var limit = 10

var decode = function (str, decoder, charset) {
  var plain = str.replace(/\\+/g, ' ')
  if (charset === 'iso-8859-1') {
    return plain.slice(0, limit)
  }
  return decoder(plain, { charset: charset })
}

module.exports = decode
"""


def _asks(repo, cli, message, files):
    repo.commit(message, files)
    data = review_json(cli, "HEAD", "--all")
    return data["noop_files"] == [] and data["questions"] != []


def test_a_javascript_parameter_renamed_throughout_asks_nothing(repo, cli):
    """REVIEW-E360: `decoder` renamed `defaultDecoder` and `charset` renamed `cs`, in the
    header and every use."""
    repo.commit("base", {"specs/dec.md": SPEC, "src/decode.js": JS})
    renamed = (
        JS.replace("decoder", "defaultDecoder")
        .replace("charset ===", "cs ===")
        .replace("str, defaultDecoder, charset", "str, defaultDecoder, cs")
        .replace("charset: charset", "charset: cs")
    )
    repo.commit("rename", {"src/decode.js": renamed})
    data = review_json(cli, "HEAD", "--all")
    assert (data["noop_files"], data["questions"]) == (["src/decode.js"], [])


def test_javascript_renames_that_change_what_runs_still_ask(repo, cli):
    """REVIEW-E360's nearest changes: a new name that was the module's `limit` (the body now
    reads the parameter), an old name the body still reads (now the global), a key renamed
    with the value (`{ charset }` shorthand names the key), and a name renamed in a block
    that is no function's (`if (x) {`: the outer variable)."""
    repo.commit("base", {"specs/dec.md": SPEC, "src/decode.js": JS})
    captured = (
        JS.replace("str, decoder, charset", "str, decoder, limit")
        .replace("charset ===", "limit ===")
        .replace("charset: charset", "charset: limit")
    )
    assert _asks(repo, cli, "captures limit", {"src/decode.js": captured})
    repo.commit("back", {"src/decode.js": JS})
    header = JS.replace("str, decoder, charset", "str, decoder, cs")
    assert _asks(repo, cli, "header only", {"src/decode.js": header})
    repo.commit("back", {"src/decode.js": JS})
    short = JS.replace("{ charset: charset }", "{ charset }")
    repo.commit("shorthand", {"src/decode.js": short})
    keyed = short.replace("charset", "cs").replace("'iso-8859-1'", "'iso-8859-1'")
    assert _asks(repo, cli, "shorthand renamed", {"src/decode.js": keyed})
    block = JS.replace(
        "  return decoder(plain",
        "  if (limit) {\n    plain = plain.substr(limit)\n  }\n  return decoder(plain",
    )
    repo.commit("block", {"src/decode.js": block})
    other = block.replace("if (limit) {", "if (other) {").replace("substr(limit)", "substr(other)")
    assert _asks(repo, cli, "a block's names", {"src/decode.js": other})


JAVA = """package x;

final class Decoder {
    private int count = 0;

    int decode(final String value, final int offset) {
        count++;
        return value.length() + offset;
    }

    int length() {
        return count;
    }

    void reset() {
        Runnable r = () -> {
            count = 0;
        };
        r.run();
    }
}
"""


def test_a_java_parameter_renamed_throughout_asks_nothing(repo, cli):
    """REVIEW-E360: Java's `offset` renamed `start`, in the header and its use."""
    repo.commit("base", {"specs/dec.md": SPEC, "src/Decoder.java": JAVA})
    repo.commit("rename", {"src/Decoder.java": JAVA.replace("offset", "start")})
    data = review_json(cli, "HEAD", "--all")
    assert (data["noop_files"], data["questions"]) == (["src/Decoder.java"], [])


def test_java_renames_that_change_what_runs_still_ask(repo, cli):
    """REVIEW-E360's nearest changes: a parameter renamed to the field the body reads
    (`count`), and to the name of a method the body calls (`length`: `value.length()` is a
    member, but a bare `length()` would be the class's method)."""
    repo.commit("base", {"specs/dec.md": SPEC, "src/Decoder.java": JAVA})
    field = JAVA.replace("final int offset", "final int count").replace("+ offset", "+ count")
    assert _asks(repo, cli, "captures the field", {"src/Decoder.java": field})
    repo.commit("back", {"src/Decoder.java": JAVA})
    called = JAVA.replace("value.length() + offset", "length() + offset")
    repo.commit("calls", {"src/Decoder.java": called})
    method = called.replace("final int offset", "final int length").replace("+ offset", "+ length")
    assert _asks(repo, cli, "a method's name", {"src/Decoder.java": method})


SCRIPT = """'use strict'

function decode(a, text) {
  return PATTERN ? a : $(text)
}

module.exports = decode
"""


def test_a_parameter_renamed_with_a_regex_or_a_dollar_name_still_asks(repo, cli):
    """REVIEW-E376: `a` renamed `b` with `$a` written `$b` (another global) or
    `/a/` written `/b/` (another pattern): the tokens read `$`, `a` and `/`, `a`, `/`, so
    both read as the parameter renamed throughout."""
    for before, after in (("$a(text)", "$b(text)"), ("/a/.test(text)", "/b/.test(text)")):
        base = SCRIPT.replace("PATTERN", before)
        repo.commit("base", {"specs/dec.md": SPEC, "src/decode.js": base})
        renamed = base.replace("(a, text)", "(b, text)").replace("? a :", "? b :")
        changed = {"src/decode.js": renamed.replace(before, after)}
        assert committed_review(repo, cli, f"{before} respelled", changed)[0] == []


MAKER = """package x;

abstract class Base implements Runnable {
    int count = 7;
}

final class Maker {
    Runnable make(final int total) {
        return new Base() {
            public void run() {
                System.out.println(total);
            }
        };
    }
}
"""


def test_a_java_parameter_renamed_inside_an_anonymous_class_still_asks(repo, cli):
    """REVIEW-E378: `total` renamed `count` where an anonymous `Base` reads it: there `count`
    is the field `Base` has, not the parameter."""
    repo.commit("base", {"specs/dec.md": SPEC, "src/Maker.java": MAKER})
    anonymous = MAKER.replace("make(final int total)", "make(final int count)", 1).replace(
        "println(total);\n            }", "println(count);\n            }", 1
    )
    assert (
        committed_review(repo, cli, "read by an anonymous class", {"src/Maker.java": anonymous})[0]
        == []
    )
