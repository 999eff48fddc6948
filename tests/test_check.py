"""specflow check on real repositories: every rule, the formats, the message file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testing.stories import BCRYPT_RESET, FIXED_RESET, RESET_SPEC, RESET_TESTS


def test_bcrypt_commit_is_blocked_by_constraint_and_unreferenced_reset_1(story, cli):
    """CHECK-1, CHECK-3, CHECK-6: the story's commit never lands."""
    story.commit("Add password reset", {"src/auth/reset.py": BCRYPT_RESET})
    result = cli("check", "HEAD")
    assert result.code == 1, result
    assert "src/auth/reset.py:2: error [constraint]" in result.out
    assert "until RESET-3 is implemented: the hash format must not fork" in result.out
    assert "specs/password-reset.md:14: error [unreferenced-requirement] RESET-1" in result.out
    assert "mark it planned with `- [ ] RESET-1:`" in result.out


def test_fixed_commit_passes(story, cli):
    """CHECK-1, CHECK-6"""
    story.commit("Reset", {"src/auth/reset.py": FIXED_RESET, "tests/test_reset.py": RESET_TESTS})
    result = cli("check", "HEAD")
    assert result.code == 0, result
    assert "0 errors" in result.out or "All good" in result.out


def test_staged_check_sees_the_index_not_the_work_tree(story, cli):
    """CHECK-10: what is staged is judged; an unstaged fix does not hide a staged violation."""
    story.stage({"src/auth/reset.py": BCRYPT_RESET})
    story.write({"src/auth/reset.py": FIXED_RESET, "tests/test_reset.py": RESET_TESTS})
    assert cli("check", "--staged").code == 1


def test_until_lifts_the_constraint_once_the_requirement_is_implemented(story, cli):
    """CHECK-3: the commit that implements RESET-3 may add `import bcrypt`."""
    migrate = BCRYPT_RESET.replace("# RESET-2", "# RESET-1, RESET-2, RESET-3")
    spec = RESET_SPEC.replace("- [ ] RESET-3", "- [x] RESET-3")
    story.commit("Migrate", {"src/auth/reset.py": migrate, "specs/password-reset.md": spec})
    result = cli("check", "HEAD")
    assert "[constraint]" not in result.out
    assert result.code == 0, result


def test_constraint_is_checked_on_added_lines_only(story, cli):
    """CHECK-E1: old code that breaks a rule does not block until it is touched."""
    story.commit(
        "old",
        {
            "src/auth/legacy.py": "import bcrypt  # RESET-1 RESET-2\n",
            "specs/password-reset.md": RESET_SPEC.replace("forbid `import bcrypt`", "forbid `x`"),
        },
    )
    story.commit("rule", {"specs/password-reset.md": RESET_SPEC})
    story.commit("touch", {"src/auth/legacy.py": "import bcrypt  # RESET-1 RESET-2\nX = 1\n"})
    assert "[constraint]" not in cli("check", "HEAD").out


TYPING_SPEC = """---
id: TYPES
scope:
  - src/**
---
# Annotations

## Requirements
- TYPES-1: Annotations say `X | None`.

## Constraints
- forbid `re:\\bOptional\\[` in `src/**`: annotations say `X | None`.
- forbid `re:^import ssl` in `src/**`: ssl is imported on demand.
"""

OLD_STYLE = """class Pool:
    def size(self) -> Optional[int]:
        return None


def connect():
    import ssl
"""


def constraint_lines(cli) -> list[tuple[str, int]]:
    findings = json.loads(cli("check", "HEAD", "--format", "json").out)["findings"]
    return [(f["path"], f["line"]) for f in findings if f["rule"] == "constraint"]


def test_a_line_the_change_only_moves_or_reindents_is_carried_not_new(repo, cli):
    """CHECK-E4: httpx 83a85189 re-indents an old type comment; it is not a new violation."""
    repo.commit("old", {"src/pool.py": OLD_STYLE, "tests/t.py": "# TYPES-1\n"})
    repo.commit("rule", {"specs/types.md": TYPING_SPEC})
    moved = "def size(self) -> Optional[int]:\n    return None\n\n\nclass Pool:\n    pass\n"
    repo.commit("move", {"src/pool.py": moved + OLD_STYLE.split("\n\n\n")[1]})
    assert constraint_lines(cli) == []
    repo.commit("to another file", {"src/pool.py": None, "src/sizes.py": moved})
    assert constraint_lines(cli) == []


