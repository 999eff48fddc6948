"""`specflow brief ID`: a spec as an implementation brief for a person or a coding assistant.

"Write the spec, then ask the assistant to implement against it": the brief is the spec itself,
what its Context names as the code stands today (the `context` engine), how to trace the work,
and the edge cases to test. Deterministic: the work tree in, Markdown or JSON out.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Sequence
from dataclasses import dataclass

from specflow import gitio, gitread, pipeline, pipeline_review
from specflow.change import WORK_TREE
from specflow.config import load_config
from specflow.context import NameContext, PathContext
from specflow.errors import SpecflowError
from specflow.model import Constraint, Requirement, Spec
from specflow.output import render
from specflow.sources.markdown import decode
from specflow.specset import read_disk_specs, spec_globs, work_tree_file

MAX_NAMES = 12  # a Context that names more is a design document; the brief stays readable
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_DOTTED = re.compile(r"[A-Za-z_]\w*(?:(?:\.|::|#|->)[A-Za-z_]\w*)*\Z")
# BRIEF-E5: Python's builtins (`dict`, `len`), which a Context names as the language's, not code
_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))


@dataclass(frozen=True)
class Mention:
    """A name as the Context writes it (`users.password_hash`) and what is looked up."""

    written: str
    target: str  # the last dotted part of a name, or a path
    lines: tuple[int, ...]  # the Context statements that mention it


@dataclass(frozen=True)
class Found:
    mention: Mention
    context: NameContext | PathContext

    @property
    def is_path(self) -> bool:
        return isinstance(self.context, PathContext)

    @property
    def nowhere(self) -> bool:
        if isinstance(self.context, PathContext):
            return False
        return not self.context.uses


@dataclass(frozen=True)
class Brief:
    spec: Spec
    source: str  # the spec file, verbatim
    fence: str  # BRIEF-E1: longer than any run of backticks in `source`
    names: tuple[Found, ...]
    enforced: tuple[Requirement, ...]
    planned: tuple[Requirement, ...]
    edge_cases: tuple[Requirement, ...]
    constraints: tuple[Constraint, ...]
    more: tuple[Mention, ...] = ()  # BRIEF-E5: the names past MAX_NAMES, not looked up in full
    nowhere: tuple[Mention, ...] = ()  # BRIEF-E5: those of them found nowhere

    @property
    def example_id(self) -> str:
        """The ID the tracing rule's examples show: the spec's first requirement's."""
        ids = [item.id for item in self.spec.requirements if item.id]
        return ids[0] if ids else f"{self.spec.id}-1"


def mentions(spec: Spec, is_file: set[str]) -> list[Mention]:
    """BRIEF-2: the names and paths the Context puts in backticks, in order, each once.

    `hash_password()` is looked up as `hash_password`, `users.password_hash` as `password_hash`
    (the table or object in front is how people write it, not how the code spells it); a span
    that is a file of the repository is looked up as that file; prose (`import bcrypt`) is not.
    """
    found: dict[str, tuple[str, list[int]]] = {}
    for statement in spec.context:
        for match in _CODE_SPAN.finditer(statement.text):
            written = match[2].strip()
            target = _target(written, is_file)
            if target is None:
                continue
            entry = found.setdefault(target, (written, []))
            if statement.line not in entry[1]:
                entry[1].append(statement.line)
    named = [Mention(w, t, tuple(lines)) for t, (w, lines) in found.items()]
    # BRIEF-E5: a builtin (`dict`) after the project's own names, in the Context's order else
    return sorted(named, key=lambda mention: mention.target in _BUILTINS)


def _target(written: str, is_file: set[str]) -> str | None:
    path = written.removeprefix("./")
    if path in is_file:
        return path
    name = written.removesuffix("()")
    if not _DOTTED.match(name):
        return None
    return re.split(r"\.|::|#|->", name)[-1]


def _looked_up(mention: Mention) -> str:
    written = mention.written.removesuffix("()")
    return written if mention.target != written and _DOTTED.match(written) else mention.target


def fence(text: str) -> str:
    """BRIEF-E1: a code fence that no run of backticks inside `text` can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def assemble(
    spec: Spec,
    source: str,
    names: Sequence[Found],
    more: Sequence[Mention] = (),
    nowhere: Sequence[Mention] = (),
) -> Brief:
    """The brief's model from its parts; pure."""
    return Brief(
        spec,
        source,
        fence(source),
        tuple(names),
        tuple(item for item in spec.requirements if item.enforced),
        tuple(item for item in spec.requirements if not item.enforced),
        spec.edge_cases,
        spec.constraints,
        tuple(more),
        tuple(nowhere),
    )


def build(repo: gitio.RepoInfo, key: str) -> Brief:
    """BRIEF-1: the brief of spec `key` (or of the spec a requirement `key` belongs to), from
    the work tree: the file as it is now, and each name its Context mentions, via
    `pipeline_review.context`."""
    config = load_config(repo.root)
    specs = read_disk_specs(config)
    spec = specs.by_id.get(key) or (specs.spec_of(key) if key in specs.items else None)
    if spec is None:  # BRIEF-E2
        raise SpecflowError(f"no spec or requirement {key!r}; `specflow list` shows what exists")
    data = work_tree_file(config, spec.path)
    if data is None:  # gone between the two reads
        raise SpecflowError(f"{spec.path}: no such file in the work tree or the index")
    source = decode(spec.path, data)
    files = set(gitread.list_files(repo.root))
    named = mentions(spec, files)
    names = [
        # REVIEW-E107: `Cls.method` as written, which `context` reads by its class
        Found(mention, pipeline_review.context(repo, _looked_up(mention), repo.root))
        for mention in named[:MAX_NAMES]
    ]
    more = named[MAX_NAMES:]
    excludes = (*spec_globs(config), *config.exclude)
    nowhere = [  # BRIEF-E5: one `git grep -l` a name, as cheap as its line in the brief
        m
        for m in more
        if m.target not in files
        and not gitread.files_spelling(repo.root, [m.target], WORK_TREE, excludes)
    ]
    return assemble(spec, source, names, more, nowhere)


def run(key: str, *, fmt: str) -> None:
    """`specflow brief`: the brief of `key`, rendered."""
    repo = pipeline.open_repository()
    render.brief(build(repo, key), fmt, repo.root)
