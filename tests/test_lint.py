"""`specflow lint`: each rule by its stable name, severity and line; exit codes through the CLI."""

from __future__ import annotations

import json

import pytest

from specflow.lint import lint
from specflow.model import Severity
from specflow.sources.markdown import parse_spec
from specflow.specset import SpecSet

ERROR, WARNING = Severity.error, Severity.warning

CLEAN = """\
---
id: RESET
status: active
---
# Password reset

## Context
- Hashes are SHA-256.

## Requirements
- RESET-1: New hashes stay SHA-256.
- [ ] RESET-2: Old hashes move to bcrypt.

## Edge Cases
- RESET-E1: Two resets in a row.

## Constraints
- forbid `import bcrypt` until RESET-2: the format must not fork.
"""


# LINT-E17: a spec with no scope is a warning of `lint`; the CLI's clean spec governs a file
SCOPED = CLEAN.replace("id: RESET\n", "id: RESET\nscope: ['**']\n")


def findings_for(files: dict[str, str], repo_files: list[str] | None = None):
    specs = SpecSet(tuple(parse_spec(path, text) for path, text in sorted(files.items())))
    return lint(specs, repo_files)


def summary(files: dict[str, str], repo_files: list[str] | None = None):
    return [(f.rule, f.severity, f.path, f.line) for f in findings_for(files, repo_files)]


def test_a_clean_spec_has_no_findings():
    assert findings_for({"specs/reset.md": CLEAN}, ["src/auth.py"]) == []


# Each case changes CLEAN in one place and expects exactly one finding there.
RULE_CASES = [
    ("id: RESET", "id: [RESET]", "invalid-front-matter", ERROR, 2),
    ("status: active", "status: actve", "unknown-status", ERROR, 3),
    ("status: active", "status: active\nscop: src/**", "unknown-key", WARNING, 4),
    ("status: active", "status: deprecated\nsuperseded-by: GONE", "unknown-successor", WARNING, 4),
    ("status: active", "status: done", "planned-in-done-spec", ERROR, 12),
    ("## Context", "## Background", "missing-context", WARNING, 1),
    ("## Edge Cases", "## Corner cases", "missing-edge-cases", WARNING, 1),
    ("- RESET-1: New", "- New", "missing-id", ERROR, 11),
    ("- RESET-E1: Two", "- Two", "missing-id", WARNING, 15),
    ("- RESET-1: New", "- AUTH-1: New", "wrong-prefix", ERROR, 11),
    ("- RESET-E1: Two", "- RESET-3: Two", "wrong-id-kind", ERROR, 15),
    ("- RESET-1: New hashes stay SHA-256.", "- RESET-1:", "empty-requirement", ERROR, 11),
    ("forbid `import bcrypt` until", "forbid import bcrypt until", "invalid-constraint", ERROR, 18),
    ("until RESET-2:", "until RESET-9:", "invalid-constraint", ERROR, 18),
]


@pytest.mark.parametrize(
    ("old", "new", "rule", "severity", "line"),
    RULE_CASES,
    ids=[f"{case[2]}-{index}" for index, case in enumerate(RULE_CASES)],
)
def test_each_rule_has_a_stable_name_severity_and_line(old, new, rule, severity, line):
    """LINT-1, LINT-3, LINT-4, LINT-6, LINT-7"""
    text = CLEAN.replace(old, new, 1)
    assert text != CLEAN
    found = findings_for({"specs/reset.md": text}, ["src/auth.py"])
    assert [(f.rule, f.severity, f.path, f.line) for f in found] == [
        (rule, severity, "specs/reset.md", line)
    ]
    assert found[0].message.strip()


def test_an_invalid_spec_id_is_an_error_at_the_id_line():
    """LINT-1"""
    text = "---\nstatus: active\nid: reset\n---\n## Context\n## Requirements\n## Edge Cases\n"
    assert summary({"specs/reset.md": text}) == [
        ("invalid-front-matter", ERROR, "specs/reset.md", 3)
    ]


def test_a_spec_id_from_a_file_name_that_cannot_be_one_says_to_rename_the_file():
    text = "## Context\n## Requirements\n## Edge Cases\n"
    (finding,) = findings_for({"specs/2024.md": text})
    assert (finding.rule, finding.line) == ("invalid-spec-id", 1)
    assert "rename the file or set `id:`" in finding.message


def test_missing_requirements_is_an_error_and_the_others_warnings():
    """LINT-3"""
    assert summary({"specs/reset.md": "# Empty\n\nJust prose.\n"}) == [
        ("missing-context", WARNING, "specs/reset.md", 1),
        ("missing-edge-cases", WARNING, "specs/reset.md", 1),
        ("missing-requirements", ERROR, "specs/reset.md", 1),
    ]


