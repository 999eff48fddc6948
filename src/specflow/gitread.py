"""What git reads of a revision: its change (one `git diff --raw -p` stream), its tree, blobs
and `git grep` rows. Every process is started through `gitio` (`run`, `start`, `stream`,
`spawn`), the one door to git."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from specflow.change import Change, FileChange, Revision
from specflow.errors import GitError
from specflow.gitio import RepoInfo, reading, run, spawn, start, stream
from specflow.globs import git_pathspecs, matching
from specflow.patch import assemble, split_patch, split_raw

if TYPE_CHECKING:
    from specflow.gitlog import Logged

_DIFF = (
    "diff",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    "--submodule=short",
    # `diff.ignoreSubmodules=all` would hide a submodule's new commit; its dirty work tree is
    # not part of any commit, so that alone is left out.
    "--ignore-submodules=dirty",
    "-M",
    # HARDEN-2: git's defaults for what `diff.context`, `GIT_DIFF_OPTS`, `diff.renameLimit`
    # and `diff.orderFile` would change
    "--unified=3",
    "-l1000",
    "-O/dev/null",
)


def read_change(repo: RepoInfo, revision: Revision) -> Change:
    """The files and hunks of `revision`: the raw listing and the patch, streamed from one
    `git diff` (the listing first; `-z` changes only how the listing is written)."""
    return start_change(repo, revision)()


def start_change(repo: RepoInfo, revision: Revision) -> Callable[[], Change]:
    """`read_change`, begun now: git diffs while the caller works."""
    args = (*_DIFF, "--raw", "--no-abbrev", "-z", "-p", *_diff_target(revision))
    process = spawn(repo.root, args)

    def finish() -> Change:
        with reading(process, args) as blocks:
            entries, patch = split_raw(blocks)
            files = assemble(entries, split_patch(patch)) if entries else []
        files = _binary_renames(repo, revision, files)
        said = _messages_of(repo, revision)
        return Change(
            revision,
            tuple(files),
            tuple(logged.message for logged in said),
            commits=tuple(tuple(logged.ids) for logged in said),
            message_paths=tuple(logged.paths for logged in said),
        )

    return finish


def _binary_renames(
    repo: RepoInfo, revision: Revision, files: list[FileChange]
) -> list[FileChange]:
    """GIT-6 for a file renamed unchanged, whose patch has no line to tell a binary file by:
    git's `--numstat` of those paths says it (one more process, only when there are some)."""
    unchanged = [f for f in files if f.old_path and f.old_blob == f.new_blob and not f.binary]
    if not unchanged:
        return files
    paths = [f":(literal){path}" for f in unchanged for path in (f.old_path, f.path) if path]
    out = run(repo.root, *_DIFF, "--numstat", "-z", *_diff_target(revision), *paths)
    fields = out.split(b"\0")
    binary: set[str] = set()
    at = 0
    while at < len(fields) and fields[at]:
        counts = fields[at].split(b"\t", 2)
        renamed = counts[2] == b""  # a rename's two paths follow in fields of their own
        path = fields[at + 2] if renamed else counts[2]
        if counts[0] == b"-":
            binary.add(os.fsdecode(path))
        at += 3 if renamed else 1
    return [f._replace(binary=True) if f.path in binary else f for f in files]


def _diff_target(revision: Revision) -> list[str]:
    if revision.mode == "staged":
        return ["--cached", revision.base, "--"]
    if revision.mode == "worktree":
        return [revision.base, "--"]
    assert revision.head is not None
    return [revision.base, revision.head, "--"]


def _messages_of(repo: RepoInfo, revision: Revision) -> list[Logged]:
    if revision.head is None:  # the index or the work tree: the pre-commit hook's case
        return []
    from specflow.gitlog import messages

    base = revision.base if revision.mode == "range" else None
    return messages(repo.root, base, revision.head)


def list_tree(root: Path, tree: str | None, *folders: str) -> list[tuple[str, str, str]]:
    """(mode, blob id, path) of every file under `folders` in a commit, or in the index:
    GIT-10, the specs of the resulting tree."""
    return start_list_tree(root, tree, *folders)()


def start_list_tree(
    root: Path, tree: str | None, *folders: str
) -> Callable[[], list[tuple[str, str, str]]]:
    """`list_tree` of one or more folders, begun now and read when the result is called."""
    paths = [f"{folder}/" for folder in folders]
    if tree is None:
        listing = start(root, "ls-files", "-s", "-z", "--", *paths)
        return lambda: _index_rows(listing())
    listing = start(root, "ls-tree", "-r", "-z", "--full-tree", tree, "--", *paths)
    return lambda: _tree_rows(listing())


