"""`specflow lint --fix`: IDs for items that lack one, and not one other byte changed (LINT-8)."""

from __future__ import annotations

import codecs
import json
import os
import stat

import pytest

SPEC = """\
---
id: RESET
---
# Password reset

## Context
- Hashes are SHA-256.

## Requirements
- RESET-1: New hashes stay SHA-256.
- Reset verifies the account by e-mail.
- RESET-3: Old hashes move to bcrypt.
- [ ] A user can log in right after a reset.

## Edge Cases
- RESET-E1: Two resets in a row.
- Two password changes arrive at once.
"""

FIXED = (
    SPEC.replace("- Reset verifies", "- RESET-4: Reset verifies")
    .replace("- [ ] A user", "- [ ] RESET-5: A user")
    .replace("- Two password", "- RESET-E2: Two password")
)


def read_bytes(repo, name: str = "specs/reset.md") -> bytes:
    return (repo.path / name).read_bytes()


def test_fix_gives_the_next_free_number_per_kind(repo, cli):
    """LINT-8: requirements continue after RESET-3, edge cases after RESET-E1."""
    scope = "id: RESET\nscope: ['**']\n"  # LINT-E17: a spec with no scope is a warning
    repo.write({"specs/reset.md": SPEC.replace("id: RESET\n", scope)})
    result = cli("lint", "--fix")
    assert result.code == 0, result
    assert repo.read("specs/reset.md") == FIXED.replace("id: RESET\n", scope)
    assert "fixed specs/reset.md: assigned missing IDs" in result.err
    assert "All good: 1 spec(s)." in result.out


def test_a_second_run_changes_nothing(repo, cli):
    """LINT-8"""
    repo.write({"specs/reset.md": SPEC})
    cli("lint", "--fix")
    first = read_bytes(repo)
    again = cli("lint", "--fix")
    assert read_bytes(repo) == first
    assert "fixed" not in again.err and again.code == 0


def test_a_numbered_list_written_by_hand_is_numbered(repo, cli):
    """FORMAT-E1, LINT-8"""
    text = "## Context\n- c\n\n## Requirements\n1. Use SHA-256\n2) Verify by e-mail\n"
    repo.write({"specs/reset.md": text})
    assert cli("lint", "--fix").code == 0
    assert repo.read("specs/reset.md") == (
        "## Context\n- c\n\n## Requirements\n"
        "1. RESET-1: Use SHA-256\n2) RESET-2: Verify by e-mail\n"
    )


def test_ids_used_in_another_file_with_the_same_prefix_are_not_reused(repo, cli):
    """LINT-8: numbers are never reused, even when an ID sits in the wrong file."""
    other = "---\nid: AUTH\n---\n## Requirements\n- AUTH-1: a\n- RESET-7: misfiled\n"
    repo.write({"specs/reset.md": SPEC, "specs/auth.md": other})
    cli("lint", "--fix")
    assert "- RESET-8: Reset verifies" in repo.read("specs/reset.md")
    assert repo.read("specs/auth.md") == other


def test_a_number_the_spec_mentions_is_not_reused(repo, cli):
    """LINT-8: `replaces RESET-4` tells of a number once used; a nested label is taken too."""
    text = (
        "## Requirements\n- RESET-1: a\n  - RESET-5: a nested label\n- b\n\n"
        "RESET-1 replaces RESET-4.\n"
    )
    repo.write({"specs/reset.md": text})
    cli("lint", "--fix")
    assert "- RESET-6: b" in repo.read("specs/reset.md")


def test_two_specs_lacking_ids_number_from_their_own_prefix(repo, cli):
    """LINT-E3"""
    repo.write(
        {
            "specs/reset.md": "## Requirements\n- a\n## Edge Cases\n- b\n",
            "specs/auth.md": "## Requirements\n- c\n- d\n",
        }
    )
    cli("lint", "--fix")
    assert (
        repo.read("specs/reset.md")
        == "## Requirements\n- RESET-1: a\n## Edge Cases\n- RESET-E1: b\n"
    )
    assert repo.read("specs/auth.md") == "## Requirements\n- AUTH-1: c\n- AUTH-2: d\n"


def test_two_files_sharing_a_spec_id_never_get_the_same_new_id(repo, cli):
    """LINT-8: the second file is numbered after the first one's new IDs."""
    text = "---\nid: RESET\n---\n## Requirements\n- a\n"
    repo.write({"specs/a.md": text, "specs/b.md": text})
    result = cli("lint", "--fix")
    assert "- RESET-1: a" in repo.read("specs/a.md")
    assert "- RESET-2: a" in repo.read("specs/b.md")
    rules = [line for line in result.out.splitlines() if "[duplicate-" in line]
    assert rules == [
        "specs/b.md:2: error [duplicate-spec-id] spec id RESET is also used by specs/a.md; "
        "set a unique `id:`"
    ]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_and_bom_are_kept_byte_for_byte(repo, cli, newline):
    """LINT-E1, LINT-8"""
    before = codecs.BOM_UTF8 + SPEC.replace("\n", newline).encode()
    repo.write({"specs/reset.md": before})
    assert cli("lint", "--fix").code == 0
    assert read_bytes(repo) == codecs.BOM_UTF8 + FIXED.replace("\n", newline).encode()


