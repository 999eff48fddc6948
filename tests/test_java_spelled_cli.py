"""What the gson trial (Java) found, through the CLI on real repositories: type arguments an
expression drops (REVIEW-E417), a Yoda comparison turned round (REVIEW-E418) and an annotation
only the compiler reads (REVIEW-E419) change nothing; a field's value changed is that field's
write, not its class's constructor (REVIEW-E420)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: GSON
scope: ["src/**"]
---
# Gson

## Context
- `Gson` builds its factories from `GsonBuilder`'s settings; `JsonReader` reads tokens.

## Requirements
- GSON-1: `Gson.factories()` lists the builder's factories and nothing else.
- GSON-2: `JsonReader.nextString()` returns the string as read, copied out of the `builder`.
"""

GSON = """package x;

public final class Gson {
    private List<Factory> names = new ArrayList<Factory>();

    public List<Factory> factories(List<Factory> given) {
        List<Factory> all = new ArrayList<String>(given);
        all.addAll(Collections.<Factory>emptyList());
        all.addAll(Collections.<Factory>emptySet());
        Map<String, Factory> byName = new HashMap<String, Factory>();
        TypeToken<List<String>> token = new TypeToken<List<String>>() {};
        return all;
    }

    public String nextString(StringBuilder builder) {
        String result = (null == builder) ? "" : builder.toString();
        if (null != builder.length) {
            return result;
        }
        return result + nextName();
    }

    public Gson setVersion(double version) {
        return this;
    }

    public Object value() {
        return null;
    }
}
"""


def _asked(repo, cli, message: str, code: str) -> list[str]:  # type: ignore[no-untyped-def]
    repo.commit(message, {"src/Gson.java": code})
    data = review_json(cli, "HEAD", "--all")
    return data["noop_files"] if not data["questions"] else ["asked"]


def test_type_arguments_an_expression_drops_change_nothing(repo, cli):
    """REVIEW-E417 (gson `87d30c0`: `Collections.<TypeAdapterFactory>emptyList()` as
    `Collections.emptyList()` asked 3 questions): a witness or a `new`'s type arguments
    dropped or added is erased at run time: no question. A declaration's type argument
    changed, a witness changed, and an anonymous class's type arguments (read by reflection:
    `TypeToken`) still ask."""
    repo.commit("base", {"specs/gson.md": SPEC, "src/Gson.java": GSON})
    dropped = GSON.replace("Collections.<Factory>emptyList()", "Collections.emptyList()")
    dropped = dropped.replace("new HashMap<String, Factory>()", "new HashMap<>()")
    assert _asked(repo, cli, "drop type arguments", dropped) == ["src/Gson.java"]
    added = dropped.replace("new ArrayList<Factory>()", "new ArrayList<>()")
    assert _asked(repo, cli, "field's diamond", added) == ["src/Gson.java"]
    declared = added.replace("List<Factory> all =", "List<Object> all =")
    assert _asked(repo, cli, "declared type", declared) == ["asked"]
    witness = declared.replace("Collections.<Factory>emptySet()", "Collections.<Object>emptySet()")
    assert _asked(repo, cli, "witness changed", witness) == ["asked"]
    anonymous = witness.replace("new TypeToken<List<String>>() {}", "new TypeToken<>() {}")
    assert _asked(repo, cli, "anonymous diamond", anonymous) == ["asked"]


def test_a_yoda_comparison_turned_round_changes_nothing(repo, cli):
    """REVIEW-E418 (gson `749d22f`: `(null == builder)` as `(builder == null)` asked one
    question): a name or a member chain compared to `null` either way round is the same
    test, in Java and in JavaScript; a call compared, or an operator that binds otherwise,
    still asks, as does C#, where `==` may be overloaded."""
    repo.commit("base", {"specs/gson.md": SPEC, "src/Gson.java": GSON})
    turned = GSON.replace("(null == builder)", "(builder == null)")
    turned = turned.replace("null != builder.length", "builder.length != null")
    assert _asked(repo, cli, "Yoda", turned) == ["src/Gson.java"]
    called = turned.replace("nextName();", "(null == nextName());")
    repo.commit("a call compared", {"src/Gson.java": called})
    assert _asked(
        repo, cli, "call turned", called.replace("(null == nextName())", "(nextName() == null)")
    ) == ["asked"]
    script = "function read(opts) {\n  if (null === opts.builder) {\n    return 1;\n  }\n}\n"
    repo.commit("js", {"src/read.js": script, "src/Read.cs": script.replace("===", "==")})
    repo.commit(
        "js turned",
        {"src/read.js": script.replace("null === opts.builder", "opts.builder === null")},
    )
    assert review_json(cli, "HEAD", "--all")["noop_files"] == ["src/read.js"]
    sharp = script.replace("null === opts.builder", "opts.builder == null")
    repo.commit("c# turned", {"src/Read.cs": sharp})
    assert review_json(cli, "HEAD", "--all")["noop_files"] == []


