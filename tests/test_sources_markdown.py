"""The spec parser: every form of SPEC-FORMAT.md section 1, constraints (4), references (2)."""

from __future__ import annotations

import codecs

import pytest

from specflow.errors import SpecError
from specflow.ids import find_references, parse_item_id, spec_id_from_file_name
from specflow.model import ItemState, section_kind
from specflow.sources.markdown import decode, parse_constraint, parse_spec

PATH = "specs/reset.md"
RESET_SPEC = """\
---
id: RESET
status: active
scope:
  - src/auth/**
owners: [security]
---

# Password reset

## Context
- The system hashes passwords with SHA-256 in `hash_password()`.
- Login verifies with `verify_password()`.

## Requirements
- RESET-1: New password hashes use the existing SHA-256 format.
- RESET-2: Reset verifies the account by e-mail before changing anything.
- RESET-3: Old hashes are migrated to bcrypt on the next successful login.
  - Both formats are accepted during the transition.

## Migration Strategy
1. On login, verify with SHA-256.

## Edge Cases
- RESET-E1: The user resets the password several times in a row.

## Constraints
- forbid `import bcrypt` in `src/auth/**` until RESET-3: the hash format must not fork.
"""


def parse(text: str, path: str = PATH):
    return parse_spec(path, text)


def requirements_of(body: str, front: str = "id: RESET\n"):
    return parse(f"---\n{front}---\n# T\n\n## Requirements\n{body}").requirements


# --- FORMAT-1: every element keeps its file and 1-based line --------------------------------


def test_front_matter_and_title_are_read():
    spec = parse(RESET_SPEC)
    assert (spec.id, spec.status, spec.title) == ("RESET", "active", "Password reset")
    assert spec.scope == ("src/auth/**",) and spec.owners == ("security",)
    assert spec.extra == {} and spec.front_matter_problems == ()


def test_every_element_keeps_its_file_and_line():
    """FORMAT-1: requirements, context, edge cases, constraints and sections."""
    spec = parse(RESET_SPEC)
    assert [(r.id, r.line) for r in spec.requirements] == [
        ("RESET-1", 16),
        ("RESET-2", 17),
        ("RESET-3", 18),
    ]
    assert [c.line for c in spec.context] == [12, 13]
    assert [(e.id, e.line) for e in spec.edge_cases] == [("RESET-E1", 25)]
    assert [c.line for c in spec.constraints] == [28]
    assert [(s.title, s.line) for s in spec.sections] == [
        ("Context", 11),
        ("Requirements", 15),
        ("Migration Strategy", 21),
        ("Edge Cases", 24),
        ("Constraints", 27),
    ]
    elements = [*spec.requirements, *spec.context, *spec.edge_cases, *spec.constraints]
    assert {e.path for e in elements} | {s.path for s in spec.sections} == {PATH}


def test_front_matter_keys_keep_their_lines():
    """FORMAT-1: lint points at the line of the key it complains about."""
    spec = parse(RESET_SPEC)
    assert (spec.line_of("id"), spec.line_of("status"), spec.line_of("scope")) == (2, 3, 4)
    assert spec.line_of("absent") == 1


def test_other_sections_are_kept_with_their_body():
    spec = parse(RESET_SPEC)
    migration = next(s for s in spec.sections if s.title == "Migration Strategy")
    assert migration.body == "1. On login, verify with SHA-256."
    assert section_kind(migration.title) is None


def test_a_front_matter_value_of_the_wrong_type_is_a_problem_at_its_line():
    spec = parse("---\nstatus: active\nid: 12\nscope: {a: b}\n---\n# T\n")
    assert spec.front_matter_problems == (
        (3, "`id` must be a string, not 12"),
        (4, "`scope` must be a list of strings"),
    )
    assert spec.id == "RESET" and spec.id_from_file_name


def test_status_and_successor_of_the_wrong_type_are_problems_at_their_lines():
    spec = parse("---\nid: RESET\nstatus: 3\nsuperseded-by: [A]\nowners: ada\n---\n")
    assert spec.front_matter_problems == (
        (3, "`status` must be a string, not 3"),
        (4, "`superseded-by` must be a spec id"),
    )
    assert (spec.status, spec.superseded_by, spec.owners) == ("3", None, ("ada",))


@pytest.mark.parametrize(
    ("status", "enforced"),
    [("active", True), ("done", True), ("draft", False), ("deprecated", False), ("actve", False)],
)
def test_which_statuses_are_enforced(status, enforced):
    spec = parse(f"---\nstatus: {status}\n---\n")
    assert spec.enforced is enforced
    assert (spec.known_status is None) is (status == "actve")


