"""REVIEW-E197 through the CLI on real repositories (the agronholm/cbor2 trial, `4839594`): a
number a statement states ("below 20") that a hunk's code stops writing (`< 20` made `< 24`)
links the hunk to that statement, in the scope of the statement's spec. Numbers are still no
words: a number the hunk keeps, a one-digit one, one in a string or a comment, and another
spec's statement outside the file's scope are not linked by it."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

ENC = """---
id: ENC
scope: [enc.py]
---
# Encoder

## Context
- `dumps()` returns the bytes of one item.

## Requirements
- ENC-1: A simple item below 20 takes one byte; any other takes two.
- ENC-2: Lists are written with their length first.

## Edge Cases
- ENC-E1: An item below 5 is never padded.
"""

OTHER = """---
id: DEC
scope: [dec.py]
---
# Decoder

## Requirements
- DEC-1: Tags below 5 or at 20 and above are reserved.
"""

CODE = """def simple(out, n):
    if n < 20:
        out.append(n)
    else:
        out.extend([248, n])
    return out


def small(out, n):
    if n < 5:
        out.append(n)
    return out


def message(n):
    return "at most 20" if n else 0
"""


def _asked(data: dict[str, Any]) -> list[str]:
    return [q["statement"]["id"] or q["statement"]["text"][:12] for q in data["questions"]]


def _reviewed(repo, cli, old: str, new: str) -> list[str]:
    assert old in CODE
    repo.commit("change", {"enc.py": CODE.replace(old, new, 1)})
    asked = _asked(review_json(cli, "HEAD", "--all"))
    repo.commit("back", {"enc.py": CODE})
    return asked


def _base(repo) -> None:
    repo.commit("base", {"specs/enc.md": ENC, "specs/dec.md": OTHER, "enc.py": CODE})


def test_a_stated_number_the_code_stops_writing_asks_its_statement(repo, cli):
    """REVIEW-E197 (agronholm/cbor2 `4839594`: `if value.value < 20:` made `< 24`, and ENC-7,
    "A simple value below 20 is one byte", was not asked): the hunk drops `20`, which ENC-1
    states; DEC-1 states it too, but its spec does not govern enc.py."""
    _base(repo)
    asked = _reviewed(repo, cli, "    if n < 20:\n", "    if n < 24:\n")
    assert "ENC-1" in asked
    assert "DEC-1" not in asked


def test_a_kept_a_one_digit_or_a_quoted_number_asks_nothing_by_it(repo, cli):
    """REVIEW-E197, adversarial: `20` kept on the added side (`n < 20` made `20 > n`), made a
    constant (`n < SIMPLE`, which may hold 20: mux's `301` made `http.StatusMovedPermanently`),
    `5` dropped (one digit: in every function), and `20` dropped from a string or a comment
    link no statement by the number."""
    _base(repo)
    assert "ENC-1" not in _reviewed(repo, cli, "    if n < 20:\n", "    if 20 > n:\n")
    assert "ENC-1" not in _reviewed(repo, cli, "    if n < 20:\n", "    if n < SIMPLE:\n")
    assert "ENC-E1" not in _reviewed(repo, cli, "    if n < 5:\n", "    if n < 6:\n")
    assert "ENC-1" not in _reviewed(repo, cli, '"at most 20"', '"at most 24"')
    commented = '    return "at most 20" if n else 0  # 20\n'
    repo.commit(
        "comment", {"enc.py": CODE.replace('    return "at most 20" if n else 0\n', commented)}
    )
    repo.commit(
        "uncomment",
        {
            "enc.py": CODE.replace(
                '    return "at most 20" if n else 0\n', commented.replace("# 20", "# 24")
            )
        },
    )
    assert "ENC-1" not in _asked(review_json(cli, "HEAD", "--all"))
