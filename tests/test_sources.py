"""Specs written by Spec Kit, OpenSpec and Kiro/cc-sdd, read as they are (specs/sources.md).

The repositories are built from tests/data/<format>/filled/, which follow the files the real tools
wrote (tests/data/<format>/generated/, tests/data/regenerate_sources.sh); every test runs the CLI,
the hooks with a real `git commit`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from specflow.ids import find_references, prefixes_of
from specflow.sources.markdown import parse_spec
from test_commands_report import browse, needs_chromium
from test_speed import SPEC, imported_modules
from testing.stories import HASHING
from testing.util import review_json

DATA = Path(__file__).parent / "data"

# What each format's requirements are called in code (SOURCES-3), and one scenario's words.
FORMATS = {
    "speckit": (
        ["PASSWORD-RESET-FR-001", "PASSWORD-RESET-FR-002", "PASSWORD-RESET-FR-003"],
        "PASSWORD-RESET-FR-004",
        "specs/001-password-reset/spec.md",
    ),
    "openspec": (
        ["PASSWORD-RESET-existing-hash-format"],
        "PASSWORD-RESET-account-found-by-e-mail",
        "openspec/specs/password-reset/spec.md",
    ),
    "kiro": (
        ["PASSWORD-RESET-1.1", "PASSWORD-RESET-1.2"],
        "PASSWORD-RESET-2.1",
        ".kiro/specs/password-reset/requirements.md",
    ),
}


def tree(fmt: str) -> dict[str, str]:
    folder = DATA / fmt / "filled"
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def code(*ids: str) -> str:
    comments = "".join(f"    # {item_id}\n" for item_id in ids)
    return f"def reset_password(email, password):\n{comments}    return hash_password(password)\n"


def checks_of(*ids: str) -> str:
    return f'def test_reset():\n    """{", ".join(ids)}"""\n'


@pytest.fixture(params=sorted(FORMATS))
def fmt(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def foreign_spec(repo, fmt):
    """The password-reset story as another tool writes it: the format's spec, the story's
    hashing and a reset, every requirement but the last referenced (by code and a test)."""
    done, _last, _path = FORMATS[fmt]
    repo.commit(
        "the spec, as the tool wrote it",
        {
            **tree(fmt),
            "src/auth/hashing.py": HASHING,
            "src/auth/reset.py": code(*done),
            "tests/test_reset.py": checks_of(*done),
        },
    )
    return repo


def git_commit(repo, message: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "commit", "-q", "-m", message],
        cwd=repo.path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


# --- lint ------------------------------------------------------------------------------------


def test_each_format_lints_with_what_it_gets_wrong_for_specflow(foreign_spec, cli, fmt):
    """SOURCES-1, SOURCES-6: read as the tool wrote it; Spec Kit's open question is a warning."""
    result = cli("lint", "--format", "json")
    assert result.code == 0, result.out
    findings = json.loads(result.out)["findings"]
    rules = sorted(f["rule"] for f in findings)
    if fmt == "speckit":
        assert rules == ["needs-clarification"]
        assert findings[0]["path"] == "specs/001-password-reset/spec.md"
        assert findings[0]["line"] == 41
        assert "how long is a reset link valid" in findings[0]["message"]
    else:
        assert rules == []


def test_list_shows_every_format_with_its_source(foreign_spec, cli, fmt):
    """SOURCES-1: one model for all: the same list, the spec read from the tool's path."""
    _done, _last, path = FORMATS[fmt]
    result = cli("list", "--format", "json")
    assert result.code == 0, result
    specs = {spec["path"]: spec for spec in json.loads(result.out)["specs"]}
    assert specs[path]["source"] == fmt
    assert not [p for p in specs if p.endswith(("proposal.md", "spec-template.md"))]


def test_openspec_renamed_requirement_and_duplicate_names_are_lint_errors(repo, cli):
    """SOURCES-6: a MODIFIED heading that names no requirement breaks OpenSpec's key."""
    files = tree("openspec")
    spec = files["openspec/specs/password-reset/spec.md"]
    files["openspec/specs/password-reset/spec.md"] = spec + spec.split("## Requirements", 1)[1]
    files["openspec/changes/tweak/specs/password-reset/spec.md"] = (
        "## MODIFIED Requirements\n\n### Requirement: Existing hash formats\n"
        "The system SHALL hash with SHA-256.\n\n#### Scenario: x\n- **WHEN** a\n- **THEN** b\n"
    )
    repo.commit("spec", files)
    result = cli("lint")
    assert result.code == 1
    assert (
        "openspec/changes/tweak/specs/password-reset/spec.md:3: error [renamed-requirement] "
        "MODIFIED requirement 'Existing hash formats' matches no requirement of PASSWORD-RESET"
    ) in result.out
    assert "error [duplicate-id] PASSWORD-RESET-existing-hash-format is already defined at" in (
        result.out
    )


def test_lint_fix_refuses_another_tools_file_and_leaves_it_alone(repo, cli):
    """SOURCES-8: an FR without its number cannot be fixed by specflow; the file is unchanged."""
    files = tree("speckit")
    path = "specs/001-password-reset/spec.md"
    files[path] = files[path].replace("- **FR-003**: Users", "- Users")
    repo.commit("spec", files)
    before = (repo.path / path).read_bytes()
    result = cli("lint", "--fix")
    assert result.code == 1
    assert f"{path}:40: error [fix-refused] `lint --fix` does not write Spec Kit files" in (
        result.out
    )
    assert f"{path}:40: error [missing-id]" in result.out
    assert (repo.path / path).read_bytes() == before


