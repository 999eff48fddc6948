"""cc-sdd's spec.json: a Kiro feature whose tasks are not approved yet is a draft, its criteria
not enforced (SOURCES-11, SOURCES-E17). Every test runs the CLI on a real repository."""

from __future__ import annotations

import json

FOLDER = ".kiro/specs/lock"
REQUIREMENTS = f"{FOLDER}/requirements.md"
SPEC_JSON = f"{FOLDER}/spec.json"
KIRO = (
    "# Requirements Document\n\n## Introduction\nLock accounts.\n\n## Requirements\n\n"
    "### Requirement 1: Lockout\n**Objective:** As a user, I want my account locked\n\n"
    "#### Acceptance Criteria\n"
    "1. When five logins fail, the Auth Service shall lock the account\n"
    "2. When an hour has passed, the Auth Service shall unlock the account\n"
)
CODE = "def lock(account):  # LOCK-1.1, LOCK-1.2\n    account.locked = True\n"


def spec_json(phase: str, *, tasks: bool = False, ready: bool = False) -> str:
    """spec.json as cc-sdd writes it (tests/data/kiro/generated/templates/init.json)."""
    approvals = {
        "requirements": {"generated": True, "approved": phase != "requirements-generated"},
        "design": {"generated": tasks, "approved": tasks},
        "tasks": {"generated": tasks, "approved": tasks},
    }
    return json.dumps(
        {
            "feature_name": "lock",
            "created_at": "2026-06-10T01:15:00+09:00",
            "updated_at": "2026-06-10T02:10:00+09:00",
            "language": "en",
            "phase": phase,
            "approvals": approvals,
            "ready_for_implementation": ready,
        },
        indent=2,
    )


def test_requirements_first_then_tasks_approved_then_code(repo, cli):
    """SOURCES-11, the whole way through the hook: the requirements committed before any code
    pass; approving the tasks (spec.json alone, the cache warm) blocks the criteria nobody
    references yet; the code that names them passes."""
    repo.stage({REQUIREMENTS: KIRO, SPEC_JSON: spec_json("requirements-generated")})
    first = cli("check", "--staged")
    assert first.code == 0, first
    assert "unreferenced-requirement" not in first.out
    repo.commit("spec: lock requirements")
    assert cli("check", "HEAD").code == 0
    listed = json.loads(cli("list", "--format", "json").out)["specs"]
    assert [(s["id"], s["status"]) for s in listed] == [("LOCK", "draft")]

    repo.stage({SPEC_JSON: spec_json("tasks-generated", tasks=True)})
    blocked = cli("check", "--staged")
    assert blocked.code == 1, blocked
    assert f"{REQUIREMENTS}:12: error [unreferenced-requirement] LOCK-1.1" in blocked.out
    assert f"{REQUIREMENTS}:13: error [unreferenced-requirement] LOCK-1.2" in blocked.out
    assert "cc-sdd" not in blocked.out  # its tasks are approved: no advice to approve them
    repo.commit("tasks approved")
    assert cli("check", "HEAD").code == 1

    repo.stage({"src/lock.py": CODE})
    done = cli("check", "--staged")
    assert done.code == 0, done
    assert "unreferenced-requirement" not in done.out


def test_each_sign_of_implementation_makes_the_criteria_active(repo, cli):
    """SOURCES-11: `ready_for_implementation` (cc-sdd's first versions), the tasks approved
    (cc-sdd 3) or a phase of implementation (as teams write it) each make the feature active;
    a spec.json with none of cc-sdd's fields says nothing, and a feature without one is active."""
    repo.commit("spec", {REQUIREMENTS: KIRO, SPEC_JSON: spec_json("design-generated")})
    assert cli("check", "HEAD").code == 0
    signs = {
        "ready": spec_json("design-generated", ready=True),
        "tasks": spec_json("tasks-generated", tasks=True),
        "phase": spec_json("implementation-in-progress"),
        "foreign": '{"name": "lock"}',
        "missing": None,
    }
    for name, text in signs.items():
        repo.commit(name, {SPEC_JSON: text})
        checked = cli("check", "HEAD")
        assert checked.code == 1, (name, checked)
        assert "LOCK-1.1 is referenced nowhere" in checked.out, name
        repo.commit(f"back from {name}", {SPEC_JSON: spec_json("design-generated")})
        assert cli("check", "HEAD").code == 0, name


def test_the_work_tree_reads_spec_json_from_disk(repo, cli):
    """SOURCES-11: `check --worktree`, `lint` and `list` read the spec.json on disk, not the
    committed one; the base of a changed requirements.md is read with its own spec.json."""
    repo.commit("spec", {REQUIREMENTS: KIRO, SPEC_JSON: spec_json("tasks-generated", tasks=True)})
    repo.write({SPEC_JSON: spec_json("design-generated")})
    assert cli("check", "--worktree").code == 0
    listed = json.loads(cli("list", "--format", "json").out)["specs"]
    assert listed[0]["status"] == "draft"
    repo.git("checkout", "--", SPEC_JSON)
    repo.write({REQUIREMENTS: KIRO.replace("an hour", "two hours")})
    checked = cli("check", "--worktree")
    assert checked.code == 1, checked
    assert "LOCK-1.2 is referenced nowhere" in checked.out
    assert "enforcement-lowered" not in checked.out  # the base was active too
    repo.commit("tasks withdrawn", {SPEC_JSON: spec_json("design-generated")})
    repo.write({REQUIREMENTS: KIRO})
    checked = cli("check", "--worktree")
    assert checked.code == 0, checked  # the base, read with the committed spec.json, was a draft
    assert "enforcement-lowered" not in checked.out


