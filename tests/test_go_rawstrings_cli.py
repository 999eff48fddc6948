"""REVIEW-E320, REVIEW-E321, REVIEW-E322 through the CLI on real repositories (spf13/cobra
`c6b9971`, `d4040ad`, `3daa4b9`): a shell script inside a Go raw string is text, so a hunk inside
it lies in the Go function that returns it; a name a format verb is glued into (`__%[1]s_debug`)
names no `s_debug`; a constant added to a type's `iota` block is that type's."""

from __future__ import annotations

from testing.util import review_json

PS_SPEC = """---
id: PS
scope: [ps.go]
---
# PowerShell script

## Context
- `genPS()` writes the PowerShell completion script.

## Requirements
- PS-1: A single completion is still shown.
"""

PS = """package ps

import "fmt"

func genPS(name string) string {
\treturn fmt.Sprintf(`# powershell completion for %[1]s
function __%[1]s_debug {
    if ($env:BASH_COMP_DEBUG_FILE) {
        "$args" | Out-File -Append -FilePath "$env:BASH_COMP_DEBUG_FILE"
    }
}

Register-ArgumentCompleter -CommandName '%[1]s' -ScriptBlock {
    $Out = & $Program __complete $Arguments
    $Values = $Out | ForEach-Object {
        $_
    }
    $Values
}
`, name)
}
"""


def _asked(repo, cli, spec: str, path: str, base: str, old: str, new: str) -> dict:
    repo.commit("base", {"specs/s.md": spec, path: base})
    assert old in base
    repo.commit("change the script", {path: base.replace(old, new)})
    return review_json(cli, "HEAD", "--all")


def test_a_hunk_inside_a_raw_string_lies_in_the_go_function_around_it(repo, cli):
    """REVIEW-E320 (cobra `c6b9971`: `[Array]$Values` in genPowerShellComp's script asked
    nothing): the script's `function __%[1]s_debug {` defines nothing, so the hunk is
    `genPS()`'s and the Context line naming it is asked; `context` lists no name `__`."""
    data = _asked(
        repo, cli, PS_SPEC, "ps.go", PS, "    $Values = $Out", "    [Array]$Values = $Out"
    )
    asked = [(q["statement"]["text"], q["evidence"]["kind"]) for q in data["questions"]]
    assert asked == [("`genPS()` writes the PowerShell completion script.", "enclosing")]
    assert [q["acts"][0]["name"] for q in data["questions"]] == ["genPS"]
    assert data["unasked"] == []
    listed = cli("context", "ps.go").out
    assert "`genPS`" in listed
    assert "`__`" not in listed


def test_a_raw_string_joined_with_a_quoted_one_at_a_line_start_is_still_inside(repo, cli):
    """REVIEW-E320 (cobra `c6b9971`: ``+"...`..."+` `` at column 0 inside the script): a line
    of the script below such a join is still `genPS()`'s, by the braces around it."""
    joined = "    $Out = & $Program __complete $Arguments\n`+\"    $_ -replace '`'\"+`\n"
    base = PS.replace("    $Out = & $Program __complete $Arguments\n", joined)
    data = _asked(
        repo, cli, PS_SPEC, "ps.go", base, "    $Values = $Out", "    [Array]$Values = $Out"
    )
    assert [q["acts"][0]["name"] for q in data["questions"]] == ["genPS"]
    assert data["unasked"] == []


def test_a_go_function_the_script_only_mentions_is_not_the_one_around(repo, cli):
    """REVIEW-E320, adversarial: a real Go function defined after the raw string still holds
    its own hunks, and a hunk of Go code below the string inside `genPS` is still `genPS`'s."""
    base = PS.replace("`, name)\n}\n", '`, name)\n}\n\nfunc genOther() string {\n\treturn "a"\n}\n')
    base = base.replace("\treturn fmt.Sprintf(`#", '\tname = name + ""\n\treturn fmt.Sprintf(`#')
    spec = PS_SPEC.replace("completion script.", "completion script.\n- `genOther()` says a.")
    data = _asked(repo, cli, spec, "ps.go", base, '\treturn "a"', '\treturn "b"')
    assert [q["acts"][0]["name"] for q in data["questions"]] == ["genOther"]


def test_a_raw_string_at_the_top_level_names_no_function(repo, cli):
    """REVIEW-E320: a script held by a package-level `var` has no Go function around it, and
    git's header (`function __%[1]s_debug {`, the script's line) names none either."""
    base = (
        "package ps\n\nvar script = `\nfunction __%[1]s_debug {\n    one\n    two\n"
        "    three\n    four\n}\n`\n\nfunc genPS() string {\n\treturn script\n}\n"
    )
    data = _asked(repo, cli, PS_SPEC, "ps.go", base, "    four", "    five")
    assert all(q["acts"][0]["name"] != "__" for q in data["questions"])
    assert "`__`" not in cli("context", "ps.go").out