def test_one_removed_line_carries_one_added_line_and_only_where_the_rule_holds(repo, cli):
    """CHECK-E4: a copy is new; a line from a file the rule leaves out is new where it lands; an
    indented import made module-level never matched before, so nothing carries it."""
    repo.commit("old", {"src/pool.py": OLD_STYLE, "tools/t.py": "x: Optional[int] = 1\n"})
    repo.commit("rule", {"specs/types.md": TYPING_SPEC, "tests/t.py": "# TYPES-1\n"})
    twice = OLD_STYLE.replace(
        "class Pool:", "def more() -> Optional[int]:\n    pass\n\n\nclass Pool:"
    )
    repo.commit(
        "copy", {"src/pool.py": "import ssl\n" + twice.replace("    import ssl\n", "    pass\n")}
    )
    assert constraint_lines(cli) == [("src/pool.py", 1), ("src/pool.py", 2)]
    repo.commit("from tools", {"tools/t.py": "", "src/t.py": "x: Optional[int] = 1\n"})
    assert constraint_lines(cli) == [("src/t.py", 1)]


def test_a_glob_with_an_exclamation_mark_leaves_a_file_out_of_the_rule(repo, cli):
    """CHECK-E5: httpx keeps `typing.Union` in the runtime aliases of `_types.py` alone."""
    spec = TYPING_SPEC.replace(
        "in `src/**`: annotations", "in `src/**`, `!src/types.py`: annotations"
    )
    repo.commit("rule", {"specs/types.md": spec, "tests/t.py": "# TYPES-1\n"})
    alias = "Size = Optional[int]\n"
    repo.commit("aliases", {"src/types.py": alias, "src/pool.py": alias})
    assert constraint_lines(cli) == [("src/pool.py", 1)]
    assert "unmatched-scope" not in cli("lint").out  # it leaves out a file that exists


def test_regex_constraint_and_globs(repo, cli):
    """CHECK-3: `re:` patterns; `in` globs narrow the rule."""
    spec = RESET_SPEC.replace(
        "- forbid `import bcrypt` in `src/auth/**` until RESET-3: the hash format must not fork.",
        "- forbid `re:md5\\(` in `src/**/*.py`",
    )
    repo.commit("spec", {"specs/password-reset.md": spec, "tests/t.py": "# RESET-1 RESET-2\n"})
    repo.commit("bad", {"src/auth/a.py": "h = md5(x)\n", "docs/a.md": "md5(x)\n"})
    result = cli("check", "HEAD", "--format", "json")
    findings = json.loads(result.out)["findings"]
    assert [(f["rule"], f["path"]) for f in findings if f["rule"] == "constraint"] == [
        ("constraint", "src/auth/a.py")
    ]


def test_planned_requirement_is_not_enforced_until_ticked(repo, cli):
    """CHECK-4: `- [ ]` may stay unreferenced; `- [x]` may not."""
    planned = RESET_SPEC.replace("- RESET-1:", "- [ ] RESET-1:").replace(
        "- RESET-2:", "- [ ] RESET-2:"
    )
    repo.commit("spec", {"specs/password-reset.md": planned})
    assert cli("check", "HEAD").code == 0
    repo.commit("tick", {"specs/password-reset.md": planned.replace("[ ] RESET-1", "[x] RESET-1")})
    result = cli("check", "HEAD")
    assert result.code == 1 and "RESET-1 is referenced nowhere" in result.out


def test_planned_but_implemented_asks_to_tick_it(repo, cli):
    """CHECK-4"""
    repo.commit(
        "spec", {"specs/password-reset.md": RESET_SPEC, "tests/t.py": "# RESET-1 RESET-2\n"}
    )
    repo.commit("impl", {"src/auth/m.py": "# RESET-3 started\n"})
    result = cli("check", "HEAD")
    assert "warning [planned-requirement-referenced] RESET-3 is planned" in result.out


@pytest.mark.parametrize("status", ["draft", "deprecated"])
def test_draft_and_deprecated_specs_are_not_enforced(repo, cli, status):
    """CHECK-4"""
    spec = RESET_SPEC.replace("id: RESET\n", f"id: RESET\nstatus: {status}\n")
    repo.commit("spec", {"specs/password-reset.md": spec})
    repo.commit("code", {"src/auth/reset.py": BCRYPT_RESET})
    result = cli("check", "HEAD")
    assert result.code == 0, result
    assert "[unreferenced-requirement]" not in result.out
    assert "[constraint]" not in result.out


