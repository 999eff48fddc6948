"""The git layer on real repositories: finding the repository, revisions, hostile input, errors,
commit messages, and the process plumbing (specs/git-layer.md: GIT-1..5, GIT-9, GIT-E4..E9)."""

from __future__ import annotations

import os
import threading
from itertools import pairwise
from pathlib import Path

import pytest

from specflow import gitio, gitlog, gitread
from specflow.change import Revision
from specflow.errors import GitError
from testing.histories import (
    SPEC,
    bare_clone,
    branches_and_merge,
    git,
    linked_worktree,
    numstat,
    read_change,
    review_json,
    shallow_clone,
    temporary_index,
)
from testing.util import Repo

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


def counts(data: dict) -> dict[str, tuple[int, int]]:
    return {f["path"]: (f["added"], f["removed"]) for f in data["files"]}


def one_line_error(result) -> str:
    """An exit-2 error is one line on stderr, never a traceback."""
    assert result.code == 2, result
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


# Finding the repository (GIT-1, GIT-E4)


def test_repository_is_found_from_a_sub_folder(repo, cli, monkeypatch):
    """GIT-1: run from a sub-folder, the review still covers the whole repository."""
    repo.commit("root", {"README.md": "hi\n"})
    repo.commit("deep", {"src/deep/a.py": "x = 1\n", "top.txt": "top\n"})
    monkeypatch.chdir(repo.path / "src" / "deep")
    assert gitio.open_repo(Path.cwd()).root.resolve() == repo.path.resolve()
    assert counts(review_json(cli)) == {"src/deep/a.py": (1, 0), "top.txt": (1, 0)}


def test_repository_is_found_from_a_linked_worktree(repo, cli, tmp_path, monkeypatch):
    """GIT-1: a linked worktree is its own work tree and HEAD, sharing the common git dir."""
    repo.commit("one", {"a.txt": "one\n"})
    worktree = linked_worktree(repo, tmp_path / "linked")
    (worktree / "a.txt").write_text("two\n")
    (worktree / "sub").mkdir()
    (worktree / "sub" / "b.txt").write_text("b\n")
    git(worktree, "add", "-A")
    git(worktree, "commit", "-q", "-m", "in the linked worktree")
    monkeypatch.chdir(worktree / "sub")
    info = gitio.open_repo(Path.cwd())
    assert info.root.resolve() == worktree.resolve()
    assert info.common_dir.resolve() == (repo.path / ".git").resolve()
    assert info.git_dir.resolve() != info.common_dir.resolve()
    data = review_json(cli)
    assert data["messages"] == ["in the linked worktree"]
    assert counts(data) == {"a.txt": (1, 1), "sub/b.txt": (1, 0)}


def test_outside_a_repository_review_exits_2_in_one_line(tmp_path, cli, monkeypatch):
    """GIT-1"""
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(folder)
    assert "not a git repository" in one_line_error(cli("review"))


def test_bare_repository_exits_2_in_one_line(repo, cli, tmp_path, monkeypatch):
    """GIT-1"""
    repo.commit("one", {"a.txt": "one\n"})
    monkeypatch.chdir(bare_clone(repo, tmp_path / "bare.git"))
    assert "bare repository" in one_line_error(cli("review"))


@pytest.mark.parametrize(
    "folder", [os.fsdecode(b"d\xe9p\xf4t"), "ends with a space "], ids=["latin-1", "space"]
)
def test_repository_folder_not_utf8_or_ending_in_a_space_is_reviewed(
    folder, tmp_path, cli, monkeypatch
):
    """GIT-E4: the root comes back from git as bytes, exactly."""
    path = tmp_path / folder
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    Repo(path).commit("one", {"a.txt": "one\n"})
    monkeypatch.chdir(path)
    assert gitio.open_repo(path).root == path
    assert counts(review_json(cli)) == {"a.txt": (1, 0)}


# Revisions (GIT-2)


@pytest.fixture
def merged(repo):
    return branches_and_merge(repo)


