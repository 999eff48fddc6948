"""How the definitions around a hunk link: the class around a method that another statement
names is no evidence by itself (REVIEW-E223), a definition named after an identifier a
statement names is inside what it names (REVIEW-E222), and what another spec's statement names
in passing is no evidence (REVIEW-E241), a Context line about a class is no question of a hunk in
one of its methods by the class alone (REVIEW-E365), nor of one another statement is about
(REVIEW-E366), nor a module's function one a method of that name is about (REVIEW-E427).
Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from specflow.change import Hunk, Line
from specflow.definitions import defined_names
from specflow.identifiers import CODE_SPAN, identifiers
from specflow.link import Corpus
from specflow.linkmatch import IDENTIFIER, Found, keep
from specflow.spellings import calls, spelled_within, wildcard_names


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
        outer = {name for name in names[:depth] if is_class(name)}
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


def is_class(name: str) -> bool:
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
    if not inner or is_class(inner[0]):
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
    if len(names) < 2 or not is_class(names[-2]) or not docs:
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


def class_only_dropped(
    corpus: Corpus, around: Sequence[str], hunk: Hunk, links: dict[int, Found]
) -> None:
    """REVIEW-E365: a Context line whose subject is a class (`Blueprint` is a `Scaffold` that
    records deferred setup functions) speaks of the class as a whole: a hunk inside one of its
    methods is no evidence for it by the classes around alone. It still links when nothing but
    the class is around the hunk (its header, bases, attributes), when the hunk adds the method
    (a new member), when the method is one the line names (`register()`, or
    `get_cookie_partitioned` of `get_cookie_*()`), or the constructor of a class the line calls
    (`Middleware(cls, **options)`). A member the hunk's own lines name (`record`)
    links by them, not by this evidence. REVIEW-E367: a private Python method (`_load_from_cache`
    of `CacheController`) is the class's own working, which the line describes; and a word the
    line spells in code (`unsafe`) that the hunk's changed lines hold ties them beyond the class."""
    if len(around) < 2 or _added(hunk, around[-1]) or _private_method(hunk.path, around[-1]):
        return
    changed = None
    inner, outer = around[-1], {name for name in around[:-1] if is_class(name)}
    for doc, (kind, named) in list(links.items()):
        statement = corpus.statements[doc]
        if kind != IDENTIFIER or statement.kind != "context" or not set(named) <= outer:
            continue
        subject = _subject(statement.text)
        if subject not in named or (inner in _BUILDERS and calls(subject, statement.text)):
            continue  # a line calling the class (`Middleware(cls, **options)`) names its builder
        members = {name.rsplit(".", 1)[-1] for name in identifiers(statement.text)} - outer
        stems = wildcard_names(statement.text)
        if inner in members or any(inner.startswith(stem) for stem in stems):
            continue
        changed = _words(hunk) if changed is None else changed
        if _spelled(statement.text) & changed:
            continue  # REVIEW-E367
        del links[doc]


def _private_method(path: str, name: str) -> bool:
    """REVIEW-E367: `_load_from_cache`, not `__init__`."""
    return path.endswith((".py", ".pyi")) and name.startswith("_") and not name.endswith("__")


_WORD = re.compile(r"[A-Za-z_$][\w$]*")


def _words(hunk: Hunk) -> set[str]:
    """The words of the lines a hunk changes, on both sides, as written: not `hunk_text`, which
    drops a language's own words (Rust's `unsafe` is the word httparse's line spells)."""
    return {w for line in (*hunk.removed, *hunk.added) for w in _WORD.findall(line.text)}


def _spelled(text: str) -> set[str]:
    """The words a statement writes in its code spans (`unsafe`, `Bytes`)."""
    return {w for span in CODE_SPAN.finditer(text) for w in _WORD.findall(span[1])}


# a class's constructor in each language: what a call of the class runs
_BUILDERS = _CONSTRUCTORS | {"initialize", "__construct", "constructor", "init"}


def _added(hunk: Hunk, name: str) -> bool:
    """The hunk adds the definition of `name`: a new member of the class around it."""

    def defined(lines: Sequence[Line]) -> set[str]:
        return {n for n, _ in defined_names(hunk.path, "\n".join(line.text for line in lines))}

    return name in defined(hunk.added) and name not in defined(hunk.removed)


def overview_dropped(
    corpus: Corpus, around: Sequence[str], links: dict[int, Found], docs: Set[int]
) -> None:
    """REVIEW-E366: a Context line whose subject is named in CamelCase (a class, a Go type's
    method: `Router.ServeHTTP()`) names the method around a hunk in passing (`SessionInterface`
    is the pluggable session backend: `open_session()` ..., `save_session()` at its end); when
    another statement of the specs governing the file (`docs`) has that method as its subject
    (`save_session()` deletes the cookie ...), that statement speaks of the change, the line
    does not. A line whose subject is the method itself is about it."""
    inner = around[-1] if around and docs else ""
    if not inner or (len(around) == 1 and is_class(inner)):
        return  # a class, or a Java constructor (named as its class), is no member
    about = {d for d in docs if _last(_subject(corpus.statements[d].text)) == inner}
    if not about:
        return
    for doc, (kind, named) in list(links.items()):
        statement = corpus.statements[doc]
        if kind != IDENTIFIER or statement.kind != "context" or doc not in docs - about:
            continue
        if is_class(_last(_subject(statement.text))) and inner in {_last(n) for n in named}:
            del links[doc]


def _subject(text: str) -> str:
    """A statement's subject: the name its first code span opens with (`Blueprint.register` of
    `Blueprint.register(app)`)."""
    first = CODE_SPAN.search(text)
    name = _NAME.match(first[1].strip()) if first else None
    return name[0] if name else ""


_NAME = re.compile(r"[A-Za-z_$][\w$]*(?:(?:\.|::|#)[A-Za-z_$][\w$]*)*")


def _last(name: str) -> str:
    return re.split(r"\.|::|#", name)[-1]


def module_function_dropped(corpus: Corpus, names: Sequence[str], links: dict[int, Found]) -> None:
    """REVIEW-E427: a hunk inside a module's function (`_valid_cookie_name` of cookies.py) is no
    evidence, by that name alone, for a statement that names a method of that name
    (`self._valid_cookie_name()`, `RequestCookies._valid_cookie_name()`). Not the other way: a
    module's function often hands its work to the method of its name (`schedule.cancel_job()`
    to `default_scheduler.cancel_job`), so a hunk in the method still meets the bare name."""
    if len(names) == 1:
        _methods_dropped(corpus, names[0], links)


def _methods_dropped(corpus: Corpus, name: str, links: dict[int, Found]) -> None:
    """REVIEW-E427: the links of a module's function `name` by a method of that name alone
    (`self._valid_cookie_name()`, `RequestCookies._valid_cookie_name()`)."""
    for doc, qualifier, dotted in corpus.by_last.get(name, ()):
        owner = qualifier.rsplit(".", 1)[-1]
        method = owner in ("self", "cls") or is_class(owner)
        if method and doc in links and set(links[doc][1]) <= {dotted}:
            del links[doc]