# --- check and the hooks ---------------------------------------------------------------------


def test_an_unreferenced_requirement_blocks_the_commit_and_a_reference_lets_it_in(
    foreign_spec, cli, fmt
):
    """SOURCES-4: the hook holds another tool's requirements to the same rule as specflow's."""
    done, last, path = FORMATS[fmt]
    assert cli("hook", "install").code == 0
    foreign_spec.stage({"src/auth/tokens.py": f"def token():  # {done[0]}\n    return 1\n"})
    blocked = git_commit(foreign_spec, "reset tokens")
    assert blocked.returncode == 1
    assert f"[unreferenced-requirement] {last} is referenced nowhere" in blocked.stderr
    assert path in blocked.stderr
    if fmt != "openspec":  # how to relax the rule, in the table each configuration file uses
        assert '`unreferenced-requirement = "warning"` under `[tool.specflow.rules]`' in (
            blocked.stderr
        )

    foreign_spec.stage({"src/auth/lookup.py": f"def find(email):  # {last}\n    return None\n"})
    passed = git_commit(foreign_spec, "find the account by its e-mail")
    assert passed.returncode == 0, passed.stderr


def test_a_reference_to_an_id_the_format_does_not_have_is_dangling(foreign_spec, cli, fmt):
    """SOURCES-3: the IDs are exact: a typo in the slug or the number is caught."""
    wrong = {"speckit": "PASSWORD-RESET-FR-009", "openspec": "PASSWORD-RESET-no-such-thing"}
    typo = wrong.get(fmt, "PASSWORD-RESET-3.1")
    foreign_spec.stage({"src/auth/other.py": f"# {typo}\n"})
    result = cli("check", "--staged")
    assert result.code == 1
    assert f"[dangling-reference] {typo}" in result.out


def test_native_ids_do_not_read_other_formats_forms():
    """SOURCES-3: `RESET-1.2` and `RESET-token` are not references to a specflow spec."""
    plain = frozenset({"RESET"})
    assert list(find_references("RESET-1.2 RESET-token", plain)) == [("RESET-1", 1)]
    both = prefixes_of(frozenset({"RESET"}), frozenset({"KIRO"}), frozenset({"OS"}))
    found = [i for i, _ in find_references("KIRO-1.2 OS-reset-link RESET-1.2 OS-3", both)]
    assert found == ["KIRO-1.2", "OS-reset-link", "RESET-1", "OS-3"]


# --- scope -----------------------------------------------------------------------------------


def test_scopes_in_the_configuration_give_a_spec_its_files(foreign_spec, cli, fmt):
    """SOURCES-5: without a scope the spec is affected only by references and by itself."""
    _done, _last, path = FORMATS[fmt]
    foreign_spec.stage({"src/auth/hashing.py": HASHING + "# faster\n"})
    assert cli("check", "--staged").code == 0  # no reference, no scope: not affected
    foreign_spec.commit("faster")
    foreign_spec.write({"pyproject.toml": f'[tool.specflow.scopes]\n"{path}" = ["src/auth/**"]\n'})
    foreign_spec.stage({"src/auth/hashing.py": HASHING + "# faster still\n"})
    result = cli("check", "--staged")
    assert result.code == 1
    assert "[unreferenced-requirement]" in result.out
    foreign_spec.write({"pyproject.toml": '[tool.specflow.scopes]\n"specs/nope.md" = ["src/**"]\n'})
    linted = cli("lint")
    assert linted.code == 0
    assert "pyproject.toml:1: warning [unknown-scope-spec] `scopes` names 'specs/nope.md'" in (
        linted.out
    )


def test_sources_in_the_configuration_choose_the_formats(foreign_spec, cli, fmt):
    """SOURCES-2: `sources` replaces detection; an unknown name is a one-line error."""
    foreign_spec.write({"specflow.toml": 'sources = ["specflow"]\n'})
    listed = json.loads(cli("list", "--format", "json").out)["specs"]
    # Spec Kit's spec.md sits in specs/: read as specflow's own Markdown, it is another spec
    assert [spec["id"] for spec in listed] == (["SPEC"] if fmt == "speckit" else [])
    foreign_spec.write({"specflow.toml": 'sources = ["specflow", "spekit"]\n'})
    result = cli("list")
    assert result.code == 2
    assert "unknown source(s) spekit; known sources: specflow, speckit, openspec, kiro" in (
        result.err
    )


# --- review, report and the rest downstream --------------------------------------------------


def test_the_review_links_a_hunk_to_a_scenario(foreign_spec, cli, fmt):
    """SOURCES-1: acceptance scenarios, OpenSpec scenarios and EARS criteria are linked by the
    words a hunk shares with them, as specflow's own edge cases are."""
    _done, last, _path = FORMATS[fmt]
    foreign_spec.stage(
        {"src/auth/reset.py": code(last) + "\ndef unknown_email(email):\n    return 'nobody'\n"}
    )
    result = cli("review", "--staged", "--format", "json", "--all")
    assert result.code == 0, result
    review = json.loads(result.out)
    texts = json.dumps(review)
    assert last in texts
    questions = review["questions"]
    about = {q["statement"]["kind"] for q in questions if "e-mail" in q["statement"]["text"]}
    # Kiro has no scenarios beside its criteria: its user story (Context) is what is linked
    assert about & ({"context"} if fmt == "kiro" else {"edge-case"})


