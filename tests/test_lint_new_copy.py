"""LINT-E11: a duplicate ID (or spec id) is blamed on the copy that is new to git, on real
repositories: `lint` and `lint --fix` from the work tree, and `check` of the change (the attrs
trial's repro: `specs/a-new.md`, a copy of the committed `specs/validators.md`)."""

from __future__ import annotations

SPEC = "---\nid: VALID\n---\n# {title}\n## Context\n- c\n## Requirements\n- VALID-1: {text}\n"
SPEC += "## Edge Cases\n- VALID-E1: e\n"
ORIGINAL = SPEC.format(title="Validators", text="the real one")
COPY = SPEC.format(title="Copy", text="pasted")
CODE = "def check(v):\n    # VALID-1 VALID-E1\n    return v\n"


def blamed(out: str) -> list[str]:
    return [line.split(" error ")[0] for line in out.splitlines() if "[duplicate-" in line]


def test_a_new_copy_that_sorts_first_is_the_one_blamed_and_fixed(repo, cli):
    """LINT-E11 (attrs trial repro_dup.sh): `specs/a-new.md` sorts before the committed
    `specs/validators.md`, yet every duplicate error is at the new file and names the
    committed one; `lint --fix` changes neither file; once the copy's ID is deleted as the
    advice says, `--fix` numbers the copy (VALID-2) and the original keeps VALID-1."""
    repo.commit("base", {"specs/validators.md": ORIGINAL, "src/v.py": CODE})
    repo.write({"specs/a-new.md": COPY})
    out = cli("lint").out
    assert blamed(out) == ["specs/a-new.md:8:", "specs/a-new.md:10:", "specs/a-new.md:2:"], out
    assert "VALID-1 is already defined at specs/validators.md:8; delete this ID" in out
    assert "spec id VALID is also used by specs/validators.md" in out
    assert cli("lint", "--fix").code == 1
    assert (repo.read("specs/validators.md"), repo.read("specs/a-new.md")) == (ORIGINAL, COPY)
    repo.write({"specs/a-new.md": COPY.replace("VALID-1: pasted", "pasted")})
    cli("lint", "--fix")
    assert repo.read("specs/a-new.md") == COPY.replace("VALID-1: pasted", "VALID-2: pasted")
    assert repo.read("specs/validators.md") == ORIGINAL


def test_a_staged_copy_and_an_id_pasted_into_a_committed_spec_are_the_new_ones(repo, cli):
    """LINT-E11: a copy `git add`ed but not committed is new too, for `lint` and for the
    hook's `check --staged` (its `spec-lint` errors stand at the copy); an ID pasted into
    another committed file of the spec (`a-more.md`, sorting first), which did not hold it at
    HEAD, is the copy."""
    repo.commit("base", {"specs/validators.md": ORIGINAL, "src/v.py": CODE})
    repo.stage({"specs/a-new.md": COPY})
    assert blamed(cli("lint").out) == [
        "specs/a-new.md:8:",
        "specs/a-new.md:10:",
        "specs/a-new.md:2:",
    ]
    checked = cli("check", "--staged").out
    assert (
        "specs/a-new.md:8: error [spec-lint] VALID-1 is already defined at specs/valid" in checked
    )
    assert "specs/validators.md:8: error [spec-lint]" not in checked, checked
    repo.git("reset", "-q", "--hard")
    more = COPY.replace("VALID-1: pasted", "VALID-2: more").replace("VALID-E1: e", "VALID-E2: f")
    repo.commit("more", {"specs/a-more.md": more})
    repo.write(
        {"specs/a-more.md": more.replace("- VALID-2: more\n", "- VALID-2: more\n- VALID-1: p\n")}
    )
    assert [line for line in blamed(cli("lint").out) if ":2:" not in line] == ["specs/a-more.md:9:"]


def test_when_both_copies_are_committed_the_order_is_todays(repo, cli):
    """LINT-E11: committed both (the duplicate already in HEAD), or both new, the first by path
    owns the ID as before: git tells nothing of which came first."""
    repo.commit("both", {"specs/validators.md": ORIGINAL, "specs/a-new.md": COPY})
    assert blamed(cli("lint").out)[0] == "specs/validators.md:8:"
    repo.git("rm", "-q", "--cached", "specs/validators.md", "specs/a-new.md")
    repo.git("commit", "-q", "-m", "neither")
    assert blamed(cli("lint").out)[0] == "specs/validators.md:8:"
