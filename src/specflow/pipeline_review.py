"""The review's half of the pipeline: from a Snapshot, its pure stages, apart from the check
that the hook runs (pipeline.py).

Snapshot ── link ───▶ Links          ── ripple ─▶ Ripples
         ── review ─▶ Review (plain data for the templates)
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from specflow import gitio, gitread
from specflow.affected import scope_index
from specflow.armrows import arm_rows
from specflow.change import WORK_TREE, FileChange, Renames, Revision
from specflow.confidence import rarity, wanted_words
from specflow.config import load_config
from specflow.errors import SpecflowError
from specflow.forked import in_halves
from specflow.globs import BLOCK_COMMENTS, matches
from specflow.identifiers import imported_lines
from specflow.keyrows import key_rows
from specflow.languages.defining import defined_lines
from specflow.languages.pylayout import Layout, layout, owner_at, prose_changed
from specflow.link import Corpus
from specflow.linkrows import (
    comment_rows,
    enclosing_rows,
    governed_rows,
    heading_rows,
)
from specflow.model import headline
from specflow.ownedrows import (
    foreign_common_demoted,
    named_elsewhere_dropped,
    others_attributes_demoted,
)
from specflow.pipeline import (
    CheckResult,
    Snapshot,
    check_of,
    grep_references,
    snapshot,
    start_sources,
)
from specflow.raisedrows import raised_rows
from specflow.refs import path_of
from specflow.renames import change_renames
from specflow.review import Linking, build
from specflow.ripple import chosen_rows, in_code, ripples, uses, without_prose
from specflow.ripplerows import reach_rows, reader_rows, written_rows
from specflow.said import accounts_by_path, added_test_names
from specflow.specset import changed_specs, read_disk_specs, spec_globs
from specflow.spellings import foreign_modules
from specflow.testcode import changed_sides, placed_in_tests, unit_test_hunks
from specflow.touches import (
    Found,
    changed_functions,
    changed_symbols,
    symbols_found,
    untested_functions,
)

if TYPE_CHECKING:
    from specflow.braces import Code
    from specflow.context import NameContext, PathContext
    from specflow.languages.base import FileFacts, Symbol
    from specflow.link import Link, LinkRow
    from specflow.refs import Reference
    from specflow.review import Review
    from specflow.ripple import Ripple
    from specflow.usekind import Use


USES_PER_NAME = 12  # untouched places classified per ripple name: a review shows the first few


def review(repo: gitio.RepoInfo, revision: Revision, *, show_all: bool = False) -> Review:
    """The review checklist of `revision`: the snapshot, links, ripples and untested changes;
    the strongest questions only, unless `show_all` (REVIEW-17)."""
    with collector_paused():
        return review_of(repo, snapshot(repo, revision), show_all)


def verdict(
    repo: gitio.RepoInfo, revision: Revision, message: str | None = None, show_all: bool = False
) -> tuple[Review, CheckResult]:
    """Review and check of `revision` from one snapshot: the PR comment and the CI summary."""
    extra = (message,) if message else ()
    with collector_paused():
        snap = snapshot(repo, revision, extra_messages=extra)
        return review_of(repo, snap, show_all), check_of(repo, snap)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off while a review is built (and rendered): its lines, syntax trees
    and results hold no cycles, and millions of them would set it off thousands of times."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def review_of(repo: gitio.RepoInfo, snap: Snapshot, show_all: bool = False) -> Review:
    revision, change, config = snap.revision, snap.change, snap.config
    reading = start_sources(repo, revision, change.files)  # git reads while the corpus is built
    scoped = scope_index(snap.specs, change)
    corpus = _corpus(snap, scoped)  # built once, before a fork: a child shares it
    sources = reading()
    code = changed_sides(sources, config.test_globs)  # REVIEW-E75: Rust's unit tests
    in_tests, tests = partial(placed_in_tests, code), unit_test_hunks(change.files, code)
    parts = _parts(repo, snap, corpus, scoped, sources, tests)
    # a test's writes are its own fixtures: no ripple, and no name to search for
    symbols = [
        symbol
        for symbol in changed_symbols(found for (found, _), _ in parts)
        if not matches(symbol.path, config.test_globs) and not in_tests(symbol)
    ]
    facts = {path: found for (_, part), _ in parts for path, found in part.items()}
    enclosing = {path: found.enclosing for path, found in facts.items()}
    # each stage's rows in the order of the files, as if the change were one part
    stages = zip(*(rows for _, rows in parts), strict=True)
    rows = [row for stage in stages for part in stage for row in part]
    rows += written_rows(corpus, change.files, symbols, scoped)
    rows = foreign_common_demoted(corpus, rows, change.files, scoped)  # REVIEW-E213, -E381
    rows = others_attributes_demoted(corpus, rows, change.files, enclosing, scoped)  # -E414
    rows = named_elsewhere_dropped(corpus, rows, change.files)  # REVIEW-E388
    links = corpus.links(change.files, rows, scoped, enclosing)
    excludes = (*spec_globs(config), *config.exclude)
    rarity_of = _start_rarity(repo, revision, links, excludes, config.test_globs)
    found, rippled = _rippled(repo, snap, symbols, excludes)
    reached = reach_rows(corpus, change.files, rippled, snap.references, sources)
    reached += reader_rows(corpus, change.files, rippled, scoped)  # REVIEW-E168
    links += corpus.links(change.files, reached, scoped)
    rare, rare_in_code = rarity_of()
    linking = Linking(
        links,
        {path: found.noop for path, found in facts.items()},
        enclosing,
        rare,
        None if show_all else config.max_questions,
        {path: found.unsure for path, found in facts.items() if found.unsure},
        tests,
        {path: found.shown for path, found in facts.items() if found.shown},  # REVIEW-E166
        rare_in_code,
    )
    changed = [f for f in changed_functions(found for (found, _), _ in parts) if not in_tests(f)]
    untested = untested_functions(changed, found, config.test_globs)
    return build(snap, linking, scoped, rippled, symbols, untested)


def _corpus(snap: Snapshot, scoped: Mapping[str, frozenset[str]]) -> Corpus:
    """The specs' statements, with the change's account of what it alters: its messages and
    its new tests' names, each file's own in a range (REVIEW-E402)."""
    change = snap.change
    test_names = added_test_names(change, snap.config.test_globs, scoped)
    said = (*change.messages, *(name for _, name in test_names))
    return Corpus(snap.specs, said, accounts_by_path(change, test_names))


def _parts(
    repo: gitio.RepoInfo,
    snap: Snapshot,
    corpus: Corpus,
    scoped: Mapping[str, frozenset[str]],
    sources: dict[str, tuple[bytes | None, bytes | None]],
    tests: Set[int],
) -> list[tuple[tuple[Found, dict[str, FileFacts]], tuple[list[LinkRow], ...]]]:
    """`_names_and_links` of the change's files, in two processes, each with about half of
    the changed lines (REVIEW-14)."""
    change, config = snap.change, snap.config
    spec_paths = changed_specs(change, snap.specs, snap.base_specs)
    renames = change_renames(repo, snap.revision, change.files, sources, spec_globs(config))
    work = partial(
        _names_and_links,
        sources=sources,
        corpus=corpus,
        skip=spec_paths,
        renames=renames,
        scoped=scoped,
        headings=(snap.references, (*spec_paths, *config.test_globs), tests),
    )
    weights = [sum(len(h.added) + len(h.removed) for h in f.hunks) for f in change.files]
    return in_halves(work, list(enumerate(change.files)), weights)


def _rippled(
    repo: gitio.RepoInfo, snap: Snapshot, symbols: Sequence[Symbol], excludes: tuple[str, ...]
) -> tuple[dict[str, list[Use]], list[Ripple]]:
    """The uses of the changed names outside the change, and the ripples they make."""
    change, test_globs = snap.change, snap.config.test_globs
    found, bases = _uses(
        repo,
        snap.revision,
        sorted({symbol.name for symbol in symbols}),
        excludes,
        limit=USES_PER_NAME,
        skip=[f for f in change.files if not matches(f.path, test_globs)],
        test_globs=test_globs,
    )
    return found, ripples(symbols, found, change, test_globs, bases)


MAX_FUNCTION_FILES = 1000  # searched by name: past this, the whole tree is searched again


def _uses(
    repo: gitio.RepoInfo,
    revision: Revision,
    names: Sequence[str],
    excludes: Sequence[str],
    *,
    limit: int | None = None,
    skip: Sequence[FileChange] = (),
    test_globs: tuple[str, ...] = (),
    exact: bool = False,
) -> tuple[dict[str, list[Use]], dict[str, tuple[str, ...]]]:
    """The places that use `names` in the resulting tree of `revision`, at most about `limit`
    each (SPEED-12): git's rows read as it writes them, then the functions around the rows
    kept asked of their files alone (`git grep -p` over the whole tree would take git twice as
    long, for the few rows a review keeps). And the bases of the classes of the Python files
    that hold them (REVIEW-E25). `exact` (`context`'s): a name a trailing comment alone holds
    is no use (ASSIST-E7), and a use is in the definition that spans it (ASSIST-E6)."""
    wanted = set(names)
    search = gitread.grep_args(names, revision, excludes, words=True, functions=True, headers=False)
    with gitread.stream_grep(repo.root, search) as blocks:  # read while git searches on
        chosen = chosen_rows(
            blocks, revision.tree, wanted, limit=limit, skip=skip, test_globs=test_globs
        )
    raw_paths = list(dict.fromkeys(row.raw_path for row in chosen))
    reading = _start_sources(repo, revision, raw_paths)  # git reads them while it searches
    paths = [path_of(raw) for raw in raw_paths]
    around = gitread.grep_args(
        names,
        revision,
        excludes,
        words=True,
        functions=True,
        paths=paths if len(paths) <= MAX_FUNCTION_FILES else None,
    )
    found = gitread.grep(repo.root, around) if paths else None
    sources = reading()
    codes = {raw: code for raw, source in sources if (code := code_lines(path_of(raw), source))}
    layouts = {raw: layout(source) for raw, source in sources if raw not in codes}
    prose = {raw: each.prose for raw, each in layouts.items()}
    by_path = {path_of(raw): each for raw, each in layouts.items()}
    bases = {name: of for each in layouts.values() for name, of in each.bases.items()}
    chosen = in_code(without_prose(chosen, prose, comments=exact), codes)
    by_name = uses(chosen, [found] if found is not None else [], revision.tree, wanted)
    if exact:
        from specflow.context import scoped  # off the review's path

        by_name = scoped(by_name, sources, prose, codes)
    return {
        name: [_owned(use, name, by_path.get(use.path)) for use in each]
        for name, each in by_name.items()
    }, bases


def _owned(use: Use, name: str, file: Layout | None) -> Use:
    """The use with the class around it (REVIEW-E21), whether its file defines the name at its
    top level or imports it, and a line of an import as an import (REVIEW-E22), where its file
    was read (`file`)."""
    if file is None:
        return use
    return replace(
        use,
        use="import" if use.line in file.import_lines else use.use,
        owner=owner_at(file.classes, use.line),
        function="" if use.line in file.module else use.function,
        defined_here=name in file.defined,
        imported_here=name in file.imported,
    )


def _start_sources(
    repo: gitio.RepoInfo, revision: Revision, raw_paths: Sequence[bytes]
) -> Callable[[], list[tuple[bytes, bytes]]]:
    """The Python files among `raw_paths` as they are in the resulting tree (the work tree's
    from disk), for the lines their strings hold (REVIEW-E18); and those in a language with
    block comments, for the lines that are code (REVIEW-E48)."""
    read = [raw for raw in raw_paths if path_of(raw).endswith((".py", ".pyi", *BLOCK_COMMENTS))]
    if revision.mode == "worktree":
        return lambda: [
            (raw, source) for raw in read if (source := gitread.work_tree_file(repo, path_of(raw)))
        ]
    prefix = f"{revision.tree}:" if revision.tree else ":"
    reading = gitread.start_blobs(repo.root, [prefix + path_of(raw) for raw in read])
    return lambda: [(raw, source) for raw, source in zip(read, reading(), strict=True) if source]


def code_lines(path: str, source: bytes) -> Code | None:
    """REVIEW-E48, REVIEW-E50, REVIEW-E92: the lines of a file in a language with block comments
    as code (`braces.masked`), those that declare an interface's members, and the names its
    lines define without a `{` on them; None for another."""
    if not path.lower().endswith(BLOCK_COMMENTS):
        return None
    from specflow.braces import Code, masked, member_lines  # SPEED-9: off a Python hook's path

    masks = masked(path, source.decode("utf-8", "replace"))
    lines = masks.code.split("\n") if masks else []
    return Code(lines, member_lines(masks.code), defined_lines(path, lines)) if masks else None


def _start_rarity(
    repo: gitio.RepoInfo,
    revision: Revision,
    links: Sequence[Link],
    excludes: Sequence[str],
    tests: tuple[str, ...],
) -> Callable[[], tuple[dict[str, float], dict[str, float]]]:
    """How rare in the resulting tree each word is that the links' confidence needs
    (REVIEW-15), and in its code without the tests (REVIEW-E236): searched while the ripples
    are."""
    wanted = wanted_words(links)
    if not wanted:
        return lambda: ({}, {})
    counting = gitread.start_file_counts(repo.root, wanted, revision, excludes, apart=tests)

    def finish() -> tuple[dict[str, float], dict[str, float]]:
        found = counting()
        return rarity(found.counts, found.files), rarity(found.outside, found.outside_files)

    return finish


def _names_and_links(
    files: Sequence[tuple[int, FileChange]],
    *,
    sources: dict[str, tuple[bytes | None, bytes | None]],
    corpus: Corpus,
    skip: Sequence[str],
    scoped: Mapping[str, frozenset[str]],
    renames: Renames,
    headings: tuple[Sequence[Reference], tuple[str, ...], Set[int]],
) -> tuple[tuple[Found, dict[str, FileFacts]], tuple[list[LinkRow], ...]]:
    """The stages of a review that read every changed line, for some of the files (each with
    its index in the change): which statements their hunks concern, what they write (from both
    sides of each file, in `sources`), and the links of what lies around them, each stage's
    rows apart. `headings`: the references, the paths no heading links, the test hunks."""
    imported = {
        file.path: imported_lines(file.hunks, *sources.get(file.path, (None, None)))
        | prose_changed(file.hunks, *sources.get(file.path, (None, None)))  # REVIEW-E335
        for _, file in files
        if file.path.endswith((".py", ".pyi"))
    }
    if go := [file for _, file in files if file.path.endswith(".go")]:
        from specflow.languages.golocals import realigned  # off the other languages' path

        imported |= {file.path: realigned(file.hunks) for file in go}  # REVIEW-E227
    foreign = {  # REVIEW-E221
        file.path: foreign_modules(sources.get(file.path, (None, None)))
        for _, file in files
        if file.path.endswith((".py", ".pyi"))
    }
    rows = corpus.rows(files, skip, scoped, imported, foreign)
    found, facts = symbols_found([file for _, file in files], sources, renames)
    enclosing = {path: each.enclosing for path, each in facts.items()}
    above = {path: each.above for path, each in facts.items()}
    governed = {path: each.governed for path, each in facts.items()}
    references, unheaded, tests = headings
    return (found, facts), (
        rows,
        enclosing_rows(corpus, files, enclosing, skip, scoped),
        comment_rows(corpus, files, above, skip),
        governed_rows(corpus, files, governed, skip, scoped, sources),
        heading_rows(corpus, files, references, unheaded, sources, tests),
        arm_rows(corpus, files, sources, skip, scoped),  # REVIEW-E212
        raised_rows(corpus, files, enclosing, sources, skip, scoped),  # REVIEW-E298
        key_rows(corpus, files, skip, scoped),  # REVIEW-E299
    )


def context(repo: gitio.RepoInfo, target: str, cwd: Path) -> NameContext | PathContext:
    """Where a name is defined, written, read and called, or what a file defines and who uses
    it; with the specs that govern those places. Reads the work tree."""
    # `specflow context` alone: the hook's questions (HOOK-14) load none of context.py
    from specflow.context import (
        PathContext,
        as_repo_path,
        defined_names,
        governing,
        name_context,
        qualified,
    )

    if not target.strip():  # REVIEW-E4, for the CLI and the MCP tool alike
        raise SpecflowError("context of nothing: give a name (password_hash) or a file path")
    if any(c in target for c in "\0\n\r"):  # REVIEW-E4: `git grep` would split it, or fail
        raise SpecflowError(f"context of {target!r}: a name or a path is one line of text")
    if (cwd / target).is_dir():
        raise SpecflowError(f"{target} is a folder: give one of its files, or a name")

    config = load_config(repo.root)
    specs = read_disk_specs(config)
    found = grep_references(repo, config, WORK_TREE, specs)
    excludes = (*spec_globs(config), *config.exclude)
    path = as_repo_path(repo.root, cwd, target)
    if path is None:
        name, owner = qualified(target)
        by_name, _ = _uses(repo, WORK_TREE, [name], excludes, exact=True)
        return name_context(target, by_name.get(name, []), specs, found, owner)
    names = defined_names(path, (repo.root / path).read_bytes())
    by_name, _ = _uses(repo, WORK_TREE, names, excludes, exact=True)
    contexts = tuple(name_context(n, by_name.get(n, []), specs, found) for n in names[:MAX_NAMES])
    return PathContext(path, tuple(names), contexts, governing([path], specs, found))


MAX_NAMES = 20


def hook_questions(review: Review, count: int) -> tuple[str, ...]:
    """The `count` strongest questions of a review, one line each. The one place the hook
    takes its questions from: re-point it when the review ranks them otherwise."""
    return tuple(
        f"{q.path}: {q.statement.label}: {headline(q.statement.text)}"
        for q in review.questions[:count]
    )