def test_the_report_lists_each_format_and_filters_by_source(foreign_spec, cli, fmt, tmp_path):
    """SOURCES-9: coverage per requirement, and the HTML filters by source."""
    done, last, _path = FORMATS[fmt]
    result = cli("report", "--format", "json")
    assert result.code == 0, result
    report = json.loads(result.out)
    rows = {row["id"]: row for spec in report["specs"] for row in spec["requirements"]}
    assert {rows[item]["status"] for item in done} == {"covered"}
    assert rows[last]["status"] == "unreferenced"
    assert {spec["source"] for spec in report["specs"]} == {fmt}
    assert cli("report", "--html", str(tmp_path / "out")).code == 0
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert f'<option value="{fmt}">{fmt}</option>' in page
    assert f'data-source="{fmt}"' in page


def test_show_brief_context_and_comment_read_the_other_formats(foreign_spec, cli, fmt):
    """SOURCES-1: downstream commands work on the same model."""
    done, _last, path = FORMATS[fmt]
    shown = cli("show", done[0])
    assert shown.code == 0, shown
    assert "src/auth/reset.py" in shown.out and path in shown.out
    spec_id = "PASSWORD-RESET-FR" if fmt == "speckit" else "PASSWORD-RESET"
    brief = cli("brief", spec_id)
    assert brief.code == 0, brief
    assert done[0] in brief.out
    assert cli("context", "hash_password").code == 0
    comment = cli("comment", "HEAD")
    assert comment.code == 0, comment
    assert "PASSWORD-RESET" in comment.out


def test_openspec_change_folders_are_planned_until_archived(repo, cli):
    """SOURCES-7: ADDED requirements of a change are planned, with the ID they will keep."""
    done, last, _path = FORMATS["openspec"]
    repo.commit("spec", {**tree("openspec"), "src/auth/reset.py": code(*done, last)})
    shown = cli("show", "PASSWORD-RESET-rehash-on-login", "--format", "json")
    assert shown.code == 0, shown
    assert json.loads(shown.out)["item"]["state"] == "planned"
    assert cli("check", "HEAD").code == 0  # planned: not yet required
    archive = repo.path / "openspec/changes/archive/2026-12-04-migrate-to-bcrypt"
    shutil.move(repo.path / "openspec/changes/migrate-to-bcrypt", archive)
    repo.commit("archived")
    assert cli("show", "PASSWORD-RESET-rehash-on-login").code == 2  # archived: not read


OS_AUTH = """# auth Specification

## Purpose
Login and sessions.

## Requirements
### Requirement: Password Login
The system SHALL let a user log in with e-mail and password.

#### Scenario: Correct password
- **WHEN** the password is right
- **THEN** a session is created
"""
OS_RESET = """### Requirement: Password Reset
The system SHALL send a reset link by e-mail.

#### Scenario: Reset link
- **WHEN** the user asks for a reset
- **THEN** a link is e-mailed
"""


def test_an_archived_openspec_change_is_no_deleted_spec(repo, cli):
    """REVIEW-E42: archiving a change whose ADDED requirement now lives in its capability
    deletes the change's spec but no ID: the review shows no deleted spec and counts one spec;
    an archive that drops the requirement still shows it removed, and check blocks it."""
    change = "openspec/changes/add-reset/specs/auth/spec.md"
    code = "# AUTH-password-login\n# AUTH-password-reset\nx = 1\n"
    test = '"""AUTH-password-login AUTH-password-reset"""\n'
    repo.commit(
        "proposed and built",
        {
            "openspec/specs/auth/spec.md": OS_AUTH,
            change: "## ADDED Requirements\n" + OS_RESET,
            "src/auth.py": code,
            "tests/test_auth.py": test,
        },
    )
    repo.git("rm", "-q", change)
    repo.stage({"openspec/specs/auth/spec.md": OS_AUTH + "\n" + OS_RESET})
    archived = review_json(cli, "--staged")
    assert [s["delta"]["deleted"] for s in archived["specs"]] == [False]
    assert archived["spec_count"] == 1 and cli("check", "--staged").code == 0
    repo.stage({"openspec/specs/auth/spec.md": OS_AUTH})
    dropped = [s for s in review_json(cli, "--staged")["specs"] if s["delta"]["deleted"]]
    assert [r["id"] for s in dropped for r in s["delta"]["removed"]] == ["AUTH-password-reset"]
    assert cli("check", "--staged").code == 1


SK_STATUS = """# Feature Specification: CSV export

**Feature Branch**: `001-export`
**Status**: Draft

## User Scenarios & Testing *(mandatory)*

### User Story 2 - Export to XLS (Priority: P3)

Dropped after review.

**Status**: Deprecated

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: System MUST export CSV.
"""


def test_a_spec_kit_status_below_the_header_is_not_the_features(repo, cli):
    """SOURCES-E13: a deprecated user story leaves the feature enforced."""
    repo.commit("spec", {"specs/001-export/spec.md": SK_STATUS, "src/export.py": "x = 1\n"})
    (listed,) = json.loads(cli("list", "--format", "json").out)["specs"]
    assert listed["status"] == "active"
    checked = cli("check", "HEAD")
    assert checked.code == 1 and "EXPORT-FR-001 is referenced nowhere" in checked.out


