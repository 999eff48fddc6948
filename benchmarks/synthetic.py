"""A synthetic repository as a real one is shaped: Python files in packages, one spec per
package scoped to it, every requirement referenced from code and from a test; committed and
packed. Deterministic: the same shape gives the same bytes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from common import git

FILES_PER_PACKAGE = 50


@dataclass(frozen=True)
class Shape:
    files: int
    specs: int
    requirements: int


def shape_for(files: int) -> Shape:
    """The issue's sizes: 20 specs at 1,000 files, 100 specs of 20 requirements from 20,000."""
    specs = 20 if files <= 1_000 else 100
    return Shape(files, specs, 20 if files > 1_000 else 10)


def spec_id(index: int) -> str:
    return f"S{index:03d}"


def spec_text(index: int, shape: Shape) -> str:
    key = spec_id(index)
    requirements = "\n".join(
        f"- {key}-{n}: Requirement {n} of package {index} keeps its records consistent."
        for n in range(1, shape.requirements + 1)
    )
    return (
        f"---\nid: {key}\nscope:\n  - src/pkg{index:03d}/**\n---\n\n# Package {index}\n\n"
        f"## Context\n- Package {index} stores records in `store_{index}`.\n\n"
        f"## Requirements\n{requirements}\n\n"
        f"## Edge Cases\n- {key}-E1: An empty record.\n\n"
        f"## Constraints\n- forbid `import pickle` in `src/pkg{index:03d}/**`: records are JSON.\n"
    )


def source_text(package: int, number: int, shape: Shape) -> str:
    """A module; the first `requirements` modules of a governed package each implement one."""
    mention = ""
    if package < shape.specs and number < shape.requirements:
        mention = f"  # {spec_id(package)}-{number + 1}"
    return (
        f'"""Module {number} of package {package}."""\n\n\n'
        f"def handle_{number}(record: dict) -> dict:{mention}\n"
        f"    return dict(record, seen={number})\n"
    )


def build(root: Path, shape: Shape) -> None:
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "specs").mkdir()
    for index in range(shape.specs):
        (root / "specs" / f"package-{index:03d}.md").write_text(spec_text(index, shape))
        ids = " ".join(f"{spec_id(index)}-{n}" for n in range(1, shape.requirements + 1))
        tests = root / "tests"
        tests.mkdir(exist_ok=True)
        (tests / f"test_pkg{index:03d}.py").write_text(f'def test_pkg():\n    """{ids}"""\n')
    for number in range(shape.files):
        package, module = divmod(number, FILES_PER_PACKAGE)
        folder = root / "src" / f"pkg{package:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"m{module:02d}.py").write_text(source_text(package, module, shape))
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Initial import")
    git(root, "repack", "-a", "-d", "-q")  # packed, as a real repository is


def touch(root: Path, run: int) -> None:
    """A one-line change in a governed file, different on every run."""
    path = root / "src" / "pkg000" / "m40.py"
    path.write_text(path.read_text() + f"# run {run}\n")
    git(root, "add", "--", str(path.relative_to(root)))


def id_pattern(shape: Shape) -> list[str]:
    """Every requirement ID as git grep arguments, the fastest way to ask git for exactly these
    IDs: one extended regular expression of alternatives, whole words (`S000-1` is not `S000-10`).
    (`-F -w -f FILE` with one ID a line finds the same rows 20 times slower.)"""
    ids = (
        f"{spec_id(i)}-{n}" for i in range(shape.specs) for n in range(1, shape.requirements + 1)
    )
    return ["-w", "-E", "-e", "(" + "|".join(ids) + ")"]


def prefix_pattern(shape: Shape) -> list[str]:
    """The spec prefixes as git grep arguments, the way specflow asks for them: one extended
    regular expression of alternatives (git's cost grows with each `-e`)."""
    return ["-E", "-e", "(" + "|".join(f"{spec_id(i)}-" for i in range(shape.specs)) + ")"]