def test_head_a_sha_and_ranges_compare_what_git_compares(repo, cli, merged):
    """GIT-2: HEAD, an abbreviated sha, `A..B` and `A...B` (from the merge base)."""
    m = merged
    cases = {
        "HEAD": (m.main, m.merge),
        m.feature_2[:10]: (m.feature_1, m.feature_2),
        f"{m.base}..{m.feature_2}": (m.base, m.feature_2),
        f"{m.main}..feature": (m.main, m.feature_2),
        f"{m.main}...feature": (m.base, m.feature_2),
    }
    for rev, (base, head) in cases.items():
        data = review_json(cli, rev)
        assert (data["revision"]["base"], data["revision"]["head"]) == (base, head), rev
        assert counts(data) == numstat(repo.path, base, head), rev
    # `main..feature` and `main...feature` really differ: the first undoes main's own work.
    assert "src/app.py" in counts(review_json(cli, f"{m.main}..feature"))
    assert "src/app.py" not in counts(review_json(cli, f"{m.main}...feature"))


def test_merge_commit_is_compared_with_its_first_parent(cli, merged):
    """GIT-2: the merge brings in the feature branch's files, not main's own change."""
    data = review_json(cli, merged.merge)
    assert data["revision"]["base"] == merged.main
    assert counts(data) == {"src/feature.py": (2, 0), "tests/test_feature.py": (2, 0)}


def test_root_commit_is_compared_with_the_empty_tree(repo, cli, merged):
    """GIT-2: the empty tree's id is asked of git."""
    data = review_json(cli, merged.root)
    assert data["revision"]["base"] == EMPTY_TREE == gitio.empty_tree(repo.path)
    assert counts(data) == {"README.md": (1, 0)}


def test_sha256_repository_is_reviewed_from_its_root_commit(tmp_path, cli, monkeypatch):
    """GIT-2: a SHA-256 repository has another empty tree; specs are read at both ends."""
    path = tmp_path / "sha256"
    path.mkdir()
    git(path, "init", "-q", "-b", "main", "--object-format=sha256")
    repo = Repo(path)
    root = repo.commit("root", {"specs/pay.md": SPEC.format(first="A."), "a.py": "# PAY-1\n"})
    repo.commit("two", {"specs/pay.md": SPEC.format(first="B."), "a.py": "# PAY-1\nb = 2\n"})
    monkeypatch.chdir(path)
    first = review_json(cli, root)
    assert first["revision"]["base"] == gitio.empty_tree(path) != EMPTY_TREE
    assert len(first["revision"]["base"]) == 64
    assert counts(first) == numstat(path, first["revision"]["base"], root)
    second = review_json(cli)
    assert counts(second) == {"a.py": (1, 0), "specs/pay.md": (1, 1)}
    assert second["specs"][0]["delta"]["reworded"] == ["PAY-1"]


def test_a_failing_git_command_is_named_in_the_error(repo):
    """GIT-5: the message names the command, not the `-c` options before it."""
    repo.commit("one", {"a.txt": "one\n"})
    missing = Revision("gone", "commit", "0" * 40, "1" * 40)
    with pytest.raises(GitError, match=r"^`git grep` failed: "):
        gitread.grep(repo.path, gitread.grep_args(["one"], missing, functions=True))


# Commit messages (GIT-9)


def test_messages_are_the_commits_own_or_every_commit_of_a_range(repo, cli, merged):
    """GIT-9"""
    m = merged
    assert review_json(cli, m.merge)["messages"] == ["merge feature"]
    assert review_json(cli, m.root)["messages"] == ["root: readme"]
    assert review_json(cli, f"{m.base}..{m.feature_2}")["messages"] == [
        "feature one",
        "feature two",
    ]
    assert review_json(cli, f"{m.main}...feature")["messages"] == ["feature one", "feature two"]
    repo.stage({"new.txt": "staged\n"})
    assert review_json(cli, "--staged")["messages"] == []
    assert review_json(cli, "--worktree")["messages"] == []


def test_multi_line_messages_keep_their_body(repo):
    """GIT-9: subject and body, in commit order."""
    first = repo.commit("first")
    repo.commit("Second subject\n\nThe body names PAY-1.\n")
    repo.commit("third")
    change = read_change(repo.path, f"{first}..HEAD")
    assert change.messages == ("Second subject\n\nThe body names PAY-1.", "third")


