"""REVIEW-E163 through the CLI on real repositories (the logrus trial's aa4a8e6, gofumpt): a
Go declaration group `var ( std = New() )` and the declarations it holds, `var std = New()`,
spell the same code: ungrouping or grouping them is formatting for the review and the hook. A
value changed on the way, or a `const` group whose values depend on it (`iota`), is not."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: STD
scope: ["*.go"]
---
# The standard logger

## Context
- `StandardLogger()` returns `std`, the package's logger.

## Requirements
- STD-1: The package-level functions log through `std`.
"""

GROUPED = """package logrus

// STD-1: the standard logger.
var (
\t// std is the standard logger
\tstd = New()
)

const (
\tminLevel = 0
\tmaxLevel = 6
)

func StandardLogger() *Logger { return std }
"""

UNGROUPED = """package logrus

// STD-1: the standard logger.
// std is the standard logger
var std = New()

const minLevel = 0
const maxLevel = 6

func StandardLogger() *Logger { return std }
"""


def _judged(repo, cli, text: str) -> tuple[bool, list[str], list[str], list[str]]:
    """Whether the hook warns of STD-1 when `text` is staged as exported.go; then, committed,
    what the review calls formatting only, what it asks, and the names it ripples from."""
    repo.stage({"exported.go": text})
    warned = "touched-requirement" in cli("check", "--staged").out
    repo.git("commit", "-q", "--no-verify", "-m", "gofumpt")
    data = review_json(cli, "HEAD")
    asked = [q["statement"].get("id", "") for q in data["questions"]]
    return warned, data["noop_files"], asked, [r["symbol"]["name"] for r in data["ripples"]]


def test_a_declaration_group_ungrouped_or_grouped_is_formatting(repo, cli):
    """REVIEW-E163 (logrus `aa4a8e6`: "`std` is no longer written ... who writes it now?"):
    `var ( std = New() )` written `var std = New()`, and a `const` group of plain values
    split in two, are formatting only, and back again; the hook is silent under `// STD-1`."""
    repo.commit("base", {"specs/std.md": SPEC, "exported.go": GROUPED})
    assert _judged(repo, cli, UNGROUPED) == (False, ["exported.go"], [], [])
    assert _judged(repo, cli, GROUPED) == (False, ["exported.go"], [], [])


def test_a_value_changed_while_regrouping_asks(repo, cli):
    """REVIEW-E163, adversarial: ungrouped with another value (`NewWithHooks()`), the change
    asks STD-1 and the hook warns; `const ( a = iota; b = iota )` split in two changes `b`
    from 1 to 0, and is no formatting either."""
    repo.commit("base", {"specs/std.md": SPEC, "exported.go": GROUPED})
    warned, noop, asked, rippled = _judged(
        repo, cli, UNGROUPED.replace("std = New()", "std = NewWithHooks()")
    )
    assert (warned, noop, "STD-1" in asked, rippled) == (True, [], True, ["std"])
    iota = GROUPED.replace("minLevel = 0", "minLevel = iota").replace(
        "maxLevel = 6", "maxLevel = iota"
    )
    repo.commit("iota", {"exported.go": iota})
    split = iota.replace(
        "const (\n\tminLevel = iota\n\tmaxLevel = iota\n)",
        "const minLevel = iota\nconst maxLevel = iota",
    )
    assert split != iota
    assert _judged(repo, cli, split)[:2] == (True, [])
