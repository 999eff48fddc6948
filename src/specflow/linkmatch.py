"""How a hunk's names and words meet the spec statements, and which of the links found are kept:
the evidence kinds, strongest first, and the strongest few of each kind of statement per hunk
(REVIEW-3, REVIEW-15). Pure; `link.Corpus` holds what they are read against."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Set
from typing import TYPE_CHECKING, NamedTuple

from specflow.words import parts_enough, sibling, split_identifier, stem, word_set

if TYPE_CHECKING:
    from specflow.link import Corpus

# The strongest few per hunk and kind, so an edge case cannot crowd out a requirement.
MAX_LINKS = {"requirement": 3, "context": 3, "edge-case": 2}
KINDS = tuple(MAX_LINKS)

# Evidence kinds, strongest first; a row carries the strongest its hunk has for a statement.
REFERENCE, IDENTIFIER, PART, WORDS = "reference", "identifier", "identifier-part", "words"
ENCLOSING, HEADING, REACHES = "enclosing", "heading", "reaches"  # REVIEW-E31, REVIEW-E32
READS = "reads"  # REVIEW-E168
EVIDENCE = (REFERENCE, HEADING, REACHES, IDENTIFIER, READS, PART, ENCLOSING, WORDS)

# the words of each statement the change's account says of a file, for those it says two or
# more of (REVIEW-15, REVIEW-E402)
Said = Mapping[int, frozenset[str]]
_NOTHING_SAID: Said = {}


class Scope(NamedTuple):
    """The specs whose scope covers a file, and their statements."""

    specs: frozenset[str]
    docs: frozenset[int]


DISTINCT_NAME = 12  # statements naming an identifier, past which it links only in their scope
Found = tuple[str, tuple[str, ...]]  # a statement's evidence: its kind, the identifiers
HunkLink = tuple[int, str, tuple[str, ...], tuple[str, ...]]  # the statement's, words shared


def name_links(
    corpus: Corpus,
    names: Iterable[str],
    scope: Scope,
    found: dict[int, Found],
    hunk_words: Set[str] = frozenset(),
    said: Said = _NOTHING_SAID,
    wordless: Set[str] = frozenset(),
) -> None:
    """The statements that name one of `names` (outside the scope, only a name few statements
    name: many specs' common vocabulary tells nothing); in the scope, those whose prose meets
    a name split, whose identifiers split meet `hunk_words`, or that share two such words
    (with the words `said` of each statement: the change's account of the hunk's file,
    REVIEW-E402; none for a version's hunk, REVIEW-E266); `wordless`: names whose parts are
    no words (REVIEW-E286)."""
    names = list(names)
    _named(corpus, names, scope, found)
    _dotted(corpus, names, found)
    if scope.docs:
        _parts_met(corpus, names, scope.docs, found, (hunk_words, said, wordless))


def _named(corpus: Corpus, names: Sequence[str], scope: Scope, found: dict[int, Found]) -> None:
    for name in names:
        docs = corpus.by_name.get(name)
        if docs is None:
            continue
        if len(docs) > DISTINCT_NAME:
            docs = [d for spec in scope.specs for d in corpus.by_spec_name.get((spec, name), ())]
        docs = [d for d in docs if d in scope.docs or (name, d) not in corpus.wild]  # REVIEW-E238
        for doc in docs:
            keep(found, doc, IDENTIFIER, name)


def _dotted(corpus: Corpus, names: Sequence[str], found: dict[int, Found]) -> None:
    """A statement's dotted name met by its last part: `send` with `Session` around it is
    `Session.send` (`user.password_hash` is `users.password_hash`); alone it may be another's."""
    named = dict.fromkeys(names)  # in order: the names a link shows are the same every run
    hits = [(name, hit) for name in named for hit in corpus.by_last.get(name, ())]
    stems = {stem(name.lower()) for name in named} if hits else set()
    for name, (doc, qualifier, dotted) in hits:
        qualified = stem(qualifier.rsplit(".", 1)[-1].lower()) in stems
        have = found.get(doc)
        if not qualified and have and have[0] == IDENTIFIER and dotted not in have[1]:
            # kept beside the stronger kind: writing it is what makes the link certain
            found[doc] = (IDENTIFIER, (*have[1], dotted))
            continue
        keep(found, doc, IDENTIFIER if qualified else PART, name if qualified else dotted)


def _parts_met(
    corpus: Corpus,
    names: Sequence[str],
    in_scope: Set[int],
    found: dict[int, Found],
    hunk: tuple[Set[str], Said, Set[str]],
) -> None:
    """In the scope, the statements whose prose meets a name split, whose identifiers split
    meet the hunk's words (`hunk`: its words, the account's, the names that are no words), or
    that share two such words."""
    hunk_words, said, wordless = hunk
    split: dict[frozenset[str], str] = {}  # each distinct split once: `f1_token`, `f2_token`
    for name in names:
        parts = None if name in wordless else split_identifier(name)  # REVIEW-E286
        if parts is not None:
            split.setdefault(parts, name)
    for doc in in_scope:
        if doc in found and found[doc][0] in (REFERENCE, IDENTIFIER):
            continue
        prose = corpus.prose[doc]
        words = _with_said(doc, hunk_words, said)
        for parts, name in split.items():
            if parts_enough(len(parts & prose), len(parts)):
                keep(found, doc, PART, name)
        for name, parts in corpus.parts[doc]:
            met = words & parts
            if parts_enough(len(met), len(parts)) and not sibling(met, parts, split):
                keep(found, doc, PART, name)
        if doc not in found and len(corpus.words[doc] & words) >= 2:
            found[doc] = (WORDS, ())


def keep(found: dict[int, Found], doc: int, kind: str, name: str) -> None:
    have = found.get(doc)
    if have is None or EVIDENCE.index(kind) < EVIDENCE.index(have[0]):
        found[doc] = (kind, (name,))
    # REVIEW-E386: a number the statement states that the hunk stops writing is told beside the
    # ID it names: "it names PATH-3; it stops writing `256`, which the statement states"
    elif (have[0] == kind or (have[0] == REFERENCE and name.isdigit())) and name not in have[1]:
        found[doc] = (have[0], (*have[1], name))


def _with_said(doc: int, hunk_words: Set[str], said: Said) -> Set[str]:
    told = said.get(doc)  # REVIEW-E266: none for a version's hunk
    return hunk_words | told if told else hunk_words  # most statements share nothing with it


def hunk_words_of(text: str) -> frozenset[str]:  # digits are no words
    return frozenset(word for word in word_set(text) if not word.isdigit())


def shared_words(
    corpus: Corpus, doc: int, hunk_words: Set[str], said: Said = _NOTHING_SAID
) -> tuple[str, ...]:
    """The words the statement shares with the hunk and the change's own account."""
    return tuple(sorted(corpus.words[doc] & _with_said(doc, hunk_words, said)))


def strongest(
    corpus: Corpus,
    found: dict[int, Found],
    hunk_words: Set[str],
    candidates: Set[int],
    said: Said = _NOTHING_SAID,
) -> list[HunkLink]:
    """The strongest few of each kind of statement among the candidates, by evidence, then
    shared words; besides them, every statement the IDs name or the change's own account
    speaks of, and every link outside the candidates (asked only when the hunk writes what the
    statement names: it must not take a candidate's place)."""
    ranked = sorted(
        found.items(),
        key=lambda item: (
            item[0] not in candidates,
            EVIDENCE.index(item[1][0]),
            -corpus.index.score(_with_said(item[0], hunk_words, said), item[0]),
            corpus.listed[item[0]],
        ),
    )
    taken = dict.fromkeys(KINDS, 0)
    kept = []
    for doc, (kind, names) in ranked:
        statement_kind = corpus.statements[doc].kind
        counted = kind != REFERENCE and doc not in said
        if counted and taken[statement_kind] >= MAX_LINKS[statement_kind]:
            continue
        taken[statement_kind] += counted
        kept.append((doc, kind, names, shared_words(corpus, doc, hunk_words, said)))
    return kept
