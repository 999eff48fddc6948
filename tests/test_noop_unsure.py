"""REVIEW-E28: a hunk that is the same only if the values of its `%` formats hold what the
formats expect (ruff's unsafe UP031) asks once per file, naming what to check; judged on source
pairs, then through the CLI on real repositories."""

from __future__ import annotations

from specflow.languages.pyblocks import sides_lines
from specflow.languages.pysource import parse_touched
from specflow.noop import python_hunks
from test_noop import function, hunks_of, noop
from testing.util import review_json


def unsure(old: str, new: str) -> list[tuple[tuple[str, str], ...] | None]:
    """For each hunk from `old` to `new`: what it takes for granted, or None when it is a
    change (or no change at all)."""
    hunks = hunks_of(old, new)
    cut_old = sorted({n for hunk in hunks for n in sides_lines(hunk)[0]})
    cut_new = sorted({n for hunk in hunks for n in sides_lines(hunk)[1]})
    old_tree = parse_touched(old.encode(), cut_old)
    new_tree = parse_touched(new.encode(), cut_new)
    _, found = python_hunks(hunks, old_tree, new_tree, (old.encode(), new.encode()))
    return [found.get(index) for index in range(len(hunks))]


def one_line(old: str, new: str) -> tuple[tuple[str, str], ...] | None:
    before = function(f"prefix = 1\nvalue = {old}\nreturn value")
    return unsure(before, before.replace(f"value = {old}", f"value = {new}"))[0]


TUPLE = "holds no tuple"
INT = "is a plain int (not a float, a bool or an enum)"
NUMBER = "is a plain float or int (not a Decimal or an enum)"


def test_a_rewrite_ruff_calls_unsafe_names_what_it_takes_for_granted() -> None:
    """REVIEW-E28: a name after `%` may hold a tuple, `%d` truncates a float and prints a bool
    as 1, `%.2f` converts a Decimal to float first."""
    assert one_line("'%s' % name", 'f"{name}"') == (("name", TUPLE),)
    assert one_line("'%s' % self.opaque", 'f"{self.opaque}"') == (("self.opaque", TUPLE),)
    assert one_line("'%d items' % (n,)", 'f"{n} items"') == (("n", INT),)
    assert one_line("'%05d' % (n,)", 'f"{n:05d}"') == (("n", INT),)
    assert one_line("'%.2f' % (price,)", 'f"{price:.2f}"') == (("price", NUMBER),)
    assert one_line("'%d%s' % (value, t[0])", 'f"{value}{t[0]}"') == (("value", INT),)


PLAIN = "is plain (its `!=` is the negation of `==`)"
NONE = "equals None only when it is None"


def test_ruffs_unsafe_comparison_rewrites_name_what_they_take_for_granted() -> None:
    """REVIEW-E28: SIM201 and SIM202 (`not a == b` to `a != b`; an object's `==` and `!=` may
    disagree), E711 (`x == None` to `x is None`; an `__eq__` may say a value equals None);
    the other operator, a chained comparison, or another value stay changes."""
    assert one_line("not a == b", "a != b") == (("a == b", PLAIN),)
    assert one_line("not a != b", "a == b") == (("a != b", PLAIN),)
    assert one_line("value == None", "value is None") == (("value", NONE),)
    assert one_line("self.x != None", "self.x is not None") == (("self.x", NONE),)
    assert one_line("not a == b", "a == b") is None
    assert one_line("value == None", "value is not None") is None
    assert one_line("not a == b == c", "a != b == c") is None
    assert one_line("value == None", "other is None") is None


def test_a_real_change_beside_the_rewrite_is_a_change() -> None:
    """REVIEW-E28: other text, another value, another width, `%d` with a precision, `%5s`:
    changes, whatever the values hold."""
    assert one_line("'%s' % name", 'f"{name}!"') is None
    assert one_line("'%s' % name", 'f"{other}"') is None
    assert one_line("'%05d' % (n,)", 'f"{n:5d}"') is None
    assert one_line("'%.3d' % (n,)", 'f"{n}"') is None
    assert one_line("'%5s' % name", 'f"{name:>5}"') is None


def test_a_rewrite_that_is_surely_the_same_is_silent_not_unsure() -> None:
    """REVIEW-E9, REVIEW-E28: a tuple of values formatted `%s`, and a string literal formatted
    alone (`"%s:%s" % (nonce, "auth")` is `f"{nonce}:auth"`), are no change at all."""
    before = function("prefix = 1\nvalue = '%s:%s:%s' % (nonce, 'auth', HA2)\nreturn value")
    after = before.replace("'%s:%s:%s' % (nonce, 'auth', HA2)", 'f"{nonce}:auth:{HA2}"')
    assert noop(before, after) == [True]
    assert unsure(before, after) == [None]
    assert noop(before, before.replace("'auth', HA2", "'auth-int', HA2")) == [False]


