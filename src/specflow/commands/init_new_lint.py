"""What each command does, between parsing its options and rendering its result."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from specflow import gitio, gitread, pipeline, templates
from specflow.change import WORK_TREE, Revision
from specflow.commands import scaffold
from specflow.commands.fix import assign_ids, missing_ids
from specflow.commands.hook import install
from specflow.errors import NotARepository, SpecError, SpecflowError
from specflow.fsio import write_atomic
from specflow.globs import matches, matching
from specflow.lint import lint, read_as_references
from specflow.lintscope import no_scope, unanchored, unanchored_scopes
from specflow.model import Finding, Severity, Spec
from specflow.output import console
from specflow.project import Project, open_project, specs_outside_git
from specflow.refs import Reference
from specflow.sources.markdown import decode, parse_spec
from specflow.specset import SpecSet, read_disk_specs, require_specs_dir

GUIDE = "README.md"
CONFIG_STUB = """# specflow configuration: every key is optional.
specs_dir = "specs"
# test_globs = ["**/tests/**", "test/**", "test_*.py", "*_test.py", "*_test.go", "**/*.test.*",
#               "**/*.spec.ts", "**/*.spec.js", "**/*.spec.tsx", "**/*.spec.jsx",
#               "**/__tests__/**", "**/src/test/**", "**/src/*Test/**", "Tests/**",
#               "*?Tests.swift", "spec/**", "*_spec.rb"]
# exclude = ["vendor/**"]

[rules]
# unreferenced-requirement = "error"
# untested-requirement = "warning"
"""


@dataclass(frozen=True)
class LintResult:
    specs: SpecSet
    findings: list[Finding]
    fixed: list[str]
    unread: Sequence[SpecError] = ()  # LINT-E15: the specs that cannot be read
    unreferenced: int = 0  # LINT-E16: enforced requirements the work tree references nowhere

    @property
    def failed(self) -> bool:
        """LINT-9: errors fail (exit 1); warnings alone do not."""
        return any(finding.is_error for finding in self.findings)

    @property
    def code(self) -> int:
        """LINT-9's exit code; LINT-E15: 2 when a spec cannot be read."""
        return 2 if self.unread else int(self.failed)


def init(project: Project) -> list[str]:
    """Create what is missing (specs folder, its guide, a config stub); never touch what exists.

    NEW-6: running it twice is safe, and an existing guide or configuration is left alone.
    """
    created: list[str] = []
    guide = project.config.specs_path / GUIDE
    if not guide.exists() and not guide.is_symlink():
        text = templates.render(
            project.root, "specs-guide.md.j2", specs_dir=project.config.specs_dir
        )
        write_atomic(guide, text.encode(), create_only=True)
        created.append(f"{project.config.specs_dir}/{GUIDE}")
    if project.config.source is None and not (project.root / "specflow.toml").exists():
        write_atomic(project.root / "specflow.toml", CONFIG_STUB.encode(), create_only=True)
        created.append("specflow.toml")
    return created


def new_spec(
    project: Project, title: str, spec_id: str | None, scope: Sequence[str], status: str
) -> str:
    """NEW-1: write `specs/<slug>.md` from the template; the ID comes from the title or `--id`."""
    slug = scaffold.slugify(title, spec_id)
    # `--id ""` is a mistake to report, not a request to derive one.
    spec_id = scaffold.check_id(spec_id) if spec_id is not None else scaffold.derive_id(slug)
    existing = read_disk_specs(project.config)
    if spec_id in existing.by_id:  # NEW-E2
        other = existing.by_id[spec_id].path
        raise SpecflowError(f"spec id {spec_id} is already used by {other}; pass another --id")
    if spec_id in existing.items:  # LINT-E6
        item = existing.items[spec_id]
        raise SpecflowError(
            f"{spec_id} is a requirement of {item.path}:{item.line}; pass another --id"
        )
    target = project.config.specs_path / f"{slug}.md"
    relative = f"{project.config.specs_dir}/{slug}.md"
    _refuse_symlinked_folder(project)
    if target.exists() or target.is_symlink():  # NEW-2: never overwrite, not even a symlink
        raise SpecflowError("already exists; not overwritten (choose another title)", relative)
    drafted, more = scaffold.draft_context(
        _scope_files(project, scope), lambda path: _read_in_repository(project.root / path)
    )
    text = templates.render(
        project.root,
        "spec.md.j2",
        id=spec_id,
        title=" ".join(title.split()),
        status=status,
        scope=list(scope),
        drafted=drafted,
        more_files=more,
    )
    # NEW-5: a template that does not parse must not reach the disk.
    parse_spec(relative, text)
    write_atomic(target, text.encode(), create_only=True)
    return relative


