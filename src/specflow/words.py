"""Words shared between code and prose: identifiers split, stemmed, ranked with BM25. Pure."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

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
    found = []
    for run in _RUN.findall(text):
        for part in _PART.findall(run):
            word = part.lower()
            if word in STOP_WORDS or (len(word) < 3 and not word.isdigit()):
                continue
            found.append(stem(word))
    return found


class BM25:
    """Okapi BM25 over a small corpus of statements (a spec set has hundreds, not millions)."""

    def __init__(self, documents: Sequence[Iterable[str]], k1: float = 1.2, b: float = 0.75):
        self.counts = [Counter(document) for document in documents]
        self.lengths = [sum(count.values()) for count in self.counts]
        self.average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        frequency: Counter[str] = Counter()
        for count in self.counts:
            frequency.update(count.keys())
        total = len(self.counts)
        self.idf = {w: math.log((total - n + 0.5) / (n + 0.5) + 1) for w, n in frequency.items()}
        self.k1, self.b = k1, b

    def scores(self, query: Iterable[str]) -> list[tuple[float, tuple[str, ...]]]:
        """For each document: its score and the query words it shares."""
        terms = set(query)
        results = []
        for count, length in zip(self.counts, self.lengths, strict=True):
            shared = tuple(sorted(terms.intersection(count)))
            norm = self.k1 * (1 - self.b + self.b * length / (self.average or 1))
            score = sum(self.idf[w] * count[w] * (self.k1 + 1) / (count[w] + norm) for w in shared)
            results.append((score, shared))
        return results
