"""REVIEW-E161 through the CLI on real repositories (the logrus trial's 54357fb): Go's build
constraints (`//go:build`, `// +build`) and directives (`//go:embed`, `//go:generate`) are read
by the toolchain, so a hunk that changes one changes what compiles: the review asks, the hook
warns under a reference. A comment that only looks like one stays a comment."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: TERM
scope: ["*.go"]
---
# Terminal detection

## Context
- `isTerminal()` tells whether the output is a terminal.

## Requirements
- TERM-1: Colours are on only when the output is a terminal.
"""

BSD = """// TERM-1: terminal detection on the BSDs.

//go:build darwin || freebsd
// +build darwin freebsd

package logrus

// isTerminal asks the kernel; go build it with the BSD tags.
func isTerminal(fd int) bool { return ioctl(fd) == nil }
"""

EMBED = """package logrus

//go:generate stringer -type=Level

//go:embed default.tmpl
var tmpl string
"""


def _staged(repo, cli, files: dict[str, str]) -> tuple[bool, list[str], list[str], list[str]]:
    """Whether the hook warns of TERM-1 on the staged change, then what the review of its
    commit asks, calls formatting only, and lists as code no question asks about."""
    repo.stage(files)
    warned = "touched-requirement" in cli("check", "--staged").out
    repo.git("commit", "-q", "--no-verify", "-m", "edit")
    data = review_json(cli, "HEAD")
    asked = [q["statement"]["id"] for q in data["questions"]]
    unasked = [u["hunk"]["path"] for u in data["unasked"]]
    return warned, asked, data["noop_files"], unasked


def test_a_build_constraint_changed_asks_and_warns(repo, cli):
    """REVIEW-E161 (logrus `54357fb` added `hurd` to `terminal_check_bsd.go`'s `// +build`
    line: "only formatting, comments", and the hook silent under `// TEXT-3`): a `//go:build`
    line, or a `// +build` line in a file with no `//go:build`, changed under `// TERM-1` is
    asked and warned of."""
    plus = BSD.replace("//go:build darwin || freebsd\n", "")
    edits = (
        (BSD, "freebsd\n// +build", "freebsd || hurd\n// +build"),
        (plus, "freebsd\n\n", "freebsd hurd\n\n"),
    )
    for base, old, new in edits:
        repo.commit("base", {"specs/term.md": SPEC, "term_bsd.go": base})
        found = _staged(repo, cli, {"term_bsd.go": base.replace(old, new)})
        assert found == (True, ["TERM-1"], [], []), new


def test_build_lines_go_ignores_are_comments(repo, cli):
    """REVIEW-E161, adversarial (logrus `5ac90e1` removed the `// +build` lines left beside
    `//go:build`, which Go 1.17 on ignores): those lines removed or changed are formatting
    only, as is a constraint below the package clause, which no toolchain reads."""
    late = BSD.replace("func isTerminal", "//go:build linux\n// +build linux\nfunc isTerminal")
    repo.commit("base", {"specs/term.md": SPEC, "term_bsd.go": late})
    edits = (
        ("// +build darwin freebsd\n", ""),
        ("+build darwin freebsd", "+build darwin freebsd hurd"),
        ("//go:build linux\n", "//go:build hurd\n"),
        ("// +build linux\n", ""),
    )
    for old, new in edits:
        found = _staged(repo, cli, {"term_bsd.go": late.replace(old, new)})
        assert found == (False, [], ["term_bsd.go"], []), old
        repo.commit("back", {"term_bsd.go": late})


def test_a_directive_changed_is_code_no_question_asks_about(repo, cli):
    """REVIEW-E161: `//go:embed` (what the binary holds) and `//go:generate` (what is
    generated) changed with no reference above them: no file is formatting only, and the
    hunks are listed as code a spec governs that no question asks about."""
    repo.commit("base", {"specs/term.md": SPEC, "embed.go": EMBED})
    for old, new in (("default.tmpl", "other.tmpl"), ("-type=Level", "-type=Level,Fields")):
        found = _staged(repo, cli, {"embed.go": EMBED.replace(old, new)})
        assert found == (False, [], [], ["embed.go"]), new
        repo.commit("back", {"embed.go": EMBED})


def test_comments_that_look_like_directives_stay_comments(repo, cli):
    """REVIEW-E161, adversarial: `// go build it` and `// go:build linux` (a space after `//`,
    which the toolchain ignores) are comments: changed under `// TERM-1` they are formatting
    only, and the hook is silent."""
    spaced = BSD.replace("with the BSD tags.", "with the BSD tags.\n// go:build linux")
    repo.commit("base", {"specs/term.md": SPEC, "term_bsd.go": spaced})
    edits = (("go build it", "go build it and vet it"), ("// go:build linux", "// go:build hurd"))
    for old, new in edits:
        found = _staged(repo, cli, {"term_bsd.go": spaced.replace(old, new)})
        assert found == (False, [], ["term_bsd.go"], []), new
        repo.commit("back", {"term_bsd.go": spaced})


def test_a_build_constraint_in_a_file_too_large_to_mask_is_code(repo, cli):
    """REVIEW-E161: a Go file over 256 KB is compared by its hunks' own lines (no masked side):
    its `//go:build` line changed is still a change, its plain comment changed is not."""
    big = BSD + "".join(f"// padding line {i:06d} of a generated table\n" for i in range(7000))
    repo.commit("base", {"specs/term.md": SPEC, "term_bsd.go": big})
    found = _staged(
        repo, cli, {"term_bsd.go": big.replace("freebsd\n// +build", "hurd\n// +build")}
    )
    assert found[2] == [] and found[1] == ["TERM-1"], found
    repo.commit("back", {"term_bsd.go": big})
    found = _staged(repo, cli, {"term_bsd.go": big.replace("go build it", "go vet it")})
    assert found[2] == ["term_bsd.go"], found
