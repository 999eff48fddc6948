"""The labelled benchmark of the other spec formats: its keys, its score, and a run on a local
repository laid out as the `fetch` tool leaves one (SBENCH-*).

The real repositories are fetched, not committed; `benchmarks/bench_sources.py` itself is run
by hand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import bench_sources
from bench_sources import FileOutcome, LabelledFile, Repository, label_key, read_key, score

SPECKIT = """# Feature Specification: Password reset

**Status**: Draft

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: System MUST send a reset link to a registered e-mail.
- **FR-002**: System MUST expire the link after one hour.

### Key Entities
- **User**: a person with an e-mail.

## Success Criteria
- **SC-001**: Users reset in under a minute.
"""

KIRO = """# Requirements Document

## Introduction
Password reset.

## Requirements

### Requirement 1: Reset link

**User Story:** As a user, I want a reset link, so that I can log in again.

#### Acceptance Criteria

1. WHEN a user asks for a reset THEN the system SHALL send a link.
2. WHEN the link is older than an hour THEN the system SHALL refuse it.
"""


def test_keys_of_the_labels_and_of_specflow_meet():
    """SBENCH-2, SBENCH-E2"""
    assert label_key("speckit", "FR-1") == label_key("speckit", "FR-001") == "FR-1"
    assert read_key("speckit", "PASSWORD-RESET-FR-001", "PASSWORD-RESET-FR") == "FR-1"
    assert label_key("openspec", "Reset link expiry") == "reset-link-expiry"
    assert read_key("openspec", "AUTH-reset-link-expiry", "AUTH") == "reset-link-expiry"
    assert read_key("kiro", "PASSWORD-RESET-1.2", "PASSWORD-RESET") == label_key("kiro", "1.2")


def outcome(wanted: set[str], read: set[str], findings: tuple[str, ...] = ()) -> FileOutcome:
    label = LabelledFile("specs/001-a/spec.md", frozenset(wanted), frozenset())
    return FileOutcome(
        Repository("o/r", "a" * 40, "speckit", (label,)), label, frozenset(read), findings
    )


def test_score_counts_keys_files_and_lint_findings():
    """SBENCH-3, SBENCH-E1: a file labelled without requirements is read when none are given."""
    result = score(
        [
            outcome({"FR-1", "FR-2"}, {"FR-1", "SC-1"}, ("3: error [x] a", "4: warning [y] b")),
            outcome(set(), set()),
            outcome(set(), {"FR-9"}),
        ]
    )
    assert (result.files, result.read) == (3, 2)
    assert (result.precision, result.recall) == (1 / 3, 1 / 2)
    assert (result.errors, result.warnings) == (1, 1)


def fetched(tmp_path: Path, files: dict[str, str]) -> tuple[Path, str]:
    """A repository with `files`, cloned bare where `fetch` would leave it; its commit."""
    work = tmp_path / "work"
    work.mkdir()
    for path, text in files.items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(work)]
    subprocess.run([*git[:5], "init", "-q", str(work)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "specs"], check=True)
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    mirrors = tmp_path / "mirrors"
    bare = mirrors / "someone+app" / "repo"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    return mirrors, head.strip()


def test_reads_a_fetched_repository_and_scores_its_files(tmp_path, capsys):
    """SBENCH-1, SBENCH-2, SBENCH-3: the real specflow reads a Spec Kit and a Kiro spec; a
    label that wants FR-003 shows it as missed."""
    files = {
        ".specify/memory/constitution.md": "# Constitution\n",
        "specs/001-password-reset/spec.md": SPECKIT,
        ".kiro/specs/password-reset/requirements.md": KIRO,
    }
    mirrors, head = fetched(tmp_path, files)
    labels = tmp_path / "labels.yaml"
    labels.write_text(
        f"- repo: someone/app\n  commit: {head}\n  format: speckit\n  files:\n"
        "    - path: specs/001-password-reset/spec.md\n"
        "      requirements: [FR-001, FR-002, FR-003]\n      other_ids: [SC-001]\n"
        f"- repo: someone/app\n  commit: {head}\n  format: kiro\n  files:\n"
        "    - path: .kiro/specs/password-reset/requirements.md\n"
        "      requirements: ['1.1', '1.2']\n",
        encoding="utf-8",
    )
    arguments = ["--mirrors", str(mirrors), "--labels", str(labels), "--verbose"]
    assert bench_sources.main(arguments) == 0
    out = capsys.readouterr().out
    assert "someone/app:specs/001-password-reset/spec.md: not labelled -; missed ['FR-3']" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    assert rows["speckit"][:4] == ["1", "1", "1.00", "0.67"]
    assert rows["kiro"][:4] == ["1", "1", "1.00", "1.00"]
    assert rows["openspec"][:4] == ["0", "0", "-", "-"]


def test_a_repository_not_fetched_is_named_with_where_it_was_looked_for(tmp_path, capsys):
    """SBENCH-4"""
    labels = tmp_path / "labels.yaml"
    labels.write_text(
        f"- repo: someone/gone\n  commit: {'a' * 40}\n  format: kiro\n  files: []\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit) as stopped:
        bench_sources.main(["--mirrors", str(tmp_path), "--labels", str(labels)])
    assert stopped.value.code == 2
    assert f"someone/gone: no git directory at {tmp_path / 'someone+gone' / 'repo'}" in (
        capsys.readouterr().err
    )


def test_a_label_without_a_known_format_is_bad_input_naming_its_line(tmp_path, capsys):
    """SBENCH-4"""
    labels = tmp_path / "labels.yaml"
    labels.write_text("- repo: a/b\n  commit: x\n  format: kiro\n  files: []\n- repo: c\n")
    with pytest.raises(SystemExit) as stopped:
        bench_sources.main(["--mirrors", str(tmp_path), "--labels", str(labels)])
    assert stopped.value.code == 2
    assert f"{labels}:1: commit must be the full 40-hex id" in capsys.readouterr().err