def test_an_annotation_only_the_compiler_reads_changes_nothing(repo, cli):
    """REVIEW-E419 (gson `c1da2d7`: `@CanIgnoreReturnValue` on builder methods asked 5
    questions): `@CanIgnoreReturnValue`, `@Override`, `@SuppressWarnings("unchecked")` and
    `@Nullable` added are read by the compiler alone: no question. An annotation not known
    to be the compiler's (`@SerializedName`, read by Gson at run time) asks, and so does
    `@NonNull` in a file that imports Lombok, which writes a null check for it."""
    repo.commit("base", {"specs/gson.md": SPEC, "src/Gson.java": GSON})
    annotated = GSON.replace(
        "    public Gson setVersion", "    @CanIgnoreReturnValue\n    public Gson setVersion"
    )
    annotated = annotated.replace(
        "    public Object value",
        '    @Override\n    @SuppressWarnings("unchecked")\n    public @Nullable Object value',
    )
    assert _asked(repo, cli, "annotations", annotated) == ["src/Gson.java"]
    named = annotated.replace("    @Override\n", '    @SerializedName("v")\n    @Override\n')
    assert _asked(repo, cli, "runtime annotation", named) == ["asked"]
    lombok = GSON.replace("package x;\n", "package x;\n\nimport lombok.NonNull;\n")
    repo.commit("lombok", {"src/Gson.java": lombok})
    checked = lombok.replace(
        "nextString(StringBuilder builder)", "nextString(@NonNull StringBuilder builder)"
    )
    assert _asked(repo, cli, "lombok's NonNull", checked) == ["asked"]


READER = """package x;

/** Reads JSON. */
public class JsonReader implements Closeable {
    private static final int DEFAULT_NESTING_LIMIT = 255;

    private int nestingLimit;

    /** Creates a reader. */
    public JsonReader(Reader in) {
        this.nestingLimit = DEFAULT_NESTING_LIMIT;
    }
}
"""

READER_SPEC = """---
id: READER
scope: ["src/**"]
---
# Reader

## Requirements
- READER-1: `JsonReader` rejects a document nested deeper than its nesting limit.
"""


def test_a_field_value_changed_is_the_field_not_the_constructor(repo, cli):
    """REVIEW-E420 (a user's report on gson's JsonReader.java): a change of a class field's
    value said "changes `JsonReader()`", the class named as its constructor; it writes
    `DEFAULT_NESTING_LIMIT`, and the constructor is not listed as changed untested."""
    repo.commit("base", {"specs/reader.md": READER_SPEC, "src/JsonReader.java": READER})
    repo.commit("limit", {"src/JsonReader.java": READER.replace("= 255;", "= 512;")})
    data = review_json(cli, "HEAD", "--all")
    acts = [(a["verb"], a["name"]) for q in data["questions"] for a in q["acts"]]
    assert acts == [("writes", "DEFAULT_NESTING_LIMIT")]
    assert [u["name"] for u in data["untested"]] == []


def test_type_arguments_of_a_receiver_still_ask(repo, cli):
    """REVIEW-E417, still asked: a witness or a `new`'s type arguments on an expression whose
    result a member is read of (`Optional.<String>empty().orElse(null)`, `new
    ArrayList<String>().get(0)`) are that member's only type: dropped, `orElse` returns an
    `Object` and `show(...)` may call another overload."""
    code = GSON.replace(
        "return result + nextName();", "return show(Optional.<String>empty().orElse(null));"
    )
    repo.commit("base", {"specs/gson.md": SPEC, "src/Gson.java": code})
    witness = code.replace("Optional.<String>empty()", "Optional.empty()")
    assert _asked(repo, cli, "drop a receiver's witness", witness) == ["asked"]
    made = code.replace("Optional.<String>empty().orElse(null)", "new ArrayList<String>().get(0)")
    repo.commit("new", {"src/Gson.java": made})
    diamond = made.replace("new ArrayList<String>()", "new ArrayList<>()")
    assert _asked(repo, cli, "a receiver's diamond", diamond) == ["asked"]


def test_nullness_a_code_generator_or_injector_reads_still_asks(repo, cli):
    """REVIEW-E419, still asked: AutoValue writes a null check into the constructor it
    generates for each property not `@Nullable`, and Guice (`@Inject`) injects null only where
    a `@Nullable` says so: in their files, nullness annotations change what runs."""
    for imported in ("com.google.auto.value.AutoValue", "com.google.inject.Inject"):
        code = GSON.replace("package x;\n", f"package x;\n\nimport {imported};\n")
        repo.commit(imported, {"specs/gson.md": SPEC, "src/Gson.java": code})
        nullable = code.replace("    public Object value", "    public @Nullable Object value")
        assert _asked(repo, cli, f"nullable with {imported}", nullable) == ["asked"], imported
