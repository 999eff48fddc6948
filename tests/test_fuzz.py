"""Random histories (hypothesis): the diff model against git's own counts, and review and check
never raising (specs/hardening.md: HARDEN-15, HARDEN-16). The parser on arbitrary text and the
`lint --fix` round trip are in test_properties.py; the verdict before and after a commit in
test_check.py."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specflow.change import Change, FileChange, Line
from specflow.patch import PatchChunk, assemble, parse_raw, split_patch, split_raw, with_hunks
from testing.histories import model_counts, numstat, read_change
from testing.stories import PAY_SPEC
from testing.util import Cli, Repo

RANDOM_HISTORIES = settings(
    max_examples=40,
    deadline=None,
    database=None,  # the examples run in throw-away folders; nothing to keep
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NAMES = [
    "src/pay/a.py",
    "src/pay/b.py",
    "src/pay/with space.py",
    "src/other/c.py",
    "tests/test_pay.py",
    "docs/notes.md",
    os.fsdecode(b"src/pay/caf\xe9.py"),
]
# render.py cannot yet print a path that is not UTF-8 in check's output: test_matrix.py has it
PRINTABLE_NAMES = NAMES[:-1]
LINES = st.sampled_from(
    [
        "x = 1",
        "x = float(1)",
        "# PAY-1",
        "# PAY-2 and PAY-9",
        "def charge(cents):",
        "    return cents",
        "",
        "\t",
        "caf\u00e9",
        "diff --git a/x b/x",
        "@@ -1 +1 @@",
        "+++ b/x",
        "--- a/x",
    ]
)
ENDINGS = st.sampled_from(["\n", "\r\n"])


@st.composite
def texts(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(LINES, max_size=12))
    ending = draw(ENDINGS)
    text = ending.join(lines) + (ending if lines and draw(st.booleans()) else "")
    return text.encode()


BINARIES = st.binary(min_size=1, max_size=64).map(lambda data: b"\0" + data)


@st.composite
def operations(draw: st.DrawFn, names: list[str] = NAMES) -> list[tuple[str, str, bytes | str]]:
    """Edits of one commit: write text or binary, delete, rename with an edit, chmod, symlink."""
    kinds = st.sampled_from(["write", "write", "binary", "delete", "rename", "chmod", "symlink"])
    ops = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        kind = draw(kinds)
        name = draw(st.sampled_from(names))
        if kind == "write":
            ops.append((kind, name, draw(texts())))
        elif kind == "binary":
            ops.append((kind, name, draw(BINARIES)))
        elif kind in ("rename", "symlink"):
            ops.append((kind, name, draw(st.sampled_from(names))))
        else:
            ops.append((kind, name, b""))
    return ops


def apply(root: Path, ops: list[tuple[str, str, bytes | str]]) -> None:
    for kind, name, value in ops:
        path = root / name
        if kind in ("write", "binary"):
            if path.is_symlink():
                path.unlink()
            path.parent.mkdir(parents=True, exist_ok=True)
            assert isinstance(value, bytes)
            path.write_bytes(value)
        elif kind == "delete" and (path.exists() or path.is_symlink()):
            path.unlink()
        elif kind == "chmod" and path.is_file() and not path.is_symlink():
            path.chmod(path.stat().st_mode ^ 0o111)
        elif kind == "rename" and path.is_file() and not path.is_symlink():
            target = root / str(value)
            if target.exists() or target.is_symlink() or target == path:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            data = path.read_bytes()
            path.unlink()
            target.write_bytes(data + b"# moved\n")
        elif kind == "symlink":
            if path.exists() or path.is_symlink():
                path.unlink()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.symlink_to(str(value))


PAY = PAY_SPEC


@contextmanager
def history(tmp_path_factory, before, after) -> Iterator[Repo]:  # type: ignore[no-untyped-def]
    """A repository with the spec and `before` committed, then `after` applied to the work tree
    (not staged), with the current folder in it."""
    path = tmp_path_factory.mktemp("fuzz")
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    repo = Repo(path)
    repo.write({"specs/pay.md": PAY})
    apply(path, before)
    repo.commit("before")
    apply(path, after)
    old = Path.cwd()
    os.chdir(path)
    try:
        yield repo
    finally:
        os.chdir(old)


def statuses(cwd: Path, *target: str) -> dict[str, str]:
    """`git diff --name-status -M`: each path's status letter, by git's defaults."""
    out = subprocess.run(
        ["git", "diff", "--name-status", "-z", "-M", "--no-ext-diff", *target, "--"],
        cwd=cwd,
        capture_output=True,
        check=True,
    ).stdout
    fields = out.split(b"\0")
    found, index = {}, 0
    while index < len(fields) and fields[index]:
        letter = fields[index][:1].decode()
        names = 2 if letter in "RC" else 1
        found[os.fsdecode(fields[index + names])] = letter
        index += 1 + names
    return found


LETTERS = {
    "added": "A",
    "deleted": "D",
    "modified": "M",
    "renamed": "R",
    "type-changed": "T",
    "copied": "C",
}


def counted(change: Change) -> dict[str, tuple[int, int] | None]:
    """`testing.histories.model_counts`, except that a mode-only change counts no lines: git's
    numstat calls a binary file's mode-only change binary, the model calls it mode-only."""
    counts = model_counts(change)
    return {f.path: None if f.mode_only else counts[f.path] for f in change.files}


