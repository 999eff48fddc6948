"""specflow brief on real repositories: the spec as an implementation brief."""

from __future__ import annotations

import json

import pytest
from markdown_it import MarkdownIt

from specflow.commands.brief import fence
from testing.stories import RESET_SPEC

# BRIEF-2's harder names, added to the story's Context: a path, a name nothing has yet, and
# backticks around prose.
SPEC = RESET_SPEC.replace(
    "\n\n## Requirements",
    "\n- The code lives in `src/auth/hashing.py`; `session_cookie` does not exist yet.\n"
    "- Prose in backticks is not a name: `import bcrypt`.\n\n## Requirements",
)


@pytest.fixture
def harder_context(story):
    """The story, its spec's Context naming a path and a name nothing has yet."""
    story.commit("Context names a path", {"specs/password-reset.md": SPEC})
    return story


def test_the_brief_opens_with_the_spec_verbatim(harder_context, cli):
    """BRIEF-1"""
    result = cli("brief", "RESET")
    assert result.code == 0, result
    assert result.out.startswith("# Implementation brief: RESET, Password reset\n")
    assert f"```markdown\n{SPEC.rstrip()}\n```\n" in result.out


def test_each_name_of_the_context_with_its_places_today(harder_context, cli):
    """BRIEF-2: defined, written, called, read, governed; a name found nowhere says so."""
    out = cli("brief", "RESET").out
    section = out.split("## 2. The code its Context names, as it is today")[1].split("## 3.")[0]
    names = [line for line in section.splitlines() if line.startswith("### ")]
    assert names == [
        "### `hash_password()`",
        "### `users.password_hash`",
        "### `verify_password()`",
        "### `src/auth/hashing.py`",
        "### `session_cookie`",
    ]
    hash_password = section.split("### `hash_password()`")[1].split("###")[0]
    assert (
        "- Defined:\n  - `src/auth/hashing.py:5`: `def hash_password(password: str) -> str:`"
        in hash_password
    )
    assert "`src/auth/users.py:7` in `register()`" in hash_password
    assert (
        "- Governed by: AUTH (`specs/auth.md`, by scope); "
        "RESET (`specs/password-reset.md`, by scope)" in hash_password
    )
    field = section.split("### `users.password_hash`")[1].split("###")[0]
    assert "- Written:\n  - `src/auth/users.py:7` in `register()`" in field
    assert "`src/auth/users.py:12` in `login()`, passed to `verify_password()`" in field
    path = section.split("### `src/auth/hashing.py`")[1].split("###")[0]
    assert "The file `src/auth/hashing.py` defines `hash_password`, `verify_password`." in path
    assert (
        "Found nowhere in the work tree's tracked files (looked up as `session_cookie`)"
        in (section.split("### `session_cookie`")[1])
    )
    assert "import bcrypt" not in "\n".join(names)


def test_the_tracing_rule_the_requirements_and_the_constraints(story, cli):
    """BRIEF-3"""
    out = cli("brief", "RESET").out
    assert "comment where the code implements it: `# RESET-1: why this line meets it`" in out
    assert 'docstring of the test that verifies it: `"""RESET-1: what the test shows"""`' in out
    enforced = out.split("Enforced requirements")[1].split("Planned requirements")[0]
    assert "- RESET-1: New password hashes use the existing SHA-256 format." in enforced
    assert "RESET-3" not in enforced
    planned = out.split("Planned requirements")[1].split("Constraints")[0]
    assert "- RESET-3: Old hashes are migrated to bcrypt on the next successful login." in planned
    assert (
        "- forbid `import bcrypt` in `src/auth/**` until RESET-3 is implemented: "
        "the hash format must not fork." in out
    )


def test_each_constraint_is_briefed_as_check_enforces_it(story, cli):
    """BRIEF-E4: a `require` and a `forbid ... outside` were both briefed as `forbid ... in`,
    the opposite of what check enforces."""
    spec = story.read("specs/password-reset.md").replace(
        "## Constraints\n",
        "## Constraints\n- require `SCHEMA_VERSION` in `src/migrations/*.py`: each states it\n"
        "- forbid `hashlib.` outside `src/auth/hashing.py`: one place owns the format\n",
    )
    story.commit("more constraints", {"specs/password-reset.md": spec})
    briefed = cli("brief", "RESET").out.split("Constraints (`specflow check`")[1]  # not 1.
    assert "- require `SCHEMA_VERSION` in `src/migrations/*.py`: each states it" in briefed
    assert "- forbid `hashlib.` outside `src/auth/hashing.py`: one place owns the format" in briefed


def test_the_edge_cases_and_the_checking_commands(story, cli):
    """BRIEF-4, BRIEF-5"""
    out = cli("brief", "RESET").out
    edge = out.split("## 4. Edge cases: one test each")[1].split("## 5.")[0]
    assert "- RESET-E1: The user resets the password several times in a row." in edge
    assert "A test whose docstring names RESET-E1." in edge
    tail = out.split("## 5. Check the result")[1]
    assert "specflow check --staged" in tail and "specflow review --staged" in tail


