"""The one door to git: every git process specflow starts goes through `run` or `stream`.

Nothing a user typed reaches git as an option: revisions are refused when they start with `-`,
resolved with `rev-parse --verify --end-of-options`, and only the resulting ids are passed on,
with `--` before any path."""

from __future__ import annotations

import functools
import os
import re
import shlex
import subprocess
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, NamedTuple, TypeVar

from specflow.change import Mode, Revision
from specflow.errors import GitError, NotARepository
from specflow.patch import MAX_LINE_BYTES

# GIT-8: options that make git's output independent of the user's configuration; git's own
# default `core.bigFileThreshold`, under which a large source file is diffed as text (HARDEN-2).
_SAFE = (
    *("-c", "core.quotePath=false", "-c", "color.ui=never", "-c", "core.pager=cat"),
    *("-c", "core.bigFileThreshold=512m"),
)
UNSHALLOW = "fetch the history first: `git fetch --unshallow` (in GitHub Actions: fetch-depth: 0)"
_UNSAFE = "git refuses this repository: another user owns it (git's `safe.directory` check)"
_SAFE_DIRECTORY = "; if you trust it: git config --global --add safe.directory"
_DUBIOUS = re.compile(rb"detected dubious ownership in repository at '([^\n]*)'")
_LACKS = "; the repository lacks this object (a partial mirror?): `git fsck` lists them"
# HARDEN-7: `rev-parse --end-of-options` came with git 2.30, `diff --no-relative` with 2.28.
MIN_GIT = (2, 30)
NEEDS_GIT = "specflow needs git 2.30 or newer"
T = TypeVar("T")


class GitUnusable(GitError):
    """git is missing or too old: no repository can be read, whatever the folder."""


class UnsafeRepository(GitError):
    """HARDEN-E5: git refuses to read a repository another user owns (`safe.directory`)."""


class RepoInfo(NamedTuple):
    root: Path
    git_dir: Path
    common_dir: Path
    shallow: bool
    head: str | None  # None before the first commit


