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
