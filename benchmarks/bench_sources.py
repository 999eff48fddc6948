"""Score specflow's readers of other spec formats on real public repositories (SBENCH).

    python benchmarks/bench_sources.py [--mirrors /work/.mirror] [--specflow CMD] [--verbose]

`benchmarks/sources/labels.yaml` lists repositories that use GitHub Spec Kit, OpenSpec or Kiro,
each at a commit, with spec files and the requirements a careful reader counts in each: Spec
Kit's FR identifiers (`FR-001`), OpenSpec's requirement names (`### Requirement: <name>`, the
ADDED ones of a change), Kiro's acceptance criteria (`1.2`); other ID families a reader would not
call requirements in `other_ids`. They were written by reading the files, before specflow ran.
Bring each repository with the `fetch` tool (`github:owner/name`), which leaves its git
directory at `<mirrors>/owner+name/repo`.

Each repository is checked out at its commit in a scratch folder (a shared clone: nothing is
written to the fetched history) and read by `specflow report --format json`; the requirements
it gives for each labelled file are compared with the labels by their key: the FR number, the
name as a slug, the criterion's `N.M`. Then `specflow lint --format json` for the errors and
warnings it reports on those files.

Prints per format and overall: files, files read (specflow gives the file at least one
requirement when the labels do, or none when they have none), precision and recall of the
requirements, and the lint errors and warnings on the labelled files. `--verbose` adds each
file whose requirements differ, and each lint finding. A script, not a test: exits 0 whatever
the figures; 1 when a command fails; 2, naming the file and line, for labels it cannot use.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_links import _dicts, bad_input, figure, specflow_json, yaml_list
from common import GIT_ENV, print_table, specflow_script

LABELS = Path(__file__).resolve().parent / "sources" / "labels.yaml"
FORMATS = ("speckit", "openspec", "kiro")
FR = re.compile(r"FR-?0*(\d+[a-z]?)$", re.IGNORECASE)
CRITERION = re.compile(r"(\d+\.\d+)$")
REQUIREMENT = re.compile(r"###\s+Requirement:\s*(?P<name>.+?)\s*$")


@dataclass(frozen=True)
class LabelledFile:
    path: str
    requirements: frozenset[str]  # keys
    others: frozenset[str]
    names: tuple[str, ...] = ()  # OpenSpec's requirement names, as written


@dataclass(frozen=True)
class Repository:
    repo: str
    commit: str
    format: str
    files: tuple[LabelledFile, ...]


@dataclass(frozen=True)
class FileOutcome:
    repository: Repository
    label: LabelledFile
    read: frozenset[str]  # the keys of the requirements specflow gives the file
    findings: tuple[str, ...]  # lint's errors and warnings on the file: "line: severity [rule]"


def slug(text: str) -> str:
    return re.sub(r"[\W_]+", "-", text.lower()).strip("-")


def label_key(form: str, text: str) -> str:
    """The key of a requirement as the labels write it."""
    if form == "speckit":
        found = FR.search(text.strip())
        return f"FR-{found.group(1).lower()}" if found else text.strip()
    return slug(text) if form == "openspec" else text.strip()


def read_key(form: str, ident: str, spec: str) -> str:
    """The key of a requirement specflow gives: its ID less the spec's part."""
    if form == "speckit":
        found = FR.search(ident)
        return f"FR-{found.group(1).lower()}" if found else ident
    if form == "kiro":
        found = CRITERION.search(ident)
        return found.group(1) if found else ident
    return slug(ident.removeprefix(spec + "-"))


# SBENCH-1
def load(path: Path) -> list[Repository]:
    repositories = []
    for where, entry in yaml_list(path, "{repo, commit, format, files}"):
        if not isinstance(entry, dict) or entry.get("format") not in FORMATS:
            bad_input(f"{where}: an entry needs repo, commit, format ({'|'.join(FORMATS)}), files")
        if not re.fullmatch(r"[0-9a-f]{40}", str(entry.get("commit"))):
            bad_input(f"{where}: commit must be the full 40-hex id")
        form = str(entry["format"])
        files = tuple(_file(where, form, item) for item in entry.get("files") or [])
        repositories.append(Repository(str(entry.get("repo")), str(entry["commit"]), form, files))
    return repositories


# SBENCH-4
def _file(where: str, form: str, item: object) -> LabelledFile:
    if not isinstance(item, dict) or not isinstance(item.get("path"), str):
        bad_input(f"{where}: each file needs a path and its requirements")
    requirements, others = item.get("requirements") or [], item.get("other_ids") or []
    if not isinstance(requirements, list) or not isinstance(others, list):
        bad_input(f"{where}: {item['path']}: requirements and other_ids are lists")
    return LabelledFile(
        str(item["path"]),
        frozenset(label_key(form, str(key)) for key in requirements),
        frozenset(label_key(form, str(key).split(": ", 1)[-1]) for key in others),
        tuple(" ".join(str(key).split()) for key in requirements) if form == "openspec" else (),
    )


