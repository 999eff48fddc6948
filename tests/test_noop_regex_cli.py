"""REVIEW-E214 through the CLI on real repositories (python-semver 5746d91d, tomli 81c4eec4): a
pattern given to `re` rewritten into a form Python's parser reads alike (verbose, a needless
non-capturing group dropped, pieces joined with `+`) asks nothing; a pattern that parses
differently by one character, a flag or a group, or one whose text the file reads, still asks."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: VER
scope:
  - semver.py
---
# Versions

## Context
- `parse()` matches a version against `_REGEX` and returns its major, minor and patch.

## Requirements
- VER-1: `parse()` accepts `MAJOR.MINOR.PATCH` with an optional prerelease after `-`.
"""
COMPACT = (
    "_REGEX = re.compile('^(?P<major>(?:0|[1-9][0-9]*))'\n"
    "                    r'\\.(?P<minor>(?:0|[1-9][0-9]*))'\n"
    "                    r'\\.(?P<patch>(?:0|[1-9][0-9]*))'\n"
    "                    r'(\\-(?P<prerelease>[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*))?$')\n"
)
VERBOSE = '''_REGEX = re.compile(
    r"""
    ^
    (?P<major>(?:0|[1-9][0-9]*))
    \\.
    (?P<minor>(?:0|[1-9][0-9]*))
    \\.
    (?P<patch>(?:0|[1-9][0-9]*))
    (\\-(?P<prerelease>
        [0-9A-Za-z-]+
        (\\.[0-9A-Za-z-]+)*  # dot-separated identifiers
    ))?
    $
    """, re.VERBOSE)
'''
PARSE = """

def parse(version):
    match = _REGEX.match(version)
    if match is None:
        raise ValueError(version)
    return int(match.group('major')), int(match.group(2)), match.group(4)
"""


def module(regex: str, head: str = "import re\n") -> str:
    return f"{head}\n{regex}{PARSE}"


def reviewed(repo, cli, old: str, new: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    repo.commit("base", {"specs/ver.md": SPEC, "semver.py": old})
    repo.commit("reformat the regex", {"semver.py": new})
    return review_json(cli, "HEAD", "--all")


def test_a_pattern_made_verbose_asks_nothing(repo, cli):
    """REVIEW-E214 (python-semver 5746d91d): the compact pattern written as a verbose one,
    with comments, under `re.VERBOSE`: the parser reads them alike; no question."""
    data = reviewed(repo, cli, module(COMPACT), module(VERBOSE))
    assert data["questions"] == []
    assert data["noop_files"] == ["semver.py"]


def test_a_needless_group_dropped_and_pieces_joined_ask_nothing(repo, cli):
    """REVIEW-E214 (tomli 81c4eec4): `(?:0(?:x|b))` without its outer group, and pieces joined
    with `+` written side by side, under `flags=re.VERBOSE`: no question."""
    old = "NUMBER = re.compile(\n    r'(?:0(?:x[0-9a-f]+|b[01]+)) | [+-]?[0-9]+'\n" + (
        "    + r'(?P<frac>\\.[0-9]+)?',\n    flags=re.VERBOSE,\n)\n"
    )
    new = "NUMBER = re.compile(\n    r'0(?:x[0-9a-f]+|b[01]+)|[+-]?[0-9]+'\n" + (
        "    r'(?P<frac>\\.[0-9]+)?',\n    flags=re.X,\n)\n"
    )
    data = reviewed(repo, cli, module(COMPACT + old), module(COMPACT + new))
    assert data["questions"] == []
    assert data["noop_files"] == ["semver.py"]


# REVIEW-E214: each rewrite of VERBOSE that changes what the pattern matches or gives back
UNSAFE = {
    "one character": (
        "[1-9][0-9]*))\n    \\.\n    (?P<minor>",
        "[1-8][0-9]*))\n    \\.\n    (?P<minor>",
    ),
    "a group no longer captures": ("(\\-(?P<prerelease>", "(?:\\-(?P<prerelease>"),
    "a group renamed": ("(?P<prerelease>", "(?P<pre>"),
    "the verbose flag dropped": ('""", re.VERBOSE)', '""")'),
    "a flag added": ('""", re.VERBOSE)', '""", re.VERBOSE | re.IGNORECASE)'),
    "a comment's `#` escaped": ("  # dot-separated", "  \\# dot-separated"),
}


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_a_pattern_that_parses_differently_still_asks(repo, cli, case):
    """REVIEW-E214: the same-looking rewrite that the parser reads differently (by one
    character, a group, a name, a flag) changes what `parse()` matches or returns: it asks."""
    old, new = UNSAFE[case]
    assert old in VERBOSE
    data = reviewed(repo, cli, module(COMPACT), module(VERBOSE.replace(old, new)))
    assert data["questions"] != []
    assert data["noop_files"] == []


@pytest.mark.parametrize(
    "head, tail",
    [
        ("import regex as re\n", ""),  # another module's parser
        ("import re\n", "\n\ndef source():\n    return _REGEX.pattern\n"),  # the text is read
    ],
)
def test_a_pattern_whose_text_may_matter_still_asks(repo, cli, head, tail):
    """REVIEW-E214: under `import regex as re`, or where the file reads `.pattern` (which
    gives the text as written), the verbose rewrite still asks."""
    data = reviewed(repo, cli, module(COMPACT, head) + tail, module(VERBOSE, head) + tail)
    assert data["questions"] != []
    assert data["noop_files"] == []


def test_a_pattern_whose_flags_come_through_a_mapping_still_asks(repo, cli):
    """REVIEW-E214: flags given through `**OPTIONS` may be any: a space written `\\x20`
    parses alike without `re.VERBOSE`, but under it the space is dropped and `\\x20` kept; the
    rewrite asks."""
    head = "import re\n\nOPTIONS = {'flags': re.VERBOSE}\n"
    spaced = "_REGEX = re.compile(r'^(?P<major>[0-9]+) (?P<minor>[0-9]+)', **OPTIONS)\n"
    data = reviewed(
        repo, cli, module(spaced, head), module(spaced.replace(" (?P", "\\x20(?P"), head)
    )
    assert data["questions"] != []
    assert data["noop_files"] == []
