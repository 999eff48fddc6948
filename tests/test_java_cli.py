"""What the commons-csv trial (Java) found, through the CLI on real repositories: a method with
a return type or `throws` is a definition, for the review, its ripples and `context`; a
language's keywords name nothing (REVIEW-E78)."""

from __future__ import annotations

import json

from testing.util import review_json

SPEC = """---
id: PRINT
scope: ["src/**"]
---
# Printing

## Context
- `Printer.printWithEscapes()` writes the escape char before CR (written `r`).

## Requirements
- PRINT-1: A record printed with escapes parses back to the same values.
- PRINT-2: A `boolean` option is printed as it is.
"""

PRINTER = """package demo;

public final class Printer {
    private final char escape = '\\\\';

    public void printWithEscapes(final String value, final Appendable out) throws IOException {
        char c = value.charAt(0);
        if (c == '\\r') {
            c = 'r';
        }
        out.append(escape).append(c);
    }

    private static <T> int count(final List<T> values) {
        return values.size();
    }
}
"""

MAIN = """package demo;

public final class Main {
    public static void main(String[] args) throws IOException {
        Printer printer = new Printer();
        printer.printWithEscapes("a", System.out);
    }
}
"""


def test_a_java_method_holds_its_change(repo, cli):
    """REVIEW-E78 (commons-csv: `printWithEscapes` writing CR as `R`, no question, and the
    ripple listed the class's constructor calls): the change is in `printWithEscapes()`, asked
    with the Context line naming it, and rippled to its caller."""
    repo.commit(
        "base", {"specs/print.md": SPEC, "src/Printer.java": PRINTER, "src/Main.java": MAIN}
    )
    repo.commit("Escape CR as R", {"src/Printer.java": PRINTER.replace("c = 'r';", "c = 'R';")})
    data = review_json(cli, "HEAD")
    assert [q["statement"]["line"] for q in data["questions"]] == [8]
    ripples = {r["symbol"]["name"]: r["uses"] for r in data["ripples"]}
    assert [(u["path"], u["function"]) for u in ripples["printWithEscapes"]] == [
        ("src/Main.java", "main")
    ]
    assert "Printer" not in ripples
    shown = json.loads(cli("context", "src/Printer.java", "--format", "json").out)
    assert shown["defines"] == ["Printer", "printWithEscapes"]


def test_a_keyword_a_statement_writes_names_nothing(repo, cli):
    """REVIEW-E78: `boolean` in a statement is Java's keyword, not a name a rename shares."""
    flag = PRINTER.replace(
        "        return values.size();",
        "        boolean empty = false;\n        return values.size();",
    )
    repo.commit("base", {"specs/print.md": SPEC, "src/Printer.java": flag})
    renamed = flag.replace("boolean empty = false;", "boolean none = false;")
    repo.commit("rename", {"src/Printer.java": renamed})
    assert "PRINT-2" not in {
        q["statement"]["id"] for q in review_json(cli, "HEAD", "--all")["questions"]
    }