def test_only_the_formats_on_changed_lines_are_named() -> None:
    """REVIEW-E28: an untouched `'%s' % other` in the same statements is not something the
    change takes for granted."""
    before = function("head = '%s' % other\nvalue = '%s' % name\nreturn head + value")
    after = before.replace("value = '%s' % name", 'value = f"{name}"')
    assert unsure(before, after) == [(("name", TUPLE),)]


SPEC = """---
id: DIGEST
scope: [auth.py]
---
# Digest authentication

## Context
- `build_digest_header` writes the `opaque` and `algorithm` the server sent back into the header.

## Requirements
- DIGEST-1: The header sends `opaque` back when the challenge has one.
- DIGEST-2: The header names the `algorithm` of the challenge.
- DIGEST-3: The `nonce_count` is written as `nc`, eight digits wide.
"""

PADDING = "".join(f"    step{n} = {n}\n" for n in range(8))

AUTH = f"""def build_digest_header(chal, base, nonce_count):
    opaque = chal.get("opaque")
    algorithm = chal.get("algorithm")
    if opaque:
        base += ', opaque="%s"' % opaque
{PADDING}    if algorithm:
        base += ', algorithm="%s"' % algorithm
{PADDING}    base += ", nc=%08d" % nonce_count
    return base
"""


def rewritten(count_spec: str) -> str:
    """AUTH with its three `%` formats written as f-strings, the count's with `count_spec`."""
    return (
        AUTH.replace("""', opaque="%s"' % opaque""", """f', opaque="{opaque}"'""")
        .replace("""', algorithm="%s"' % algorithm""", """f', algorithm="{algorithm}"'""")
        .replace('", nc=%08d" % nonce_count', f'f", nc={{nonce_count:{count_spec}}}"')
    )


def test_a_file_whose_rewrites_are_unsure_asks_once_and_says_what_to_check(repo, cli):
    """REVIEW-E28 through the CLI: three hunks rewrite `%` formats of names as f-strings. One
    question for the file instead of one per statement, listing what each value must hold, in
    the text, the Markdown and the JSON (valid against the schema)."""
    repo.commit("base", {"specs/digest.md": SPEC, "auth.py": AUTH})
    repo.commit("f-strings", {"auth.py": rewritten("08d")})
    questions = review_json(cli, "HEAD")["questions"]
    assert len(questions) == 1
    assert questions[0]["assumes"] == [
        {"value": "opaque", "expects": TUPLE},
        {"value": "algorithm", "expects": TUPLE},
        {"value": "nonce_count", "expects": INT},
    ]
    assert len(questions[0]["hunks"]) == 3
    text = cli("review", "HEAD").out
    assert "`algorithm` holds no tuple and `nonce_count` is a plain int" in text
    markdown = cli("review", "HEAD", "--format", "markdown").out
    assert "It changes nothing if `opaque` holds no tuple" in markdown
    comment = cli("comment", "HEAD").out
    assert "It changes nothing if `opaque` holds no tuple, `algorithm` holds no tuple" in comment

    every = review_json(cli, "HEAD", "--all")["questions"]
    assert len(every) == 1, "the other statements are decided by the same check"


def test_a_real_change_keeps_its_questions_and_lists_only_its_hunks(repo, cli):
    """REVIEW-E28: the `nc` hunk changes its width (a real change), the two others only
    rewrite: DIGEST-3's question lists the real hunk alone, without anything to check; the
    rewrites ask at most once more."""
    repo.commit("base", {"specs/digest.md": SPEC, "auth.py": AUTH})
    repo.commit("f-strings and a narrower count", {"auth.py": rewritten("06d")})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    real = [q for q in questions if "assumes" not in q]
    checked = [q for q in questions if "assumes" in q]
    count_line = rewritten("06d").splitlines().index('    base += f", nc={nonce_count:06d}"') + 1
    assert real and all(
        hunk["start"] <= count_line <= hunk["end"] for q in real for hunk in q["hunks"]
    )
    assert len(checked) <= 1


def test_an_unsafe_comparison_rewrite_asks_once_through_the_cli(repo, cli):
    """REVIEW-E28 through the CLI (hukkin/tomli's 20c9901, `not x == y` written `x != y`, and
    E711's `is None`): one question for the file, naming both checks."""
    source = AUTH.replace("    if opaque:\n", "    if not opaque == None:\n").replace(
        "    if algorithm:\n", "    if not algorithm == chal.get('old'):\n"
    )
    repo.commit("base", {"specs/digest.md": SPEC, "auth.py": source})
    rewritten_source = source.replace("if not opaque == None:", "if opaque is not None:")
    rewritten_source = rewritten_source.replace(
        "if not algorithm == chal.get('old'):", "if algorithm != chal.get('old'):"
    )
    repo.commit("ruff --unsafe-fixes", {"auth.py": rewritten_source})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    assert len(questions) == 1
    assert {"value": "algorithm == chal.get('old')", "expects": PLAIN} in questions[0]["assumes"]
