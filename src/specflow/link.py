"""Which spec statements each hunk concerns, and the evidence a reviewer can check. Pure.

Evidence, strongest first (REVIEW-3, REVIEW-15): the hunk names the statement's ID; the hunk's
code names an identifier the statement names (in backticks, or a CamelCase, snake_case or dotted
word, or a `call()`); an identifier of one side, split into its words, meets the other side's
words; words the two share, which only rank, weighted by how rare each is in the repository's
code, and never count alone as one word or outside the spec's scope. Scope makes a statement a
candidate for a hunk; it is not evidence by itself."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass

from specflow.callargs import drafted_callees
from specflow.change import FileChange, Hunk, Line
from specflow.dunders import reserved_spans
from specflow.globs import is_code
from specflow.headernames import by_lower_case, is_header, spelled_headers
from specflow.hunkcode import (
    BUILTIN_NAMES,
    unchanged_errors,
    unchanged_parameters,
    without_errors,
)
from specflow.identifiers import (
    code_names,
    hunk_text,
    identifiers,
    joined,
    named_text,
    without_names,
)
from specflow.ids import dashed_references
from specflow.languages.rustitems import method_syntax_qualifiers, without_qualifiers
from specflow.linkmatch import (
    DISTINCT_NAME,
    ENCLOSING,
    IDENTIFIER,
    KINDS,
    READS,
    REFERENCE,
    WORDS,
    Found,
    HunkLink,
    Said,
    Scope,
    hunk_words_of,
    keep,
    name_links,
    strongest,
)
from specflow.literals import dropped_strings, quoted_literals, quoted_messages, string_literals
from specflow.model import Spec
from specflow.phpcalls import php_calls, without_calls
from specflow.said import Sayings, version_only
from specflow.specset import SpecSet
from specflow.spellings import (
    calls,
    class_name,
    constant_name,
    function_name,
    own_names,
    private_spellings,
    syntax_names,
)
from specflow.spellings import wildcard_names as family_stems
from specflow.statednumbers import dropped_numbers, stated_numbers
from specflow.subject import opening_call
from specflow.words import (
    BM25,
    tokens,
    word_set,
    words_of_identifier,
)


@dataclass(frozen=True)
class Statement:
    """A requirement, context statement or edge case, as one linkable unit."""

    spec: str
    kind: str  # requirement | context | edge-case
    id: str | None
    text: str
    path: str
    line: int

    @property
    def label(self) -> str:
        return self.id or f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Link:
    """A hunk and a statement it concerns: the strongest kind of evidence, what it is (the ID,
    the identifiers), and the words they share (stemmed)."""

    hunk: Hunk
    statement: Statement
    evidence: str
    names: tuple[str, ...]
    words: tuple[str, ...]
    in_scope: bool
    spread: int = 1  # how many statements name the evidence's identifier (the fewest)
    # those of `words` the change's subject lines and new tests' names say (REVIEW-E200: only
    # those, not every shared word its own lines lack: a governed block's, a context line's)
    said: frozenset[str] = frozenset()


def statements(spec: Spec) -> Iterator[Statement]:
    for item in spec.requirements:
        yield Statement(spec.id, "requirement", item.id, item.text, item.path, item.line)
    for context in spec.context:
        yield Statement(spec.id, "context", None, context.text, context.path, context.line)
    for item in spec.edge_cases:
        yield Statement(spec.id, "edge-case", item.id, item.text, item.path, item.line)


GOVERNED_LINKS = 2  # kept of a hunk read with the block its condition governs (REVIEW-18)
OVERVIEW = 3  # functions a Context line calls, from which it only lists them (REVIEW-E189)


# (the file's index in the change, the hunk's in the file, the statement's, evidence kind,
# identifiers, shared words): what crosses from a forked process, with the same corpus (REVIEW-14)
LinkRow = tuple[int, int, int, str, tuple[str, ...], tuple[str, ...]]


class Corpus:
    """The statements of the specs, kind by kind, their BM25 index (which proposes those that
    share words with a hunk), the identifiers each names, where each spec and ID is; and each
    one's `said`: the words (two or more, or none) it shares with `accounts`, the change's commit
    messages and its new tests' names, the author's account of what the change alters;
    `by_path`, a file's own account where it differs (REVIEW-E402: in a range, the messages of
    the commits that change the file)."""

    def __init__(
        self,
        specs: SpecSet,
        accounts: Sequence[str] = (),
        by_path: Mapping[str, Sequence[str]] = {},
    ) -> None:
        found = [s for spec in specs.specs for s in statements(spec)]
        texts = [joined(s.text) for s in found]
        self.specs = specs
        self.listed = sorted(range(len(found)), key=lambda i: KINDS.index(found[i].kind))
        self.statements = [found[i] for i in self.listed]
        texts = [texts[i] for i in self.listed]
        self.index = BM25([tokens(text) for text in texts])
        self.words = [frozenset(word_set(text)) for text in texts]
        # the words of the prose alone: an identifier's parts meet these, not another
        # identifier's (`HTTPDigestAuth` does not meet `HTTPBasicAuth` on "http" and "auth")
        self.prose = [frozenset(word_set(without_names(text))) for text in texts]
        self.by_id: dict[str, list[int]] = {}
        self.by_spec: dict[str, list[int]] = {}
        self.by_name: dict[str, list[int]] = {}
        self.by_spec_name: dict[tuple[str, str], list[int]] = {}
        self.by_last: dict[str, list[tuple[int, str, str]]] = {}
        self.by_reserved: dict[str, list[int]] = {}  # REVIEW-E150
        self.parts: list[list[tuple[str, frozenset[str]]]] = []  # each one's split identifiers
        self.by_literal: dict[str, list[int]] = {}  # REVIEW-E143: `[^?&]*`, by its text
        self.by_number: dict[str, list[int]] = {}  # REVIEW-E197 "below 20", -E246 "a message"
        self.overview: list[bool] = []  # REVIEW-E189: a Context line calling OVERVIEW functions
        for doc, statement in enumerate(self.statements):
            self._index(doc, statement)
        self.by_header = by_lower_case(self.by_name)  # REVIEW-E404: `Content-Length`
        self.wild = {
            (n, d)
            for d, s in enumerate(self.statements)
            for n in family_stems(s.text) | syntax_names(s.text)  # REVIEW-E238, REVIEW-E329
        }
        self._sayings = Sayings(self.words, specs.prefixes, self.by_literal)  # REVIEW-E406
        self._everywhere = self._account(accounts)
        # REVIEW-E402: a file's own account, where it has one: its commits' messages alone
        told = {tuple(accounts): self._everywhere}
        for own in map(tuple, by_path.values()):
            if own not in told:
                told[own] = self._account(own)
        self._told_of = {path: told[tuple(own)] for path, own in by_path.items()}

    def _index(self, doc: int, statement: Statement) -> None:
        """Statement `doc` in each index: by its ID, spec, identifiers, spans and numbers."""
        if statement.id:
            self.by_id.setdefault(statement.id, []).append(doc)
        self.by_spec.setdefault(statement.spec, []).append(doc)
        named = sorted(identifiers(drafted_callees(statement.text)))  # REVIEW-E409
        for name in named:
            self.by_name.setdefault(name, []).append(doc)
            self.by_spec_name.setdefault((statement.spec, name), []).append(doc)
            if "." in name:  # `Session.send()` is also met by a `send` of its own
                qualifier, last = name.rsplit(".", 1)
                self.by_last.setdefault(last, []).append((doc, qualifier, name))
        for word in reserved_spans(statement.text):
            self.by_reserved.setdefault(word, []).append(doc)
        # a header's words are the prose's (REVIEW-E404): "proxy authorization" is no split name
        split = [n for n in named if not is_header(n)]
        self.parts.append(
            [(n, p) for n in split if len(p := frozenset(words_of_identifier(n))) >= 2]
        )
        for literal in quoted_literals(statement.text):
            self.by_literal.setdefault(literal, []).append(doc)
        for number in stated_numbers(statement.text) | quoted_messages(statement.text):  # -E246
            self.by_number.setdefault(number, []).append(doc)
        called = sum(calls(name, statement.text) for name in named)
        self.overview.append(statement.kind == "context" and called >= OVERVIEW)

    def _account(self, accounts: Sequence[str]) -> tuple[dict[int, frozenset[str]], frozenset[int]]:
        said = self._sayings.said(accounts)
        # REVIEW-E198: a span it quotes (`<I.J`) that a subject line writes whole is said, a word
        spans = self._sayings.spans(accounts)
        spoken = frozenset(doc for span in spans for doc in self.by_literal[span])
        for doc in spoken:
            quoted = {f"`{span}`" for span in spans if doc in self.by_literal[span]}
            self.words[doc] |= quoted
            said[doc] = said.get(doc, frozenset()) | quoted
        return said, spoken

    def said_of(self, path: str) -> Said:
        """By statement, the words of it the account of the file at `path` says (REVIEW-15)."""
        return self._told_of.get(path, self._everywhere)[0]

    def told(self, hunk: Hunk) -> tuple[Said, frozenset[int]]:
        """What the account of the hunk's file says of each statement, and the statements whose
        quoted spans it writes (REVIEW-E198); nothing of a version's hunk (REVIEW-E266)."""
        if version_only(hunk):
            return {}, frozenset()
        return self._told_of.get(hunk.path, self._everywhere)

    def in_scope(self, specs: frozenset[str]) -> Scope:
        docs = frozenset(doc for spec in specs for doc in self.by_spec.get(spec, ()))
        return Scope(specs, docs)

    def rows(
        self,
        files: Sequence[tuple[int, FileChange]],
        skip_paths: Sequence[str],
        scoped: Mapping[str, frozenset[str]],
        imported: Mapping[str, frozenset[Line]],
        foreign: Mapping[str, frozenset[str]] | None = None,
    ) -> list[LinkRow]:
        """The links of the hunks of `files` (each with its index in the change), as rows;
        `scoped`: each path → its specs' ids; `imported`: its lines that only import; `foreign`:
        the names it binds to the standard library's modules (REVIEW-E221). Only code is linked
        by more than the IDs it names: prose and data describe, they do not do."""
        found: list[LinkRow] = []
        for at, file in files:
            if file.path in skip_paths or not file.hunks:
                continue
            code = is_code(file.path)
            scope = self.in_scope(scoped[file.path])
            quiet = imported.get(file.path, frozenset())
            heads = (foreign or {}).get(file.path, frozenset())
            for number, hunk in enumerate(file.hunks):
                links = hunk_links(hunk, self, code, scope, quiet, heads)
                found += [(at, number, *row) for row in links]
        return found

    def links(
        self,
        files: Sequence[FileChange],
        rows: Iterable[LinkRow],
        scoped: Mapping[str, frozenset[str]],
        around: Mapping[str, Mapping[int, tuple[str, ...]]] | None = None,
    ) -> list[Link]:
        """The rows as links between the hunks of `files` and the statements. A statement is a
        candidate for a hunk when its spec's scope covers the file, or the hunk names one of the
        spec's IDs or lies inside a definition the spec names. `around`: each path's hunks →
        the definitions around them, outermost first (REVIEW-E369 reads the innermost)."""
        rows = list(rows)
        inner = {
            (at, number): names[-1]
            for at, file in enumerate(files)
            for number, names in (around or {}).get(file.path, {}).items()
            if names
        }
        candidate = {
            (at, number, self.statements[doc].spec)
            for at, number, doc, kind, _, _ in rows
            if kind in (REFERENCE, ENCLOSING)
        }
        return [
            Link(
                files[at].hunks[number],
                self.statements[doc],
                kind,
                names,
                words,
                self.statements[doc].spec in scoped.get(files[at].path, frozenset())
                or (at, number, self.statements[doc].spec) in candidate,
                self._spread(
                    kind,
                    names,
                    doc,
                    scoped.get(files[at].path, frozenset()),
                    files[at].path,
                    inner.get((at, number), ""),
                ),
                self.said_of(files[at].path).get(doc, frozenset()).intersection(words),
            )
            for at, number, doc, kind, names, words in rows
        ]

    def _spread(
        self,
        kind: str,
        names: tuple[str, ...],
        doc: int,
        governing: frozenset[str],
        path: str = "",
        inner: str = "",
    ) -> int:
        """How many statements name the evidence's identifier, the fewest; REVIEW-E130: not a
        Context line, for the function a requirement or an edge case calls (`join()`) and a hunk
        lies inside (that line says how it works, the requirement what it must do); REVIEW-E134:
        then only the statements of its own kind in the specs governing the file: a requirement
        and the edge case of the same function are not rivals, and another spec's `optional()`
        is another file's function."""
        if kind == READS:  # the function that reads what the hunk writes
            return len(self.by_name.get(names[1], ())) or 1
        if kind not in (IDENTIFIER, ENCLOSING):
            return 1
        statement = self.statements[doc]
        if kind == ENCLOSING and self._subject(names, doc, governing, inner, path):  # -E369
            return self._subject_rivals(str(opening_call(statement.text)), doc, governing)
        called = kind == ENCLOSING and statement.kind != "context"
        # REVIEW-E202: a class a requirement or an edge case names is what it rules, as a
        # function it calls is: a Context line naming it too says how it works (cbor2's `Simple`);
        # REVIEW-E327: and so is a Rust constant whose value over lines holds it (`USERINFO`)
        called = called and any(
            function_name(name)
            or calls(name, statement.text)
            or class_name(name)
            or (path.endswith(".rs") and constant_name(name))
            for name in names
        )
        if not called and kind == ENCLOSING and statement.kind == "context":
            return min(self._context_rivals(name, doc) for name in names)  # REVIEW-E189
        if not called:  # every statement naming it is a rival
            return min(len(self.by_name.get(name, ())) or 1 for name in names)
        own = statement.spec in governing

        def rival(other: Statement) -> bool:
            if own:
                return other.kind == statement.kind and other.spec in governing
            return other.kind != "context"

        return min(
            sum(rival(self.statements[doc]) for doc in self.by_name.get(name, ())) or 1
            for name in names
        )

    def _subject(
        self, names: tuple[str, ...], doc: int, governing: frozenset[str], inner: str, path: str
    ) -> bool:
        """REVIEW-E369: a Context line of a spec governing the file opens with the innermost
        definition around the hunk (not its class: `VersionInfo(...)` is not `__hash__`), a
        function private to its module (`routeHTTP`: a public entry point's line walks through
        its whole pipeline, of which a change inside it touches one step), and no requirement
        or edge case names it, however qualified (REVIEW-E189: one would say what it must do,
        the line only how it works)."""
        statement = self.statements[doc]
        subject = opening_call(statement.text)
        if statement.kind != "context" or statement.spec not in governing:
            return False
        if subject is None or subject != inner.rsplit(".", 1)[-1]:
            return False
        if not (subject.startswith("_") or (path.endswith(".go") and subject[:1].islower())):
            return False
        if all(name.rsplit(".", 1)[-1] != subject for name in names):
            return False
        required = [
            *self.by_name.get(subject, ()),
            *(d for d, _, _ in self.by_last.get(subject, ())),
        ]
        return all(self.statements[other].kind == "context" for other in required)

    def _subject_rivals(self, subject: str, doc: int, governing: frozenset[str]) -> int:
        """REVIEW-E369: a hunk inside `routeHTTP()` concerns the Context line that opens with
        `routeHTTP()` more than those naming it in passing: its rivals are the Context lines
        of the specs governing the file that open with the same function."""
        return (
            sum(
                other.kind == "context"
                and other.spec in governing
                and opening_call(other.text) == subject
                for other in self.statements
            )
            or 1
        )

    def _context_rivals(self, name: str, doc: int) -> int:
        """REVIEW-E189: where only Context lines name the definition around a hunk, an
        overview (a line calling OVERVIEW functions or more: "`qs.parse()` calls `parseValues()`,
        then `parseKeys()`") is no rival of a line that speaks of fewer; the overview itself
        still counts every line naming it, and a requirement naming it keeps every rival."""
        docs = self.by_name.get(name, ())
        if self.overview[doc] or any(self.statements[d].kind != "context" for d in docs):
            return len(docs) or 1
        return sum(not self.overview[d] for d in docs) or 1