def _scope_files(project: Project, scope: Sequence[str]) -> list[str]:
    """NEW-4: the files in scope now, outside the specs folder."""
    if not scope:
        return []
    paths = matching(gitread.list_files(project.root), tuple(scope))
    specs_prefix = project.config.specs_dir + "/"
    files = [
        path
        for path in paths
        if not path.startswith(specs_prefix) and (project.root / path).is_file()
    ]
    # NEW-E24: a test file in scope (`ecdsa*.go` holds `ecdsa_test.go`) is no governed code,
    # unless the scope holds nothing else
    code = [path for path in files if not matches(path, project.config.test_globs)]
    return code or files


def _read_in_repository(file: Path) -> bytes | None:
    # A tracked symlink may point anywhere; the draft describes the repository, not its targets.
    if file.is_symlink():
        return None
    try:
        return file.read_bytes()
    except OSError:
        return None


def run_lint(project: Project, fix: bool = False) -> LintResult:
    try:
        gitio.open_repo(project.root)
    except NotARepository as error:  # CLI-E10: no walk of a folder that holds no specs
        specs_outside_git(project, error)
    errors: list[SpecError] = []
    specs = read_disk_specs(project.config, errors)
    fixed: list[str] = []
    refused: list[Finding] = []
    if fix:
        for spec in specs.specs:
            if spec.source != "specflow":
                refused += _refuse_fix(spec)
            elif missing_ids(spec) and (updated := _fix(project, spec, specs)) is not None:
                specs = updated
                fixed.append(spec.path)
    require_specs_dir(project.config, specs)
    files = gitread.list_files(project.root)
    found = lint(specs, files, _committed(project, specs)) + refused
    found += _unknown_scopes(project, specs)
    found += no_scope(specs)
    found += unanchored_scopes(specs, files)  # LINT-E19
    found += _ignored(project, specs, files) + _unread_configuration(project, files)
    references = _references(project, specs)
    found += read_as_references(specs, references)
    return LintResult(specs, sorted(found), fixed, errors, _unreferenced(specs, references))


def _unreferenced(specs: SpecSet, references: Sequence[Reference]) -> int:
    """LINT-E16: the enforced requirements of enforced specs that no code or test names, which
    `check` blocks on (CHECK-1) once a change touches their scope."""
    named = {r.id for r in references if r.kind in ("implements", "verifies")}
    return sum(
        1
        for spec in specs.specs
        if spec.enforced
        for item in spec.requirements
        if item.id and item.enforced and item.id not in named
    )


def _references(project: Project, specs: SpecSet) -> list[Reference]:
    """LINT-E13: the work tree's references to `specs` (outside git: none)."""
    try:
        repo = gitio.open_repo(project.root)
    except NotARepository:
        return []
    return pipeline.grep_references(repo, project.config, WORK_TREE, specs)


def _committed(project: Project, specs: SpecSet) -> frozenset[tuple[str, str]] | None:
    """LINT-E11: the (path, spec id or ID) pairs of HEAD's specs, read only when two files or
    items share one (outside git, or before the first commit: None)."""
    twice = len(specs.by_id) < len(specs.specs) or any(len(p) > 1 for p in specs.places.values())
    if not twice:
        return None
    try:
        repo = gitio.open_repo(project.root)
    except NotARepository:
        return None
    if repo.head is None:
        return None
    head = Revision("HEAD", "commit", repo.head, repo.head)
    try:
        found = pipeline.tree_specs(repo, project.config, head).specs
    except SpecError:  # LINT-E15: a spec of HEAD that cannot be read, `git rm`ed since
        return None
    names = ((spec.path, (spec.id, *(item.id for item in spec.items))) for spec in found)
    return frozenset((path, key) for path, keys in names for key in keys if key)


