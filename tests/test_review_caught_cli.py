"""REVIEW-E164: a builtin exception an `except` clause catches names no statement, through the
CLI on real repositories (the werkzeug trial's f516c400: `except (ValueError, TypeError):`)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: DS
scope: [pkg/**]
---
# Structures

## Requirements
- DS-1: Immutable structures raise `TypeError` on any change.
- DS-2: `parse_int()` raises `ParseError` for a value that is no number.
"""
BASE = """class ParseError(Exception):
    pass


def parse_int(value):
    return int(value)


def to_int(value, default):
    try:
        return int(value)
    except ValueError:
        return default
"""


def asked(cli) -> dict[str, str]:  # type: ignore[no-untyped-def]
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return {q["statement"].get("id"): q["evidence"]["kind"] for q in questions}


def test_catching_a_builtin_exception_does_not_name_the_statement_raising_it(repo, cli):
    """REVIEW-E164: `to_int` now also catches `TypeError` (of `int(None)`): DS-1 says
    immutable structures raise it, which this hunk neither does nor changes."""
    repo.commit("base", {"specs/ds.md": SPEC, "pkg/conv.py": BASE})
    caught = BASE.replace("except ValueError:", "except (ValueError, TypeError):")
    repo.commit("to_int: None is the default too", {"pkg/conv.py": caught})
    assert "DS-1" not in asked(cli)


def test_raising_it_still_names_the_statement(repo, cli):
    """REVIEW-E164 drops the caught names only: a hunk that raises `TypeError` is asked DS-1."""
    repo.commit("base", {"specs/ds.md": SPEC, "pkg/conv.py": BASE})
    raised = BASE.replace("        return default\n", "        raise TypeError(value)\n")
    repo.commit("to_int: refuse", {"pkg/conv.py": raised})
    assert asked(cli).get("DS-1") == "identifier"


def test_catching_the_projects_own_exception_still_names_it(repo, cli):
    """REVIEW-E164: the project's own `ParseError` is no builtin: a clause that starts or
    stops catching it changes what `parse_int()`'s callers see, and DS-2 is asked."""
    repo.commit("base", {"specs/ds.md": SPEC, "pkg/conv.py": BASE})
    caught = BASE.replace("except ValueError:", "except (ValueError, ParseError):")
    repo.commit("to_int: parse errors too", {"pkg/conv.py": caught})
    assert asked(cli).get("DS-2") == "identifier"


def test_a_clause_that_converts_the_exception_still_names_it(repo, cli):
    """REVIEW-E164, measured on the histories: idna b0d8f3c4 added `except ValueError:` that
    raises `IDNAError`, and IDNA-E4 says "raises `IDNAError` ..., not `ValueError`": a hunk
    that raises speaks of the exceptions it catches, and DS-1 is asked by `TypeError`."""
    repo.commit("base", {"specs/ds.md": SPEC, "pkg/conv.py": BASE})
    converted = BASE.replace("except ValueError:", "except (ValueError, TypeError):")
    converted = converted.replace("        return default\n", "        raise ParseError(value)\n")
    repo.commit("to_int: one error", {"pkg/conv.py": converted})
    assert "DS-1" in asked(cli)