SH_SPEC = """---
id: SH
scope: [bash.go]
---
# Bash script

## Context
- `genBash()` writes the bash script.
- Each script logs through `__%[1]s_debug` to `BASH_COMP_DEBUG_FILE`.

## Requirements
- SH-1: Choices are filtered by the word being completed.
"""

BASH = """package sh

import "fmt"

func genBash(name string) string {
\treturn fmt.Sprintf(`# bash completion for %[1]s
__%[1]s_debug()
{
    if [[ -n ${BASH_COMP_DEBUG_FILE:-} ]]; then
        echo "$*" >> "${BASH_COMP_DEBUG_FILE}"
    fi
}

__%[1]s_get_completion_results() {
    out=$(eval "${requestComp}" 2>/dev/null)
    __%[1]s_debug "The completions are: ${out[*]}"
}
`, name)
}
"""


def test_a_name_a_format_verb_is_glued_into_is_no_name(repo, cli):
    """REVIEW-E321 (cobra `4f0facb`, `09d6ba6`: `__%[1]s_debug` read as `s_debug`): the logged
    text changed inside genBash's script asks genBash's Context line, not the line naming the
    logger by `s_debug`."""
    data = _asked(repo, cli, SH_SPEC, "bash.go", BASH, "${out[*]}", "${out}")
    asked = [q["statement"]["text"] for q in data["questions"]]
    assert asked == ["`genBash()` writes the bash script."]
    assert all("s_debug" not in q["evidence"]["names"] for q in data["questions"])


def test_a_modulo_glued_to_names_is_still_code(repo, cli):
    """REVIEW-E321, adversarial: `n%size` is code (a modulo, no verb between underscores, no
    `[1]` index): a statement naming `size` is still linked by its name."""
    spec = SH_SPEC.replace("- SH-1:", "- SH-2: `size` bounds the ring.\n- SH-1:")
    base = "package sh\n\nfunc slot(n, size int) int {\n\treturn n%size\n}\n"
    data = _asked(repo, cli, spec, "bash.go", base, "n%size", "(n+1)%size")
    assert "SH-2" in [q["statement"].get("id") for q in data["questions"]]


DIR_SPEC = """---
id: DIR
scope: [dir.go]
---
# Directives

## Context
- `ShellCompDirective` is a bit map (`ShellCompDirectiveError`, `NoSpace`), printed as `:<n>`.

## Requirements
- DIR-1: The directive is printed last.
"""

DIR = """package dir

type ShellCompDirective int

const (
\t// ShellCompDirectiveError indicates an error occurred.
\tShellCompDirectiveError ShellCompDirective = 1 << iota

\t// ShellCompDirectiveNoSpace indicates no space after the completion.
\tShellCompDirectiveNoSpace
)

const (
\tlimit = 3
\tother = 4
)
"""


def test_a_constant_added_to_an_iota_block_is_its_types(repo, cli):
    """REVIEW-E322 (cobra `3daa4b9`: ShellCompDirectiveKeepOrder added, unasked): the hunk
    lies in `ShellCompDirective`'s iota block, so the Context line naming the type is asked
    by the definition around it."""
    new = "\tShellCompDirectiveNoSpace\n\n\t// KeepOrder keeps it.\n\tShellCompDirectiveKeepOrder\n"
    data = _asked(repo, cli, DIR_SPEC, "dir.go", DIR, "\tShellCompDirectiveNoSpace\n", new)
    asked = [(q["statement"]["kind"], q["evidence"]["kind"]) for q in data["questions"]]
    assert asked == [("context", "enclosing")]
    assert data["questions"][0]["acts"][0]["name"] == "ShellCompDirective"


def test_a_constant_of_an_untyped_block_names_no_type(repo, cli):
    """REVIEW-E322, adversarial: a `const (` block without a typed `iota` first constant
    belongs to no type: a value changed there is not `ShellCompDirective`'s."""
    data = _asked(repo, cli, DIR_SPEC, "dir.go", DIR, "\tother = 4", "\tother = 5")
    names = [q["acts"][0]["name"] for q in data["questions"]]
    assert "ShellCompDirective" not in names


def test_a_constant_removed_from_an_iota_block_is_not_its_types(repo, cli):
    """REVIEW-E322, narrowed (logrus `6e7492d`: `unknownLevel` removed from Level's block asked
    a Context line naming `Level` in passing): a hunk that only removes adds no value."""
    removed = DIR.replace(
        "\t// ShellCompDirectiveNoSpace indicates no space after the completion.\n", ""
    )
    data = _asked(repo, cli, DIR_SPEC, "dir.go", removed, "\tShellCompDirectiveNoSpace\n", "")
    assert all(q["evidence"]["kind"] != "enclosing" for q in data["questions"])
