"""Python evidence through the CLI on real repositories (the flask trial's defects 1 and 2):
a changed argument of a call over lines names its callee (REVIEW-E334), a docstring's names
are no identifiers of the hunk (REVIEW-E335); with the same-looking edits that must still ask."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

SERIALIZER_SPEC = """---
id: S
scope: ["app.py"]
---
# Sig
## Context
- Sessions are signed by `URLSafeTimedSerializer` with HMAC.
## Requirements
- S-1: `get_serializer()` returns `None` without a secret key.
## Edge Cases
- S-E1: An empty secret key.
"""

SERIALIZER = (
    "from itsdangerous import URLSafeTimedSerializer\n\n\n"
    "def get_serializer(app):\n"
    "    if not app.secret_key:\n"
    "        return None\n"
    "    return URLSafeTimedSerializer(\n"
    "        app.secret_key,\n"
    '        salt="x",\n'
    "    )\n"
)


def _asked(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each question's statement (its ID, or the text of a Context line) → its evidence."""
    return {
        q["statement"]["id"] or q["statement"]["text"]: q["evidence"] for q in data["questions"]
    }


def test_a_changed_argument_of_a_call_over_lines_asks_its_callee(repo, cli):
    """REVIEW-E334 (flask e13373f8, key rotation): `keys = [...]` added above `return
    URLSafeTimedSerializer(` and its argument `app.secret_key,` made `keys,`: the Context line
    naming the serializer is asked, as when the argument is changed inline."""
    repo.commit("base", {"specs/s.md": SERIALIZER_SPEC, "app.py": SERIALIZER})
    changed = SERIALIZER.replace(
        "    return URLSafeTimedSerializer(\n        app.secret_key,",
        "    keys = [app.secret_key, *app.fallbacks]\n"
        "    return URLSafeTimedSerializer(\n        keys,",
    )
    repo.commit("rotation", {"app.py": changed})
    asked = _asked(review_json(cli, "HEAD", "--all"))
    context = "Sessions are signed by `URLSafeTimedSerializer` with HMAC."
    assert context in asked
    assert "URLSafeTimedSerializer" in asked[context]["names"]


def test_a_changed_element_of_a_list_over_lines_names_no_callee(repo, cli):
    """REVIEW-E334: a line of a literal over lines (`SALTS = [`) is no argument of a call: the
    serializer, called on another line, is not asked by it."""
    base = SERIALIZER.replace(
        "def get_serializer", 'SALTS = [\n    "a",\n    "b",\n]\n\n\ndef get_serializer'
    )
    repo.commit("base", {"specs/s.md": SERIALIZER_SPEC, "app.py": base})
    repo.commit("salts", {"app.py": base.replace('    "b",\n', '    "b",\n    "c",\n')})
    asked = _asked(review_json(cli, "HEAD", "--all"))
    assert "Sessions are signed by `URLSafeTimedSerializer` with HMAC." not in asked


CONFIG_SPEC = """---
id: C
scope: ["config.py"]
---
# Config
## Context
- `from_file()` opens a file and passes it to a `load` callable.
## Requirements
- C-1: `from_mapping()` skips every key that is not uppercase.
- C-2: `from_file()` resolves a relative name against `root_path`.
## Edge Cases
- C-E1: `from_mapping()` given both a mapping and keyword arguments.
"""

CONFIG = '''import json
import os


class Config(dict):
    def from_file(self, filename, load):
        with open(os.path.join(self.root_path, filename)) as f:
            return self.from_mapping(load(f))

    def from_json(self, filename):
        """Load a JSON file. The data is passed to the :meth:`from_mapping` method."""
        return self.from_file(filename, json.load)

    def from_mapping(self, mapping):
        for k, v in mapping.items():
            if k.isupper():
                self[k] = v
        return True
'''


def _without_from_json(source: str) -> str:
    start, end = source.index("    def from_json"), source.index("    def from_mapping")
    return source[:start] + source[end:]


def test_a_docstring_cross_reference_is_no_name_the_code_uses(repo, cli):
    """REVIEW-E335 (flask 2bd7aed1, `from_json` removed): its docstring's `:meth:`from_mapping``
    asks neither statement naming `from_mapping()`; what its code calls, `from_file`, is
    asked."""
    repo.commit("base", {"specs/c.md": CONFIG_SPEC, "config.py": CONFIG})
    repo.commit("remove from_json", {"config.py": _without_from_json(CONFIG)})
    asked = _asked(review_json(cli, "HEAD", "--all"))
    assert "C-1" not in asked and "C-E1" not in asked
    assert "from_file" in asked["C-2"]["names"]


def test_a_name_the_removed_code_calls_beside_its_docstring_still_asks(repo, cli):
    """REVIEW-E335: the same function, its code calling `from_mapping` itself: C-1 is asked by
    the code's name, the docstring's being prose."""
    base = CONFIG.replace(
        "return self.from_file(filename, json.load)",
        "return self.from_mapping(json.load(open(filename)))",
    )
    repo.commit("base", {"specs/c.md": CONFIG_SPEC, "config.py": base})
    repo.commit("remove from_json", {"config.py": _without_from_json(base)})
    asked = _asked(review_json(cli, "HEAD", "--all"))
    assert "from_mapping" in asked["C-1"]["names"]


def test_a_docstring_name_without_a_cross_reference_still_names_it(repo, cli):
    """REVIEW-E335, narrowed: a docstring that names `from_mapping()` without a Sphinx role says
    what the documented function does; a changed line of it still names it (python-dotenv
    157282c: `get_key()`'s docstring naming its `encoding` asked LOAD-7)."""
    base = CONFIG.replace(":meth:`from_mapping` method", "from_mapping() method")
    repo.commit("base", {"specs/c.md": CONFIG_SPEC, "config.py": base})
    repo.commit("remove from_json", {"config.py": _without_from_json(base)})
    asked = _asked(review_json(cli, "HEAD", "--all"))
    assert "from_mapping" in asked["C-1"]["names"]
