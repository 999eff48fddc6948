"""A verdict to trust (CHECK-12..16): linear-time `re:`, `outside`, `require`, and what a change
takes away, through the CLI on real repositories."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from specflow.linear import compiled, problem
from test_speed import imported_modules
from testing.util import review_json

AUTH_SPEC = """---
id: AUTH
scope: [src/**]
---
# Auth

## Context
- Passwords are SHA-256 hex digests.

## Requirements
- AUTH-1: Hashes use SHA-256.
- AUTH-2: Every migration checks the schema version.

## Edge Cases
- AUTH-E1: An empty password.

## Constraints
{constraints}
"""

HASHING = "import hashlib\n\n\ndef hash_password(p):\n    # AUTH-1\n    return hashlib.sha256(p)\n"
TEST = "def test_hash():\n    # AUTH-1, AUTH-2\n    pass\n"
MIGRATION = "# AUTH-2\ncheck_schema_version(3)\n"


def _start(repo, constraints: str) -> None:
    repo.commit(
        "auth",
        {
            "specs/auth.md": AUTH_SPEC.format(constraints=constraints),
            "src/auth/hashing.py": HASHING,
            "src/migrations/m1.py": MIGRATION,
            "tests/test_auth.py": TEST,
        },
    )


def _errors(cli, *args: str) -> list[dict[str, object]]:
    out = cli("check", *args, "--format", "json").out
    return [f for f in json.loads(out)["findings"] if f["severity"] == "error"]


OUTSIDE = "- forbid `hashlib.` outside `src/auth/hashing.py`{until}: one place owns the hash format"


def test_outside_blocks_hashlib_in_reset_but_not_in_hashing(repo, cli):
    """CHECK-13, FORMAT-10: the pattern is forbidden everywhere but the globs after `outside`."""
    _start(repo, OUTSIDE.format(until=""))
    repo.stage({"src/auth/reset.py": "import hashlib\nh = hashlib.md5(b'')  # AUTH-1\n"})
    result = cli("check", "--staged")
    assert result.code == 1
    assert "src/auth/reset.py:2" in result.out and "every file outside" in result.out
    assert "one place owns the hash format" in result.out
    repo.git("reset", "-q", "--hard")
    repo.stage({"src/auth/hashing.py": HASHING + "x = hashlib.md5(b'')\n"})
    assert cli("check", "--staged").code == 0


def test_until_lifts_outside_and_require(repo, cli):
    """CHECK-13, CHECK-14: `until AUTH-2` lifts both forms once AUTH-2 is implemented."""
    rules = (
        OUTSIDE.format(until=" until AUTH-E1")
        + "\n- require `check_schema_version(` in `src/migrations/*.py` until AUTH-E1: versions"
    )
    _start(repo, rules)
    repo.stage(
        {"src/auth/reset.py": "h = hashlib.md5(b'')  # AUTH-1\n", "src/migrations/m2.py": "x\n"}
    )
    rules_hit = {f["rule"] for f in _errors(cli, "--staged")}
    assert rules_hit == {"constraint"}
    repo.stage({"src/edge.py": "# AUTH-E1\n"})
    assert _errors(cli, "--staged") == []


REQUIRE = "- require `re:check_schema_version\\(\\d+\\)` in `src/migrations/*.py`: versions"


def test_require_on_a_changed_and_on_a_new_file(repo, cli):
    """CHECK-14, FORMAT-10: a changed file that loses the pattern and a new one that lacks it
    both fail."""
    _start(repo, REQUIRE)
    repo.stage({"src/migrations/m1.py": "# AUTH-2\nmigrate()\n"})
    errors = _errors(cli, "--staged")
    assert [(e["rule"], e["path"]) for e in errors] == [("constraint", "src/migrations/m1.py")]
    assert "no longer contains" in str(errors[0]["message"])
    repo.git("reset", "-q", "--hard")
    repo.stage({"src/migrations/m2.py": "migrate()\n"})
    errors = _errors(cli, "--staged")
    assert [e["path"] for e in errors] == ["src/migrations/m2.py"]
    assert "is new and lacks" in str(errors[0]["message"])
    repo.stage({"src/migrations/m2.py": "migrate()\ncheck_schema_version(4)\n"})
    assert _errors(cli, "--staged") == []


def test_a_file_that_never_had_the_required_pattern_is_not_said_to_have_lost_it(repo, cli):
    """CHECK-14: touched, a file that lacked the pattern before is judged, and the message says
    it lacked it, not that the change removed it."""
    repo.commit("old", {"src/migrations/m0.py": "migrate()\n"})
    _start(repo, REQUIRE)
    repo.stage({"src/migrations/m0.py": "migrate()\nmigrate()\n"})
    (error,) = _errors(cli, "--staged")
    assert "src/migrations/m0.py lacks (before this change too)" in str(error["message"])


def test_redos_pattern_finishes_and_blocks(repo, cli):
    """CHECK-12: `(a+)+$` on 50,000 `a`s and `!` no longer backtracks; the verdict is right."""
    _start(repo, "- forbid `re:(a+)+$` in `src/**`: no runs of a")
    repo.stage({"src/auth/long.py": "a" * 50_000 + "!\n", "src/auth/ok.py": "# AUTH-1\naaa\n"})
    done = subprocess.run(
        [sys.executable, "-m", "specflow", "check", "--staged", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=20,  # a backtracking engine would still be running; the verdict is what counts
        check=False,
    )
    errors = [f for f in json.loads(done.stdout)["findings"] if f["severity"] == "error"]
    assert [(e["path"], e["line"]) for e in errors] == [("src/auth/ok.py", 2)]


@pytest.mark.parametrize(
    ("pattern", "construct"),
    [
        (r"(a)\1", "backreference"),
        ("(?=a)b", "look-ahead"),
        ("(?<!a)b", "look-behind"),
        ("(?>ab)", "atomic group"),
        ("a++", "possessive"),
    ],
)
def test_lint_names_an_unsupported_construct_and_its_line(repo, cli, pattern, construct):
    """CHECK-12: RE2 refuses it; lint says which construct, on which line."""
    _start(repo, f"- forbid `re:{pattern}` in `src/**`")
    result = cli("lint")
    assert result.code == 1
    line = AUTH_SPEC.format(constraints="").splitlines().index("## Constraints") + 2
    assert f"specs/auth.md:{line}" in result.out and construct in result.out


def test_removed_requirement_blocks_until_the_references_go_or_it_is_deprecated(repo, cli):
    """CHECK-15: deleting AUTH-2 while code and a test still name it is blocked."""
    _start(repo, "")
    spec = repo.read("specs/auth.md")
    tidied = spec.replace("- AUTH-2: Every migration checks the schema version.\n", "")
    repo.stage({"specs/auth.md": tidied})
    errors = _errors(cli, "--staged")
    assert [e["rule"] for e in errors] == ["dangling-reference"]
    assert "src/migrations/m1.py:1" in str(errors[0]["message"])
    assert "tests/test_auth.py:2" in str(errors[0]["message"])
    repo.stage(
        {
            "src/migrations/m1.py": "check_schema_version(3)\n",
            "tests/test_auth.py": TEST.replace(", AUTH-2", ""),
        }
    )
    assert _errors(cli, "--staged") == []
    repo.git("reset", "-q", "--hard")
    repo.stage(
        {"specs/auth.md": spec.replace("scope: [src/**]", "scope: [src/**]\nstatus: deprecated")}
    )
    assert _errors(cli, "--staged") == []


def test_a_change_that_switches_enforcement_off_says_so(repo, cli):
    """CHECK-E11, REVIEW-E43: making a spec a draft in the commit that breaks its constraint
    passes, as a draft is not enforced, but with a warning at its `status:` line, and the
    review shows the status it had; so does a requirement planned again; as an error, the
    rule blocks."""
    _start(repo, OUTSIDE.format(until=""))
    spec = repo.read("specs/auth.md")
    broken = {"src/auth/reset.py": "import hashlib\nh = hashlib.md5(b'')  # AUTH-1\n"}
    repo.stage({**broken, "specs/auth.md": spec.replace("id: AUTH\n", "id: AUTH\nstatus: draft\n")})
    found = json.loads(cli("check", "--staged", "--format", "json").out)["findings"]
    assert [(f["rule"], f["severity"], f["line"]) for f in found] == [
        ("enforcement-lowered", "warning", 3)
    ]
    assert "makes AUTH `draft` (it was `active`)" in str(found[0]["message"])
    assert "~ status active -> draft: no longer enforced" in cli("review", "--staged").out
    (auth,) = review_json(cli, "--staged")["specs"]
    assert auth["delta"]["status_was"] == "active" and auth["status"] == "draft"
    repo.git("reset", "-q", "--hard")
    repo.stage({"specs/auth.md": spec.replace("- AUTH-2:", "- [ ] AUTH-2:")})
    lowered = [f for f in json.loads(cli("check", "--staged", "--format", "json").out)["findings"]]
    assert any(f["rule"] == "enforcement-lowered" and "AUTH-2" in f["message"] for f in lowered)
    assert review_json(cli, "--staged")["specs"][0]["delta"]["planned"] == ["AUTH-2"]
    repo.write({"specflow.toml": '[rules]\nenforcement-lowered = "error"\n'})
    assert cli("check", "--staged").code == 1


def test_git_rm_of_the_implementing_file_and_the_last_test(repo, cli):
    """CHECK-16: the last implementation lost is an error, the last test lost a warning."""
    _start(repo, "")
    repo.git("rm", "-q", "src/auth/hashing.py")
    findings = json.loads(cli("check", "--staged", "--format", "json").out)["findings"]
    lost = [(f["rule"], f["severity"]) for f in findings if "removed" in f["rule"]]
    assert lost == [("implementation-removed", "error")]
    assert "AUTH-1" in findings[0]["message"] and "Hashes use SHA-256" in findings[0]["message"]
    repo.git("reset", "-q", "--hard")
    repo.stage({"tests/test_auth.py": TEST.replace("AUTH-1, ", "")})
    result = cli("check", "--staged")
    assert result.code == 0 and "test-removed" in result.out and "AUTH-1" in result.out


@pytest.mark.parametrize(
    "command",
    [
        ("check", "HEAD", "--format", "text"),
        ("check", "HEAD", "--format", "json"),
        ("check", "HEAD", "--format", "github"),
        ("check", "HEAD", "--format", "sarif"),
        ("comment", "HEAD"),
    ],
)
def test_every_output_format_carries_the_constraint_finding(repo, cli, command):
    """CHECK-6, CHECK-13: the rule, the place, the spec line and the reason, in every format,
    the pull request's comment included."""
    _start(repo, OUTSIDE.format(until=""))
    repo.commit("reset", {"src/auth/reset.py": "h = hashlib.md5(b'')  # AUTH-1\n"})
    out = cli(*command).out
    assert "constraint" in out and "src/auth/reset.py" in out
    assert "specs/auth.md:18" in out and "one place owns the hash format" in out


# --- the engine against Python's `re` on the patterns both support ------------------------------

_ATOMS = st.sampled_from(["a", "b", "ab", ".", "[ab]", "[^a]", r"\d", "x", "(?:a|b)", "(a)"])
_QUANTIFIERS = st.sampled_from(["", "*", "+", "?", "{1,2}", "*?", "+?"])


@st.composite
def _patterns(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(_ATOMS, _QUANTIFIERS), min_size=1, max_size=5))
    body = "".join(atom + quantifier for atom, quantifier in parts)
    if draw(st.booleans()):
        body = f"{body}|{draw(_ATOMS)}"
    return draw(st.sampled_from(["", "^"])) + body + draw(st.sampled_from(["", "$"]))


@settings(max_examples=300, deadline=None)
@given(_patterns(), st.text(alphabet="abx1 ", max_size=12))
def test_re2_and_python_re_agree_on_patterns_both_support(pattern, text):
    """CHECK-12: RE2 finds a match exactly where Python's `re` does."""
    assert problem(pattern) is None
    assert (compiled(pattern)(text) is not None) == (re.search(pattern, text) is not None)


# --- lint, the configuration, the work tree, ranges ---------------------------------------------


def test_lint_flags_the_placeholders_of_specflow_new_and_the_draft_marker(repo, cli):
    """LINT-10: what `specflow new` wrote for the author is still there."""
    repo.commit("code", {"src/tokens.py": '"""Signs tokens."""\n\n\ndef sign(value):\n    pass\n'})
    assert cli("new", "Token signing", "--id", "SIGN").code == 0
    assert cli("new", "Token reading", "--id", "READ", "--scope", "src/**").code == 0
    out = cli("lint").out
    assert out.count("[placeholder-text]") == 5  # SIGN: context, requirement, edge case
    assert "[draft-marker]" in out


def test_a_configured_specs_dir_that_does_not_exist_is_an_error(repo, cli):
    """CHECK-17: not "All good: 0 spec(s)": enforcement would be off without a word."""
    repo.commit("config", {"pyproject.toml": '[tool.specflow]\nspecs_dir = "spec"\n'})
    for args in (("check", "HEAD"), ("list",), ("show", "X"), ("report",), ("review", "HEAD")):
        result = cli(*args)  # CLI-E7: every command that reads the specs
        assert result.code == 2, (args, result)
        assert (
            "pyproject.toml:2" in result.err and "`specs_dir = 'spec'` does not exist" in result.err
        )


def test_check_worktree_sees_an_untracked_new_spec(repo, cli):
    """CHECK-18: as lint does."""
    repo.commit("code", {"src/a.py": "x = 1\n"})
    repo.write({"specs/auth.md": AUTH_SPEC.format(constraints="")})
    result = cli("check", "--worktree")
    assert result.code == 1 and "AUTH-1 is referenced nowhere" in result.out


def test_a_range_in_the_message_names_every_id_in_it(repo, cli, tmp_path):
    """CHECK-19: `AUTH-1..2` names AUTH-2 too; a range past the spec's IDs dangles at its
    end, never silently counted as its first ID alone."""
    _start(repo, "")
    repo.stage({"src/auth/more.py": "# AUTH-1\n"})
    message = tmp_path / "MSG"
    message.write_text("Implements AUTH-1..2\n", encoding="utf-8")
    assert _errors(cli, "--staged", "--message-file", str(message)) == []
    message.write_text("Implements AUTH-1..3\n", encoding="utf-8")
    errors = _errors(cli, "--staged", "--message-file", str(message))
    assert [(e["rule"], e["message"][:22]) for e in errors] == [
        ("dangling-reference", "AUTH-3 does not exist;")
    ]


# --- through the real hooks (HOOK-13, CHECK-7) ----------------------------------------------------

PAY_SPEC = """---
id: PAY
scope: [src/**]
---
# Payments

## Context
- Amounts are integer cents.

## Requirements
- PAY-1: Amounts are integer cents.
- {pay2}

## Edge Cases
- PAY-E1: A zero amount.
"""


def _git(repo, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo.path, capture_output=True, text=True, timeout=300, check=False
    )


def _hooked(repo, cli, pay2: str = "[ ] PAY-2: Refunds are logged.") -> None:
    repo.commit(
        "payments",
        {
            "specs/pay.md": PAY_SPEC.format(pay2=pay2),
            "src/pay.py": "def pay(cents):\n    # PAY-1\n    return cents\n",
            "tests/test_pay.py": "# PAY-1\n",
        },
    )
    assert cli("hook", "install").code == 0


def test_message_reference_sequence_through_the_real_hooks(repo, cli):
    """CHECK-7: a message names, it never implements: the commit that ticks PAY-2 with only
    "Implements PAY-2" is blocked at once, not the commit after it; once the tree references
    PAY-2, the next commit in the scope ("small tweak") passes too."""
    _hooked(repo, cli)
    spec = repo.read("specs/pay.md").replace("- [ ] PAY-2", "- [x] PAY-2")
    repo.stage({"specs/pay.md": spec})
    blocked = _git(repo, "commit", "-m", "Implements PAY-2")
    assert blocked.returncode == 1 and "PAY-2 is referenced nowhere" in blocked.stderr
    repo.stage({"src/refund.py": "# PAY-2\n", "tests/test_refund.py": "# PAY-2\n"})
    assert _git(repo, "commit", "-m", "Implements PAY-2").returncode == 0
    repo.stage({"src/pay.py": "def pay(cents):\n    # PAY-1\n    return int(cents)\n"})
    tweak = _git(repo, "commit", "-m", "small tweak")
    assert tweak.returncode == 0, tweak.stderr
    assert cli("check", "HEAD").code == 0


def test_one_verdict_per_native_hook_run(repo, cli):
    """HOOK-13: a blocked commit is said once, "(blocked)", never first as "(passes)"; a
    passing commit without warnings prints nothing; a dangling ID in the message is said by
    commit-msg alone."""
    _hooked(repo, cli)
    repo.stage({"src/pay.py": "def pay(cents):\n    return cents\n"})
    blocked = _git(repo, "commit", "-m", "drop the comment")
    assert blocked.returncode == 1
    assert blocked.stderr.count("(blocked)") == 1 and "(passes)" not in blocked.stderr
    assert blocked.stderr.count("[implementation-removed]") == 1
    _git(repo, "reset", "-q", "--hard")
    repo.commit("no questions", {"pyproject.toml": "[tool.specflow.hook]\nquestions = 0\n"})
    repo.stage({"src/other.py": "x = 1  # PAY-1\n"})
    quiet = _git(repo, "commit", "-m", "other")
    assert quiet.returncode == 0 and "specflow" not in quiet.stderr and "good" not in quiet.stderr
    repo.stage({"src/more.py": "y = 2  # PAY-1\n"})
    dangling = _git(repo, "commit", "-m", "Implements PAY-7")
    assert dangling.returncode == 1
    assert dangling.stderr.count("[dangling-reference]") == 1 and "PAY-7" in dangling.stderr


def test_a_passing_pre_commit_hook_prints_the_strongest_questions(repo, cli):
    """HOOK-14: `hook.questions` (default 3) review questions for the staged change, never
    blocking; 1 prints one."""
    _hooked(repo, cli)
    repo.stage({"src/cents.py": "def whole(cents):\n    return int(cents)  # PAY-1\n"})
    done = _git(repo, "commit", "-m", "whole cents")
    assert done.returncode == 0, done.stderr
    asked = [line for line in done.stderr.splitlines() if line.startswith("  ? ")]
    assert 1 <= len(asked) <= 3 and "  ? src/cents.py: PAY-1: Amounts are integer cents." in asked
    repo.commit("one question", {"pyproject.toml": "[tool.specflow.hook]\nquestions = 1\n"})
    repo.stage({"src/more.py": "def more(cents):\n    return cents + 1  # PAY-1\n"})
    done = _git(repo, "commit", "-m", "more cents")
    assert done.returncode == 0
    assert len([line for line in done.stderr.splitlines() if line.startswith("  ? ")]) == 1
    repo.stage({f"src/many/m{n}.py": f"v{n} = {n}  # PAY-1\n" for n in range(51)})
    done = _git(repo, "commit", "-m", "a large commit")
    assert done.returncode == 0 and "  ? " not in done.stderr  # no review past 50 files


def test_a_scoped_file_renamed_out_of_every_scope_is_blocked(repo, cli):
    """CHECK-20: renaming the last file of `src/migrations/*` away empties a scope glob."""
    repo.commit(
        "start",
        {
            "specs/auth.md": AUTH_SPEC.format(constraints="").replace(
                "scope: [src/**]", "scope: [src/migrations/*.py]"
            ),
            "src/migrations/m1.py": "# AUTH-1, AUTH-2\n",
            "tests/test_auth.py": TEST,
        },
    )
    repo.git("mv", "src/migrations/m1.py", "lib_m1.py")
    errors = _errors(cli, "--staged")
    assert [(e["rule"], e["path"], e["line"]) for e in errors] == [
        ("emptied-scope", "specs/auth.md", 3)
    ]
    assert "'src/migrations/*.py'" in str(errors[0]["message"])


def test_a_changed_id_block_warns_touched_requirement_until_the_message_names_it(
    repo, cli, tmp_path
):
    """CHECK-21: the decimal-instead-of-base64 commit passes no more without a word; the
    warning stands at the changed line, not at the hunk's first line of context (CHECK-E12)."""
    _start(repo, "")
    repo.stage({"src/auth/hashing.py": HASHING.replace("sha256(p)", "sha256(p).hexdigest()")})
    findings = json.loads(cli("check", "--staged", "--format", "json").out)["findings"]
    touched = [f for f in findings if f["rule"] == "touched-requirement"]
    assert [(f["severity"], f["path"], f["line"]) for f in touched] == [
        ("warning", "src/auth/hashing.py", 6)
    ]
    assert "AUTH-1" in touched[0]["message"] and "Hashes use SHA-256" in touched[0]["message"]
    message = tmp_path / "MSG"
    message.write_text("Hex digests, AUTH-1 holds\n", encoding="utf-8")
    out = cli("check", "--staged", "--message-file", str(message)).out
    assert "touched-requirement" not in out
    repo.commit(
        "strict", {"pyproject.toml": '[tool.specflow.rules]\ntouched-requirement = "error"\n'}
    )
    repo.stage({"src/auth/hashing.py": HASHING.replace("sha256(p)", "sha512(p)")})
    assert cli("check", "--staged").code == 1


def test_a_removed_line_is_warned_where_it_stood(repo, cli):
    """CHECK-E12: a hunk that only removes a line stands at the line that now follows it."""
    _start(repo, "")
    block = HASHING + "    x = 1\n    y = 2\n    z = y\n"  # y read: REVIEW-E428
    repo.commit("block", {"src/auth/hashing.py": block, "src/auth/more.py": "# AUTH-2\n"})
    repo.stage({"src/auth/hashing.py": block.replace("    y = 2\n", "")})
    findings = json.loads(cli("check", "--staged", "--format", "json").out)["findings"]
    lines = [f["line"] for f in findings if f["rule"] == "touched-requirement"]
    assert lines == [8]


def test_only_the_nearest_id_above_a_change_heads_it(repo, cli):
    """CHECK-E14: rewording the `# AUTH-2` comment, or changing the code under it, touches
    AUTH-2's code, not AUTH-1's a few lines above (which was warned of)."""
    _start(repo, "")
    two = "\n\n# AUTH-2: check the version\ndef check_version(v):\n    return v == 3\n"
    repo.commit("two blocks", {"src/auth/hashing.py": HASHING + two})

    def touched() -> list[str]:
        findings = json.loads(cli("check", "--staged", "--format", "json").out)["findings"]
        return [
            re.findall(r"code of (\S+)", f["message"])[0]
            for f in findings
            if f["rule"] == "touched-requirement"
        ]

    repo.stage({"src/auth/hashing.py": HASHING + two.replace("check the", "check its")})
    assert touched() == []  # the reworded line names AUTH-2 itself
    repo.stage({"src/auth/hashing.py": HASHING + two.replace("v == 3", "v >= 3")})
    assert touched() == ["AUTH-2"]


def test_a_document_that_names_an_id_is_not_its_code(repo, cli):
    """CHECK-21: a guide describing AUTH-1, edited just below the line that names it, asks
    nothing (this repository's benchmark write-up drew twelve warnings per edit); the code
    under `# AUTH-1` still does."""
    _start(repo, "")
    guide = "# Hashing\n\nAUTH-1 keeps SHA-256.\n\nThe digest is hex.\n"
    repo.commit("guide", {"docs/hashing.md": guide})
    repo.stage({"docs/hashing.md": guide.replace("is hex", "is lower-case hex")})
    assert "touched-requirement" not in cli("check", "--staged").out
    repo.stage({"src/auth/hashing.py": HASHING.replace("sha256(p)", "sha256(p).hexdigest()")})
    assert "touched-requirement" in cli("check", "--staged").out


def test_show_and_report_list_constraints_with_the_files_they_cover(repo, cli):
    """CHECK-22"""
    _start(repo, OUTSIDE.format(until="") + "\n" + REQUIRE)
    show = cli("show", "AUTH").out
    assert "Constraints" in show and "covers 2 file(s)" in show  # all but hashing.py, specs
    assert "covers 1 file(s): src/migrations/m1.py" in show
    spec = json.loads(cli("show", "AUTH", "--format", "json").out)["spec"]
    outside = spec["constraints"][0]["covers"]
    assert "src/auth/hashing.py" not in outside and "src/migrations/m1.py" in outside
    for fmt in ("text", "markdown"):
        assert "covers 1 file(s): src/migrations/m1.py" in cli("report", "--format", fmt).out
    report = json.loads(cli("report", "--format", "json").out)
    assert report["specs"][0]["constraints"][1]["covers"] == ["src/migrations/m1.py"]
    assert cli("report", "--html", "site").code == 0
    page = repo.read("site/index.html")
    assert '<table id="constraints">' in page and "src/migrations/m1.py" in page


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("- require `x`", "`require` needs `in"),
        ("- require `x` outside `src/**`", "`require` needs `in"),
        ("- forbid `x` outside src/**", "expected forbid"),
    ],
)
def test_lint_reports_a_malformed_new_form_at_its_line(repo, cli, source, why):
    """FORMAT-10, LINT-6"""
    _start(repo, source)
    result = cli("lint")
    assert result.code == 1 and "specs/auth.md:18" in result.out and why in result.out


def test_re2_is_imported_on_the_hook_path_only_for_a_re_pattern(repo):
    """CHECK-12: a project whose constraints are literal never loads RE2 in its hook."""
    _start(repo, "- forbid `eval(` in `src/**`")
    repo.stage({"src/auth/x.py": "# AUTH-1\n"})
    assert " re2\n" not in imported_modules(repo, "check", "--staged")[1]
    repo.commit(
        "regex", {"specs/auth.md": repo.read("specs/auth.md").replace("`eval(`", "`re:eval\\(`")}
    )
    repo.stage({"src/auth/y.py": "# AUTH-1\n"})
    assert " re2\n" in imported_modules(repo, "check", "--staged")[1]


GO_SPEC = """---
id: MUX
scope: ["*.go"]
---
# Mux

## Context
- `RegisterMethod()` in `tree.go`.

## Requirements
- MUX-5: `RegisterMethod()` panics when no bit is left in `methodTyp`.

## Edge Cases
- MUX-E1: 63 methods.
"""
GO_CODE = 'package chi\n\nfunc RegisterMethod(m string) {\n\t// MUX-5\n\tpanic("full")\n}\n'


@pytest.mark.parametrize(
    "test_path",
    ["tree_test.go", "web/__tests__/tree.ts", "web/tree.spec.ts", "test/tree.js"],
)
def test_other_languages_tests_verify_and_do_not_implement(repo, cli, test_path):
    """CHECK-E15: helper-48 on go-chi/chi: `// MUX-5` in tree_test.go implemented MUX-5, so
    the commit that removed the code's own reference passed."""
    repo.commit("mux", {"specs/mux.md": GO_SPEC, "tree.go": GO_CODE, test_path: "// MUX-5\n"})
    shown = json.loads(cli("show", "MUX-5", "--format", "json").out)["item"]["references"]
    assert sorted((ref["path"], ref["kind"]) for ref in shown) == sorted(
        [("tree.go", "implements"), (test_path, "verifies")]
    ), shown
    repo.commit("drop", {"tree.go": GO_CODE.replace("\t// MUX-5\n", "")})
    lost = cli("check", "HEAD")
    assert lost.code == 1 and "[implementation-removed]" in lost.out, lost


def test_the_default_test_globs_are_the_ones_init_and_the_readme_show():
    """CHECK-E15: the globs written down for users are the ones in force."""
    from pathlib import Path

    tomllib = pytest.importorskip("tomllib" if sys.version_info >= (3, 11) else "tomli")

    from specflow.commands.init_new_lint import CONFIG_STUB
    from specflow.config import DEFAULT_TEST_GLOBS

    lines = CONFIG_STUB.splitlines()
    end = next(at for at, line in enumerate(lines) if line.endswith("]"))  # the globs' last line
    stub = "\n".join(line.removeprefix("# ") for line in lines[1 : end + 1])
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    shown = readme[readme.index("test_globs = [") : readme.index("]  # references here verify") + 1]
    for text in (stub, shown):
        assert tuple(tomllib.loads(text)["test_globs"]) == DEFAULT_TEST_GLOBS, text


def test_a_comment_only_change_touches_no_requirement(repo, cli):
    """CHECK-E16: helper-48's chi 834f94d: the review was silent, check warned."""
    _start(repo, "")
    commented = HASHING.replace("    return", "    # the digest, as hex\n    return")
    repo.stage({"src/auth/hashing.py": commented})
    assert "touched-requirement" not in cli("check", "--staged").out
    go = "package auth\n\n// AUTH-1\nfunc Hash(p string) string {\n\t// sha\n\treturn p\n}\n"
    repo.commit("go", {"src/auth/hash.go": go, "src/auth/hashing.py": HASHING})
    repo.stage({"src/auth/hash.go": go.replace("// sha\n", "/* sha-256,\n\t * hex */\n")})
    assert "touched-requirement" not in cli("check", "--staged").out
    repo.stage({"src/auth/hash.go": go.replace("return p", "return p + p")})
    assert "touched-requirement" in cli("check", "--staged").out


def test_a_reference_heads_only_its_own_block(repo, cli):
    """CHECK-E17: helper-48's chi `Use()`/`Handle()`, in Python and Go; a reference just above
    a definition still heads it, and one in the same function still heads the code below."""
    _start(repo, "")
    python = HASHING + "\n\ndef other(p):\n    return p\n"
    go = (
        "package auth\n\n// AUTH-2\nfunc Use() {\n\t/* AUTH-1 */\n\tpanic(1)\n}\n\n"
        "func Handle(route string) {\n\troute = route\n}\n"
    )
    repo.commit("more", {"src/auth/hashing.py": python, "src/auth/mux.go": go})
    repo.stage(
        {
            "src/auth/hashing.py": python.replace("return p\n", "return p * 2\n"),
            "src/auth/mux.go": go.replace("route = route", "route = route + route"),
        }
    )
    assert "touched-requirement" not in cli("check", "--staged").out
    asked = [q["statement"]["id"] for q in json.loads(review_json_staged(cli))["questions"]]
    assert "AUTH-1" not in asked, asked
    repo.stage({"src/auth/mux.go": go.replace("panic(1)", "panic(2)")})
    out = cli("check", "--staged").out
    assert "touched the code of AUTH-1" in out or "touches the code of AUTH-1" in out, out
    # a comment added there is no change (CHECK-E21): a parameter is
    repo.stage({"src/auth/mux.go": go.replace("func Use() {", "func Use() { // entry")})
    assert "touched-requirement" not in cli("check", "--staged").out
    repo.stage({"src/auth/mux.go": go.replace("func Use() {", "func Use(n int) {")})
    assert "touches the code of AUTH-2" in cli("check", "--staged").out
    ts = "export class Store {\n\tput(k: string) {\n\t\t// AUTH-1\n\t\treturn k;\n\t}\n\n"
    ts += "\tstatic get(k: string): string {\n\t\treturn k;\n\t}\n}\n"
    repo.commit("ts", {"src/auth/store.ts": ts, "src/auth/mux.go": go})
    repo.stage({"src/auth/store.ts": ts.replace("return k;\n\t}\n}", "return k + k;\n\t}\n}")})
    assert "touched-requirement" not in cli("check", "--staged").out  # a method closes it too


def review_json_staged(cli) -> str:
    return cli("review", "--staged", "--all", "--format", "json").out


def test_lines_removed_above_a_reference_are_not_its_code(repo, cli):
    """CHECK-E18: seen on this repository: removing the statement just above `# ASSIST-13`
    warned that the change touched ASSIST-13's code. Removed lines sit above the line that
    now follows them; a reference on that line heads what is below it, not what was removed."""
    _start(repo, "")
    above = "import hashlib\n\n\ndef hash_password(p):\n    p = p.strip()\n    # AUTH-1\n"
    repo.commit("strip", {"src/auth/hashing.py": above + "    return hashlib.sha256(p)\n"})
    repo.stage({"src/auth/hashing.py": HASHING})
    assert "touched-requirement" not in cli("check", "--staged").out
    repo.stage({"src/auth/hashing.py": above + "    return p\n"})
    assert "touches the code of AUTH-1" in cli("check", "--staged").out
    below = above + "    p = p.lower()\n    return hashlib.sha256(p)\n"
    repo.commit("lower", {"src/auth/hashing.py": below})
    repo.stage({"src/auth/hashing.py": above + "    return hashlib.sha256(p)\n"})
    assert "touches the code of AUTH-1" in cli("check", "--staged").out
    both = below.replace("    p = p.strip()\n", "").replace("    p = p.lower()\n", "")
    repo.stage({"src/auth/hashing.py": both})  # one hunk: the line above and the line below
    assert "touches the code of AUTH-1" in cli("check", "--staged").out


def test_a_docstring_or_annotation_change_touches_no_requirement(repo, cli):
    """CHECK-E19: a docstring edit under `# AUTH-1` warned `touched-requirement` while the
    review called the same hunk no-op (REVIEW-16); the hook and the review now agree, on every
    path the check takes. A change of behaviour in the same function still warns."""
    _start(repo, "")
    headed = HASHING.replace("def", "# AUTH-1\ndef")
    documented = headed.replace("    # AUTH-1\n", '    """Hash it."""\n')
    repo.commit("doc", {"src/auth/hashing.py": documented})
    reworded = documented.replace("Hash it.", "Hash a password,\n    as hex.")
    typed = documented.replace("(p):", "(p: bytes) -> str:")
    for edit in (reworded, typed):
        repo.stage({"src/auth/hashing.py": edit})
        assert "touched-requirement" not in cli("check", "--staged").out, edit
        repo.write({"src/auth/hashing.py": edit})
        assert "touched-requirement" not in cli("check", "--worktree").out, edit
    repo.commit("reword", {"src/auth/hashing.py": reworded})
    assert "touched-requirement" not in cli("check", "HEAD").out
    assert review_json(cli, "HEAD")["questions"] == []
    repo.stage({"src/auth/hashing.py": reworded.replace("sha256(p)", "sha256(p + p)")})
    assert "touches the code of AUTH-1" in cli("check", "--staged").out
    many = {f"src/auth/m{n}.py": headed for n in range(51)}  # past 50 files: judged as before
    repo.commit("many", many)
    repo.stage({path: reworded for path in many})
    assert "touches the code of AUTH-1" in cli("check", "--staged").out


def test_a_stub_under_a_reference_touches_no_requirement(repo, cli):
    """REVIEW-E82 for the hook: a `.pyi` stub declares types, so a signature changed under
    `# AUTH-1` in it touches the requirement no more than the review asks about it."""
    _start(repo, "")
    stub = "# AUTH-1\ndef hash_password(p: bytes) -> str: ...\n"
    repo.commit("stub", {"src/auth/hashing.pyi": stub})
    repo.stage({"src/auth/hashing.pyi": stub.replace("p: bytes", "p: bytes, salt: bytes = ...")})
    assert "touched-requirement" not in cli("check", "--staged").out
    repo.stage({"src/auth/hashing.py": HASHING.replace("sha256(p)", "sha256(p + p)")})
    assert "touches the code of AUTH-1" in cli("check", "--staged").out


NAMES_SPEC = """---
id: TS
scope: ["src/**"]
---
# Timestamps

## Context
- `utils.is_aware()` tells an aware datetime from a naive one.

## Requirements
- TS-1: A naive datetime is read as UTC (`DEFAULT_ZONE`).
"""
UTILS = (
    'DEFAULT_ZONE = "UTC"\n\n\n# TS-1\ndef is_aware(value):\n    return value.tzinfo is not None\n'
)


def test_a_definition_a_spec_names_removed_from_the_tree_warns(repo, cli):
    """CHECK-E20: the marshmallow trial renamed `is_aware` to `is_tz_aware` everywhere; the
    Context still named `is_aware()` and `lint` said all good. A change that removes a
    definition an enforced spec names, and leaves none in the tree, warns at the statement;
    a rewrite in place, a move (filelock's `FileLock` under `if TYPE_CHECKING:`), another
    definition of the name, or the spec updated in the same change do not."""
    repo.commit(
        "base", {"specs/ts.md": NAMES_SPEC, "src/utils.py": UTILS, "tests/t.py": "# TS-1\n"}
    )
    renamed = UTILS.replace("is_aware", "is_tz_aware")
    repo.stage({"src/utils.py": renamed})
    out = cli("check", "--staged", "--format", "json").out
    found = [f for f in json.loads(out)["findings"] if f["rule"] == "name-removed"]
    assert [(f["path"], f["line"], f["severity"]) for f in found] == [
        ("specs/ts.md", 8, "warning")
    ], found
    assert "removes `is_aware` (src/utils.py:5)" in found[0]["message"]
    repo.commit("renamed", {"src/utils.py": renamed})
    assert "[name-removed]" in cli("check", "HEAD").out
    repo.commit("back", {"src/utils.py": UTILS})
    for edit in (
        {"src/utils.py": UTILS.replace("(value)", "(value, strict=False)")},
        {"src/utils.py": None, "src/zones.py": UTILS},  # moved
        {"src/utils.py": UTILS.replace("DEFAULT_ZONE =", "if True:\n    DEFAULT_ZONE =")},
        {"src/utils.py": renamed, "src/other.py": "def is_aware(x):\n    return x\n"},
        {"src/utils.py": renamed, "specs/ts.md": NAMES_SPEC.replace("is_aware", "is_tz_aware")},
        {"src/utils.py": renamed, "specs/ts.md": NAMES_SPEC.replace("TS\n", "TS\nstatus: draft\n")},
    ):
        repo.stage(edit)
        assert "name-removed" not in cli("check", "--staged").out, edit
        repo.git("reset", "-q", "--hard")
        repo.git("clean", "-q", "-f", "src")
    repo.stage({"src/utils.py": UTILS.replace('DEFAULT_ZONE = "UTC"', 'ZONE = "UTC"')})
    assert "removes `DEFAULT_ZONE`" in cli("check", "--staged").out  # a module's name too


def test_a_name_declared_otherwise_or_a_file_name_is_not_removed(repo, cli):
    """CHECK-E20, helper-58's review: `function isAware` rewritten as `export const isAware =`
    is still defined; a backticked file name (`report.json`) names no function `json`."""
    spec = NAMES_SPEC.replace("`utils.is_aware()`", "`isAware()`, written to `report.json`,")
    code = "export function isAware(v) {\n  return v.tz != null;\n}\n\nfunction json(r) {}\n"
    repo.commit("base", {"specs/ts.md": spec, "src/aware.ts": code, "src/utils.py": UTILS})
    arrow = "export const isAware = (v) => v.tz != null;\n"
    repo.stage({"src/aware.ts": arrow})
    assert "name-removed" not in cli("check", "--staged").out
    repo.stage({"src/aware.ts": arrow.replace("isAware", "isTzAware")})
    assert "removes `isAware` (src/aware.ts:1)" in cli("check", "--staged").out


RETRY_SPEC = """---
id: RETRY
scope: ["src/**"]
---
# Retry

## Context
- `normalizeRetryOptions()` fills in the defaults; `Ky._calculateRetryDelay()` computes the
  delay; `RetryOptions` is the option type; `Thing` is Go's.

## Requirements
- RETRY-1: A request is retried at most `limit` times.
"""
RETRY_TS = """export type RetryOptions = {limit?: number};

export const normalizeRetryOptions = (retry: RetryOptions = {}) => ({limit: 2, ...retry});

export class Ky {
\tprotected _calculateRetryDelay(count: number): number {
\t\treturn count * 1000;
\t}
}
"""


def test_typescript_and_go_definitions_a_spec_names_removed_warn(repo, cli):
    """CHECK-E23 (the ky trial's 333afbe renamed `_retry` and four more names its specs cite,
    and nothing warned): an arrow function bound to a name, a class method and a type alias
    in TypeScript, and a Go type, are definitions as `function` is; a method moved to another
    class of the change is still defined."""
    go = "package r\n\ntype Thing struct {\n\tn int\n}\n"
    files = {"src/retry.ts": RETRY_TS, "src/thing.go": go, "tests/r.test.ts": "// RETRY-1\n"}
    repo.commit("base", {"specs/retry.md": RETRY_SPEC, **files})
    renamed = RETRY_TS.replace("normalizeRetryOptions", "toRetryOptions")
    renamed = renamed.replace("_calculateRetryDelay", "_retryDelay").replace(
        "RetryOptions", "RetryConfig"
    )
    repo.stage({"src/retry.ts": renamed, "src/thing.go": go.replace("Thing", "Item")})
    out = cli("check", "--staged", "--format", "json").out
    found = [f["message"] for f in json.loads(out)["findings"] if f["rule"] == "name-removed"]
    removed = sorted(re.findall(r"removes `(\w+)`", " ".join(found)))
    assert removed == ["RetryOptions", "Thing", "_calculateRetryDelay", "normalizeRetryOptions"]
    method = (
        "\tprotected _calculateRetryDelay(count: number): number {\n\t\treturn count * 1000;\n\t}\n"
    )
    moved = RETRY_TS.replace(method, "") + "\nexport class Delays {\n" + method + "}\n"
    repo.stage({"src/retry.ts": moved, "src/thing.go": go})
    assert "name-removed" not in cli("check", "--staged").out


def test_a_gap_the_change_did_not_open_says_it_was_there_before(repo, cli):
    """CHECK-E24 (the ky trial): a typo fixed in a comment was blocked by a requirement left
    unreferenced before it, and nothing said so. The error says it, and still blocks; a
    requirement the change adds, or whose last reference it removes, is the change's own."""
    spec = (
        '---\nid: S\nscope: ["src/**"]\n---\n# S\n\n## Requirements\n'
        "- S-1: `f()` returns 1.\n- S-2: The wait ends when the signal aborts.\n"
    )
    repo.commit(
        "base", {"specs/s.md": spec, "src/a.py": "# S-1\ndef f():  # e.g. one\n    return 1\n"}
    )
    repo.stage({"src/a.py": "# S-1\ndef f():  # e.g., one\n    return 1\n"})
    done = cli("check", "--staged")
    assert (
        done.code == 1 and "S-2 is referenced nowhere (so it was before this change):" in done.out
    )
    repo.git("reset", "-q", "--hard")
    repo.stage({"specs/s.md": spec + "- S-3: A third.\n", "src/a.py": "def f():\n    return 1\n"})
    out = cli("check", "--staged").out
    assert "S-3 is referenced nowhere: name" in out and "S-1 is referenced nowhere: name" in out
    # helper-63's review: a draft made active, or a spec moved in, opens its gaps itself
    repo.git("reset", "-q", "--hard")
    repo.commit("draft", {"specs/s.md": spec.replace("id: S\n", "id: S\nstatus: draft\n")})
    repo.stage({"specs/s.md": spec})
    assert "S-2 is referenced nowhere: name" in cli("check", "--staged").out
