"""REVIEW-E166: what a question says a Python hunk does, through the CLI on real repositories
(the tomlkit trial's 0c2c30d: four methods added, shown as "changes `__ior__()`"; 800c829: a
`__slots__` line shown as "changes `Group()`"; specflow's own e86a2a8: an added 290-line file
shown as "changes `_hunk_at()`", its last function)."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

SPEC = """---
id: MAP
scope: [pkg/**]
---
# Maps

## Context
- `CustomList` and `CustomDict` wrap a list and a dict; `Group` holds one element.
"""
LISTS = (
    'class CustomList(list):\n    """A list."""\n\n\nclass CustomDict(dict):\n    """A dict."""\n'
)
OPERATORS = '''class CustomList(list):
    """A list."""

    def __add__(self, other):
        new_list = self.copy()
        new_list.extend(other)
        return new_list

    def __iadd__(self, other):
        self.extend(other)
        return self


class CustomDict(dict):
    """A dict."""

    def __or__(self, other):
        new_dict = self.copy()
        new_dict.update(other)
        return new_dict

    def __ior__(self, other):
        self.update(other)
        return self
'''


def _question(repo, cli, base: str, after: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    repo.commit("base", {"specs/map.md": SPEC, "pkg/t.py": base})
    repo.commit("change", {"pkg/t.py": after})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    assert questions, "no question"
    first: dict[str, Any] = questions[0]
    return first


def _acts(question: dict[str, Any]) -> list[tuple[str, str]]:
    return [(act["verb"], act["name"]) for act in question["acts"]]


def test_a_hunk_that_adds_methods_says_it_adds_each(repo, cli):
    """REVIEW-E166 (tomlkit 0c2c30d): "adds" each of the four methods, in the file's order, not
    "changes" the one the hunk's last line is in; the link's evidence is what it was."""
    first = _question(repo, cli, LISTS, OPERATORS)
    assert _acts(first) == [
        ("adds", "__add__"),
        ("adds", "__iadd__"),
        ("adds", "__or__"),
        ("adds", "__ior__"),
    ]
    assert first["evidence"]["kind"] == "enclosing"
    # the classes around the first and the last changed lines, as before
    assert first["evidence"]["names"] == ["CustomList", "CustomDict"]
    text = cli("review", "HEAD", "--all").out
    assert "adds `__add__()`, `__iadd__()`, `__or__()`, `__ior__()`." in text


def test_a_hunk_across_two_functions_changes_both(repo, cli):
    """REVIEW-E166: a hunk that changes the end of one method and the start of the next names
    both, not the second alone; a blank line between them is neither's."""
    base = (
        "class CustomDict(dict):\n    def first(self):\n        a = 1\n        return a\n\n"
        "    def second(self):\n        b = 2\n        return b\n"
    )
    after = base.replace("return a\n", "return a + 1\n").replace("b = 2\n", "b = 3\n")
    first = _question(repo, cli, base, after)
    assert _acts(first) == [("changes", "first"), ("changes", "second")]
    assert "changes `first()`, `second()`." in cli("review", "HEAD", "--all").out


def test_a_class_body_line_changes_the_class_not_a_call(repo, cli):
    """REVIEW-E166 (tomlkit 800c829): a line of a class's own body changes `Group`, not
    `Group()`; the JSON tells it is a class."""
    base = 'class Group:\n    __slots__ = ("value", "indent")\n'
    after = 'class Group:\n    __slots__ = ("value", "indent", "comma")\n'
    first = _question(repo, cli, base, after)
    assert first["acts"] == [{"verb": "changes", "name": "Group", "using": "", "kind": "class"}]
    assert "changes `Group`." in cli("review", "HEAD", "--all").out


def test_an_added_file_adds_its_definitions_and_a_class_whole(repo, cli):
    """REVIEW-E166 (specflow e86a2a8: a new file shown as "changes" its last function): an added
    file adds its top-level definitions; a class added whole is added, not its methods."""
    added = (
        '"""Rows."""\n\nimport os\n\n\ndef rows(a):\n    return a\n\n\n'
        "class CustomList(list):\n    def extend_all(self, other):\n        return other\n\n\n"
        "def last(b):\n    return b\n"
    )
    repo.commit("base", {"specs/map.md": SPEC, "pkg/t.py": LISTS})
    repo.commit("add", {"pkg/rows.py": added})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    acts = [q["acts"] for q in questions if q["path"] == "pkg/rows.py"]
    assert acts, questions
    assert [(a["verb"], a["name"], a.get("kind")) for a in acts[0]] == [
        ("adds", "CustomList", "class"),  # what the evidence names first (REVIEW-5)
        ("adds", "rows", None),
        ("adds", "last", None),
    ]


def test_a_function_rewritten_whole_under_its_name_is_changed_not_added(repo, cli):
    """REVIEW-E166, adversarial: every line of `__or__` replaced, its name kept, is a change of
    it; a new method added beside a changed one is added, the changed one changed."""
    base = LISTS.replace(
        '    """A dict."""\n',
        '    """A dict."""\n\n    def __or__(self, other):\n        return dict(self)\n',
    )
    after = LISTS.replace(
        '    """A dict."""\n',
        '    """A dict."""\n\n    def __or__(self, other, more=None):\n'
        "        merged = self.copy()\n        merged.update(other)\n        return merged\n",
    )
    assert _acts(_question(repo, cli, base, after)) == [("changes", "__or__")]
    beside = after.replace(
        "return merged\n",
        "return merged\n\n    def __ior__(self, o):\n        self.update(o)\n        return self\n",
    )
    beside = beside.replace("more=None", "more=0")
    repo.commit("both", {"pkg/t.py": beside})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    assert [(a["verb"], a["name"]) for a in questions[0]["acts"]] == [
        ("changes", "__or__"),
        ("adds", "__ior__"),
    ]


def test_a_hunk_that_only_removes_a_method_says_it_removes_it(repo, cli):
    """REVIEW-E178 (the adversarial review of the s22 rules): a hunk that deletes `__ior__` whole
    read "changes `__ior__()`", a method that no longer exists; now "removes `__ior__()`", and a
    class deleted whole "removes `CustomDict`"."""
    without = OPERATORS.replace(
        "\n    def __ior__(self, other):\n        self.update(other)\n        return self\n", ""
    )
    assert _acts(_question(repo, cli, OPERATORS, without)) == [("removes", "__ior__")]
    assert "removes `__ior__()`." in cli("review", "HEAD", "--all").out
    lists = OPERATORS[: OPERATORS.index("\n\nclass CustomDict")] + "\n"
    repo.commit("class", {"pkg/t.py": lists})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    assert questions and questions[0]["acts"][0]["verb"] == "removes", questions
    assert "removes `CustomDict`." in cli("review", "HEAD", "--all").out
