"""`lint`, `list` and `show` as a new user meets them, on real git repositories and folders."""

from __future__ import annotations

BAD = """\
---
id: BAD
---
# B
## Context
- c
## Requirements
- BAD-1: one
- two
- three
## Edge Cases
- BAD-E1: e
- f
"""


def test_a_missing_id_is_told_the_next_free_number_never_a_taken_one(repo, cli):
    """LINT-E14: the gouuid trial's spec BAD holds `BAD-1`, and its item without an ID was told
    to write `BAD-1`. Each item is told the ID `lint --fix` gives it, past every ID the prefix
    has in any spec (`BAD-5` in another file) and every one its statements mention."""
    repo.write({"specs/bad.md": BAD})
    repo.git("add", "-A")
    result = cli("lint")
    assert result.code == 1, result
    assert "specs/bad.md:9: error [missing-id]" in result.out
    assert "write `BAD-2: ...`" in result.out and "write `BAD-3: ...`" in result.out
    assert "write `BAD-E2: ...`" in result.out
    assert "write `BAD-1: ...`" not in result.out and "`BAD-E1: ...`" not in result.out
    moved = BAD.replace("- BAD-1: one", "- BAD-1: one, as BAD-6 was").replace("- c", "- c BAD-7")
    repo.write({"specs/bad.md": moved, "specs/more.md": "# M\n## Requirements\n- BAD-5: x\n"})
    told = cli("lint").out
    assert "write `BAD-8: ...`" in told and "write `BAD-9: ...`" in told, told
    assert cli("lint", "--fix").code == 1
    fixed = (repo.path / "specs/bad.md").read_text()
    assert "- BAD-8: two\n- BAD-9: three\n" in fixed and "- BAD-E2: f\n" in fixed
