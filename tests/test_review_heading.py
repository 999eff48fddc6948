"""REVIEW-E31: a hunk in the code a requirement's reference heads asks that requirement's
question, as `check` warns that the change touches it (CHECK-21). Found by a new user on httpx:
a condition changed 11 lines under `# REDIR-1` was a warning of `check` and no question."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: REDIR
scope:
  - client.py
---

# Redirects

## Context
- `follow()` builds the next request.

## Requirements
- REDIR-1: A 303 turns any method but HEAD into GET; a 301 turns POST into GET.
"""

CLIENT = '''def redirect_method(request, response):
    """The method of the request that follows a redirect."""
    method = request.method

    # REDIR-1: 303 -> GET (not HEAD); 301 POST -> GET
    if response.status_code == 303 and method != "HEAD":
        method = "GET"

    # Do what the browsers do, despite the standard:
    # turn a POST answered by a 301 into a GET.
    # This bizarre behaviour is explained in an old issue.
    if response.status_code == 301 and method == "POST":
        method = "GET"

    return method
''' + "".join(f"\n\ndef helper_{n}(value):\n    return value + {n}\n" for n in range(12))


def headed(question: dict[str, object]) -> bool:
    evidence = question["evidence"]
    assert isinstance(evidence, dict)
    return evidence["kind"] == "heading"


def test_a_change_under_a_reference_asks_its_requirement(repo, cli):
    """REVIEW-E31 through the CLI: the question, its evidence in the text and the JSON, and
    the check's warning on the same commit."""
    repo.commit("base", {"specs/redirects.md": SPEC, "client.py": CLIENT})
    repo.commit("PUT", {"client.py": CLIENT.replace('method == "POST"', 'method == "PUT"')})
    questions = review_json(cli, "HEAD")["questions"]
    assert [q["statement"]["id"] for q in questions] == ["REDIR-1"]
    assert headed(questions[0]) and questions[0]["confidence"] == 0.8
    assert "it changes code under a comment that names REDIR-1" in cli("review", "HEAD").out
    check = cli("check", "HEAD")
    assert "touched-requirement" in check.out and "REDIR-1" in check.out


def test_code_far_below_a_reference_or_a_test_under_one_is_not_headed(repo, cli):
    """REVIEW-E31: more than 20 lines below the reference, or in a test that names it (a test
    verifies the rule), no question by heading."""
    test = "# REDIR-1\ndef test_post_301():\n    assert redirect_method(POST, 301) == 'GET'\n"
    repo.commit("base", {"specs/redirects.md": SPEC, "client.py": CLIENT, "tests/test_c.py": test})
    far = CLIENT.replace("return value + 11", "return value - 11")
    repo.commit("far", {"client.py": far, "tests/test_c.py": test.replace("'GET'", '"GET"')})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    assert not any(headed(q) for q in questions), questions


REACH_SPEC = SPEC.replace(
    "- REDIR-1:", "- REDIR-2: Authorization is dropped on a redirect to another origin.\n- REDIR-1:"
)

HEADERS = '''from utils import same_origin


def redirect_headers(request, url, headers):
    """The headers of the request that follows a redirect."""
    # REDIR-2: strip Authorization across origins
    if not same_origin(url, request.url):
        headers.pop("Authorization", None)
    return headers
'''

UTILS = '''def same_origin(url, other):
    """Whether the two URLs have the same scheme, host and port."""
    return url.scheme == other.scheme and url.host == other.host and url.port == other.port
''' + "".join(f"\n\ndef tool_{n}(value):\n    return value * {n}\n" for n in range(6))


def test_a_change_to_what_headed_code_uses_asks_its_requirement(repo, cli):
    """REVIEW-E32 through the CLI (a new user's mutation of httpx: `same_origin()` made to
    ignore the scheme, out of every scope, was "No spec is affected"): the hunk that changes
    it asks REDIR-2, whose reference heads the untouched caller; the text says through what."""
    files = {"specs/redirects.md": REACH_SPEC, "client.py": HEADERS, "utils.py": UTILS}
    repo.commit("base", files)
    repo.commit("any scheme", {"utils.py": UTILS.replace("url.scheme == other.scheme", "True")})
    questions = review_json(cli, "HEAD")["questions"]
    assert [q["statement"]["id"] for q in questions] == ["REDIR-2"]
    assert questions[0]["evidence"] == {
        "kind": "reaches",
        "names": ["same_origin", "client.py:7"],
        "words": [],
    }
    text = cli("review", "HEAD").out
    assert "which client.py:7 uses, in code under a comment that names" in text
    assert "No spec is affected" not in text


