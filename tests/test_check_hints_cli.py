"""CHECK-E63 and CHECK-E64 through the CLI on real git repositories: the schedule trial (session
25, its report's 8a and 8b, `r7_messages.sh`): a mistyped edge-case ID was told only the first
six requirement IDs, and renaming a spec's `id` (its file kept) was said to delete the file."""

from __future__ import annotations

SPEC = (
    "---\nid: JOB\nscope: [lib/**]\n---\n# Job\n## Context\n- `f()` in lib/x.py.\n"
    "## Requirements\n- JOB-1: one\n"
    + "".join(f"- [ ] JOB-{n}: item {n}\n" for n in range(2, 8))
    + "## Edge Cases\n- JOB-E1: first\n- JOB-E2: second\n"
)
FILES = {
    "specs/job.md": SPEC,
    "lib/x.py": "def f():  # JOB-1\n    return 1\n",
    "tests/test_x.py": "def test_f():  # JOB-1, JOB-E1\n    pass\n",
}


def test_a_mistyped_edge_case_id_is_told_the_edge_cases_first(repo, cli):
    """CHECK-E64: JOB-E9 is told JOB-E1, JOB-E2, then the requirements' run; JOB-9 the
    requirements first (more than six: first and last, counted)."""
    repo.commit("base", FILES)
    repo.stage({"tests/test_x.py": FILES["tests/test_x.py"].replace("JOB-E1", "JOB-E9")})
    edge = cli("check", "--staged").out
    assert "defines JOB-E1, JOB-E2 and JOB-1 … JOB-7 (7)" in edge, edge
    repo.stage({"tests/test_x.py": FILES["tests/test_x.py"].replace("JOB-E1", "JOB-9")})
    requirement = cli("check", "--staged").out
    assert "defines JOB-1 … JOB-7 (7) and JOB-E1, JOB-E2" in requirement, requirement


def test_renaming_a_spec_id_is_no_deleted_file(repo, cli):
    """CHECK-E63: the file is kept, its id renamed: the error says so and still blocks;
    deleting the file (CHECK-E10) still says it deletes it."""
    repo.commit("base", FILES)
    renamed = SPEC.replace("id: JOB", "id: BUILD").replace("JOB-", "BUILD-")
    repo.stage({"specs/job.md": renamed, "lib/x.py": "def f():  # BUILD-1\n    return 1\n"})
    result = cli("check", "--staged")
    assert result.code == 1, result
    assert "JOB-1 is removed as this change renames spec JOB to BUILD" in result.out
    assert "which this change deletes" not in result.out
    repo.stage({"specs/job.md": None})
    deleted = cli("check", "--staged")
    assert deleted.code == 1 and "which this change deletes" in deleted.out, deleted


def test_a_long_run_names_its_lowest_and_highest_ids_not_the_files_first_and_last(repo, cli):
    """CHECK-E71: this repository's review spec was told "REVIEW-E1 … REVIEW-E324" while it
    defined REVIEW-E348 higher up: a run's ends are its lowest and highest numbers."""
    planned = "".join(f"- [ ] JOB-{n}: item {n}\n" for n in (3, 2, 12))
    later = "".join(f"- [ ] JOB-{n}: item {n}\n" for n in (4, 5, 7))
    unordered = SPEC.replace(SPEC[SPEC.index("- JOB-1") : SPEC.index("## Edge")], "")
    unordered = unordered.replace("## Edge", f"{planned}- JOB-1: one\n{later}## Edge")
    repo.commit("base", {**FILES, "specs/job.md": unordered})
    repo.stage({"tests/test_x.py": FILES["tests/test_x.py"].replace("JOB-E1", "JOB-99")})
    told = cli("check", "--staged")
    assert told.code == 1, told
    assert "defines JOB-1 … JOB-12 (7) and JOB-E1, JOB-E2" in told.out, told.out