def test_reference_to_a_deprecated_spec_warns(repo, cli):
    """CHECK-5"""
    old = RESET_SPEC.replace("id: RESET\n", "id: RESET\nstatus: deprecated\nsuperseded-by: AUTH\n")
    repo.commit("spec", {"specs/password-reset.md": old})
    repo.commit("code", {"src/x.py": "# RESET-2 still\n"})
    result = cli("check", "HEAD")
    assert (
        "warning [deprecated-reference] RESET-2 belongs to the deprecated spec RESET" in result.out
    )
    assert "superseded by AUTH" in result.out


def test_done_spec_with_a_planned_requirement_fails_spec_lint(repo, cli):
    """CHECK-E3"""
    done = RESET_SPEC.replace("id: RESET\n", "id: RESET\nstatus: done\n")
    repo.commit("spec", {"specs/password-reset.md": done, "src/a.py": "# RESET-1 RESET-2\n"})
    result = cli("check", "HEAD")
    assert result.code == 1
    assert "error [spec-lint]" in result.out and "planned-in-done-spec" in result.out


def test_dangling_reference_in_code_names_file_and_line(story, cli):
    """CHECK-2"""
    story.commit("typo", {"src/auth/x.py": "a = 1\n# RESET-9: oops\n"})
    result = cli("check", "HEAD")
    assert result.code == 1
    assert "src/auth/x.py:2: error [dangling-reference] RESET-9 does not exist" in result.out


def test_sha_256_is_not_a_reference(story, cli):
    """CHECK-2: only known prefixes are references."""
    story.commit("sha", {"tests/t.py": "# SHA-256 UTF-8 RESET-1 RESET-2\n"})
    assert "dangling" not in cli("check", "HEAD").out


def test_message_file_references_implement_nothing_and_comments_do_not_count(story, cli, tmp_path):
    """CHECK-7, CHECK-E2: the message names RESET-1; only the tree can reference it."""
    story.stage({"src/auth/reset.py": FIXED_RESET.replace("RESET-1, ", "")})
    message = tmp_path / "MSG"
    message.write_text("Reset keeps the format\n\nRefs: RESET-1\n# RESET-9 in a comment\n")
    result = cli("check", "--staged", "--message-file", str(message))
    assert "RESET-9" not in result.out
    assert "RESET-1 is referenced nowhere" in result.out


def test_message_file_dangling_reference_is_blocked(story, cli, tmp_path):
    """CHECK-2, CHECK-7"""
    story.stage({"src/auth/reset.py": FIXED_RESET})
    message = tmp_path / "MSG"
    message.write_text("Implements RESET-9\n")
    result = cli("check", "--staged", "--message-file", str(message))
    assert result.code == 1
    assert "(commit message):1: error [dangling-reference] RESET-9" in result.out


def test_message_file_scissors_and_comment_char(story, cli, tmp_path):
    """CHECK-7: `core.commentChar` and everything below the scissors line are not the message."""
    story.git("config", "core.commentChar", ";")
    story.stage({"src/auth/reset.py": FIXED_RESET})
    message = tmp_path / "MSG"
    message.write_text(
        "Reset\n; RESET-8 commented\n# RESET-7 kept: '#' is not the comment char\n"
        "; ------------------------ >8 ------------------------\n+ RESET-6 in the diff\n"
    )
    result = cli("check", "--staged", "--message-file", str(message))
    assert "RESET-7" in result.out
    assert "RESET-8" not in result.out and "RESET-6" not in result.out


def test_rule_severity_is_configurable(story, cli):
    """CHECK-5: `off` drops a rule, `warning` stops it blocking, an off rule can be turned on."""
    story.commit("code", {"src/auth/reset.py": BCRYPT_RESET})
    story.write(
        {
            "specflow.toml": '[rules]\nunreferenced-requirement = "off"\nconstraint = "warning"\n'
            'unscoped-change = "error"\n'
        }
    )
    result = cli("check", "HEAD")
    assert result.code == 0, result
    assert "[unreferenced-requirement]" not in result.out
    assert "warning [constraint]" in result.out
    story.commit("other", {"README.md": "hello\n"})
    assert "error [unscoped-change]" in cli("check", "HEAD").out