def test_a_heading_without_its_space_is_named_at_its_line(repo, cli):
    """FORMAT-E5, LINT-3: the httpx trial's `##Requirements` was reported missing at line 1."""
    typo = SCOPED.replace("## Requirements", "##Requirements").replace("## Context", "##  Context")
    repo.commit("spec", {"specs/reset.md": typo + "\n##1 is a number, not a heading\n"})
    result = cli("lint")
    assert result.code == 1
    lines = result.out.splitlines()
    assert (
        "specs/reset.md:11: error [missing-requirements] no `## Requirements` section" in lines[1]
    )
    assert lines[2] == (
        "specs/reset.md:11: warning [not-a-heading] `##Requirements` is not a heading: put a "
        "space after `##`"
    )
    assert "##1" not in result.out and "Context" not in result.out


def test_every_message_says_how_to_fix_it():
    """LINT-1: each message carries a way out (a command, a suggestion or the expected form)."""
    scenarios = [{"specs/reset.md": CLEAN.replace(old, new, 1)} for old, new, *_ in RULE_CASES]
    scenarios += [
        {"specs/reset.md": "# Prose only\n", "specs/2024.md": "## Requirements\n- 2024-1: a\n"},
        {"specs/reset.md": CLEAN, "specs/z.md": CLEAN.replace("status: active", "scope: [x/**]")},
    ]
    findings = [f for files in scenarios for f in findings_for(files, ["src/auth.py"])]
    rules = {f.rule for f in findings}
    assert {"duplicate-id", "duplicate-spec-id", "unmatched-scope", "invalid-spec-id"} <= rules
    hints = (
        "add",
        "run",
        "use",
        "did you mean",
        "write",
        "fix",
        "set",
        "rename",
        "tick",
        "name",
        "check",
    )
    for finding in findings:
        text = finding.message.lower()
        assert any(hint in text for hint in hints) or "expected" in text, finding


def test_an_unknown_key_suggests_the_known_one():
    """LINT-4: `scop:` must not pass silently."""
    (finding,) = findings_for({"specs/reset.md": CLEAN.replace("status: active", "scop: src/**")})
    assert "did you mean `scope`?" in finding.message


def test_an_empty_item_with_an_id_is_empty_and_one_without_id_is_both():
    """LINT-7"""
    text = CLEAN.replace("- RESET-E1: Two resets in a row.", "- RESET-E1:\n-")
    assert summary({"specs/reset.md": text})[-3:] == [
        ("empty-requirement", ERROR, "specs/reset.md", 15),
        ("empty-requirement", ERROR, "specs/reset.md", 16),
        ("missing-id", WARNING, "specs/reset.md", 16),
    ]


def test_duplicate_requirement_ids_across_files_name_both_places():
    """LINT-2"""
    other = "---\nid: AUTH\n---\n## Context\n- c\n## Requirements\n- AUTH-1: a\n- RESET-1: b\n"
    found = findings_for({"specs/reset.md": CLEAN, "specs/auth.md": other})
    dupes = [f for f in found if f.rule == "duplicate-id"]
    # LINT-E10: auth.md sorts first, but its RESET-1 is the copy: RESET owns its prefix.
    assert [(f.severity, f.path, f.line) for f in dupes] == [(ERROR, "specs/auth.md", 8)]
    assert "specs/reset.md:11" in dupes[0].message
    # The second place is also reported as another spec's ID, at its own line.
    assert ("wrong-prefix", ERROR, "specs/auth.md", 8) in summary(
        {"specs/reset.md": CLEAN, "specs/auth.md": other}
    )


VALIDATORS = """\
---
id: VALIDATE
---
## Context
- `url()` validates URLs.
## Requirements
- VALIDATE-1: Only http and https are accepted.
"""
PASTED = "---\nid: DUP\n---\n## Requirements\n- DUP-1: a\n- VALIDATE-1: pasted\n"


def test_a_pasted_id_is_the_duplicate_even_when_its_file_sorts_first(repo, cli):
    """LINT-E10: the error and its advice land on the copy; following the advice (delete the ID,
    `lint --fix`) renumbers the copy, and the owner keeps VALIDATE-1 for `show`."""
    repo.commit("url", {"src/validate.py": "def url(v):\n    # VALIDATE-1\n    return v\n"})
    repo.write({"specs/validators.md": VALIDATORS, "specs/dup.md": PASTED})
    dupes = [line for line in cli("lint").out.splitlines() if "[duplicate-id]" in line]
    assert dupes == [
        "specs/dup.md:6: error [duplicate-id] VALIDATE-1 is already defined at "
        "specs/validators.md:7; delete this ID and run `specflow lint --fix` to give it a free "
        "number"
    ]
    shown = cli("show", "VALIDATE-1").out
    assert "Only http" in shown and "pasted" not in shown
    repo.write({"specs/dup.md": PASTED.replace("- VALIDATE-1: pasted", "- pasted")})
    assert cli("lint", "--fix").code == 0
    assert repo.read("specs/dup.md").endswith("- DUP-2: pasted\n")
    assert repo.read("specs/validators.md") == VALIDATORS