def test_approval_withdrawn_is_said(repo, cli):
    """SOURCES-11: a spec.json that takes the approval back stops enforcing the criteria, and
    the change says so (`enforcement-lowered`), as a specflow spec set back to draft does."""
    repo.commit(
        "built",
        {REQUIREMENTS: KIRO, SPEC_JSON: spec_json("tasks-generated", tasks=True), "a.py": CODE},
    )
    repo.commit("withdrawn", {SPEC_JSON: spec_json("design-generated")})
    checked = cli("check", "HEAD")
    assert "warning [enforcement-lowered] this change makes LOCK `draft`" in checked.out, checked


def test_a_broken_spec_json_is_a_lint_error_and_the_feature_stays_active(repo, cli):
    """SOURCES-E17: spec.json that is not JSON, or whose fields have the wrong type, is an error
    at its file and line (never a traceback), and the criteria stay enforced."""
    planned = spec_json("design-generated")
    tasks_text = json.loads(planned)
    tasks_text["approvals"]["tasks"] = "later"
    wrong_tasks = json.dumps(tasks_text, indent=2)
    broken = {
        "not JSON": (planned.replace('"phase"', "phase"), 6),
        "wrong type": (planned.replace("false\n}", '"no"\n}'), 21),
        "tasks not an object": (wrong_tasks, _line(wrong_tasks, '"tasks"')),
        "not an object": ("[1, 2]", 1),
        # helper-53: the line of the `approved` under `tasks`, not the first `approved`
        "tasks not approved as a boolean": (
            planned.replace('"approved": false\n    }\n  },', '"approved": 1\n    }\n  },'),
            18,
        ),
        "a number Python will not read": ('{"phase": ' + "9" * 5000 + "}", 1),
    }
    repo.commit("spec", {REQUIREMENTS: KIRO, SPEC_JSON: spec_json("design-generated")})
    for name, (text, line) in broken.items():
        repo.commit(name, {SPEC_JSON: text})
        linted = cli("lint")
        assert linted.code == 1, (name, linted)
        assert f"{SPEC_JSON}:{line}: error [invalid-spec-json] spec.json" in linted.out, name
        assert "Traceback" not in linted.out + linted.err
        assert "sys.set_int_max_str_digits" not in linted.out, name
        checked = cli("check", "HEAD")
        assert checked.code == 1, (name, checked)
        assert "LOCK-1.1 is referenced nowhere" in checked.out, name
        assert f"{SPEC_JSON}:{line}: error [spec-lint]" in checked.out, name


def _line(text: str, key: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if key in line)


def test_a_spec_json_edit_that_keeps_the_status_leaves_the_spec_alone(repo, cli):
    """SOURCES-11: spec.json's dates or phase changed, the feature active before and after, is no
    change to the spec (9mak/oneco 6e31c7d, `tasks-generated` to `implementation-completed`, was
    blocked for criteria it did not touch); the flip that makes it active is one."""
    ready = spec_json("tasks-generated", tasks=True, ready=True)
    repo.commit("built", {REQUIREMENTS: KIRO, SPEC_JSON: ready})
    repo.commit("done", {SPEC_JSON: ready.replace("tasks-generated", "implementation-completed")})
    assert cli("check", "HEAD").code == 0
    repo.commit("withdrawn", {SPEC_JSON: spec_json("design-generated")})
    repo.commit("dates", {SPEC_JSON: spec_json("design-generated").replace("02:10", "03:10")})
    assert cli("check", "HEAD").code == 0
    repo.commit("approved", {SPEC_JSON: ready})
    assert cli("check", "HEAD").code == 1


def test_a_spec_json_edit_in_the_work_tree_is_judged_as_in_the_index(repo, cli):
    """SOURCES-11 (helper-53): in the work tree a spec.json edit of its dates alone made the
    spec changed (`check --worktree` blocked its criteria) while `--staged` passed: the base of
    a spec whose companion alone changed was read from the listing, which the work tree has
    not."""
    ready = spec_json("tasks-generated", tasks=True, ready=True)
    repo.commit("built", {REQUIREMENTS: KIRO, SPEC_JSON: ready, "src/lock.py": CODE})
    repo.write({"src/lock.py": "def lock(account):  # LOCK-1.1\n    account.locked = True\n"})
    repo.commit("one", {})
    repo.write({SPEC_JSON: ready.replace("02:10", "03:10")})
    worktree = cli("check", "--worktree")
    repo.stage({})
    staged = cli("check", "--staged")
    assert (worktree.code, staged.code) == (0, 0), (worktree, staged)
    repo.write({SPEC_JSON: spec_json("design-generated")})
    repo.commit("withdrawn", {})
    repo.write({SPEC_JSON: ready})
    assert cli("check", "--worktree").code == 1
