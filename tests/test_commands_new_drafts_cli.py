"""`specflow new --scope` on the code the session-24 trials drafted from, through the CLI on
real repositories: Python's `*args` and `**kw`, a docstring's fields (sqlparse), Go's
unexported types and the order of its names (google/uuid), JavaScript's anonymous default
export and re-exports (uuidjs)."""

from __future__ import annotations

from specflow.sources.markdown import parse_spec

UTILS = '''def recurse(*cls):
    """Function decorator

    :param cls: x
    """


def imt(token, i=None, *, m=None, **kw):
    """Helper function to simplify comparisons
    :param token:
    :param i: Class
    """


def only(a, *, b):
    """:func:`imt` for one token. Returns it.

    Args:
        a: the token
    """


def fields_first(x):
    """:param x: the value

    Reads the value.
    """


def google(x):
    """Reads a value
    Args:
        x: the value
    """
'''


def drafted(repo, cli, files: dict[str, str]) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The Context lines `new --scope` drafts for `files`, committed, one list per file."""
    repo.write(files)
    repo.commit("code")
    assert cli("new", "Drafted", "--id", "DRAFTED", "--scope", "src/**").code == 0
    spec = parse_spec("specs/drafted.md", repo.read("specs/drafted.md"))
    return [c.text.splitlines() for c in spec.context]


def test_python_drafts_star_arguments_and_stops_a_docstring_at_its_fields(repo, cli):
    """NEW-E21 (sqlparse `utils.py`, the s24 trial's repro D6): `recurse(*cls)` was drafted as
    `recurse()`, `**kw` dropped, and "Helper function to simplify comparisons :param token:
    :param i: Class" taken as the first sentence. A keyword-only argument stays a name; a role
    (`:func:`imt``) opening the first line is prose, not a field; a docstring whose first
    paragraph is only fields drafts its next paragraph."""
    assert drafted(repo, cli, {"src/utils.py": UTILS}) == [
        [
            "Draft: `src/utils.py`",
            "- `recurse(*cls)`: Function decorator",
            "- `imt(token, i, m, **kw)`: Helper function to simplify comparisons",
            "- `only(a, b)`: `imt` for one token.",  # NEW-E41: a role's name as code
            "- `fields_first(x)`: Reads the value.",
            "- `google(x)`: Reads a value",
        ]
    ]


def test_jsdoc_tags_end_the_drafted_sentence(repo, cli):
    """NEW-E21: a JSDoc `@param` line right under the sentence is a field as `:param` is."""
    code = "/**\n * Parse a UUID\n * @param {string} uuid the text\n */\n"
    code += "export function parse(uuid) {}\n"
    assert drafted(repo, cli, {"src/parse.js": code}) == [
        ["Draft: `src/parse.js`", "- `parse(uuid)`: Parse a UUID"]
    ]


UUID_GO = """package uuid

// A UUID is a 128 bit (16 byte) Universal Unique IDentifier.
type UUID [16]byte

const (
	// Invalid is an invalid variant.
	Invalid = Variant(iota)
	RFC4122
)

// ErrInvalidLength is returned for a string of the wrong length.
var ErrInvalidLength = errors.New("invalid length")

type invalidLengthError struct{ len int }

func (err invalidLengthError) Error() string {
	return ""
}

func (err *invalidLengthError) Is(target error) bool {
	return false
}

// Parse decodes s into a UUID.
func Parse(s string) (UUID, error) {
	return UUID{}, nil
}

// String returns the string form of uuid.
func (uuid UUID) String() string {
	return ""
}

func (uuid *UUID) Scan(src interface{}) error {
	return nil
}

func xtob(x1, x2 byte) (byte, bool) {
	return 0, false
}
"""


def test_go_drafts_no_method_of_an_unexported_type_and_its_functions_first(repo, cli):
    """NEW-E22 (google/uuid's uuid.go, the gouuid trial's D10): `invalidLengthError.Error` and
    `.Is` were drafted, methods of a type no importer can name, and the constants and `ErrX`
    variables took the twelve places before `Parse`. An exported type's methods stay, by value
    or pointer receiver; constants and variables follow the functions and types."""
    assert drafted(repo, cli, {"src/uuid.go": UUID_GO}) == [
        [
            "Draft: `src/uuid.go`",
            "- `type UUID`: A UUID is a 128 bit (16 byte) Universal Unique IDentifier.",
            "- `Parse(s string)`: Parse decodes s into a UUID.",
            "- `UUID.String()`: String returns the string form of uuid.",
            "- `UUID.Scan(src interface{})`",
            "- `Invalid`: Invalid is an invalid variant.",
            "- `RFC4122`",
            "- `ErrInvalidLength`: ErrInvalidLength is returned for a string of the wrong length.",
        ]
    ]


def test_javascript_drafts_an_anonymous_default_export_and_re_exports(repo, cli):
    """NEW-E23 (uuidjs at its base: src/v35.js's `export default function (name, version,
    hashfunc) {` and src/index.js's `export { default as v1 } from './v1.js';` drafted only
    file names): the anonymous default export as `default(...)` with its comment (a function,
    an arrow function, a class), and each name re-exported, with the module it comes from, as a
    Python package's `__all__` re-exports (NEW-E7). `export * from` names nothing; a default
    export of a name, and one with a name of its own, are drafted as before (NEW-E15, NEW-E9)."""
    files = {
        "src/v35.js": "// Version 3 and 5 UUIDs.\nexport default function (name, version) {\n}\n",
        "src/arrow.js": "export default async (a, b) => a + b;\n",
        "src/klass.js": "/** A store. */\nexport default class {\n}\n",
        "src/named.js": "export default function named(x) {\n}\n",
        "src/index.js": (
            "export { default as v1, default as v4 } from './v1.js';\n"
            'export { parse, type Options as Opts } from "./parse.js";\n'
            "export * from './all.js';\n"
            "const local = 1;\nexport { local };\n"
        ),
    }
    assert drafted(repo, cli, files) == [
        ["Draft: `src/arrow.js`", "- `default(a, b)`"],
        [
            "Draft: `src/index.js`",
            "- `local`",
            "- `v1`: from `./v1.js`",
            "- `v4`: from `./v1.js`",
            "- `parse`: from `./parse.js`",
            "- `Opts`: from `./parse.js`",
        ],
        ["Draft: `src/klass.js`", "- `class default`: A store."],
        ["Draft: `src/named.js`", "- `named(x)`"],
        ["Draft: `src/v35.js`", "- `default(name, version)`: Version 3 and 5 UUIDs."],
    ]


SERIALIZERS = '''class JSONSerializer(object):
    """ A serializer which uses `json.dumps`` and ``json.loads``"""


class Base64Serializer(object):
    """Wraps :class:`JSONSerializer`; see :ref:`the cookie guide <cookies>` for more."""
'''


def test_rest_literals_and_roles_are_one_code_span_each(repo, cli):
    """NEW-E41 (webob `cookies.py`, the s33 trial): `JSONSerializer`'s "`json.dumps`` and
    ``json.loads``" was drafted with escaped backticks in sight; each literal (one typed with a
    single backtick on a side too) is one code span, a role naming code is its name as code,
    and `:ref:`'s text stays words."""
    assert drafted(repo, cli, {"src/cookies.py": SERIALIZERS}) == [
        [
            "Draft: `src/cookies.py`",
            "- `class JSONSerializer`: A serializer which uses `json.dumps` and `json.loads`",
            "- `class Base64Serializer`: Wraps `JSONSerializer`; see the cookie guide for more.",
        ]
    ]
