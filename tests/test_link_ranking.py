"""REVIEW-3: the BM25 score that ranks links of the same kind of evidence, against plain BM25
scoring, and the tokens it scores."""

from __future__ import annotations

import math
import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specflow.words import BM25, tokens, word_set

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# A few words, so that some are common (in more than 1/16 of the statements), some rare, and
# equal statements tie; long statements (more than BM25.PACKED_WORDS words) are bounded apart.
WORDS = [f"w{i}" for i in range(48)]
documents = st.lists(
    st.one_of(
        st.lists(st.sampled_from(WORDS), max_size=12),
        st.lists(st.sampled_from(WORDS), min_size=33, max_size=60),
        st.just(["w0", "w1", "w2"]),
    ),
    min_size=1,
    max_size=60,
)


def reference_scores(docs: list[list[str]], query: set[str]) -> list[float]:
    """Every statement's score the plain way: common words' weights added with `sum` down the
    columns, then the rare ones one by one, each in alphabetical order."""
    k1, b = 1.2, 0.75
    counts = [Counter(doc) for doc in docs]
    lengths = [sum(count.values()) for count in counts]
    average = sum(lengths) / len(lengths)
    total = len(docs)
    weights: dict[str, dict[int, float]] = {}
    for word in {w for doc in docs for w in doc}:
        found = [doc for doc, count in enumerate(counts) if word in count]
        idf = math.log((total - len(found) + 0.5) / (len(found) + 0.5) + 1)
        weights[word] = {
            doc: idf
            * counts[doc][word]
            * (k1 + 1)
            / (counts[doc][word] + k1 * (1 - b + b * lengths[doc] / average))
            for doc in found
        }
    known = sorted(w for w in query if w in weights)
    common = [w for w in known if len(weights[w]) * 16 > total]
    scores = [sum((weights[w].get(doc, 0.0) for w in common), 0.0) for doc in range(total)]
    for word in known:
        if word not in common:
            for doc, weight in weights[word].items():
                scores[doc] += weight
    return scores


@FAST
@given(documents, st.sets(st.sampled_from(WORDS)))
def test_every_score_is_the_plain_bm25_score(docs, query):
    """REVIEW-3: each statement's score is the one plain BM25 scoring gives, to the float."""
    index = BM25(docs)
    assert [index.score(query, doc) for doc in range(len(docs))] == reference_scores(docs, query)


@FAST
@given(st.text(st.characters(blacklist_categories=()), max_size=80))
def test_tokens_are_those_of_each_ascii_run(text):
    """REVIEW-3: the words shared with statements come from the runs `[A-Za-z0-9]+` of the code
    (other characters, lone surrogates included, separate them)."""
    expected = [word for run in re.findall(r"[A-Za-z0-9]+", text) for word in tokens(run)]
    assert tokens(text) == expected
    assert word_set(text) == set(expected)


def test_a_doubled_consonant_before_ing_or_ed_is_one():
    """REVIEW-15: "auth stripping" in a subject line meets `should_strip_auth`; "mapped" meets
    "map"; a doubled l, s or z stays (`falling`, `passed`, `buzzed`)."""
    from specflow.words import stem

    assert [stem(w) for w in ("stripping", "mapped", "committed", "getting")] == [
        "strip",
        "map",
        "commit",
        "get",
    ]
    assert [stem(w) for w in ("falling", "passed", "buzzed", "added")] == [
        "fall",
        "pass",
        "buzz",
        "add",
    ]
