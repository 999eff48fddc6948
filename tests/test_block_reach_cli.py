"""CHECK-E66: a reference heading a block (a C `case`, an `if`, a loop) heads all of it, however
long, and nothing after it; CHECK-E67: a reference on the first line inside a block is headed by
the condition that opens it. Through the hook and the review, on real repositories (the jsonc
trial's D4: `/* NUMBER-5 */` over `case json_tokener_state_number:`, an edit 115 lines below
passed silently; the flask trial's defect 4: `if session.accessed:` over `# V-1`)."""

from __future__ import annotations

import json

N_SPEC = """---
id: N
scope: [n.c, n.js]
---
# Numbers
## Context
- `parse()` is one switch over `state`.
## Requirements
- N-1: A string escape other than the listed ones is an error.
- N-2: With `STRICT`, a leading zero is an error.
## Edge Cases
- N-E1: `01`.
"""
FILLER = "".join(f"\t\tif (num[0] == {n})\n\t\t\tflags++;\n" for n in range(50))
C_CODE = (
    "#define STRICT 1\nint parse(int state, const char *num, int flags)\n{\n\tswitch (state)\n"
    "\t{\n\t/* N-1: escapes */\n\tcase 1:\n\t\tif (num[0] != 'n')\n\t\t\treturn -1;\n\t\tbreak;\n"
    "\t/* N-2: leading zeros */\n\tcase 2:\n\tcase 4:\n"
    + FILLER
    + "\t\tif (flags & STRICT)\n\t\t{\n"
    "\t\t\tif (*num >= '0' && *num <= '9')\n\t\t\t\treturn -1;\n\t\t}\n\t\tbreak;\n"
    "\tcase 3:\n"
    + FILLER
    + "\t\treturn 3;\n\t}\n"
    + FILLER.replace("\t\t", "\t")
    + "\treturn 0;\n}\n"
)
JS_CODE = (
    "function parse(state, num, flags) {\n  // N-2: leading zeros\n  if (flags & STRICT) {\n"
    + "".join(f"    if (num[0] === {n}) flags++;\n" for n in range(40))
    + "    if (num[1] >= '0') return -1;\n  }\n"
    + "".join(f"  if (num[0] === {n}) flags--;\n" for n in range(40))
    + "  return 0;\n}\n"
)
TEST = "// N-1 N-2\n"
WARNED = "warning [touched-requirement] this change touches the code of N-2"


def staged(repo, cli, path: str, code: str, old: str, new: str) -> str:
    repo.commit("base", {"specs/n.md": N_SPEC, path: code, "tests/test_n.c": TEST})
    assert code.count(old) == 1
    repo.write({path: code.replace(old, new)})
    repo.git("add", "-A")
    return cli("check", "--staged").out


def test_a_reference_over_a_case_heads_it_to_its_end(repo, cli):
    """CHECK-E66: an edit 100 lines below `/* N-2 */ case 2:` (stacked over `case 4:`) warns
    of N-2, and the review asks N-2 by the reference heading it."""
    out = staged(repo, cli, "n.c", C_CODE, "*num >= '0' && *num <= '9'", "0 && *num >= '0'")
    assert WARNED in out
    review = json.loads(cli("review", "--staged", "--format", "json").out)
    kinds = {(q["statement"].get("id"), q["evidence"]["kind"]) for q in review["questions"]}
    assert ("N-2", "heading") in kinds


def test_the_next_case_ends_the_reach(repo, cli):
    """CHECK-E66, adversarial: the next `case` at the label's depth ends N-2's block: an edit
    in `case 3:` far below is not N-2's."""
    assert WARNED not in staged(repo, cli, "n.c", C_CODE, "\t\treturn 3;", "\t\treturn 4;")


def test_the_closing_brace_ends_the_reach(repo, cli):
    """CHECK-E66, adversarial: after the switch's `}` the code is no case's."""
    last = "\tif (num[0] == 49)\n\t\tflags++;\n\treturn 0;"
    assert WARNED not in staged(repo, cli, "n.c", C_CODE, last, last.replace("49", "48"))


