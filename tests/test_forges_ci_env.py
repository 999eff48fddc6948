"""CI integration: the change picked from the CI environment (real clones, shallow ones too),
annotations past GitHub's limit, the job summary, SARIF fingerprints, the Action, the docs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from specflow.forges import ci_env
from specflow.model import Finding, Severity
from specflow.output import github
from testing.stories import RESET_SPEC, RESET_TESTS
from testing.util import Repo

ROOT = Path(__file__).resolve().parents[1]
RESET = 'def reset(user, pw):\n    """RESET-2"""\n    user.password_hash = pw\n'


def _github_env(monkeypatch, tmp_path: Path, merge: str, head: str, base: str = "main") -> None:
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": 5,
                    "head": {"sha": head, "repo": {"full_name": "acme/app"}},
                    "base": {"ref": base, "sha": "0" * 40, "repo": {"full_name": "acme/app"}},
                }
            }
        )
    )
    for name, value in {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_SHA": merge,
        "GITHUB_REF": "refs/pull/5/merge",
        "GITHUB_BASE_REF": base,
    }.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def pull(story):
    """The story as a pull request. main: the story up to its spec; feature: adds reset.py;
    main moves on (README); then the test merge commit GitHub makes, checked out, and kept as
    branch `pr-merge` for clones."""
    story.git("checkout", "-q", "-b", "feature")
    head = story.commit("Add reset", {"src/auth/reset.py": RESET})
    story.git("checkout", "-q", "main")
    story.commit("docs", {"README.md": "hello\n"})
    story.git("checkout", "-q", "--detach", "main")
    story.git("merge", "-q", "--no-ff", "-m", "Merge feature into main", "feature")
    story.git("branch", "pr-merge")
    story.feature_head = head
    story.merge = story.head()
    return story


def _clone(source: Repo, target: Path, *args: str) -> Repo:
    subprocess.run(
        ["git", "clone", "-q", *args, f"file://{source.path}", str(target)],
        check=True,
        capture_output=True,
    )
    return Repo(target)


# ---------------------------------------------------------------- the change from the CI


def test_github_merge_commit_reviews_head_1_to_head(pull, cli, monkeypatch, tmp_path):
    """COMMENT-9: exactly what merging would change: not main's README commit."""
    _github_env(monkeypatch, tmp_path, pull.merge, pull.feature_head)
    data = json.loads(cli("check", "--format", "json").out)
    assert data["revision"] == "HEAD^1..HEAD"
    review = json.loads(cli("review", "--format", "json").out)
    assert [f["path"] for f in review["files"]] == ["src/auth/reset.py"]
    body = cli("comment").out
    assert "(`HEAD^1..HEAD`)" in body and "1 file changed" in body


def test_github_head_checkout_reviews_from_the_merge_base(pull, cli, monkeypatch, tmp_path):
    """COMMENT-9: the pull request's head checked out: origin/BASE...HEAD, not the stale
    base.sha of the event."""
    clone = _clone(pull, tmp_path / "clone")
    clone.git("checkout", "-q", "--detach", pull.feature_head)
    monkeypatch.chdir(clone.path)
    _github_env(monkeypatch, tmp_path, pull.merge, pull.feature_head)
    review = json.loads(cli("review", "--format", "json").out)
    assert review["revision"]["label"] == "origin/main...HEAD"
    assert [f["path"] for f in review["files"]] == ["src/auth/reset.py"]


def test_a_depth_1_clone_says_what_to_fetch(pull, cli, monkeypatch, tmp_path):
    """COMMENT-9: actions/checkout's default fetch-depth: 1 has no first parent."""
    shallow = _clone(pull, tmp_path / "shallow", "--depth", "1", "--branch", "pr-merge")
    monkeypatch.chdir(shallow.path)
    _github_env(monkeypatch, tmp_path, shallow.head(), pull.feature_head)
    result = cli("check")
    assert result.code == 2, result
    assert (
        "cannot read HEAD^1..HEAD (the pull request's merge commit against its first parent)"
        in (result.err)
    )
    assert "in this shallow clone" in result.err and "set `fetch-depth: 2`" in result.err
    assert "Traceback" not in result.err
    shallow.git("fetch", "-q", "--deepen=1", "origin", "pr-merge")
    result = cli("check", "--format", "json")
    assert result.code == 1, result
    assert json.loads(result.out)["revision"] == "HEAD^1..HEAD"