def test_a_spec_kit_duplicate_id_says_to_rename_a_folder(repo, cli):
    """LINT-E9: two features named alike share a spec id; `lint --fix` would refuse."""
    feature = (
        "# Feature Specification: Auth\n\n## Requirements\n\n- **FR-001**: System MUST log in.\n"
    )
    repo.write({"specs/001-auth/spec.md": feature, "specs/007-auth/spec.md": feature})
    linted = cli("lint")
    duplicate = [line for line in linted.out.splitlines() if "[duplicate-id]" in line]
    assert duplicate and "rename one's folder" in duplicate[0], linted.out
    assert "lint --fix" not in duplicate[0]


def test_the_fixtures_follow_what_the_tools_wrote():
    """The filled fixtures keep the headings the real tools' templates use."""
    generated = (DATA / "speckit/generated/specs/001-password-reset/spec.md").read_text()
    filled = (DATA / "speckit/filled/specs/001-password-reset/spec.md").read_text()
    for heading in ("## User Scenarios & Testing", "### Functional Requirements", "## Assumptions"):
        assert heading in generated and heading in filled
    archived = (DATA / "openspec/generated/specs/password-reset/spec.md").read_text()
    spec = parse_spec("x.md", "# x\n")  # the native parser still reads a bare title
    assert spec.title == "x" and "### Requirement: Reset link expiry" in archived
    kiro = (DATA / "kiro/generated/templates/requirements.md").read_text()
    assert "#### Acceptance Criteria" in kiro
    versions = (DATA / "SOURCE_VERSIONS").read_text().split("\n")
    assert [line.split()[0] for line in versions if line] == [
        "specify-cli",
        "@fission-ai/openspec",
        "cc-sdd",
    ]


def test_a_spec_kit_feature_folder_beside_specflow_specs(repo, cli):
    """SOURCES-E1: the feature folder is Spec Kit's, the rest of specs/ stays specflow's."""
    native = "# Login\n\n## Context\n- x\n\n## Requirements\n- LOGIN-1: Log in.\n\n## Edge Cases\n"
    files = {
        **tree("speckit"),
        "specs/login.md": native,
        "specs/001-password-reset/tasks.md": "# Tasks\n- [ ] T001 [US1] per FR-001\n",
    }
    repo.commit("both", files)
    listed = json.loads(cli("list", "--format", "json").out)["specs"]
    assert sorted(spec["path"] for spec in listed) == [
        "specs/001-password-reset/spec.md",
        "specs/login.md",
    ]


def test_an_openspec_name_without_a_leading_word_cannot_be_referenced(repo, cli):
    """SOURCES-E2: `2 factor` gives no slug that reads back as one reference."""
    spec = (
        "# x\n\n## Purpose\nA purpose long enough.\n\n## Requirements\n\n"
        "### Requirement: 2 factor login\nThe system SHALL ask for a code.\n\n"
        "#### Scenario: code\n- **WHEN** a\n- **THEN** b\n"
    )
    repo.commit("spec", {"openspec/specs/auth/spec.md": spec})
    result = cli("lint")
    assert result.code == 1
    assert "openspec/specs/auth/spec.md:8: error [unreferenceable-name]" in result.out


def test_a_cached_spec_is_read_again_when_its_source_changes(foreign_spec, cli, fmt):
    """SOURCES-E3: the hook's spec cache keeps a spec per path and blob; the source counts."""
    assert cli("check", "HEAD").code == 1  # caches the specs as their format reads them
    foreign_spec.commit("only specflow", {"specflow.toml": 'sources = ["specflow"]\n'})
    listed = json.loads(cli("list", "--format", "json").out)["specs"]
    assert [spec["id"] for spec in listed] == (["SPEC"] if fmt == "speckit" else [])


def test_renaming_an_openspec_requirement_that_code_references_is_blocked(repo, cli):
    """SOURCES-10: the heading is the key; a rename leaves the old reference dangling."""
    done, last, path = FORMATS["openspec"]
    repo.commit("spec", {**tree("openspec"), "src/auth/reset.py": code(*done, last)})
    spec = (repo.path / path).read_text(encoding="utf-8")
    repo.stage(
        {path: spec.replace("Requirement: Existing hash format", "Requirement: Hash format")}
    )
    result = cli("check", "--staged")
    assert result.code == 1
    assert "[dangling-reference] PASSWORD-RESET-existing-hash-format" in result.out
    assert "[unreferenced-requirement] PASSWORD-RESET-hash-format" in result.out


@needs_chromium
def test_in_a_browser_the_report_filters_by_source(repo, cli, tmp_path):
    """SOURCES-9: `#source=kiro` shows the Kiro criteria and hides the specflow requirements."""
    native = "# Login\n\n## Context\n- x\n\n## Requirements\n- LOGIN-1: Log in.\n\n## Edge Cases\n"
    repo.commit("two formats", {**tree("kiro"), "specs/login.md": native})
    assert cli("report", "--html", str(tmp_path / "site")).code == 0
    page = tmp_path / "site/index.html"
    dom = browse(page, tmp_path / "profile", "--dump-dom", fragment="#source=kiro")
    assert '<body data-filter="ready" data-shown="3"' in dom  # PASSWORD-RESET-1.1, 1.2, 2.1
    everything = browse(page, tmp_path / "profile2", "--dump-dom")
    assert 'data-shown="4"' in everything