def test_a_reference_over_a_long_if_heads_it_in_javascript(repo, cli):
    """CHECK-E66: `// N-2` over a 40-line `if (...) {` heads its last line, not the code after
    its closing brace."""
    assert WARNED in staged(repo, cli, "n.js", JS_CODE, "num[1] >= '0'", "num[1] > '0'")
    repo.git("reset", "-q", "--hard")
    old = "  if (num[0] === 39) flags--;"
    assert WARNED not in staged(repo, cli, "n.js", JS_CODE, old, old.replace("39", "38"))


V_SPEC = """---
id: V
scope: ["s.py", "s.c"]
---
# Vary
## Context
- `save_session()` writes the session cookie.
## Requirements
- V-1: `save_session()` adds `Vary: Cookie` whenever the session was accessed.
## Edge Cases
- V-E1: A session read but not modified.
"""
V_CODE = (
    "def save_session(session, response):\n    seen = session.accessed\n    if session.accessed:\n"
    "        # V-1: Vary: Cookie when the session was accessed\n"
    '        response.vary.add("Cookie")\n    return response\n'
)
V_C = (
    "int save(int accessed, int other)\n{\n\tif (other)\n\t\treturn 1;\n\telse if (accessed)\n"
    "\t{\n\t\t/* V-1: vary */\n\t\treturn 2;\n\t}\n\treturn 0;\n}\n"
)
V_WARNED = "warning [touched-requirement] this change touches the code of V-1"


def v_staged(repo, cli, path: str, code: str, old: str, new: str) -> str:
    repo.commit("base", {"specs/v.md": V_SPEC, path: code, "tests/test_s.py": '"""V-1"""\n'})
    assert code.count(old) == 1
    repo.write({path: code.replace(old, new)})
    repo.git("add", "-A")
    return cli("check", "--staged").out


def test_the_condition_over_a_reference_governs_it(repo, cli):
    """CHECK-E67: changing `if session.accessed:`, whose block's first line is `# V-1`, warns
    of V-1, and the review's V-1 question cites the reference."""
    old = "    if session.accessed:"
    out = v_staged(repo, cli, "s.py", V_CODE, old, "    if session.accessed and session.modified:")
    assert V_WARNED in out
    review = json.loads(cli("review", "--staged", "--format", "json").out)
    kinds = {(q["statement"].get("id"), q["evidence"]["kind"]) for q in review["questions"]}
    assert ("V-1", "heading") in kinds


def test_an_allman_else_if_over_a_reference_governs_it(repo, cli):
    """CHECK-E67: C's `else if (accessed)` above a `{` alone and `/* V-1 */` governs it."""
    out = v_staged(repo, cli, "s.c", V_C, "else if (accessed)", "else if (accessed && other)")
    assert V_WARNED in out


def test_a_statement_above_a_reference_is_not_its_condition(repo, cli):
    """CHECK-E67, adversarial: a line that opens no block the reference is in (the assignment
    above the `if`, the `return 1;` of the branch before the `else if`) is not V-1's."""
    old = "    seen = session.accessed"
    assert V_WARNED not in v_staged(repo, cli, "s.py", V_CODE, old, "    seen = None")
    repo.git("reset", "-q", "--hard")
    assert V_WARNED not in v_staged(repo, cli, "s.c", V_C, "\t\treturn 1;", "\t\treturn 5;")


def test_a_reference_ending_a_block_heads_no_block_below_it(repo, cli):
    """CHECK-E66, adversarial: `// N-2` as the last line of an `if` block, above its `}`, heads
    none of the long `while` block after it (nor would one deeper than the line below it)."""
    body = "".join(f"    flags += {n};\n" for n in range(30))
    code = (
        "function parse(state, num, flags) {\n  if (flags) {\n    flags++;\n    // N-2: zeros\n"
        "  }\n  while (state) {\n" + body + "    state--;\n  }\n  return 0;\n}\n"
    )
    assert WARNED not in staged(repo, cli, "n.js", code, "    state--;", "    state -= 2;")


def test_removing_a_line_above_the_reference_in_its_block_is_not_its(repo, cli):
    """CHECK-E67, adversarial: a line removed between `if session.accessed:` and `# V-1` was no
    condition of V-1's code: the `if` line the removal leaves above it is unchanged."""
    code = V_CODE.replace("        # V-1", "        response.log()\n        # V-1")
    assert V_WARNED not in v_staged(repo, cli, "s.py", code, "        response.log()\n", "")
