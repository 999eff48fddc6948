"""What the cJSON trial (C) found of no-op commits read as changes, through the CLI on real
repositories: a `const` added, and a function's parameters renamed throughout its body, compile
to the same program (REVIEW-E97); a rename that is partial, collides with a global or meets a
macro, and a `const` a `_Generic` reads, still ask and warn under a reference."""

from __future__ import annotations

import re

from testing.util import review_json

SPEC = """---
id: P
scope: ["src/**"]
---
# Printing

## Context
- The printer writes through a `printbuffer` whose `length` bounds every write.

## Requirements
- P-1: `print_preallocated()` never writes beyond `length`.
"""

LIB = """#include <stddef.h>
#define HALF(n) ((n) / 2)

typedef struct { char *buffer; int length; int format; } printbuffer;
int render(printbuffer *p);
int limit = 64;

/* P-1 */
int print_preallocated(char *buf, int len, const int fmt)
{
    printbuffer p;
    int spare = HALF(len);
    if ((len < 0) || (buf == NULL) || (spare > limit))
    {
        return 0;
    }
    p.buffer = buf;
    p.length = len;
    p.format = fmt;
    return render(&p);
}

char **names(char **strings, int count)
{
    char *first = strings[0];
    return count ? strings : &first;
}

int gap(int low, int high)
{
    return high - low;
}
"""


def _commit(repo, cli, subject, text, path="src/lib.c", base=LIB):
    repo.commit(subject, {path: text})
    data = review_json(cli, "HEAD", "--all")
    checked = cli("check", "HEAD").out
    repo.commit("back", {path: base})
    return data, checked


def _renamed(text, names=(("buf", "buffer"), ("len", "length"), ("fmt", "format"))):
    """`names` renamed throughout `print_preallocated()`, nowhere else."""
    head, rest = text.split("/* P-1 */")
    body, tail = rest.split("char **names")
    for old, new in names:
        body = re.sub(rf"(?<![.\w]){old}\b", new, body)
    return f"{head}/* P-1 */{body}char **names{tail}"


def test_a_const_and_renamed_parameters_ask_nothing(repo, cli):
    """REVIEW-E97 (cJSON `c64854b`: `buf`, `len`, `fmt` renamed to match the declaration asked 7
    questions; `26772a8`: `const char **` as `const char *const *` asked 6): no question, no
    ripple, and no `touched-requirement` under `/* P-1 */` (CHECK-E21)."""
    repo.commit("base", {"specs/p.md": SPEC, "src/lib.c": LIB})
    renamed = _renamed(LIB)
    assert "int length, const int format" in renamed and "HALF(length)" in renamed
    consts = {
        "rename": renamed,
        "const parameter": LIB.replace(
            "char **names(char **strings", "char **names(const char *const *strings"
        ),
        "const local": LIB.replace("    int spare =", "    const int spare ="),
        "both": _renamed(
            LIB.replace(
                "int print_preallocated(char *buf", "int print_preallocated(char *const buf"
            )
        ),
    }
    for subject, text in consts.items():
        data, checked = _commit(repo, cli, subject, text)
        assert data["noop_files"] == ["src/lib.c"], subject
        assert (data["questions"], data["ripples"], data["unasked"]) == ([], [], []), subject
        assert "touched-requirement" not in checked, subject


def test_renames_and_consts_that_change_what_runs_still_ask(repo, cli):
    """REVIEW-E97, adversarial: a rename the body does not follow everywhere (`len` left, now a
    global's), a new name a global already has (`limit`: the body read the global), a macro of
    the file that reads the old name (`SPARE` reads `len` where it is used), two parameters that
    swap names in the signature alone (`gap(int high, int low)`), and a `const` in a file whose
    `_Generic` reads types: each asks, and warns under `/* P-1 */` (but `gap()`, which no
    reference heads)."""
    partial = _renamed(LIB).replace("p.length = length;", "p.length = len;")
    partial = partial.replace("int limit = 64;", "int limit = 64;\nint len = 1;")
    macro = LIB.replace("#define HALF(n) ((n) / 2)", "#define SPARE ((len) / 2)")
    macro = macro.replace("HALF(len)", "SPARE")
    generic = LIB.replace(
        "    return render(&p);", "    return _Generic(buf, char *: render(&p), default: 0);"
    )
    changes = {
        "partial": (LIB.replace("int limit = 64;", "int limit = 64;\nint len = 1;"), partial),
        "collides": (LIB, _renamed(LIB, (("len", "limit"),))),
        "macro": (macro, _renamed(macro)),
        "swap": (LIB, LIB.replace("gap(int low, int high)", "gap(int high, int low)")),
        "generic": (generic, generic.replace("(char *buf", "(const char *buf")),
    }
    for subject, (base, text) in changes.items():
        repo.commit(f"base {subject}", {"specs/p.md": SPEC, "src/lib.c": base})
        data, checked = _commit(repo, cli, subject, text)
        assert data["noop_files"] == [], subject
        assert "touches the code of P-1" in checked or subject == "swap", subject


def test_a_const_in_cpp_is_a_change(repo, cli):
    """REVIEW-E97, adversarial: in C++ a `const` parameter may pick another overload."""
    cpp = "// P-1\nint size(std::string &s)\n{\n    return s.size();\n}\n"
    repo.commit("base", {"specs/p.md": SPEC, "src/lib.cpp": cpp})
    data, checked = _commit(
        repo, cli, "const", cpp.replace("(std::string", "(const std::string"), "src/lib.cpp"
    )
    assert data["noop_files"] == [] and "touches the code of P-1" in checked


FREE = """#include <stdlib.h>
#include "tok.h"

/* P-1 */
struct tok *tok_new(int depth)
{
    struct tok *tok = calloc(1, sizeof(*tok));
    int size = depth;
    tok->stack = calloc(size, sizeof(int));
    int spare = 16;
    tok->pb = malloc(spare);
    if (!tok->pb)
    {
        free(tok);
        free(tok->stack);
        return NULL;
    }
    tok->depth = depth;
    tok->max = size;
    return tok;
}
"""


def test_statements_swapped_are_a_change(repo, cli):
    """REVIEW-E307 (json-c `9361d8d`: `free(tok); free(tok->stack);` swapped, a use-after-free
    fixed, was "formatting only", with no question and no unasked code): two calls, two
    assignments and two `#include`s swapped (a header may need another's macros) each ask,
    and the first two warn under `/* P-1 */`; a `const` added on two lines apart in one hunk
    (REVIEW-E97, run by run) still asks nothing."""
    repo.commit("base", {"specs/p.md": SPEC, "src/tok.c": FREE})
    swaps = {
        "calls": ("free(tok);\n        free(tok->stack);", "free(tok->stack);\n        free(tok);"),
        "assignments": (
            "tok->depth = depth;\n    tok->max = size;",
            "tok->max = size;\n    tok->depth = depth;",
        ),
        "includes": (
            '#include <stdlib.h>\n#include "tok.h"',
            '#include "tok.h"\n#include <stdlib.h>',
        ),
    }
    for subject, (old, new) in swaps.items():
        assert old in FREE, subject
        data, checked = _commit(repo, cli, subject, FREE.replace(old, new), "src/tok.c", FREE)
        assert data["noop_files"] == [], subject
        assert subject == "includes" or "touches the code of P-1" in checked, subject
    consts = FREE.replace("    int size", "    const int size").replace(
        "    int spare", "    const int spare"
    )
    data, checked = _commit(repo, cli, "consts apart", consts, "src/tok.c", FREE)
    assert data["noop_files"] == ["src/tok.c"] and "touched-requirement" not in checked
