"""REVIEW-E227: a Go package's unexported name (`clock_seq`, a `var`, `const`, `type` or `func`
declared at the top level) that a change renames throughout. Which renames its lines suggest,
and whether its changed files contradict them, or a file the change leaves alone: read only
when a changed Go line suggests a rename."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from specflow import gitio, gitread
from specflow.change import FileChange, Hunk, Line, Renames, Revision
from specflow.languages.goforms import PACKAGE_ANY, lex
from specflow.languages.tokens import runs
from specflow.pipeline import start_sources  # which loads this module lazily, for check

_NAME = re.compile(r"[a-z_]\w*\Z")  # unexported: not visible outside its package
_DECLARES = re.compile(r"(?:var|const|type|func)[ \t]+(\w+)")
_GROUP = re.compile(r"(?:var|const)[ \t]*\(")
_SPECIAL = frozenset({"init", "main", "_"})
MAX_LINES = 20_000  # a larger change is not read for renames

Texts = tuple[bytes | None, bytes | None]


def candidates(files: Sequence[FileChange], sides: Mapping[str, Texts]) -> dict[str, str]:
    """Old name to new: each top-level declaration of an unexported name that a changed line
    of a Go file rewrites under another unexported name alone, each renamed one way."""
    go = [file for file in files if file.path.endswith(".go")]
    if sum(len(h.added) + len(h.removed) for file in go for h in file.hunks) > MAX_LINES:
        return {}
    pairs: dict[str, set[str]] = {}
    for file in go:
        before = _text(sides.get(file.path, (None, None))[0]).split("\n")
        for hunk in file.hunks:
            for old, new in _renamed_lines(hunk, before):
                pairs.setdefault(old, set()).add(new)
    found = {old: next(iter(news)) for old, news in pairs.items() if len(news) == 1}
    targets = list(found.values())
    return {old: new for old, new in found.items() if targets.count(new) == 1}


def _renamed_lines(hunk: Hunk, before: Sequence[str]) -> Iterable[tuple[str, str]]:
    for removed, added in runs(hunk):
        if len(removed) != len(added):
            continue
        for old_line, new_line in zip(removed, added, strict=True):
            renamed = _one_rename(old_line.text, new_line.text)
            if renamed and _declared_at_top(old_line, renamed[0], before):
                yield renamed


def _one_rename(old: str, new: str) -> tuple[str, str] | None:
    """(old, new) when the lines' tokens differ only where one unexported name is another."""
    before, after = lex(old), lex(new)
    if len(before) != len(after):
        return None
    differ = {(a, b) for a, b in zip(before, after, strict=True) if a != b}
    if len(differ) != 1:
        return None
    pair = next(iter(differ))
    named = all(_NAME.match(name) and name not in _SPECIAL for name in pair)
    return pair if named else None


def _declared_at_top(line: Line, name: str, before: Sequence[str]) -> bool:
    """The line declares `name` at the top level: `var name`, `func name(`, or in a `var (` or
    `const (` group (a field of a struct is no declaration of the package's)."""
    declared = _DECLARES.match(line.text)
    if declared:
        return declared[1] == name
    if not line.text.startswith("\t") or line.text.startswith("\t\t"):
        return False
    if lex(line.text)[:1] != [name]:
        return False
    for number in range(line.number - 2, -1, -1):
        if number < len(before) and before[number][:1] not in ("\t", ""):
            return bool(_GROUP.match(before[number]))
    return False


def contradicted(
    renames: Mapping[str, str], files: Sequence[FileChange], sides: Mapping[str, Texts]
) -> dict[str, str]:
    """The renames that no changed file contradicts: no file spells an old name afterwards
    or a new one before, and no file but Go's spells either (a script, a document)."""
    kept = dict(renames)
    for file in files:
        old, new = (_text(text) for text in sides.get(file.path, (None, None)))
        for name, renamed in list(kept.items()):
            go = file.path.endswith(".go")
            spelled = _spells(new, name) or _spells(old, renamed)
            if spelled or (not go and (_spells(old, name) or _spells(new, renamed))):
                del kept[name]
    return kept


def _spells(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", text) is not None


def _text(raw: bytes | None) -> str:
    return raw.decode("utf-8", "replace") if raw is not None else ""


def go_renames(
    repo: gitio.RepoInfo,
    revision: Revision,
    files: Sequence[FileChange],
    known: Mapping[str, Texts],
    specs: Sequence[str],
) -> Renames:
    """The package's unexported names the change renames throughout, old to new: none that a
    changed file contradicts (`known`: both sides of some changed files, whole; the others are
    read), nor that a file the change leaves alone spells, old or new (the specs apart); and
    whether the package of a file that respells `interface{}` declares `any` (REVIEW-E257)."""
    own_any = _own_any(repo, revision, files)
    found = candidates(files, known)
    if not found:
        return Renames(own_any=own_any)
    unread = [file for file in files if file.path not in known]
    sides = {**known, **start_sources(repo, revision, unread)()} if unread else known
    renames = contradicted(found, files, sides)
    names = [*renames, *renames.values()]
    if names and gitread.files_spelling(repo.root, names, revision, specs) - {
        f.path for f in files
    }:
        return Renames(own_any=own_any)
    return Renames(renames, own_any)


def _own_any(repo: gitio.RepoInfo, revision: Revision, files: Sequence[FileChange]) -> bool:
    """REVIEW-E257: whether a changed Go line spells `any` or `interface` and the package it
    lies in (its folder's Go files) declares a name `any` at the top level."""
    folders = {
        (file.path.rpartition("/")[0] or ".") + "/*.go"
        for file in files
        if file.path.endswith(".go") and _respells_any(file.hunks)
    }
    if not folders:
        return False
    where = sorted(folders)
    return bool(gitread.files_spelling(repo.root, [PACKAGE_ANY], revision, (), where, True))


def _respells_any(hunks: Sequence[Hunk]) -> bool:
    return any(
        "any" in lex(line.text) or "interface" in line.text
        for hunk in hunks
        for line in (*hunk.removed, *hunk.added)
    )
