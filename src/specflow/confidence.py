"""How sure a link is (REVIEW-3, REVIEW-15): from its evidence, and the rarity in the
repository's code of the words it shares, so a word the code uses everywhere tells little. Pure."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set

from specflow.globs import DATA, DOCUMENTS
from specflow.identifiers import GENERIC_NAMES, code_shaped, hunk_text, identifiers
from specflow.link import Link
from specflow.linkmatch import (
    ENCLOSING,
    HEADING,
    IDENTIFIER,
    PART,
    REACHES,
    READS,
    REFERENCE,
    WORDS,
)
from specflow.selfwrites import others_attribute
from specflow.spellings import calls
from specflow.words import words_of_identifier

# A question is asked at this confidence or above; words alone reach it only when two or more
# words that are not common in the code are shared.
MIN_CONFIDENCE = 0.5
COMMON = 0.35  # a word whose rarity is below this is common in the code: it never counts
RARE = 0.6  # a word this rare in the code may count alone
DESCRIBES = 0.8  # documentation or data that names an ID describes it; code implements it
SAID = 0.55  # a statement the change's subject lines or new tests' names speak of
CERTAIN = 0.95  # the hunk names the statement's ID or writes what it names
HEADS = 0.8  # a reference of the statement's ID heads the code the hunk changes
REACHED = 0.75  # a reference of the statement's ID heads untouched code that uses it
# REVIEW-E170: a value the statement quotes (`b""`), written by a hunk inside the function it
# names, tells that statement apart from the others naming the function, as a rare word would
VALUE = RARE


def rarity(counts: Mapping[str, int], files: int) -> dict[str, float]:
    """1 for a word found in one file of the repository's code, 0 for one found in every file.
    A small repository tells little: it counts as twenty files at least."""
    scale = math.log(max(files, 20) + 1)
    return {word: max(0.0, 1.0 - math.log(count + 1) / scale) for word, count in counts.items()}


MAX_RARITY_WORDS = 64  # searched in one `git grep`: a word not among them counts as common


def wanted_words(links: Iterable[Link]) -> list[str]:
    """The words whose rarity decides whether links by identifier words or shared words are
    asked: the most needed first, at most MAX_RARITY_WORDS."""
    wanted: Counter[str] = Counter()
    for link in links:
        if link.evidence in (WORDS, IDENTIFIER, ENCLOSING):  # not a value (REVIEW-E170)
            wanted.update(word for word in link.words if not word.startswith("`"))
        if link.evidence == IDENTIFIER:
            wanted.update(name.rsplit(".", 1)[-1].lower() for name in link.names)
        elif link.evidence == PART:
            wanted.update(part for name in link.names for part in words_of_identifier(name))
    return sorted(word for word, _ in wanted.most_common(MAX_RARITY_WORDS) if not word.isdigit())


def confidence(
    link: Link,
    rare: Mapping[str, float],
    acted: Set[str] = frozenset(),
    test: bool = False,
    touched: Set[str] = frozenset(),
    keys: Set[str] = frozenset(),
    outer: Sequence[str] = (),
    in_code: Mapping[str, float] = {},
) -> float:
    """From 0 to 1. Certain: the hunk names the statement's ID, or writes (or stops writing) an
    identifier the statement names. Strong: its changed lines read or call one, the fewer
    statements name it the stronger. Weak: it lies inside a definition the statement names, or
    an identifier's words meet the statement's, or they share words that are not common in the
    code. `acted`: the names the hunk writes or stops writing; `keys`: the mapping keys it writes
    by name (REVIEW-E119); `touched`: those and the function whose body it changes; `outer`: the
    definitions around it, outermost first (REVIEW-E237); `in_code`: how rare each word is in the
    code without its tests (REVIEW-E236). A test's hunks ask only about the IDs they name: a test
    verifies, and the review lists what no test mentions."""
    if link.evidence == REFERENCE:  # REVIEW-19: the code that names an ID is asked first
        if test:
            return 0.85
        return DESCRIBES if link.hunk.path.endswith((*DOCUMENTS, *DATA)) else CERTAIN
    if link.evidence == HEADING:  # REVIEW-E31: the code a reference heads, as check reads it
        return HEADS
    if link.evidence == REACHES:  # REVIEW-E32: the code a reference heads uses what it changes
        return REACHED
    if test:
        return 0.0
    if link.evidence == PART and _other_class(link.names, outer):
        return 0.0  # REVIEW-E237: `Pool.slot` is not the `self.slot` of `Job`
    if _writes_named(link, acted) and _writes_named(link, _own_acts(link, acted, outer)):
        return round(CERTAIN + 0.05 * _specific(link), 3)
    if not link.in_scope:
        return 0.0  # outside its candidates, only the ID or a named thing the hunk writes links
    sure = _confidence(link, rare, touched, keys, in_code)
    if len(link.said) >= 2:  # the author says two of its words, however common in the code: weak
        sure = max(sure, SAID)
    return round(min(1.0, sure), 3)


def _own_acts(link: Link, acted: Set[str], outer: Sequence[str]) -> Set[str]:
    """REVIEW-E285: the names the hunk writes, but those another owner's by the statement."""
    text = link.statement.text
    return {n for n in acted if not others_attribute(link.hunk, n, text, outer)}


