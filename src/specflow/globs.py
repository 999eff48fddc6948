"""Git-style globs (`src/auth/**`, `test_*.py`) with gitignore's matching rules."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import islice

# documentation: a file that names an ID describes the rule, code implements it (REVIEW-19)
DOCUMENTS = (".md", ".markdown", ".rst", ".txt", ".adoc")
DATA = (".yaml", ".yml", ".json", ".toml", ".csv", ".tsv")  # REVIEW-19: records, not code

# REVIEW-E6: languages whose names the whole-word fallback may follow (Python has its own
# `ast` pass); prose and data files are not among them.
CODE_SUFFIXES = (
    ".js",
    ".jsx",
    ".mjs",
    ".cjs",
    ".ts",
    ".tsx",
    ".d.mts",  # REVIEW-E151: TypeScript's declaration files, whose hunks change nothing
    ".d.cts",
    ".go",
    ".rs",
    ".java",
    ".kt",
    ".kts",
    ".rb",
    ".php",
    ".c",
    ".h",
    ".cc",
    ".cpp",
    ".cxx",
    ".hpp",
    ".hh",
    ".cs",
    ".swift",
    ".scala",
    ".m",
    ".mm",
    ".sh",
    ".bash",
    ".lua",
    ".pl",
    ".pm",
    ".ex",
    ".exs",
    ".erl",
    ".dart",
    ".r",
)


# not `.jsx`, `.tsx`: JSX text (`<p>Don't</p>`) is neither code nor a string to a scanner
JS = (".js", ".mjs", ".cjs", ".ts")
KOTLIN_PATHS = (".kt", ".kts")
CPP_PATHS = (".cc", ".cpp", ".cxx", ".hpp", ".hh", ".h")  # REVIEW-E415 (`.h`: C's too)
# REVIEW-E49: languages whose strings name nothing (JS's templates but in `${...}`)
PLAIN_STRINGS = (*JS, ".go", ".java", ".c", ".h", ".cc", ".cpp", ".cxx", ".hpp")
# REVIEW-E48: languages with `/* ... */` comments (`braces.py`); the strings of these others
# interpolate names
BLOCK_COMMENTS = (
    *PLAIN_STRINGS,
    *(".rs", ".kt", ".kts", ".cs", ".swift", ".scala", ".m", ".mm", ".php", ".dart"),
)


# REVIEW-16: comments of the languages whose line comments are not `//`
LINE_COMMENT = {
    ".sh": "#",
    ".bash": "#",
    ".rb": "#",
    ".pl": "#",
    ".pm": "#",
    ".r": "#",
    ".ex": "#",
    ".exs": "#",
    ".lua": "--",
    ".erl": "%",
}


def line_comment(path: str) -> str:
    """What opens a line comment in `path`'s language: `#` for Python, `//` unless known."""
    if path.endswith((".py", ".pyi")):
        return "#"
    return LINE_COMMENT.get(path[path.rfind(".") :].lower(), "//")


def is_comment_line(path: str, text: str) -> bool:
    """A comment line: its language's line comment (`#` in PHP too, not `#[`), `//` or `/*`,
    and in a file of no language specflow knows (a Makefile) `# ` or `-- ` as well; or a line
    of a `/* ... */` block (` * ...`, not `*p = 1`) outside Python, where black starts a line
    with `* factor`. REVIEW-E44, CHECK-E16, REVIEW-E95: C's `# define` is code."""
    if text.lstrip().startswith(line_comment(path)) or _comment(path).match(text):
        return True
    return not path.endswith((".py", ".pyi")) and _BLOCK_COMMENT_LINE.match(text) is not None


# REVIEW-E136: Ruby's magic comments change how the file runs: `frozen_string_literal` freezes
# every string literal, `shareable_constant_value` the constants below it, `warn_indent` what
# Ruby warns, and `encoding` (`coding`, on the first line or the second after a `#!`) what the
# source's bytes mean
_MAGIC = re.compile(
    r"(?:\A\s*#|-\*-|;)\s*(?P<key>frozen[-_]string[-_]literal|warn[-_]indent"
    r"|shareable[-_]constant[-_]value)\s*:\s*(?P<value>[\w-]+)\s*(?=-\*-|;|\Z)",
    re.IGNORECASE,
)
_CODING = re.compile(r"\s*#.*?coding[:=]\s*(?P<value>[\w.-]+)", re.IGNORECASE)
_EMACS = re.compile(r"\s*#.*-\*-")  # `# -*- coding: utf-8; frozen_string_literal: true -*-`


def magic_comment(number: int, text: str) -> str:
    """A line of Ruby (numbered from 1) that is a magic comment, as the tokens of its keys and
    values (`\x00frozen_string_literal=true`); else nothing."""
    found = _MAGIC.finditer(text) if _EMACS.match(text) else (_MAGIC.match(text) or (),)
    tokens = [f"{m['key'].lower().replace('-', '_')}={m['value'].lower()}" for m in found if m]
    coding = _CODING.match(text) if number <= 2 else None
    if coding is not None:
        tokens.insert(0, f"encoding={coding['value'].lower()}")
    return "".join(f"\x00{token}" for token in tokens)


