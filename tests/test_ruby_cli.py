"""What the rack trial (Ruby) found, through the CLI on real repositories (CHECK-E29)."""

from __future__ import annotations

import subprocess

from testing.util import review_json

SPEC = """---
id: HTTP
scope: ["lib/**"]
---
# Byte ranges

## Requirements
- HTTP-1: `get_byte_ranges` returns nil when the header is missing or invalid.
"""

BODY = "".join(f"    r{n} = size - {n}\n" for n in range(30))
UTILS = (
    "module Utils\n  # HTTP-1\n  def get_byte_ranges(http_range, size)\n"
    "    return nil unless http_range\n" + BODY + "    [r0..r1]\n  end\n\n"
    "  def other(size)\n" + BODY + "    size\n  end\nend\n"
)
TEST = "# HTTP-1\nassert_nil Utils.get_byte_ranges(nil, 1)\n"


def test_a_reference_heads_its_method_to_its_end_however_long(repo, cli):
    """CHECK-E29 (rack: a format change 25 lines into a method headed by `# HTTP-1` passed the
    hook without a word; the window was 20 lines): the hook warns and the review asks; a
    change in the next method, however near, is not its."""
    repo.commit("base", {"specs/http.md": SPEC, "lib/utils.rb": UTILS, "test/utils_test.rb": TEST})
    deep = UTILS.replace("    [r0..r1]\n", "    [[r0, r1 - r0 + 1]]\n")
    repo.stage({"lib/utils.rb": deep})
    assert "touches the code of HTTP-1" in cli("check", "--staged").out
    repo.commit("ranges as pairs", {"lib/utils.rb": deep})
    asked = review_json(cli, "HEAD")["questions"]
    assert [q["statement"]["id"] for q in asked][:1] == ["HTTP-1"]
    other = deep.replace("    size\n  end\nend\n", "    size + 1\n  end\nend\n")
    repo.stage({"lib/utils.rb": other})
    assert "touched-requirement" not in cli("check", "--staged").out


COOKIES = """module Utils
  def set_cookie_header(key, value)
    cookie = "#{key}=#{value}"
    cookie
  end
end
"""

OTHER = """class Other
  def lookup(hash, key)
    cookie = hash[key]
    cookie.to_s
  end
end
"""


def test_a_ruby_local_ripples_in_its_method_only(repo, cli):
    """REVIEW-E79 (rack 46008286: eleven ripples on locals such as `key` and `value`): a
    lowercase name a Ruby method assigns is its local; another method's `cookie` is another."""
    repo.commit("base", {"specs/http.md": SPEC, "lib/utils.rb": COOKIES, "lib/other.rb": OTHER})
    escaped = COOKIES.replace('"#{key}=#{value}"', '"#{key}=#{escape(value)}"')
    repo.commit("escape", {"lib/utils.rb": escaped})
    ripples = {r["symbol"]["name"]: r["uses"] for r in review_json(cli, "HEAD")["ripples"]}
    assert [(u["path"], u["line"]) for u in ripples["cookie"]] == [("lib/utils.rb", 4)]


QUALIFIED_SPEC = """---
id: HTTP
scope: ["lib/**"]
---
# Byte ranges

## Context
- `Rack::Utils.get_byte_ranges` parses a `Range` header;
  `Utils#get_byte_ranges` is called by `Files#serving`.

## Requirements
- HTTP-1: `get_byte_ranges` returns nil when the header is invalid.
"""

MODULE = """module Rack
  module Utils
    # HTTP-1
    def self.get_byte_ranges(header, size)
      nil
    end
  end
end
"""


def test_a_ruby_module_method_and_its_qualified_names(repo, cli):
    """REVIEW-E80 (the rack trial): `def self.get_byte_ranges` defines `get_byte_ranges`, not
    `self`, for `context` and `name-removed`; a statement naming it as Ruby's documentation does
    (`Rack::Utils.get_byte_ranges`, `Utils#get_byte_ranges`) is told when it is gone."""
    repo.commit("base", {"specs/http.md": QUALIFIED_SPEC, "lib/utils.rb": MODULE})
    shown = cli("context", "header").out
    assert "in get_byte_ranges()" in shown and "self()" not in shown
    repo.stage({"lib/utils.rb": MODULE.replace("get_byte_ranges", "parse_byte_ranges")})
    warned = [line for line in cli("check", "--staged").out.splitlines() if "name-removed" in line]
    assert [line.split(":")[1] for line in warned] == ["8", "12"]