# SBENCH-2
def checkout(mirror: Path, commit: str, folder: Path) -> None:
    for args in (
        ["clone", "-q", "--shared", "--no-checkout", str(mirror), str(folder)],
        ["-C", str(folder), "checkout", "-q", "--detach", commit],
    ):
        done = subprocess.run(["git", *args], capture_output=True, text=True, env=GIT_ENV)
        if done.returncode != 0:
            raise SystemExit(f"git {' '.join(args[:2])} failed: {done.stderr.strip()}")


def read_repository(
    repository: Repository, mirror: Path, specflow: Sequence[str]
) -> list[FileOutcome]:
    with tempfile.TemporaryDirectory(prefix="bench-sources-") as scratch:
        folder = Path(scratch) / "repo"
        checkout(mirror, repository.commit, folder)
        report = specflow_json(specflow, folder, ("report", "--format", "json"), (0, 1))
        lint = specflow_json(specflow, folder, ("lint", "--format", "json"), (0, 1))
        labels = [by_line(folder, label) for label in repository.files]
    keys: dict[str, set[str]] = {}
    for spec in _dicts(report.get("specs", [])):
        if spec.get("source") != repository.format:
            continue
        for item in _dicts(spec.get("requirements", [])):
            key = read_key(repository.format, str(item.get("id")), str(spec.get("id")))
            if repository.format == "openspec":
                key = f"line {item.get('line')}"
            keys.setdefault(str(item.get("path")), set()).add(key)
    said: dict[str, list[str]] = {}
    for finding in _dicts(lint.get("findings", [])):
        line = f"{finding.get('line')}: {finding.get('severity')} [{finding.get('rule')}]"
        said.setdefault(str(finding.get("path")), []).append(f"{line} {finding.get('message')}")
    return [
        FileOutcome(
            repository,
            label,
            frozenset(keys.get(label.path, ())),
            tuple(said.get(label.path, ())),
        )
        for label in labels
    ]


def by_line(folder: Path, label: LabelledFile) -> LabelledFile:
    """OpenSpec's requirements by the line of their `### Requirement: <name>` in the file, as a
    reader finds them: a name's key is the format's own, and specflow's ID need not spell it."""
    path = folder / label.path
    if not label.names or not path.is_file():
        return label
    lines: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        found = REQUIREMENT.match(line)
        if found:
            lines.setdefault(" ".join(found["name"].split()), number)
    keys = {f"line {lines[n]}" if n in lines else n for n in label.names}
    return LabelledFile(label.path, frozenset(keys), label.others)


@dataclass(frozen=True)
class Score:
    files: int
    read: int
    precision: float | None
    recall: float | None
    errors: int
    warnings: int


# SBENCH-3
def score(outcomes: Iterable[FileOutcome]) -> Score:
    files = read = right = given = wanted = errors = warnings = 0
    for outcome in outcomes:
        files += 1
        read += bool(outcome.read) == bool(outcome.label.requirements)
        right += len(outcome.read & outcome.label.requirements)
        given += len(outcome.read)
        wanted += len(outcome.label.requirements)
        errors += sum(" error [" in finding for finding in outcome.findings)
        warnings += sum(" warning [" in finding for finding in outcome.findings)
    return Score(
        files,
        read,
        right / given if given else None,
        right / wanted if wanted else None,
        errors,
        warnings,
    )


def row(name: str, result: Score) -> tuple[str, ...]:
    return (
        name,
        str(result.files),
        str(result.read),
        figure(result.precision),
        figure(result.recall),
        str(result.errors),
        str(result.warnings),
    )


def detail(outcome: FileOutcome) -> list[str]:
    where = f"{outcome.repository.repo}:{outcome.label.path}"
    extra = sorted(outcome.read - outcome.label.requirements)
    missed = sorted(outcome.label.requirements - outcome.read)
    lines = []
    if extra or missed:
        lines.append(f"{where}: not labelled {extra or '-'}; missed {missed or '-'}")
    lines += [f"{where}:{finding}" for finding in outcome.findings]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--specflow", help="the command to run (default: specflow beside python)")
    parser.add_argument("--verbose", action="store_true", help="each file read wrongly")
    args = parser.parse_args(argv)
    specflow = shlex.split(args.specflow) if args.specflow else [str(specflow_script())]
    outcomes: list[FileOutcome] = []
    for repository in load(args.labels):
        mirror = args.mirrors / repository.repo.replace("/", "+") / "repo"
        if not (mirror / "objects").is_dir():
            bad_input(f"{repository.repo}: no git directory at {mirror}; fetch it first")
        outcomes += read_repository(repository, mirror, specflow)
    rows: list[tuple[str, ...]] = [
        ("format", "files", "read", "precision", "recall", "lint errors", "lint warnings")
    ]
    for form in FORMATS:
        rows.append(row(form, score(o for o in outcomes if o.repository.format == form)))
    rows.append(row("overall", score(outcomes)))
    if args.verbose:
        print("\n".join(line for outcome in outcomes for line in detail(outcome)))
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