def git_counted(cwd: Path, change: Change, *target: str) -> dict[str, tuple[int, int] | None]:
    """git's numstat, but for GIT-E15: a last line that only gains or loses its final newline,
    which git counts as removed and added again, is no change to specflow."""
    only_mode = {f.path for f in change.files if f.mode_only}
    counts = numstat(cwd, *target)
    for file in change.files:
        count = counts.get(file.path)
        if count and (twins := _newline_only_twins(cwd, file, target)):
            counts[file.path] = (count[0] - twins, count[1] - twins)
    return {path: None if path in only_mode else count for path, count in counts.items()}


# `-X`, `\ No newline at end of file`, `+X` (or `-X`, `+X`, `\ ...`) in git's own patch
_TWIN = re.compile(rb"^-(.*)\n(?:\\[^\n]*\n\+\1\n|\+\1\n\\)", re.M)


def _newline_only_twins(cwd: Path, file: FileChange, target: tuple[str, ...]) -> int:
    paths = [f":(literal){path}" for path in {file.path, file.old_path or file.path}]
    patch = subprocess.run(
        ["git", "diff", "-p", "-M", "--no-ext-diff", "--no-textconv", *target, "--", *paths],
        cwd=cwd,
        capture_output=True,
        check=True,
    ).stdout
    return len(_TWIN.findall(patch))


@RANDOM_HISTORIES
@given(before=operations(), after=operations())
def test_the_diff_model_counts_what_git_numstat_counts(tmp_path_factory, before, after):
    """HARDEN-15: files, renames, binary files, modes and symlinks, as a commit, in the index
    and in the work tree: every path, status and line count as git has them."""
    with history(tmp_path_factory, before, after) as repo:
        worktree = read_change(repo.path, worktree=True)
        assert counted(worktree) == git_counted(repo.path, worktree, "HEAD")
        repo.git("add", "-A")
        staged = read_change(repo.path, staged=True)
        assert counted(staged) == git_counted(repo.path, staged, "--cached")
        repo.git("commit", "-q", "--allow-empty", "-m", "after")
        commit = read_change(repo.path, "HEAD")
        assert counted(commit) == git_counted(repo.path, commit, "HEAD~1", "HEAD")
        assert {f.path: LETTERS[f.status] for f in commit.files} == statuses(
            repo.path, "HEAD~1", "HEAD"
        )


@settings(RANDOM_HISTORIES, max_examples=20)
@given(before=operations(), after=operations(), cuts=st.lists(st.integers(1, 97), max_size=4))
def test_one_diff_gives_the_listing_and_the_patch_of_two(tmp_path_factory, before, after, cuts):
    """GIT-6, GIT-7: `--raw -p -z` in one process, cut anywhere, splits into exactly the entries
    of `--raw -z` and the bytes of `-p`."""
    with history(tmp_path_factory, before, after) as repo:
        repo.git("add", "-A")
        for target in (["--cached", "HEAD"], ["HEAD"]):
            both = git_bytes(repo.path, "diff", "-M", "--raw", "--no-abbrev", "-z", "-p", *target)
            raw = git_bytes(repo.path, "diff", "-M", "--raw", "--no-abbrev", "-z", *target)
            patch = git_bytes(repo.path, "diff", "-M", "-p", *target)
            entries, rest = split_raw(in_pieces([both], 97, cuts))
            assert entries == parse_raw(raw)
            assert b"".join(rest) == patch


def git_bytes(cwd: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True).stdout


