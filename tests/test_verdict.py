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
    """CHECK-13: the pattern is forbidden everywhere but the globs after `outside`."""
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
    """CHECK-14: a changed file that loses the pattern and a new one that lacks it both fail."""
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
    assert [e["rule"] for e in errors] == ["removed-requirement"]
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


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_every_output_format_carries_the_constraint_finding(repo, cli, fmt):
    """CHECK-6, CHECK-13: the rule, the place, the spec line and the reason, in every format."""
    _start(repo, OUTSIDE.format(until=""))
    repo.commit("reset", {"src/auth/reset.py": "h = hashlib.md5(b'')  # AUTH-1\n"})
    out = cli("check", "HEAD", "--format", fmt).out
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
