"""Properties: the parser never crashes; `lint --fix` is idempotent and only adds IDs."""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from specflow.commands.fix import assign_ids
from specflow.commands.scaffold import derive_id, slugify
from specflow.errors import SpecError, SpecflowError
from specflow.ids import SPEC_ID_RE
from specflow.model import Spec
from specflow.output.escape import yaml_string
from specflow.sources.markdown import decode, parse_spec
from specflow.specset import SpecSet

PATH = "specs/reset.md"
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of spec-like Markdown that, shuffled, reach the parser's corners: front matter, YAML,
# headings of both kinds, list markers, task boxes, ID forms, code, HTML and line breaks.
FRAGMENTS = [
    "---", "id: RESET", "status: done", "scope: [a, b", "- x", ": ", "[", "]", "{", "!!int",
    "# ", "## ", "Requirements", "Edge Cases", "Context", "Constraints", "===", "---",
    "- ", "* ", "+ ", "1. ", "1) ", "  ", "\t", "[ ] ", "[x] ", "RESET-1: ", "**RESET-2**: ",
    "[RESET-E1] ", "forbid `", "`", "re:", " in ", " until ", "```", "<!--", "-->", "> ",
    "\n", "\r\n", "\r", "\ufeff", "\x00", "é", "text",
]  # fmt: skip


def parse_or_spec_error(text: str) -> Spec | None:
    try:
        return parse_spec(PATH, text)
    except SpecError:
        return None


@FAST
@given(st.text())
@example("---\ndate: 2020-13-45\n---\n")
@example("---\nx: " + "[" * 1000 + "\n---\n")
@example("## Constraints\n- forbid `re:a{99999999999}`\n")
def test_arbitrary_text_gives_a_spec_or_a_spec_error(text):
    """FORMAT-7"""
    result = parse_or_spec_error(text)
    assert result is None or isinstance(result, Spec)


@FAST
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_spec_like_text_gives_a_spec_or_a_spec_error(text):
    """FORMAT-7: shuffled fragments of real specs."""
    result = parse_or_spec_error(text)
    if result is not None:
        assert all(item.line >= 1 for item in result.items)
        assert all(section.line >= 1 for section in result.sections)


@FAST
@given(st.binary())
def test_arbitrary_bytes_decode_or_raise_a_spec_error(data):
    """FORMAT-6"""
    try:
        assert isinstance(decode(PATH, data), str)
    except SpecError as error:
        assert error.path == PATH and error.line is not None and error.line >= 1


# --- `new`: names and front matter from any title or glob ------------------------------------


@FAST
@given(st.text())
def test_any_title_gives_a_safe_slug_and_a_valid_id_or_a_clear_error(title):
    """NEW-3: the slug is ASCII words and dashes, so it cannot name another folder."""
    try:
        slug = slugify(title)
    except SpecflowError as error:
        assert "cannot make a file name" in str(error)
        return
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) and len(slug) <= 60
    assert slug != "readme"
    assert SPEC_ID_RE.match(derive_id(slug))


@FAST
@given(st.text())
@example('src/\x7f\x85\u2028\ufeff\ufffe 😀 "q" \\')
def test_a_yaml_string_reads_back_as_exactly_its_text(text):
    """NEW-E3: a scope glob written into the front matter is read back unchanged."""
    assert yaml.safe_load(f"scope:\n  - {yaml_string(text)}\n") == {"scope": [text]}


# --- `lint --fix` on generated specs -----------------------------------------------------------