@settings(RANDOM_HISTORIES, max_examples=20)
@given(before=operations(PRINTABLE_NAMES), after=operations(PRINTABLE_NAMES))
def test_review_and_check_never_raise_on_random_histories(tmp_path_factory, before, after):
    """HARDEN-16: every format of review, and check, exit as documented on any history: review
    0, check 0 or 1 (1 exactly when an error is found)."""
    cli = Cli()
    with history(tmp_path_factory, before, after) as repo:
        for args in (("--worktree",), ("--staged",)):
            assert cli("review", *args).code == 0
        repo.git("add", "-A")
        repo.git("commit", "-q", "--allow-empty", "-m", "after PAY-2")
        for fmt in ("text", "markdown", "json"):
            result = cli("review", "--format", fmt)
            assert result.code == 0, result
        data = json.loads(cli("review", "--format", "json").out)
        assert {f["path"] for f in data["files"]} == set(numstat(repo.path, "HEAD~1", "HEAD"))
        assert all(
            f["added"] + f["removed"]
            <= sum(numstat(repo.path, "HEAD~1", "HEAD").get(f["path"]) or (0, 0))
            for f in data["files"]
        )
        checked = cli("check", "--format", "json")
        assert checked.code in (0, 1), checked
        findings = json.loads(checked.out)["findings"]
        assert (checked.code == 1) == any(f["severity"] == "error" for f in findings)


# --- the streamed patch in pieces (HARDEN-5) ---------------------------------------------------


@st.composite
def patches(draw: st.DrawFn) -> tuple[list[bytes], list[tuple[int, int]]]:
    """A patch of several files, as git writes it, and each file's (added, removed) count."""
    lines: list[bytes] = []
    counts = []
    for number in range(draw(st.integers(min_value=1, max_value=4))):
        lines += [f"diff --git a/f{number} b/f{number}\n".encode(), b"--- a/x\n", b"+++ b/x\n"]
        added = removed = 0
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            body = draw(st.lists(st.sampled_from([b"+", b"-", b" "]), min_size=1, max_size=8))
            olds = sum(kind != b"+" for kind in body)
            news = sum(kind != b"-" for kind in body)
            lines.append(f"@@ -1,{olds} +1,{news} @@\n".encode())
            for kind in body:
                text = draw(st.sampled_from([b"x", b"diff --git a/y b/y", b"@@ -1 +1 @@", b""]))
                lines.append(kind + text * draw(st.integers(0, 30)) + b"\n")
            added += body.count(b"+")
            removed += body.count(b"-")
        counts.append((added, removed))
    return lines, counts


def in_pieces(lines: list[bytes], limit: int, cuts: list[int]) -> Iterator[bytes]:
    """The patch as `gitio.stream` hands it over: blocks of at most `limit` bytes, cut anywhere
    (lines end a block too when `cuts` is empty)."""
    if not cuts:
        for line in lines:
            for start in range(0, len(line), limit):
                yield line[start : start + limit]
        return
    data = b"".join(lines)
    start = 0
    while start < len(data):
        size = cuts[start % len(cuts)]
        yield data[start : start + size]
        start += size


@settings(max_examples=200, deadline=None, database=None)
@given(
    patch=patches(),
    limit=st.integers(min_value=24, max_value=80),
    keep=st.integers(1, 40),
    cuts=st.lists(st.integers(1, 24), max_size=5),
)
def test_a_patch_read_in_pieces_keeps_its_files_and_counts(patch, limit, keep, cuts):
    """HARDEN-5: however the patch is cut, every file is one chunk with git's counts; a chunk
    is `cut` exactly when it had more lines than kept, `shortened` when a line was longer than
    `limit` and only its first `limit` bytes were kept."""
    lines, counts = patch
    chunks = list(split_patch(in_pieces(lines, limit, cuts), keep=keep, limit=limit))
    assert [(c.added, c.removed) for c in chunks] == counts
    starts = [i for i, line in enumerate(lines) if line.startswith(b"diff --git ")]
    sizes = [end - start for start, end in zip(starts, [*starts[1:], len(lines)], strict=True)]
    assert [c.cut for c in chunks] == [size > keep for size in sizes]
    for chunk, start, size in zip(chunks, starts, sizes, strict=True):
        whole = lines[start : start + size]
        assert chunk.shortened == any(len(line) > limit for line in whole)
        kept = [line[:limit] + b"\n" if len(line) > limit else line for line in whole]
        assert chunk.patch == b"".join(kept[: keep + 1])


