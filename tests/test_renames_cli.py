"""REVIEW-E58 through the CLI on real repositories: a private definition renamed in every file
that spells it (tomli `e2426ab`: `RE_DEC_OR_FLOAT` to `RE_NUMBER` in its private `_re.py` and
`_parser.py`) asks nothing about specs, in the review and in check's no-op judgement
(CHECK-E19); a public name, a rename that code outside the change still spells, one left
half done, one onto a name already used, and a rename beside a real change still ask."""

from __future__ import annotations

import re

from testing.util import review_json

SPEC = """---
id: NUM
scope: [tomlish/**]
---
# Numbers

## Context
- `RE_NUMBER` matches a number; `_to_int()` converts what it matched.

## Requirements
- NUM-1: `parse_number()` returns the integer a text starts with, or None.
- NUM-2: An underscore between digits is dropped: `1_000` is `1000`.
"""

PATTERNS = """import re

RE_NUMBER = re.compile(r"[0-9][0-9_]*")


def _to_int(text):
    return int(text.replace("_", ""))
"""

PARSER = """from ._re import RE_NUMBER, _to_int


# NUM-1
def parse_number(text):
    found = RE_NUMBER.match(text)
    return _to_int(found.group()) if found else None


# NUM-2
def digits(text):
    return RE_NUMBER.fullmatch(text) is not None
"""

TEST = """from tomlish._parser import parse_number


def test_parse_number():  # NUM-1, NUM-2
    assert parse_number("1_000") == 1000
"""


def renamed(text: str, pairs: dict[str, str]) -> str:
    for old, new in pairs.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    return text


RENAMES = {"RE_NUMBER": "RE_INT", "_to_int": "_as_int"}


def base(repo, files=None):
    every = {
        "specs/num.md": SPEC,
        "tomlish/_re.py": PATTERNS,
        "tomlish/_parser.py": PARSER,
        "tests/test_parser.py": TEST,
        **(files or {}),
    }
    repo.commit("base", {path: text for path, text in every.items() if text is not None})


def test_private_definitions_renamed_throughout_ask_nothing(repo, cli):
    """REVIEW-E58, CHECK-E19: both files are no-op, no question, and the hook's check warns
    only that the spec names what is gone (CHECK-E20), not that NUM-1's code was touched."""
    base(repo)
    repo.commit(
        "Consistent regex naming",
        {
            "tomlish/_re.py": renamed(PATTERNS, RENAMES),
            "tomlish/_parser.py": renamed(PARSER, RENAMES),
        },
    )
    data = review_json(cli, "HEAD")
    assert data["questions"] == []
    assert data["noop_files"] == ["tomlish/_parser.py", "tomlish/_re.py"]
    check = cli("check", "HEAD")
    assert check.code == 0, check
    assert "touched-requirement" not in check.out
    assert check.out.count("[name-removed]") == 2


def test_a_rename_staged_or_in_the_work_tree_asks_nothing(repo, cli):
    """REVIEW-E58: the index and the work tree are searched as the commit is."""
    base(repo)
    repo.stage(
        {
            "tomlish/_re.py": renamed(PATTERNS, RENAMES),
            "tomlish/_parser.py": renamed(PARSER, RENAMES),
        }
    )
    assert review_json(cli, "--staged")["questions"] == []
    assert review_json(cli, "--worktree")["questions"] == []
    check = cli("check", "--staged")
    assert "touched-requirement" not in check.out, check


def test_a_public_name_in_a_public_module_renamed_still_asks(repo, cli):
    """REVIEW-E58: `parse_number` in `tomlish/parser.py` may be imported by anyone: its
    rename is an API change, asked about."""
    public = {"tomlish/_parser.py": None, "tomlish/parser.py": PARSER}
    base(repo, public)
    pairs = {"parse_number": "read_number"}
    repo.commit("rename", {"tomlish/parser.py": renamed(PARSER, pairs)})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == [] and data["questions"]


def test_a_rename_code_outside_the_change_still_spells_asks(repo, cli):
    """REVIEW-E58: a module the change leaves alone (its path with a space) still imports the
    old name: that import now fails, and the review asks."""
    user = "from tomlish._re import RE_NUMBER\n\nSTARTS = RE_NUMBER.pattern\n"
    base(repo, {"tomlish/other user.py": user})
    repo.commit(
        "rename",
        {
            "tomlish/_re.py": renamed(PATTERNS, RENAMES),
            "tomlish/_parser.py": renamed(PARSER, RENAMES),
        },
    )
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == [] and data["questions"]
    assert "touched-requirement" in cli("check", "HEAD").out