def test_a_range_s_messages_name_the_paths_their_commits_change(repo, merged):
    """GIT-12: each commit of a range with the paths it changes, a rename's new path and a
    path with a space or bytes that are not UTF-8 among them; a merge names none, and a lone
    commit needs none."""
    m = merged
    logged = {entry.message: entry for entry in gitlog.messages(repo.path, m.base, m.merge)}
    assert {message: entry.paths for message, entry in logged.items()} == {
        "feature one": frozenset({"src/feature.py"}),
        "feature two": frozenset({"src/feature.py", "tests/test_feature.py"}),
        "main moves on": frozenset({"src/app.py"}),
        "merge feature": None,
    }
    assert logged["merge feature"].ids == [m.merge, m.main, m.feature_2]
    odd = os.fsdecode(b"caf\xe9 menu.txt")
    repo.git("config", "diff.renames", "false")  # GIT-8: renames are followed all the same
    repo.git("mv", "src/app.py", "src/main app.py")
    repo.commit("renamed")
    repo.write({odd: "menu\n"})
    repo.commit("odd bytes")
    assert [entry.paths for entry in gitlog.messages(repo.path, m.merge, "HEAD")] == [
        frozenset({"src/main app.py"}),
        frozenset({odd}),
    ]
    assert gitlog.messages(repo.path, None, "HEAD")[0].paths is None


# The index and the work tree (GIT-3, GIT-E6)


def test_staged_is_the_index_and_worktree_the_work_tree(repo):
    """GIT-3: each compares with HEAD; untracked files are in neither."""
    repo.commit("one", {"a.txt": "one\n"})
    repo.stage({"a.txt": "staged\n"})
    repo.write({"a.txt": "in the work tree\n", "untracked.txt": "new\n"})
    staged = read_change(repo.path, staged=True)
    worktree = read_change(repo.path, worktree=True)
    assert [line.text for line in staged.files[0].added_lines()] == ["staged"]
    assert [line.text for line in worktree.files[0].added_lines()] == ["in the work tree"]
    assert staged.paths == worktree.paths == ["a.txt"]


def test_before_the_first_commit_staged_and_worktree_work(repo, cli):
    """GIT-3: against the empty tree; a revision says what to use instead."""
    repo.stage({"a.txt": "one\ntwo\n"})
    for mode in ("--staged", "--worktree"):
        data = review_json(cli, mode)
        assert data["revision"]["base"] == EMPTY_TREE
        assert counts(data) == {"a.txt": (2, 0)}
    for args in ((), ("HEAD",), ("main",)):
        line = one_line_error(cli("review", *args))
        assert "no commits yet" in line and "--staged" in line and "--worktree" in line


def test_staged_and_worktree_together_or_with_a_revision_are_refused(repo, cli):
    """GIT-E6"""
    repo.commit("one", {"a.txt": "one\n"})
    assert one_line_error(cli("review", "--staged", "--worktree"))
    assert one_line_error(cli("review", "HEAD", "--staged"))


def test_staged_reads_the_index_git_index_file_points_at(repo, cli, tmp_path, monkeypatch):
    """GIT-3: during `git commit PATH` git points GIT_INDEX_FILE at a temporary index."""
    repo.commit("one", {"a.txt": "one\n"})
    repo.stage({"a.txt": "from the default index\n"})
    only_there = {
        "a.txt": "from the temporary index\n",
        "specs/pay.md": SPEC.format(first="Charge in cents."),
        "src/pay/charge.py": "# PAY-1\n",
    }
    index = temporary_index(repo, tmp_path / "index.tmp", only_there)
    monkeypatch.setenv("GIT_INDEX_FILE", str(index))
    change = read_change(repo.path, staged=True)
    assert [line.text for line in change.file("a.txt").added_lines()] == [
        "from the temporary index"
    ]
    data = review_json(cli, "--staged")
    assert set(counts(data)) == {"a.txt", "specs/pay.md", "src/pay/charge.py"}
    pay_1 = data["specs"][0]["requirements"][0]
    assert [(r["id"], r["path"]) for r in pay_1["implemented"]] == [("PAY-1", "src/pay/charge.py")]
    monkeypatch.delenv("GIT_INDEX_FILE")
    data = review_json(cli, "--staged")
    assert counts(data) == {"a.txt": (1, 1)}
    assert data["specs"] == []