def test_gitlab_merge_request_uses_the_diff_base(pull, cli, monkeypatch):
    """COMMENT-9"""
    base = pull.git("merge-base", "main", "feature").strip()
    pull.git("checkout", "-q", "--detach", pull.feature_head)
    monkeypatch.setenv("GITLAB_CI", "true")
    monkeypatch.setenv("CI_MERGE_REQUEST_IID", "3")
    monkeypatch.setenv("CI_MERGE_REQUEST_DIFF_BASE_SHA", base)
    review = json.loads(cli("review", "--format", "json").out)
    assert review["revision"]["label"] == f"{base}..HEAD"
    assert [f["path"] for f in review["files"]] == ["src/auth/reset.py"]
    pull.git("checkout", "-q", "pr-merge")
    monkeypatch.setenv("CI_MERGE_REQUEST_EVENT_TYPE", "merged_result")
    assert json.loads(cli("check", "--format", "json").out)["revision"] == "HEAD^1..HEAD"


def test_explicit_choices_come_before_the_ci(pull, cli, monkeypatch, tmp_path):
    """COMMENT-9: a revision, --staged, and the pre-commit framework's range win."""
    _github_env(monkeypatch, tmp_path, pull.merge, pull.feature_head)
    assert json.loads(cli("check", "HEAD", "--format", "json").out)["revision"] == "HEAD"
    assert json.loads(cli("check", "--staged", "--format", "json").out)["revision"] == "--staged"
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "main")
    monkeypatch.setenv("PRE_COMMIT_TO_REF", "feature")
    assert json.loads(cli("check", "--format", "json").out)["revision"] == "main...feature"


