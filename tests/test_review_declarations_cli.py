"""REVIEW-E380 through the CLI on real repositories: a method declared without a body (a Java
interface's or abstract method, a C prototype behind an export macro, TypeScript's signature)
is what a hunk on its line changes, as a definition with a body is (auth0/java-jwt's `Claim`
interface and json-c's `JSON_EXPORT` headers were "changes these lines")."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: API
scope: ["src/**"]
---
# Api

## Requirements
- API-1: `getName()` returns the name of the claim.
- API-2: `json_compare()` compares two items.
- API-4: `size()` counts the claims and `valid()` checks one.
"""
INTERFACE = """package a;

public interface Claim {

    /**
     * The name.
     */
    String getName();

    Integer asInt();
}
"""
ABSTRACT = """package a;

public abstract class Claim {

    public abstract String getName();

    public int size() {
        assert valid(1);
        return 1;
    }
}
"""
HEADER = """#ifndef A_H
#define A_H

JSON_EXPORT int json_compare(const struct json *a, const struct json *b);
int other(void);

#endif
"""
TYPED = """export abstract class Claim {
  abstract getName(): string;

  size(): number {
    return 1;
  }
}
"""
CASES = [
    ("src/Claim.java", INTERFACE, "String getName();", "String getName(String fallback);"),
    ("src/Claim.java", ABSTRACT, "String getName();", "String getName(String fallback);"),
    ("src/json.h", HEADER, "*b);", "*b, int strict);"),
    ("src/claim.ts", TYPED, "getName(): string;", "getName(fallback: string): string;"),
]


def _acts(repo, cli, path: str, before: str, after: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    repo.commit("base", {"specs/api.md": SPEC, path: before})
    return _changed(repo, cli, path, after)


def _changed(repo, cli, path: str, after: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    repo.commit("change", {path: after})
    questions = review_json(cli, "HEAD", "--all")["questions"]
    assert questions, "no question"
    return [(act["verb"], act["name"]) for q in questions for act in q["acts"]]


@pytest.mark.parametrize(("path", "text", "old", "new"), CASES)
def test_a_declaration_changed_names_its_method(  # type: ignore[no-untyped-def]
    repo, cli, path: str, text: str, old: str, new: str
) -> None:
    """REVIEW-E380: "changes `getName()`", not "changes these lines" nor the class's name."""
    acts = _acts(repo, cli, path, text, text.replace(old, new))
    name = "json_compare" if path == "src/json.h" else "getName"
    assert acts == [("changes", name)]


def test_a_call_is_no_declaration(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """REVIEW-E380: `assert valid(2);` in `size()` calls `valid`: the hunk changes `size()`."""
    changed = ABSTRACT.replace("String getName();", "String getName(int a);")
    assert _acts(repo, cli, "src/Claim.java", ABSTRACT, changed) == [("changes", "getName")]
    after = changed.replace("valid(1)", "valid(2)")
    assert _changed(repo, cli, "src/Claim.java", after) == [("changes", "size")]


def test_a_declaration_only_reindented_names_nothing(repo, cli) -> None:  # type: ignore[no-untyped-def]
    """REVIEW-E380: a declaration's line only reindented (auth0/java-jwt `8e02a2efb4`, where git
    splits the hunk into runs a token comparison reads apart) is no change of the method."""
    changed = INTERFACE.replace("String getName();", "String getName(int a);")
    assert ("changes", "getName") in _acts(repo, cli, "src/Claim.java", INTERFACE, changed)
    after = changed.replace("    String getName(", "  String getName(")
    after = after.replace("Integer asInt();", "Integer asInt(int radix);")
    assert ("changes", "getName") not in _changed(repo, cli, "src/Claim.java", after)