_TOOL_TABLE = re.compile(r"\s*\[\s*tool\s*\.\s*specflow\s*[\].]")


def _unread_configuration(project: Project, files: Sequence[str]) -> list[Finding]:
    """LINT-E8: a configuration specflow never reads is said, not skipped without a word: a
    `specflow.toml` below the root, and `[tool.specflow]` beside the root's specflow.toml."""
    unread = [
        Finding(
            "unread-configuration",
            Severity.warning,
            path,
            1,
            "specflow reads the configuration at the repository root only, so this file is "
            "never read: move its settings to the root's specflow.toml or pyproject.toml",
        )
        for path in files
        if path.endswith("/specflow.toml")
    ]
    return unread + _shadowed_table(project)


def _shadowed_table(project: Project) -> list[Finding]:
    """`[tool.specflow]` in pyproject.toml, which the root's specflow.toml hides."""
    pyproject = project.root / "pyproject.toml"
    if project.config.source != "specflow.toml" or not pyproject.is_file():
        return []
    rows = pyproject.read_text("utf-8", "replace").splitlines()
    line = next((n for n, row in enumerate(rows, 1) if _TOOL_TABLE.match(row)), 0)
    message = (
        "`[tool.specflow]` is not read: specflow.toml is, and specflow reads one configuration "
        "file; move these settings to specflow.toml, or delete it"
    )
    return (
        [Finding("unread-configuration", Severity.warning, "pyproject.toml", line, message)]
        if line
        else []
    )


def _ignored(project: Project, specs: SpecSet, files: Sequence[str]) -> list[Finding]:
    """LINT-E5: a spec git ignores is never committed, so the hooks and CI never check it."""
    listed = set(files)
    untracked = [spec.path for spec in specs.specs if spec.path not in listed]
    return [
        Finding("ignored-spec", Severity.warning, path, 1, _ignored_message(rule))
        for path, rule in gitread.ignored_by(project.root, untracked).items()
    ]


def _ignored_message(rule: str) -> str:
    return (
        f"git ignores this spec ({rule}): it is never committed, so no hook or CI checks it; "
        "un-ignore the folder, or `git add -f` the spec"
    )


def _unknown_scopes(project: Project, specs: SpecSet) -> Iterator[Finding]:
    """SOURCES-5: a `[tool.specflow.scopes]` key that names no spec is most likely a typo."""
    known = {spec.path for spec in specs.specs} | set(specs.by_id)
    where = project.config.source or "pyproject.toml"
    for key in project.config.scopes:
        if key not in known:
            message = f"`scopes` names {key!r}, which is no spec's path or id; check its spelling"
            yield Finding("unknown-scope-spec", Severity.warning, where, 1, message)


_TOOLS = {"speckit": "Spec Kit", "openspec": "OpenSpec", "kiro": "Kiro"}


def _refuse_fix(spec: Spec) -> Iterator[Finding]:
    """SOURCES-8: another tool's file is read, never rewritten: the tool (and its agent) owns
    its layout, and an ID written by specflow would be text that tool does not expect."""
    for item in spec.items:
        if item.id is None and item.kind == "requirement":
            message = (
                f"`lint --fix` does not write {_TOOLS[spec.source]} files: specflow reads them as "
                "that tool writes them; give the requirement its ID in the tool's own format"
            )
            yield Finding("fix-refused", Severity.error, spec.path, item.line, message)


def _fix(project: Project, spec: Spec, specs: SpecSet) -> SpecSet | None:
    """LINT-8: write `spec` with its missing IDs; return `specs` holding the fixed spec, or
    None when no ID could be given (LINT-E4) and the file is left as it was.

    The next spec is numbered against the fixed one, so two files that share a prefix
    never receive the same new ID; each spec numbers from its own prefix (LINT-E3).
    """
    path = project.root / spec.path
    data = path.read_bytes()
    # LINT-E1: decoding drops the BOM; it goes back in front, and line endings are never touched.
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text = decode(spec.path, data)
    fixed = assign_ids(text, spec, specs)
    if fixed == text:
        return None
    write_atomic(path, bom + fixed.encode())
    reparsed = parse_spec(spec.path, fixed)
    return SpecSet(tuple(reparsed if s.path == spec.path else s for s in specs.specs))