# REVIEW-E161: Go's build constraints (`//go:build`, `// +build`) and directives (`//go:embed`,
# `//go:generate`, `//go:noinline`, cgo's `//export`, `//line`) are read by the toolchain:
# which files compile, what is embedded, what is generated. `// go:build` (a space after
# `//`) and `// go build it` are comments
_GO_DIRECTIVE = re.compile(r"[ \t]*//(?:go:[a-z]\w*|[ \t]*\+build\s|export\s+\w|line\s+\S*:\d)")


def go_directive(path: str, text: str) -> bool:
    """REVIEW-E161: a line of Go that is a build constraint or a directive, which is code."""
    return path.endswith(".go") and _GO_DIRECTIVE.match(text) is not None


def _comment(path: str) -> re.Pattern[str]:
    """REVIEW-E95, CHECK-E32: in a language specflow knows, `#` opens a comment only where its
    line comment is `#` (Python, Ruby, shell, Perl, R, Elixir) and in PHP (not `#[`, an
    attribute); elsewhere it is code: C's, C++'s and Objective-C's `# define`, C#'s `#if`,
    Rust's `#![no_std]`. So is `-- ` outside Lua (`-- depth;`)."""
    if not is_code(path):
        return _COMMENT
    return _PHP_COMMENT if path.lower().endswith(".php") else _CODE_COMMENT


def comment_lines(path: str, lines: Sequence[str], source: str | None = None) -> set[int]:
    """The comment lines among `lines` (numbered from 1) of a file whose text is `source`
    (`lines` joined, when not given): `is_comment_line`'s, and in a language with `/* ... */`
    every line that only a block comment holds, whatever its first character (REVIEW-E48,
    CHECK-E16: `\tText` of a JSDoc block whose lines have no leading `*`)."""
    from specflow.braces import comment_only, masked  # SPEED-9: off a Python hook's path

    found = {
        n
        for n, text in enumerate(lines, start=1)
        if is_comment_line(path, text) and not go_directive(path, text)  # REVIEW-E161
    }
    masks = masked(path, "\n".join(lines) if source is None else source)
    if masks is not None:
        for number, text in enumerate(masks.uncommented.split("\n"), start=1):
            if number <= len(lines) and comment_only(lines[number - 1], text):
                found.add(number)
    return found


_COMMENT = re.compile(r"\s*(?://|/\*|#(?:\s|!|$)|--\s)")
_CODE_COMMENT = re.compile(r"\s*(?://|/\*)")
_PHP_COMMENT = re.compile(r"\s*(?://|/\*|#(?!\[))")
_BLOCK_COMMENT_LINE = re.compile(r"\s*\*(?:\s|/|$)")


def is_code(path: str) -> bool:
    return path.endswith((".py", ".pyi", *CODE_SUFFIXES))


Matcher = Callable[[str], bool]


@lru_cache(maxsize=1024)
def _spec(globs: tuple[str, ...]) -> Matcher:
    """One matcher for `globs`, the last matching glob deciding (a `!glob` excludes again).

    The globs people write (`src/auth/**`, `*.py`, `!src/auth/legacy/**`) are translated here:
    importing pathspec costs a commit hook more than all its matching (SPEED-9). A glob with a
    bracket expression or a backslash goes to pathspec, which knows every corner of those."""
    translated = [_translate(glob) for glob in globs]
    if any(rule is _ELSEWHERE for rule in translated):
        from pathspec import PathSpec  # SPEED-9: only for what the translation cannot

        return PathSpec.from_lines("gitignore", globs).match_file
    rules = [rule for rule in translated if rule is not None]
    if all(include for _, include in rules):
        either = re.compile("|".join(f"(?:{regex})" for regex, _ in rules) or "(?!)", re.DOTALL)
        return lambda path: either.fullmatch(path) is not None
    compiled = [(re.compile(regex, re.DOTALL), include) for regex, include in reversed(rules)]
    return lambda path: next((inc for regex, inc in compiled if regex.fullmatch(path)), False)


_ELSEWHERE = ("", False)  # a glob for pathspec
_SPECIAL = re.compile(r"[\[\]\\]")


def _translate(glob: str) -> tuple[str, bool] | None:
    """A gitignore glob as a regular expression that a whole file path must match, and whether
    a match includes the file; None for a blank line or a comment."""
    if _SPECIAL.search(glob):
        return _ELSEWHERE
    text = glob.rstrip()
    if not text or text.startswith("#") or text == "/":
        return None
    include = not text.startswith("!")
    segments, directory = _segments(text if include else text[1:])
    if not segments:
        return _ELSEWHERE  # pathspec says why it is not a glob
    if segments in (["**"], ["**", "*"]):
        return (".*/.*" if directory else ".+"), include
    if segments == ["**", "*", "**"]:
        return ".*/.*", include
    return "".join(_regex_parts(segments)), include