def run(
    root: Path, *args: str, ok_codes: Sequence[int] = (0,), stdin: bytes | None = None
) -> bytes:
    """Run `git <args>` in `root` without a shell; a failure becomes a GitError with stderr."""
    try:
        done = subprocess.run(
            [_git(), *_SAFE, *args], cwd=root, input=stdin, capture_output=True, env=_env()
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    _check(args, done.returncode, done.stderr, ok_codes)
    return done.stdout


def _check(args: Sequence[str], code: int, stderr: bytes, ok_codes: Sequence[int]) -> None:
    """A git command that ended with an exit code not in `ok_codes` is a GitError (GIT-E11)."""
    if code not in ok_codes:
        refuse_old_git()
        unsafe = _DUBIOUS.search(stderr)
        if unsafe:
            folder = os.fsdecode(unsafe[1])
            raise UnsafeRepository(_UNSAFE, hint=f"{_SAFE_DIRECTORY} {shlex.quote(folder)}")
        said = _last_line(stderr)
        hint = _LACKS if said.startswith("unable to read ") else ""
        raise GitError(f"`git {_command(args)}` failed: {said or code}", hint=hint)


def start(
    root: Path,
    *args: str,
    ok_codes: Sequence[int] = (0,),
    stdin: bytes | None = None,
    spool: bool = False,
) -> Callable[[], bytes]:
    """`run`, begun now: git works while specflow does, and calling the result waits for it and
    gives its output (or raises as `run` does). With `stdin` or `spool`, git reads a temporary
    file and writes another, so that it never waits for specflow (megabytes of blobs, of rows)."""
    given: IO[bytes] | int = subprocess.DEVNULL
    output: IO[bytes] | int = subprocess.PIPE
    if stdin is not None or spool:
        files = _temporary_files()
        if files is None:  # no usable temporary folder: git runs now, through pipes
            out = run(root, *args, ok_codes=ok_codes, stdin=stdin)
            return lambda: out
        given, output = files
        given.write(stdin or b"")
        given.seek(0)
    try:
        process = spawn(root, args, stdin=given, stdout=output)
    except BaseException:
        _close(output)
        raise
    finally:
        _close(given)  # git has its own copy

    def finish() -> bytes:
        try:
            out, error = process.communicate()
            _check(args, process.returncode, error, ok_codes)
            if isinstance(output, int):
                return out
            output.seek(0)
            return output.read()
        finally:
            _close(output)

    return finish


def _temporary_files() -> tuple[IO[bytes], IO[bytes]] | None:
    import tempfile  # only when git is given input (blobs to read): a warm hook gives none

    try:
        first = tempfile.TemporaryFile()  # noqa: SIM115 - the caller closes both
    except OSError:
        return None
    try:
        return first, tempfile.TemporaryFile()
    except OSError:
        first.close()
        return None


def _close(file: IO[bytes] | int) -> None:
    if not isinstance(file, int):
        file.close()


@contextmanager
def stream(root: Path, *args: str, ok_codes: Sequence[int] = (0,)) -> Iterator[Iterator[bytes]]:
    """Git's stdout in blocks of at most MAX_LINE_BYTES, never held whole (`patch.split_patch`)."""
    with reading(spawn(root, args), args, ok_codes) as blocks:
        yield blocks


def spawn(
    root: Path,
    args: Sequence[str],
    stdin: IO[bytes] | int = subprocess.DEVNULL,
    stdout: IO[bytes] | int = subprocess.PIPE,
) -> subprocess.Popen[bytes]:
    """git started, its stderr piped (and its stdout, unless a file is given)."""
    try:
        return subprocess.Popen(
            [_git(), *_SAFE, *args],
            cwd=root,
            stdout=stdout,
            stderr=subprocess.PIPE,
            stdin=stdin,
            env=_env(),
            bufsize=0,  # unbuffered: each read is one `read(2)` of what the pipe holds
        )
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None


@contextmanager
def reading(
    process: subprocess.Popen[bytes], args: Sequence[str], ok_codes: Sequence[int] = (0,)
) -> Iterator[Iterator[bytes]]:
    assert process.stdout is not None and process.stderr is not None
    errors = process.stderr
    said: list[bytes] = []
    # HARDEN-E6: stderr is read while stdout is, or git blocks on a full stderr pipe (a
    # `.gitattributes` that makes it warn) while specflow waits for its output
    drain = threading.Thread(target=lambda: said.append(errors.read()), daemon=True)
    drain.start()
    try:
        yield _blocks(process.stdout, MAX_LINE_BYTES)
        # GIT-E8: a reader that stopped early must not leave git blocked on a full pipe.
        while process.stdout.read(1 << 16):
            pass
        code = process.wait()
        drain.join()
        _check(args, code, b"".join(said), ok_codes)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        drain.join()
        process.stdout.close()
        process.stderr.close()


def _blocks(pipe: IO[bytes], limit: int) -> Iterator[bytes]:
    """What `pipe` gives, `limit` bytes at a time (line by line costs more than the parse)."""
    return iter(lambda: pipe.read(limit), b"")


def _command(args: Sequence[str]) -> str:
    """The git command's name, past any leading `-c key=value` pairs."""
    index = 0
    while index < len(args) and args[index] == "-c":
        index += 2
    return args[index] if index < len(args) else "git"


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1].removeprefix("fatal: ").removeprefix("error: ") if lines else ""


def _git() -> str:
    found = which("git")
    if not found:
        raise GitUnusable(f"git is not installed or not on PATH; {NEEDS_GIT}")
    return found


def which(name: str) -> str | None:
    """`shutil.which(name)` for a name without a folder; on POSIX without importing shutil,
    which brings bz2 and lzma along: 2 ms of every hook."""
    if os.name != "posix":
        import shutil

        return shutil.which(name)
    path = os.environ.get("PATH")
    if path is None:
        try:
            path = os.confstr("CS_PATH")
        except (AttributeError, ValueError):
            path = os.defpath
    for folder in dict.fromkeys(path.split(os.pathsep)) if path else ():
        candidate = os.path.join(folder, name)
        if os.access(candidate, os.F_OK | os.X_OK) and not os.path.isdir(candidate):
            return candidate
    return None


def refuse_old_git() -> None:
    """After a failure only (no process on the hook's path): an old git says so (HARDEN-7)."""
    version = git_version(_git())
    if version is not None and version < MIN_GIT:
        shown = ".".join(map(str, version))
        raise GitUnusable(f"git {shown} is too old: {NEEDS_GIT} (found {_git()})")


