"""Words shared between code and prose: identifiers split, stemmed, ranked with BM25. Pure."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from functools import lru_cache
from itertools import chain

from specflow.ids import REFERENCE_RE

# Translated with this table, `split()` finds the runs `[A-Za-z0-9]+` finds, 3x as fast.
_RUNS = bytes(c if chr(c).isascii() and chr(c).isalnum() else 0x20 for c in range(256))
# REVIEW-E230: an acronym's plural (`UUIDs`) is read whole, and is no word: not the fragment `uui`
_PART = re.compile(r"[A-Z]{2,}s(?![a-z])|[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "but",
        "by",
        "can",
        "could",
        "do",
        "does",
        "each",
        "else",
        "for",
        "from",
        "has",
        "have",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "more",
        "must",
        "no",
        "not",
        "of",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "our",
        "should",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "under",
        "up",
        "use",
        "used",
        "uses",
        "using",
        "via",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "you",
        "your",
        "def",
        "return",
        "self",
        "cls",
        "import",
        "class",
        "none",
        "true",
        "false",
        "elif",
        "try",
        "except",
        "raise",
        "pass",
        "lambda",
        "const",
        "let",
        "var",
        "function",
        "func",
        "fn",
        "str",
        "int",
        "bool",
        "dict",
        "list",
        "tuple",
        "set",
        "async",
        "await",
        "yield",
        "print",
        "new",
        "get",
        "todo",
        "fixme",
    ]
)


# REVIEW-E191: irregular past forms whose verb the rules below stem whole (`sending`, `sends`
# and `send` are `send`): "Events sent in the wrong state" meets "Check the state when sending"
IRREGULAR = {
    "sent": "send",
    "thrown": "throw",
    "threw": "throw",
    "built": "build",
    "kept": "keep",
    "held": "hold",
    "caught": "catch",
    "broken": "break",
    "broke": "break",
    "begun": "begin",
    "began": "begin",
    "shown": "show",
    "told": "tell",
    "spent": "spend",
}


def stem(word: str) -> str:
    """A deliberately small stemmer: plurals, -ing, -ed; `hashes` ~ `hashed` ~ `hash`; a few
    irregular past forms (REVIEW-E191). A verb's silent `-e` stays (`mutated` is `mutat`,
    `mutate` is `mutate`): meeting them asked more wrong questions than right (REVIEW-E245)."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    for suffix, keep in (
        ("ies", "y"),
        ("sses", "ss"),
        ("shes", "sh"),
        ("ches", "ch"),
        ("xes", "x"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + keep
    if word.endswith("ing") and len(word) > 5:
        return _undoubled(word[:-3])
    if word.endswith("ed") and len(word) > 4:
        return _undoubled(word[:-2])
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def as_written(stems: Iterable[str], text: str) -> list[str]:
    """REVIEW-E67: shared words as the statement writes them (`undefined`, not its stem
    `undefin`); a stem it does not write (a commit subject's word) as it is. REVIEW-E429: the
    words of one identifier the statement spells (`SameSite`, `max_age`), all shared, as that
    identifier once, where its first word stands."""
    written: dict[str, str] = {}
    for part in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", text):  # `isUndefined`: undefined
        written.setdefault(stem(part.lower()), part.lower())
    stems = list(stems)
    joined = _identifiers_of(set(stems), text)
    shown: list[str] = []
    for word in stems:
        name = joined.get(word, written.get(word, word))
        if name not in shown:
            shown.append(name)
    return shown


def _identifiers_of(stems: Set[str], text: str) -> dict[str, str]:
    """REVIEW-E429: each of `stems` that is a word of an identifier of two or more words the
    text spells, all of them among `stems` → that identifier (the first the text spells)."""
    found: dict[str, str] = {}
    for name in dict.fromkeys(_IDENTIFIER.findall(text)):
        words = {stem(word) for word in words_of_identifier(name)}
        if len(words) >= 2 and words <= stems:
            for word in words:
                found.setdefault(word, name)
    return found


# a word or an identifier, whose words `words_of_identifier` tells: `SameSite`, `max_age`
_IDENTIFIER = re.compile(r"\b[A-Za-z][A-Za-z0-9_]*\b")


def _undoubled(stem: str) -> str:
    """`stripp` (stripping) is `strip`, `mapp` (mapped) `map`; `fall`, `pass`, `buzz` stay."""
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "aeiouylsz":
        return stem[:-1]
    return stem


def tokens(text: str) -> list[str]:
    """`user.password_hash`, `hashPassword`, `SHA-256` → user, password, hash, sha, 256."""
    runs = _runs(text)
    return list(chain.from_iterable(map(_words_of(set(runs)).__getitem__, runs)))


@lru_cache(maxsize=65536)
def words_of_identifier(name: str) -> tuple[str, ...]:
    """`HTTPDigestAuth` → http, digest, auth: each word once, in order."""
    return tuple(dict.fromkeys(tokens(name)))


def word_set(text: str) -> set[str]:
    """The distinct tokens of `text`."""
    runs = set(_runs(text))
    return set(chain.from_iterable(map(_words_of(runs).__getitem__, runs)))


def _runs(text: str) -> list[bytes]:
    # surrogatepass: a lone surrogate becomes bytes above 127, which separate runs, as any
    # other non-ASCII character does
    return text.encode("utf-8", "surrogatepass").translate(_RUNS).split()


_RUN_WORDS: dict[bytes, tuple[str, ...]] = {}


def _words_of(runs: set[bytes]) -> dict[bytes, tuple[str, ...]]:
    """The words of each run of letters and digits, of `runs` among others. Code repeats its
    identifiers, so each is split once (while the cache stays small)."""
    if len(_RUN_WORDS) > 65536:
        _RUN_WORDS.clear()
    for run in runs.difference(_RUN_WORDS):
        _RUN_WORDS[run] = _split(run.decode("ascii"))
    return _RUN_WORDS


def _split(run: str) -> tuple[str, ...]:
    found = []
    for part in _PART.findall(run):
        if part[-1] == "s" and part[:-1].isupper():
            continue  # REVIEW-E230: `UUIDs`, `URLs`: no fragment (`uui`), as `IDs` gives none
        word = part.lower()
        if word in STOP_WORDS or (len(word) < 3 and not word.isdigit()):
            continue
        if len(set(word)) == 1 and word.isalpha():
            continue  # REVIEW-E229: `xxxx`, `YYYY` stand for a value
        found.append(stem(word))
    return tuple(found)


class BM25:
    """Okapi BM25 over the statements of a spec set (thousands, not millions): among links of
    the same kind of evidence, the statement that shares more of a hunk's words ranks first.
    A query is a set of words, so a statement's score is a sum of per-(word, statement) weights,
    computed once."""

    COMMON = 16  # a word in more than 1/16 of the statements is common: see `score`

    def __init__(self, documents: Sequence[Iterable[str]], k1: float = 1.2, b: float = 0.75):
        counts = [Counter(document) for document in documents]
        lengths = [sum(count.values()) for count in counts]
        average = (sum(lengths) / len(lengths)) if lengths else 0.0
        postings: dict[str, list[tuple[int, int]]] = {}
        for doc, count in enumerate(counts):
            for word, times in count.items():
                postings.setdefault(word, []).append((doc, times))
        total = len(counts)
        # each statement's (word, weight), the common words apart, both in alphabetical order
        self.common: list[list[tuple[str, float]]] = [[] for _ in counts]
        self.rare: list[list[tuple[str, float]]] = [[] for _ in counts]
        for word in sorted(postings):
            found = postings[word]
            idf = math.log((total - len(found) + 0.5) / (len(found) + 0.5) + 1)
            terms = self.common if len(found) * self.COMMON > total else self.rare
            for doc, times in found:
                norm = times + k1 * (1 - b + b * lengths[doc] / average)
                terms[doc].append((word, idf * times * (k1 + 1) / norm))

    def score(self, words: Set[str], doc: int) -> float:
        """Statement `doc`'s score, summed as it always was (the common words with `sum`, then
        the rare ones one by one, each in alphabetical order) so that it stays the same float."""
        total = sum([weight for word, weight in self.common[doc] if word in words], 0.0)
        for word, weight in self.rare[doc]:
            if word in words:
                total += weight
        return total


# What commit messages say of every change: how, not what (conventional commits' types too).
_MESSAGE_FILLER = word_set(
    "add allow avoid bump change chore ci docs ensure feat fix fixes handle handling improve "
    "instead make proper refactor remove rework support unnecessary update"
)


def message_words(messages: Sequence[str], prefixes: Set[str] = frozenset()) -> set[str]:
    """The words of the subject lines of commit messages (a body wanders: it tells how the bug
    was found, quotes code), without digits or filler, nor the requirement IDs they name."""
    text = "\n".join(_subject(message) for message in messages)
    if prefixes:  # REVIEW-E195: `DECODE-3` names a statement; "decode" is no word of the change
        text = REFERENCE_RE.sub(lambda found: _unless_known(found, prefixes), text)
    return {w for w in word_set(text) if not w.isdigit() and w not in _MESSAGE_FILLER}


def said_spans(messages: Sequence[str], spans: Iterable[str]) -> frozenset[str]:
    """REVIEW-E198: the spans a statement quotes in operator notation (`<I.J`, `>=1.2`) that a
    subject line writes whole, as a word of its own ("Fix <I.J to not match I.J.0 prereleases");
    not other symbols (`interface{}`, `xn--`: measured, they asked what was not expected)."""
    text = "\n".join(_subject(message) for message in messages)
    return frozenset(
        span
        for span in spans
        if _OPERATOR.search(span)
        and span in text
        and re.search(rf"(?<![^\s`'\"(]){re.escape(span)}{_SPAN_END}", text, re.M) is not None
    )


_OPERATOR = re.compile(r"[<>=~^!|&*]")  # REVIEW-E198: a comparison's or a pattern's operator
_SPAN_END = r"""(?=$|[\s`'")]|[,.;:!?](?:\s|$))"""  # `<I.J.K` writes no `<I.J`, `<I.J.` does


def _unless_known(reference: re.Match[str], prefixes: Set[str]) -> str:
    """REVIEW-E195: a requirement ID of a known spec as a blank; `SHA-256`, `UTF-8` as written,
    and `API-compatible` unless the spec's IDs are slugs (SOURCES-E16)."""
    prefix = reference["prefix"]
    slugged = reference["slug"] is not None and prefix in getattr(prefixes, "slugged", ())
    known = prefix in prefixes and (reference["number"] is not None or slugged)
    return " " if known else reference[0]


def _subject(message: str) -> str:
    """The first line; a forge's merge commit (`Merge pull request #7 from …`) has the pull
    request's title on the next."""
    lines = [line for line in message.strip().splitlines() if line.strip()]
    if len(lines) > 1 and _FORGE_MERGE.match(lines[0]):
        return _TRAILER.split(lines[1], 1)[0]
    return _TRAILER.split(lines[0], 1)[0] if lines else ""


_FORGE_MERGE = re.compile(r"Merge (?:pull request|branch|remote-tracking branch) ")
# REVIEW-E158: a trailer a forge's squash glued to the subject (`...againSigned-off-by: A <a@b>`)
_TRAILER = re.compile(r"(?:Signed-off|Co-authored|Reviewed|Acked|Tested|Reported)-by:", re.I)


@lru_cache(maxsize=65536)
def split_identifier(name: str) -> frozenset[str] | None:
    """The words of an identifier of two or more words, digits apart."""
    parts = frozenset(part for part in words_of_identifier(name) if not part.isdigit())
    return parts if len(parts) >= 2 else None


def sibling(met: Set[str], parts: frozenset[str], split: Mapping[frozenset[str], str]) -> bool:
    """REVIEW-E87: all but one word of the statement's identifier met, each in one identifier
    of the hunk: that is another name of its family (`LocalProtocolError` is not
    `RemoteProtocolError`, though it meets "protocol" and "error")."""
    return met != parts and any(met <= other for other in split)


def parts_enough(met: int, parts: int) -> bool:
    """All the words of a split identifier, or all but one of three or more."""
    return met >= 2 and met >= parts - (parts >= 3)
