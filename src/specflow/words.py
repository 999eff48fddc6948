"""Words shared between code and prose: identifiers split, stemmed, ranked with BM25. Pure."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import repeat

_RUN = re.compile(r"[A-Za-z0-9]+")
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
    found: list[str] = []
    for run in _RUN.findall(text):
        found += _run_tokens(run)
    return found


@lru_cache(maxsize=65536)
def _run_tokens(run: str) -> tuple[str, ...]:
    """The words of one identifier or word; code repeats its identifiers, so this is cached."""
    found = []
    for part in _PART.findall(run):
        word = part.lower()
        if word in STOP_WORDS or (len(word) < 3 and not word.isdigit()):
            continue
        found.append(stem(word))
    return tuple(found)


class BM25:
    """Okapi BM25 over the statements of a spec set (thousands, not millions).

    A query is a set of words, so a statement's score is a sum of per-(word, statement)
    weights, computed once. A word found in many statements keeps its weights as one dense
    row, added to the scores in a single `map` over the row: code shares its common words with
    most statements, and adding them one statement at a time was most of a large review."""

    DENSE = 16  # a word in more than 1/16 of the statements gets a dense row

    def __init__(self, documents: Sequence[Iterable[str]], k1: float = 1.2, b: float = 0.75):
        counts = [Counter(document) for document in documents]
        lengths = [sum(count.values()) for count in counts]
        average = (sum(lengths) / len(lengths)) if lengths else 0.0
        postings: dict[str, list[tuple[int, int]]] = {}
        for doc, count in enumerate(counts):
            for word, times in count.items():
                postings.setdefault(word, []).append((doc, times))
        self.size = total = len(counts)
        self.sparse: dict[str, list[tuple[int, float]]] = {}
        self.dense: dict[str, list[float]] = {}
        self.found: dict[str, frozenset[int]] = {}
        for word, found in postings.items():
            idf = math.log((total - len(found) + 0.5) / (len(found) + 0.5) + 1)
            weights = [
                (doc, idf * times * (k1 + 1) / (times + k1 * (1 - b + b * lengths[doc] / average)))
                for doc, times in found
            ]
            self.found[word] = frozenset(doc for doc, _ in found)
            if len(found) * self.DENSE > total:
                row = [0.0] * total
                for doc, weight in weights:
                    row[doc] = weight
                self.dense[word] = row
            else:
                self.sparse[word] = weights

    def scores(self, query: Iterable[str]) -> list[float]:
        """The score of every statement, in corpus order (0.0 when no word is shared)."""
        words = sorted(set(query))
        rows = [self.dense[word] for word in words if word in self.dense]
        # one C-level pass down the columns: twice as fast as adding the rows one by one
        columns = zip(*rows, strict=True)
        totals = list(map(sum, columns, repeat(0.0))) if rows else [0.0] * self.size
        for word in words:
            for doc, weight in self.sparse.get(word, ()):
                totals[doc] += weight
        return totals

    def shared(self, query: Iterable[str], doc: int) -> tuple[str, ...]:
        """The query words that statement `doc` contains, sorted."""
        return tuple(sorted(w for w in set(query) if doc in self.found.get(w, ())))
