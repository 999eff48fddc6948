"""Java's tokens as they run, for the token comparison of a hunk: explicit type arguments of
an expression added or dropped (REVIEW-E417: erased at run time), a Yoda comparison turned
round (REVIEW-E418), and an annotation only the compiler reads (REVIEW-E419)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from specflow.languages.brackets import matching
from specflow.languages.javaforms import final_fields
from specflow.languages.nullfirst import yoda_turned

if TYPE_CHECKING:
    from specflow.change import Hunk
    from specflow.languages.javaforms import Runs
    from specflow.languages.tokens import Side, Sides

Tokens = Callable[..., list[str]]  # `tokens(lines, side=side)`: a run's tokens on its side

# REVIEW-E419: annotations javac and static checkers read, none a framework reads at run time
# (an allow-list: an unknown one, `@JsonProperty`, `@SerializedName`, `@Inject`, still asks)
_COMPILE_ONLY = frozenset(
    (
        *("Override", "SuppressWarnings", "SafeVarargs", "FunctionalInterface"),
        *("CanIgnoreReturnValue", "CheckReturnValue", "MustBeClosed", "InlineMe"),
        *("Nullable", "NonNull", "Nonnull", "CheckForNull", "NullMarked", "NullUnmarked"),
        *("ParametersAreNonnullByDefault", "MonotonicNonNull", "PolyNull"),
    )
)
# Lombok's `@NonNull` and AutoValue's and Immutables' generated constructors write a null
# check for them, and Spring, Guice and Dagger read any `@Nullable` on an injection point: in
# their files, nullness annotations still ask
_NULLNESS = frozenset(("Nullable", "NonNull", "Nonnull", "CheckForNull", "MonotonicNonNull"))
_RUNTIME_NULLNESS = re.compile(
    r"^\s*import\s+(?:static\s+)?(?:lombok|org\.springframework|com\.google\.auto\.value"
    r"|org\.immutables|com\.google\.inject|(?:javax|jakarta)\.inject|dagger)\."
)
_WORD = re.compile(r"[A-Za-z_]\w*\Z")
# what a type argument list holds: names, `.`, `,`, `?`, `extends`, `super`, `[]`, `&`, `@`
_IN_TYPE = frozenset((".", ",", "?", "[", "]", "&", "@", "<", ">"))


def java_same(hunks: Sequence[Hunk], runs: Runs, sides: Sides, tokens: Tokens) -> set[int]:
    """The hunks that only make a field final (REVIEW-E315), or whose every run reads the
    same on both sides once REVIEW-E417, REVIEW-E418 and REVIEW-E419 spell each one way (both
    sides known)."""
    found = final_fields(hunks, runs)
    before, after = sides
    if before is None or after is None or len(found) == len(hunks):
        return found
    plain = _COMPILE_ONLY - (_NULLNESS if _runtime_nullness(before, after) else frozenset())
    return found | {
        index
        for index, hunk in enumerate(hunks)
        if (hunk.added or hunk.removed)
        and all(
            _same(
                yoda_turned(_unannotated(tokens(removed, side=before), plain)),
                yoda_turned(_unannotated(tokens(added, side=after), plain)),
            )
            for removed, added in runs(hunk)
        )
    }


def _runtime_nullness(*sides: Side) -> bool:
    return any(_RUNTIME_NULLNESS.match(line) for side in sides for line in side.uncommented)


def _unannotated(tokens: list[str], plain: frozenset[str]) -> list[str]:
    """REVIEW-E419: the tokens without the annotations in `plain` (`@Override`,
    `@SuppressWarnings("unchecked")`, `@javax.annotation.Nullable`), each with its arguments
    when their `)` is on the run's lines (else it is left, and the run asks)."""
    if "@" not in tokens:
        return tokens
    out: list[str] = []
    at = 0
    while at < len(tokens):
        end = _annotation_end(tokens, at, plain) if tokens[at] == "@" else None
        if end is None:
            out.append(tokens[at])
            at += 1
        else:
            at = end
    return out


