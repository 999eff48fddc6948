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


VERIFIER = """package x;

import java.util.List;

public final class V {
    public void verify(List<String> a, List<String> e) {
        if (!check(a, e)) {
            throw new IllegalStateException("aud");
        }
    }

    private boolean check(
            List<String> audience,
            List<String> values) {
        return audience != null && values != null && audience.containsAll(values);
    }

    private boolean matches(
            List<String> audience,
            boolean all
    ) {
        return all && check(audience, audience);
    }
}
"""

VERIFY_SPEC = """---
id: VERIFY
scope: ["src/**"]
---
# Verify

## Context
- `verify()` uses `check()`.

## Requirements
- VERIFY-1: The token holds every expected audience.
"""


def test_a_java_method_whose_parameters_span_lines_holds_its_body(repo, cli):
    """REVIEW-E313 (java-jwt `d5c05d7`: `assertValidAudienceClaim(` with its parameters over
    lines was no definition, the body change asked nothing, and its declaration was a call):
    the change is `check()`'s, asked with the Context line naming it; the ripple lists the
    callers, not the declarations `boolean check(` and `boolean matches(`."""
    repo.commit("base", {"specs/verify.md": VERIFY_SPEC, "src/V.java": VERIFIER})
    dropped = VERIFIER.replace("audience != null && values != null", "audience != null")
    repo.commit("drop null check", {"src/V.java": dropped})
    data = review_json(cli, "HEAD", "--all")
    assert [q["statement"]["line"] for q in data["questions"]] == [8]
    assert not data["unasked"]
    ripples = {r["symbol"]["name"]: r["uses"] for r in data["ripples"]}
    assert [(u["line"], u["function"]) for u in ripples["check"]] == [
        (7, "verify"),
        (22, "matches"),
    ]
    repo.commit("matches", {"src/V.java": dropped.replace("all && check", "!all && check")})
    ripples = {r["symbol"]["name"]: r["uses"] for r in review_json(cli, "HEAD")["ripples"]}
    assert "matches" not in ripples or all(u["use"] != "call" for u in ripples["matches"])


def test_a_call_whose_arguments_span_lines_defines_nothing(repo, cli):
    """REVIEW-E313: `submit(` whose last argument opens an anonymous class (`new Task() {`) is
    a call, not a definition of `submit`: a change in the class's body stays `verify()`'s."""
    task = VERIFIER.replace(
        '            throw new IllegalStateException("aud");',
        "            submit(\n                    new Task() {\n"
        '                        void run() { log("aud"); }\n                    });',
    )
    repo.commit("base", {"specs/verify.md": VERIFY_SPEC, "src/V.java": task})
    repo.commit("log", {"src/V.java": task.replace('log("aud")', 'log("audience")')})
    acts = [q["acts"] for q in review_json(cli, "HEAD", "--all")["questions"]]
    assert acts and "submit" not in str(acts)


CREATOR = """package x;

public final class Creator {
    private static int count = 1;

    public static class Builder {
        private Map<String, Object> headerClaims;

        public Builder withHeader(String k, Object v) {
            int used = 0;
            headerClaims.put(k, v);
            return this;
        }
    }
}
"""

CREATE_SPEC = """---
id: CREATE
scope: ["src/**"]
---
# Create

## Context
- `Creator.Builder` collects `headerClaims` in a map; `count` counts the builders.

## Requirements
- CREATE-1: `withHeader` adds one header claim.
"""


def _acts(cli):
    return {
        act["name"] for q in review_json(cli, "HEAD", "--all")["questions"] for act in q["acts"]
    }


def test_a_field_made_final_changes_nothing(repo, cli):
    """REVIEW-E315 (java-jwt `542f7fa`: `headerClaims` made `final` asked two questions):
    a field that gains or loses `final` alone asks nothing; REVIEW-E314: a field of the nested
    `public static class Builder` is `Builder`'s, not `Creator`'s (no `Creator()` exists);
    REVIEW-E420: given a value, it is the field's own write."""
    repo.commit("base", {"specs/create.md": CREATE_SPEC, "src/Creator.java": CREATOR})
    final = CREATOR.replace("private Map", "private final Map")
    repo.commit("final field", {"src/Creator.java": final})
    data = review_json(cli, "HEAD", "--all")
    assert (data["questions"], data["noop_files"]) == ([], ["src/Creator.java"])
    repo.commit("retype", {"src/Creator.java": final.replace("Map<", "HashMap<")})
    assert _acts(cli) == {"Builder"}
    # REVIEW-E420: a field given a value is that field's write, not its class's
    repo.commit(
        "init", {"src/Creator.java": final.replace("headerClaims;", "headerClaims = null;")}
    )
    assert _acts(cli) == {"headerClaims"}