def test_openspec_and_kiro_structure_warnings(repo, cli):
    """SOURCES-6: no SHALL/MUST, no scenario (OpenSpec), no `shall` in a criterion (Kiro)."""
    openspec = "# x\n\n## Purpose\nWhy.\n\n## Requirements\n\n### Requirement: Lockout\nLock it.\n"
    kiro = (
        "# Requirements Document\n\n## Introduction\nWhy.\n\n## Requirements\n\n"
        "### Requirement 1: Lockout\n**Objective:** As a user, I want x\n\n"
        "#### Acceptance Criteria\n1. When five logins fail, the account is locked\n"
    )
    repo.commit(
        "specs",
        {"openspec/specs/auth/spec.md": openspec, ".kiro/specs/lock/requirements.md": kiro},
    )
    result = cli("lint")
    assert result.code == 0, result
    assert (
        "openspec/specs/auth/spec.md:8: warning [no-scenario] requirement 'Lockout'" in result.out
    )
    assert "openspec/specs/auth/spec.md:8: warning [no-shall] requirement 'Lockout'" in result.out
    assert ".kiro/specs/lock/requirements.md:12: warning [no-shall] acceptance criterion" in (
        result.out
    )


# What the benchmark of real repositories found (docs/benchmarks.md, "Spec formats on real
# repositories"), each a file written as its real author wrote it.
CHINESE_SPECKIT = """# 功能规格说明：数据库查询工具

## 需求 *(必填)*

### 功能需求

- **FR-001**：系统 MUST 允许用户输入数据库连接 URL。
- **FR-002**：系统 MUST 拒绝执行非 SELECT 语句的 SQL。
"""

CHINESE_OPENSPEC = """# auth Specification

## Purpose
Sign-in.

## Requirements
### Requirement: Email/Password 注册
The system SHALL register.

#### Scenario: ok
- **WHEN** x **THEN** y

### Requirement: Email/Password 注册（强制邮箱验证）
The system SHALL verify.

#### Scenario: ok
- **WHEN** x **THEN** y

### Requirement: 退出登录
The system SHALL sign out.

#### Scenario: ok
- **WHEN** x **THEN** y
"""

NO_H2_OPENSPEC = """# Spec: Mobile Auth

### Requirement: BetterAuth Expo Integration

The mobile app SHALL use `@better-auth/expo`.

#### Scenario: Server plugin registration

- **WHEN** configured **THEN** the plugin SHALL be included
"""

JAPANESE_KIRO = """# Requirements Document

## Introduction
タスク管理。

## Requirements

### Requirement 1

**User Story:** As an agent, I want tasks.

#### Acceptance Criteria

1. タスクが作成されたとき、システムはタスクに一意のIDを割り当てること
2. When a task is removed, it is gone
"""


def test_specs_real_authors_wrote_are_read_as_a_reader_reads_them(repo, cli):
    """SOURCES-E4: an OpenSpec spec without any H2 crashed `lint` and `report` (a traceback);
    SOURCES-E5: its requirements are read, with a warning that OpenSpec's tools need the
    heading; SOURCES-E6: Spec Kit FRs under Chinese headings, after a full-width colon;
    SOURCES-E7: OpenSpec names told apart only by Chinese words get distinct IDs, and a wholly
    Chinese name one that code can reference; SOURCES-E8: a Japanese criterion is not asked
    for an English `shall`."""
    repo.commit(
        "specs",
        {
            "specs/001-db-query/spec.md": CHINESE_SPECKIT,
            "openspec/specs/auth/spec.md": CHINESE_OPENSPEC,
            "openspec/specs/mobile-auth/spec.md": NO_H2_OPENSPEC,
            ".kiro/specs/tasks/requirements.md": JAPANESE_KIRO,
        },
    )
    result = cli("lint")
    assert result.code == 0, result
    assert sorted(result.out.splitlines()[:2]) == [
        ".kiro/specs/tasks/requirements.md:15: warning [no-shall] acceptance criterion has no "
        "`shall`: EARS says what the system shall do",
        "openspec/specs/mobile-auth/spec.md:3: warning [no-requirements-heading] `### "
        "Requirement:` before any `## Requirements` heading: add the heading",
    ]
    assert "2 warnings" in result.out
    report = json.loads(cli("report", "--format", "json").out)
    ids = {spec["path"]: [r["id"] for r in spec["requirements"]] for spec in report["specs"]}
    assert ids["specs/001-db-query/spec.md"] == ["DB-QUERY-FR-001", "DB-QUERY-FR-002"]
    assert ids["openspec/specs/mobile-auth/spec.md"] == ["MOBILE-AUTH-betterauth-expo-integration"]
    assert ids[".kiro/specs/tasks/requirements.md"] == ["TASKS-1.1", "TASKS-1.2"]
    auth = ids["openspec/specs/auth/spec.md"]
    assert len(set(auth)) == 3 and all(a.startswith("AUTH-") for a in auth), auth
    assert auth[0].startswith("AUTH-email-password-h") and auth[2].startswith("AUTH-h"), auth
    repo.commit("sign out", {"src/auth.py": f"def sign_out():  # {auth[2]}\n    pass\n"})
    shown = json.loads(cli("show", auth[2], "--format", "json").out)
    assert "src/auth.py" in json.dumps(shown)


