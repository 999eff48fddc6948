"""Spec IDs, requirement IDs and the bare-word references to them (SPEC-FORMAT sections 1 and 2)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import NamedTuple

SPEC_ID = r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"
SPEC_ID_RE = re.compile(rf"{SPEC_ID}\Z")

# An ID is a spec id, a dash, an optional `E` (edge case) and a number. The lazy prefix lets
# `AUTH-SESSION-1` split as AUTH-SESSION + 1 (FORMAT-E2), and the guards make it a whole word.
_ITEM_ID = r"(?P<prefix>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*?)-(?P<edge>E?)(?P<number>[0-9]+)"
ITEM_ID_RE = re.compile(rf"{_ITEM_ID}\Z")
# FORMAT-8: a whole word, Unicode letters included: `ÄRESET-1` and `RESET-1-2` are other words.
# SOURCES-3: the same word may end in `.2` (Kiro's criterion `1.2`) or be a lowercase slug
# (OpenSpec's `PASSWORD-RESET-reset-link-expiry`); each counts only for a spec of that format.
REFERENCE_RE = re.compile(
    r"(?<![\w-])(?P<prefix>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*?)-"
    r"(?:(?P<edge>E?)(?P<number>[0-9]+)(?P<sub>\.[0-9]+)?|(?P<slug>[a-z][a-z0-9]*(?:-[a-z0-9]+)*))"
    r"(?!\w|-\w)"
)


class Prefixes(frozenset[str]):
    """The known spec ids; `dotted` and `slugged` are those whose IDs end in `1.2` (Kiro) or in
    a lowercase slug (OpenSpec). A plain frozenset is a set of plain prefixes."""

    dotted: frozenset[str] = frozenset()
    slugged: frozenset[str] = frozenset()


def prefixes_of(
    plain: frozenset[str],
    dotted: frozenset[str] = frozenset(),
    slugged: frozenset[str] = frozenset(),
) -> Prefixes:
    found = Prefixes(plain | dotted | slugged)
    found.dotted, found.slugged = dotted, slugged
    return found


def prefix_of(item_id: str) -> str:
    """`RESET-1` → `RESET`, `PASSWORD-RESET-1.2` → `PASSWORD-RESET`, `AUTH-reset-link` → `AUTH`."""
    match = REFERENCE_RE.fullmatch(item_id)
    return match["prefix"] if match else item_id.rsplit("-", 1)[0]


def is_one_word(item_id: str) -> bool:
    """`API-compatible`: a slug of one word, as English compounds are (SOURCES-E16)."""
    match = REFERENCE_RE.fullmatch(item_id)
    return bool(match and match["slug"] and "-" not in match["slug"])


class ItemId(NamedTuple):
    prefix: str
    number: int
    edge: bool

    def __str__(self) -> str:
        return f"{self.prefix}-{'E' if self.edge else ''}{self.number}"


def parse_item_id(text: str) -> ItemId | None:
    match = ITEM_ID_RE.match(text)
    if not match:
        return None
    return ItemId(match["prefix"], int(match["number"]), bool(match["edge"]))


# CHECK-E54, LINT-E12: prefixes of standards' and registries' names, written with a dash as
# often as not (`ISO-8601`, `RFC-3339`, `PEP-8`, `UTF-8`, `SHA-256`, `CVE-2021-1234`): a spec
# called so makes each of them read as a reference to it.
STANDARD_PREFIXES = frozenset(
    {"ANSI", "BIP", "CP", "CRC", "CVE", "CWE", "ECMA", "EIP", "ERC", "FIPS", "IEC", "IEEE"}
    | {"ISO", "JSR", "MD", "PEP", "PSR", "RFC", "SHA", "UCS", "UTF", "WCAG"}
)


def standard_name(item_id: str) -> bool:
    """`ISO-8601`, `SHA-256`: an ID-shaped word that may name a standard; an edge case's ID
    (`ISO-E1`) never does."""
    parsed = parse_item_id(item_id)
    return parsed is not None and not parsed.edge and parsed.prefix in STANDARD_PREFIXES


def spec_id_from_file_name(stem: str) -> str:
    """`password-reset` → `PASSWORD-RESET`, `über` → `UBER`; what cannot be an ID is dropped."""
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_stem)
    candidate = "-".join(words).upper()
    return candidate.lstrip("-0123456789") or candidate


def find_references(text: str, prefixes: frozenset[str]) -> Iterator[tuple[str, int]]:
    """Each (ID, column) in `text` whose prefix is a known spec id; `SHA-256` is not one."""
    if not prefixes:
        return
    dotted: frozenset[str] = getattr(prefixes, "dotted", frozenset())
    slugged: frozenset[str] = getattr(prefixes, "slugged", frozenset())
    for match in REFERENCE_RE.finditer(text):
        prefix = match["prefix"]
        if prefix not in prefixes:
            continue
        if match["slug"]:
            if prefix in slugged:
                yield match.group(0), match.start() + 1
        elif match["sub"] and prefix not in dotted:
            yield match.group(0)[: -len(match["sub"])], match.start() + 1
        else:
            yield match.group(0), match.start() + 1


# CHECK-19: `SIGN-1..5` (or `SIGN-1..SIGN-5`) in a commit message names every ID in it.
_RANGE_END = re.compile(
    r"\.\.(?:(?P<prefix>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*?)-)?(?P<edge>E?)(?P<number>[0-9]+)(?!\w)"
)
MAX_RANGE = 200  # a longer range is a typo more likely than a commit that implements it all


def find_references_with_ranges(text: str, prefixes: frozenset[str]) -> Iterator[str]:
    """`find_references`, with each range expanded to the IDs it names."""
    for item_id, column in find_references(text, prefixes):
        yield item_id
        end = _RANGE_END.match(text, column - 1 + len(item_id))
        start = parse_item_id(item_id)
        if not end or not start or (end["prefix"] or start.prefix) != start.prefix:
            continue
        edge = "E" if start.edge else ""
        last = int(end["number"])
        if bool(end["edge"]) != start.edge and end["prefix"]:
            continue
        if start.number < last <= start.number + MAX_RANGE:
            yield from (f"{start.prefix}-{edge}{n}" for n in range(start.number + 1, last + 1))
        else:  # backwards or too long: its end is named as written, and judged like any ID
            yield f"{start.prefix}-{edge}{last}"


def dashed_references(lines: Iterable[str], prefixes: frozenset[str]) -> Iterator[tuple[str, int]]:
    """The IDs the lines name (a hunk's). An ID is in a (whitespace-separated) word with a dash,
    and the search looks no further than the whitespace around it: searching only those words,
    joined by spaces, finds the same IDs, without a slow pass over every line."""
    dashed = (word for text in lines if "-" in text for word in text.split() if "-" in word)
    return find_references(" ".join(dashed), prefixes)


def taken_numbers(prefix: str, ids: Iterable[str]) -> set[tuple[bool, int]]:
    """The (edge case?, number) pairs `ids` hold under `prefix`: numbers never reused (LINT-8)."""
    return {
        (parsed.edge, parsed.number)
        for item_id in ids
        if (parsed := parse_item_id(item_id)) and parsed.prefix == prefix
    }


def next_number(taken: set[tuple[bool, int]], edge: bool) -> int:
    """The number after the highest one `taken` holds for requirements, or for edge cases."""
    return 1 + max((number for is_edge, number in taken if is_edge == edge), default=0)