def test_final_that_changes_what_runs_still_asks(repo, cli):
    """REVIEW-E315: a field with a value made final, static or not, is a constant javac writes
    into its readers (a reflective write to an instance field is then no longer seen: found by
    the review of the session's change), and a local made final is no field: all still ask."""
    repo.commit("base", {"specs/create.md": CREATE_SPEC, "src/Creator.java": CREATOR})
    static = CREATOR.replace("private static int", "private static final int")
    repo.commit("static final", {"src/Creator.java": static})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []
    local = static.replace("int used = 0;", "final int used = 0;")
    repo.commit("final local", {"src/Creator.java": local})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []
    method = local.replace("public Builder withHeader", "public final Builder withHeader")
    repo.commit("final method", {"src/Creator.java": method})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []
    valued = method.replace(
        "Object> headerClaims;", "Object> headerClaims;\n        private boolean on = false;"
    )
    repo.commit("instance field with a value", {"src/Creator.java": valued})
    constant = valued.replace("private boolean on", "private final boolean on")
    repo.commit("final instance field with a value", {"src/Creator.java": constant})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []


SER = """package x;

public final class Ser {
    private List<Long> aud;

    public String dates(List<Long> values) {
        StringBuilder b = new StringBuilder();
        for (Long v : values) {
            b.append(v / 1000);
        }
        return b.toString();
    }
}
"""

SER_SPEC = """---
id: SER
scope: ["src/**"]
---
# Serializer

## Requirements
- SER-1: `aud` with one value is written as a JSON string, with several as a JSON array.
- SER-2: Dates are written as whole seconds.
"""


def _named(cli):
    return {
        name
        for q in review_json(cli, "HEAD", "--all")["questions"]
        for name in q["evidence"]["names"]
    }


def test_an_enhanced_for_variable_is_a_local(repo, cli):
    """REVIEW-E316 (java-jwt `0dc9fd0`: `for (Long aud : values)` "names `aud`"): the variable
    an enhanced `for` binds is a local, no name a statement writes; the collection it walks
    (`for (Long v : aud)`, the field) still is."""
    repo.commit("base", {"specs/ser.md": SER_SPEC, "src/Ser.java": SER})
    bound = SER.replace("Long v : values", "Long aud : values").replace("(v / ", "(aud / ")
    repo.commit("rename loop variable", {"src/Ser.java": bound})
    assert "aud" not in _named(cli)
    repo.commit("back", {"src/Ser.java": SER})
    repo.commit(
        "walk the field", {"src/Ser.java": SER.replace("Long v : values", "final Long v : aud")}
    )
    assert "aud" in _named(cli)


LEEWAY = """package x;

public final class V {
    private long leeway;

    public V acceptLeeway(long leeway) throws IllegalArgumentException {
        this.leeway = leeway;
        return this;
    }

    private void require(String name, Object value) {
    }
}
"""

LEEWAY_SPEC = """---
id: VERIFY
scope: ["src/**"]
---
# Verify

## Requirements
- VERIFY-1: Leeways are in seconds and must not be negative (`IllegalArgumentException`).
- VERIFY-2: `withArrayClaim` requires the token's array to contain all the given items.
"""


def test_a_throws_clause_names_no_exception_the_hunk_raises(repo, cli):
    """REVIEW-E317 (java-jwt `373bb6b`, `84c2258`, `98a6c96`: a new builder method declaring
    `throws IllegalArgumentException` asked the leeway requirement naming it): a signature's
    `throws` clause, on its line or below, is no evidence; a `throw new` of it still is."""
    repo.commit("base", {"specs/v.md": LEEWAY_SPEC, "src/V.java": LEEWAY})
    added = LEEWAY.replace(
        "    private void require(",
        "    public V withArrayClaim(String name, Long... items)\n"
        "            throws IllegalArgumentException, IllegalStateException {\n"
        "        require(name, items);\n        return this;\n    }\n\n"
        "    public V withArrayClaim(String name, Integer... items)"
        " throws IllegalArgumentException {\n"
        "        require(name, items);\n        return this;\n    }\n\n    private void require(",
    )
    repo.commit("Support Long[] array claims", {"src/V.java": added})
    assert {q["statement"]["id"] for q in review_json(cli, "HEAD", "--all")["questions"]} == {
        "VERIFY-2"
    }
    thrown = added.replace(
        "        this.leeway = leeway;",
        "        if (leeway < 0) {\n            throw new IllegalArgumentException();\n        }\n"
        "        this.leeway = leeway;",
    )
    repo.commit("reject negative leeway", {"src/V.java": thrown})
    assert "IllegalArgumentException" in _named(cli)
