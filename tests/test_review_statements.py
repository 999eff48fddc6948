"""A change inside a statement that spans several lines: what it writes, and what it is not
(REVIEW-E52, REVIEW-E53); the whole statement a hunk only closes (REVIEW-E115); and a tree too
deep to walk (HARDEN-E13)."""

from __future__ import annotations

from testing.util import Cli, Repo, review_json

SPEC = """---
id: AUTH
scope: [pkg/**]
---
# Auth

## Context
- `ALLOWED_SCHEMES` in `pkg/auth.py` lists the schemes a token may use.

## Requirements
- AUTH-1: A token is accepted only with a scheme in `ALLOWED_SCHEMES`.
- AUTH-2: Passwords are hashed with SHA-256.

## Edge Cases
- AUTH-E1: An empty token.
"""

AUTH = """ALLOWED_SCHEMES = frozenset(
    {
        "bearer",
        "basic",
    }
)


def accept(scheme):
    return scheme in ALLOWED_SCHEMES
"""


def _digest_added(repo: Repo) -> None:
    repo.commit("auth", {"specs/auth.md": SPEC, "pkg/auth.py": AUTH})
    with_digest = AUTH.replace('"basic",\n', '"basic",\n        "digest",\n')
    repo.commit("digest", {"pkg/auth.py": with_digest})


def test_an_entry_added_to_a_named_constant_asks_the_statements_that_name_it(repo, cli):
    """REVIEW-E53: adding `"digest"` to `ALLOWED_SCHEMES` changed what AUTH-1 accepts and
    asked nothing: the hunk's own lines do not name the constant its statement writes."""
    _digest_added(repo)
    asked = [
        (q["statement"]["id"], q["evidence"]["kind"], q["evidence"]["names"])
        for q in review_json(cli, "HEAD")["questions"]
    ]
    assert ("AUTH-1", "identifier", ["ALLOWED_SCHEMES"]) in asked, asked
    assert all(ident != "AUTH-2" for ident, _, _ in asked), asked


def test_the_statement_a_change_rewrites_is_no_other_writer_that_agrees(repo, cli):
    """REVIEW-E52: the ripple of `ALLOWED_SCHEMES` listed its own first line as an untouched
    writer and said "ok ... Agrees: pkg/auth.py:1 writes it with `frozenset` too"."""
    _digest_added(repo)
    ripples = {r["symbol"]["name"]: r for r in review_json(cli, "HEAD")["ripples"]}
    allowed = ripples["ALLOWED_SCHEMES"]
    assert [(u["path"], u["line"], u["use"]) for u in allowed["uses"]] == [
        ("pkg/auth.py", 11, "read")
    ]
    assert allowed["settled_by"] is None, allowed
    text = cli("review", "HEAD").out
    assert "Agrees" not in text and "[ ] `ALLOWED_SCHEMES` is written" in text, text


def test_a_statement_too_deep_to_walk_is_reviewed_as_a_file_that_does_not_parse(
    repo: Repo, cli: Cli
) -> None:
    """HARDEN-E13: kjd/idna `36d8f30`: `idnadata.py` is one `frozenset(list(range(..)) + ...)`
    of hundreds of terms; the no-op judgement recursed past Python's limit and `review`
    stopped with "internal error (RecursionError)"."""
    terms = " + ".join(f"list(range({i}, {i + 1}))" for i in range(0, 3000, 2))
    table = f"codepoints = frozenset(\n    {terms}\n)\n"
    spec = SPEC.replace("`ALLOWED_SCHEMES` in `pkg/auth.py`", "`codepoints` in `pkg/table.py`")
    repo.commit("table", {"specs/auth.md": spec, "pkg/table.py": table})
    repo.commit("widen", {"pkg/table.py": table.replace("range(0, 1)", "range(0, 2)", 1)})
    for fmt in ("text", "json", "markdown"):
        result = cli("review", "HEAD", "--format", fmt)
        assert result.code == 0 and "Traceback" not in result.err + result.out, result
        assert "internal error" not in result.err, result
    assert cli("check", "HEAD").code in (0, 1)
    from specflow.languages.pysource import parse
    from specflow.noop import python_hunks
    from test_noop import hunks_of

    wider = table.replace("range(0, 1)", "range(0, 2)", 1)
    old, new = parse(table.encode()), parse(wider.encode())
    assert old is not None and new is not None
    judged = python_hunks(hunks_of(table, wider), old, new)  # as bench_noop judges a file
    assert judged == (set(), {})


STYLES_SPEC = """---
id: DEV
scope: [src/dev.py]
---
# Dev

## Context
- `set_exc_info()` sets `exc_info=True` for the `exception` method; the default chain runs it
  before `ConsoleRenderer`.

## Requirements
- DEV-7: Levels are coloured from `level_styles` (default `get_default_level_styles(colors)`)
  in bright.

## Edge Cases
- DEV-E1: A level without a style.
"""

STYLES = """class ConsoleRenderer:
    def __init__(self, colors=True, level_styles=None):
        level_to_color = (
            self.get_default_level_styles(colors)
            if level_styles is None
            else level_styles
        )

        for key in level_to_color:
            level_to_color[key] += "bright"
        self._level_to_color = level_to_color

    @staticmethod
    def get_default_level_styles(colors=True):
        return {"info": "green" if colors else ""}
"""


def _asked(cli: Cli) -> list[tuple[str, list[str]]]:
    return [
        (q["statement"]["id"] or "", q["evidence"]["names"])
        for q in review_json(cli, "HEAD")["questions"]
    ]


