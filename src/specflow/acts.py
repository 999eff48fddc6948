"""What a hunk does, as the review's questions show it: the names it writes (and with what),
stops writing, or the definition it changes. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from specflow.globs import is_code
from specflow.languages.base import ITEM, ITEM_FUNCTION, LOCAL
from specflow.languages.defining import header_function
from specflow.spellings import constant_name
from specflow.tableentry import on_statement, table_entry

if TYPE_CHECKING:
    from specflow.change import Hunk
    from specflow.languages.base import Symbol
    from specflow.link import Link


@dataclass(frozen=True)
class Act:
    """One thing a hunk does: `writes` NAME (using a producer), `stops writing` NAME, `changes`;
    as shown, of Python, `adds` a definition whole (REVIEW-E166). `kind`: "class" when the
    syntax tells NAME is one (shown with no call), else ""."""

    verb: str
    name: str
    using: str = ""
    kind: str = ""
    local: bool = False  # REVIEW-E162: a Go function's own local, which no statement's name meets
    item: bool = False  # REVIEW-E204: a Rust item whose attributes alone the hunk changes
    entry: bool = False  # REVIEW-E225: a few entries of a long table: not what its statements say


def class_kind(kind: str) -> str:
    """REVIEW-E166: only a class is told apart: a function is what `changes NAME` meant."""
    return kind if kind == "class" else ""


def shown_acts(acts: tuple[Act, ...], described: tuple[Act, ...] | None) -> tuple[Act, ...]:
    """REVIEW-E166: what a hunk that writes no name does, as shown: the definitions it adds
    whole or changes (`described`), rather than the innermost around its last line alone."""
    return described if described and all(act.verb == "changes" for act in acts) else acts


def named_first(acts: Iterable[Act], best: Link) -> tuple[Act, ...]:
    """What the hunks do, what the evidence names first: of a hunk that writes nine names, the
    one the statement speaks of is what the reviewer reads first (REVIEW-5)."""
    named = {name.rsplit(".", 1)[-1] for name in best.names}
    return tuple(sorted(acts, key=lambda act: act.name.rsplit(".", 1)[-1] not in named))


def evidence(
    hunk: Hunk, symbols: Sequence[Symbol], enclosing: Sequence[str] | None = None
) -> tuple[Act, ...]:
    """What a hunk does: the names it writes (and with what), stops writing, or the function it
    changes (the innermost around it; git's hunk header when the syntax is not known)."""
    mine = [symbol for symbol in symbols if symbol.path == hunk.path]
    added = [line.number for line in hunk.added] if mine else []
    removed = [line.number for line in hunk.removed] if mine else []
    acts: dict[tuple[str, str], Act] = {}
    # REVIEW-E424: a name the hunk defines again as a function (`Foo.prototype.touch = ...`
    # made `defineMethod(Foo.prototype, 'touch', function touch() {`) is changed, not stopped
    defined = {s.name for s in mine if s.kind == "function" and on_statement(s, added)}
    for symbol in mine:
        if symbol.kind == "write" and on_statement(symbol, added):
            using = symbol.producers[0] if symbol.producers else ""
            local = symbol.reach == LOCAL and symbol.path.endswith(".go")  # REVIEW-E162
            if symbol.reach in (ITEM, ITEM_FUNCTION):  # REVIEW-E204: its attributes changed
                kind = "class" if symbol.reach == ITEM else ""
                act = Act("changes", symbol.name, kind=kind, item=True)
                acts.setdefault(("changes", symbol.name), act)
                continue
            entry = table_entry(symbol, hunk.added)
            act = Act("writes", symbol.name, using, local=local, entry=entry)
            acts.setdefault(("writes", symbol.name), act)
        elif symbol.kind == "unwrite" and on_statement(symbol, removed):
            if symbol.name in defined:
                acts.setdefault(("changes", symbol.name), Act("changes", symbol.name))
                continue
            act = Act("stops writing", symbol.name, entry=table_entry(symbol, hunk.removed))
            acts.setdefault(("stops writing", symbol.name), act)
    if acts:
        return tuple(acts.values())
    if enclosing is not None:  # the syntax is known: git's header may name an earlier function
        name = enclosing[-1] if enclosing else ""
        constant = hunk.path.endswith(".rs") and constant_name(name)  # REVIEW-E327: no call
        return (Act("changes", name, kind="class" if constant else ""),)
    # git's header of a Markdown hunk is a heading, not a function
    return (Act("changes", header_function(hunk.header) if is_code(hunk.path) else ""),)