def test_no_reference_heads_the_use_no_question_by_reach(repo, cli):
    """REVIEW-E32: the same change, the caller headed by no reference: the ripple alone."""
    headers = HEADERS.replace("    # REDIR-2: strip Authorization across origins\n", "")
    files = {"specs/redirects.md": REACH_SPEC, "client.py": headers, "utils.py": UTILS}
    repo.commit("base", files)
    repo.commit("any scheme", {"utils.py": UTILS.replace("url.scheme == other.scheme", "True")})
    data = review_json(cli, "HEAD", "--all")
    assert not [q for q in data["questions"] if q["evidence"]["kind"] == "reaches"]
    assert [r["symbol"]["name"] for r in data["ripples"]] == ["same_origin"]


OPTIONS_SPEC = """---
id: OPTIONS
scope: ["src/**"]
---
# Options

## Context
- `findUnknownOptions()` passes the options ky does not know to `fetch`.

## Requirements
- OPTIONS-5: Options ky does not know reach `fetch` unchanged.
"""

OPTIONS_TS = """// OPTIONS-5: unknown options reach fetch
export const findUnknownOptions = (
\toptions: Record<string, unknown>,
): Record<string, unknown> => {
\tconst unknown: Record<string, unknown> = {};
\tfor (const key in options) {
\t\tunknown[key] = options[key];
\t}

\treturn unknown;
};
"""

APPENDED = """
export const hasSearchParameters = (search: unknown): boolean => {
\treturn Boolean(search);
};
"""


def test_a_reference_heads_its_definition_only_until_that_ends(repo, cli):
    """CHECK-E22 (the ky trial's 17ca389 and c847eec): a function added after the one a
    reference heads, past its closing `};`, is not headed, in TypeScript (an arrow function
    whose parameters span lines), Python and Go; `check` and the review agree. A change in the
    body, or on the closing line itself, is still headed."""
    python = "# OPTIONS-5\ndef find_unknown(options):\n    return dict(options)\n"
    go = "package o\n\n// OPTIONS-5\nfunc Find(o map[string]int) map[string]int {\n\treturn o\n}\n"
    files = {"src/options.ts": OPTIONS_TS, "src/options.py": python, "src/options.go": go}
    test = {"tests/options.test.ts": "// OPTIONS-5\n"}
    repo.commit("base", {"specs/options.md": OPTIONS_SPEC, **files, **test})
    after = {
        "src/options.ts": OPTIONS_TS + APPENDED,
        "src/options.py": python + "\n\nLIMIT = 10\n",
        "src/options.go": go + "\nvar Limit = 10\n",
    }
    for path, text in after.items():
        repo.stage({path: text})
        assert "touched-requirement" not in cli("check", "--staged").out, path
        repo.commit(f"after {path}", {path: text})
        questions = review_json(cli, "HEAD", "--all")["questions"]
        assert not any(headed(q) for q in questions), (path, questions)
    body = OPTIONS_TS + APPENDED
    for edit in (
        body.replace("options[key]", "String(options[key])"),
        body.replace("};\n\nexport", "} as const;\n\nexport"),
    ):
        repo.stage({"src/options.ts": edit})
        assert "touches the code of OPTIONS-5" in cli("check", "--staged").out


