"""LINT-E17, LINT-E18 and CHECK-E65 through the CLI on real git repositories: what the
session-26 trials read as "All good" or said twice. The authlib trial (its report's D7): a spec
`new` wrote without `--scope`, filled in, linted "All good" though it governs no file; the
php-jwt trial (defect 9): "All good: 3 spec(s); 1 cannot be read." at exit 2; the ruby-jwt
trial (defect 10): `check --staged` said `unreferenced-requirement` twice for one duplicate ID."""

from __future__ import annotations

import json

SPEC = (
    "---\nid: TOKEN\n{front}---\n# Token endpoints\n## Context\n- `issue()` signs.\n"
    "## Requirements\n- TOKEN-1: A token expires.\n{more}## Edge Cases\n- TOKEN-E1: Clock skew.\n"
)
CODE = {"src/token.py": "def issue():  # TOKEN-1\n    return 1\n"}


def spec(front: str = "", more: str = "") -> str:
    return SPEC.format(front=front, more=more)


def test_a_spec_without_scope_is_a_warning_not_all_good(repo, cli):
    """LINT-E17: `no-scope`, a warning at its `id:` line (exit 0: warnings do not fail lint,
    LINT-9), in text and JSON."""
    repo.commit("base", {**CODE, "specs/token.md": spec()})
    result = cli("lint")
    assert result.code == 0, result
    assert result.out.startswith("specs/token.md:2: warning [no-scope] no `scope:`")
    assert "0 errors, 1 warning in 1 spec(s)." in result.out
    rules = [f["rule"] for f in json.loads(cli("lint", "--format", "json").out)["findings"]]
    assert rules == ["no-scope"]


def test_a_spec_with_a_scope_or_retired_on_purpose_is_not_told(repo, cli):
    """LINT-E17, adversarial: a scope in the front matter, one `[scopes]` of specflow.toml
    gives it (SOURCES-5), and a deprecated spec (it governs nothing on purpose) lint clean."""
    repo.commit("base", {**CODE, "specs/token.md": spec("scope:\n  - src/**\n")})
    assert cli("lint").out.startswith("All good: 1 spec(s).")
    repo.write({"specs/token.md": spec(), "specflow.toml": '[scopes]\nTOKEN = ["src/**"]\n'})
    assert cli("lint").out.startswith("All good: 1 spec(s).")
    repo.write({"specflow.toml": None, "specs/token.md": spec("status: deprecated\n")})
    assert "no-scope" not in cli("lint").out


def test_a_scope_that_matches_nothing_any_more_is_still_a_warning(repo, cli):
    """LINT-E17 beside LINT-5: the ruby-jwt trial's `lib/jwt/algos/**`, after the folder moved
    to `jwa/`, is an `unmatched-scope` warning, and no `no-scope` one (the spec has a scope)."""
    moved = {"lib/jwt/jwa/hmac.rb": "module JWT; end\n"}
    repo.commit("base", {**moved, "specs/token.md": spec("scope:\n  - lib/jwt/algos/**\n")})
    result = cli("lint")
    assert result.code == 0
    assert "specs/token.md:4: warning [unmatched-scope] scope glob 'lib/jwt/algos/**'" in result.out
    assert "no-scope" not in result.out


def test_a_spec_that_cannot_be_read_is_never_all_good(repo, cli):
    """LINT-E18: with no finding in the specs it reads, the summary counts the unreadable spec
    as the error the exit code says (2), not "All good"."""
    scoped = spec("scope:\n  - src/**\n")
    repo.commit("base", {**CODE, "specs/token.md": scoped, "specs/y.md": "---\nid: [\n---\n"})
    result = cli("lint")
    assert result.code == 2
    assert "All good" not in result.out
    assert result.out.strip() == "1 error, 0 warnings in 1 spec(s); 1 cannot be read."
    assert result.err.startswith("specflow: error: specs/y.md:2:")


def test_a_duplicate_id_is_one_unreferenced_requirement(repo, cli):
    """CHECK-E65: `unreferenced-requirement` once, at the ID's first line, beside the
    `duplicate-id` of the copy; another unreferenced ID is still said (adversarial)."""
    twice = spec("scope:\n  - src/**\n", "- TOKEN-2: Twice.\n- TOKEN-2: Again.\n- TOKEN-3: x\n")
    repo.commit("base", {**CODE, "specs/token.md": twice})
    repo.stage({"src/token.py": CODE["src/token.py"] + "VALUE = 2\n"})
    result = cli("check", "--staged")
    assert result.code == 1
    unreferenced = [
        line for line in result.out.splitlines() if "[unreferenced-requirement]" in line
    ]
    assert [line.split(" error")[0] for line in unreferenced] == [
        "specs/token.md:11:",
        "specs/token.md:13:",
    ]
    assert "TOKEN-2 is referenced nowhere" in unreferenced[0]
    assert "TOKEN-3 is referenced nowhere" in unreferenced[1]
    assert "[duplicate-id]" in result.out


def test_a_duplicate_implemented_untested_id_is_warned_once(repo, cli):
    """CHECK-E65: `untested-requirement` once for an ID written twice."""
    twice = spec("scope:\n  - src/**\n", "- TOKEN-1: Again.\n")
    repo.commit("base", {**CODE, "specs/token.md": twice})
    repo.stage({"src/token.py": "def issue():  # TOKEN-1\n    return 2\n"})
    result = cli("check", "--staged")
    assert result.out.count("[untested-requirement] TOKEN-1") == 1, result
