"""What the session-29 trials (w3lib, argon2-cffi, gorilla/websocket) met as new users, through
the CLI on real git repositories: a scope `server.go` that also governed the examples'
`server.go` (NEW-E32, LINT-E19), specflow's own files as "Hunks linked to no spec"
(REVIEW-E389), and a review of a commit older than the specs (REVIEW-E390)."""

from __future__ import annotations

import json

GO = "package websocket\n\nfunc Upgrade() {}\n"
SERVERS = {
    "server.go": GO,
    "examples/echo/server.go": "package main\n\nfunc main() {}\n",
    "examples/autobahn/server.go": "package main\n\nfunc main() {}\n",
    "client.go": "package websocket\n\nfunc Dial() {}\n",
}
SPEC = (
    "---\nid: UPGRADE\nscope:\n{scope}---\n# Server handshake\n## Context\n- `Upgrade` answers.\n"
    "## Requirements\n- [ ] UPGRADE-1: Upgrade checks the key.\n## Edge Cases\n"
    "- UPGRADE-E1: A blank key.\n"
)
ADVICE = (
    "scope `server.go` also matches examples/autobahn/server.go (and 1 more): a name with no "
    "`/` matches at any depth; write `/server.go` to govern server.go alone"
)


def spec(*globs: str) -> str:
    return SPEC.format(scope="".join(f"  - {glob!r}\n" for glob in globs))


def test_new_warns_of_a_scope_name_that_matches_in_several_folders(repo, cli):
    """NEW-E32: gorilla/websocket's `new "Server handshake" --scope server.go` also governed
    both examples' `server.go`; a warning names one and the anchored spelling, and the scope is
    written as typed (exit 0). Adversarial: `/server.go`, `*.go`, `examples/echo/server.go`, a
    name found in one folder only (`client.go`) and one folder whose files lie at several
    depths (`examples`) say nothing."""
    repo.commit("code", SERVERS)
    globs = ["server.go", "/server.go", "*.go", "examples/echo/server.go", "client.go"]
    result = cli(
        "new", "Server handshake", *(a for g in [*globs, "examples"] for a in ("--scope", g))
    )
    assert result.code == 0, result
    assert f"specflow: warning: specs/server-handshake.md: {ADVICE}" in result.err
    assert result.err.count("also matches") == 1, result.err
    assert '  - "server.go"\n' in repo.read("specs/server-handshake.md")


def test_lint_warns_of_a_hand_written_scope_name_at_its_line(repo, cli):
    """LINT-E19: a spec written by hand with `server.go` in its scope is an `unanchored-scope`
    warning at the entry's line, in text and JSON; `/server.go` and `*.go` are not (exit 0)."""
    repo.commit("code", {**SERVERS, "specs/upgrade.md": spec("*.go", "server.go")})
    result = cli("lint")
    assert result.code == 0, result
    assert f"specs/upgrade.md:5: warning [unanchored-scope] {ADVICE}" in result.out
    repo.write({"specs/upgrade.md": spec("*.go", "/server.go")})
    data = json.loads(cli("lint", "--format", "json").out)
    assert "unanchored-scope" not in [f["rule"] for f in data["findings"]]


def test_specflow_init_files_are_not_hunks_linked_to_no_spec(repo, cli):
    """REVIEW-E389: the commit that adds `specflow init`'s files lists neither specflow.toml nor
    specs/README.md under "Hunks linked to no spec" (text, markdown, JSON); code beside them
    still is, and a spec the commit adds is still reviewed as a spec change."""
    repo.commit("code", {"client.go": GO})
    assert cli("init").code == 0
    repo.write({"specs/upgrade.md": spec("/server.go"), "tools.go": GO})
    repo.commit("specs", {})
    text = cli("review", "HEAD").out
    assert "specflow.toml" not in text and "specs/README.md" not in text, text
    assert "== Hunks linked to no spec ==\n  tools.go 1-3" in text, text
    assert "the spec is new" in text, text
    markdown = cli("review", "HEAD", "--format", "markdown").out
    assert "specflow.toml" not in markdown and "README" not in markdown, markdown
    unlinked = json.loads(cli("review", "HEAD", "--format", "json").out)["unlinked"]
    assert [hunk["path"] for hunk in unlinked] == ["tools.go"]


def test_a_commit_older_than_the_specs_says_how_to_review_it(repo, cli):
    """REVIEW-E390: w3lib's `specflow review 9f98ce0`, older than the specs, said only that it
    has none; the message names HEAD's specs and the replay that reviews it against them, and
    those commands do (text and markdown). A repository with no specs anywhere keeps REVIEW-E3's
    sentence (adversarial)."""
    repo.commit("code", {"server.go": GO})
    old = repo.commit("key check", {"server.go": GO + "\nfunc check() {}\n"})
    assert '`specflow new "Title"` writes a first one' in cli("review", old[:7]).out
    base = repo.git("rev-parse", f"{old}~1").strip()
    head = repo.commit("specs", {"specs/upgrade.md": spec("/server.go")})
    text = cli("review", old[:7]).out
    replay = [
        f"git switch -c replay {base[:12]}",
        f"git checkout {head[:12]} -- specs",
        "git commit -m specs",
        f"git cherry-pick {old[:12]}",
    ]
    said = ", ".join(f"`{command}`" for command in replay)
    assert (
        f"There are no specs in {old[:7]}: a review reads the specs committed in the revision it "
        "reviews, not HEAD's 1 spec. Review a change made since they were committed "
        f"(`specflow review HEAD`), or replay this commit on top of them: {said}, then "
        "`specflow review HEAD`."
    ) in text, text
    assert said in cli("review", old[:7], "--format", "markdown").out
    for command in replay:
        repo.git(*command.split()[1:])
    replayed = cli("review", "HEAD").out
    assert "1 of 1 spec(s) affected" in replayed and "in scope: server.go" in replayed, replayed