# Hostile revisions (GIT-4, GIT-E5)


@pytest.mark.parametrize(
    "template",
    ["--output=written", "--output={out}", "-o{out}", "HEAD..--output={out}", "--output={out}..."],
)
def test_revision_that_looks_like_an_option_is_refused_and_writes_nothing(
    template, repo, cli, tmp_path
):
    """GIT-4, GIT-E5: `--output=FILE` once let a revision write a file through git."""
    repo.commit("one", {"a.txt": "one\n"})
    repo.commit("two", {"a.txt": "two\n"})
    out = tmp_path / "written"
    rev = template.format(out=out)
    line = one_line_error(cli("review", "--", rev))
    assert "refusing revision" in line
    assert not out.exists()
    assert not list(repo.path.glob("*written*"))
    with pytest.raises(GitError, match="refusing"):
        gitio.revision(gitio.open_repo(repo.path), rev)


def test_revision_is_resolved_to_a_commit_id_before_use(repo):
    """GIT-4: a name, an annotated tag or `HEAD~1` become the commit's full id."""
    first = repo.commit("one", {"a.txt": "one\n"})
    repo.git("tag", "-a", "-m", "a tag object", "v1")
    second = repo.commit("two", {"a.txt": "two\n"})
    info = gitio.open_repo(repo.path)
    assert gitio.revision(info, "v1").head == first
    assert gitio.revision(info, "HEAD~1").head == first
    assert gitio.revision(info, "v1..main") == Revision("v1..main", "range", first, second)
    assert gitio.resolve(repo.path, "HEAD^{tree}") is None


# Errors (GIT-5)


def test_unknown_revision_exits_2_in_one_line(repo, cli):
    """GIT-5"""
    repo.commit("one", {"a.txt": "one\n"})
    assert "unknown revision 'nope'" in one_line_error(cli("review", "nope"))
    assert "unknown revision" in one_line_error(cli("review", "HEAD..nope"))


def test_a_tree_or_a_blob_is_named_as_such(repo, cli):
    """GIT-E13: the marshmallow trial gave `check` a tree's id and read "unknown revision"."""
    repo.commit("one", {"a.txt": "one\n"})
    tree = repo.git("rev-parse", "HEAD^{tree}").strip()
    assert f"'{tree}' is a tree, not a commit" in one_line_error(cli("check", tree))
    assert "is a blob, not a commit" in one_line_error(cli("review", "HEAD:a.txt"))
    repo.git("tag", "-a", "-m", "a tree", "treetag", tree)  # helper-58: peeled, as git reads it
    assert "'treetag' is a tree, not a commit" in one_line_error(cli("check", "treetag"))


def test_a_range_of_three_or_an_excluded_commit_is_an_unknown_revision(repo, cli):
    """GIT-E14: the chi trial's `A..B..C` read "`git ls-tree` failed: ^sha" (git resolves
    `B..C` to two lines, the second `^B`), and `^HEAD` alike; every command says which."""
    repo.commit("one", {"a.txt": "one\n"})
    repo.commit("two", {"a.txt": "two\n"})
    for command, rev in (("review", "HEAD~1..HEAD..HEAD"), ("check", "HEAD...HEAD~1...HEAD")):
        error = one_line_error(cli(command, rev))
        assert error == f"specflow: error: unknown revision '{rev}': a range is A..B or A...B"
    for command in ("review", "check", "report", "comment"):
        assert "unknown revision '^HEAD'" in one_line_error(cli(command, "^HEAD")), command


def test_shallow_clone_without_the_parent_says_fetch_unshallow(repo, cli, tmp_path, monkeypatch):
    """GIT-5: the boundary commit, a missing base and a missing merge base; GIT-E10: `report`
    reads the boundary commit's tree."""
    repo.commit("one", {"a.txt": "one\n"})
    repo.commit("two", {"a.txt": "two\n"})
    repo.commit("three", {"a.txt": "three\n"})
    monkeypatch.chdir(shallow_clone(repo, tmp_path / "shallow"))
    for args in ((), ("HEAD",), ("HEAD~1..HEAD",)):
        assert "git fetch --unshallow" in one_line_error(cli("review", *args)), args
    report = cli("report")  # GIT-E10: only the tree is read
    assert report.code == 0 and "specflow report HEAD" in report.out, report
    monkeypatch.chdir(shallow_clone(repo, tmp_path / "deeper", depth=2))
    assert counts(review_json(cli)) == {"a.txt": (1, 1)}


