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


def test_a_hunk_naming_the_id_is_told_the_stated_number_it_stops_writing(repo, cli):
    """REVIEW-E386 (the path-to-regexp trial's new user, session 32: `combinations >= 256` made
    `>= 512` under `// PATH-MATCHING-3`, whose text says "More than 256 ..."; the question said
    only "it names PATH-MATCHING-3"): the ID stays the evidence, and the number it stops writing
    is told beside it, in the text, the Markdown comment and the JSON."""
    _base(repo)
    repo.commit("change", {"enc.py": CODE.replace("    if n < 20:\n", "    if n < 24:  # ENC-1\n")})
    question = next(
        q for q in review_json(cli, "HEAD")["questions"] if q["statement"]["id"] == "ENC-1"
    )
    assert question["evidence"]["kind"] == "reference"
    assert question["evidence"]["names"] == ["ENC-1", "20"], question
    text = cli("review", "HEAD").out
    assert "it names ENC-1; it stops writing `20`, which the statement states" in text, text
    comment = cli("comment", "HEAD").out
    assert "names ENC-1; stops writing 20, which the statement states" in comment, comment


def test_a_hunk_naming_the_id_and_keeping_the_number_is_told_the_id_alone(repo, cli):
    """REVIEW-E386, adversarial: `20` kept on the added side is no number it stops writing."""
    _base(repo)
    repo.commit("change", {"enc.py": CODE.replace("    if n < 20:\n", "    if 20 > n:  # ENC-1\n")})
    question = next(
        q for q in review_json(cli, "HEAD")["questions"] if q["statement"]["id"] == "ENC-1"
    )
    assert question["evidence"]["names"] == ["ENC-1"], question