def test_json_carries_the_same_content_and_is_deterministic(harder_context, cli):
    """BRIEF-6"""
    first = cli("brief", "RESET", "--format", "json")
    assert first.code == 0
    assert first.out == cli("brief", "RESET", "--format", "json").out
    assert cli("brief", "RESET").out == cli("brief", "RESET").out
    data = json.loads(first.out)
    assert (data["schema"], data["kind"]) == (1, "brief")
    assert data["spec"]["source"] == SPEC
    names = {n["written"]: n for n in data["names"]}
    assert names["users.password_hash"]["target"] == "password_hash"
    assert names["users.password_hash"]["context_lines"] == [10]
    uses = names["users.password_hash"]["name"]["uses"]
    assert {(u["use"], u["path"], u["line"]) for u in uses} >= {
        ("write", "src/auth/users.py", 7),
        ("read", "src/auth/users.py", 12),
    }
    assert names["session_cookie"]["found"] is False
    assert names["src/auth/hashing.py"]["defines"] == ["hash_password", "verify_password"]
    assert [(r["id"], r["enforced"]) for r in data["requirements"]] == [
        ("RESET-1", True),
        ("RESET-2", True),
        ("RESET-3", False),
    ]
    assert [e["id"] for e in data["edge_cases"]] == ["RESET-E1"]
    assert data["checks"] == ["specflow check --staged", "specflow review --staged"]


def test_a_requirement_id_briefs_its_spec_and_an_unknown_id_is_bad_input(story, cli):
    """BRIEF-E2"""
    assert cli("brief", "RESET-E1").out == cli("brief", "RESET").out
    result = cli("brief", "NOPE")
    assert result.code == 2
    assert result.err == (
        "specflow: error: no spec or requirement 'NOPE'; `specflow list` shows what exists\n"
    )


def test_a_context_without_names(repo, cli):
    """BRIEF-E3"""
    repo.commit(
        "spec", {"specs/a.md": "# A\n\n## Context\n- Plain words.\n\n## Requirements\n- A-1: x\n"}
    )
    out = cli("brief", "A").out
    assert "The Context names no function, field or file in backticks" in out
    assert "The spec lists no edge cases." in out


HOSTILE = """---
id: EVIL
---
# Evil <script>alert("title")</script> *bold*

## Context
- A fence inside: ````` and `"><img src=x onerror=alert(1)>`.

## Requirements
- EVIL-1: <img src=x onerror=alert(1)> [link](javascript:alert(1)) | pipe
- EVIL-2: Ends the fence:
  ```
  </script>
  ```

## Edge Cases
- EVIL-E1: # not a heading <b onmouseover=alert(1)>x</b>
"""


def test_hostile_spec_text_stays_inert(repo, cli):
    """BRIEF-E1: rendered as Markdown (raw HTML allowed), nothing of the spec becomes markup."""
    repo.commit("spec", {"specs/evil.md": HOSTILE})
    result = cli("brief", "EVIL")
    assert result.code == 0, result
    assert "``````markdown\n" in result.out  # longer than the run of five inside
    html = MarkdownIt("commonmark").render(result.out)
    assert "<script" not in html and "<img" not in html and "<b " not in html
    assert 'href="javascript' not in html
    assert html.count("<h1>") == 1
    # The whole spec is one code block, ending where the spec ends.
    block = html.split('<pre><code class="language-markdown">')[1].split("</code></pre>")[0]
    assert block.endswith("&lt;b onmouseover=alert(1)&gt;x&lt;/b&gt;\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("plain", "```"), ("a ``` b", "````"), ("`x` and ``````", "```````")],
)
def test_fence_is_longer_than_any_run_of_backticks(text, expected):
    """BRIEF-E1"""
    assert fence(text) == expected


LONG_CONTEXT = """---
id: C
scope: ["config.py"]
---
# Config
## Context
- `Config` is a `dict` subclass with `a1()`, `a2()`, `a3()`, `a4()`, `a5()`, `a6()`, `a7()`,
  `a8()`, `a9()`, `a10()`, `a11()`; `from_json()` is a deprecated wrapper, `a12()` a helper.
## Requirements
- C-1: `a1()` returns `True`.
## Edge Cases
- C-E1: A missing file.
"""


def test_names_past_the_twelfth_are_counted_and_a_stale_one_flagged(repo, cli):
    """BRIEF-E5 (the flask trial's defect 6: `from_json()`, removed, never flagged; `dict` took
    a slot): the builtin goes last, the names past twelve are counted and named, and the one
    found nowhere says so; one that exists (`a12()`) does not."""
    code = "class Config(dict):\n" + "".join(
        f"    def a{n}(self):\n        return True\n" for n in range(1, 13)
    )
    repo.commit("base", {"specs/c.md": LONG_CONTEXT, "config.py": code})
    out = cli("brief", "C").out
    section = out.split("## 2.")[1].split("## 3.")[0]
    shown = [line for line in section.splitlines() if line.startswith("### ")]
    assert len(shown) == 12 and "### `dict`" not in shown and "### `a11()`" in shown
    assert "3 more names the Context mentions, not shown here" in section
    assert "`from_json()`, `a12()`, `dict`." in section
    assert "- `from_json()`: found nowhere in the work tree's tracked files" in section
    assert "- `a12()`: found nowhere" not in section and "- `dict`: found nowhere" not in section
    data = json.loads(cli("brief", "C", "--format", "json").out)
    assert data["more_names"] == [
        {"written": "from_json()", "target": "from_json", "found": False},
        {"written": "a12()", "target": "a12", "found": True},
        {"written": "dict", "target": "dict", "found": True},
    ]
