"""CHECK-E70 through the CLI on real git repositories: a range's commit messages judged against
the specs their own commits had. This repository's `specflow check 1c0497e..HEAD` was blocked
by three messages naming a review edge case that `5d8569b` added and `ed3984b` dropped."""

from __future__ import annotations

SPEC = (
    "---\nid: REQ\nscope: [lib/**]\n---\n# Requests\n## Context\n- `fetch()` in lib/x.py.\n"
    "## Requirements\n- REQ-1: fetch returns the body.\n"
)
PLANNED = SPEC + "- [ ] REQ-9: fetch retries once.\n"
FILES = {
    "specs/req.md": SPEC,
    "lib/x.py": "def fetch():  # REQ-1\n    return 1\n",
    "tests/test_x.py": "def test_fetch():  # REQ-1\n    pass\n",
}


def _history(repo) -> str:
    """The base, then REQ-9 added and dropped by two commits whose messages name it, then an
    unrelated commit; the base's id."""
    base = repo.commit("base", FILES)
    repo.commit("Plan REQ-9: fetch retries once", {"specs/req.md": PLANNED})
    repo.commit("drop REQ-9\n\nREQ-9 is the transport's job.", {"specs/req.md": SPEC})
    repo.commit("Notes", {"notes.txt": "notes\n"})
    return base


def test_a_range_passes_when_each_message_named_an_id_its_own_commit_had(repo, cli):
    """CHECK-E70: neither end defines REQ-9, yet the messages that name it were right when
    written; the commits one at a time pass too (HOOK-E8 for the one that drops it)."""
    base = _history(repo)
    ranged = cli("check", f"{base}..HEAD")
    assert ranged.code == 0, ranged
    assert "dangling" not in ranged.out + ranged.err
    assert cli("check", "HEAD~1").code == 0


def test_a_message_naming_an_id_no_commit_had_still_blocks_the_range(repo, cli):
    """CHECK-E70: REQ-99 was never defined, REQ-9 no longer is when the last message names it:
    both dangle, each at its message's line; the excused messages are not reported."""
    base = _history(repo)
    repo.commit("Notes\n\nsee REQ-99 and REQ-9", {"notes.txt": "more notes\n"})
    blocked = cli("check", f"{base}..HEAD")
    assert blocked.code == 1, blocked
    dangling = [line for line in blocked.out.splitlines() if "[dangling-reference]" in line]
    assert dangling == [
        "(commit message):3: error [dangling-reference] REQ-99 does not exist; specs/req.md "
        "defines REQ-1: fix the ID or add it to the spec",
        "(commit message):3: error [dangling-reference] REQ-9 does not exist; specs/req.md "
        "defines REQ-1: fix the ID or add it to the spec",
    ], blocked.out


def test_a_line_of_code_naming_the_dropped_id_still_blocks_the_range(repo, cli):
    """CHECK-E70 excuses messages only: an added line naming REQ-9 is judged as before."""
    base = _history(repo)
    repo.commit("More", {"lib/x.py": FILES["lib/x.py"] + "# REQ-9\n"})
    blocked = cli("check", f"{base}..HEAD")
    assert blocked.code == 1, blocked
    assert "lib/x.py:3: error [dangling-reference] REQ-9 does not exist" in blocked.out
    assert "(commit message)" not in blocked.out, blocked.out
