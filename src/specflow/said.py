"""The change's own account of what it alters (REVIEW-15): the words of its subject lines and
its new tests' names that a statement shares, and the hunks it says nothing of. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence, Set
from pathlib import Path

from specflow.change import Change, Hunk
from specflow.globs import is_code, matches
from specflow.words import message_words, said_spans

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


class Sayings:
    """Each statement's words (`words`) an account says, when it shares two or more; a word
    most statements say (`wait` in a spec of wait strategies) tells none apart; and the spans
    (`literals`) its subject lines write (REVIEW-E198). REVIEW-E406: each message is read once,
    and a word finds the statements that hold it, so a range's thousand files, each with its
    own account, are no thousand readings of every message against every statement."""

    def __init__(
        self, words: Sequence[frozenset[str]], prefixes: Set[str], literals: Iterable[str]
    ) -> None:
        self.prefixes, self.literals = prefixes, tuple(literals)
        common = max(2, len(words) // 5)
        self.by_word: dict[str, list[int]] = {}
        for doc, own in enumerate(words):
            for word in own:
                self.by_word.setdefault(word, []).append(doc)
        self.frequent = {word for word, docs in self.by_word.items() if len(docs) > common}
        self._read: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def said(self, accounts: Sequence[str]) -> dict[int, frozenset[str]]:
        """The statements the accounts say two or more words of, with those words: only
        those, so that a range's many accounts stay small (REVIEW-E402)."""
        said = set().union(*(self._of(message)[0] for message in accounts)) - self.frequent
        shared: dict[int, list[str]] = {}
        for word in said:
            for doc in self.by_word.get(word, ()):
                shared.setdefault(doc, []).append(word)
        return {doc: frozenset(words) for doc, words in shared.items() if len(words) >= 2}

    def spans(self, accounts: Sequence[str]) -> frozenset[str]:
        """REVIEW-E198: the spans a statement quotes that a subject line writes whole."""
        return frozenset().union(*(self._of(message)[1] for message in accounts))

    def _of(self, message: str) -> tuple[frozenset[str], frozenset[str]]:
        if message not in self._read:
            words = frozenset(message_words([message], self.prefixes))
            spans = said_spans([message], self.literals) if self.literals else frozenset()
            self._read[message] = (words, spans)
        return self._read[message]


def accounts_by_path(
    change: Change, tests: Sequence[tuple[str, str]]
) -> dict[str, tuple[str, ...]]:
    """REVIEW-E402: in a range, each file's account: the messages of the commits that change
    it (by its path then or now) and of those that name no file (a merge's, one given with
    `--message`), and the names of the tests (with their files' paths) that a commit changing
    it adds; empty where every file's is the whole change's (a commit, the index)."""
    told = list(zip(change.messages, change.message_paths, strict=False))
    if all(paths is None for _, paths in told):
        return {}
    told += [(message, None) for message in change.messages[len(told) :]]
    everywhere = [at for at, (_, paths) in enumerate(told) if paths is None]
    by_path: dict[str, list[int]] = {}  # REVIEW-E406: not every file against every commit
    for at, (_, paths) in enumerate(told):
        for path in paths or ():
            by_path.setdefault(path, []).append(at)
    tested = {path: frozenset(by_path.get(path, ())) for path, _ in tests}  # by which commits
    accounts = {}
    for file in change.files:
        own = set(by_path.get(file.path, ()))
        own.update(by_path.get(file.old_path, ()) if file.old_path else ())
        along = {path for path, commits in tested.items() if not commits.isdisjoint(own)}
        accounts[file.path] = (
            *(told[at][0] for at in sorted(own.union(everywhere))),
            *(name for path, name in tests if path in along),
        )
    return accounts


def version_only(hunk: Hunk) -> bool:
    """REVIEW-E266: every line the hunk changes gives a version's name a value written whole
    (`__version__ = "0.0.19"`): the change's account ("Don't warn when CRLF is found after
    the last multipart boundary") speaks of other hunks, not of this one."""
    lines = [line.text for line in (*hunk.added, *hunk.removed) if line.text.strip()]
    return bool(lines) and all(_VERSION_LINE.match(text) for text in lines)


# `def test_strips_auth_on_default_port(`, `it("strips auth on a default port"`
_TEST_NAME = re.compile(r"\s*(?:async\s+)?def\s+test_?(\w+)|\s*(?:it|test)\(\s*[\"'`]([^\"'`]+)")


def added_test_names(
    change: Change, test_globs: tuple[str, ...], scoped: Mapping[str, frozenset[str]] = {}
) -> list[tuple[str, str]]:
    """The names of the tests a change adds, in words, each with its test file's path: with its
    messages, its author's own account of what it alters (REVIEW-15). REVIEW-E234: not those
    of a test file of a module
    the change changes outside every spec's scope (`v7.test.js` of `src/v7.js`): they say
    what that module does, not what the change's other lines do."""
    found = []
    elsewhere = _unscoped_modules(change, test_globs, scoped)
    for file in change.files:
        if file.hunks and matches(file.path, test_globs) and _tested(file.path) not in elsewhere:
            for line in file.added_lines():
                named = _TEST_NAME.match(line.text)
                if named:
                    found.append((file.path, (named.group(1) or named.group(2)).replace("_", " ")))
    return found


# REVIEW-E234: `test_v7.py`, `v7_test.go`, `v7.test.js`, `v7.spec.ts`, `V7Test.java` test `v7`
_TEST_AFFIXES = re.compile(r"^tests?_|(?:[._-]tests?|[._-]specs?|Tests?)$")


def _tested(path: str) -> str:
    """The module a test file tests, by its name: its stem without its test prefix or suffix."""
    return _TEST_AFFIXES.sub("", Path(path).name.split(".")[0]).lower()


def _unscoped_modules(
    change: Change, test_globs: tuple[str, ...], scoped: Mapping[str, frozenset[str]]
) -> set[str]:
    """REVIEW-E234: the stems of the modules (code files named `stem.ext`: not `x.bench.ts`
    beside `x.spec.ts`, nor `x.d.ts`) the change changes that no spec governs, but for a stem
    that a governed changed file has too."""
    code = [f.path for f in change.files if is_code(f.path) and not matches(f.path, test_globs)]
    governed = {_tested(path) for path in code if scoped.get(path)}
    modules = {_tested(path) for path in code if not scoped.get(path) and _module(path)}
    return modules - governed - {""}


def _module(path: str) -> bool:
    return len(Path(path).suffixes) == 1
