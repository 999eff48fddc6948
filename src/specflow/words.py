"""Words shared between code and prose: identifiers split, stemmed, ranked with BM25. Pure."""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence, Set
from functools import lru_cache
from itertools import chain, compress

# Translated with this table, `split()` finds the runs `[A-Za-z0-9]+` finds, 3x as fast.
_RUNS = bytes(c if chr(c).isascii() and chr(c).isalnum() else 0x20 for c in range(256))
_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
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


def stem(word: str) -> str:
    """A deliberately small stemmer: plurals, -ing, -ed; `hashes` ~ `hashed` ~ `hash`."""
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
        return word[:-3]
    if word.endswith("ed") and len(word) > 4:
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


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
        word = part.lower()
        if word in STOP_WORDS or (len(word) < 3 and not word.isdigit()):
            continue
        found.append(stem(word))
    return tuple(found)


class BM25:
    """Okapi BM25 over the statements of a spec set (thousands, not millions).

    A query is a set of words, so a statement's score is a sum of per-(word, statement) weights,
    computed once. Scoring every statement for every hunk was most of a large review, yet only
    the best few are kept. So each word also has a row of its weights in whole units, rounded
    up, one byte per statement, packed in one int: adding the rows of a query's words (one
    C-level addition each) bounds every statement's score at once, and `Query.ranked` scores
    only the statements whose bound can reach the best few."""

    COMMON = 16  # a word in more than 1/16 of the statements is common: see `score`
    PACKED_WORDS = 32  # a statement with more words has no row entries: its bound is always 255

    def __init__(self, documents: Sequence[Iterable[str]], k1: float = 1.2, b: float = 0.75):
        counts = [Counter(document) for document in documents]
        lengths = [sum(count.values()) for count in counts]
        average = (sum(lengths) / len(lengths)) if lengths else 0.0
        postings: dict[str, list[tuple[int, int]]] = {}
        for doc, count in enumerate(counts):
            for word, times in count.items():
                postings.setdefault(word, []).append((doc, times))
        self.size = total = len(counts)
        self.vocabulary = frozenset(postings)
        # each statement's (word, weight), the common words apart, both in alphabetical order
        self.common: list[list[tuple[str, float]]] = [[] for _ in counts]
        self.rare: list[list[tuple[str, float]]] = [[] for _ in counts]
        self._weights: dict[str, list[tuple[int, float]]] = {}
        for word in sorted(postings):
            found = postings[word]
            idf = math.log((total - len(found) + 0.5) / (len(found) + 0.5) + 1)
            self._weights[word] = weights = [
                (doc, idf * times * (k1 + 1) / (times + k1 * (1 - b + b * lengths[doc] / average)))
                for doc, times in found
            ]
            terms = self.common if len(found) * self.COMMON > total else self.rare
            for doc, weight in weights:
                terms[doc].append((word, weight))
        self._pack()

    def _pack(self) -> None:
        sizes = [len(c) + len(r) for c, r in zip(self.common, self.rare, strict=True)]
        self._packed = [size <= self.PACKED_WORDS for size in sizes]
        totals = (
            sum(w for _, w in chain(c, r)) for c, r in zip(self.common, self.rare, strict=True)
        )
        most = max(compress(totals, self._packed), default=0.0)
        # rounding up adds less than a unit per word, so a statement's units fit in a byte
        self.scale = (255 - self.PACKED_WORDS) / most if most else 1.0
        self._rows: dict[str, int] = {}
        self._unpacked = int.from_bytes(bytes(0 if p else 255 for p in self._packed), "little")

    def _rows_of(self, words: frozenset[str]) -> dict[str, int]:
        """Each word's units in every statement, one byte each, as one int; `words` among them."""
        for word in words.difference(self._rows):
            units = bytearray(self.size)
            for doc, weight in self._weights[word]:
                if self._packed[doc]:
                    units[doc] = int(weight * self.scale) + 1
            self._rows[word] = int.from_bytes(units, "little")
        return self._rows

    def bounds(self, words: Set[str]) -> bytes:
        """Per statement, at least its score in units (`scale` per point), one byte each."""
        known = self.vocabulary.intersection(words)
        rows = map(self._rows_of(known).__getitem__, known)
        return sum(rows, self._unpacked).to_bytes(self.size, "little")

    def query(self, words: Set[str]) -> Query:
        return Query(self, words)

    def units(self, score: float) -> int:
        """The least bound of a statement that may score `score` (a unit lower, for rounding)."""
        return min(255, max(0, math.floor(score * self.scale) - 1))

    def score(self, words: Set[str], doc: int) -> float:
        """Statement `doc`'s score, summed as it always was (the common words with `sum`, then
        the rare ones one by one, each in alphabetical order) so that it stays the same float."""
        total = sum([weight for word, weight in self.common[doc] if word in words], 0.0)
        for word, weight in self.rare[doc]:
            if word in words:
                total += weight
        return total

    def shared(self, words: Set[str], doc: int) -> tuple[str, ...]:
        """The query words that statement `doc` contains, sorted."""
        terms = chain(self.common[doc], self.rare[doc])
        return tuple(sorted(word for word, _ in terms if word in words))


