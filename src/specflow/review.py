"""The review checklist as plain data: built once, rendered by templates. Pure.

The linking and ripple stages run before `build`, and what `check` shares with the review is in
affected.py, so that the commit hooks import neither (SPEED-3)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from specflow.acts import Act, class_kind, evidence, named_first, shown_acts
from specflow.affected import added_references, affected
from specflow.budget import Cut, Ranked, cut_of, unsure_once, within
from specflow.change import Change, FileChange, Hunk, Revision
from specflow.confidence import (
    MIN_CONFIDENCE,
    commonly_written,
    confidence,
    explicit,
    governed_hunks,
    ranking_words,
    standing,
)
from specflow.globs import is_code, matches
from specflow.identifiers import hunk_text
from specflow.linkmatch import EVIDENCE, IDENTIFIER
from specflow.literals import keys_written
from specflow.refs import Reference, by_id
from specflow.specreview import SpecReview, deleted, spec_review
from specflow.specset import changed_specs
from specflow.words import word_set

if TYPE_CHECKING:
    from specflow.languages.base import Symbol
    from specflow.link import Link, Statement
    from specflow.pipeline import Snapshot
    from specflow.ripple import Ripple


@dataclass(frozen=True)
class Question:
    """One statement asked of one file's hunks (REVIEW-5, REVIEW-15): what they do, the
    strongest evidence that they concern it, and how sure that is (0 to 1)."""

    statement: Statement
    path: str
    hunks: tuple[Hunk, ...]
    acts: tuple[Act, ...]
    evidence: str  # reference | identifier | identifier-part | words
    names: tuple[str, ...]  # the IDs or identifiers that are the evidence
    words: tuple[str, ...]
    confidence: float
    affected: bool  # the statement's spec is affected by the change
    # REVIEW-E28: the hunks only rewrite `%` formats, the same if each value holds what it
    # expects: (`opaque`, "holds no tuple")
    assumes: tuple[tuple[str, str], ...] = ()
    # REVIEW-E101: of `words`, those no hunk holds: the change's messages and new tests' names
    said: tuple[str, ...] = ()
    referenced: bool = False  # REVIEW-E293: the file already references the statement's ID


@dataclass(frozen=True)
class Review:
    revision: Revision
    files: tuple[FileChange, ...]
    messages: tuple[str, ...]
    specs: tuple[SpecReview, ...]
    ripples: tuple[Ripple, ...]
    untested: tuple[Symbol, ...]
    unlinked: tuple[Hunk, ...]
    spec_count: int
    # The strongest questions, strongest first (REVIEW-17), and how many weaker ones are not
    # shown; the code files whose every hunk changes no behaviour (REVIEW-16).
    questions: tuple[Question, ...] = ()
    not_shown: int = 0
    noop_files: tuple[str, ...] = ()
    unasked: tuple[Unasked, ...] = ()
    cut: Cut | None = None  # REVIEW-E347: why the weaker questions are not shown
    later: LaterSpecs | None = None  # REVIEW-E390


class LaterSpecs(NamedTuple):
    """REVIEW-E390: the specs HEAD holds when the reviewed revision holds none: how many, HEAD's
    commit, and the paths to bring onto a replay of the reviewed commit (`specs specflow.toml`)."""

    total: int
    commit: str
    paths: str


@dataclass(frozen=True)
class Unasked:
    """REVIEW-E71: a hunk of code in the scope of `specs` that no question asks about:
    a behaviour the specs may need a line for (the cookie trial's new `Partitioned` attribute)."""

    hunk: Hunk
    specs: tuple[str, ...]


class Linking(NamedTuple):
    """What the linking stage found: the links, each path's hunks that change nothing and the
    definitions around each hunk (by its index), the rarity of the words the links need, how
    many questions to show (None: all), and the hunks the same only if their `%` formats get
    what they expect (REVIEW-E28)."""

    links: Sequence[Link]
    noops: Mapping[str, Set[int]]
    enclosing: Mapping[str, Mapping[int, tuple[str, ...]]]
    rarity: Mapping[str, float]
    budget: int | None
    unsure: Mapping[str, Mapping[int, tuple[tuple[str, str], ...]]] = {}  # REVIEW-E28
    tests: Set[int] = frozenset()  # REVIEW-E75: the ids of the hunks of test code in code files
    # REVIEW-E166: what each hunk adds or changes, as shown: (verb, name, kind) by path and index
    shown: Mapping[str, Mapping[int, tuple[tuple[str, str, str], ...]]] = {}
    # REVIEW-E236: how rare each word is in the code without its tests, for the names a link has
    rarity_in_code: Mapping[str, float] = {}


def build(
    snap: Snapshot,
    linking: Linking,
    scoped: Mapping[str, frozenset[str]],
    ripples: Sequence[Ripple],
    symbols: Sequence[Symbol],
    untested: Sequence[Symbol],
) -> Review:
    """The checklist of `snap` from the stages' results: `linking` from link.py and noop.py,
    `scoped` from affected.scope_index, the ripples and the untested functions from ripple.py."""
    specs, base_specs, change = snap.specs, snap.base_specs, snap.change
    specs_dir, test_globs = snap.config.spec_dirs, snap.config.test_globs
    spec_paths = changed_specs(change, specs, base_specs)
    added = added_references(change, specs, specs_dir, snap.message_references)
    reasons = affected(specs, change, added, specs_dir, scoped, base_specs)
    silent = {
        id(file.hunks[index]) for file in change.files for index in linking.noops.get(file.path, ())
    }
    asked = _questions(
        linking,
        silent,
        symbols,
        reasons,
        test_globs,
        _agreed(ripples),
        (_by_hunk(change, linking.enclosing), _described(change, linking)),
        _written(change, spec_paths),
        (_by_hunk(change, linking.unsure), scoped),
    )
    changed = Changed(ripples, untested, silent, reasons, spec_paths)
    return _review(snap, linking, scoped, asked, changed)


class Changed(NamedTuple):
    """What the review says beside its questions: the ripples, the untested functions, the
    hunks (by `id`) that change no behaviour, why each affected spec is, the specs changed."""

    ripples: Sequence[Ripple]
    untested: Sequence[Symbol]
    silent: Set[int]
    reasons: Mapping[str, list[str]]
    spec_paths: Sequence[str]


def _review(
    snap: Snapshot,
    linking: Linking,
    scoped: Mapping[str, frozenset[str]],
    asked: Asked,
    changed: Changed,
) -> Review:
    """The review from the questions asked and what else is said of the change."""
    specs, base_specs, change, silent = snap.specs, snap.base_specs, snap.change, changed.silent
    where = by_id([*snap.references, *snap.message_references])
    reviews = tuple(
        spec_review(spec, changed.reasons[spec.id], base_specs, where, asked.touched)
        for spec in specs.specs
        if spec.id in changed.reasons
    ) + deleted(specs, base_specs, where)
    loose = [
        (file.path, hunk)
        for file in change.files
        if file.path not in changed.spec_paths
        for hunk in file.hunks
        if id(hunk) not in asked.hunks and id(hunk) not in silent
    ]
    return Review(
        change.revision,
        change.files,
        change.messages,
        reviews,
        tuple(changed.ripples),
        tuple(changed.untested),
        # REVIEW-8: the hunks linked to no spec, but the spec system's own (REVIEW-E389)
        tuple(h for path, h in loose if not scoped[path] and not snap.config.spec_system(path)),
        len(specs.specs) + sum(review.deleted for review in reviews),
        tuple(_referenced(question, where) for question in asked.shown),
        asked.total - len(asked.shown),
        tuple(
            f.path
            for f in change.files
            if f.hunks and len(linking.noops.get(f.path, ())) == len(f.hunks)
        ),
        _unasked(loose, scoped, snap.config.test_globs, linking.tests),
        asked.cut,
    )


Value = TypeVar("Value")


def _by_hunk(change: Change, table: Mapping[str, Mapping[int, Value]]) -> dict[int, Value]:
    """A table of each path's hunks by index, keyed by the hunks' ids instead."""
    return {
        id(file.hunks[index]): value
        for file in change.files
        for index, value in table.get(file.path, {}).items()
    }


def _described(change: Change, linking: Linking) -> dict[int, tuple[Act, ...]]:
    """REVIEW-E166: what each hunk adds or changes, as shown (display only: links read
    `enclosing`)."""
    shown = _by_hunk(change, linking.shown)
    return {
        hunk: tuple(Act(verb, name, kind=class_kind(kind)) for verb, name, kind in acts)
        for hunk, acts in shown.items()
    }


def _agreed(ripples: Sequence[Ripple]) -> set[str]:
    """The names settled ripples write, and their producers': the format question is answered."""
    return {
        name
        for r in ripples
        if r.settled
        for name in (r.symbol.name, *(p.rsplit(".", 1)[-1] for p in r.symbol.producers))
    }


def _written(change: Change, spec_paths: Collection[str]) -> set[tuple[str, int]]:
    """REVIEW-20: the lines the change writes into its specs, by path."""
    return {
        (file.path, line.number)
        for file in change.files
        if file.path in spec_paths
        for line in file.added_lines()
    }


def _unasked(
    loose: Sequence[tuple[str, Hunk]],
    scoped: Mapping[str, frozenset[str]],
    test_globs: tuple[str, ...],
    tests: Set[int],
) -> tuple[Unasked, ...]:
    """REVIEW-E71: code a spec governs that no question asks about, tests left out (REVIEW-E75:
    Rust's unit tests too)."""
    return tuple(
        Unasked(hunk, tuple(sorted(scoped[path])))
        for path, hunk in loose
        if scoped[path]
        and is_code(path)
        and not matches(path, test_globs)
        and id(hunk) not in tests
    )


class Asked(NamedTuple):
    """The questions shown, how many were asked in all, and what all of them touch."""

    shown: tuple[Question, ...]
    total: int
    touched: frozenset[str]
    hunks: frozenset[int]  # ids of the hunks some question lists
    cut: Cut | None = None  # REVIEW-E347


def _questions(
    linking: Linking,
    silent: Set[int],
    symbols: Sequence[Symbol],
    reasons: Mapping[str, list[str]],
    test_globs: tuple[str, ...],
    settled: Set[str],
    places: tuple[Mapping[int, tuple[str, ...]], Mapping[int, tuple[Act, ...]]],
    written: Set[tuple[str, int]],
    unsure_scoped: tuple[Mapping[int, tuple[tuple[str, str], ...]], Mapping[str, Set[str]]],
) -> Asked:
    """Every question worth asking, one per statement and file, ranked; only the shown ones
    are built (a large change has thousands). Among those equally sure, a statement the change
    writes into its spec (`written`: spec path and line) comes first (REVIEW-20). A file's
    hunks that only rewrite `%` formats (`assumed`) ask once (REVIEW-E28). `places`: the
    definitions around each hunk, and what it does to them as shown (REVIEW-E166)."""
    assumed, scoped = unsure_scoped
    grouped, shown_of = _grouped(linking, silent, symbols, test_globs, settled, places)
    ranked = _ranked(grouped, linking.rarity, reasons, written, assumed)
    ranked, held = unsure_once(ranked, assumed)
    unsure = {id(pair) for pair in ranked if pair[0][0]}
    # REVIEW-E291: a file no spec governs does not set the cut for the files specs govern
    unowned = {id(pair) for pair in ranked if not scoped.get(pair[1][1].hunk.path)}
    shown = ranked if linking.budget is None else within(ranked, linking.budget, unsure, unowned)
    return Asked(
        tuple(
            _question(sure, best, found, shown_of, reasons, assumed, held)
            for _, (sure, best, found) in shown
        ),
        len(ranked),
        frozenset(
            link.statement.id
            for _, (_, _, found) in ranked
            for _, link in found
            if link.statement.id
        ),
        frozenset(id(link.hunk) for _, (_, _, found) in ranked for _, link in found),
        None
        if linking.budget is None
        else cut_of(ranked, len(shown), linking.budget, unsure, unowned),
    )


Found = list[tuple[float, "Link"]]


def _grouped(
    linking: Linking,
    silent: Set[int],
    symbols: Sequence[Symbol],
    test_globs: tuple[str, ...],
    settled: Set[str],
    places: tuple[Mapping[int, tuple[str, ...]], Mapping[int, tuple[Act, ...]]],
) -> tuple[dict[tuple[str, int, str], Found], dict[int, tuple[Act, ...]]]:
    """The links sure enough to ask, with their confidence, by statement and file; and what each
    hunk does as shown (REVIEW-E166)."""
    around, described = places
    in_file: dict[str, list[Symbol]] = {}
    for symbol in symbols:
        in_file.setdefault(symbol.path, []).append(symbol)
    acts_of: dict[int, tuple[Act, ...]] = {}
    shown_of: dict[int, tuple[Act, ...]] = {}
    keys_of: dict[int, frozenset[str]] = {}
    tests: dict[str, bool] = {}
    grouped: dict[tuple[str, int, str], Found] = {}
    ruled = governed_hunks(linking.links)  # REVIEW-E242
    for link in linking.links:
        hunk = link.hunk
        if id(hunk) in silent:
            continue
        acts = acts_of.get(id(hunk))
        enclosing = around.get(id(hunk))
        if acts is None:
            acts = acts_of[id(hunk)] = evidence(hunk, in_file.get(hunk.path, ()), enclosing)
            shown_of[id(hunk)] = shown_acts(acts, described.get(id(hunk)))
        test = tests.get(hunk.path)
        if test is None:
            test = tests[hunk.path] = matches(hunk.path, test_globs)
        touched = {act.name for act in acts}
        acted = {a.name for a in acts if a.verb != "changes" and not (a.local or a.entry)}
        keys = keys_of.get(id(hunk)) if link.evidence == IDENTIFIER else frozenset()
        if keys is None:  # REVIEW-E204: an item redefined tells as a key written does
            keys = keys_written(hunk) | {act.name for act in acts if act.item}
            keys_of[id(hunk)] = keys
        tested = test or id(hunk) in linking.tests
        outer, in_code = enclosing or (), linking.rarity_in_code
        if id(hunk) in ruled and commonly_written(link, linking.rarity, in_code, acted):
            acted = set()  # REVIEW-E242: as if it only named it
        sure = confidence(link, linking.rarity, acted, tested, touched, keys, outer, in_code)
        if sure >= MIN_CONFIDENCE and not _settled(link, acts, settled):
            key = (link.statement.path, link.statement.line, hunk.path)
            grouped.setdefault(key, []).append((sure, link))
    return grouped, shown_of


_ORDER = {"context": 0, "requirement": 1, "edge-case": 2}


def _ranked(
    grouped: Mapping[tuple[str, int, str], Found],
    rarity: Mapping[str, float],
    reasons: Mapping[str, list[str]],
    written: Set[tuple[str, int]],
    assumed: Mapping[int, tuple[tuple[str, str], ...]],
) -> list[Ranked]:
    """Each statement and file's question, strongest first: its surest link and its rank."""
    ranked: list[Ranked] = []
    for found in grouped.values():
        # REVIEW-E28: beside a real change, not the hunks that only rewrite `%` formats
        found = [pair for pair in found if id(pair[1].hunk) not in assumed] or found
        sure, best = max(found, key=lambda pair: (pair[0], -EVIDENCE.index(pair[1].evidence)))
        statement = best.statement
        words = max(ranking_words(link, rarity) for _, link in found)
        shared = {word for _, link in found for word in link.words}
        rank = (
            all(id(link.hunk) in assumed for _, link in found),  # REVIEW-E255: after the rest
            -standing(sure, statement.kind, len(shared), explicit(best)),
            (statement.path, statement.line) not in written,
            -words,
            statement.spec not in reasons,
            _ORDER[statement.kind],
            best.hunk.path,
            found[0][1].hunk.new_start,
        )
        ranked.append((rank, (sure, best, found)))
    ranked.sort(key=lambda pair: pair[0])
    return ranked


def _question(
    sure: float,
    best: Link,
    found: list[tuple[float, Link]],
    acts_of: Mapping[int, tuple[Act, ...]],
    reasons: Mapping[str, list[str]],
    assumed: Mapping[int, tuple[tuple[str, str], ...]],
    held: Mapping[str, list[Hunk]],
) -> Question:
    """One statement's question about one file: `best` is its surest link of `found`; of a
    file whose hunks only rewrite `%` formats, it lists every such hunk that asks (`held`)."""
    hunks = tuple(dict.fromkeys(link.hunk for _, link in found))
    if all(id(hunk) in assumed for hunk in hunks) and best.hunk.path in held:
        hunks = tuple(sorted(set(held[best.hunk.path]), key=lambda hunk: hunk.new_start))
    taken = (taken for hunk in hunks for taken in assumed.get(id(hunk), ()))
    words = tuple(sorted({word for _, link in found for word in link.words}))
    said: tuple[str, ...] = ()
    if any(link.said for _, link in found):  # most questions share no word with the messages
        lines = set().union(*(word_set(hunk_text(hunk)) for hunk in hunks))
        told = frozenset().union(*(link.said for _, link in found))  # REVIEW-E200
        said = tuple(word for word in words if word in told and word not in lines)
    return Question(
        best.statement,
        best.hunk.path,
        hunks,
        named_first(dict.fromkeys(act for hunk in hunks for act in acts_of[id(hunk)]), best),
        best.evidence,
        best.names,
        words,
        sure,
        best.statement.spec in reasons,
        tuple(dict.fromkeys(taken)),
        said,
    )


def _referenced(question: Question, where: Mapping[str, list[Reference]]) -> Question:
    """REVIEW-E293: whether the question's file already names the statement's ID."""
    found = where.get(question.statement.id or "", ())
    on = any(ref.path == question.path and ref.kind == "implements" for ref in found)
    return replace(question, referenced=True) if on else question


def _settled(link: Link, acts: Sequence[Act], agreed: Set[str]) -> bool:
    """The hunk writes a name with the same call as the code that already writes it (a settled
    ripple), and the statement names that name, or only names it and that call: the format
    question is answered, so it is not asked."""
    if link.evidence != "identifier":
        return False
    named = {name.rsplit(".", 1)[-1] for name in link.names}
    settled = {act.name for act in acts if act.verb == "writes"} & agreed
    return bool(settled) and bool(named & settled or named <= agreed)