def _index_rows(out: bytes) -> list[tuple[str, str, str]]:
    rows = []
    for entry in filter(None, out.split(b"\0")):
        meta, name = entry.split(b"\t", 1)
        mode, blob, stage = meta.decode().split()
        if stage in ("0", "2"):  # during a conflict, stage 2 is ours
            rows.append((mode, blob, os.fsdecode(name)))
    return rows


def _tree_rows(out: bytes) -> list[tuple[str, str, str]]:
    rows = []
    for entry in filter(None, out.split(b"\0")):
        meta, name = entry.split(b"\t", 1)
        mode, kind, blob = meta.decode().split()
        if kind == "blob":
            rows.append((mode, blob, os.fsdecode(name)))
    return rows


def sparse_checkout(root: Path) -> bool:
    """Whether the work tree at `root` may be sparse: its git dir has `info/sparse-checkout`,
    which `git sparse-checkout` writes (HARDEN-E12). Files only: no git process."""
    dot = root / ".git"
    try:
        if dot.is_file():  # a linked worktree: `gitdir: <its own git dir>`
            text = dot.read_text(encoding="utf-8", errors="replace").strip()
            if not text.startswith("gitdir:"):
                return False
            dot = root / text.removeprefix("gitdir:").strip()
        return (dot / "info" / "sparse-checkout").is_file()
    except OSError:
        return False


def sparse_files(root: Path, folder: str) -> list[tuple[str, bytes]]:
    """HARDEN-E12: the files under `folder` that a sparse checkout keeps out of the work tree
    (git's skip-worktree), read from the index as `git grep` reads them."""
    rows = [row for row in _kept_out_rows(root, folder) if row[0] != "120000"]  # HARDEN-4
    blobs = read_blobs(root, [blob for _, blob, _ in rows])
    return [
        (path, data) for (_, _, path), data in zip(rows, blobs, strict=True) if data is not None
    ]


def kept_out_paths(root: Path, folders: Sequence[str]) -> list[str]:
    """SOURCES-E18: the paths of the files under `folders` that a sparse checkout keeps out of
    the work tree, in one `ls-files`."""
    return [path for _, _, path in _kept_out_rows(root, *folders)]


def _kept_out_rows(root: Path, *folders: str) -> list[tuple[str, str, str]]:
    """(mode, blob id, path) of the index's skip-worktree files (`S` of `ls-files -t`). A git
    that fails here stops the command (HARDEN-E14): an empty answer would drop specs silently."""
    out = run(root, "ls-files", "-t", "-s", "-z", "--", *(f"{folder}/" for folder in folders))
    return [
        row
        for entry in filter(None, out.split(b"\0"))
        if entry.startswith(b"S ")
        for row in _index_rows(entry[2:])
    ]


def work_tree_file(repo: RepoInfo, path: str) -> bytes | None:
    """A file of the work tree as git would read it: None for one missing or a symlink."""
    found = repo.root / path
    return found.read_bytes() if found.is_file() and not found.is_symlink() else None


def read_blobs(root: Path, objects: Sequence[str]) -> list[bytes | None]:
    """The contents of blob ids or `REV:path` names, in one `git cat-file --batch` process."""
    return start_blobs(root, objects)()


def start_blobs(root: Path, objects: Sequence[str]) -> Callable[[], list[bytes | None]]:
    """`read_blobs`, begun now: git writes the blobs to a temporary file while the caller works."""
    # GIT-E9: `--batch` reads one name a line: a path with a newline in it cannot be asked for, and
    # would shift every answer after it, so it is answered None without asking.
    asked = [name for name in objects if "\n" not in name]
    if not asked:
        return lambda: [None] * len(objects)
    request = "".join(f"{name}\n" for name in asked).encode("utf-8", "surrogateescape")
    reading = start(root, "cat-file", "--batch", stdin=request)
    return lambda: _blobs(objects, reading())


def _blobs(objects: Sequence[str], out: bytes) -> list[bytes | None]:
    """The answers of `cat-file --batch` to `objects`: None for one missing or not asked."""
    blobs: list[bytes | None] = []
    position = 0
    for name in objects:
        if "\n" in name:
            blobs.append(None)
            continue
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[-1] == b"missing":
            blobs.append(None)
            continue
        size = int(header[2])
        blobs.append(out[position : position + size])
        position += size + 1
    return blobs