# `translate` bounds with `_AT_LEAST[units]` and a 1 stands for each at least `units`
_AT_LEAST = [bytes(units) + b"\x01" * (256 - units) for units in range(256)]


class Query:
    """A set of words and the bound of each statement's score for them."""

    def __init__(self, index: BM25, words: Set[str]) -> None:
        self.index = index
        self.words = words
        self.bounds = index.bounds(words)

    def ranked(
        self,
        docs: range,
        at_least: float,
        boosted: Collection[int] = (),
        boost: float = 1.0,
    ) -> Iterator[tuple[int, float]]:
        """The (doc, score) of `docs` that score `at_least`, best first and in corpus order
        among equals; the scores of `boosted` docs are multiplied by `boost`. Lazily: the docs
        are scored level by level from the highest bound down, and a score is final once no
        doc left unscored has a bound that reaches it. The boosted docs, few, are scored first."""
        waiting = [self._scored(doc, boost) for doc in boosted if doc in docs]
        heapq.heapify(waiting)
        bounds = self.bounds[docs.start : docs.stop]
        for level in range(_highest(bounds), self.index.units(at_least) - 1, -1):
            for doc in _found(bounds, level, docs.start):
                if doc not in boosted:
                    heapq.heappush(waiting, self._scored(doc, 1.0))
            while waiting and waiting[0][2] >= level:
                score, doc, _ = heapq.heappop(waiting)
                if -score < at_least:
                    return
                yield doc, -score
        while waiting and -waiting[0][0] >= at_least:
            score, doc, _ = heapq.heappop(waiting)
            yield doc, -score

    def _scored(self, doc: int, boost: float) -> tuple[float, int, int]:
        """(-score, doc), to keep the best and then the first on top of a heap, and the least
        bound that a doc left unscored would need to reach the score."""
        score = self.index.score(self.words, doc) * boost
        return -score, doc, self.index.units(score)

    def shared(self, doc: int) -> tuple[str, ...]:
        return self.index.shared(self.words, doc)


def _highest(bounds: bytes) -> int:
    """The highest of `bounds`, 0 if none: eight `translate`s, not a Python step per byte."""
    low, high = 0, 255
    while low < high:
        middle = (low + high + 1) // 2
        if 1 in bounds.translate(_AT_LEAST[middle]):
            low = middle
        else:
            high = middle - 1
    return low


def _found(bounds: bytes, level: int, start: int) -> Iterator[int]:
    """The docs whose bound is `level` (`start` being the doc of the first bound)."""
    at = bounds.find(level)
    while at >= 0:
        yield start + at
        at = bounds.find(level, at + 1)
