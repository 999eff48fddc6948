"""An HTTP header's name is one name (REVIEW-E404), through the CLI on real repositories: the
pillarjs/send trial's specs name `Content-Length`, `Content-Type`, `ETag` and `Last-Modified`,
and a change to one header asked every statement that named another sharing a word of it."""

from __future__ import annotations

from testing.util import review_json

HEADERS_SPEC = """---
id: HEAD
scope: ["lib/**"]
---
# Response headers

## Requirements
- HEAD-1: The `Content-Length` is the size of the file in bytes.
- HEAD-2: The `Content-Type` comes from the file's extension.
- HEAD-3: The `Cache-Control` header holds the max age in seconds.
"""

SEND = """function setHeaders (res, stat, type) {
  res.setHeader('Content-Length', stat.size)
  res.setHeader('Content-Type', type)
  res.setHeader('Cache-Control', 'public, max-age=0')
}

module.exports = setHeaders
"""


def _asked(cli) -> set[str]:  # type: ignore[no-untyped-def]
    return {q["statement"]["id"] for q in review_json(cli, "HEAD", "--all")["questions"]}


def test_a_header_name_asks_the_statements_that_name_that_header(repo, cli):
    """REVIEW-E404: a change to the `Content-Type` line asks HEAD-2, not HEAD-1 (which shared
    the name `Content` when `Content-Length` was read as two); Node's lower-case spelling
    names the header as well; a value such as `max-age` or `utf-8` is no header's name."""
    repo.commit("base", {"specs/headers.md": HEADERS_SPEC, "lib/send.js": SEND})
    charset = SEND.replace("'Content-Type', type)", "'Content-Type', type + '; charset=utf-8')")
    repo.commit("charset", {"lib/send.js": charset})
    assert _asked(cli) == {"HEAD-2"}
    lower = charset.replace("'Content-Type', type + '; charset=utf-8')", "'content-type', type)")
    repo.commit("lower case", {"lib/send.js": lower})
    assert _asked(cli) == {"HEAD-2"}
    repo.commit("length", {"lib/send.js": lower.replace("stat.size)", "String(stat.size))")})
    assert _asked(cli) == {"HEAD-1"}


SLUG_SPEC = """---
id: SLUG
scope: ["lib/**"]
---
# Slugs

## Requirements
- SLUG-1: A slug's first letter is one of `[A-Z]`, as `SLUG-E2` asks of a `YYYY-MM-DD` date.
- SLUG-2: A slug is at most 40 characters long.

## Edge Cases
- SLUG-E2: A slug made of a date alone.
"""

SLUGS = """import re


def slug(text):
    return text[:40]
"""


def test_a_name_of_capitals_alone_is_no_header_s_name(repo, cli):
    """REVIEW-E405: `[A-Z]`, a requirement ID (`SLUG-E2`), a date's format (`YYYY-MM-DD`) and
    a charset (`US-ASCII`) are capitals joined by hyphens with no lower-case letter, as no
    header's name is: REVIEW-E404 read each as one name, which a hunk's regular expression
    `[a-z]`, its comment's ID or a `yyyy-mm-dd` met in any case."""
    repo.commit("base", {"specs/slug.md": SLUG_SPEC, "lib/slug.py": SLUGS})
    lower = SLUGS.replace("    return text[:40]", '    return re.sub(r"[^a-z]", "", text)[:40]')
    repo.commit("Keep letters", {"lib/slug.py": lower})
    dated = lower.replace("import re", "import re\n\nFORMAT = 'yyyy-mm-dd'  # slug-e2")
    repo.commit("Name the format", {"lib/slug.py": dated})
    for rev in ("HEAD~1", "HEAD"):
        questions = review_json(cli, rev, "--all")["questions"]
        evidence = [(q["statement"]["id"], q["evidence"]) for q in questions]
        named = [(id_, found["names"]) for id_, found in evidence if found["kind"] == "identifier"]
        assert named == [], (rev, named)


HANDSHAKE_SPEC = """---
id: WS
scope: ["lib/**"]
---
# Handshake

## Requirements
- WS-1: The client sends a random `Sec-WebSocket-Key`.
- WS-2: The server answers a request without a `Sec-Websocket-Key` with 400.
"""


def test_a_header_two_statements_spell_apart_is_one_header(repo, cli):
    """REVIEW-E404: the gows trial's specs write `Sec-WebSocket-Key` and `Sec-Websocket-Key`;
    a hunk that spells the header, in any case, names it for both statements (one spelling
    was kept by its lower case, and the other statement was met by its words alone)."""
    dial = 'function dial (h) {\n  h.set("x", 1)\n}\n'
    repo.commit("base", {"specs/ws.md": HANDSHAKE_SPEC, "lib/dial.js": dial})
    repo.commit("key", {"lib/dial.js": dial.replace('"x"', '"sec-websocket-key"')})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    found = {q["statement"]["id"]: q["evidence"]["kind"] for q in questions}
    assert found == {"WS-1": "identifier", "WS-2": "identifier"}, found