def hunk_links(
    hunk: Hunk,
    corpus: Corpus,
    code: bool,
    scope: Scope,
    quiet: frozenset[Line] = frozenset(),
    foreign: frozenset[str] = frozenset(),
) -> list[HunkLink]:
    """(statement, evidence kind, identifiers, shared words) of the hunk's links: the IDs it
    names, then for code the statements that name its identifiers, and in the spec's scope
    those whose words meet its identifiers or its words; the strongest few of each kind.
    `foreign`: the names its file binds to the standard library's modules (REVIEW-E221)."""
    lines = (line.text for line in (*hunk.added, *hunk.removed))
    named = {item_id for item_id, _ in dashed_references(lines, corpus.specs.prefixes)}
    found: dict[int, Found] = {
        doc: (REFERENCE, (item_id,)) for item_id in named for doc in corpus.by_id.get(item_id, ())
    }
    if not code:
        return [(doc, kind, names, ()) for doc, (kind, names) in sorted(found.items())]
    text = hunk_text(hunk)
    # REVIEW-E6, REVIEW-E137: neither an import's names nor the text of a Ruby string
    named_code = named_text(hunk, hunk_text(hunk, quiet) if quiet else text)
    names_in_hunk = own_names(code_names(named_code), named_code, foreign)  # REVIEW-E219, -E221
    names_in_hunk += spelled_headers(text, corpus.by_header)  # REVIEW-E404: `content-length`
    unchanged = unchanged_parameters(hunk)  # REVIEW-E224: `pos=0` on both sides of a `def`
    if any(name in BUILTIN_NAMES for name in names_in_hunk):  # REVIEW-E181, REVIEW-E262
        unchanged |= unchanged_errors(hunk)
    if unchanged:
        names_in_hunk = [name for name in names_in_hunk if name not in unchanged]
    if qualifiers := method_syntax_qualifiers(hunk):  # REVIEW-E206: `Ord::cmp(a, b)` as `a.cmp(b)`
        names_in_hunk = [name for name in names_in_hunk if name not in qualifiers]
    wordless = php_calls(hunk.path, text)  # REVIEW-E286: `empty()` says no "empty"
    bare = without_calls(without_errors(without_qualifiers(hunk, text), unchanged), wordless)
    hunk_words = hunk_words_of(bare)
    referred = {corpus.statements[doc].spec for doc in found} - scope.specs
    if referred:  # a spec whose IDs the hunk names is a candidate, as if in scope
        scope = corpus.in_scope(scope.specs | referred)
    said, spoken = corpus.told(hunk)
    name_links(corpus, names_in_hunk, scope, found, hunk_words, said, wordless)
    for doc in spoken & scope.docs:  # REVIEW-E198: what it quotes
        found.setdefault(doc, (WORDS, ()))
    for doc, name in private_spellings(corpus.by_name, names_in_hunk, scope.docs, DISTINCT_NAME):
        keep(found, doc, IDENTIFIER, name)  # REVIEW-E220: `_MAX_TIMESTAMP` is `MAX_TIMESTAMP`
    if corpus.by_literal and scope.docs:  # REVIEW-E143: what a spec quotes, in its scope
        _keep_scoped(found, corpus.by_literal, string_literals(text), scope.docs)
    if corpus.by_number and scope.docs:  # REVIEW-E197, -E246: a stated number, message the code
        dropped = dropped_numbers(hunk) | dropped_strings(hunk)  # stops writing
        _keep_scoped(found, corpus.by_number, dropped, scope.docs)
    return strongest(corpus, found, hunk_words, scope.docs, said)


def _keep_scoped(
    found: dict[int, Found], index: Mapping[str, list[int]], keys: Set[str], docs: Set[int]
) -> None:
    """Each statement of `docs` that `index` files under one of `keys`, as an identifier."""
    for key in sorted(keys & index.keys()):
        for doc in (doc for doc in index[key] if doc in docs):
            keep(found, doc, IDENTIFIER, key)