def test_a_duplicate_id_within_one_spec_names_the_first_line():
    """LINT-2, LINT-E10: both carry the spec's prefix, so the first by path owns the ID."""
    text = CLEAN.replace("- RESET-E1: Two", "- RESET-E1: One\n- RESET-E1: Two")
    dupes = [f for f in findings_for({"specs/reset.md": text}) if f.rule == "duplicate-id"]
    assert [(f.line, f.message.split(";")[0]) for f in dupes] == [
        (16, "RESET-E1 is already defined at specs/reset.md:15")
    ]


def test_a_spec_id_used_by_two_files_is_an_error_naming_the_other():
    """LINT-2"""
    other = "---\nstatus: active\nid: RESET\n---\n## Context\n## Requirements\n## Edge Cases\n"
    found = findings_for({"specs/a-reset.md": other, "specs/reset.md": CLEAN})
    (dupe,) = [f for f in found if f.rule == "duplicate-spec-id"]
    assert (dupe.severity, dupe.path, dupe.line) == (ERROR, "specs/reset.md", 2)
    assert "specs/a-reset.md" in dupe.message


def test_a_scope_glob_that_matches_nothing_is_a_warning_at_its_line():
    """LINT-5; LINT-E7: at the glob's own line, not the `scope:` key's, and a glob written with
    a shell's braces is told git does not expand them."""
    text = CLEAN.replace(
        "status: active",
        'status: active\nscope:\n  - src/auth/**\n  - src/gone/**\n  - "src/**/*.{ts,tsx}"',
    )
    found = findings_for({"specs/reset.md": text}, ["src/auth/hash.py"])
    assert [(f.rule, f.severity, f.line) for f in found] == [
        ("unmatched-scope", WARNING, 6),
        ("unmatched-scope", WARNING, 7),
    ]
    assert "src/gone/**" in found[0].message and "braces" not in found[0].message
    assert found[1].message.endswith("(braces are not expanded: write one glob per suffix)")


def test_a_constraint_glob_that_matches_nothing_is_a_warning_at_its_line():
    """LINT-5"""
    text = CLEAN.replace("`import bcrypt` until", "`import bcrypt` in `lib/**` until")
    found = findings_for({"specs/reset.md": text}, ["src/auth.py"])
    assert [(f.rule, f.severity, f.line) for f in found] == [("unmatched-scope", WARNING, 18)]


def test_a_glob_that_leaves_out_a_file_is_judged_by_the_file_it_leaves_out():
    """LINT-5, CHECK-E5: `!src/auth.py` matches no file to include, yet it is no typo."""
    text = CLEAN.replace(
        "`import bcrypt` until", "`import bcrypt` in `src/**`, `!src/auth.py` until"
    )
    assert findings_for({"specs/reset.md": text}, ["src/auth.py", "src/x.py"]) == []
    gone = text.replace("!src/auth.py", "!src/gone.py")
    found = findings_for({"specs/reset.md": gone}, ["src/auth.py", "src/x.py"])
    assert [(f.rule, f.line) for f in found] == [("unmatched-scope", 18)]


def test_without_the_file_list_scope_is_not_checked():
    text = CLEAN.replace("status: active", "status: active\nscope: [src/gone/**]")
    assert findings_for({"specs/reset.md": text}, None) == []


def test_a_plain_item_in_a_done_spec_is_fine():
    text = CLEAN.replace("status: active", "status: done").replace("- [ ] RESET-2", "- [x] RESET-2")
    assert findings_for({"specs/reset.md": text}) == []


def test_findings_are_sorted_by_file_and_line():
    text = CLEAN.replace("- RESET-E1: Two", "- Two").replace("status: active", "status: nope")
    lines = [f.line for f in findings_for({"specs/reset.md": text})]
    assert lines == sorted(lines)


# --- Exit codes and output through the CLI -----------------------------------------------------


def test_lint_exits_0_on_a_clean_repository(repo, cli):
    """LINT-9"""
    repo.write({"specs/reset.md": SCOPED})
    result = cli("lint")
    assert (result.code, result.out.splitlines()[0]) == (0, "All good: 1 spec(s).")


