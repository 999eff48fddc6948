"""REVIEW-E299: a short token a rule quotes (`Z`, `ZZ`: too short to be a name anywhere else)
that a changed line writes as a mapping's key (`"Z": "%s%02d:%02d" % ...`): the entry of that
token changes, and the one requirement or edge case quoting it is asked. Pure."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from specflow.change import FileChange
from specflow.globs import DOCUMENTS, matches
from specflow.identifiers import CODE_SPAN
from specflow.link import Corpus, LinkRow
from specflow.linkmatch import IDENTIFIER

# `"Z": ...`, `'ZZ' => ...` (two characters at most: longer keys are names, REVIEW-E137),
# opening a changed line: a mapping's entry, not a call's argument
_KEY = re.compile(r"""\s*(["'])(\w{1,2})\1\s*(?::|=>)""")


def key_rows(
    corpus: Corpus,
    files: Sequence[tuple[int, FileChange]],
    skip: Sequence[str],
    scoped: Mapping[str, frozenset[str]],
) -> list[LinkRow]:
    """REVIEW-E299: each hunk whose added lines open with a short key (`"Z":`) that one
    requirement or edge case alone of the specs governing its file quotes whole in backticks
    (`Z`): that statement, evidence `identifier` (a Context line says how it works)."""
    found: list[LinkRow] = []
    for at, file in files:
        docs = corpus.in_scope(scoped.get(file.path, frozenset())).docs
        if not docs or matches(file.path, tuple(skip)) or file.path.endswith(DOCUMENTS):
            continue
        rules = [doc for doc in sorted(docs) if corpus.statements[doc].kind != "context"]
        for number, hunk in enumerate(file.hunks):
            keys = dict.fromkeys(m[2] for line in hunk.added if (m := _KEY.match(line.text)))
            for key in keys:
                named = [doc for doc in rules if key in _quoted(corpus.statements[doc].text)]
                if len(named) == 1:
                    found.append((at, number, named[0], IDENTIFIER, (key,), ()))
    return found


def _quoted(text: str) -> frozenset[str]:
    return frozenset(span.strip() for span in CODE_SPAN.findall(text))