AUTH_SPEC = """---
id: AUTH
scope: ["lib/**"]
---
# Auth

## Requirements
- AUTH-1: Passwords are compared in constant time.
"""

AUTH = (
    "class Auth\n  # AUTH-1: constant-time compare\n  def login(a, b)\n    eq(a, b)\n  end\nend\n"
)
RSPEC = '# AUTH-1\nRSpec.describe Auth do\n  it "compares in constant time" do\n  end\nend\n'


def test_rspec_files_are_tests_and_the_hook_keeps_the_last_implementation(repo, cli):
    """CHECK-E43 (the httparty trial's defect 1: RSpec's `spec/**/*_spec.rb` implemented, every
    requirement was "untested" and deleting the one `lib/` reference committed): a reference in
    the root's `spec/` (a helper too) or in a `*_spec.rb` verifies, and the pre-commit hook blocks
    the commit that removes the last implementation; a nested `lib/spec/` folder stays code."""
    repo.commit(
        "base", {"specs/auth.md": AUTH_SPEC, "lib/auth.rb": AUTH, "spec/auth_spec.rb": RSPEC}
    )
    assert "verifies at spec/auth_spec.rb:1" in cli("show", "AUTH-1").out
    assert "untested-requirement" not in cli("check", "HEAD").out
    assert cli("hook", "install").code == 0
    repo.stage({"lib/auth.rb": AUTH.replace("  # AUTH-1: constant-time compare\n", "")})
    blocked = subprocess.run(
        ["git", "commit", "-q", "-m", "drop"], cwd=repo.path, capture_output=True, text=True
    )
    assert blocked.returncode == 1 and "implementation-removed" in blocked.stderr
    assert repo.git("log", "-1", "--format=%s").strip() == "base"
    moved = {"spec/auth_spec.rb": None, "spec/support/auth.rb": RSPEC, "lib/x/auth_spec.rb": RSPEC}
    repo.commit("helpers", {"lib/auth.rb": AUTH, **moved})
    shown = cli("show", "AUTH-1").out
    assert "verifies at spec/support/auth.rb:1" in shown
    assert "verifies at lib/x/auth_spec.rb:1" in shown
    repo.commit(
        "nested", {"spec/support/auth.rb": None, "lib/x/auth_spec.rb": None, "lib/spec/a.rb": RSPEC}
    )
    assert "implemented at lib/spec/a.rb:1" in cli("show", "AUTH-1").out


FORM_SPEC = """---
id: FMT
scope: ["lib/**"]
---
# Form body

## Requirements
- FMT-1: Each part carries the field name in a Content-Disposition header.
"""

FORM = """# FMT-1
class Body
  LIMITS = [1, 2]

  def build_body(key)
    memo = ""
    memo << key
    memo
  end
end
"""

PLAIN = """# frozen string literals are faster
class Other
  def call
    # encoding: kept as is
    1
  end
end
"""


def _asked(repo, cli, files):
    """What the staged change warns, and what the review of its commit asks and lists."""
    repo.stage(files)
    warned = "touched-requirement" in cli("check", "--staged").out
    repo.git("commit", "-q", "--no-verify", "-m", "edit")
    data = review_json(cli, "HEAD")
    return warned, [q["statement"]["id"] for q in data["questions"]], data["noop_files"]