def test_unknown_front_matter_keys_are_kept():
    spec = parse("---\nid: RESET\nscop: src/**\n---\n# T\n")
    assert spec.extra == {"scop": "src/**"}
    assert spec.line_of("scop") == 3


# --- FORMAT-2: the four ID forms --------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "- RESET-1: Hashes stay SHA-256.",
        "- **RESET-1**: Hashes stay SHA-256.",
        "- **RESET-1** Hashes stay SHA-256.",
        "- [RESET-1] Hashes stay SHA-256.",
        "- **RESET-1:** Hashes stay SHA-256.",
    ],
)
def test_all_four_id_forms_give_the_same_requirement(line):
    """FORMAT-2"""
    (item,) = requirements_of(line + "\n")
    assert (item.id, item.text, item.kind) == ("RESET-1", "Hashes stay SHA-256.", "requirement")


@pytest.mark.parametrize(
    "line",
    ["- RESET-1 no colon", "- reset-1: lower case", "- RESET-1:glued", "- RESET: no number"],
)
def test_what_is_not_an_id_form_leaves_the_item_without_id(line):
    (item,) = requirements_of(line + "\n")
    assert item.id is None and item.text == line[2:]


# --- FORMAT-3: plain, planned and ticked ------------------------------------------------------


def test_plain_planned_and_ticked_items():
    """FORMAT-3: only the unticked task-list item is not enforced."""
    items = requirements_of(
        "- RESET-1: plain\n- [ ] RESET-2: planned\n- [x] RESET-3: ticked\n- [X] RESET-4: upper\n"
    )
    assert [(i.id, i.state) for i in items] == [
        ("RESET-1", ItemState.plain),
        ("RESET-2", ItemState.planned),
        ("RESET-3", ItemState.ticked),
        ("RESET-4", ItemState.ticked),
    ]
    assert [i.enforced for i in items] == [True, False, True, True]
    assert [i.text for i in items] == ["plain", "planned", "ticked", "upper"]


def test_a_checkbox_works_with_every_id_form():
    items = requirements_of("- [ ] **RESET-1**: a\n- [x] [RESET-2] b\n")
    assert [(i.id, i.state) for i in items] == [
        ("RESET-1", ItemState.planned),
        ("RESET-2", ItemState.ticked),
    ]


# --- FORMAT-4: markers, headings, line endings, BOM, tabs -------------------------------------


@pytest.mark.parametrize("marker", ["-", "*", "+", "1.", "1)"])
def test_every_list_marker_opens_a_requirement(marker):
    """FORMAT-4"""
    items = requirements_of(f"{marker} RESET-1: first\n{marker} RESET-2: second\n")
    assert [(i.id, i.text, i.line) for i in items] == [
        ("RESET-1", "first", 7),
        ("RESET-2", "second", 8),
    ]


def test_numbered_list_without_ids_as_people_write_by_hand():
    """FORMAT-E1: accepted by the parser; `lint --fix` numbers it."""
    items = requirements_of("1. Use SHA-256 for new password hashing\n2) Verify by e-mail\n")
    assert [(i.id, i.text) for i in items] == [
        (None, "Use SHA-256 for new password hashing"),
        (None, "Verify by e-mail"),
    ]


def test_setext_headings_are_headings():
    """FORMAT-4"""
    spec = parse(
        "Password reset\n==============\n\nRequirements\n------------\n- RESET-1: a\n\n"
        "Edge cases\n----------\n- RESET-E1: b\n"
    )
    assert spec.title == "Password reset"
    assert [(s.title, s.line) for s in spec.sections] == [("Requirements", 4), ("Edge cases", 8)]
    assert [(i.id, i.line) for i in spec.items] == [("RESET-1", 6), ("RESET-E1", 10)]


