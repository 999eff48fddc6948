"""REVIEW-E255: a question that only hunks the review is unsure of raise (REVIEW-E28: the same
if the values hold what the formats expect) ranks below every question with evidence of a
change and takes no place of the budget from them; through the CLI on real repositories."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: MX
scope:
  - pkg/**
---
# MX

## Context
- `check_mx()` in `pkg/mx.py` looks up the MX records.

## Requirements
- MX-1: A domain whose only MX is the null MX raises `UndeliverableError` ("does not accept email").
- MX-2: A local part matching `DOT_ATOM` is returned unchanged.
"""

PADDING = "\n".join(f"STEP{n} = {n}" for n in range(8))  # apart: two hunks

SOURCE = f"""import re

DOT_ATOM = re.compile(r"[a-z]+(\\.[a-z]+)*\\Z")


class UndeliverableError(ValueError):
    pass


def check_mx(domain, mtas):
    if len(mtas) == 0:
        raise UndeliverableError("The domain name %s does not accept email." % domain)
    return mtas


{PADDING}


def check_local(local):
    m = DOT_ATOM.match(local)
    if m:
        return local
    raise ValueError("bad")
"""

FSTRING = SOURCE.replace(
    '("The domain name %s does not accept email." % domain)',
    '(f"The domain name {domain} does not accept email.")',
)
REAL = FSTRING.replace("m = DOT_ATOM.match(local)", "m = DOT_ATOM.fullmatch(local.lower())")


def _ids(questions: list[dict]) -> list[str]:
    return [q["statement"]["id"] for q in questions]


def test_an_unsure_question_ranks_below_the_real_change(repo, cli):
    """REVIEW-E255 (JoshData/python-email-validator 1e3eeea): `"..." % domain` written as an
    f-string asked MX-1 first, though the review adds "It changes nothing if `domain` holds no
    tuple"; the real change of the same commit comes first now, and the unsure one stays
    shown, marked with what it assumes, after it."""
    repo.commit("base", {"specs/mx.md": SPEC, "pkg/mx.py": SOURCE})
    repo.commit("f-string and fullmatch", {"pkg/mx.py": REAL})
    questions = review_json(cli, "HEAD")["questions"]
    assert _ids(questions)[0] == "MX-2" and "assumes" not in questions[0]
    unsure = [q for q in questions if "assumes" in q]
    assert unsure, "still shown when the budget has room"
    assert questions.index(unsure[0]) > max(
        i for i, q in enumerate(questions) if "assumes" not in q
    )
    assert {"value": "domain", "expects": "holds no tuple"} in unsure[0]["assumes"]


def test_an_unsure_question_takes_no_place_of_the_budget(repo, cli):
    """REVIEW-E255: with one question to show, the real change's is shown and the unsure one
    is counted among those not shown."""
    config = "[tool.specflow.review]\nmax_questions = 1\n"
    repo.commit("base", {"specs/mx.md": SPEC, "pkg/mx.py": SOURCE, "pyproject.toml": config})
    repo.commit("f-string and fullmatch", {"pkg/mx.py": REAL})
    data = review_json(cli, "HEAD")
    assert _ids(data["questions"]) == ["MX-2"]
    assert data["questions_not_shown"] >= 1


def test_an_unsure_rewrite_alone_still_asks(repo, cli):
    """REVIEW-E255 keeps REVIEW-E28: the f-string alone is still asked, once, with its check."""
    repo.commit("base", {"specs/mx.md": SPEC, "pkg/mx.py": SOURCE})
    repo.commit("f-string", {"pkg/mx.py": FSTRING})
    questions = review_json(cli, "HEAD")["questions"]
    assert _ids(questions)[:1] == ["MX-1"]
    assert all("assumes" in q for q in questions)


def test_a_message_that_changes_with_its_format_is_a_real_change(repo, cli):
    """REVIEW-E255, adversarial: the same-looking rewrite that also changes the message's
    words is no unsure hunk; it keeps its rank by its evidence, above the weaker link."""
    changed = REAL.replace(
        'f"The domain name {domain} does not accept email."',
        'f"The domain {domain} accepts no email."',
    )
    repo.commit("base", {"specs/mx.md": SPEC, "pkg/mx.py": SOURCE})
    repo.commit("new message and fullmatch", {"pkg/mx.py": changed})
    questions = review_json(cli, "HEAD")["questions"]
    assert all("assumes" not in q for q in questions)
    assert "MX-1" in _ids(questions)