def test_ruby_magic_comments_are_code(repo, cli):
    """REVIEW-E136 (httparty `16b37b3`: `# frozen_string_literal: true` was "only formatting,
    comments"): a magic comment freezes the file's string literals (`memo << key` then
    raises), so it changes what runs: under `# FMT-1` the hook warns and the review asks; so do
    `shareable_constant_value`, `warn_indent` and a first line's `encoding`, and a pragma's
    value changed. A plain comment, and `encoding:` below the second line, stay comments."""
    repo.commit("base", {"specs/fmt.md": FORM_SPEC, "lib/body.rb": FORM, "lib/other.rb": PLAIN})
    edits = {
        "# FMT-1\n# frozen_string_literal: true\n": "# FMT-1\n",
        "  # shareable_constant_value: literal\n  LIMITS": "  LIMITS",
        "  # warn_indent: true\n  LIMITS": "  LIMITS",
    }
    for new, old in edits.items():
        changed = FORM.replace(old, new, 1)
        warned, asked, quiet = _asked(repo, cli, {"lib/body.rb": changed})
        assert (warned, asked, quiet) == (True, ["FMT-1"], []), new
        repo.commit("back", {"lib/body.rb": FORM})
    pragma = FORM.replace("# FMT-1\n", "# FMT-1\n# frozen_string_literal: true\n")
    repo.commit("pragma", {"lib/body.rb": pragma})
    assert _asked(repo, cli, {"lib/body.rb": pragma.replace("true", "false")})[:2] == (
        True,
        ["FMT-1"],
    )
    plain = PLAIN.replace("# frozen string", "# Frozen string").replace("kept as", "kept so")
    plain = plain.replace("    1\n", "    # TODO: warn_indent: later\n    1\n")
    plain = plain.replace("class", "# frozen_string_literal: true is the default\nclass")
    assert _asked(repo, cli, {"lib/other.rb": plain}) == (False, [], ["lib/other.rb"])
    coded = "# encoding: ascii-8bit\n" + plain
    assert _asked(repo, cli, {"lib/other.rb": coded}) == (False, [], [])
    assert [u["hunk"]["path"] for u in review_json(cli, "HEAD")["unasked"]] == ["lib/other.rb"]


HEADER_SPEC = """---
id: HDR
scope: ["lib/**"]
---
# Form body

## Context
- `build_body` writes each part with `Content-Disposition: form-data; name="..."`.

## Requirements
- HDR-1: `set_cookie` writes `HttpOnly` when asked.
- HDR-2: A request gives up after `retries` attempts.
- HDR-3: The part's `boundary` is random.
"""

HEADER = """class Body
  def build_body(key)
    memo = +''
    memo << %(Content-Disposition: form-data; name="#{key}")
    memo
  end

  def set_cookie(value)
    flag = "; secure"
  end

  def send_it(opts)
    opts[:x] = 1
  end

  def part(boundary)
    boundary
  end
end
"""


def _names(cli) -> dict[str, list[str]]:
    asked = review_json(cli, "HEAD", "--all")["questions"]
    return {q["statement"]["id"] or "C": q["evidence"]["names"] for q in asked}


def test_the_text_of_a_ruby_string_names_nothing(repo, cli):
    """REVIEW-E137 (httparty `6419cb3`, `59c0ac5`: `'Content-Disposition: form-data; name=..'`
    and `'Content-Type'` "named `Content`, `Disposition`, `form`, `data`, `name`" as the
    statement does): a string's text is prose, read as a statement's prose is; a word in it
    shaped like code (`"; HttpOnly"`), a string that is one name (`opts['retries'] =`), and an
    interpolation (`"#{boundary}--"`) still name what they say."""
    repo.commit("base", {"specs/hdr.md": HEADER_SPEC, "lib/body.rb": HEADER})
    binary = HEADER.replace('name="#{key}")\n', 'name="#{key}").b\n')
    repo.commit("binary", {"lib/body.rb": binary})
    names = {name for found in _names(cli).values() for name in found}
    # REVIEW-E404: the header's whole name, which the statement writes, is one
    assert names.isdisjoint({"Content", "Disposition", "form", "data", "name"}), names
    named = (
        binary.replace('"; secure"', '"; secure; HttpOnly"')
        .replace("opts[:x] = 1", "opts['retries'] = 3")
        .replace("    boundary\n", '    "--#{boundary}--"\n')
    )
    repo.commit("names", {"lib/body.rb": named})
    found = _names(cli)
    assert "HttpOnly" in found["HDR-1"] and "retries" in found["HDR-2"], found
    assert "boundary" in found["HDR-3"], found


REDIRECT_SPEC = """---
id: RED
scope: ["lib/**"]
---
# Redirects

## Context
- `Request#follow` re-sends the request.

## Requirements
- RED-1: After 303 the method becomes GET unless both `maintain_method_across_redirects` and
  `resend_on_redirect`; 307 keeps the method; a nil body is rescued.
- RED-2: Headers are copied.
"""

