"""`specflow new --scope` drafts the members a maintainer starts a spec from, through the CLI on
real repositories: a public Python class's public methods (NEW-E17, the tomlkit trial's
`class Source` drafted with none of its ~20 methods), and Go's named types that are no struct
and its exported constants and variables (NEW-E18, the logrus trial: `type Level uint32`,
`type Fields`, the level constants and `AllLevels` left out of logrus.go's draft)."""

from __future__ import annotations

from specflow.sources.markdown import parse_spec


def drafted(repo, cli, files: dict[str, str]) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The Context lines `new --scope` drafts for `files`, committed, one list per file."""
    repo.write(files)
    repo.commit("code")
    assert cli("new", "Drafted", "--id", "DRAFTED", "--scope", "src/**").code == 0
    assert cli("lint").code == 0
    spec = parse_spec("specs/drafted.md", repo.read("specs/drafted.md"))
    return [c.text.splitlines() for c in spec.context]


SOURCE = '''"""Reading the input."""


class Source(str):
    """A string the parser reads, with a cursor."""

    def __init__(self, _input):
        self._idx = 0

    @property
    def current(self):
        """The character under the cursor."""
        return self[self._idx]

    def inc(self, exception=None):
        """Increments the parser if the end of the input has not been reached.

        Returns whether it moved."""
        return True

    def _to_linecol(self):
        return 0, 0

    def __eq__(self, other):
        return str(self) == other

    def consume(self, chars, min=0, max=-1):
        """Consume chars until min/max is satisfied."""


class _State:
    def enter(self):
        """Private class: not drafted."""


def parse(text):
    """Parse a document."""
'''


def test_a_public_class_drafts_its_public_methods(repo, cli):
    """NEW-E17 (tomlkit: `class Source` drafted alone): each public method of a public class
    as `Source.inc(exception)`, a property as `Source.current`, with its docstring's first
    sentence, after the module's own names; private and dunder methods and private classes'
    are left out."""
    (source,) = drafted(repo, cli, {"src/source.py": SOURCE})
    assert source == [
        "Draft: `src/source.py`: Reading the input.",
        "- `class Source`: A string the parser reads, with a cursor.",
        "- `parse(text)`: Parse a document.",
        "- `Source.current`: The character under the cursor.",
        "- `Source.inc(exception)`: Increments the parser if the end of the input has not been "
        "reached.",
        "- `Source.consume(chars, min, max)`: Consume chars until min/max is satisfied.",
    ]


def test_a_class_with_many_methods_names_the_rest_on_one_line(repo, cli):
    """NEW-E17 with NEW-E8: the draft stays bounded: past twelve names the rest are named on
    the `Also:` line, never dropped."""
    methods = "".join(f"    def m{n}(self):\n        pass\n\n" for n in range(20))
    (many,) = drafted(repo, cli, {"src/many.py": f"class Many:\n{methods}"})
    assert len(many) == 14  # the file, twelve names, the rest on one line
    assert many[1] == "- `class Many`" and many[-2] == "- `Many.m10()`"
    assert many[-1].startswith("- Also: `Many.m11`") and "`Many.m19`" in many[-1]


GO = """package logrus

// Fields type, used to pass to WithFields.
type Fields map[string]interface{}

// Level type
type Level uint32

type level uint8

// Convert the Level to a string.
func (level Level) String() string {
	return ""
}

const (
	// PanicLevel level, highest level of severity.
	PanicLevel Level = iota
	InfoLevel
	debugLevel
)

// AllLevels exposes all logging levels.
var AllLevels = []Level{
	PanicLevel,
	InfoLevel,
}

const maxDepth = 3

// Logger logs.
type Logger struct {
	Level Level
}

// Hook fires.
type Hook interface {
	Fire() error
}
"""


def test_go_drafts_its_named_types_constants_and_variables(repo, cli):
    """NEW-E18 (logrus: `type Level`, `type Fields`, the level constants and `AllLevels` left
    out): each exported named type, constant (alone or in a `const (` block) and variable, in
    the file's order, with its comment; unexported ones, the values listed inside a variable's
    literal and a struct's fields are not names of their own. NEW-E22: the constants and
    variables after the functions and types."""
    (logrus,) = drafted(repo, cli, {"src/logrus.go": GO})
    assert logrus == [
        "Draft: `src/logrus.go`",
        "- `type Fields`: Fields type, used to pass to WithFields.",
        "- `type Level`: Level type",
        "- `Level.String()`: Convert the Level to a string.",
        "- `type Logger`: Logger logs.",
        "- `interface Hook`: Hook fires.",
        "- `PanicLevel`: PanicLevel level, highest level of severity.",
        "- `InfoLevel`",
        "- `AllLevels`: AllLevels exposes all logging levels.",
    ]


def test_a_typescript_type_alias_that_is_not_exported_is_still_left_out(repo, cli):
    """NEW-E18, adversarial: only a Go file drafts a bare `type X = ...` or `const X`: in
    TypeScript they are the module's own."""
    ts = "type Props = {a: number};\nconst Limit = 3;\nexport const shown = 1;\n"
    (options,) = drafted(repo, cli, {"src/options.ts": ts})
    assert options == ["Draft: `src/options.ts`", "- `shown`"]


VERIFIER = (
    """package demo;

public final class Verifier {
    /** Checks a token. */
    public void verify(String token) {
    }

    public static class Base {
        /** Requires the issuer. */
        public Base withIssuer(String issuer) {
            return this;
        }
"""
    + "".join(
        f"""
        public Base withClaim(String name, {kind} value) {{
            return this;
        }}
"""
        for kind in (
            "Boolean",
            "Integer",
            "Long",
            "Double",
            "String",
            "Date",
            "Object",
            "Map",
            "List",
            "Instant",
            "Short",
            "Byte",
        )
    )
    + """    }

    private static class Hidden {
        public void secret() {
        }
    }

    public void verify(String token, long now) {
    }
}
"""
)


def test_a_nested_java_class_drafts_its_methods_by_its_own_name(repo, cli):
    """NEW-E28 (the java-jwt trial's D7: `BaseVerification`'s methods drafted as
    `JWTVerifier.withIssuer(...)`): a public nested class's methods are `Verifier.Base`'s, a
    private one's are not drafted, and the outer class's below it are its own again; NEW-E29:
    the `Also:` line names each overloaded name once, with how many it stands for."""
    lines = drafted(repo, cli, {"src/Verifier.java": VERIFIER})[0]
    assert lines[1:4] == [
        "- `class Verifier`",
        "- `Verifier.verify(String token)`: Checks a token.",
        "- `Verifier.Base.withIssuer(String issuer)`: Requires the issuer.",
    ]
    assert not any("secret" in line for line in lines)
    assert lines[-1] == ("- Also: `Verifier.Base.withClaim` (3 overloads), `Verifier.verify`")