def _writes_named(link: Link, acted: Set[str]) -> bool:
    """The hunk writes or stops writing an identifier the statement names: one shaped like
    code (`password_hash`, not `draft`, which may be a value), or the statement's own dotted
    name met by its last part (`users.password_hash`)."""
    if link.evidence == IDENTIFIER:
        return any(
            last in acted and code_shaped(last)
            for last in (name.rsplit(".", 1)[-1] for name in link.names)
        )
    if link.evidence == PART:
        named = identifiers(link.statement.text)
        return any(name in named and name.rsplit(".", 1)[-1] in acted for name in link.names)
    return False


def _other_class(names: Sequence[str], outer: Sequence[str]) -> bool:
    """REVIEW-E237: every dotted name of a link by its last part (`Pool.slot` met by a hunk's
    `slot`) is qualified by a class (a capitalised name) other than the classes around the hunk,
    when one is: another class's attribute of the same name is no evidence."""
    classes = {name for name in outer if name[:1].isupper()}
    qualifiers = [name.rsplit(".", 1)[0].rsplit(".", 1)[-1] for name in names if "." in name]
    return (
        bool(classes)
        and len(qualifiers) == len(names)
        and all(q[:1].isupper() and q not in classes for q in qualifiers)
    )


def _specific(link: Link) -> float:
    """1 for an identifier one statement names, less the more statements name it."""
    return 1 / (1 + 0.3 * (link.spread - 1))


def _confidence(
    link: Link,
    rare: Mapping[str, float],
    touched: Set[str],
    keys: Set[str],
    in_code: Mapping[str, float],
) -> float:
    bonus = 0.03 if link.in_scope else 0.0
    specific = _specific(link)
    if link.evidence == IDENTIFIER:
        last = [name.rsplit(".", 1)[-1] for name in link.names]
        last = [name for name in last if name not in GENERIC_NAMES or name in touched]
        if not last:
            return 0.0  # calls `split` or `join`: every program does
        # a name the code uses everywhere (`escape` in an escaping library) tells little, unless
        # the hunk writes it: `kw["exc_info"] = ...` (REVIEW-E119); the tests name what they
        # test again and again, and do not make it common (REVIEW-E236)
        # REVIEW-E239: a number it states that the hunk stops writing tells as a rare name
        rarest = max(
            1.0 if name in keys or name.isdigit() else _name_rarity(name, rare, in_code)
            for name in last
        )
        sure = 0.7 * (0.7 + 0.3 * specific) * (0.5 + 0.5 * rarest)
        return sure + bonus + _telling_bonus(link, rare)
    if link.evidence == READS:  # REVIEW-E168: what the function it names reads, surer than inside
        return 0.6 * (0.7 + 0.3 * specific) + bonus + _telling_bonus(link, rare)
    if link.evidence == ENCLOSING:  # REVIEW-E108: inside what one statement alone names: asked
        return 0.5 * (0.7 + 0.3 * specific) + bonus + _telling_bonus(link, rare)
    if link.evidence == PART:
        best = max(_parts_rarity(name, rare) for name in link.names)
        return 0.35 + 0.3 * best + bonus if best >= COMMON else 0.0
    telling = _telling(link, rare)
    # only candidates have word links (in scope, or named); one word must be rare to count
    if not telling or (len(telling) == 1 and telling[0] < RARE):
        return 0.0
    return min(0.75, 0.4 + 0.2 * sum(telling[:3])) + bonus