def test_lint_exits_0_with_warnings_only(repo, cli):
    """LINT-9"""
    repo.write({"specs/reset.md": SCOPED.replace("- RESET-E1: Two", "- Two")})
    result = cli("lint")
    assert result.code == 0
    assert "specs/reset.md:16: warning [missing-id]" in result.out
    assert "0 errors, 1 warning in 1 spec(s)." in result.out


def test_lint_exits_1_on_errors_and_prints_file_line_rule(repo, cli):
    """LINT-9, LINT-1"""
    repo.write({"specs/reset.md": CLEAN.replace("status: active", "status: actve")})
    result = cli("lint")
    assert result.code == 1
    assert "specs/reset.md:3: error [unknown-status] unknown status 'actve'" in result.out


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"## Requirements\n- RESET-1: caf\xe9\n", "specs/reset.md:2"),
        (b"---\nid: [RESET\n---\n", "specs/reset.md:2"),
        (b"---\n- a list\n---\n", "specs/reset.md:1"),
        (b"---\nid: RESET\nscope:\n  - src/**\n\n# Reset\n## Requirements\n", "specs/reset.md:1"),
    ],
)
def test_lint_exits_2_when_a_spec_cannot_be_read(repo, cli, data, where):
    """LINT-9, FORMAT-6, FORMAT-E4 (front matter never closed)"""
    repo.write({"specs/reset.md": data})
    result = cli("lint")
    assert result.code == 2
    assert result.err.startswith(f"specflow: error: {where}: ")
    assert "Traceback" not in result.err + result.out


def test_lint_json_lists_every_finding(repo, cli):
    """LINT-1: rule, severity, path, line, message; `"schema": 1`."""
    repo.write({"specs/reset.md": SCOPED.replace("- RESET-1: New", "- New")})
    result = cli("lint", "--format", "json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["schema"] == 1
    assert data["findings"] == [
        {
            "rule": "missing-id",
            "severity": "error",
            "path": "specs/reset.md",
            "line": 12,
            "message": "requirement has no ID; run `specflow lint --fix` or write `RESET-3: ...`",
        }
    ]


def test_lint_checks_scope_against_the_repository_files(repo, cli):
    """LINT-5 end to end: untracked files count, ignored ones do not."""
    text = CLEAN.replace("status: active", "status: active\nscope: [src/auth/**, build/**]")
    repo.write(
        {"specs/reset.md": text, "src/auth/h.py": "", ".gitignore": "build/\n", "build/x.py": ""}
    )
    result = cli("lint")
    assert result.code == 0
    assert "warning [unmatched-scope] scope glob 'build/**'" in result.out
    assert "'src/auth/**'" not in result.out


def test_the_specs_readme_is_a_guide_not_a_spec(repo, cli):
    repo.write({"specs/README.md": "# Specs\nA guide.\n", "specs/reset.md": SCOPED})
    assert cli("lint").out.splitlines()[0] == "All good: 1 spec(s)."


def test_a_folder_named_like_a_spec_is_skipped(repo, cli):
    repo.write({"specs/reset.md": CLEAN, "specs/notes.md/x.txt": "x"})
    assert cli("lint").code == 0


def test_a_configuration_specflow_never_reads_is_a_warning(repo, cli):
    """LINT-E8: a package's own specflow.toml (a monorepo), and `[tool.specflow]` hidden by the
    root's specflow.toml, are said by lint; `init` beside a pyproject.toml without the table
    says nothing of it; a configured `specs_dir` that is missing is bad input, as for check."""
    repo.write({"pyproject.toml": '[project]\nname = "x"\n'})
    initialised = cli("init")
    assert "created specflow.toml" in initialised.out
    assert "pyproject" not in initialised.out + initialised.err
    policy = '\n[tool.specflow.rules]\nuntested-requirement = "error"\n'
    repo.write(
        {
            "pyproject.toml": '[project]\nname = "x"\n' + policy,
            "specs/clean.md": CLEAN,
            "packages/a/specflow.toml": 'specs_dir = "specs"\n',
        }
    )
    found = json.loads(cli("lint", "--format", "json").out)["findings"]
    unread = [(f["path"], f["line"]) for f in found if f["rule"] == "unread-configuration"]
    assert unread == [("packages/a/specflow.toml", 1), ("pyproject.toml", 4)]
    assert cli("lint").code == 0  # warnings: the configuration read is valid
    repo.write({"specflow.toml": 'specs_dir = "docs/specs"\n'})
    missing = cli("lint")
    assert missing.code == 2 and "specflow.toml:1" in missing.err
    assert "`specs_dir = 'docs/specs'` does not exist" in missing.err