@functools.lru_cache(maxsize=4)
def git_version(git: str) -> tuple[int, int, int] | None:
    """`git version 2.39.5 (Apple Git-143)` → (2, 39, 5); None when git does not say."""
    try:
        out = subprocess.run([git, "--version"], capture_output=True, env=_env()).stdout
    except OSError:
        return None
    found = re.match(rb"git version (\d+)\.(\d+)(?:\.(\d+))?", out)
    if not found:
        return None
    return int(found[1]), int(found[2]), int(found[3] or 0)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Never prompt (a hook has no terminal), never page, and no external diff program.
    env.update(GIT_TERMINAL_PROMPT="0", GIT_PAGER="cat", LC_ALL="C", GIT_OPTIONAL_LOCKS="0")
    for name in ("GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS"):  # HARDEN-2: `GIT_DIFF_OPTS` outranks -U
        env.pop(name, None)
    return env


def open_repo(cwd: Path) -> RepoInfo:
    """The repository around `cwd`, with a clear error when there is none or it is bare."""
    return start_open_repo(cwd)()


def start_open_repo(cwd: Path) -> Callable[[], RepoInfo]:
    """`open_repo`, begun now: git looks while the caller works."""
    # GIT-1: rev-parse finds the top from a sub-folder, and the common dir of a linked worktree;
    # one process answers all of it (HEAD is missing, exit 1, before the first commit).
    opening = _in_work_tree(
        cwd,
        lambda: start(
            cwd,
            "rev-parse",
            "--is-bare-repository",
            "--absolute-git-dir",
            "--git-common-dir",
            "--is-shallow-repository",
            "--show-toplevel",
            "--verify",
            "--quiet",
            "HEAD^{commit}",
            ok_codes=(0, 1),
        ),
    )
    return lambda: _repo_info(cwd, _in_work_tree(cwd, opening))


def _in_work_tree(cwd: Path, step: Callable[[], T]) -> T:
    """`step`, a git failure explained: no repository, a bare one, inside the .git folder."""
    try:
        return step()
    except (GitUnusable, UnsafeRepository):
        raise
    except GitError:
        raise _why_no_work_tree(cwd) from None


def _repo_info(cwd: Path, out: bytes) -> RepoInfo:
    # GIT-E4: folder names are bytes (not always UTF-8) and may end in a space.
    fields = [os.fsdecode(field) for field in out.split(b"\n")]
    _bare, git_dir, common_dir, shallow, top = fields[:5]
    head = fields[5] if len(fields) > 5 and fields[5] else None
    common = Path(common_dir) if os.path.isabs(common_dir) else (cwd / common_dir).resolve()
    return RepoInfo(Path(top), Path(git_dir), common, shallow == "true", head)


def _why_no_work_tree(cwd: Path) -> GitError:
    try:
        bare = run(cwd, "rev-parse", "--is-bare-repository").strip() == b"true"
    except (GitUnusable, UnsafeRepository) as exc:
        return exc
    except GitError:
        return NotARepository(f"not a git repository: {cwd} (run specflow inside one)")
    if bare:
        return GitError("this is a bare repository: specflow needs a work tree or a clone")
    return GitError(f"{cwd} is inside the .git folder: run specflow in the work tree")


def _refuse_unsafe(rev: str) -> None:
    """GIT-4: a revision that looks like an option; GIT-E12: one that is not one line (a NUL
    cannot reach git's argument list, and a line break is no revision)."""
    if rev.startswith("-"):
        raise GitError(f"refusing revision {rev!r}: it starts with '-'")
    if "\0" in rev or "\n" in rev or "\r" in rev:
        raise GitError(f"refusing revision {rev!r}: a revision is one line of text")


_OBJECT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # SHA-1 or SHA-256