def _segments(text: str) -> tuple[list[str], bool]:
    """The glob's `/`-separated parts as gitignore reads them: `**` first when it matches at any
    depth, `**` last for a folder's contents; and whether it named a folder (`x/`)."""
    segments = text.split("/")
    directory = not segments[-1]
    if not segments[0]:
        del segments[0]  # `/x`: anchored at the root
    elif len(segments) == 1 or (len(segments) == 2 and directory):
        segments.insert(0, "**")  # `x` or `x/`: at any depth
    if segments and not segments[-1]:
        segments[-1] = "**"  # `x/`: everything under x
    kept = [s for i, s in enumerate(segments) if s != "**" or segments[i - 1 : i] != ["**"]]
    return kept, directory


def _regex_parts(segments: list[str]) -> Iterable[str]:
    last = len(segments) - 1
    slash = False  # whether the next segment follows a `/`
    for index, segment in enumerate(segments):
        if segment == "**":
            yield "(?:.+/)?" if index == 0 else "(?:/.+)?" if index < last else "/.*"
            slash = 0 < index < last
            continue
        if slash:
            yield "/"
        if segment == "*":
            yield "[^/]+"  # a last `*` is one name, not a folder's contents (pathspec's rule)
        else:
            yield "".join(_GLOB.get(c, re.escape(c)) for c in segment)
            if index == last:
                yield "(?:/.*)?"  # the file, or a folder and all beneath it
        slash = True


_GLOB = {"*": "[^/]*", "?": "[^/]"}


def git_pathspecs(glob: str) -> list[str]:
    """What `glob` matches here, as git's `glob` pathspecs, whose `*` never crosses a `/` and
    which start at the root: `*.min.js` is `**/*.min.js`, and `vendor` is also `vendor/**`.
    None for a blank line or a comment; a `!glob` is only undone by the ones before it here,
    and it cannot be said in git's list of excludes, so it gives none either."""
    text = glob.rstrip()
    if not text or text.startswith(("#", "!")) or text == "/":
        return []
    segments, directory = _segments(text)
    if segments in (["**"], ["**", "*"]) and not directory:
        return ["**"]
    if segments in (["**"], ["**", "*", "**"]):
        return ["*/**"]  # every file in a folder
    body = "/".join(segments)
    return [body] if segments[-1] in ("*", "**") else [body, f"{body}/**"]


def matches(path: str, globs: tuple[str, ...]) -> bool:
    """True when `path` (relative, `/`-separated) is matched by any of `globs`."""
    # Only the globs whose literal folder the path is under are compiled and tried: a check
    # of one changed file against a hundred scopes compiles one pattern, not a hundred.
    candidates = tuple(glob for glob in globs if path.startswith(_anchored_folder(glob)))
    return bool(candidates) and _spec(candidates)(path)


def matching(paths: Iterable[str], globs: tuple[str, ...]) -> list[str]:
    if not globs:
        return []
    match = _spec(globs)
    return [path for path in paths if match(path)]


def matches_any(sorted_paths: Sequence[str], glob: str) -> bool:
    """Whether `glob` matches one of `sorted_paths`, looking only where it can: a glob anchored
    under a literal folder (`src/auth/**`) is tried on the paths under that folder alone. A
    `!glob` is asked the same of the files it leaves out: leaving out nothing is the typo."""
    glob = glob.removeprefix("!")
    prefix = _anchored_folder(glob)
    match = _spec((glob,))
    for path in islice(sorted_paths, bisect_left(sorted_paths, prefix), None):
        if not path.startswith(prefix):
            return False
        if match(path):
            return True
    return False


def under_folders(sorted_paths: Sequence[str], globs: tuple[str, ...]) -> list[str]:
    """The paths that lie under the literal folder of one of `globs`: the only ones that
    `matches(path, globs)` can be true of (and all of them when a glob matches at any depth)."""
    found: dict[str, None] = {}
    for folder in {_anchored_folder(glob) for glob in globs}:
        for path in islice(sorted_paths, bisect_left(sorted_paths, folder), None):
            if not path.startswith(folder):
                break
            found[path] = None
    return list(found)


@lru_cache(maxsize=4096)
def _anchored_folder(glob: str) -> str:
    """`src/auth/*.py` → `src/auth/`; `test_*.py` and `**/x` (which match at any depth) → ``;
    `!src/auth/legacy/**` → `src/auth/legacy/` (what it excludes again lies there). Read from
    the same parts as the match itself, so that the two cannot disagree."""
    segments, _ = _segments(glob.rstrip().removeprefix("!"))
    folder = ""
    for segment in segments[:-1]:  # the last part may name a file as well as a folder
        if _WILDCARD.search(segment) or segment == "**":
            break
        folder += f"{segment}/"
    return folder


_WILDCARD = re.compile(r"[*?\[\\]")