def test_shallow_clone_without_the_merge_base_says_fetch_unshallow(
    repo, cli, tmp_path, monkeypatch
):
    """GIT-5"""
    repo.commit("one", {"a.txt": "one\n"})
    repo.git("switch", "-q", "-c", "feature")
    repo.commit("feature", {"b.txt": "b\n"})
    repo.git("switch", "-q", "main")
    repo.commit("main", {"a.txt": "two\n"})
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth=1", "--no-single-branch", repo.path.as_uri(), str(clone))
    monkeypatch.chdir(clone)
    line = one_line_error(cli("review", "main...origin/feature"))
    assert "no common ancestor" in line and "git fetch --unshallow" in line


# Process plumbing (GIT-E8, GIT-E9)


def test_reader_that_stops_early_does_not_hang(repo):
    """GIT-E8: git blocked on a full stdout pipe must not wait for us forever."""
    repo.commit("big", {"big.txt": "".join(f"line {n}\n" for n in range(50_000))})
    first: list[bytes] = []

    def read_one_line() -> None:
        with gitio.stream(repo.path, "show", "HEAD") as lines:
            first.append(next(lines))

    reader = threading.Thread(target=read_one_line, daemon=True)
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "stream() hung on an unread pipe"
    assert first[0].startswith(b"commit ")


def test_name_with_a_newline_does_not_shift_the_blobs_after_it(repo):
    """GIT-E9"""
    repo.commit("two files", {"a.txt": "A\n", "odd\nname.txt": "odd\n", "b.txt": "B\n"})
    blobs = gitread.read_blobs(repo.path, ["HEAD:a.txt", "HEAD:odd\nname.txt", "HEAD:b.txt"])
    assert blobs == [b"A\n", None, b"B\n"]
    assert gitread.read_blobs(repo.path, ["HEAD:nothing", "0" * 40]) == [None, None]


