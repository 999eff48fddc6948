"""REVIEW-E365, REVIEW-E366: a Context line whose subject is a class is about the
class as a whole, through the CLI on real repositories (the flask trial's "defect 5": `Blueprint`
is a `Scaffold` that records deferred setup functions... asked of a hunk in any method of
`Blueprint`)."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

SPEC = """---
id: BP
scope: [pkg/**]
---
# Blueprints

## Context
- `Blueprint` is a `Scaffold` that records deferred setup functions (`record()`, the
  `app_*()` hooks) and replays them on `register()`, under its `name`.

## Requirements
- BP-1: A blueprint's name must not contain a dot.
- BP-2: `register()` runs each deferred function once, with the app.

## Edge Cases
- BP-E1: A blueprint registered twice under one name.
"""
SOURCE = """class Blueprint(Scaffold):
    def __init__(self, name):
        self.name = name
        self.deferred = []

    def record(self, func):
        self.deferred.append(func)

    def register(self, app):
        for func in self.deferred:
            func(app)

    def app_errorhandler(self, code):
        self.codes = [code]
        return code

    def teardown_request(self, f):
        self.teardown = f
        return f
"""


def asked(cli: Any) -> list[str]:
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return [q["statement"]["id"] or f"C{q['statement']['line']}" for q in questions]


def _changed(repo: Any, cli: Any, old: str, new: str) -> list[str]:
    repo.commit("base", {"specs/bp.md": SPEC, "pkg/blueprints.py": SOURCE})
    assert old in SOURCE
    repo.commit("a change", {"pkg/blueprints.py": SOURCE.replace(old, new)})
    return asked(cli)


def test_a_method_of_the_class_a_context_line_names_does_not_ask_it(repo, cli):
    """REVIEW-E365 (flask 96c97dec09, b8b410014d): a hunk in `teardown_request`, a method the
    line never names, asks nothing of the line naming only its class (before: asked, "it lies
    inside `Blueprint`")."""
    assert "C8" not in _changed(repo, cli, "        return f\n", "        return None\n")


def test_a_method_of_a_family_the_context_line_names_still_asks_it(repo, cli):
    """REVIEW-E365, adversarial: a hunk in `app_errorhandler`, of the `app_*()` hooks the line
    names, changes what it says: still asked."""
    found = _changed(repo, cli, "        return code\n", "        return self.codes\n")
    assert "C8" in found


def test_a_hunk_writing_a_member_the_context_line_names_still_asks_it(repo, cli):
    """REVIEW-E365, adversarial: a hunk in `__init__` whose changed line writes `name`, which the
    line names, changes what it says: still asked (by the hunk's own lines)."""
    found = _changed(repo, cli, "self.name = name\n", "self.name = name.strip()\n")
    assert "C8" in found


def test_the_class_header_still_asks_it(repo, cli):
    """REVIEW-E365, adversarial: a hunk on the class itself (its header, its bases) is what the
    line speaks of: still asked."""
    found = _changed(repo, cli, "class Blueprint(Scaffold):", "class Blueprint(Scaffold, Mixin):")
    assert "C8" in found


def test_a_method_another_statement_is_about_does_not_ask_the_overview(repo, cli):
    """REVIEW-E366 (flask a44c722860, b707bf443a): a hunk in `register()`, which the class's
    line names among its members and BP-2 has as its subject, asks BP-2, not the overview
    (before: both, the overview "it lies inside `Blueprint`, `register`")."""
    found = _changed(repo, cli, "            func(app)\n", "            func(app, self)\n")
    assert "BP-2" in found and "C8" not in found


def test_a_method_only_the_overview_names_still_asks_it(repo, cli):
    """REVIEW-E366, adversarial: a hunk in `record()`, which no statement has as its subject,
    changes what the class's line says of it: still asked."""
    found = _changed(
        repo, cli, "        self.deferred.append(func)\n", "        self.deferred += [func]\n"
    )
    assert "C8" in found


JAVA_SPEC = """---
id: ALG
scope: [lib/**]
---
# Algorithms

## Context
- `HmacAlgorithm` signs tokens and checks them with `verify()`.

## Requirements
- ALG-1: A null secret is refused.
"""
JAVA = """package lib;

class HmacAlgorithm extends Algorithm {
    private final byte[] secret;

    HmacAlgorithm(byte[] secretBytes) {
        this.secret = secretBytes;
    }
}
"""


def test_a_java_constructor_is_the_class_itself(repo, cli):
    """REVIEW-E366, adversarial (java-jwt b161fc4dbf): a Java constructor, named as its class, is
    no member the line names in passing: the line whose subject is the class is still asked."""
    repo.commit("base", {"specs/alg.md": JAVA_SPEC, "lib/HmacAlgorithm.java": JAVA})
    copied = JAVA.replace("= secretBytes;", "= java.util.Arrays.copyOf(secretBytes, 32);")
    repo.commit("copy the secret", {"lib/HmacAlgorithm.java": copied})
    assert "C8" in asked(cli)


def test_the_constructor_of_a_class_the_line_calls_still_asks_it(repo, cli):
    """REVIEW-E365, adversarial (starlette 427a8dcf35): a line calling the class
    (`Blueprint(name)`) names its constructor: a hunk in `__init__` is still asked of it."""
    called = SPEC.replace("- `Blueprint` is a", "- `Blueprint(name)` is a")
    repo.commit("base", {"specs/bp.md": called, "pkg/blueprints.py": SOURCE})
    source = SOURCE.replace("self.deferred = []", "self.deferred = [None]")
    repo.commit("a list", {"pkg/blueprints.py": source})
    assert "C8" in asked(cli)


PRIVATE = SOURCE.replace(
    "    def record(self, func):\n        self.deferred.append(func)\n",
    "    def record(self, func):\n        self._append(func)\n\n"
    "    def _append(self, func):\n        self.deferred.append(func)\n",
)


def test_a_private_helper_of_the_class_still_asks_it(repo, cli):
    """REVIEW-E367 (cachecontrol 4e267a8c32: `_load_from_cache` of `CacheController`, the line
    about the controller the change is about): a private method is the class's own working,
    which the line describes: still asked."""
    repo.commit("base", {"specs/bp.md": SPEC, "pkg/blueprints.py": PRIVATE})
    source = PRIVATE.replace("self.deferred.append(func)", "self.deferred.insert(0, func)")
    repo.commit("first", {"pkg/blueprints.py": source})
    assert "C8" in asked(cli)


def test_a_word_the_line_spells_in_code_that_the_hunk_changes_still_asks_it(repo, cli):
    """REVIEW-E367 (httparse cf693659d3: `Bytes::peek_ahead` drops an `unsafe` block the line
    about `Bytes` speaks of): still asked; a public method the line never names, changing no
    word it spells, is not (REVIEW-E365)."""
    spelled = SPEC.replace("under its `name`.", "under its `name`; `teardown` is kept.")
    repo.commit("base", {"specs/bp.md": spelled, "pkg/blueprints.py": SOURCE})
    listed = SOURCE.replace("self.teardown = f", "self.teardown = [f]")
    repo.commit("a", {"pkg/blueprints.py": listed})
    assert "C8" in asked(cli)
    returned = listed.replace("        return f\n", "        return None\n")
    repo.commit("b", {"pkg/blueprints.py": returned})
    assert "C8" not in asked(cli)
