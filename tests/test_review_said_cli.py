"""What the waitress trial found of the review's account of the commit message, through the
CLI on a real repository (REVIEW-E200): "the change's messages say ..." lists only words the
messages say."""

from __future__ import annotations

from testing.util import review_json

PARSE_SPEC = """---
id: PARSE
scope: [src/p.py]
---
# P

## Context
- `crack()` splits the request line.

## Requirements
- PARSE-1: The request method must be upper case; a lower-case method is a `ParsingError`.

## Edge Cases
- PARSE-E1: An empty line.
"""

CRACK = """def crack(method):
    # PARSE-1
    if method != method.upper():
        raise ParsingError("bad method")
    return method
"""


def test_the_messages_say_only_the_words_they_hold(repo, cli):
    """REVIEW-E200 (the waitress trial: "the change's messages say case, error, lower,
    parsing, not its lines" of "Accept lower-case methods"): a condition's change links the
    words of the block it governs (`raise ParsingError`, REVIEW-18) too; those are not the
    message's, and the review says only `case` and `lower`, which the subject holds."""
    repo.commit("base", {"specs/p.md": PARSE_SPEC, "src/p.py": CRACK})
    repo.commit(
        "Accept lower-case methods",
        {"src/p.py": CRACK.replace("if method !=", "if False and method !=")},
    )
    asked = [q for q in review_json(cli, "HEAD")["questions"] if q["statement"].get("id")]
    assert asked[0]["statement"]["id"] == "PARSE-1"
    assert asked[0]["evidence"]["said"] == ["case", "lower"], asked[0]
    text = cli("review", "HEAD").out
    said = "the statement's words case, lower are in the commit messages or new tests' names"
    assert f"{said}, not in its lines" in text, text


RANDOM_SPEC = """---
id: RANDOM
scope: [src/index.js, src/v4.js]
---
# Random

## Context
- `src/index.js` is the public API: the named exports `v1` and `v4` and nothing else.

## Requirements
- RANDOM-1: `options.random` (16 bytes) and `options.rng` (a function returning 16 bytes)
  replace the default source.
- RANDOM-2: The public API exports only the generators.

## Edge Cases
- RANDOM-E1: A caller passes fewer than 16 random bytes.
"""
V4 = "export default function v4(options) {\n  return (options.rng || rng)();\n}\n"
INDEX = "export { default as v1 } from './v1.js';\nexport { default as v4 } from './v4.js';\n"
V7_TESTS = (
    "test('v7 honours options.random and options.rng', () => {});\n"
    "test('v7 random bytes fill the rng', () => {});\n"
)


def _v7(repo, cli, test_path: str, module: str = "src/v7.js") -> set[str]:  # type: ignore[no-untyped-def]
    """The IDs asked when the change re-exports `v7` from the public API, adds `module` and
    the tests at `test_path`."""
    repo.commit(
        "base",
        {
            "specs/random.md": RANDOM_SPEC,
            "src/index.js": INDEX,
            "src/v4.js": V4,
        },
    )
    repo.commit(
        "uuid v7 (#681)",
        {
            "src/index.js": INDEX + "export { default as v7 } from './v7.js';\n",
            module: "export default function v7() {\n  return 7;\n}\n",
            test_path: V7_TESTS,
        },
    )
    return {q["statement"].get("id") for q in review_json(cli, "HEAD", "--all")["questions"]}


def test_a_new_test_of_a_module_no_spec_governs_is_not_the_account(repo, cli):
    """REVIEW-E234 (uuidjs db76a12): the names of the tests of `src/v7.js`, which the change
    adds outside every scope, say what v7 does; `export { default as v7 }` in src/index.js
    was asked RANDOM-1 and RANDOM-E1 on their words alone ("options, random, rng")."""
    asked = _v7(repo, cli, "test/v7.test.js")
    assert not asked & {"RANDOM-1", "RANDOM-E1"}, asked


def test_a_new_test_of_a_governed_module_is_still_the_account(repo, cli):
    """REVIEW-E234, adversarial: the same names in the tests of src/index.js (governed), or
    of a module whose name a governed changed file shares, still count as the account."""
    assert "RANDOM-1" in _v7(repo, cli, "test/index.test.js")


def test_a_module_name_a_governed_file_shares_keeps_its_tests(repo, cli):
    """REVIEW-E234, adversarial: `lib/index.js` outside the scopes shares its name with the
    governed `src/index.js` the change also changes: `index.test.js` may test either."""
    assert "RANDOM-1" in _v7(repo, cli, "test/index.test.js", module="lib/index.js")


def test_one_word_the_messages_say_reads_as_one(repo, cli):
    """REVIEW-E101's wording: "the statement's words without are in the commit messages" read
    one word as many; one said word is "the statement's word without is in ...", in the text
    and the PR comment alike."""
    repo.commit("base", {"specs/p.md": PARSE_SPEC, "src/p.py": CRACK})
    repo.commit(
        "Accept lower-case methods",
        {"src/p.py": CRACK.replace("if method !=", "if False and method.lower() !=")},
    )
    said = [q["evidence"].get("said") for q in review_json(cli, "HEAD")["questions"]]
    assert ["case"] in said, said
    for args in (("review", "HEAD"), ("review", "HEAD", "--format", "markdown")):
        text = cli(*args).out
        assert "the statement's word case is in the commit messages" in text, text
        assert "words case are" not in text, text