def test_atx_headings_with_closing_hashes():
    spec = parse("# Password reset #\n\n## Requirements ##\n- RESET-1: a\n")
    assert spec.title == "Password reset"
    assert [i.id for i in spec.requirements] == ["RESET-1"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings_parse_alike(newline):
    """FORMAT-4: CRLF and a lone CR give the same model and lines as LF."""
    spec = parse(RESET_SPEC.replace("\n", newline))
    reference = parse(RESET_SPEC)
    assert spec.requirements == reference.requirements
    assert spec.context == reference.context
    assert spec.constraints[0].until == "RESET-3"
    assert [s.line for s in spec.sections] == [s.line for s in reference.sections]


def test_a_utf8_bom_is_dropped_when_decoding():
    """FORMAT-4: a BOM does not hide the front matter."""
    text = decode(PATH, codecs.BOM_UTF8 + RESET_SPEC.encode())
    assert not text.startswith("\ufeff")
    assert parse(text).id == "RESET" and len(parse(text).requirements) == 3


def test_tabs_after_markers_and_in_nested_items():
    """FORMAT-4"""
    (first, second) = requirements_of("-\tRESET-1: tab after marker\n\t- nested\n*\tRESET-2:\tb\n")
    assert (first.id, second.id, second.text) == ("RESET-1", "RESET-2", "b")
    assert first.text.startswith("tab after marker\n") and first.text.endswith("- nested")


# --- FORMAT-5: nested items and following paragraphs belong to the requirement -----------------


def test_nested_items_and_following_paragraphs_belong_to_the_requirement():
    """FORMAT-5"""
    items = requirements_of(
        "- RESET-1: Old hashes are migrated.\n"
        "  - Both formats are accepted.\n"
        "  - Old ones are rehashed.\n"
        "\n"
        "A paragraph that explains RESET-1.\n"
        "\n"
        "- RESET-2: Next.\n"
    )
    assert items[0].text == (
        "Old hashes are migrated.\n- Both formats are accepted.\n- Old ones are rehashed."
        "\n\nA paragraph that explains RESET-1."
    )
    assert (items[1].id, items[1].text, items[1].line) == ("RESET-2", "Next.", 13)


def test_a_paragraph_does_not_leak_into_the_next_section():
    spec = parse("## Requirements\n- RESET-1: a\n\n## Notes\n\nNot a requirement.\n")
    assert spec.requirements[0].text == "a"


def test_lazy_continuation_lines_stay_in_the_item():
    (item,) = requirements_of("- RESET-1: first line\ncontinued here\n")
    assert item.text == "first line\ncontinued here"


def test_nested_items_are_not_requirements_of_their_own():
    items = requirements_of("- RESET-1: a\n  - RESET-2: nested\n")
    assert [i.id for i in items] == ["RESET-1"]


# --- FORMAT-9: section names ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Edge Cases", "edge-cases"),
        ("Edge cases", "edge-cases"),
        ("Edge-Cases", "edge-cases"),
        ("EDGE CASES", "edge-cases"),
        ("Edge case", "edge-cases"),
        ("requirements", "requirements"),
        ("Requirement", "requirements"),
        ("Requirements:", "requirements"),
        ("CONTEXT", "context"),
        ("Constraints", "constraints"),
        ("Non-goals", None),
        ("Test Plan", None),
    ],
)
def test_section_names_match_case_insensitively_with_variants(title, kind):
    """FORMAT-9"""
    assert section_kind(title) == kind


def test_edge_case_section_variant_files_items_as_edge_cases():
    """FORMAT-9"""
    spec = parse("## edge-cases\n- RESET-E1: twice in a row\n")
    assert [(e.id, e.kind) for e in spec.edge_cases] == [("RESET-E1", "edge-case")]
    assert spec.requirements == ()


def test_deeper_headings_stay_inside_their_section():
    spec = parse("## Requirements\n### Hashing\n- RESET-1: a\n#### Detail\n- RESET-2: b\n")
    assert [i.id for i in spec.requirements] == ["RESET-1", "RESET-2"]
    assert [s.title for s in spec.sections] == ["Requirements"]


def test_lists_outside_the_known_sections_are_not_items():
    spec = parse("# T\n- RESET-1: before any section\n\n## Notes\n- RESET-2: a note\n")
    assert spec.items == () and spec.context == ()


# --- FORMAT-6: what makes a spec unreadable -------------------------------------------------


def test_a_file_that_is_not_utf8_names_the_file_and_line():
    """FORMAT-6"""
    data = b"# T\n\n## Requirements\n- RESET-1: caf\xe9\n"
    with pytest.raises(SpecError) as raised:
        decode(PATH, data)
    assert (raised.value.path, raised.value.line) == (PATH, 4)
    assert "not UTF-8" in str(raised.value) and str(raised.value).startswith(f"{PATH}:4:")


def test_the_line_of_a_bad_byte_counts_lone_carriage_returns():
    with pytest.raises(SpecError) as raised:
        decode(PATH, b"a\rb\r\n\xff")
    assert raised.value.line == 3


