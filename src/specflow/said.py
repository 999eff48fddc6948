"""The change's own account of what it alters (REVIEW-15): the words of its subject lines and
its new tests' names that a statement shares, and the hunks it says nothing of. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set

from specflow.change import Hunk
from specflow.words import message_words

# REVIEW-E266: a package's version (`__version__`, `VERSION`, `version_info`, `"version":`,
# `const Version`) given a value written whole: a string, a number, a tuple of them; not
# `HTTP_VERSION`, a protocol's
_VERSION_LINE = re.compile(
    r"""^\s*(?:(?:const|var|let|export)\s+)*["']?_*version(?:_info)?_*["']?
    \s*(?::\s*\w+\s*)?[:=]\s*
    (?:"[^"\n]*"|'[^'\n]*'|[\d.]+|\((?:\s*(?:\d+|"[^"\n]*"|'[^'\n]*')\s*,?)+\))
    \s*[,;]?\s*(?:\#.*)?$""",
    re.IGNORECASE | re.VERBOSE,
)


def said_words(
    accounts: Sequence[str], words: Sequence[frozenset[str]], prefixes: Set[str]
) -> list[frozenset[str]]:
    """Each statement's words (`words`) the accounts say, when it shares two or more; a word
    most statements say (`wait` in a spec of wait strategies) tells none apart."""
    common = max(2, len(words) // 5)
    said = {w for w in message_words(accounts, prefixes) if sum(w in ws for ws in words) <= common}
    return [frozenset(said & own) if len(said & own) >= 2 else frozenset() for own in words]


def version_only(hunk: Hunk) -> bool:
    """REVIEW-E266: every line the hunk changes gives a version's name a value written whole
    (`__version__ = "0.0.19"`): the change's account ("Don't warn when CRLF is found after
    the last multipart boundary") speaks of other hunks, not of this one."""
    lines = [line.text for line in (*hunk.added, *hunk.removed) if line.text.strip()]
    return bool(lines) and all(_VERSION_LINE.match(text) for text in lines)