def test_a_rename_half_done_or_onto_a_used_name_or_with_a_change_asks(repo, cli):
    """REVIEW-E58: the old name left in one call, a new name that a changed file already
    used, and a rename beside a real change are changes."""
    base(repo)
    half = renamed(PARSER, RENAMES).replace("RE_INT.fullmatch", "RE_NUMBER.fullmatch")
    repo.commit("half", {"tomlish/_re.py": renamed(PATTERNS, RENAMES), "tomlish/_parser.py": half})
    assert review_json(cli, "HEAD")["noop_files"] == []

    repo.git("reset", "-q", "--hard", "HEAD~1")
    used = PATTERNS + "\n\ndef _as_int(text):\n    return int(text)\n"
    repo.commit("a second converter", {"tomlish/_re.py": used})
    onto = {"tomlish/_re.py": renamed(PATTERNS, {"_to_int": "_as_int"})}
    onto["tomlish/_parser.py"] = renamed(PARSER, {"_to_int": "_as_int"})
    repo.commit("onto a used name", onto)
    assert "tomlish/_parser.py" not in review_json(cli, "HEAD")["noop_files"]

    repo.git("reset", "-q", "--hard", "HEAD~2")
    changed = renamed(PARSER, RENAMES).replace("is not None", "is None")
    repo.commit(
        "rename and change",
        {"tomlish/_re.py": renamed(PATTERNS, RENAMES), "tomlish/_parser.py": changed},
    )
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == ["tomlish/_re.py"]
    assert "NUM-2" in {q["statement"]["id"] for q in data["questions"]}


def test_a_rename_that_python_or_packaging_reads_by_name_asks(repo, cli):
    """REVIEW-E58 (helper-62's review): `from ._impl import *` re-exports a private module's
    public `split_all`; `pyproject.toml`'s entry point names `main`; an `ast.NodeVisitor` calls
    `visit_Call` by its name, and `_setup` renamed `__init__` now runs at construction. None is
    a rename that keeps behaviour: each asks, as before."""
    spec = SPEC.replace("scope: [tomlish/**]", "scope: [pkg/**]")
    impl = "# NUM-1\ndef split_all(text):\n    return text.split(',')\n\n\n"
    impl += "def fields(text):\n    return split_all(text)\n"
    cli_py = "# NUM-1\ndef main():\n    print('hi')\n"
    visit = (
        "import ast\n\n\nclass _Calls(ast.NodeVisitor):\n    # NUM-1\n    def _setup(self):\n"
        "        self.count = 0\n\n    def visit_Call(self, node):\n        self.count += 1\n\n\n"
        "def count_calls(source):\n    calls = _Calls()\n    calls._setup()\n"
        "    calls.visit(ast.parse(source))\n    return calls.count\n"
    )
    files = {
        "specs/num.md": spec,
        "pkg/__init__.py": "from ._impl import *\n",
        "pkg/_impl.py": impl,
        "pkg/_cli.py": cli_py,
        "pkg/_visit.py": visit,
        "pyproject.toml": '[project]\nname = "tool"\n[project.scripts]\ntool = "pkg._cli:main"\n',
    }
    repo.commit("base", files)
    edits = [
        {"pkg/_impl.py": renamed(impl, {"split_all": "split_every"})},
        {"pkg/_cli.py": renamed(cli_py, {"main": "run"})},
        {"pkg/_visit.py": visit.replace("visit_Call", "visit_call")},
        {
            "pkg/_visit.py": visit.replace("def _setup(self)", "def __init__(self)").replace(
                "calls._setup()", "calls.__init__()"
            )
        },
    ]
    for edit in edits:
        repo.commit("rename", edit)
        assert review_json(cli, "HEAD")["noop_files"] == [], edit
        repo.git("reset", "-q", "--hard", "HEAD~1")


def test_a_function_of_a_private_module_renamed_alone_asks_nothing(repo, cli):
    """REVIEW-E58: one top-level `def` renamed, its hunk holding that statement alone, is
    compared once renamed (REVIEW-E13 compared only what a function or class holds)."""
    cli_py = "# NUM-1\ndef main():\n    print('hi')\n"
    repo.commit("base", {"specs/num.md": SPEC, "tomlish/_cli.py": cli_py})
    repo.commit("rename", {"tomlish/_cli.py": renamed(cli_py, {"main": "run"})})
    assert review_json(cli, "HEAD")["noop_files"] == ["tomlish/_cli.py"]


def test_a_private_name_renamed_public_under_a_star_import_asks(repo, cli):
    """REVIEW-E354 (the yarl `088dafb` rename, `_not_reg_name` to `NOT_REG_NAME`): a module
    without `__all__` that another star-imports now exports the new public name there, where
    it may shadow one of that module's names; without a star import it asks nothing."""
    pairs = {"_to_int": "TO_INT"}
    base(repo, {"tomlish/__init__.py": "from tomlish._re import *\n"})
    repo.commit(
        "public",
        {
            "tomlish/_re.py": renamed(PATTERNS, pairs),
            "tomlish/_parser.py": renamed(PARSER, pairs),
        },
    )
    assert review_json(cli, "HEAD")["noop_files"] == []


def test_a_private_name_renamed_public_without_a_star_import_asks_nothing(repo, cli):
    """REVIEW-E354: with no star import anywhere the rename stays REVIEW-E58's no change."""
    pairs = {"_to_int": "TO_INT"}
    base(repo)
    repo.commit(
        "public",
        {
            "tomlish/_re.py": renamed(PATTERNS, pairs),
            "tomlish/_parser.py": renamed(PARSER, pairs),
        },
    )
    assert review_json(cli, "HEAD")["questions"] == []
