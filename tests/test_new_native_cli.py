"""NEW-E30: `new --scope` drafts a C file's functions, with their leading comment (the jsonc
trial's D5: `new --scope json_pointer.c` drafted "- Draft: `json_pointer.c`" only); NEW-E31: a
Rust file's private items, its constants and the types its macros define (the rusturl trial's
D8: `parse_ipv4addr`, `FRAGMENT`, `ParseError` missing). Through the CLI on real repositories."""

from __future__ import annotations

from testing.util import drafted_context


def drafted(repo, cli, files: dict[str, str | bytes]) -> list[list[str]]:
    return drafted_context(repo, cli, files)


C_CODE = (
    "#include <stdlib.h>\nstruct tok;\nint proto(int x);\n/* Parse a string. */\n"
    "int parse_string(struct tok *t, const char *s)\n{\n\tif (t)\n\t\treturn helper(0);\n"
    "\treturn 0;\n}\n\n/* Old style. */\nstatic char *\nold_style(int a,\n          char **b)\n{\n"
    "\treturn 0;\n}\n\nCJSON_PUBLIC(cJSON *) cJSON_Parse(const char *value) {\n\treturn NULL;\n}\n"
    "static const struct x table[] = {\n\t{1},\n};\nvoid nothing(void)\n{\n}\n"
)


def test_a_c_file_drafts_its_functions(repo, cli):
    """NEW-E30: each definition (static or not, its type above it, its parameters over lines,
    a macro around its return type) as `name(a, b)`, with its comment; no prototype, call,
    nor initialiser."""
    assert drafted(repo, cli, {"src/p.c": C_CODE}) == [
        [
            "Draft: `src/p.c`",
            "- `parse_string(t, s)`: Parse a string.",
            "- `old_style(a, b)`: Old style.",
            "- `cJSON_Parse(value)`",
            "- `nothing()`",
        ]
    ]


def test_a_c_header_drafts_its_prototypes(repo, cli):
    """NEW-E30: a header's prototypes are its functions; a `typedef` of a function is not."""
    header = "/** Get it. */\nint json_pointer_get(struct obj *o, const char *path);\n"
    header += "typedef int (*cb)(int);\nextern int count;\n"
    assert drafted(repo, cli, {"src/p.h": header}) == [
        ["Draft: `src/p.h`", "- `json_pointer_get(o, path)`: Get it."]
    ]


RUST = (
    "/// The fragment set.\nconst FRAGMENT: &AsciiSet = &CONTROLS.add(b' ');\n"
    "static mut COUNT: u32 = 0;\n\nmacro_rules! simple_enum_error {\n"
    "    ($($name: ident => $description: expr,)+) => {\n"
    "        /// Errors that can occur during parsing.\n        pub enum ParseError {\n"
    "            $($name,)+\n        }\n    }\n}\n\n"
    "/// Parse an IPv4 address.\nfn parse_ipv4addr(input: &str) -> Option<u32> {\n"
    "    fn inner() {}\n    None\n}\n\npub struct Host;\n\nimpl Host {\n"
    "    fn private(&self) -> bool {\n        true\n    }\n}\n\n"
    "impl fmt::Display for Host {\n    fn fmt(&self) {}\n}\n"
)


def test_a_rust_file_drafts_its_private_items(repo, cli):
    """NEW-E31: a private `fn`, an inherent `impl`'s private method, the enum a `macro_rules!`
    defines, its constants and statics last; a nested `fn` and a trait impl's method not."""
    assert drafted(repo, cli, {"src/host.rs": RUST}) == [
        [
            "Draft: `src/host.rs`",
            "- `enum ParseError`: Errors that can occur during parsing.",
            "- `parse_ipv4addr(input: &str)`: Parse an IPv4 address.",
            "- `struct Host`",
            "- `Host::private()`",
            "- `FRAGMENT`: The fragment set.",
            "- `COUNT`",
        ]
    ]
