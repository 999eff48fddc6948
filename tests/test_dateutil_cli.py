"""What the dateutil trial found, through the CLI and the hook on real repositories: a spec
called ISO made each `ISO-8601` of the docstrings a reference (CHECK-E53, CHECK-E54, LINT-E12,
LINT-E13)."""

from __future__ import annotations

import os
import subprocess

from testing.util import review_json

SPEC = """---
id: ISO
status: active
scope: ["pkg/**"]
---
# ISO parsing

## Context
- `isoparse()` parses strings.

## Requirements
- ISO-1: Dates are parsed.

## Edge Cases
- ISO-E1: The empty string.
"""

CODE = '# ISO-1\ndef isoparse(s):\n    """Parse an ISO-8601 string."""\n    return s\n'
TEST = "# ISO-1 ISO-E1\ndef test_isoparse():\n    assert True\n"
BASE = {"specs/iso.md": SPEC, "pkg/iso.py": CODE, "tests/test_iso.py": TEST}


def commit(repo, message: str) -> subprocess.CompletedProcess[str]:
    """`git commit` as a user runs it, the hooks included; stdout and stderr in `stdout`."""
    return subprocess.run(
        ["git", "commit", "-q", "-m", message],
        cwd=repo.path,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )


def hooked(repo, cli, files=BASE):
    repo.commit("base", files)
    assert cli("hook", "install").code == 0


def test_editing_a_spec_called_iso_passes_the_hook_though_docstrings_say_iso_8601(repo, cli):
    """CHECK-E53 (dateutil 2.7.2: rewording ISO-4 was refused with ten errors "ISO-8601 is no
    longer in specs/isoparser.md ... (renamed or removed)"): an ID the edited spec did not have
    before the change either was not renamed or removed by it."""
    hooked(repo, cli)
    repo.stage({"specs/iso.md": SPEC.replace("Dates are parsed.", "Dates and times are parsed.")})
    done = commit(repo, "Reword ISO-1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ISO-8601" not in done.stdout + done.stderr


def test_a_removed_or_renumbered_id_the_code_names_still_blocks(repo, cli):
    """CHECK-E53, adversarial: renumbering ISO-1 under the code's `# ISO-1` is still blocked
    (CHECK-15), and so is a new `# ISO-E9` or a spec AUTH's `# AUTH-9` (CHECK-2)."""
    hooked(repo, cli, {**BASE, "specs/auth.md": SPEC.replace("ISO", "AUTH")})
    repo.stage({"specs/iso.md": SPEC.replace("ISO-1:", "ISO-2:")})
    blocked = commit(repo, "Renumber ISO-2")
    assert blocked.returncode != 0
    assert "[dangling-reference]" in blocked.stdout + blocked.stderr
    repo.git("reset", "-q", "--hard")
    for word in ("ISO-E9", "AUTH-9"):
        repo.stage({"pkg/iso.py": CODE.replace("# ISO-1", f"# ISO-1 {word}")})
        blocked = cli("check", "--staged")
        assert blocked.code == 1 and f"error [dangling-reference] {word} does not exist" in (
            blocked.out
        )


def test_a_standard_name_added_under_a_spec_of_its_prefix_warns_without_blocking(repo, cli):
    """CHECK-E54 (dateutil: adding "ISO-8601" to a docstring was refused): `ISO-8601`, which
    the spec ISO never had, may name the standard: a warning that says so, not a block."""
    hooked(repo, cli)
    more = CODE + 'def isoformat(d):\n    """Write ISO-8601 and RFC-3339."""\n    return d\n'
    repo.stage({"pkg/iso.py": more})
    result = cli("check", "--staged")
    assert result.code == 0, result
    assert "pkg/iso.py:6: warning [undefined-id] ISO-8601 reads as a reference" in (result.out)
    assert "if it names a standard, give the spec another id" in result.out
    done = commit(repo, "isoformat, ISO-8601")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_new_spec_called_iso_warns_of_the_code_that_says_iso_8601(repo, cli):
    """CHECK-E53: the change that adds spec ISO to code that says ISO-8601 is not told the ID
    is "no longer" there: a warning that the word now reads as a reference, no block."""
    repo.commit("code", {"pkg/iso.py": CODE.replace("# ISO-1\n", ""), "tests/test_iso.py": ""})
    assert cli("hook", "install").code == 0
    repo.stage(BASE)
    result = cli("check", "--staged")
    assert result.code == 0, result
    assert (
        "pkg/iso.py:3: warning [undefined-id] ISO-8601 reads as a reference to ISO, "
        "which this change adds without that ID" in result.out
    )
    assert "no longer" not in result.out


def test_lint_warns_of_a_spec_id_that_begins_standards_names_and_of_undefined_ids(repo, cli):
    """LINT-E12, LINT-E13 (dateutil: `lint` said "All good" of a spec called ISO in a tree full
    of ISO-8601): a warning at the spec's id, and one for each ID-shaped word of the tree that
    reads as a reference its spec does not define, at its first line; a spec whose id begins
    no standard's name, without undefined words, gets neither."""
    typo = "# PARSER-1 PARSER-9\ndef parse():\n    pass\n"
    parser = SPEC.replace("ISO", "PARSER").replace("isoparse", "parse")
    files = {**BASE, "pkg/iso2.py": CODE, "specs/parser.md": parser, "pkg/parse.py": typo}
    repo.commit("base", {**files, "tests/test_p.py": "# PARSER-1 PARSER-E1\n"})
    result = cli("lint")
    assert result.code == 0, result
    assert "specs/iso.md:2: warning [standard-prefix] spec id ISO also begins" in result.out
    assert (
        "pkg/iso.py:3: warning [undefined-id] ISO-8601 (and 1 more line(s)) reads as a "
        "reference to spec ISO (specs/iso.md), which does not define it: if it names a "
        "standard, give the spec another id" in result.out
    )
    assert "pkg/parse.py:1: warning [undefined-id] PARSER-9 reads as a reference" in result.out
    assert "fix the ID or add it to the spec" in result.out
    assert "specs/parser.md:2: warning [standard-prefix]" not in result.out


FACTORY = """def __get_f():
    def f(name):
        return name
    return f


CACHE = {}
gettz = __get_f()
seen = CACHE[__get_f]
del __get_f
"""
ZSPEC = """---
id: Z
scope: ["pkg/**"]
---
# Z

## Context
- `gettz` is built by `__get_f()`.

## Requirements
- [ ] Z-1: `gettz(name)` returns name.

## Edge Cases
- Z-E1: None.
"""


def test_del_of_a_name_is_no_read_of_it_under_ripples(repo, cli):
    """REVIEW-E172 (dateutil tz.py's `del __get_gettz` after `gettz = __get_gettz()` was
    listed as a reader of the factory a change was in): `del NAME` unbinds it, a write, so
    a changed function's Ripples name the call alone; `CACHE[__get_f]`, a subscript that
    reads it, is still a read, and `context` lists the `del` as written."""
    repo.commit("base", {"specs/z.md": ZSPEC, "pkg/z.py": FACTORY})
    repo.commit("change", {"pkg/z.py": FACTORY.replace("return name\n", "return name or None\n")})
    (ripple,) = review_json(cli, "HEAD")["ripples"]
    uses = {(use["line"], use["use"]) for use in ripple["uses"]}
    assert uses == {(8, "call"), (9, "read")}
    assert "pkg/z.py:10: del __get_f" in cli("context", "__get_f").out.split("called:")[0]