def test_mixed_line_endings_tabs_and_trailing_blanks_survive(repo, cli):
    """LINT-8: only the inserted IDs differ."""
    before = (
        b"## Requirements\r\n-\ta  \n*   b\t\r\n+ [x]\tc\r\n\n"
        b"## Context\n- c\n## Edge Cases\r\n1.  d"  # no final line break
    )
    after = (
        b"## Requirements\r\n-\tRESET-1: a  \n*   RESET-2: b\t\r\n+ [x]\tRESET-3: c\r\n\n"
        b"## Context\n- c\n## Edge Cases\r\n1.  RESET-E1: d"
    )
    repo.write({"specs/reset.md": before})
    cli("lint", "--fix")
    assert read_bytes(repo) == after


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_an_empty_item_gets_an_id_and_stays_an_error(repo, cli, newline):
    """LINT-E2: `-` alone, and an empty task box, keep their marker and box first."""
    text = "## Context\n- c\n## Requirements\n-\n- [ ]\n- [x] \n## Edge Cases\n- e\n"
    want = (
        "## Context\n- c\n## Requirements\n- RESET-1:\n- [ ] RESET-2:\n- [x] RESET-3: \n"
        "## Edge Cases\n- RESET-E1: e\n"
    )
    repo.write({"specs/reset.md": text.replace("\n", newline)})
    result = cli("lint", "--fix")
    assert read_bytes(repo) == want.replace("\n", newline).encode()
    assert result.code == 1
    assert result.out.count("[empty-requirement]") == 3
    assert "[missing-id]" not in result.out


def test_items_whose_text_looks_like_an_id_form_get_an_id_in_front(repo, cli):
    text = "## Requirements\n- **Note**: keep it\n- [link](x) text\n- reset-1: lower\n"
    repo.write({"specs/reset.md": text})
    cli("lint", "--fix")
    assert repo.read("specs/reset.md") == (
        "## Requirements\n- RESET-1: **Note**: keep it\n- RESET-2: [link](x) text\n"
        "- RESET-3: reset-1: lower\n"
    )


def test_a_spec_whose_id_cannot_prefix_an_id_is_left_alone(repo, cli):
    """A spec called `2024.md` has no valid prefix: fixing it would add `2024-1:` on every run."""
    text = "## Requirements\n- a\n"
    repo.write({"specs/2024.md": text})
    result = cli("lint", "--fix")
    assert repo.read("specs/2024.md") == text
    assert result.code == 1 and "[invalid-spec-id]" in result.out and "[missing-id]" in result.out


def test_the_write_is_atomic_and_keeps_the_file_mode(repo, cli):
    """LINT-8: written beside the file and moved into place; no temporary file is left."""
    repo.write({"specs/reset.md": SPEC})
    os.chmod(repo.path / "specs/reset.md", 0o640)
    inode = (repo.path / "specs/reset.md").stat().st_ino
    cli("lint", "--fix")
    after = repo.path / "specs/reset.md"
    assert sorted(os.listdir(repo.path / "specs")) == ["reset.md"]
    assert stat.S_IMODE(after.stat().st_mode) == 0o640
    assert after.stat().st_ino != inode  # replaced, not rewritten in place


def test_fix_reports_what_it_fixed_in_json(repo, cli):
    repo.write({"specs/reset.md": SPEC, "specs/auth.md": "## Requirements\n- AUTH-1: a\n"})
    result = cli("lint", "--fix", "--format", "json")
    data = json.loads(result.out)
    assert (data["schema"], data["fixed"]) == (1, ["specs/reset.md"])


def test_without_fix_nothing_is_written(repo, cli):
    repo.write({"specs/reset.md": SPEC})
    assert cli("lint").code == 1
    assert repo.read("specs/reset.md") == SPEC


def test_an_empty_item_the_text_below_would_join_keeps_no_id(repo, cli):
    """LINT-E4 through the CLI: `--fix` leaves alone the empty item above an unindented
    paragraph, a second run changes nothing, and lint still reports the item."""
    text = SPEC.replace("- RESET-3: Old hashes move to bcrypt.\n", "\n-\nA note under it.\n- \n")
    repo.write({"specs/reset.md": text})
    first = cli("lint", "--fix")
    fixed = repo.read("specs/reset.md")
    assert "\n-\nA note under it.\n- \n" in fixed and "- RESET-2: Reset verifies" in fixed
    assert first.code == 1 and "specs/reset.md:13" in first.out, first
    again = cli("lint", "--fix")
    assert repo.read("specs/reset.md") == fixed and "fixed" not in again.err