def test_a_change_modifying_a_capability_that_has_no_spec_says_so(repo, cli):
    """SOURCES-E9: AGI.Kapster's change MODIFIES `Hotkey Settings Persistence` of a capability
    with no `openspec/specs/hotkey-management/spec.md`: no rename to blame."""
    delta = (
        "## ADDED Requirements\n\n### Requirement: Structured Hotkey Model\nIt SHALL parse.\n\n"
        "#### Scenario: ok\n- **WHEN** x **THEN** y\n\n## MODIFIED Requirements\n\n"
        "### Requirement: Hotkey Settings Persistence\nIt SHALL persist.\n\n"
        "#### Scenario: ok\n- **WHEN** x **THEN** y\n"
    )
    path = "openspec/changes/refactor-hotkeys/specs/hotkey-management/spec.md"
    repo.commit("change", {path: delta})
    result = cli("lint")
    assert result.code == 1
    assert (
        f"{path}:11: error [renamed-requirement] MODIFIED requirement 'Hotkey Settings "
        "Persistence' matches no requirement of HOTKEY-MANAGEMENT: there is no "
        "openspec/specs/hotkey-management/spec.md: ADD the requirement, or name the capability "
        "it is in"
    ) in result.out


def test_a_clean_work_tree_has_no_change_whatever_the_format(repo, cli, fmt):
    """CHECK-E7: `--worktree` took every OpenSpec and Kiro spec git tracks for a new one (it
    looked for tracked specs in specs/ only): a fresh clone of 108yen/task-orchestrator-mcp was
    blocked with 54 errors, through the MCP tools too, while `check` of HEAD passed."""
    repo.commit("spec", {**tree(fmt), "src/a.py": "x = 1\n"})
    repo.commit("more", {"src/a.py": "x = 2\n"})
    assert cli("check", "--worktree").code == 0
    review = json.loads(cli("review", "--worktree", "--format", "json").out)
    assert review["files"] == [] and review["specs"] == []


def test_a_spec_kit_fr_with_a_name_in_its_bold_keeps_its_number(repo, cli):
    """SOURCES-E11: 14jasimmtp/AI-Inference-Platform-SDD writes `**FR-001 (Google SSO)**:`;
    each such FR was a false missing-id error."""
    spec = (
        "# Feature Specification: Auth\n\n## Requirements *(mandatory)*\n\n"
        "### Functional Requirements\n\n"
        "* **FR-001 (Google SSO)**: System MUST integrate Google sign-in.\n"
        "* **FR-002 (Token Expiration)**: Tokens MUST expire after 24 hours.\n"
    )
    repo.commit("spec", {"specs/003-unified-auth/spec.md": spec})
    assert cli("lint").code == 0
    shown = json.loads(cli("show", "UNIFIED-AUTH-FR-002", "--format", "json").out)
    assert shown["item"]["text"] == "Token Expiration: Tokens MUST expire after 24 hours."


def test_a_modified_section_left_in_a_capabilitys_spec_is_read_and_warned(repo, cli):
    """SOURCES-E12: 23492/norish's mobile-trpc-integration spec is a delta copied into
    openspec/specs/: it said a heading had been renamed (an error) and read no requirement."""
    spec = (
        "## MODIFIED Requirements\n\n### Requirement: Typed provider\n"
        "The app SHALL type its client.\n\n#### Scenario: ok\n- **WHEN** x **THEN** y\n\n"
        "## REMOVED Requirements\n\n### Requirement: Untyped calls\n"
    )
    path = "openspec/specs/mobile-trpc/spec.md"
    repo.commit("spec", {path: spec})
    result = cli("lint")
    assert result.code == 0, result
    assert result.out.splitlines()[:2] == [
        f"{path}:1: warning [delta-in-main-spec] `## MODIFIED Requirements` in a capability's "
        "spec: OpenSpec reads its requirements under `## Requirements`; delta sections belong "
        "to a change (openspec/changes/<change>/specs/)",
        f"{path}:9: warning [delta-in-main-spec] `## REMOVED Requirements` in a capability's "
        "spec: OpenSpec reads its requirements under `## Requirements`; delta sections belong "
        "to a change (openspec/changes/<change>/specs/)",
    ]
    report = json.loads(cli("report", "--format", "json").out)
    assert [r["id"] for r in report["specs"][0]["requirements"]] == ["MOBILE-TRPC-typed-provider"]


def test_a_change_with_deltas_for_two_capabilities_has_two_spec_ids(repo, cli):
    """SOURCES-E10: AGIBuild/Modulus's `add-host-sdk` change adds to `host-sdk` and `runtime`;
    both deltas had the change's ID, a false duplicate-spec-id error each."""
    delta = "## ADDED Requirements\n\n### Requirement: {0}\nIt SHALL {0}.\n\n#### Scenario: ok\n"
    change = "openspec/changes/add-host-sdk/specs"
    repo.commit(
        "change",
        {
            f"{change}/host-sdk/spec.md": delta.format("Load") + "- **WHEN** x **THEN** y\n",
            f"{change}/runtime/spec.md": delta.format("Start") + "- **WHEN** x **THEN** y\n",
        },
    )
    assert cli("lint").code == 0
    listed = json.loads(cli("list", "--format", "json").out)["specs"]
    assert sorted(spec["id"] for spec in listed) == [
        "ADD-HOST-SDK-HOST-SDK",
        "ADD-HOST-SDK-RUNTIME",
    ]
    shown = json.loads(cli("show", "RUNTIME-start", "--format", "json").out)
    assert shown["item"]["state"] == "planned"


def test_the_reference_cache_is_kept_per_id_form():
    """SOURCES-3: the same prefix read as Kiro's (`A-1.2`) finds other references than plain."""
    from specflow.refcache import Search

    plain = Search(frozenset({"A"}), (), ())
    dotted = Search(prefixes_of(frozenset(), frozenset({"A"})), (), ())
    assert plain.patterns == dotted.patterns and plain.key != dotted.key


