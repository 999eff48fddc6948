"""LINT-E15 through the CLI on real git repositories: `lint` reports every spec it can read
beside the one it cannot, and still exits 2. The python-multipart trial (session 25, its
report's defect 9) saw only `specs/y.md:2: front matter is not valid YAML` while x.md's
duplicate ID and unknown status hid behind it; the schedule trial (its defect 7) removed the
unreadable spec with `git rm` and lint still stopped on HEAD's copy, hiding the duplicate."""

from __future__ import annotations

import json

BROKEN = "---\nid: [\n---\n# Y\n"
DUPLICATE = (
    "---\nid: X\nstatus: actve\n---\n# X\n## Context\n- c\n"
    "## Requirements\n- X-1: a\n- X-1: b\n## Edge Cases\n- X-E1: e\n"
)


def test_lint_reports_the_other_specs_beside_one_it_cannot_read(repo, cli):
    """LINT-E15: exit 2, the unreadable spec on stderr as before (LINT-9), and x.md's
    `duplicate-id` and `unknown-status` on stdout, in text and JSON alike."""
    repo.commit("i", {"specs/x.md": DUPLICATE, "specs/y.md": BROKEN})
    result = cli("lint")
    assert result.code == 2, result
    assert result.err.startswith("specflow: error: specs/y.md:2: front matter is not valid YAML")
    assert "[duplicate-id] X-1" in result.out and "[unknown-status]" in result.out
    assert "in 1 spec(s); 1 cannot be read." in result.out
    data = cli("lint", "--format", "json")
    assert data.code == 2
    rules = {finding["rule"] for finding in json.loads(data.out)["findings"]}
    assert {"duplicate-id", "unknown-status"} <= rules


def test_a_spec_removed_by_git_rm_hides_nothing(repo, cli):
    """LINT-E15: with the unreadable spec `git rm`ed, lint reads HEAD's specs leniently (for
    LINT-E11) and reports the duplicate ID of the spec that is left, exit 1, not 2."""
    repo.commit("base", {"specs/a.md": DUPLICATE, "specs/b.md": BROKEN})
    repo.git("rm", "-q", "specs/b.md")
    result = cli("lint")
    assert result.code == 1, result
    assert "[duplicate-id] X-1" in result.out and "specs/b.md" not in result.out + result.err


def test_a_readable_tree_still_exits_by_its_findings(repo, cli):
    """LINT-E15, adversarial: without an unreadable spec, the exit code is LINT-9's: 1 on an
    error, 0 on warnings alone; a broken spec alone is still exit 2."""
    repo.commit("base", {"specs/a.md": DUPLICATE.replace("actve", "active")})
    assert cli("lint").code == 1
    repo.write({"specs/a.md": DUPLICATE.replace("actve", "active").replace("- X-1: b\n", "")})
    assert cli("lint").code == 0
    repo.write({"specs/a.md": BROKEN})
    assert cli("lint").code == 2