def resolve(root: Path, rev: str) -> str | None:
    """A commit id for `rev`, or None; a revision that looks like an option is refused."""
    # GIT-4: `--end-of-options` too, so that nothing the user typed is ever read as an option.
    _refuse_unsafe(rev)
    verify = ("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    found = run(root, *verify, ok_codes=(0, 1, 128)).decode().strip()
    return found if _OBJECT_ID.fullmatch(found) else None  # GIT-E14: not `^B`, nor `B..C`'s two


def must_resolve(repo: RepoInfo, rev: str) -> str:
    found = resolve(repo.root, rev)
    if found:
        return found
    refuse_old_git()  # before 2.30, `rev-parse --end-of-options` resolves nothing
    if repo.head is None:
        raise GitError(
            f"unknown revision {rev!r}: the repository has no commits yet; commit first, or "
            "judge the index with `review`/`check --staged` (the work tree: --worktree)"
        )
    if kind := _object_kind(repo.root, rev):  # GIT-E13: a tree's or a blob's id
        raise GitError(f"{rev!r} is a {kind}, not a commit: give a commit, a branch or a tag")
    hint = f"; this is a shallow clone: {UNSHALLOW}" if repo.shallow else ""  # GIT-5
    raise GitError(f"unknown revision {rev!r}", hint=hint)


def _object_kind(root: Path, rev: str) -> str:
    """What `rev` (never an option: GIT-4) names, a tag peeled, when it is no commit, or ''."""
    kind = run(root, "cat-file", "-t", rev, ok_codes=(0, 128)).decode().strip()
    return _object_kind(root, f"{rev}^{{}}") if kind == "tag" else kind


def empty_tree(root: Path) -> str:
    """The empty tree's id, asked of git so that SHA-256 repositories work too."""
    return run(root, "hash-object", "-t", "tree", "--stdin", stdin=b"").decode().strip()


def parents(root: Path, commit: str) -> list[str]:
    out = run(root, "rev-list", "--parents", "-n", "1", commit, "--")
    return out.decode().split()[1:]


def is_shallow_boundary(repo: RepoInfo, commit: str) -> bool:
    shallow_file = repo.common_dir / "shallow"
    if not repo.shallow or not shallow_file.is_file():
        return False
    return commit in shallow_file.read_text().split()


def merge_base(repo: RepoInfo, left: str, right: str) -> str:
    out = run(repo.root, "merge-base", left, right, ok_codes=(0, 1))
    base = out.decode().split()
    if base:
        return base[0]
    hint = f" (this is a shallow clone: {UNSHALLOW})" if repo.shallow else ""
    raise GitError(f"{left[:12]} and {right[:12]} have no common ancestor", hint=hint)


def revision(
    repo: RepoInfo,
    rev: str | None,
    *,
    staged: bool = False,
    worktree: bool = False,
    tree_only: bool = False,
) -> Revision:
    """What the user typed, resolved: a commit, `A..B`, `A...B`, the index or the work tree
    (against HEAD, or the empty tree before the first commit): GIT-2, GIT-3; `tree_only`: a
    shallow clone's edge is fine when only the resulting tree is read (`report`, GIT-E10)."""
    if staged or worktree:
        if rev or (staged and worktree):  # GIT-E6
            raise GitError("give one of a revision, --staged or --worktree")
        mode: Mode = "staged" if staged else "worktree"
        # HOOK-6: against HEAD, so a merge being committed, clean or conflicted, is the change
        # it makes to the branch it lands on, as `check HEAD` judges the merge commit
        return Revision(f"--{mode}", mode, repo.head or empty_tree(repo.root))
    rev = rev or "HEAD"
    _refuse_unsafe(rev)
    for separator in ("...", ".."):
        if separator in rev:
            left, right = (side or "HEAD" for side in rev.split(separator, 1))
            if ".." in right:  # GIT-E14
                raise GitError(f"unknown revision {rev!r}: a range is A..B or A...B")
            head = must_resolve(repo, right)
            base = must_resolve(repo, left)
            if separator == "...":
                base = merge_base(repo, base, head)
            return Revision(rev, "range", base, head)
    commit = must_resolve(repo, rev)
    first_parents = parents(repo.root, commit)
    if not first_parents and not tree_only and is_shallow_boundary(repo, commit):
        raise GitError(
            f"{rev} is at the edge of a shallow clone: its parent is missing; {UNSHALLOW}"
        )
    base = first_parents[0] if first_parents else empty_tree(repo.root)
    return Revision(rev, "commit", base, commit)


def hooks_dir(root: Path) -> Path:
    """Where git looks for hooks: `core.hooksPath` if set, else the common dir's `hooks/`
    (a linked worktree shares the main one's). git answers relative to `root`."""
    out = os.fsdecode(run(root, "rev-parse", "--git-path", "hooks").removesuffix(b"\n"))
    return Path(os.path.normpath(root / out))