def test_text_at_the_margin_inside_a_definition_does_not_end_it(repo, cli):
    """CHECK-E22 (helper-62's review): a triple-quoted SQL string written at column 0, a
    heredoc's lines and Ruby's `rescue` sit at a definition's level inside it: a change below
    them is still headed, and warned."""
    spec = OPTIONS_SPEC.replace('scope: ["src/**"]', 'scope: ["lib/**"]')
    spec = spec.replace(
        "- OPTIONS-5:",
        "- OPTIONS-6: Deploying writes the config first.\n"
        "- OPTIONS-7: A charge that times out is retried.\n- OPTIONS-5:",
    )
    python = (
        '# OPTIONS-5\ndef close_account(db, account_id):\n    db.execute("""\n'
        'INSERT INTO archive SELECT * FROM rows WHERE account = ?\n""", (account_id,))\n'
        '    db.execute("DELETE FROM rows WHERE account = ?", (account_id,))\n'
    )
    shell = "# OPTIONS-6\ndeploy() {\n  cat > app.conf <<EOF\nport=8080\nEOF\n"
    shell += "  systemctl restart app\n}\n"
    ruby = "# OPTIONS-7\ndef charge(card)\n  gateway.charge(card)\nrescue Timeout::Error\n"
    ruby += "  queue_retry(card)\nend\n"
    files = {"lib/accounts.py": python, "lib/deploy.sh": shell, "lib/charge.rb": ruby}
    repo.commit("base", {"specs/options.md": spec, **files})
    repo.commit(
        "change",
        {
            "lib/accounts.py": python.replace('WHERE account = ?", (', '", ('),
            "lib/deploy.sh": shell.replace("restart app", "restart app && rm app.conf"),
            "lib/charge.rb": ruby.replace("queue_retry(card)", "nil"),
        },
    )
    out = cli("check", "HEAD").out
    for item in ("OPTIONS-5", "OPTIONS-6", "OPTIONS-7"):
        assert f"touches the code of {item}" in out, (item, out)


def test_a_reference_heading_the_change_outranks_shared_words(repo, cli):
    """REVIEW-E100: the cJSON trial: a change under `/* PARSE-3 */` asked PARSE-7 first, by
    the words it shares with the hunk and the subject, and PARSE-3 third. A reference the
    maintainers wrote above the code is asked before what words suggest."""
    wordy = SPEC.replace(
        "- REDIR-1:",
        "- REDIR-2: A redirect status with a method of POST, PUT or PATCH is followed with"
        " its method kept when the status code is 307 or 308.\n- REDIR-1:",
    )
    repo.commit("base", {"specs/redirects.md": wordy, "client.py": CLIENT})
    changed = CLIENT.replace('method == "POST"', 'method in ("POST", "PUT", "PATCH")')
    repo.commit("Redirect status: POST, PUT and PATCH methods", {"client.py": changed})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    assert [q["statement"]["id"] for q in questions][:2] == ["REDIR-1", "REDIR-2"]
    assert headed(questions[0])


HDR_SPEC = """---
id: HDR
scope:
  - src/**
---

# Headers

## Context
- `parse_date()` reads RFC 2822 dates.

## Requirements
- HDR-1: `dump_cookie()` writes Secure only when given.
- HDR-2: `generate_etag()` hashes the whole body.
"""

TRAILING = """import hashlib


def dump_cookie(key, value, secure=False):
    return f"{key}={value}"  # HDR-1


def generate_etag(data):
    return hashlib.sha1(data).hexdigest()
"""


def heading_ids(cli: object) -> list[str]:
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return [q["statement"]["id"] for q in questions if headed(q)]


def test_a_trailing_reference_heads_its_line_not_the_function_below(repo, cli):
    """CHECK-E52: the werkzeug trial: `# HDR-1` at the end of the last line of `dump_cookie`
    headed the next function: a change in `generate_etag` asked HDR-1 by heading and `check`
    warned `touched-requirement`. A trailing comment speaks of its own line."""
    repo.commit("base", {"specs/http.md": HDR_SPEC, "src/http.py": TRAILING})
    repo.commit("sha256", {"src/http.py": TRAILING.replace("sha1(data)", "sha256(data)")})
    assert heading_ids(cli) == []
    assert "touched-requirement" not in cli("check", "HEAD").out
    # in the middle of a function, the lines below it are not its either
    middle = TRAILING.replace("  # HDR-1\n", "  # HDR-1\n    key = key.strip()\n")
    repo.commit("middle", {"src/http.py": middle})
    repo.commit("lower", {"src/http.py": middle.replace("key.strip()", "key.lower()")})
    assert heading_ids(cli) == []
    assert "touched-requirement" not in cli("check", "HEAD").out
    # nor are the lines removed below it
    repo.commit("removed", {"src/http.py": TRAILING})
    assert heading_ids(cli) == []
    assert "touched-requirement" not in cli("check", "HEAD").out


