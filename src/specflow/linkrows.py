"""The rows of evidence a change's hunks get besides their own text (`link.hunk_links`), for
`Corpus.links`: the definitions around a hunk, the IDs named in comments above it, the block a
changed condition governs, the references that head it. Those that follow what a change writes
to its users are in ripplerows.py. Pure."""

from __future__ import annotations

import ast
import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from typing import TYPE_CHECKING

from specflow.change import FileChange, Hunk, Line
from specflow.globs import DOCUMENTS, matches
from specflow.heading import heading, implementing, lazy_lines
from specflow.hunkcode import unchanged_parameters, without_errors
from specflow.identifiers import (
    code_names,
    dunder,
    every_class_may_define,
    hunk_text,
    named_text,
    qualified,
    short_index,
)
from specflow.ids import find_references
from specflow.languages.generic import often_thrown, thrown_counts
from specflow.languages.rbowner import JS_PATHS
from specflow.languages.rustitems import decorated_item, other_types_method, without_qualifiers
from specflow.link import GOVERNED_LINKS, Corpus, LinkRow, hunk_links
from specflow.linkmatch import (
    ENCLOSING,
    HEADING,
    IDENTIFIER,
    PART,
    REFERENCE,
    Found,
    Said,
    Scope,
    hunk_words_of,
    keep,
    name_links,
    shared_words,
    strongest,
)
from specflow.outranked import (
    acronym_said,
    another_specs_method_dropped,
    class_only_dropped,
    module_function_dropped,
    named_after,
    outer_class_dropped,
    overview_dropped,
    passing_mention_dropped,
)

if TYPE_CHECKING:
    from specflow.refs import Reference


def enclosing_rows(
    corpus: Corpus,
    files: Sequence[tuple[int, FileChange]],
    enclosing: Mapping[str, Mapping[int, tuple[str, ...]]],
    skip_paths: Sequence[str],
    scoped: Mapping[str, frozenset[str]],
) -> list[LinkRow]:
    """Links by the classes and functions around each hunk: inside `HTTPDigestAuth` is weak
    evidence for a statement naming it, whose spec is then a candidate as in scope. `files`,
    each with its index in the change, as every stage below."""
    found: list[LinkRow] = []
    changed = frozenset().union(*scoped.values())
    for at, file in files:
        if file.path in skip_paths:
            continue
        scope = corpus.in_scope(scoped[file.path])
        for number, around in enclosing.get(file.path, {}).items():
            hunk = file.hunks[number]
            said, _ = corpus.told(hunk)
            links = _around_links(corpus, hunk, around, scope, changed, said)
            if links:
                found += _around_rows(corpus, (at, number), hunk, links, scope, said)
    return found


def _around_links(
    corpus: Corpus,
    hunk: Hunk,
    around: tuple[str, ...],
    scope: Scope,
    changed: frozenset[str],
    said: Said,
) -> dict[int, Found]:
    """The statements that name what lies `around` the hunk, but those another rule says it
    does not concern."""
    links: dict[int, Found] = {}
    acronym_said(corpus, around, scope.docs, links)  # REVIEW-E297
    # REVIEW-E297: a Ruby method's class counts there alone (measured: `Decode` asked
    # rubyjwt's Context line naming `JWT::Decode#decode_segments` of other methods)
    names = around[-1:] if hunk.path.endswith((".rb", *JS_PATHS)) else around
    name_links(corpus, qualified(names), scope, links, said=said)
    _short_links(corpus, names, scope.docs, links)  # REVIEW-E244
    _own_links(corpus, names, scope, links)  # REVIEW-E129
    named_after(corpus, names, scope.docs, links)  # REVIEW-E222
    _other_types_parted(corpus, names, links)  # REVIEW-E146
    _other_owners_dropped(corpus, around, links)  # REVIEW-E165, REVIEW-E289
    if hunk.path.endswith((".py", ".pyi")):
        module_function_dropped(corpus, names, links)  # REVIEW-E427
    outer_class_dropped(corpus, names, links, scope.docs)  # REVIEW-E223
    passing_mention_dropped(corpus, names, links, scope.docs)  # REVIEW-E241
    owned = _java_owned(hunk.path, names)  # REVIEW-E342
    another_specs_method_dropped(corpus, owned, links, scope.docs, changed)  # REVIEW-E243
    if hunk.path.endswith(".go"):  # REVIEW-E141: a receiver only qualifies its method
        links = _outer_only_dropped(links, names[:-1])
    elif scope.docs:  # REVIEW-E135: another spec's class named in passing
        outer = _spoken_of(corpus, qualified(names[:-1]), scope.docs)  # REVIEW-E192
        links = _outer_only_dropped(links, outer, scope.docs, IDENTIFIER)
    if links:
        class_only_dropped(corpus, around, hunk, links)  # REVIEW-E365
        overview_dropped(corpus, around, links, scope.docs)  # REVIEW-E366
    return links