REQUEST = """class Request
  def uri
    new_uri = parse(path)
    @last_uri = new_uri
  end
end
"""


def test_ruby_keywords_are_no_shared_words_or_names(repo, cli):
    """REVIEW-E138 (httparty `0529bcd`: `validate_uri_safety!(new_uri) unless redirect` asked
    REQ-4 "(shared words: redirects, unless)"): `unless`, `rescue`, `nil`, `begin`, `ensure`
    are no words or names a hunk shares with a statement, as `if !redirect` shares none; a
    hunk that writes a name the statement names still asks it."""
    repo.commit("base", {"specs/red.md": REDIRECT_SPEC, "lib/req.rb": REQUEST})
    guarded = REQUEST.replace(
        "    @last_uri",
        "    begin\n      check!(new_uri) unless redirect || nil\n"
        "    rescue StandardError\n      nil\n    ensure\n      1\n    end\n    @last_uri",
    )
    repo.commit("check the uri", {"lib/req.rb": guarded})
    assert review_json(cli, "HEAD", "--all")["questions"] == []
    kept = guarded.replace("check!(new_uri)", "@maintain_method_across_redirects = check!(new_uri)")
    repo.commit("keep", {"lib/req.rb": kept})
    asked = review_json(cli, "HEAD")["questions"]
    assert [q["statement"]["id"] for q in asked] == ["RED-1"]
    assert asked[0]["evidence"]["names"] == ["maintain_method_across_redirects"]


HEAD_SPEC = """---
id: HEAD
scope: [lib/**]
---
# Heads

## Requirements
- HEAD-1: The reader waits until the end of the message head.
"""


def test_ruby_keywords_stay_words_of_other_languages(repo, cli):
    """REVIEW-E138 is Ruby's: in a Python hunk, "until" and "end" are words the statement says
    (h11's READ-1, "until then the reader returns `None`", lost its question when Ruby's
    keywords became no words of any language)."""
    repo.commit(
        "base", {"specs/head.md": HEAD_SPEC, "lib/reader.py": "def read(buf):\n    return buf\n"}
    )
    code = "def read(buf):\n    return read_until_end(buf)\n"
    repo.commit("call the helper", {"lib/reader.py": code})
    asked = review_json(cli, "HEAD", "--all")["questions"]
    assert [q["statement"]["id"] for q in asked] == ["HEAD-1"], asked


UNFROZEN = """# frozen_string_literal: true

class Body
  # FMT-1
  def build_body(key)
    memo = +''
    memo << key
    [memo, ''.freeze, '']
  end
end
"""


def test_ruby_unfrozen_empty_strings_read_alike(repo, cli):
    """REVIEW-E139 (httparty `4416141`: `+''` to `''.dup`, RuboCop's UnfreezeString family, drew
    7 questions): both build an unfrozen empty string, so the rewrite is formatting for the
    review and the hook; `''.freeze` for `''` under the magic comment, `+''.freeze` (which is
    `+(''.freeze)`) for `''.dup.freeze`, `-''` and `String.new` (binary) still ask."""
    repo.commit("base", {"specs/fmt.md": FORM_SPEC, "lib/body.rb": UNFROZEN})
    dup = UNFROZEN.replace("memo = +''", "memo = ''.dup")
    assert _asked(repo, cli, {"lib/body.rb": dup}) == (False, [], ["lib/body.rb"])
    changes = {
        "[memo, ''.freeze, '']": "[memo, '', '']",
        "memo = ''.dup": "memo = String.new",
    }
    for old, new in changes.items():
        assert _asked(repo, cli, {"lib/body.rb": dup.replace(old, new)})[:2] == (True, ["FMT-1"])
        repo.commit("back", {"lib/body.rb": dup})
    for old, new in (("+''.freeze", "''.dup.freeze"), ("-''", "''.dup")):
        repo.commit("one", {"lib/body.rb": UNFROZEN.replace("+''", old)})
        changed = UNFROZEN.replace("+''", new)
        assert _asked(repo, cli, {"lib/body.rb": changed})[:2] == (True, ["FMT-1"]), old