def test_files_past_the_limits_are_counted_not_kept(monkeypatch):
    """HARDEN-5: whole hunks are kept up to the limit, every line is counted, and the file is
    marked; the limit is shared by the files of a change, in their order."""
    import specflow.patch as patch

    raw = b""
    chunks = []
    for name in ("a.txt", "b.txt"):
        raw += b":000000 100644 " + b"0" * 40 + b" " + b"1" * 40 + f" A\0{name}\0".encode()
        body = [f"diff --git a/{name} b/{name}\n".encode(), b"--- /dev/null\n", b"+++ b/x\n"]
        for hunk in range(3):
            body.append(f"@@ -0,0 +{hunk * 10 + 1},10 @@\n".encode())
            body += [b"+line\n"] * 10
        chunks.append(PatchChunk(b"".join(body), added=30))
    whole = assemble(parse_raw(raw), chunks)
    assert [(f.truncated, len(f.hunks), f.added_count) for f in whole] == [(False, 3, 30)] * 2
    monkeypatch.setattr(patch, "MAX_LINES_PER_CHANGE", 45)
    part = assemble(parse_raw(raw), chunks)
    assert [(f.truncated, len(f.hunks), f.added_count, f.removed_count) for f in part] == [
        (False, 3, 30, 0),
        (True, 1, 30, 0),
    ]
    assert sum(len(h.added) for f in part for h in f.hunks) == 40


# --- the hunks of one file's patch (GIT-7) ------------------------------------------------------

LINE_TEXTS = [b"x", b"", b"caf\xc3\xa9", b"caf\xe9", b"a\rb", b"end\r", b"@@ -1 +1 @@", b"\\ x"]


def _twin(lines: list[tuple[bytes, bytes]], at: int) -> bool:
    """GIT-E15's pair around line `at`: `-X` then `+X`, which a marker after either makes the
    same line gaining or losing its final newline (test_a_last_line_that_only_gains...)."""
    pair = [lines[i] for i in (at - 1, at, at + 1) if 0 <= i < len(lines)]
    return any(
        first[0] == b"-" and second == (b"+", first[1])
        for first, second in itertools.pairwise(pair)
    )


@st.composite
def hunk_lists(draw: st.DrawFn) -> tuple[bytes, list[tuple[int, int, list[Line], list[Line]]]]:
    """Hunks as git writes them, blank context lines with or without their space, some ending
    without a final newline; and each hunk's (old start, new start, added, removed)."""
    patch, expected = b"", []
    old = new = 1
    for _ in range(draw(st.integers(1, 3))):
        old += draw(st.integers(0, 5))
        new += draw(st.integers(0, 5))
        kinds = draw(st.lists(st.sampled_from([b"+", b"-", b" ", b""]), min_size=1, max_size=8))
        texts = [b"" if kind == b"" else draw(st.sampled_from(LINE_TEXTS)) for kind in kinds]
        lines = list(zip(kinds, texts, strict=True))
        body, added, removed = b"", [], []
        olds, news = old, new
        for at, (kind, text) in enumerate(lines):
            body += kind + text + b"\n"
            if draw(st.booleans()) and kind != b"" and not _twin(lines, at):
                body += b"\\ No newline at end of file\n"
            line = text.decode("utf-8", "surrogateescape").rstrip("\r")
            if kind == b"+":
                added.append(Line(news, line))
            if kind == b"-":
                removed.append(Line(olds, line))
            olds += kind != b"+"
            news += kind != b"-"
        header = f"@@ -{old},{olds - old} +{new},{news - new} @@ def f():\n".encode()
        patch += header + body
        expected.append((old, new, added, removed))
        old, new = olds, news
    return patch, expected


@settings(max_examples=300, deadline=None, database=None)
@given(hunks=hunk_lists())
def test_hunks_keep_their_line_numbers_and_texts(hunks):
    """GIT-7: every added and removed line with its number and text (CRLF, Latin-1, a missing
    final newline, a blank context line without its space); a miscounted hunk is not read."""
    patch, expected = hunks
    entry = FileChange("f", "modified")
    found = with_hunks(entry, PatchChunk(b"diff --git a/f b/f\n--- a/f\n+++ b/f\n" + patch))
    assert [(h.old_start, h.new_start, list(h.added), list(h.removed)) for h in found.hunks] == [
        tuple(hunk) for hunk in expected
    ]
    assert all(h.header == "def f():" and h.path == "f" for h in found.hunks)
    miscounted = patch.replace(b" @@ def", b"1 @@ def", 1)  # n new lines: 10n + 1
    assert with_hunks(entry, PatchChunk(miscounted)).hunks == ()