def test_untested_requirement_warns(story, cli):
    """CHECK-5"""
    story.commit("impl", {"src/auth/reset.py": FIXED_RESET})
    result = cli("check", "HEAD")
    assert "warning [untested-requirement] RESET-1 is implemented but no test" in result.out


def test_untested_requirement_warns_only_when_the_change_concerns_it(story, cli):
    """CHECK-5, CHECK-E6: the httpx trial's hook repeated every untested requirement of a spec
    on each commit in its scope; it warns of those the change names, whose code it touches, or
    whose spec it edits."""
    padded = FIXED_RESET + "".join(f"LIMIT_{n} = {n}\n" for n in range(30))
    story.commit("impl", {"src/auth/reset.py": padded})
    elsewhere = padded + "\n\ndef unrelated():\n    return 1\n"
    story.commit("elsewhere in the scope", {"src/auth/reset.py": elsewhere})
    assert "[untested-requirement]" not in cli("check", "HEAD").out
    story.commit(
        "its code", {"src/auth/reset.py": elsewhere.replace("return False", "return None")}
    )
    warned = [line for line in cli("check", "HEAD").out.splitlines() if "untested" in line]
    assert warned and all("RESET-" in line for line in warned)
    story.commit("named", {"src/auth/reset.py": elsewhere + "# RESET-2: kept\n"})
    assert "warning [untested-requirement] RESET-2 is implemented" in cli("check", "HEAD").out


def test_github_format_escapes_as_the_toolkit_does(repo, cli):
    """CHECK-8"""
    spec = RESET_SPEC.replace("id: RESET\n", "id: RESET\n")
    repo.commit("spec", {"specs/a,b:c.md": spec.replace("  - src/auth/**", "  - src/**")})
    repo.commit("x", {"src/y.py": "z = 1\n"})
    out = cli("check", "HEAD", "--format", "github").out
    line = next(line for line in out.splitlines() if "unreferenced-requirement" in line)
    assert line.startswith(
        "::error file=specs/a%2Cb%3Ac.md,line=14,title=specflow unreferenced-requirement::"
    )
    assert "%0A" not in line.split("::", 2)[1]


def test_github_data_escapes_percent_and_newlines():
    """CHECK-8"""
    from specflow.model import Finding, Severity
    from specflow.output.github import github

    text = github([Finding("constraint", Severity.warning, "a.py", 3, "100% bad\r\nnext")])
    assert text == "::warning file=a.py,line=3,title=specflow constraint::100%25 bad%0D%0Anext"


