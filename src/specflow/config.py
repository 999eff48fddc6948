"""`[tool.specflow]` in pyproject.toml, or specflow.toml: every key optional, typos refused."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from specflow.errors import ConfigError
from specflow.model import Severity
from specflow.sources import Source, detect, enabled

# CHECK-E15: the test files of the common languages (Go's, Jest's, Maven's) beside Python's;
# CHECK-E34: a package's own `tests/` too (h11/tests/helpers.py); CHECK-E35: a nested `test/`
# is often a library's own code (`django/test/client.py`): only the root's; CHECK-E36: Swift's
# (the Swift Package Manager's root `Tests/`, XCTest's `*Tests.swift` anywhere); CHECK-E43:
# RSpec's (the root's `spec/`, with its helpers; `*_spec.rb` anywhere), as Minitest's `test/`
DEFAULT_TEST_GLOBS = (
    *("**/tests/**", "test/**", "test_*.py", "*_test.py", "*_test.go", "**/*.test.*"),
    *(
        "**/*.spec.ts",
        "**/*.spec.js",
        "**/*.spec.tsx",
        "**/*.spec.jsx",
        "**/__tests__/**",
        "**/src/test/**",
        "**/src/*Test/**",  # CHECK-E72: Gradle source sets, `src/jvmTest/`, `src/androidTest/`
    ),
    *("Tests/**", "*?Tests.swift", "spec/**", "*_spec.rb"),
)

# ARCHITECTURE.md, "Check rules": each rule's default severity.
CHECK_RULES: Mapping[str, Severity] = {
    "unreferenced-requirement": Severity.error,
    "dangling-reference": Severity.error,
    "undefined-id": Severity.warning,
    "constraint": Severity.error,
    "implementation-removed": Severity.error,
    "test-removed": Severity.warning,
    "enforcement-lowered": Severity.warning,
    "emptied-scope": Severity.error,
    "emptied-constraint": Severity.error,
    "touched-requirement": Severity.warning,
    "name-removed": Severity.warning,
    "spec-lint": Severity.error,
    "deprecated-reference": Severity.warning,
    "untested-requirement": Severity.warning,
    "planned-requirement-referenced": Severity.warning,
    "untraced-change": Severity.off,
    "unscoped-change": Severity.off,
}
_KEYS = ("specs_dir", "test_globs", "exclude", "rules", "review", "sources", "scopes", "hook")
HOOK_QUESTIONS = 3  # HOOK-14: the strongest review questions a passing pre-commit hook prints
MAX_QUESTIONS = 10  # REVIEW-17: the strongest questions a review shows
# SOURCES-2: the formats specflow reads, and the folder each one's files live in
SOURCE_ROOTS: Mapping[str, str] = {
    "speckit": "specs",
    "openspec": "openspec",
    "kiro": ".kiro/specs",
}
SOURCE_NAMES = ("specflow", *SOURCE_ROOTS)


class Config(NamedTuple):
    root: Path
    specs_dir: str = "specs"
    test_globs: tuple[str, ...] = DEFAULT_TEST_GLOBS
    exclude: tuple[str, ...] = ()
    rules: Mapping[str, Severity] = CHECK_RULES
    source: str | None = None
    max_questions: int = MAX_QUESTIONS
    sources: tuple[str, ...] = ("specflow",)
    scopes: Mapping[str, tuple[str, ...]] = {}
    specs_dir_line: int = 0  # where `specs_dir` is set in `source`; 0 when it is the default
    hook_questions: int = HOOK_QUESTIONS
    detected: bool = False  # SOURCES-2: `sources` was detected, not named in the configuration

    @property
    def specs_path(self) -> Path:
        return self.root / self.specs_dir

    @property
    def spec_sources(self) -> tuple[Source, ...]:
        return enabled(self.sources, self.specs_dir)

    @property
    def spec_dirs(self) -> tuple[str, ...]:
        """Every folder that holds specs of a source read here: never references, never code."""
        found = [self.specs_dir] if "specflow" in self.sources else []
        found += [SOURCE_ROOTS[name] for name in self.sources if name in SOURCE_ROOTS]
        return tuple(dict.fromkeys(found))

    def spec_system(self, path: str) -> bool:
        """REVIEW-E389: the specs' folders and specflow.toml are the spec system itself, not
        code a spec should govern (`specflow init`'s specs/README.md and specflow.toml)."""
        folders = tuple(f"{folder}/" for folder in (self.specs_dir, *self.spec_dirs))
        return path == "specflow.toml" or path.startswith(folders)


def find_root(start: Path) -> Path:
    """The enclosing repository's top folder (a `.git` dir or worktree file), else `start`.

    CLI-E1: from a sub-folder the root is found; CLI-E2: outside git, `start` is the root;
    CLI-E5: `GIT_WORK_TREE` names the top, as for git and every command that asks it.
    """
    start = start.resolve()
    work_tree = os.environ.get("GIT_WORK_TREE")
    if work_tree:
        top = Path(work_tree).resolve()
        if top == start or top in start.parents:
            return top
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def load_config(root: Path) -> Config:
    """CLI-2: a file that cannot be read or holds unknown keys is a ConfigError naming it."""
    for name, table_path in (("specflow.toml", ()), ("pyproject.toml", ("tool", "specflow"))):
        file = root / name
        if not file.is_file():
            continue
        table = _read_table(file, table_path)
        if table is not None:
            return _from_table(root, name, table)
    return Config(root, sources=detect(root), detected=True)


def _read_table(file: Path, table_path: tuple[str, ...]) -> dict[str, Any] | None:
    # TOML only for a repository with a configuration file
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        raw = file.read_bytes()
        text = raw.decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read configuration: {exc.strerror}", file.name) from None
    except UnicodeDecodeError as exc:  # CLI-E3: as a spec's bad byte is named (FORMAT-6)
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        raise ConfigError(f"cannot read configuration: {message}", file.name, line) from None
    try:
        data: Any = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line = _toml_problem(str(exc), text)
        raise ConfigError(f"cannot read configuration: {message}", file.name, line) from None
    for key in table_path:
        data = data.get(key) if isinstance(data, dict) else None
    if data is not None and not isinstance(data, dict):
        # `tool.specflow = "x"` is a mistake to report, not a reason to use the defaults.
        raise ConfigError(f"[{'.'.join(table_path)}] must be a table", file.name)
    return data


def _toml_problem(message: str, text: str) -> tuple[str, int]:
    """`Invalid value (at line 3, column 7)` → (`Invalid value`, 3), so the line shows as file:3."""
    found = re.search(r" \(at line (\d+), column \d+\)$", message)
    if found:
        return message[: found.start()], int(found[1])
    end = re.search(r" \(at end of document\)$", message)
    if end:
        return message[: end.start()] + " at the end of the file", text.count("\n") or 1
    return message, 0


def _from_table(root: Path, source: str, table: dict[str, Any]) -> Config:
    # CLI-3: unknown keys and rules are errors that name them, so a typo never passes silently.
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise ConfigError(
            f"unknown key(s) {', '.join(unknown)}; known keys: {', '.join(_KEYS)}", source
        )
    specs_dir = _specs_dir(table.get("specs_dir", "specs"), source)
    return Config(
        root=root,
        specs_dir=specs_dir,
        test_globs=_globs(table, "test_globs", source, DEFAULT_TEST_GLOBS),
        exclude=_globs(table, "exclude", source, ()),
        rules=_rules(table.get("rules", {}), source),
        source=source,
        max_questions=_max_questions(table.get("review", {}), source),
        sources=_sources(table, root, source),
        scopes=_scopes(table.get("scopes", {}), source),
        specs_dir_line=_line_of(root / source, "specs_dir") if "specs_dir" in table else 0,
        hook_questions=_count(table.get("hook", {}), "hook", "questions", HOOK_QUESTIONS, source),
        detected="sources" not in table,
    )


def _specs_dir(value: object, source: str) -> str:
    """A relative folder inside the repository: `/etc` or `C:/specs` is not one (CLI-E3: it
    was read as `etc`, so every spec of `specs/` was dropped without a word)."""
    if not isinstance(value, str):
        raise ConfigError(f"`specs_dir` must be a string (a folder), not {value!r}", source)
    absolute = value.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", value) is not None
    parts = value.replace("\\", "/").split("/")
    if absolute or not value.strip("/") or ".." in parts:
        raise ConfigError(
            f"`specs_dir = {value!r}` must be a folder inside the repository, relative to it",
            source,
        )
    return value.strip("/")


def _sources(table: dict[str, Any], root: Path, source: str) -> tuple[str, ...]:
    """SOURCES-2: `sources = [...]` names the formats to read; without it they are detected."""
    value = table.get("sources")
    if value is None:
        return detect(root)
    if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
        raise ConfigError("`sources` must be a list of source names", source)
    unknown = sorted(set(value) - set(SOURCE_NAMES))
    if unknown:
        raise ConfigError(
            f"unknown source(s) {', '.join(unknown)}; known sources: {', '.join(SOURCE_NAMES)}",
            source,
        )
    if not value:  # CLI-E3: no spec read at all is enforcement off without a word
        raise ConfigError("`sources = []` reads no spec at all: name one or more sources", source)
    return tuple(dict.fromkeys(value))


def _scopes(value: Any, source: str) -> dict[str, tuple[str, ...]]:
    """SOURCES-5: `[tool.specflow.scopes]`, a spec's path or id = its globs."""
    if not isinstance(value, dict):
        raise ConfigError("`scopes` must be a table of spec = [globs]", source)
    scopes = {}
    for spec, globs in value.items():
        if isinstance(globs, str):
            globs = [globs]
        if not isinstance(globs, list) or not all(isinstance(glob, str) for glob in globs):
            raise ConfigError(f"scope of `{spec}` must be a list of glob strings", source)
        scopes[spec] = tuple(globs)
    return scopes


def _line_of(file: Path, key: str) -> int:
    """The first line that sets `key`: for an error that points at it."""
    lines = file.read_text(encoding="utf-8").splitlines()
    return next((n for n, text in enumerate(lines, 1) if text.lstrip().startswith(key)), 1)


def _globs(
    table: dict[str, Any], key: str, source: str, default: tuple[str, ...]
) -> tuple[str, ...]:
    value = table.get(key)
    if value is None:
        return default
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"`{key}` must be a list of glob strings", source)
    return tuple(value)


def _max_questions(value: Any, source: str) -> int:
    """`review.max_questions = N`: how many questions a review shows (REVIEW-17)."""
    return _count(value, "review", "max_questions", MAX_QUESTIONS, source)


def _count(value: Any, table: str, key: str, default: int, source: str) -> int:
    """`table.key = N`, a whole number, 0 or more: the table's one key."""
    if not isinstance(value, dict) or set(value) - {key}:
        raise ConfigError(f"`{table}` takes one key: {key} = <a whole number>", source)
    count = value.get(key, default)
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise ConfigError(f"`{table}.{key}` must be a whole number, 0 or more", source)
    return count


def _rules(value: Any, source: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError("`rules` must be a table of rule = severity", source)
    unknown = sorted(set(value) - set(CHECK_RULES))
    if unknown:
        raise ConfigError(
            f"unknown rule(s) {', '.join(unknown)}; known rules: {', '.join(CHECK_RULES)}", source
        )
    rules = dict(CHECK_RULES)
    for name, severity in value.items():
        try:
            rules[name] = Severity(severity)
        except ValueError:
            raise ConfigError(
                f"rule `{name}`: severity must be error, warning or off, not {severity!r}", source
            ) from None
    return rules
