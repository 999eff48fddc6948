"""REVIEW-E323, REVIEW-E324 through the CLI on real repositories (spf13/cobra `25f5bb5`:
`strings.Replace(..., -1)` written `strings.ReplaceAll` asked a question on a no-op; `0745e55`:
the type assertion `flag.Value.(SliceValue)` shown as a call of `flag.Value.`)."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: FISH
scope: [fish.go]
---
# Fish script

## Context
- `genFishComp()` writes the fish script; variables use the program name with `-` replaced.

## Requirements
- FISH-1: Program names containing `-` work.
"""

FISH = """package fish

import (
\t"bytes"
\t"strings"
)

// FISH-1: dashes replaced.
func genFishComp(name string, raw []byte) string {
\tnameForVar := strings.Replace(name, "-", "_", -1)
\tnameForVar = strings.Replace(nameForVar, ":", strings.Repeat("_", 1), -1)
\traw = bytes.Replace(raw, []byte("a"), []byte("b"), -1)
\treturn nameForVar + string(raw)
}
"""


def _judged(repo, cli, base: str, *pairs: str) -> tuple[bool, list[str], list[str]]:
    """Whether the hook warns of FISH-1 with the pairs (old, new) replaced in `base`; then,
    committed, what the review calls formatting only and what it asks."""
    repo.commit("base", {"specs/fish.md": SPEC, "fish.go": base})
    text = base
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in text
        text = text.replace(old, new)
    repo.stage({"fish.go": text})
    warned = "touched-requirement" in cli("check", "--staged").out
    repo.git("commit", "-q", "--no-verify", "-m", "Prefer ReplaceAll")
    data = review_json(cli, "HEAD", "--all")
    return warned, data["noop_files"], [q["statement"]["text"] for q in data["questions"]]


def test_replace_of_every_match_written_replace_all_is_formatting(repo, cli):
    """REVIEW-E323 (cobra `25f5bb5`): `strings.Replace(s, a, b, -1)` and `bytes.Replace` with
    `-1` written `ReplaceAll(s, a, b)`, a call among the arguments, is no change."""
    warned, noop, asked = _judged(
        repo,
        cli,
        FISH,
        'strings.Replace(name, "-", "_", -1)',
        'strings.ReplaceAll(name, "-", "_")',
        'strings.Replace(nameForVar, ":", strings.Repeat("_", 1), -1)',
        'strings.ReplaceAll(nameForVar, ":", strings.Repeat("_", 1))',
        'bytes.Replace(raw, []byte("a"), []byte("b"), -1)',
        'bytes.ReplaceAll(raw, []byte("a"), []byte("b"))',
    )
    assert (warned, noop, asked) == (False, ["fish.go"], [])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"_", -1)\n\tnameForVar', '"_", 1)\n\tnameForVar'),
        ('"_", -1)\n\tnameForVar', '"_", len(name))\n\tnameForVar'),
        ('"-", "_", -1)', '"-", ".", -1)'),
    ],
)
def test_replace_of_a_count_written_replace_all_still_asks(repo, cli, old, new):
    """REVIEW-E323, adversarial: a count other than -1 (`1`, `len(name)`) replaces only that
    many, and another argument changed with it replaces something else: written `ReplaceAll`,
    the hook warns and the review asks."""
    base = FISH.replace(old, new)
    start = base.index("strings.Replace(name")
    replaced = base[start : base.index("\n", start)]
    warned, noop, asked = _judged(repo, cli, base, replaced, 'strings.ReplaceAll(name, "-", "_")')
    assert warned and noop == [] and asked


def test_a_type_assertion_is_no_call_in_the_evidence(repo, cli):
    """REVIEW-E324 (cobra `0745e55`): `_, multi := flag.Value.(SliceValue)` writes `multi`
    with nothing: an assertion calls no `flag.Value.`."""
    spec = SPEC.replace(
        "- FISH-1:", "- FISH-2: `multi` says a flag takes several values.\n- FISH-1:"
    )
    base = FISH.replace("\treturn nameForVar", "\tmulti := false\n\t_ = multi\n\treturn nameForVar")
    repo.commit("base", {"specs/fish.md": spec, "fish.go": base})
    new = "\t_, multi := flag.Value.(SliceValue)\n"
    repo.commit("assert", {"fish.go": base.replace("\tmulti := false\n", new)})
    data = review_json(cli, "HEAD", "--all")
    acts = [act for q in data["questions"] for act in q["acts"] if act["name"] == "multi"]
    assert acts
    assert {act["using"] for act in acts} == {""}