def test_a_hunk_that_closes_a_statement_is_read_with_the_whole_statement(repo, cli):
    """REVIEW-E115: hynek/structlog `5551c2f`: `-        )` / `+        ).copy()` closes
    `level_to_color = (... if level_styles is None else level_styles)`; read alone, it named
    nothing, and the review asked only a Context line by the commit message's words. The
    statement it closes names `level_styles`: DEV-7 is asked, first."""
    repo.commit("base", {"specs/dev.md": STYLES_SPEC, "src/dev.py": STYLES})
    copied = STYLES.replace(
        "            else level_styles\n        )\n",
        "            else level_styles\n        ).copy()\n",
    )
    repo.commit("Stop mutating styles in ConsoleRenderer", {"src/dev.py": copied})
    asked = _asked(cli)
    assert asked and asked[0][0] == "DEV-7" and "level_styles" in asked[0][1], asked


TABLE = "LEVELS = {\n" + "".join(f'    "level{n}": {n},\n' for n in range(20)) + "}\n"
TABLE_SPEC = SPEC.replace(
    "- AUTH-2: Passwords are hashed with SHA-256.", "- AUTH-2: `level2` is the quietest level."
)


def test_a_long_statement_is_read_by_its_first_line_only(repo, cli):
    """REVIEW-E115, its limit: a change deep in a statement of more than twelve lines (a table)
    reads the statement's first line (`LEVELS = {`), not every entry: `level2`, named by AUTH-2
    seventeen lines above the change, is no evidence; a short statement is read whole, its
    unchanged entries too (REVIEW-E287 as narrowed: only `__all__` is read entry by entry)."""
    repo.commit("base", {"specs/auth.md": TABLE_SPEC, "pkg/levels.py": TABLE})
    repo.commit("louder", {"pkg/levels.py": TABLE.replace('"level19": 19', '"level19": 190')})
    assert all(ident != "AUTH-2" for ident, _ in _asked(cli))
    short = "LEVELS = {\n" + "".join(f'    "level{n}": {n},\n' for n in range(4)) + "}\n"
    repo.commit("short", {"pkg/levels.py": short})
    repo.commit("louder", {"pkg/levels.py": short.replace('"level3": 3', '"level3": 30')})
    assert ("AUTH-2", ["level2"]) in _asked(cli)


def test_a_hunk_over_two_statements_is_read_as_it_is(repo, cli):
    """REVIEW-E115, its limit: changed lines in two statements are read as they are, not with
    either statement's other lines; the first statement's close alone is read with it."""
    two = "FIRST = (\n    level2\n)\nSECOND = (\n    3\n)\n"
    repo.commit("base", {"specs/auth.md": TABLE_SPEC, "pkg/levels.py": two})
    one = two.replace(")\nSECOND", ").copy()\nSECOND")
    repo.commit("one", {"pkg/levels.py": one})
    assert ("AUTH-2", ["level2"]) in _asked(cli)
    repo.commit("back", {"pkg/levels.py": two})
    repo.commit("both", {"pkg/levels.py": one.replace("    3\n)", "    3\n).copy()")})
    assert all(ident != "AUTH-2" for ident, _ in _asked(cli))


ERRORS_SPEC = """---
id: PROTO
scope: [pkg/**]
---
# Protocol

## Context
- `__all__` of `pkg/errors.py` lists the public errors.

## Requirements
- PROTO-1: An insecure URI raises `InsecureTransportError`.
- PROTO-2: A response without code raises `MissingCodeException`.

## Edge Cases
- PROTO-E1: A URI on localhost.
"""

ERRORS = """__all__ = [
    'OAuth2Error',
    'InsecureTransportError', 'InvalidRequestError',
    'InvalidClientError', 'InvalidGrantError',
    'UnauthorizedClientError', 'UnsupportedGrantTypeError',
    'MissingCodeException', 'MissingTokenException',
]
"""


def test_a_changed_element_of_a_list_is_not_read_with_the_others(repo, cli):
    """REVIEW-E287: lepture/authlib `6e567144` (the authlib trial's D3): reordering two entries
    of a multi-line `__all__` asked PROTO-2 and PROTO-1, "it names `MissingCodeException`",
    `InsecureTransportError`, on lines the change left alone. Only the changed lines' names
    and the name written (`__all__`, REVIEW-E53) are evidence."""
    repo.commit("base", {"specs/proto.md": ERRORS_SPEC, "pkg/errors.py": ERRORS})
    moved = ERRORS.replace(
        "'InvalidClientError', 'InvalidGrantError',\n    'UnauthorizedClientError',",
        "'InvalidClientError', 'UnauthorizedClientError', 'InvalidGrantError',\n"
        "    'UnsupportedResponseTypeError',",
    )
    repo.commit("export UnsupportedResponseTypeError", {"pkg/errors.py": moved})
    asked = _asked(cli)
    assert all(ident not in ("PROTO-1", "PROTO-2") for ident, _ in asked), asked
    assert any("__all__" in names for _, names in asked), asked


def test_a_changed_value_is_still_read_with_its_key_above(repo, cli):
    """REVIEW-E287, its limit: a display that is not `__all__` is read whole (REVIEW-E115), so
    a value changed on the line below its key is the key's, and the statement naming the key
    is asked."""
    spec = TABLE_SPEC.replace("`level2` is the quietest level.", "`level2` is never muted.")
    table = 'LEVELS = {\n    "level1": 1,\n    "level2": (\n        2\n    ),\n}\n'
    repo.commit("base", {"specs/auth.md": spec, "pkg/levels.py": table})
    repo.commit("mute", {"pkg/levels.py": table.replace("        2\n", "        0\n")})
    assert ("AUTH-2", ["level2"]) in _asked(cli)