@pytest.mark.parametrize("front", ["- a\n- b\n", "just a string\n", "42\n"])
def test_front_matter_that_is_not_a_mapping_is_an_error(front):
    """FORMAT-6"""
    with pytest.raises(SpecError, match="must be a mapping") as raised:
        parse(f"---\n{front}---\n# T\n")
    assert (raised.value.path, raised.value.line) == (PATH, 1)


def test_invalid_yaml_names_its_line():
    """FORMAT-6, FORMAT-E4: the line is the file's, not the front matter block's, and the one
    where the list YAML could not close opens."""
    with pytest.raises(SpecError, match="not valid YAML") as raised:
        parse("---\nid: RESET\nstatus: active\nscope: [a, b\nowners: x\n---\n# T\n")
    assert raised.value.path == PATH
    assert raised.value.line == 4


@pytest.mark.parametrize("first", ["---", "\ufeff---", "--- "])
def test_front_matter_never_closed_is_an_error_at_its_first_line(first):
    """FORMAT-E4: read as Markdown, its id and scope would be lost without a word."""
    with pytest.raises(SpecError, match="never closed") as raised:
        parse(f"{first}\nid: REDIR\nscope:\n  - client.py\n\n# Redirects\n\n## Requirements\n")
    assert (raised.value.path, raised.value.line) == (PATH, 1)


@pytest.mark.parametrize(
    "front",
    ["date: 2020-13-45", "x: !!int abc", "x: !!float nope", "x: " + "[" * 1000],
)
def test_yaml_values_that_cannot_be_constructed_are_a_spec_error(front):
    """FORMAT-6, FORMAT-7: PyYAML raises ValueError or RecursionError here, not YAMLError."""
    with pytest.raises(SpecError, match="front matter") as raised:
        parse(f"---\n{front}\n---\n# T\n")
    assert raised.value.path == PATH


# --- FORMAT-E3 and the spec id ----------------------------------------------------------------


def test_front_matter_without_body():
    """FORMAT-E3"""
    spec = parse("---\nid: RESET\nstatus: draft\n---\n")
    assert (spec.id, spec.status, spec.title, spec.items) == ("RESET", "draft", "reset", ())


def test_body_without_front_matter_takes_its_id_from_the_file_name():
    """FORMAT-E3"""
    spec = parse(
        "# Password reset\n\n## Requirements\n- PASSWORD-RESET-1: a\n", "specs/password-reset.md"
    )
    assert (spec.id, spec.id_from_file_name, spec.status) == ("PASSWORD-RESET", True, "active")
    assert spec.requirements[0].id == "PASSWORD-RESET-1"


def test_empty_front_matter_and_empty_file():
    assert parse("---\n---\n").id == "RESET"
    empty = parse("")
    assert (empty.id, empty.items, empty.sections) == ("RESET", (), ())


@pytest.mark.parametrize(
    ("stem", "spec_id"),
    [
        ("password-reset", "PASSWORD-RESET"),
        ("auth_session", "AUTH-SESSION"),
        ("2fa", "FA"),
        ("über-login", "UBER-LOGIN"),
    ],
)
def test_spec_id_from_file_name(stem, spec_id):
    assert spec_id_from_file_name(stem) == spec_id


# --- FORMAT-E2: inner dashes and edge-case IDs ------------------------------------------------


def test_an_id_prefix_with_inner_dashes_and_edge_ids():
    """FORMAT-E2"""
    spec = parse(
        "---\nid: AUTH-SESSION\n---\n## Requirements\n- AUTH-SESSION-1: a\n"
        "## Edge Cases\n- **AUTH-SESSION-E2**: b\n"
    )
    assert [i.id for i in spec.items] == ["AUTH-SESSION-1", "AUTH-SESSION-E2"]
    parsed = parse_item_id("AUTH-SESSION-E2")
    assert parsed is not None
    assert (parsed.prefix, parsed.number, parsed.edge) == ("AUTH-SESSION", 2, True)
    assert str(parsed) == "AUTH-SESSION-E2"
    assert parse_item_id("AUTH-SESSION") is None


# --- SPEC-FORMAT 4: constraints ----------------------------------------------------------------


def constraint(source: str):
    return parse_constraint(PATH, 7, source)


def test_a_literal_constraint_with_glob_until_and_reason():
    rule = constraint("forbid `import bcrypt` in `src/auth/**` until RESET-3: must not fork.")
    assert rule.error is None
    assert (rule.pattern, rule.is_regex, rule.globs) == ("import bcrypt", False, ("src/auth/**",))
    assert (rule.until, rule.reason, rule.line, rule.path) == ("RESET-3", "must not fork.", 7, PATH)