def test_a_trailing_reference_still_heads_its_own_line_and_the_block_it_opens(repo, cli):
    """CHECK-E52, adversarial: the line that holds it changes (the line names it), the body
    of a `def` whose line it ends changes (headed), a function below a one-line `def` that
    holds it changes (not headed), or code under a comment-line reference above a trailing
    one changes (headed by the comment line's, not the trailing one's)."""
    repo.commit("base", {"specs/http.md": HDR_SPEC, "src/http.py": TRAILING})
    repo.commit("own line", {"src/http.py": TRAILING.replace('"{key}={value}"', '"{key}"')})
    questions = review_json(cli, "HEAD")["questions"]
    assert [q["statement"]["id"] for q in questions] == ["HDR-1"]  # the line names it
    opened = TRAILING.replace("def generate_etag(data):", "def generate_etag(data):  # HDR-2")
    repo.commit("def line", {"src/http.py": opened})
    repo.commit("body", {"src/http.py": opened.replace("sha1(data)", "sha256(data)")})
    assert heading_ids(cli) == ["HDR-2"]
    assert "touches the code of HDR-2" in cli("check", "HEAD").out
    one_line = TRAILING.replace(
        '    return f"{key}={value}"  # HDR-1\n', '    return f"{key}={value}"\n'
    ).replace("def dump_cookie(", "def quote(v): return v  # HDR-1\n\n\ndef dump_cookie(")
    repo.commit("one line", {"src/http.py": one_line})
    repo.commit("value", {"src/http.py": one_line.replace('"{key}={value}"', '"{key}"')})
    assert heading_ids(cli) == []
    above = TRAILING.replace("def generate_etag(data):\n", "# HDR-2\ndef generate_etag(data):\n")
    above = above.replace(
        "    return hashlib", "    data = data or b''  # HDR-1\n    return hashlib"
    )
    repo.commit("above", {"src/http.py": above})
    repo.commit("below", {"src/http.py": above.replace("sha1(data)", "sha256(data)")})
    assert [q["statement"]["id"] for q in review_json(cli, "HEAD")["questions"]] == ["HDR-2"]
    out = cli("check", "HEAD").out
    assert "touches the code of HDR-2" in out and "HDR-1" not in out


OPENERS_SPEC = """---
id: GRT
scope:
  - src/**
---

# Greeting

## Requirements
- GRT-1: The greeting names the user.
"""

OPENERS = {
    "src/A.java": (
        "class A\n{\n    public String greet(String u)  // GRT-1\n    {\n"
        "        int x = 1;\n        return u;\n    }\n}\n"
    ),
    "src/each.rb": "def greet(items)\n  items.each { |x| # GRT-1\n    puts 1\n  }\nend\n",
    "src/if.rb": "def greet(items)\n  if items.empty? # GRT-1\n    puts 1\n  end\nend\n",
    "src/mod.rb": "module Greeter # GRT-1\n  X = 1\nend\n",
    "src/if.js": "function greet(u) {\n  if (u)  // GRT-1\n    x = 1;\n  return u;\n}\n",
}


def test_a_trailing_reference_on_a_line_that_opens_a_block_heads_the_block(repo, cli):
    """CHECK-E52, adversarial (s22): a trailing reference on a line whose block the next
    line opens (`{` alone, Allman) or indents (Ruby's `if`, `module`, `{ |x|`, a braceless
    `if (u)`) headed that block before CHECK-E52, and changing it passed the hook silently."""
    repo.commit("base", {"specs/greet.md": OPENERS_SPEC, **OPENERS})
    for path, text in OPENERS.items():
        repo.commit(path, {path: text.replace("1", "2").replace("GRT-2", "GRT-1")})
        out = cli("check", "HEAD").out
        assert f"{path}:" in out and "touches the code of GRT-1" in out, path
    # the line below at its own level is still not its
    repo.commit("below", {"src/if.rb": OPENERS["src/if.rb"].replace("  end\n", "  end\n  x = 1\n")})
    repo.commit("x", {"src/if.rb": OPENERS["src/if.rb"].replace("  end\n", "  end\n  x = 2\n")})
    assert "touched-requirement" not in cli("check", "HEAD").out
