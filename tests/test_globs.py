"""specflow's own glob matching equals pathspec's gitignore matching (SPEED-9), which stays the
measuring stick here and the matcher for globs with brackets or backslashes."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st
from pathspec import PathSpec

from specflow.globs import _spec, matches, under_folders

PARTS = [
    "src",
    "auth",
    "a.py",
    "*",
    "**",
    "*.py",
    "test_*",
    "?",
    "x?y",
    ".",
    "a b",
    "caf\u00e9",
    "a**",
    "**b",
    "*.*",
    "+(x)",
]
NAMES = ["src", "auth", "a.py", "b", "test_x.py", "x.y", "xzy", ".hidden", "a b", "caf\u00e9", "**"]


@st.composite
def globs(draw: st.DrawFn) -> str:
    body = "/".join(draw(st.lists(st.sampled_from(PARTS), min_size=1, max_size=4)))
    lead = draw(st.sampled_from(["", "", "/", "!", "!/", "#", " "]))
    tail = draw(st.sampled_from(["", "", "/", " ", "/ ", "/**"]))
    return lead + body + tail


PATHS = st.lists(st.sampled_from(NAMES), min_size=1, max_size=5).map("/".join)


@settings(max_examples=600, deadline=None)
@given(st.lists(globs(), min_size=1, max_size=4), st.lists(PATHS, min_size=1, max_size=8))
def test_own_matching_equals_pathspec(patterns: list[str], paths: list[str]) -> None:
    """SPEED-9: for globs of segments, `*`, `?`, `**`, anchors, folder slashes, `!`, comments
    and blanks, every path is matched exactly as pathspec's gitignore rules match it."""
    ours = _spec(tuple(patterns))
    theirs = PathSpec.from_lines("gitignore", patterns)
    for path in paths:
        assert ours(path) == theirs.match_file(path), (patterns, path)


def test_brackets_and_escapes_go_to_pathspec() -> None:
    """SPEED-9: what the own translation does not know is matched by pathspec, right."""
    assert matches("src/a1.py", ("src/a[0-9].py",))
    assert not matches("src/ab.py", ("src/a[0-9].py",))
    assert matches("src/#x", ("src/\\#x",))
    assert matches("src/auth/x.py", ("src/auth/**", "!src/auth/legacy/**"))
    assert matches("src/docs/x.md", ("docs/ ",))  # a trailing space is dropped, as gitignore does
    assert not matches("src/legacy/a.py", ("src/**", "!legacy/ "))
    assert not matches("src/auth/legacy/x.py", ("src/auth/**", "!src/auth/legacy/**"))


def test_a_hook_check_does_not_import_pathspec(tmp_path) -> None:
    """SPEED-9: the globs a repository usually has are matched without importing pathspec."""
    probe = (
        "import sys\n"
        "from specflow.globs import matches\n"
        "assert matches('tests/test_a.py', ('tests/**', 'test_*.py', '**/*.test.*'))\n"
        "assert not matches('src/a.py', ('tests/**', 'test_*.py', '**/*.test.*'))\n"
        "print('pathspec' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@settings(max_examples=600, deadline=None)
@given(st.lists(globs(), min_size=1, max_size=4), st.lists(PATHS, min_size=1, max_size=8))
@example(["auth/ "], ["src/auth/a.py"])  # the trailing space goes before the folder is read
@example(["src/**", "!auth/ "], ["src/auth/a.py"])
def test_the_folder_pre_filter_never_changes_a_match(patterns: list[str], paths: list[str]) -> None:
    """SPEED-9: `matches` tries only the globs whose literal folder the path is under; that
    skips no glob that would have matched (or, with `!`, excluded again)."""
    every = _spec(tuple(patterns))
    for path in paths:
        assert matches(path, tuple(patterns)) == every(path), (patterns, path)


@settings(max_examples=300, deadline=None)
@given(st.lists(globs(), min_size=1, max_size=4), st.lists(PATHS, min_size=1, max_size=8))
def test_a_spec_tries_every_path_its_scope_can_match(patterns: list[str], paths: list[str]) -> None:
    """REVIEW-1: `scope_index` asks each spec only about the paths under its globs' folders;
    every path its scope matches is among them, each once."""
    ordered = sorted(set(paths))
    tried = under_folders(ordered, tuple(patterns))
    assert len(tried) == len(set(tried))
    assert {p for p in ordered if matches(p, tuple(patterns))} <= set(tried)


def test_a_comment_line_is_one_in_its_language_and_the_common_ones():
    """REVIEW-E44, CHECK-E16: one rule for ripples and for `touched-requirement`."""
    from specflow.globs import is_comment_line

    for path, text in [
        ("a.py", "  # note"),
        ("a.go", "\t// note"),
        ("a.c", " * inside a block"),
        ("a.c", " */"),
        ("a.sh", "# note"),
        ("a.lua", "-- note"),
        ("a.php", "    # note"),  # REVIEW-E95
        ("a.php", "#note"),
        ("Makefile", "# note"),
        ("Makefile", "-- note"),
    ]:
        assert is_comment_line(path, text), (path, text)
    for path, text in [
        ("a.c", "*p = 1;"),
        ("a.c", "#include <x.h>"),
        ("a.py", "    * factor"),
        ("a.ts", "#count = 0;"),
        ("a.c", "# define LIMIT 10"),  # REVIEW-E95: C's directives, indented or not
        ("a.h", "  #  if defined(X)"),
        ("a.cpp", "#"),
        ("a.m", "# import <Foundation/Foundation.h>"),
        ("a.cs", "# if DEBUG"),
        ("a.rs", "#![no_std]"),
        ("a.c", "    -- depth;"),
        ("a.php", "#[Attribute]"),
    ]:
        assert not is_comment_line(path, text), (path, text)