def grep(root: Path, args: list[str] | None) -> bytes:
    """The output of `git grep` with `grep_args`: rows of `path\\0line\\0text`, prefixed `TREE:`
    for a commit."""
    return start_grep(root, args)()


def start_grep(root: Path, args: list[str] | None, spool: bool = False) -> Callable[[], bytes]:
    """`git grep` with `grep_args`, begun now and read when the result is called; `spool`: into
    a temporary file, for output of megabytes that git should not wait to write."""
    return (lambda: b"") if args is None else start(root, *args, ok_codes=(0, 1), spool=spool)


@contextmanager
def stream_grep(root: Path, args: list[str] | None) -> Iterator[Iterator[bytes]]:
    """The output of `git grep` with `grep_args`, in blocks as git writes it: for a reader that
    works while git searches."""
    if args is None:
        yield iter(())
        return
    # a CPU left for the reader: git's threads would otherwise wait for it in turn
    threads = f"grep.threads={max(1, (os.cpu_count() or 2) - 1)}"
    with stream(root, "-c", threads, *args, ok_codes=(0, 1)) as blocks:
        yield blocks


def grep_args(
    patterns: Sequence[str],
    revision: Revision,
    excludes: Sequence[str] = (),
    words: bool = False,
    functions: bool = False,
    paths: Sequence[str] | None = None,
    matches_only: bool = False,
    headers: bool = True,
) -> list[str] | None:
    """The arguments of `git grep` for fixed strings in the resulting tree of `revision` (its
    head commit, the index, or the work tree); None: nothing to search. GIT-11: the same tree
    the specs were read from; the caller excludes the specs folder. `paths`: only these files
    (none: nothing to search). `functions`: files read with git's function-name rules for their
    language, and (unless not `headers`) the line naming the function above each match."""
    if (paths is not None and not paths) or not patterns:
        return None
    # GIT-8: `grep.column` would add a column to each row, `submodule.recurse` would search
    # other repositories' files.
    # `-o`: each match on a row of its own, `path\0match`, in any case; else `path\0line\0text`
    numbered = ["-o", "-i"] if matches_only else ["-n"]
    args = ["grep", "-I", *numbered, "--null", "--no-color", "--no-column", "-E"]
    args += ["--no-recurse-submodules"]
    if words:
        args.append("-w")
    if functions and headers:
        args.append("-p")
    for alternation in _alternations(patterns):
        args += ["-e", alternation]
    args += _resulting(revision)
    where = ["."] if paths is None else [f":(literal){path}" for path in paths]
    args += ["--", *where, *_excluded(excludes)]
    prefix = ["-c", f"core.attributesFile={_ATTRIBUTES}"] if functions else []
    return [*prefix, *args]


_ATTRIBUTES = Path(__file__).with_name("funcname.gitattributes")


_ERE_SPECIAL = re.compile(r"([.\[\]()*+?{}|^$\\])")


_ALTERNATION_SIZE = 200


def _alternations(literals: Sequence[str]) -> list[str]:
    """Fixed strings as a few extended regular expressions `(a|b|...)`: git's cost grows with
    the number of `-e` patterns (200 of them: seconds), far less with alternatives in one."""
    escaped = [_ERE_SPECIAL.sub(r"\\\1", literal) for literal in literals]
    return [
        "(" + "|".join(escaped[start : start + _ALTERNATION_SIZE]) + ")"
        for start in range(0, len(escaped), _ALTERNATION_SIZE)
    ]


RARITY_SAMPLE = 400  # files: rarity is a proportion, and a sample of a large tree gives it


class FileCounts(NamedTuple):
    """How many of the files searched hold each word, and how many files that is; the same of
    those outside the globs counted apart (REVIEW-E236: the code without its tests)."""

    counts: dict[str, int]
    files: int
    outside: dict[str, int]
    outside_files: int