def test_a_regex_constraint_with_several_globs():
    rule = constraint(
        r"forbid `re:^\s*import (bcrypt|argon2)` in `src/a/**`, `src/b/*.py`,`lib/**`"
    )
    assert rule.error is None and rule.is_regex
    assert rule.pattern == r"^\s*import (bcrypt|argon2)"
    assert rule.globs == ("src/a/**", "src/b/*.py", "lib/**")
    assert (rule.until, rule.reason) == (None, "")


def test_a_constraint_without_in_applies_to_the_spec_scope():
    rule = constraint("forbid `print(`: use logging")
    assert (rule.error, rule.pattern, rule.globs, rule.reason) == (
        None,
        "print(",
        (),
        "use logging",
    )


def test_a_pattern_with_a_backtick_uses_double_backticks():
    rule = constraint("forbid `` a`b `` in `src/**`")
    assert (rule.error, rule.pattern) == (None, "a`b")
    rule = constraint("forbid `a``b` in `src/**`")  # a shorter run does not close the span
    assert (rule.error, rule.pattern, rule.globs) == (None, "a``b", ("src/**",))


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("forbid import bcrypt in src/**", "expected forbid"),
        ("Do not import bcrypt", "expected forbid"),
        ("forbid `x` in src/**", "expected forbid"),
        ("forbid `x` until later", "not a requirement ID"),
        ("forbid `re:(unclosed` in `src/**`", "invalid regular expression"),
        ("forbid `re:a{99999999999}`", "invalid regular expression"),
        ("forbid `re:`", "empty regular expression"),
        ("forbid ``  ``", "empty pattern"),
        ("forbid ``a` in `src/**`", "expected forbid"),
        ("forbid " + "`" * 20_000, "expected forbid"),
    ],
)
def test_a_constraint_that_does_not_parse_carries_its_error(source, why):
    """LINT-6 (a line of 20,000 backticks once took minutes to read: never a timing assertion
    here, the suite's own run time shows it)"""
    rule = constraint(source)
    assert rule.error is not None and why in rule.error
    assert (rule.source, rule.line) == (source, 7)


def test_constraints_in_a_spec_keep_their_lines_and_errors():
    spec = parse("## Constraints\n- forbid `a` in `src/**`\n- forbid nothing\n")
    assert [(c.line, c.error is None) for c in spec.constraints] == [(2, True), (3, False)]


# --- FORMAT-8: references --------------------------------------------------------------------

PREFIXES = frozenset({"RESET", "AUTH-SESSION"})


def refs(text: str, prefixes: frozenset[str] = PREFIXES) -> list[str]:
    return [found for found, _ in find_references(text, prefixes)]


def test_sha_256_and_utf_8_are_not_references():
    """FORMAT-8"""
    assert refs("# RESET-1: keep the SHA-256 format, read as UTF-8") == ["RESET-1"]


def test_sha_256_is_a_reference_once_a_spec_is_called_sha():
    assert refs("SHA-256", frozenset({"SHA"})) == ["SHA-256"]


def test_references_and_their_columns():
    found = list(find_references("Implements RESET-2, RESET-E4", PREFIXES))
    assert found == [("RESET-2", 12), ("RESET-E4", 21)]


@pytest.mark.parametrize(
    "text",
    ["XRESET-1", "RESET-12a", "RESET-1_x", "my_RESET-1", "RESET-1-2", "ÄRESET-1", "RESET-1é"],
)
def test_only_whole_words_are_references(text):
    """FORMAT-8"""
    assert refs(text) == []


@pytest.mark.parametrize(
    "text",
    ["(RESET-1)", "`RESET-1`", "RESET-1.", '"RESET-1"', "@pytest.mark.spec('RESET-1')"],
)
def test_punctuation_around_a_reference_is_fine(text):
    assert refs(text) == ["RESET-1"]


def test_inner_dash_prefixes_are_whole():
    """FORMAT-E2: `AUTH-SESSION-1` is not a reference to a spec called SESSION."""
    assert refs("AUTH-SESSION-1 and AUTH-SESSION-E2") == ["AUTH-SESSION-1", "AUTH-SESSION-E2"]
    assert refs("AUTH-SESSION-1", frozenset({"SESSION"})) == []
    assert refs("FOO-RESET-1") == []


def test_edge_ids_and_long_numbers():
    assert refs("RESET-E1 RESET-0 RESET-123456789") == ["RESET-E1", "RESET-0", "RESET-123456789"]


def test_no_known_prefixes_means_no_references():
    assert refs("RESET-1", frozenset()) == []