def test_grep_output_read_in_blocks_cut_anywhere_gives_every_row(repo):
    """GIT-11, REVIEW-13: the ripple search is classified while git writes it, in blocks cut
    anywhere (inside a path with a newline in it, too): the rows are those of the whole output."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from specflow.refs import raw_rows

    files = {
        "src/plain.py": "token = 1\nuser.token = token\n",
        "src/with space.py": "def token():\n    return token\n",
        "src/new\nline.py": "token\n" * 3,
        "src/caf\u00e9.py": "x = token  # caf\u00e9\n",
    }
    head = repo.commit("files", files)
    revision = Revision("HEAD", "commit", "base", head)
    data = gitread.grep(
        repo.path, gitread.grep_args(["token"], revision, words=True, functions=True)
    )
    whole = list(raw_rows([data], head))
    assert len(whole) == 8 and any(b"\n" in path for path, _, _ in whole)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.integers(min_value=0, max_value=len(data)), max_size=12))
    def cut_anywhere(cuts: list[int]) -> None:
        points = [0, *sorted(cuts), len(data)]
        blocks = [data[a:b] for a, b in pairwise(points)]
        assert list(raw_rows(blocks, head)) == whole

    cut_anywhere()
    search = gitread.grep_args(["token"], revision, words=True, functions=True)
    with gitread.stream_grep(repo.path, search) as blocks:
        assert list(raw_rows(blocks, head)) == whole


def test_a_binary_file_renamed_unchanged_is_listed_binary(repo, cli):
    """GIT-6: a rename without a change has no patch line that says `Binary files`; git's
    numstat calls it binary, and so does specflow (found by the numstat property test)."""
    from testing.histories import files_by_path, review_json

    repo.commit("base", {"src/other/c.py": b"\x00\x00", "notes/a.txt": "text\n"})
    moved = {"src/other/c.py": None, "src/pay/a.py": b"\x00\x00"}
    repo.commit("move", {**moved, "notes/a.txt": None, "notes/b.txt": "text\n"})
    files = files_by_path(review_json(cli, "HEAD"))
    assert files["src/pay/a.py"]["status"] == "renamed" and files["src/pay/a.py"]["binary"]
    assert files["notes/b.txt"]["status"] == "renamed" and not files["notes/b.txt"]["binary"]


def test_blobs_are_read_without_a_usable_temporary_folder(repo, monkeypatch):
    """GIT-E8: git writes its blobs to a temporary file so that it never waits on a pipe; with
    none to be had (a full or missing temporary folder), it is read through pipes instead."""
    import tempfile

    head = repo.commit("two", {"a.txt": "A\n", "b.txt": "B\n"})
    spooled = gitread.read_blobs(repo.path, [f"{head}:a.txt", f"{head}:b.txt", "0" * 40])

    def no_folder(*args, **kwargs):
        raise FileNotFoundError(2, "No usable temporary directory found")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_folder)
    piped = gitread.read_blobs(repo.path, [f"{head}:a.txt", f"{head}:b.txt", "0" * 40])
    assert spooled == piped == [b"A\n", b"B\n", None]


def test_a_git_error_carries_its_reason_and_hint_apart(repo, cli, tmp_path, monkeypatch):
    """LAYOUT-4: the shallow clone's advice is data, not text to cut: a CI job's message puts
    its own advice after the reason, once, and the plain command keeps git's hint."""
    from specflow.errors import GitError

    repo.commit("one", {"a.txt": "one\n"})
    repo.commit("two", {"a.txt": "two\n"})
    clone = shallow_clone(repo, tmp_path / "shallow")
    opened = gitio.open_repo(clone)
    with pytest.raises(GitError) as raised:
        gitio.must_resolve(opened, "nope")
    assert raised.value.reason == "unknown revision 'nope'"
    assert raised.value.hint.startswith("; this is a shallow clone: ")
    assert str(raised.value) == raised.value.reason + raised.value.hint
    monkeypatch.chdir(clone)
    assert one_line_error(cli("review", "nope")).endswith("(in GitHub Actions: fetch-depth: 0)")
    monkeypatch.setenv("GITLAB_CI", "true")
    monkeypatch.setenv("CI_MERGE_REQUEST_IID", "3")
    monkeypatch.setenv("CI_MERGE_REQUEST_DIFF_BASE_SHA", "nope")
    line = one_line_error(cli("review"))
    assert "in this shallow clone: unknown revision 'nope'; GitLab clones" in line
    assert "fetch --unshallow" not in line


def test_word_counts_are_read_from_a_spooled_search_as_from_a_piped_one(repo, monkeypatch):
    """SPEED-13, REVIEW-15: the rarity search writes a row per match into a temporary file that
    git never waits on; each file counts once per word, in any case and inside longer names,
    and with no temporary folder the search is read through a pipe, with the same counts."""
    import tempfile

    many = "Token token TOKEN tokens\n" * 5_000  # more rows than a pipe holds
    head = repo.commit(
        "words",
        {"a.py": many, "b.py": "token_store = 1\n", "c.txt": "nothing here\n", "d.md": "Digest\n"},
    )
    revision = Revision("HEAD", "commit", f"{head}~1", head)

    def count() -> gitread.FileCounts:
        words = ["token", "digest", "absent"]
        return gitread.start_file_counts(repo.path, words, revision, (), apart=("b.py",))()

    spooled = count()

    def no_folder(*args, **kwargs):
        raise FileNotFoundError(2, "No usable temporary directory found")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_folder)
    counts = {"token": 2, "digest": 1, "absent": 0}
    # REVIEW-E236: and again without the files counted apart
    assert spooled == count() == (counts, 4, {"token": 1, "digest": 1, "absent": 0}, 3)


def test_a_missing_object_is_said_to_be_missing(repo, cli):
    """GIT-E11: three fetched mirrors lack their large blobs; `git diff` cannot read them."""
    repo.commit("one", {"a.txt": "one\n"})
    repo.commit("two", {"a.txt": "two\n"})
    blob = repo.git("rev-parse", "HEAD:a.txt").strip()
    (repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    result = cli("review", "HEAD")
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert f"unable to read {blob}" in result.err
    assert result.err.rstrip().endswith(
        "the repository lacks this object (a partial mirror?): `git fsck` lists them"
    )