def _annotation_end(tokens: list[str], at: int, plain: frozenset[str]) -> int | None:
    at += 1
    if at >= len(tokens) or not _WORD.match(tokens[at]) or tokens[at] == "interface":
        return None
    while tokens[at + 1 : at + 2] == ["."] and _WORD.match("".join(tokens[at + 2 : at + 3])):
        at += 2
    if tokens[at] not in plain:
        return None
    if tokens[at + 1 : at + 2] != ["("]:
        return at + 1
    closing = matching(tokens, at + 1, "()")
    return None if closing is None else closing + 1


def _same(old: list[str], new: list[str]) -> bool:
    """REVIEW-E417: the two runs are the same tokens once the explicit type arguments of an
    expression are read apart, and where both sides give them at one place they agree: one
    side may add or drop them, not change them (`<String>` to `<Object>` may change what the
    code after calls)."""
    if old == new:
        return True
    kept_old, args_old = _erased(old)
    kept_new, args_new = _erased(new)
    if kept_old != kept_new:
        return False
    return all(args_new.get(at, args) == args for at, args in args_old.items())


def _erased(tokens: list[str]) -> tuple[list[str], dict[int, tuple[str, ...]]]:
    """The tokens without the type arguments of a call's witness (`Collections.<String>
    emptyList(`: dropped with their `<>`) and of a `new` that is no anonymous class (`new
    ArrayList<String>(...)` as `new ArrayList<>(...)`), and those arguments by where they
    stood in what is kept. A `var` declares its type by them: that side is kept whole."""
    if "<" not in tokens or "var" in tokens:
        return tokens, {}
    kept: list[str] = []
    args: dict[int, tuple[str, ...]] = {}
    at = 0
    while at < len(tokens):
        closing = _arguments_end(tokens, at)
        if closing is None:
            kept.append(tokens[at])
            at += 1
            continue
        if closing > at + 1:
            args[len(kept)] = tuple(tokens[at + 1 : closing])
        if tokens[at - 1] != ".":  # a `new`'s diamond stays
            kept += ["<", ">"]
        at = closing + 1
    return kept, args


def _arguments_end(tokens: list[str], at: int) -> int | None:
    """Where the type arguments opening at `at` close, when they are an expression's."""
    if tokens[at] != "<" or at == 0:
        return None
    closing = matching(tokens, at, "<>")
    if closing is None or not all(
        word in _IN_TYPE or _WORD.match(word) for word in tokens[at + 1 : closing]
    ):
        return None
    after = tokens[closing + 1 : closing + 3]
    if tokens[at - 1] == ".":  # a witness: `.<T>name(`
        called = len(after) == 2 and _WORD.match(after[0]) and after[1] == "("
        return closing if called and not _received(tokens, closing + 2) else None
    if after[:1] != ["("] or not _constructed(tokens, at):
        return None
    end = matching(tokens, closing + 1, "()")
    anonymous = end is None or tokens[end + 1 : end + 2] in (["{"], [])
    return None if anonymous or _received(tokens, closing + 1) else closing


def _received(tokens: list[str], opened: int) -> bool:
    """Whether the call whose `(` is at `opened` is a receiver (`Optional.<String>empty()
    .orElse(null)`): no target types it there, so its type arguments alone type the member
    read, and dropped they may pick another overload of what takes it."""
    end = matching(tokens, opened, "()")
    return end is not None and tokens[end + 1 : end + 2] == ["."]


def _constructed(tokens: list[str], at: int) -> bool:
    """Whether a `new` names the class whose `<` is at `at` (`new java.util.HashMap<`)."""
    at -= 1
    while at > 1 and tokens[at - 1] == "." and _WORD.match(tokens[at - 2]):
        at -= 2
    return at > 0 and bool(_WORD.match(tokens[at])) and tokens[at - 1] == "new"