def start_file_counts(
    root: Path,
    words: Sequence[str],
    revision: Revision,
    excludes: Sequence[str],
    sample: int = RARITY_SAMPLE,
    apart: tuple[str, ...] = (),
) -> Callable[[], FileCounts]:
    """How many files hold each of `words` (in any case, inside longer names too), among at most
    `sample` files of the resulting tree taken evenly from its listing, and how many files that
    is, also outside the globs `apart`: two processes, the search begun now (REVIEW-15)."""
    head = revision.head
    if head is None:
        listing = run(root, "ls-files", "-z", "--cached")
    else:
        listing = run(root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", head)
    paths = [os.fsdecode(name) for name in listing.split(b"\0") if name]
    step = max(1, len(paths) // sample)
    chosen = paths[::step][:sample]
    args = grep_args(words, revision, excludes, paths=chosen, matches_only=True)
    search = start_grep(root, args, spool=True)  # SPEED-13: a row per match, megabytes, read last
    spelled = {word.lower(): word for word in words}
    tree = f"{head}:".encode() if revision.mode in ("commit", "range") else b""
    left_apart = {os.fsencode(path) for path in matching(chosen, apart)}

    def finish() -> FileCounts:
        # the same word in a file, again and again: rows compared whole before they are split
        rows = (row.partition(b"\0") for row in set(search().split(b"\n")))
        seen = {(path, match.lower()) for path, found, match in rows if found}
        counts, outside = dict.fromkeys(words, 0), dict.fromkeys(words, 0)
        for path, match in seen:
            word = spelled.get(match.decode("utf-8", "replace"))
            if word is not None:
                counts[word] += 1
                outside[word] += path.removeprefix(tree) not in left_apart
        return FileCounts(counts, len(chosen), outside, len(chosen) - len(left_apart))

    return finish


def changed_paths(root: Path, old: str, new: str) -> list[str] | None:
    """The paths whose content differs between two commits, or None when git cannot tell (a
    commit that is gone since, a shallow clone)."""
    try:
        out = run(root, "diff-tree", "-r", "-z", "--no-renames", "--name-only", old, new, "--")
    except GitError:
        return None
    return [os.fsdecode(name) for name in out.split(b"\0") if name]


def ignored_by(root: Path, paths: Sequence[str]) -> dict[str, str]:
    """LINT-E5: each of `paths` git ignores, with the rule that does (`.gitignore:8: specs/`):
    one `git check-ignore` for them all; none outside a repository."""
    if not paths or not (root / ".git").exists():
        return {}
    listed = "".join(f"{path}\0" for path in paths).encode()
    out = run(root, "check-ignore", "-v", "-z", "--stdin", ok_codes=(0, 1), stdin=listed)
    fields = [os.fsdecode(field) for field in out.split(b"\0")]
    # -v -z: source, line number, pattern, path, for each ignored path
    return {
        fields[at + 3]: f"{fields[at]}:{fields[at + 1]}: {fields[at + 2]}"
        for at in range(0, len(fields) - 3, 4)
    }


def list_files(root: Path, tree: str | None = None) -> list[str]:
    """Files of a commit, or the work tree's tracked and untracked-not-ignored files."""
    if tree is not None:
        out = run(root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", tree)
    elif (root / ".git").exists():
        out = run(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    else:
        from specflow.fsio import walk  # outside git only: a hook need not import tempfile

        return walk(root)
    return sorted({os.fsdecode(name) for name in out.split(b"\0") if name})


def comment_char(root: Path) -> str:
    """`core.commentChar` as the commit-msg hook's message file uses it (`#` by default)."""
    out = run(root, "config", "--get", "core.commentChar", ok_codes=(0, 1))
    return out.decode().strip() or "#"


def _resulting(revision: Revision) -> list[str]:
    """What `git grep` searches for the resulting tree: the index, the work tree or a commit."""
    return {"staged": ["--cached"], "worktree": []}.get(revision.mode, [str(revision.head)])


def _excluded(globs: Sequence[str]) -> list[str]:
    return [f":(exclude,glob){spec}" for glob in globs for spec in git_pathspecs(glob)]


def files_spelling(
    root: Path,
    names: Sequence[str],
    revision: Revision,
    excludes: Sequence[str] = (),
    where: Sequence[str] = (".",),
    pattern: bool = False,
) -> set[str]:
    """The text files of the resulting tree that spell any of `names` as a word, among the
    pathspecs `where` and not in the globs `excludes` (REVIEW-E58): one `git grep -l`; with
    `pattern`, `names` are extended regular expressions matched anywhere (REVIEW-E257)."""
    args = ["grep", "-l", "-I", "-E" if pattern else "-wF", "--null", "--no-recurse-submodules"]
    args += [arg for name in names for arg in ("-e", name)]
    out = run(
        root, *args, *_resulting(revision), "--", *where, *_excluded(excludes), ok_codes=(0, 1)
    )
    strip = len(revision.tree) + 1 if revision.tree else 0
    return {os.fsdecode(raw[strip:]) for raw in out.split(b"\0") if raw}