def _name_rarity(name: str, rare: Mapping[str, float], in_code: Mapping[str, float]) -> float:
    word = name.lower()
    return max(rare.get(word, 0.5), in_code.get(word, 0.0))


def _telling(link: Link, rare: Mapping[str, float]) -> list[float]:
    """The rarity of each shared word that is not common in the code, rarest first; a name
    every program uses (`split`, `join`) tells nothing, however rare in this code."""
    weights = sorted(
        (
            VALUE if word.startswith("`") else rare.get(word, 0.0)
            for word in link.words
            if word not in GENERIC_NAMES
        ),
        reverse=True,
    )
    return [weight for weight in weights if weight >= COMMON]


def _telling_bonus(link: Link, rare: Mapping[str, float]) -> float:
    """Words shared besides the identifier make a link surer: 0.05 each, up to three."""
    return 0.05 * min(3, len(_telling(link, rare)))


def ranking_words(link: Link, rare: Mapping[str, float]) -> float:
    """Among links equally sure, the one that shares more rare words ranks first."""
    return sum(_telling(link, rare)[:4])


PER_WORD = 0.1  # each word the change shares with the statement, up to SPOKEN_WORDS
SPOKEN_WORDS = 6
BY_KIND = {"requirement": 0.08, "edge-case": 0.0, "context": -0.08}


def standing(sure: float, kind: str, shared: int, explicit: bool = False) -> float:
    """Where a question ranks (REVIEW-21): certain questions first, by confidence, then those
    a reference in the code gives (`explicit`: REVIEW-E100, a `/* PARSE-3 */` heading the code
    outranks words); the others by confidence, raised for each word the change shares with
    the statement (its changed lines, subject lines and new tests' names speak of what the
    statement says) and for a requirement over a context line (what the code must do, before
    how it works today)."""
    if sure >= CERTAIN or explicit:
        return 1.0 + sure
    return sure + PER_WORD * min(shared, SPOKEN_WORDS) + BY_KIND.get(kind, 0.0)


def explicit(link: Link) -> bool:
    """REVIEW-E100: a reference in the code heads the changed code, or the code using what the
    change touches; REVIEW-E292: the latter only when the statement's spec governs the changed
    file: a caller's reference in another spec's code does not outrank the file's own specs."""
    return link.evidence == HEADING or (link.evidence == REACHES and link.in_scope)


def _parts_rarity(name: str, rare: Mapping[str, float]) -> float:
    """The second rarest word of a split identifier: one rare word alone does not make a match."""
    parts = [part for part in words_of_identifier(name) if not part.isdigit()]
    weights = sorted((rare.get(part, 0.0) for part in parts), reverse=True)
    return weights[1] if len(weights) > 1 else 0.0


def governed_hunks(links: Sequence[Link]) -> set[int]:
    """REVIEW-E242: the hunks (by `id`) a statement meets by the call of the `if` around them:
    a link by calls the statement makes (`client_authentication_required()`) that the hunk's own
    lines never name: the `if` around it makes it (REVIEW-E240), or the block a changed
    condition governs (REVIEW-18). SPEED-20: a hunk's text is read only for such a link."""
    texts: dict[int, str] = {}
    found: set[int] = set()
    for link in links:
        at = id(link.hunk)
        if link.evidence != IDENTIFIER or at in found or not _calls_only(link):
            continue
        text = texts[at] if at in texts else texts.setdefault(at, hunk_text(link.hunk))
        if all(name not in text for name in link.names):
            found.add(at)
    return found


def _calls_only(link: Link) -> bool:
    return all("." not in name and calls(name, link.statement.text) for name in link.names)


def commonly_written(
    link: Link, rare: Mapping[str, float], in_code: Mapping[str, float], acted: Set[str]
) -> bool:
    """REVIEW-E242: a link certain only because the hunk writes one name that the code uses
    everywhere (`request.client_id = ...` in oauthlib): the call governing the hunk's block
    tells more. A name the hunk writes that is not common keeps the link certain."""
    if not _writes_named(link, acted):
        return False
    written = {n.rsplit(".", 1)[-1] for n in link.names} & acted
    return all(_name_rarity(name, rare, in_code) < COMMON for name in written)
