"""REVIEW-E388 through the CLI on real repositories: the uvicorn trial's new user (session 32)
put `# PROXY-E1` on the line that implements the edge case and changed another block of the
same file; the review asked PROXY-E1 of that other block on two shared words. A statement the
change names in one hunk is not linked to another hunk by words alone; by a name it quotes, or
by its ID there too, it still is."""

from __future__ import annotations

import json

SPEC = """---
id: PROXY
scope: [src/proxy.py]
---
# Proxy headers

## Context
- `ProxyHeaders` rewrites the client from the forwarded headers when the host is trusted.

## Requirements
- PROXY-1: A forwarded scheme is accepted only as http, https, ws or wss.

## Edge Cases
- PROXY-E1: Every forwarded host is trusted: the leftmost host is used as the proto source.
"""

CODE = """class ProxyHeaders:
    def scheme(self, headers, host):
        if host in self.trusted_hosts:
            proto = headers.get("x-forwarded-proto", "").strip()
            if proto in {"http", "https", "ws", "wss"}:
                return proto
        return None

    def client(self, hosts):
        for host in reversed(hosts):
            if host not in self.trusted_hosts:
                return host
        return hosts[0]
"""
LOWER = CODE.replace(".strip()\n", ".strip().lower()\n").replace(
    "        if host in self.trusted_hosts:\n",
    "        if host in self.trusted_hosts:  # PROXY-1\n",
)


def _asked(repo, cli, changed: str) -> dict[str, list[tuple[int, int]]]:
    """By ID, the spans of the hunks each question is asked of."""
    repo.commit("base", {"specs/proxy.md": SPEC, "src/proxy.py": CODE})
    repo.commit("Accept a forwarded scheme in any case", {"src/proxy.py": changed})
    data = json.loads(cli("review", "HEAD", "--all", "--format", "json").out)
    return {
        q["statement"]["id"]: [(h["start"], h["end"]) for h in q["hunks"]]
        for q in data["questions"]
        if q["statement"]["id"]
    }


def test_a_statement_named_in_another_hunk_is_not_asked_of_this_one_on_words(repo, cli):
    """REVIEW-E388 (encode/uvicorn, the trial's `a9cea90a`): `.lower()` added in `scheme`, and
    `# PROXY-E1` put beside `return hosts[0]`; PROXY-E1 was asked of `scheme`'s block on
    "forwarded" and "trusted"."""
    changed = CODE.replace(".strip()\n", ".strip().lower()\n").replace(
        "        return hosts[0]\n", "        return hosts[0]  # PROXY-E1\n"
    )
    asked = _asked(repo, cli, changed)
    assert all(start <= 13 <= end for start, end in asked.get("PROXY-E1", [])), asked
    assert "PROXY-1" in asked, asked


def test_a_statement_named_nowhere_in_the_change_is_still_asked_on_words(repo, cli):
    """REVIEW-E388, adversarial: without the comment, the same words still link PROXY-E1."""
    asked = _asked(repo, cli, CODE.replace(".strip()\n", ".strip().lower()\n"))
    assert "PROXY-E1" in asked, asked


def test_a_statement_whose_id_a_hunk_removes_is_still_asked_on_words(repo, cli):
    """REVIEW-E388, adversarial: a hunk that removes `# PROXY-E1` says where the edge case is no
    longer, not where it is: the other hunk is still asked PROXY-E1 on its words."""
    named = CODE.replace("        return hosts[0]\n", "        return hosts[0]  # PROXY-E1\n")
    repo.commit("base", {"specs/proxy.md": SPEC, "src/proxy.py": named})
    changed = CODE.replace(".strip()\n", ".strip().lower()\n").replace("[0]\n", "[-1]\n")
    repo.commit("Use the rightmost host", {"src/proxy.py": changed})
    data = json.loads(cli("review", "HEAD", "--all", "--format", "json").out)
    spans = [
        (h["start"], h["end"])
        for q in data["questions"]
        if q["statement"]["id"] == "PROXY-E1"
        for h in q["hunks"]
    ]
    assert any(start <= 4 <= end for start, end in spans), spans


def test_an_id_that_only_begins_another_added_id_is_not_named_there(repo, cli):
    """REVIEW-E388, adversarial: `# PROXY-E1` renumbered `# PROXY-E12` names PROXY-E12, not
    PROXY-E1 (an ID is a whole word): the other hunk is still asked PROXY-E1 on its words."""
    spec = SPEC + "- PROXY-E12: A host list with one entry.\n"
    named = CODE.replace("        return hosts[0]\n", "        return hosts[0]  # PROXY-E1\n")
    repo.commit("base", {"specs/proxy.md": spec, "src/proxy.py": named})
    changed = named.replace(".strip()\n", ".strip().lower()\n").replace("-E1\n", "-E12\n")
    repo.commit("Renumber", {"src/proxy.py": changed})
    data = json.loads(cli("review", "HEAD", "--all", "--format", "json").out)
    spans = [
        (h["start"], h["end"])
        for q in data["questions"]
        if q["statement"]["id"] == "PROXY-E1"
        for h in q["hunks"]
    ]
    assert any(start <= 4 <= end for start, end in spans), spans


def test_an_id_named_deep_in_a_long_added_block_says_where_the_statement_is(repo, cli):
    """SPEED-27, REVIEW-E388: a hunk's added lines are read once, as one text, and only for a
    statement another hunk meets by words alone: `# PROXY-E1` on the 250th of 300 added lines,
    among `SHA-256` and `X-FORWARDED-1` that name no spec, still says where PROXY-E1 is."""
    table = "".join(f'DIGEST_{n} = "SHA-256"  # X-FORWARDED-{n}\n' for n in range(300))
    table = table.replace("# X-FORWARDED-249\n", "# PROXY-E1\n")
    changed = CODE.replace(".strip()\n", ".strip().lower()\n") + "\n\n" + table
    asked = _asked(repo, cli, changed)
    assert "PROXY-1" in asked, asked
    assert not [span for span in asked.get("PROXY-E1", []) if span[0] <= 4 <= span[1]], asked
