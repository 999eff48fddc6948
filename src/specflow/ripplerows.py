"""The rows of evidence a hunk gets through what it writes and who uses it, once ripples are
known: a reference heading the untouched code that uses a changed name (REVIEW-E32), a
function a statement names that alone reads a written name (REVIEW-E168), a name a statement
over several lines writes (REVIEW-E53). Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from specflow.change import FileChange
from specflow.heading import heading_lines, implementing, lazy_lines
from specflow.identifiers import code_names, hunk_text
from specflow.link import Corpus, LinkRow
from specflow.linkmatch import DISTINCT_NAME, IDENTIFIER, REACHES, READS, keep, name_links
from specflow.spellings import private_spellings

if TYPE_CHECKING:
    from specflow.languages.base import Symbol
    from specflow.refs import Reference
    from specflow.ripple import Ripple


def reach_rows(
    corpus: Corpus,
    files: Sequence[FileChange],
    rippled: Sequence[Ripple],
    references: Sequence[Reference],
    sources: Mapping[str, tuple[bytes | None, bytes | None]] | None = None,
) -> list[LinkRow]:
    """REVIEW-E32: a name the change touches that untouched code uses, where a reference that
    implements an ID heads that code: the hunk that touches it is linked to that requirement,
    through the use (`verify_password` reads the hash the reset now writes, under `# AUTH-1`),
    wherever the changed file is."""
    heads = implementing(references)
    at_path = {file.path: at for at, file in enumerate(files)}
    lines = {path: lazy_lines(new) for path, (_, new) in (sources or {}).items()}
    found: list[LinkRow] = []
    for ripple in rippled:
        symbol = ripple.symbol
        # REVIEW-E182: a read the hunk removes (`and self._state == 1`) changes nothing the
        # other readers of the name read: a ripple to list, no reach into their requirements
        if ripple.settled or symbol.path not in at_path or symbol.kind == "unread":
            continue
        at = at_path[symbol.path]
        number = _hunk_at(files[at], symbol.line)
        for use in ripple.uses:
            read = lines.get(use.path)  # a file the change leaves alone: no text, the line rule
            for reference in heading_lines(heads.get(use.path, []), use.line, use.line, read):
                where = f"{use.path}:{use.line}"
                for doc in corpus.by_id.get(reference.id, ()):
                    found.append((at, number, doc, REACHES, (symbol.name, where), ()))
    return found


def reader_rows(
    corpus: Corpus,
    files: Sequence[FileChange],
    rippled: Sequence[Ripple],
    scoped: Mapping[str, frozenset[str]],
) -> list[LinkRow]:
    """REVIEW-E168: a module's name the change writes (`IPv4_STYLE_HOSTNAME = re.compile(...)`)
    whose only user, untouched, is a function a statement names (`encode_host()` reads it): the
    hunk that writes it is linked to the one requirement or edge case naming that function, in
    the specs governing the changed file (a Context line says how it works, not what it must)."""
    at_path = {file.path: at for at, file in enumerate(files)}
    found: list[LinkRow] = []
    for ripple in rippled:
        symbol = ripple.symbol
        if ripple.settled or symbol.kind != "write" or symbol.function:
            continue
        at = at_path.get(symbol.path)
        specs = scoped.get(symbol.path, frozenset())
        if at is None or not specs:
            continue
        readers = {use.function for use in ripple.uses if use.use != "definition"}
        if ripple.more or len(readers) != 1 or "" in readers:
            continue  # a logger every function reads is none's: its only reader, or nothing
        use = next((use for use in ripple.uses if use.use == "read"), None)
        if use is None:
            continue
        function = use.function.rsplit(".", 1)[-1]
        number = _hunk_at(files[at], symbol.line)
        where = f"{use.path}:{use.line}"
        named = [
            doc
            for spec in sorted(specs)
            for doc in corpus.by_spec_name.get((spec, function), ())
            if corpus.statements[doc].kind != "context"
        ]
        if len(named) == 1:  # what one rule alone says of that function: measured, not many
            found.append((at, number, named[0], READS, (symbol.name, function, where), ()))
    return found


def written_rows(
    corpus: Corpus,
    files: Sequence[FileChange],
    symbols: Sequence[Symbol],
    scoped: Mapping[str, frozenset[str]],
) -> list[LinkRow]:
    """REVIEW-E53: a hunk inside a statement that writes a name over several lines (an entry
    added to `ALLOWED = frozenset({...})`) writes that name though its own lines do not say
    it: the statements that name it are linked as if they did."""
    at_path = {file.path: at for at, file in enumerate(files)}
    found: list[LinkRow] = []
    for symbol in symbols:
        if symbol.kind != "write" or symbol.last <= symbol.line or symbol.path not in at_path:
            continue
        named: dict[int, tuple[str, tuple[str, ...]]] = {}
        scope = corpus.in_scope(scoped.get(symbol.path, frozenset()))
        name_links(corpus, [symbol.name], scope, named)
        for doc, _ in private_spellings(corpus.by_name, [symbol.name], scope.docs, DISTINCT_NAME):
            keep(named, doc, IDENTIFIER, symbol.name)  # REVIEW-E220
        docs = [doc for doc, (kind, _) in named.items() if kind == IDENTIFIER]
        at = at_path[symbol.path]
        for number, hunk in enumerate(files[at].hunks):
            inside = any(symbol.line < line.number <= symbol.last for line in hunk.added)
            if inside and symbol.name not in code_names(hunk_text(hunk)):
                found += [(at, number, doc, IDENTIFIER, (symbol.name,), ()) for doc in docs]
    return found


def _hunk_at(file: FileChange, line: int) -> int:
    """The hunk that holds `line` of the new side, else the first one after it (a function
    whose body changed is named at its `def` line), else the last."""
    for number, hunk in enumerate(file.hunks):
        if line <= hunk.new_end:
            return number
    return len(file.hunks) - 1