@pytest.mark.parametrize(
    ("env", "head", "expected"),
    [
        ({}, "abc", None),
        ({"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "push"}, "abc", None),
        (
            {
                "GITHUB_ACTIONS": "true",
                "GITHUB_EVENT_NAME": "pull_request",
                "GITHUB_SHA": "abc",
                "GITHUB_REF": "refs/pull/1/merge",
                "GITHUB_BASE_REF": "dev",
            },
            "abc",
            "HEAD^1..HEAD",
        ),
        (
            {
                "GITHUB_ACTIONS": "true",
                "GITHUB_EVENT_NAME": "pull_request",
                "GITHUB_SHA": "abc",
                "GITHUB_REF": "refs/pull/1/merge",
                "GITHUB_BASE_REF": "dev",
            },
            "def",
            "origin/dev...HEAD",
        ),
        (
            {
                "GITHUB_ACTIONS": "true",
                "GITHUB_EVENT_NAME": "pull_request_target",
                "GITHUB_SHA": "abc",
                "GITHUB_REF": "refs/heads/dev",
                "GITHUB_BASE_REF": "dev",
            },
            "abc",
            "origin/dev...HEAD",
        ),
        ({"GITLAB_CI": "true", "CI_COMMIT_SHA": "abc"}, "abc", None),
        (
            {
                "GITLAB_CI": "true",
                "CI_MERGE_REQUEST_IID": "4",
                "CI_MERGE_REQUEST_DIFF_BASE_SHA": "b",
            },
            "abc",
            "b..HEAD",
        ),
    ],
)
def test_from_env_is_a_pure_function_of_the_environment(env, head, expected):
    """COMMENT-9"""
    found = ci_env.from_env(env, {}, head)
    assert (found.rev if found else None) == expected


def test_from_env_uses_the_event_base_ref_only_as_a_branch_name():
    """COMMENT-9: never pull_request.base.sha, which can be stale."""
    env = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_NAME": "pull_request", "GITHUB_SHA": "m"}
    event = {"pull_request": {"base": {"ref": "release", "sha": "stale"}}}
    found = ci_env.from_env(env, event, "h")
    assert found is not None and found.rev == "origin/release...HEAD"


# ---------------------------------------------------------------- annotations


def _findings() -> list[Finding]:
    found = [Finding("untested-requirement", Severity.warning, "w.md", n, "w") for n in range(12)]
    found += [Finding("constraint", Severity.error, "c.py", n, "c") for n in range(20)]
    found += [Finding("unreferenced-requirement", Severity.error, "s.md", n, "u") for n in range(5)]
    found.append(Finding("spec-lint", Severity.error, "x.md", 1, "evil\n::error::pwned\r\nend"))
    return found


def test_annotations_most_important_first_ten_per_type(monkeypatch):
    """COMMENT-11: unreferenced requirements before constraints, errors before warnings."""
    lines = github.github(_findings(), token="T0KEN").splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert len(errors) == 10 and len(warnings) == 10
    assert all("unreferenced-requirement" in line for line in errors[:5])
    assert all("constraint" in line for line in errors[5:])
    assert lines.index(errors[-1]) < lines.index(warnings[0])


def test_annotations_past_the_limit_are_counted_and_fenced():
    """COMMENT-11: a notice says how many more and where; the rest cannot run as commands."""
    lines = github.github(_findings(), summary=True, token="T0KEN").splitlines()
    notice = next(line for line in lines if line.startswith("::notice "))
    assert "16 more error(s) and 2 more warning(s)" in notice
    assert "see the job summary, or the lines below" in notice
    start, end = lines.index("::stop-commands::T0KEN"), lines.index("::T0KEN::")
    assert end == len(lines) - 1
    fenced = lines[start + 1 : end]
    assert len(fenced) == 18
    assert "x.md:1: error [spec-lint] evil ::error::pwned end" in fenced
    assert not any(line.startswith("::") for line in fenced)


def test_stop_commands_token_is_fresh_each_time():
    """COMMENT-11: an unguessable token, so no text can end the fence early."""
    tokens = {
        re.search(r"::stop-commands::(\w+)", github.github(_findings())).group(1) for _ in range(3)
    }
    assert len(tokens) == 3 and all(len(token) == 32 for token in tokens)
    assert "::stop-commands::" not in github.github(_findings()[:5])


# ---------------------------------------------------------------- the job summary


def test_job_summary_gets_verdict_findings_and_full_review(story, cli, monkeypatch, tmp_path):
    """COMMENT-10"""
    story.commit("reset", {"src/auth/reset.py": RESET})
    summary = tmp_path / "summary.md"
    summary.write_text("# an earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = cli("check", "HEAD", "--format", "github")
    assert result.code == 1
    assert result.out.startswith("::error file=specs/password-reset.md,line=14,")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# an earlier step\n### ❌ specflow: 1 blocking finding")
    assert "**unreferenced-requirement**: RESET-1 is referenced nowhere" in text
    assert "### specflow review `HEAD`" in text
    cli("check", "HEAD", "--format", "text")
    assert summary.read_text(encoding="utf-8") == text, "only --format github writes it"


def test_job_summary_stays_within_1_mib(story, cli, monkeypatch, tmp_path):
    """COMMENT-10: what an earlier step wrote counts too."""
    story.commit("reset", {"src/auth/reset.py": RESET})
    summary = tmp_path / "summary.md"
    summary.write_bytes(b"x" * (1024 * 1024 - 1_001) + b"\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert cli("check", "HEAD", "--format", "github").code == 1
    size = summary.stat().st_size
    assert 1024 * 1024 - 1_000 < size <= 1024 * 1024
    added = summary.read_text(encoding="utf-8")[1024 * 1024 - 1_000 :]
    assert added.startswith("### ❌ specflow: 1 blocking finding")
    assert "GitHub keeps at most 1 MiB of a job summary" in added
    assert added.count("<details") == added.count("</details>")


# ---------------------------------------------------------------- SARIF, --fail-on


def _sarif(cli) -> dict:
    return json.loads(cli("check", "HEAD", "--format", "sarif").out)["runs"][0]


def test_sarif_fingerprints_survive_a_moved_line(story, cli):
    """COMMENT-12: stable rule ids, a startLine on every result, the same fingerprint."""
    story.commit("reset", {"src/auth/reset.py": RESET})
    import jsonschema

    before = _sarif(cli)
    story.commit(
        "move",
        {"specs/password-reset.md": RESET_SPEC.replace("## Context", "Intro.\n\n## Context")},
    )
    story.commit("touch", {"src/auth/reset.py": RESET + "\n"})
    after = _sarif(cli)
    first, second = before["results"][0], after["results"][0]
    assert first["ruleId"] == second["ruleId"] == "unreferenced-requirement"
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in (first, second)]
    assert lines == [14, 16]
    assert first["partialFingerprints"] == second["partialFingerprints"]
    assert set(first["partialFingerprints"]) == {"specflowFinding/v1"}
    schema = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json").read_text())
    jsonschema.Draft4Validator(schema).validate(
        json.loads(cli("check", "HEAD", "--format", "sarif").out)
    )


def test_sarif_fingerprints_tell_identical_findings_apart():
    """COMMENT-12: the same message twice in a file is two alerts, not one."""
    same = [Finding("constraint", Severity.error, "a.py", line, "forbidden") for line in (3, 9)]
    moved = [Finding("constraint", Severity.error, "a.py", line, "forbidden") for line in (5, 12)]
    prints = [
        r["partialFingerprints"]["specflowFinding/v1"]
        for r in github.sarif(same, "0")["runs"][0]["results"]
    ]
    again = [
        r["partialFingerprints"]["specflowFinding/v1"]
        for r in github.sarif(moved, "0")["runs"][0]["results"]
    ]
    assert prints[0] != prints[1] and prints == again


def test_fail_on_warning(story, cli):
    """COMMENT-11: only warnings: exit 0, or 1 with --fail-on warning."""
    story.commit("impl", {"src/auth/reset.py": RESET.replace("RESET-2", "RESET-1, RESET-2")})
    assert cli("check", "HEAD").code == 0
    assert cli("check", "HEAD", "--fail-on", "warning").code == 1
    story.commit("tests", {"tests/test_reset.py": RESET_TESTS})
    assert cli("check", "HEAD", "--fail-on", "warning").code == 0


# ---------------------------------------------------------------- the Action and the docs


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_composite_with_the_inputs_and_no_interpolation_in_scripts():
    """COMMENT-13: untrusted `${{ }}` never reaches a shell script; values come by env."""
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert {"base", "comment", "key", "fail-on"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    scripts = [step["run"] for step in steps if "run" in step]
    assert len(scripts) == 4
    assert not any("${{" in script for script in scripts)
    assert all(step.get("shell") == "bash" for step in steps if "run" in step)
    assert any("check --format github" in script for script in scripts)
    assert any("comment --post github" in script for script in scripts)


def _run_step(name: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    step = next(s for s in _action()["runs"]["steps"] if s["name"] == name)
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    full = {**os.environ, "PATH": path, **env}
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=cwd, env=full, capture_output=True, text=True
    )


def test_action_scripts_run_check_and_fail_the_job(story, tmp_path):
    """COMMENT-13: the Action's own scripts, run by bash against a real repository."""
    story.commit("reset", {"src/auth/reset.py": RESET})
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    env = {
        "SPECFLOW_BASE": "HEAD~1",
        "SPECFLOW_FAIL_ON": "error",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    done = _run_step("Check (annotations and job summary)", env, story.path)
    assert done.returncode == 0, done.stderr
    assert output.read_text() == "verdict=fail\n"
    assert "::error file=specs/password-reset.md,line=14" in done.stdout
    assert "### ❌ specflow: 1 blocking finding" in summary.read_text(encoding="utf-8")
    verdict = {"SPECFLOW_VERDICT": "fail", "SPECFLOW_FAIL_ON": "error"}
    assert _run_step("Verdict", verdict, story.path).returncode == 1
    verdict["SPECFLOW_FAIL_ON"] = "never"
    assert _run_step("Verdict", verdict, story.path).returncode == 0
    assert _run_step("Verdict", {"SPECFLOW_VERDICT": "pass"}, story.path).returncode == 0


def _yaml_blocks(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]


def test_docs_show_a_github_workflow_and_a_gitlab_job():
    """COMMENT-13, COMMENT-12: the examples are valid YAML and follow the rules they teach."""
    blocks = _yaml_blocks(ROOT / "docs" / "ci.md")
    workflows = [b for b in blocks if isinstance(b, dict) and "jobs" in b]
    assert workflows, "a GitHub workflow example"
    for workflow in workflows:
        steps = workflow["jobs"]["specflow"]["steps"]
        checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
        assert checkout["with"]["fetch-depth"] == 2
        assert not any("${{" in s.get("run", "") for s in steps)
    gitlab = next(
        b for b in blocks if isinstance(b, dict) and "specflow" in b and "script" in b["specflow"]
    )
    assert "specflow comment --post gitlab" in gitlab["specflow"]["script"]
    assert gitlab["specflow"]["variables"]["GIT_DEPTH"] == 0
    assert any("upload-sarif" in json.dumps(b) for b in blocks)


def test_the_benchmark_runs_on_a_small_change(tmp_path):
    """COMMENT-14: the script that measures the comment's cost works (the figure is in
    docs/benchmarks.md; no timing is asserted here)."""
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_comment.py"),
            "--files",
            "40",
            "--runs",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "comment beyond the review (check + body)" in done.stdout