def test_the_warm_hook_parses_no_foreign_spec_again(foreign_spec, fmt):
    """SOURCES-E3, SPEED-1: another tool's specs come from the cache: no Markdown parser."""
    done, _last, _path = FORMATS[fmt]
    foreign_spec.stage({"src/auth/reset.py": code(*done) + "x = 1\n"})
    code_, cold = imported_modules(foreign_spec, "check", "--staged")
    assert "markdown_it" in cold
    code_, warm = imported_modules(foreign_spec, "check", "--staged")
    assert code_ == 0, warm[-2000:]
    assert f" specflow.sources.{fmt}\n" in warm
    for heavy in ("markdown_it", "yaml", "specflow.lint"):
        assert f" {heavy}\n" not in warm, heavy


def test_a_foreign_spec_that_is_not_utf8_is_a_one_line_error(repo, cli):
    """SOURCES-1, FORMAT-6: bad input names its file and line, exit 2, no traceback."""
    repo.commit("spec", {".kiro/specs/lock/requirements.md": b"# R\n\n## Introduction\nCaf\xe9\n"})
    result = cli("lint")
    assert result.code == 2
    assert ".kiro/specs/lock/requirements.md:4: not UTF-8 (byte 0xe9)" in result.err
    assert "Traceback" not in result.err


DOTTED_KIRO = """# Requirements Document

## Requirements

### Requirement 1: Status

**Objective:** As an operator, I want animal statuses.

#### Acceptance Criteria
1.1 The Animal Repository shall keep a `status` field.
1.2 When new data is collected, the Animal Repository shall set 'sheltered'
    and record the time.
1.3 When ステータスが変更された場合, the Animal Repository shall 記録する。

### Requirement 2: Retention

#### Acceptance Criteria

2.1 The Animal Repository shall keep adopted animals for six months.
"""


def test_kiro_criteria_numbered_in_their_own_text_are_requirements(repo, cli):
    """SOURCES-E14: cc-sdd's `1.1 The X shall ...` lines (one paragraph, no list) are a
    criterion each, enforced: one referenced nowhere blocks, as a list item's would."""
    path = ".kiro/specs/animal-repository/requirements.md"
    code = "def set_status():  # ANIMAL-REPOSITORY-1.1, ANIMAL-REPOSITORY-1.3\n    pass\n"
    repo.commit("spec", {path: DOTTED_KIRO, "src/status.py": code})
    report = json.loads(cli("report", "--format", "json").out)
    (spec,) = report["specs"]
    found = [(r["id"], r["line"], r["text"]) for r in spec["requirements"]]
    assert found == [
        ("ANIMAL-REPOSITORY-1.1", 10, "The Animal Repository shall keep a `status` field."),
        (
            "ANIMAL-REPOSITORY-1.2",
            11,
            "When new data is collected, the Animal Repository shall set 'sheltered' and "
            "record the time.",
        ),
        (
            "ANIMAL-REPOSITORY-1.3",
            13,
            "When ステータスが変更された場合, the Animal Repository shall 記録する。",
        ),
        (
            "ANIMAL-REPOSITORY-2.1",
            19,
            "The Animal Repository shall keep adopted animals for six months.",
        ),
    ]
    checked = cli("check", "HEAD")
    assert checked.code == 1, checked
    assert f"{path}:11: error [unreferenced-requirement]" in checked.out
    assert f"{path}:19: error [unreferenced-requirement]" in checked.out
    assert f"{path}:10: error" not in checked.out
    # CHECK-1: the advice fits any language (it said "a `# ANIMAL-REPOSITORY-1.2` comment")
    assert (
        "name ANIMAL-REPOSITORY-1.2 (as a whole word: a comment will do) where it is implemented"
        in checked.out
    )


PACKAGING = """# packaging Specification

## Purpose
Build modules.

## Requirements
### Requirement: Host selects built-in modules
The build SHALL let the host select built-in modules.

#### Scenario: Host references a module
- **WHEN** the host references a module project
- **THEN** the module is copied to Modules/
"""


def test_a_change_adding_a_requirement_its_capability_has_is_blocked_where_it_is_added(repo, cli):
    """SOURCES-E15: AGIBuild/Modulus 6332faf: the duplicate is the change's to mend; the commit
    that proposes it is blocked, and a later commit to the capability's spec is not."""
    main = "openspec/specs/packaging/spec.md"
    repo.commit(
        "spec", {main: PACKAGING, "src/build.cs": "// PACKAGING-host-selects-built-in-modules\n"}
    )
    change = "openspec/changes/refactor-menus/specs/packaging/spec.md"
    added = "## ADDED Requirements\n\n" + PACKAGING.split("## Requirements\n")[1]
    repo.commit("propose", {change: added})
    linted = cli("lint")
    assert linted.code == 1, linted
    assert linted.out.startswith(
        f"{change}:3: error [duplicate-id] PACKAGING-host-selects-built-in-modules is already "
        f"defined at {main}:7; an ADDED requirement must be new: change the existing one under "
        "`## MODIFIED Requirements`, or give this one a new name"
    ), linted.out
    checked = cli("check", "HEAD")
    assert checked.code == 1 and f"{change}:3: error [spec-lint]" in checked.out, checked
    repo.commit("typo", {main: PACKAGING.replace("Build modules.", "Builds modules.")})
    assert cli("check", "HEAD").code == 0


API_SPEC = """# api Specification

## Purpose
The public API.

## Requirements
### Requirement: Versioned endpoints
The API SHALL serve every endpoint under a version prefix.

#### Scenario: A v1 call
- **WHEN** a client calls /v1/users
- **THEN** the v1 handler answers
"""


