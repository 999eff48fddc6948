"""How the definitions around a hunk link: the class around a method that another statement
names is no evidence by itself (REVIEW-E223), a definition named after an identifier a
statement names is inside what it names (REVIEW-E222), and what another spec's statement names
in passing is no evidence (REVIEW-E241). Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from specflow.identifiers import CODE_SPAN
from specflow.link import Corpus
from specflow.linkmatch import IDENTIFIER, Found, keep
from specflow.spellings import calls, spelled_within


def outer_class_dropped(
    corpus: Corpus, names: Sequence[str], links: dict[int, Found], docs: Set[int]
) -> None:
    """REVIEW-E223: a hunk inside a method that a statement names (`Parser._align()`,
    `humanize()`) is no evidence, by the class around that method alone, for the statements
    that name only the class (`Parser`, `Arrow`): every method of a large class lies inside it,
    and the statement naming the method says which. `docs`: the statements of the specs
    governing the file, the only ones whose naming counts. A class whose method no statement of
    theirs names still links by itself, and so does any in a file no spec governs (REVIEW-E135:
    there the definitions around a hunk are the only evidence)."""
    if not docs:
        return
    for depth in range(len(names) - 1, 0, -1):
        if not _named(corpus, names[depth], links, docs):
            continue
        outer = {name for name in names[:depth] if _class(name)}
        built = names[depth] in _CONSTRUCTORS
        for doc, (kind, named) in list(links.items()):
            if kind != IDENTIFIER or not set(named) <= outer:
                continue
            if built and any(calls(name, corpus.statements[doc].text) for name in named):
                continue  # a statement calling the class (`VersionInfo(1, 2)`) names its builder
            del links[doc]
        return


_CONSTRUCTORS = frozenset({"__init__", "__new__", "__post_init__"})


def _named(corpus: Corpus, name: str, links: dict[int, Found], docs: Set[int]) -> bool:
    """A statement among `docs` is linked by naming `name`, bare or qualified (`Parser._align`)."""
    return any(
        kind == IDENTIFIER
        and doc in docs
        and any(found.rsplit(".", 1)[-1] == name for found in named)
        for doc, (kind, named) in links.items()
    )


def _class(name: str) -> bool:
    """A definition named in CamelCase is a class (`Arrow`, `Parser`), as REVIEW-E202 reads it."""
    return name[:1].isupper() and any(c.islower() for c in name)


def named_after(
    corpus: Corpus, names: Sequence[str], docs: Set[int], links: dict[int, Found]
) -> None:
    """REVIEW-E222: a definition around a hunk named after an identifier a statement of the
    file's specs names (`StripCommentsFilter` of `strip_comments`) is inside what it names."""
    for doc in docs:
        named = [name for name, _ in corpus.parts[doc]]
        for outer in (outer for outer in names if any(spelled_within(outer, n) for n in named)):
            keep(links, doc, IDENTIFIER, outer)


def passing_mention_dropped(
    corpus: Corpus, names: Sequence[str], links: dict[int, Found], docs: Set[int]
) -> None:
    """REVIEW-E241: in a file some spec governs, a statement of a spec not governing it that
    names the definition around a hunk (`validate_email()`) only after another, its subject
    (its first code span: "`validate_email_deliverability()` ... returns a dict ... that
    `validate_email()` copies"), mentions it in passing: no evidence. Only the innermost
    definition, a function: a class's statement in another spec may still say what the class
    does (REVIEW-E192). `docs`: the statements of the specs governing the file."""
    if not docs:
        return
    inner = names[-1:]  # a function (`validate_email`), not a class (tinydb's `LRUCache`)
    if not inner or _class(inner[0]):
        return
    for doc, (kind, named) in list(links.items()):
        if doc in docs or kind != IDENTIFIER or named != inner:
            continue
        first = CODE_SPAN.search(corpus.statements[doc].text)
        if first and not any(re.search(rf"(?<![\w.]){re.escape(n)}\b", first[1]) for n in named):
            del links[doc]


def another_specs_method_dropped(
    corpus: Corpus,
    names: Sequence[str],
    links: dict[int, Found],
    docs: Set[int],
    changed: frozenset[str],
) -> None:
    """REVIEW-E243: a hunk in a method of a class its file's specs name (`Base64Decoder.write`)
    is no evidence for a statement of another spec that names only the bare method (`write()`,
    of that spec's `MultipartParser`), when that spec never names the class and governs no file
    of the change (`changed`: the specs that do): it speaks of its own class's method of that
    name. A change that also touches that spec's files (arrow's `Arrow.humanize()` with the
    locales that `humanize()` reads) keeps the link."""
    if len(names) < 2 or not _class(names[-2]) or not docs:
        return
    owner, method = names[-2], names[-1]
    if not any(doc in docs for doc in corpus.by_name.get(owner, ())):
        return
    for doc, (kind, named) in list(links.items()):
        spec = corpus.statements[doc].spec
        if doc in docs or kind != IDENTIFIER or named != (method,) or spec in changed:
            continue
        if not corpus.by_spec_name.get((spec, owner)):
            del links[doc]


# REVIEW-E297: a class named by an acronym (`EC`, `RSA`, `HMAC`), as prose writes it
_ACRONYM = re.compile(r"[A-Z]{2,5}\Z")


def acronym_said(
    corpus: Corpus, names: Sequence[str], docs: Set[int], links: dict[int, Found]
) -> None:
    """REVIEW-E297: a definition around a hunk named by an acronym (`class EC`) that the prose of
    one statement alone of the file's specs writes as a word ("EC keys support P-256") is what
    that statement speaks of; written by two or more, it tells none of them apart."""
    for name in (name for name in names if _ACRONYM.match(name)):
        word = re.compile(rf"(?<![\w`:.$-]){name}(?![\w`:.(-])")
        said = [d for d in docs if word.search(CODE_SPAN.sub(" ", corpus.statements[d].text))]
        if len(said) == 1:
            keep(links, said[0], IDENTIFIER, name)