def _refuse_symlinked_folder(project: Project) -> None:
    """HARDEN-20: a specs folder that is a symlink could send the new file anywhere."""
    folder = project.config.specs_path
    for part in (folder, *folder.parents):
        if part == project.root:
            return
        if part.is_symlink():
            where = part.relative_to(project.root).as_posix()
            raise SpecflowError(
                f"{where} is a symbolic link: specflow writes specs only inside "
                "the repository; make it a real folder"
            )


def init_command(hooks: bool) -> None:
    """`specflow init`: specs/ and the configuration, and with `hooks` the git hooks."""
    project = open_project()
    # HOOK-10: outside a repository, --hooks fails before anything is written.
    repo = pipeline.open_repository(project.root) if hooks else None
    created = init(project)
    for path in created:
        console.out(f"created {path}")
    if not created:
        console.out("Nothing to do: specs/ and the configuration are already there.")
    # ASSIST-13: a hint, on stderr: stdout lists what init created, one file a line
    console.err(
        "With a coding assistant: `specflow agents install` tells it to ask specflow "
        "(`specflow mcp`) before it edits."
    )
    if repo is not None:
        for line in install(repo, pre_push=False):
            console.out(line)


def new_command(title: str, spec_id: str | None, scope: Sequence[str], status: str) -> None:
    """`specflow new`: the spec written from the template, its path said."""
    project = open_project()
    path = new_spec(project, title, spec_id, scope, status)
    console.out(
        f"created {path}: fill in Context, Requirements and Edge Cases, then `specflow lint`"
    )
    for rule in gitread.ignored_by(project.root, [path]).values():  # LINT-E5
        console.err(f"specflow: warning: {path}: {_ignored_message(rule)}")
    globs = [glob for glob in scope if not glob.startswith("!")]
    files = gitread.list_files(project.root) if globs else []
    for glob in _matching_nothing(files, globs):
        console.err(f"specflow: warning: {path}: scope `{glob}` matches no file yet: check it")
    for message in filter(None, (unanchored(glob, files) for glob in globs)):  # NEW-E32
        console.err(f"specflow: warning: {path}: {message}")


def _matching_nothing(files: Sequence[str], globs: Sequence[str]) -> list[str]:
    """NEW-E19: the scope globs that match no file of the repository (a typo, most likely, or
    the files the spec is written for before they exist)."""
    return [glob for glob in globs if not matching(files, (glob,))]


def lint_command(*, fix: bool, fmt: str) -> int:
    """`specflow lint`: the findings printed; 1 when one is an error."""
    result = run_lint(open_project(), fix=fix)
    for path in result.fixed:
        console.err(f"fixed {path}: assigned missing IDs")
    for error in result.unread:  # LINT-E15: as a spec that stops a command is said (LINT-9)
        console.err(f"specflow: error: {error}")
    unread = f"; {len(result.unread)} cannot be read" if result.unread else ""
    checked = f"{len(result.specs.specs)} spec(s){unread}"
    # LINT-E18: a spec that cannot be read is an error of the summary's count, never "All good"
    unreadable = [Finding("unreadable-spec", Severity.error, "", 0, "") for _ in result.unread]
    counted = [*result.findings, *unreadable]
    console.findings(result.findings, checked, fmt, counted=counted, fixed=result.fixed)
    if fmt == "text" and result.unreferenced and not result.code:
        console.out(_unreferenced_note(result.unreferenced))
    return result.code


def _unreferenced_note(count: int) -> str:
    """LINT-E16: "All good" says nothing of references; `check` blocks on them."""
    which = "1 requirement" if count == 1 else f"{count} requirements"
    return (
        f"{which} no code references yet: `specflow check` blocks a change in their scope until "
        "each is named where it is implemented (or planned `- [ ]`); `specflow list` counts them."
    )