def test_an_english_compound_on_an_openspec_capability_is_no_reference(repo, cli):
    """SOURCES-E16: helper-45's `API-compatible` blocked as a dangling reference; a two-word
    slug that names nothing is still one."""
    repo.commit(
        "spec",
        {
            "openspec/specs/api/spec.md": API_SPEC,
            "src/api.ts": "// API-versioned-endpoints\nexport const v = 1;\n",
        },
    )
    repo.stage(
        {"src/b.ts": "// Keep this API-compatible with v1.\n// See API-versioned-endpoint.\n"}
    )
    checked = cli("check", "--staged")
    assert checked.code == 1, checked
    dangling = [line for line in checked.out.splitlines() if "[dangling-reference]" in line]
    assert len(dangling) == 1 and dangling[0].startswith("src/b.ts:2: error"), checked.out


# --- detection -------------------------------------------------------------------------------


def test_a_sparse_checkout_that_leaves_a_formats_folder_out_still_reads_its_specs(
    foreign_spec, cli, fmt
):
    """SOURCES-E18, HARDEN-E12: `git sparse-checkout set src tests` leaves the format's folder
    out of the work tree; it was not detected, so `list`, `show`, `lint`, `brief`, `check
    --worktree` and the hook read none of its specs (without `sources` in the configuration),
    and a typo in an ID passed the commit. The format is detected from the files git keeps out."""
    done, _last, path = FORMATS[fmt]
    full = cli("list", "--format", "json").out, cli("lint", "--format", "json").out
    foreign_spec.git("sparse-checkout", "set", "src", "tests")
    assert not (foreign_spec.path / path).exists()
    assert (cli("list", "--format", "json").out, cli("lint", "--format", "json").out) == full
    assert path in full[0]
    shown = cli("show", done[0])
    assert shown.code == 0 and "src/auth/reset.py" in shown.out, shown
    brief = cli("brief", "PASSWORD-RESET-FR" if fmt == "speckit" else "PASSWORD-RESET")
    assert brief.code == 0 and done[0] in brief.out, brief
    typo = {"speckit": "PASSWORD-RESET-FR-009", "openspec": "PASSWORD-RESET-no-such-thing"}
    wrong = typo.get(fmt, "PASSWORD-RESET-3.1")
    foreign_spec.write({"src/auth/reset.py": code(*done, wrong)})
    assert f"[dangling-reference] {wrong}" in cli("check", "--worktree").out
    assert cli("hook", "install").code == 0
    foreign_spec.git("add", "src/auth/reset.py")
    blocked = git_commit(foreign_spec, "other")
    assert blocked.returncode == 1 and f"[dangling-reference] {wrong}" in blocked.stderr


def test_detection_asks_git_only_in_a_sparse_checkout(repo, cli, monkeypatch, tmp_path):
    """SOURCES-E18: the hook's detection is `stat`s where the checkout is not sparse: no
    `ls-files -t` (git's own trace of the processes specflow starts); one in a sparse one."""
    repo.commit("spec", {"specs/pay.md": SPEC, "src/pay.py": "# PAY-1\n"})
    repo.stage({"src/pay.py": "# PAY-1\nx = 1\n"})
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE", str(trace))

    def detections() -> int:
        trace.write_text("")
        assert cli("check", "--staged").code == 0
        return trace.read_text().count(" ls-files -t ")

    assert detections() == 0
    repo.git("sparse-checkout", "set", "src")
    assert detections() == 1


def test_a_revision_is_read_with_the_formats_of_its_own_tree(repo, cli, fmt):
    """SOURCES-E19: `check REV`, `review REV` and `report REV` detect the formats in the tree
    whose specs they read, not on disk: with a branch checked out that has no such folder, the
    commit that added the spec and a typo in one of its IDs passed `check`."""
    done, _last, path = FORMATS[fmt]
    repo.commit("start", {"src/app.py": "x = 1\n"})
    typo = {"speckit": "PASSWORD-RESET-FR-009", "openspec": "PASSWORD-RESET-no-such-thing"}
    wrong = typo.get(fmt, "PASSWORD-RESET-3.1")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("the spec", {**tree(fmt), "src/auth/reset.py": code(*done, wrong)})
    repo.git("checkout", "-q", "-")
    assert not (repo.path / path).exists()
    for rev in ("feature", "HEAD..feature"):
        checked = cli("check", rev)
        assert checked.code == 1 and f"[dangling-reference] {wrong}" in checked.out, checked
    specs = 2 if fmt == "openspec" else 1  # and the change not archived
    assert review_json(cli, "feature")["spec_count"] == specs
    report = cli("report", "feature", "--format", "json")
    assert report.code == 0 and path in report.out, report
    assert cli("check").code == 0  # HEAD, the checked-out branch, has no such spec


def test_a_commit_that_deletes_a_formats_specs_is_judged_with_them(repo, cli, fmt):
    """SOURCES-E19, helper-58's review: the formats came from the resulting tree alone, so a
    commit deleting every spec of a format while code still names its IDs passed `check`;
    eca4ec3, detecting from the disk of a checkout that still had them, blocked it."""
    done, _last, path = FORMATS[fmt]
    repo.commit("the spec", {**tree(fmt), "src/auth/reset.py": code(*done)})
    repo.commit("drop", {name: None for name in tree(fmt)})
    assert not (repo.path / path).exists()
    checked = cli("check", "HEAD")
    assert checked.code == 1 and "[dangling-reference]" in checked.out, checked