def test_sarif_validates_against_the_official_schema(story, cli):
    """CHECK-8"""
    story.commit("Add password reset", {"src/auth/reset.py": BCRYPT_RESET})
    result = cli("check", "HEAD", "--format", "sarif")
    assert result.code == 1
    log = json.loads(result.out)
    schema = json.loads((Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json").read_text())
    jsonschema.Draft4Validator(schema).validate(log)
    rules = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert "unreferenced-requirement" in rules and "constraint" in rules
    levels = {r["ruleId"]: r["level"] for r in log["runs"][0]["results"]}
    assert levels["constraint"] == "error"


def test_json_format(story, cli):
    """CHECK-6"""
    story.commit("Add password reset", {"src/auth/reset.py": BCRYPT_RESET})
    data = json.loads(cli("check", "HEAD", "--format", "json").out)
    assert data["schema"] == 1 and data["kind"] == "check" and data["blocking"] is True
    assert {"rule", "severity", "path", "line", "message"} <= set(data["findings"][0])


def test_no_specs_passes_with_a_notice(repo, cli):
    """CHECK-9"""
    repo.commit("code", {"src/a.py": "x = 1\n"})
    result = cli("check", "HEAD")
    assert result.code == 0
    assert result.out.strip() == "specflow: no specs in this tree; nothing to check."


def test_specs_only_in_the_work_tree_are_named_with_how_to_check_them(repo, cli):
    """CHECK-E76: the express-session trial's user ran `specflow new`, then `specflow check`,
    and read "no specs in this tree" right after `lint` had counted them: a commit without specs
    checked while the work tree has some says so, and names `--worktree`; the exit stays 0."""
    repo.commit("code", {"src/a.py": "x = 1\n"})
    assert cli("new", "Thing", "--id", "THING", "--scope", "src/**").code == 0
    result = cli("check")
    assert result.code == 0, result
    assert "specs/thing.md is in the work tree, not in HEAD" in result.out, result.out
    assert "`specflow check --worktree`" in result.out, result.out
    repo.commit("the spec", {"specs/thing.md": repo.read("specs/thing.md")})
    assert "work tree" not in cli("check").out


def test_an_older_commit_without_specs_gives_no_commit_advice(repo, cli):
    """CHECK-E76: `specflow check HEAD~1` of a commit before the specs, which HEAD holds, said
    they were "in the work tree, not in HEAD~1" and to commit them: they are committed."""
    repo.commit("code", {"src/a.py": "x = 1\n"})
    assert cli("new", "Thing", "--id", "THING", "--scope", "src/**").code == 0
    repo.commit("the spec", {"specs/thing.md": repo.read("specs/thing.md")})
    result = cli("check", "HEAD~1")
    assert result.code == 0, result
    assert "work tree" not in result.out, result.out


def test_a_blocked_head_names_the_uncommitted_changes_it_did_not_check(story, cli):
    """CHECK-E77: the boltons and ufo trials' users added the ID comments, ran `specflow check`
    and read "in HEAD (blocked)" again: HEAD, the default, is checked; the advice names the
    files changed since and the two options that check them."""
    story.commit("Add password reset", {"src/auth/reset.py": BCRYPT_RESET})
    story.write({"src/auth/reset.py": FIXED_RESET, "tests/test_reset.py": RESET_TESTS})
    result = cli("check")
    assert result.code == 1, result
    assert "not your uncommitted changes to src/auth/reset.py, tests/test_reset.py:" in result.out
    assert "`specflow check --worktree` checks them" in result.out, result.out
    assert cli("check", "--worktree").code == 0
    assert "uncommitted" not in cli("check", "HEAD").out  # asked for by name: no advice


def test_a_blocked_head_names_a_new_file_but_not_an_ignored_one(story, cli):
    """CHECK-E77: a test file not yet added is read by `--worktree`, so it is named; a file git
    ignores is not; with the work tree clean there is no advice at all."""
    story.commit("Add password reset", {"src/auth/reset.py": BCRYPT_RESET, ".gitignore": "*.log\n"})
    story.write({"build.log": "x\n"})
    assert "uncommitted" not in cli("check").out
    story.write({"tests/test_reset.py": RESET_TESTS})
    result = cli("check")
    assert result.code == 1, result
    assert "your uncommitted changes to tests/" in result.out, result.out


def test_specflow_skip(story, cli, monkeypatch):
    """CHECK-9"""
    story.commit("Add password reset", {"src/auth/reset.py": BCRYPT_RESET})
    monkeypatch.setenv("SPECFLOW_SKIP", "1")
    result = cli("check", "HEAD")
    assert result.code == 0 and "skipped" in result.err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "nope"], "unknown revision 'nope'"),
        (["check", "--", "--output=x"], "refusing revision '--output=x'"),
        (["check", "--staged", "--message-file", "missing-file"], "cannot read the message file"),
    ],
)
def test_bad_input_exits_2_with_one_line(story, cli, args, expected):
    """CHECK-6"""
    result = cli(*args)
    assert result.code == 2, result
    assert expected in result.err and "Traceback" not in result.err
    assert not (story.path / "x").exists()


FILES = ["src/auth/a.py", "src/auth/b.py", "tests/test_a.py", "docs/notes.md"]
LINES = st.sampled_from(
    ["x = 1", "import bcrypt", "# RESET-1", "# RESET-2", "# RESET-9", "# RESET-3", "y = 2"]
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.lists(
        st.dictionaries(st.sampled_from(FILES), st.lists(LINES, max_size=3)), min_size=1, max_size=3
    )
)
def test_staged_verdict_equals_the_verdict_after_the_commit(tmp_path_factory, changes):
    """CHECK-10: for random small histories, `check --staged` then `check HEAD` agree."""
    import subprocess

    from testing.util import Cli, Repo

    path = tmp_path_factory.mktemp("prop")
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    repo, cli = Repo(path), Cli()
    repo.commit("spec", {"specs/password-reset.md": RESET_SPEC})
    import os

    old = Path.cwd()
    os.chdir(path)
    try:
        for number, files in enumerate(changes):
            repo.stage(
                {name: "\n".join(lines) + f"\n# change {number}\n" for name, lines in files.items()}
            )
            before = cli("check", "--staged").code
            repo.git("commit", "-q", "--allow-empty", "-m", f"change {number}")
            after = cli("check", "HEAD").code
            assert before == after
    finally:
        os.chdir(old)