MARKERS = ["-", "*", "+", "1.", "1)", "2.", "  -", "-\t"]
BOXES = ["", "[ ] ", "[x] ", "[X] "]
ID_FORMS = ["{}: ", "**{}**: ", "**{}** ", "[{}] "]
WORDS = st.text(alphabet="abcdefgh *`_#:", min_size=0, max_size=12)
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def items(draw: st.DrawFn, edge: bool) -> list[str]:
    marker = draw(st.sampled_from(MARKERS))
    box = draw(st.sampled_from(BOXES))
    text = draw(WORDS)
    head = f"{marker} {box}"
    if draw(st.booleans()):
        number = draw(st.integers(min_value=1, max_value=30))
        item_id = f"RESET-{'E' if edge else ''}{number}"
        head += draw(st.sampled_from(ID_FORMS)).format(item_id)
    if draw(st.booleans()) and not text.strip():
        return [head.rstrip(" ")]  # an empty item: the marker (and box) alone on its line
    lines = [head + text]
    if draw(st.booleans()):
        lines.append("  - nested " + draw(WORDS))
    if draw(st.booleans()):
        lines += ["", "A following paragraph."]
    return lines


@st.composite
def spec_texts(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["---", "id: RESET", "---"]
    lines += ["# Password reset", ""]
    for title in draw(
        st.lists(
            st.sampled_from(["Requirements", "Edge Cases", "Context", "Notes"]),
            min_size=1,
            max_size=4,
        )
    ):
        lines += [f"## {title}", ""] if draw(st.booleans()) else [f"## {title}"]
        edge = title == "Edge Cases"
        for item in draw(st.lists(items(edge), max_size=5)):
            lines += item
        lines.append("")
    endings = draw(st.lists(NEWLINES, min_size=len(lines), max_size=len(lines)))
    text = "".join(line + end for line, end in zip(lines, endings, strict=True))
    return text if draw(st.booleans()) else text.rstrip("\r\n")


def fix(text: str) -> str:
    spec = parse_spec(PATH, text)
    return assign_ids(text, spec, SpecSet((spec,)))


def ids_of(text: str) -> set[str]:
    return {item.id for item in parse_spec(PATH, text).items if item.id}


@FAST
@given(spec_texts())
@example("## Requirements\n-\r\n- [ ]\r\n1.\r")
@example("## Requirements\n- [x] a\n- [ ]\n## Edge Cases\n-\tb")
@example("## Requirements\n\n- \r\nA following paragraph.\n- \n- \n\n## Requirements")
@example("## Requirements\n- \r\nA following paragraph.\n* \n- :\n\n## Requirements")
@example("## Requirements\n- \r\nA following paragraph.\n2. RESET-1: \n- :\n\n## Requirements")
def test_fix_is_idempotent(text):
    """LINT-8, LINT-E4: a second run changes nothing, the items stay where they were, and every
    item has an ID after the first but an empty one that the text below it would join."""
    once = fix(text)
    assert fix(once) == once
    fixed_items = parse_spec(PATH, once).items
    assert [item.line for item in fixed_items] == [i.line for i in parse_spec(PATH, text).items]
    bare = re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+\[[ xX]\])?[ \t\r]*\Z")
    assert all(item.id or bare.match(once.split("\n")[item.line - 1]) for item in fixed_items)


@FAST
@given(spec_texts())
@example("## Requirements\n- \n-\n- [ ] \n- [ ]\n")
@example("## Requirements\n- RESET-24: \n  - RESET-25: \n- ")
@example("## Requirements\n\n- \nA following paragraph.\n- \n")
def test_fix_keeps_every_byte_but_the_ids_it_inserts(text):
    """LINT-8: removing the inserted `ID: ` (or ` ID:` on an empty item) gives the input back."""
    fixed = fix(text)
    added = ids_of(fixed) - ids_of(text)
    left = sum(item.id is None for item in parse_spec(PATH, fixed).items)  # LINT-E4
    assert len(added) == sum(item.id is None for item in parse_spec(PATH, text).items) - left
    restored = fixed
    for item_id in added:
        restored = re.sub(rf"(?: {item_id}:(?=[ \t\r\n]|\Z)|{item_id}: )", "", restored, count=1)
    assert restored == text
    assert fixed.count("\n") == text.count("\n") and fixed.count("\r") == text.count("\r")
