"""`lint`, `list` and `show` as a new user meets them, on real git repositories and folders."""

from __future__ import annotations

import os

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


def _plain_folder(tmp_path, monkeypatch):
    """A folder in no git repository, holding another repository with a configuration (as /tmp
    holds test repositories), and a tree deeper than a path can be, which no walk can read."""
    folder = tmp_path / "plain"
    (folder / "other" / ".git").mkdir(parents=True)
    (folder / "other" / "specflow.toml").write_text('specs_dir = "specs"\n')
    deep = os.open(folder, os.O_RDONLY)
    for _ in range(24):  # 24 x 201 bytes: past PATH_MAX, the error a folder removed mid-walk is
        os.mkdir("d" * 200, dir_fd=deep)
        inner = os.open("d" * 200, os.O_RDONLY, dir_fd=deep)
        os.close(deep)
        deep = inner
    os.close(deep)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(folder)
    return folder


def test_outside_git_a_folder_without_specs_is_refused_as_check_refuses_it(
    tmp_path, cli, monkeypatch
):
    """CLI-E10: the uuidjs and parse trials ran `lint` in /tmp: exit 0 after 24 s, ~290
    `unread-configuration` warnings of other repositories' specflow.toml, once a crash on a
    folder removed during the walk. With no specs here, `lint`, `list` and `show` say "not a
    git repository" and exit 2, as `check` and `review` do."""
    _plain_folder(tmp_path, monkeypatch)
    for args in (("lint",), ("list",), ("show", "PAY-1"), ("check",)):
        result = cli(*args)
        assert result.code == 2 and result.out == "", (args, result)
        assert "not a git repository" in result.err and "specflow.toml" not in result.err, args
        assert len(result.err.strip().splitlines()) == 1, result


def test_outside_git_a_folder_with_specs_is_linted_without_other_repositories(
    tmp_path, cli, monkeypatch
):
    """CLI-E10, CLI-E2: once the folder holds specs, `lint` reads it and walks its files, never
    those of a sub-folder that is a repository of its own, and a folder the walk cannot read
    is left out; a plain sub-folder's specflow.toml is still never read (LINT-E8)."""
    folder = _plain_folder(tmp_path, monkeypatch)
    assert cli("init").code == 0
    (folder / "src" / "pkg").mkdir(parents=True)
    (folder / "src" / "pkg" / "specflow.toml").write_text('specs_dir = "specs"\n')
    (folder / "specs" / "pay.md").write_text(
        "---\nid: PAY\nscope: [src/**, other/**]\n---\n# Pay\n## Context\n- c\n"
        "## Requirements\n- PAY-1: p\n## Edge Cases\n- PAY-E1: e\n"
    )
    result = cli("lint")
    assert result.code == 0, result
    assert "src/pkg/specflow.toml:1: warning [unread-configuration]" in result.out
    assert "other/specflow.toml" not in result.out
    assert "'other/**' matches no file" in result.out, result.out
    assert "PAY" in cli("list").out and "PAY-1" in cli("show", "PAY-1").out


SHOWN = """\
---
id: ARROW
---
# Arrow
## Context
- c
## Requirements
- ARROW-4: `replace()` keeps the timezone.
- ARROW-14: `shift()` moves by a calendar unit.
## Edge Cases
- ARROW-E1: e
"""


def test_show_takes_an_id_typed_in_lower_case_and_suggests_a_near_one(repo, cli):
    """CLI-E11: the arrow trial's `show arrow-4` said "no spec or requirement 'arrow-4'" beside
    ARROW-4. A key that differs only in case shows what it names; one that names nothing is
    told the keys it is close to; one close to nothing is told nothing more."""
    repo.write({"specs/arrow.md": SHOWN, "src/a.py": "# ARROW-4\n"})
    repo.git("add", "-A")
    for key, shown in (("arrow-4", "ARROW-4"), ("Arrow-e1", "ARROW-E1"), ("arrow", "ARROW")):
        result = cli("show", key)
        assert result.code == 0, (key, result)
        assert result.out == cli("show", shown).out, key
    assert "replace()" in cli("show", "arrow-4").out
    typo = cli("show", "ARROW-41")
    assert typo.code == 2 and "(did you mean ARROW-4 or " in typo.err, typo
    assert "did you mean" not in cli("show", "BILLING-9").err