def _around_rows(
    corpus: Corpus,
    where: tuple[int, int],
    hunk: Hunk,
    links: Mapping[int, Found],
    scope: Scope,
    said: Said,
) -> list[LinkRow]:
    """The rows of the links by what lies around the hunk (at `where`: its file's index in the
    change, its own in the file), with the words each shares with it."""
    text = hunk_text(hunk)
    words = _hunk_words(hunk, text)
    values = code_values(text)
    rows: list[LinkRow] = []
    for doc, (kind, named) in links.items():
        evidence = ENCLOSING if kind == IDENTIFIER else kind
        shared = shared_words(corpus, doc, words, said)
        if evidence == ENCLOSING and values:  # REVIEW-E170: `b""`, as it quotes it
            quoted = statement_values(corpus.statements[doc].text)
            shared += tuple(sorted({word for found, word in quoted if found in values}))
        rows.append((*where, doc, evidence, named, shared))
    code = named_text(hunk, text)  # REVIEW-E137
    return rows + _named_spec_rows(corpus, where, code, words, links, scope, said)  # -E266


def _java_owned(path: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """REVIEW-E342: a Java method alone around a hunk is of its file's class (`withAudience` in
    Verifier.java is `Verifier`'s), as REVIEW-E243 asks of another spec's bare method."""
    if not path.endswith(".java") or len(names) != 1:
        return names
    own = path.rsplit("/", 1)[-1].removesuffix(".java")
    return names if own == names[0] else (own, *names)


def _short_links(
    corpus: Corpus, names: tuple[str, ...], docs: Set[int], links: dict[int, Found]
) -> None:
    """REVIEW-E244: a hunk inside `at` concerns the statements of its scope that open with
    `at()` (or `Job.at()`, inside `Job`): too short a name to link anywhere else, the one
    around the hunk is still the one the statement speaks of."""
    spelled = list(names[-1:])
    if len(names) > 1:
        spelled.append(f"{names[-2]}.{names[-1]}")
    for name in spelled:
        for doc in _short_index(corpus).get(name, ()):
            if doc in docs:
                keep(links, doc, IDENTIFIER, name)


@functools.lru_cache(maxsize=2)
def _short_index(corpus: Corpus) -> dict[str, list[int]]:
    return short_index(statement.text for statement in corpus.statements)


def _hunk_words(hunk: Hunk, text: str) -> frozenset[str]:
    """REVIEW-E206: without a Rust qualifier; REVIEW-E224: nor a parameter kept as it was."""
    return hunk_words_of(without_errors(without_qualifiers(hunk, text), unchanged_parameters(hunk)))


# REVIEW-E170: a value written in code: a string (`b""`, `'chunked'`); not a constant such as
# `None` or `True`, which every function writes (measured: cachetools, click and semver no-ops
# asked of statements quoting `None`)
_VALUE = re.compile(r"""(?<![\w"'])(?:[bBrRuU]{0,2}(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'))""")


def value(literal: str) -> str:
    """A value, its string's quotes as Python writes them (`'chunked'` is `"chunked"`)."""
    try:
        read = ast.literal_eval(literal)
    except (ValueError, SyntaxError):
        return literal
    return repr(read) if isinstance(read, (str, bytes)) else literal


@functools.lru_cache(maxsize=4096)
def statement_values(text: str) -> tuple[tuple[str, str], ...]:
    """REVIEW-E170: the strings a statement quotes whole in backticks (`b""`), each
    with the shared word it is: backticked as written, as no word of prose is written
    (`confidence.VALUE`)."""
    spans = (span.strip() for span in re.findall(r"`([^`\n]+)`", text))
    return tuple((value(span), f"`{span}`") for span in spans if _VALUE.fullmatch(span))


_VALUE_OR_COMMENT = re.compile(_VALUE.pattern + r"|(?P<comment>#|//)")


def code_values(text: str) -> frozenset[str]:
    """REVIEW-E170: the values a hunk's lines of code write (not in their comments)."""
    if not any(mark in text for mark in "\"'"):
        return frozenset()
    found: set[str] = set()
    for line in text.split("\n"):
        for token in _VALUE_OR_COMMENT.finditer(line):
            if token["comment"]:
                break
            found.add(value(token[0]))
    return frozenset(found)


def _outer_only_dropped(
    links: dict[int, Found], outer: Sequence[str], kept: Set[int] = frozenset(), kind: str = ""
) -> dict[int, Found]:
    """The links (of `kind`, or any) that name only definitions around the innermost, but the
    statements `kept`: REVIEW-E135, in a file a spec governs another spec's statement naming
    only the class around the changed method (`HTTPResponse`, in passing); REVIEW-E141, a Go
    method's receiver type, which only qualifies it (`Router.Match`): named alone, or by its
    words, it is no evidence (REVIEW-E61: every method of `Mux` would ask every statement
    naming `Mux`)."""
    return {
        doc: (found, named)
        for doc, (found, named) in links.items()
        if doc in kept or (kind and found != kind) or not set(named) <= set(outer)
    }


def _spoken_of(corpus: Corpus, outer: Sequence[str], docs: Set[int]) -> list[str]:
    """REVIEW-E192: the definitions around a hunk that the statements `docs` (the specs
    governing its file) name, alone or qualifying another (`Response.stream()`): those speak
    for them. One they never name (`LRUCache` in utils.py, named by the table spec alone) is
    named by another spec's statement as the class it is, not in passing."""
    if not outer:
        return []
    texts = [corpus.statements[doc].text for doc in sorted(docs)]
    return [n for n in outer if any(n in t and _names(n, t) for t in texts)]


def _names(name: str, text: str) -> bool:
    """`text` names `name` (not as part of a longer or dotted name)."""
    return re.search(rf"(?<![\w.]){re.escape(name)}\b", text) is not None


def _other_types_parted(corpus: Corpus, names: Sequence[str], links: dict[int, Found]) -> None:
    """REVIEW-E146: a statement that names the method around a hunk only as another type's
    (`Key::from_str()`, the hunk in `impl FromStr for Level`) meets it as an identifier part."""
    for doc, (kind, named) in list(links.items()):
        if kind != IDENTIFIER or names[-1] not in named:
            continue
        if other_types_method(corpus.statements[doc].text, names):
            rest = tuple(name for name in named if name != names[-1])
            links[doc] = (IDENTIFIER, rest) if rest else (PART, (names[-1],))


def _other_owners_dropped(corpus: Corpus, names: Sequence[str], links: dict[int, Found]) -> None:
    """REVIEW-E165: the method around a hunk is its owner's (`TextFormatter.Format`): a
    statement that names another owner's (`JSONFormatter.Format()`), or names it bare in a spec
    that qualifies it by one other owner alone, does not name this one (a spec that qualifies
    it by several, click's `Choice` and `Path`, means every owner's by the bare name)."""
    if len(names) < 2:
        return
    owner, method = names[-2].lower(), names[-1]
    owners: dict[str, set[str]] = {}
    for doc, qualifier, _ in corpus.by_last.get(method, ()):
        owners.setdefault(corpus.statements[doc].spec, set()).add(qualifier.rsplit(".", 1)[-1])

    def others(doc: int, name: str) -> bool:
        if "." in name:
            qualifier, last = name.rsplit(".", 1)
            return last == method and qualifier.rsplit(".", 1)[-1].lower() != owner
        only = owners.get(corpus.statements[doc].spec, set())
        return name == method and len(only) == 1 and next(iter(only)).lower() != owner

    for doc, (kind, named) in list(links.items()):
        if kind not in (IDENTIFIER, PART):
            continue
        kept = tuple(name for name in named if not others(doc, name))
        if not kept:
            del links[doc]
        elif kept != named:
            links[doc] = (kind, kept)


def _own_links(corpus: Corpus, names: Iterable[str], scope: Scope, links: dict[int, Found]) -> None:
    """REVIEW-E129: a method of a builtin type (`join`, `get`; not a dunder) by its bare name,
    in the scope of the file's specs: the hunk changes that method itself."""
    for name in (n for n in names if every_class_may_define(n) and not dunder(n)):
        for doc in (doc for doc in corpus.by_name.get(name, ()) if doc in scope.docs):
            keep(links, doc, IDENTIFIER, name)
    for name in names:  # REVIEW-E150: `enum` defined here is a name, not Rust's keyword
        for doc in (doc for doc in corpus.by_reserved.get(name, ()) if doc in scope.docs):
            keep(links, doc, IDENTIFIER, name)


def comment_rows(
    corpus: Corpus,
    files: Sequence[tuple[int, FileChange]],
    above: Mapping[str, Mapping[int, str]],
    skip_paths: Sequence[str],
) -> list[LinkRow]:
    """Links by the IDs that the comments just above a hunk name (REVIEW-15)."""
    found: list[LinkRow] = []
    for at, file in files:
        if file.path in skip_paths:
            continue
        for number, text in above.get(file.path, {}).items():
            for item_id, _ in find_references(text, corpus.specs.prefixes):
                for doc in corpus.by_id.get(item_id, ()):
                    found.append((at, number, doc, REFERENCE, (item_id,), ()))
    return found


def governed_rows(
    corpus: Corpus,
    files: Sequence[tuple[int, FileChange]],
    governed: Mapping[str, Mapping[int, str]],
    skip_paths: Sequence[str],
    scoped: Mapping[str, frozenset[str]],
    sources: Mapping[str, tuple[bytes | None, bytes | None]] | None = None,
) -> list[LinkRow]:
    """Links of a hunk that changes only conditions, read with the block they govern
    (REVIEW-18), in the scope of the file's specs only; `sources`: each file's two texts."""
    found: list[LinkRow] = []
    for at, file in files:
        scope = corpus.in_scope(scoped.get(file.path, frozenset()))
        if file.path in skip_paths or not scope.docs:
            continue
        lines = lazy_lines((sources or {}).get(file.path, (None, None))[1])
        counts = thrown_counts(lines() or []) if governed.get(file.path) else Counter[str]()
        for number, text in governed.get(file.path, {}).items():
            often = frozenset(often_thrown(text, counts))  # REVIEW-E343
            hunk = file.hunks[number]
            block = tuple(Line(0, line) for line in text.split("\n"))
            read = hunk._replace(added=(*hunk.added, *block))
            # REVIEW-E86: the name alone; REVIEW-E204: a Rust item's, its attributes changed
            if (text.startswith("def ") or decorated_item(text)) and len(block) == 1:
                read = hunk._replace(added=block, removed=())
            rows = [
                (at, number, doc, kind, names, words)
                for doc, kind, names, words in hunk_links(read, corpus, True, scope)
                if doc in scope.docs and not often.issuperset(names or ("",))
            ]
            more = (
                row
                for row in rows[GOVERNED_LINKS:]
                if _named_once(corpus, row) or decorated_item(text)  # REVIEW-E204: every one
            )
            found += [*rows[:GOVERNED_LINKS], *more]
    return found


def _named_once(corpus: Corpus, row: LinkRow) -> bool:
    """REVIEW-E190: besides a governed block's strongest links, those by an identifier one
    statement alone names (`self.__instances[name] = rv`: `__instances`, which one Context line
    names, where two statements naming `name` took both places)."""
    kind, names = row[3], row[4]
    return kind == IDENTIFIER and any(len(corpus.by_name.get(n, ())) == 1 for n in names)


def _named_spec_rows(
    corpus: Corpus,
    where: tuple[int, int],
    text: str,
    words: frozenset[str],
    links: Mapping[int, tuple[str, tuple[str, ...]]],
    scope: Scope,
    said: Said,
) -> list[LinkRow]:
    """The words of a hunk against the specs that name the definition it lies in, when
    their scope does not cover it (`get_netrc_auth()` in utils.py, named by the auth spec)."""
    specs = {
        corpus.statements[doc].spec for doc, (kind, _) in links.items() if kind == IDENTIFIER
    } - scope.specs
    if not specs:
        return []
    more: dict[int, Found] = {}
    named = corpus.in_scope(frozenset(specs))
    name_links(corpus, code_names(text), named, more, words, said)
    return [
        (*where, doc, kind, names, found_words)
        for doc, kind, names, found_words in strongest(corpus, more, words, named.docs, said)
        if kind != IDENTIFIER
    ]


def heading_rows(
    corpus: Corpus,
    files: Sequence[tuple[int, FileChange]],
    references: Sequence[Reference],
    skip: tuple[str, ...],
    sources: Mapping[str, tuple[bytes | None, bytes | None]] | None = None,
    tests: Set[int] = frozenset(),
) -> list[LinkRow]:
    """REVIEW-E31: the hunks of code inside or at most BLOCK_LINES below a reference that
    implements an ID, linked to that ID: the code `check` says the change touches
    (touched-requirement, CHECK-21), so the review asks what the check warns of. Neither a
    test (it verifies the rule; `tests`: the ids of the hunks of test code in a code file,
    REVIEW-E75) nor documentation (it describes it) is that code."""
    heads = implementing(references)
    found: list[LinkRow] = []
    for at, file in files:
        if file.path not in heads or matches(file.path, skip) or file.path.endswith(DOCUMENTS):
            continue
        lines = lazy_lines((sources or {}).get(file.path, (None, None))[1])
        for number, hunk in enumerate(file.hunks):
            if id(hunk) in tests:
                continue
            for reference in heading(heads[file.path], hunk, lines):
                for doc in corpus.by_id.get(reference.id, ()):
                    found.append((at, number, doc, HEADING, (reference.id,), ()))
    return found
