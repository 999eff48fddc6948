"""`specflow review` in its three formats: Markdown for pull requests, JSON against its schema,
plain text when piped; what a change does to a spec; hostile text kept inert (specs/review.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt
from referencing import Registry, Resource

import specflow
from testing.stories import BCRYPT_RESET
from testing.util import review_json

SCHEMAS = Path(specflow.__file__).parent / "schemas"
FORMATS = ("text", "markdown", "json")


def load_schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return data


def validator(name: str) -> Draft202012Validator:
    """A validator for one schema; `context` refers to definitions of `review`."""
    schemas = [load_schema("review"), load_schema("context")]
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas
    )
    return Draft202012Validator(load_schema(name), registry=registry)


def assert_valid(name: str, data: dict[str, Any]) -> None:
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def review(cli, *args: str, fmt: str = "text") -> str:
    result = cli("review", *args, "--format", fmt)
    assert result.code == 0, result
    out: str = result.out
    return out


def html_of(markdown: str) -> str:
    """What a CommonMark renderer that lets raw HTML through makes of the Markdown."""
    return MarkdownIt("commonmark", {"html": True}).render(markdown)


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_has_one_collapsible_section_per_affected_spec(bcrypt_commit, cli):
    """REVIEW-11: one <details> per spec, with blank lines around the Markdown inside it so
    that GitHub renders the lists and the bold text instead of showing them raw."""
    md = review(cli, fmt="markdown")
    specs = review_json(cli)["specs"]

    assert md.count("<details open>") == md.count("</details>") == len(specs) == 2
    for spec in specs:
        summary = re.search(rf"^<summary><b>{spec['id']}</b>: .*</summary>\n\n", md, re.M)
        assert summary, spec["id"]
    assert "\n\n</details>" in md
    sections = re.findall(r"<details open>(.*?)</details>", html_of(md), re.S)
    assert len(sections) == 2
    for section in sections:
        assert "<ul>" in section and "<strong>Requirements</strong>" in section
        assert "**" not in section  # no Markdown left unrendered


def test_markdown_checklist_uses_task_list_boxes(bcrypt_commit, cli):
    """REVIEW-11: referenced requirements are ticked, the rest and every question unticked;
    REVIEW-E113: RESET-2, which the change implements, is for the reviewer to check."""
    md = review(cli, fmt="markdown")

    assert "- [ ] **RESET-2**: Reset verifies the account" in md
    assert "src/auth/reset.py:8 · **linked to this change**" in md
    assert "- [ ] **RESET-1**: New password hashes use the existing SHA-256 format." in md
    assert "· **referenced nowhere**" in md
    assert re.search(r"^- \[ \] `src/auth/reset\.py` 1-16 writes `password_hash`", md, re.M)
    assert "- [ ] `password_hash` is written at `src/auth/reset.py:14`" in md
    assert "- [ ] `reset_password()` at `src/auth/reset.py:7`" in md
    assert "- [ ] Do I understand what this change does, line by line?" in md


# --- JSON ----------------------------------------------------------------------------------------


def test_the_schemas_are_valid_draft_2020_12_schemas():
    """REVIEW-11: the schema files themselves are well-formed."""
    for name in ("review", "context"):
        schema = load_schema(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)


def test_story_review_json_validates_against_its_schema(bcrypt_commit, cli):
    """REVIEW-11: `"schema": 1`, and every field is documented (no extra fields allowed)."""
    data = review_json(cli)

    assert data["schema"] == 2 and data["kind"] == "review"
    assert data["ripples"] and data["untested"] and data["questions"]
    assert_valid("review", data)


def test_schema_rejects_a_field_it_does_not_document(bcrypt_commit, cli):
    """REVIEW-11: the validation is strict enough to catch an undocumented field."""
    data = review_json(cli)
    data["ripples"][0]["uses"][0]["surprise"] = 1

    assert list(validator("review").iter_errors(data))


@pytest.mark.parametrize(
    "args", [(), ("HEAD~1",), ("HEAD~2..HEAD",), ("--staged",), ("--worktree",)]
)
def test_every_kind_of_revision_validates(story, bcrypt_commit, cli, args):
    """REVIEW-11, REVIEW-12: commits, ranges, the index and the work tree (head null)."""
    story.write({"src/auth/reset.py": BCRYPT_RESET.replace("bcrypt", "argon2")})
    story.git("add", "src/auth/reset.py")

    assert_valid("review", review_json(cli, *args))


def test_context_json_validates_for_a_name_and_for_a_path(bcrypt_commit, cli):
    """REVIEW-9, REVIEW-10: both shapes of `context --format json`."""
    for target in ("password_hash", "src/auth/hashing.py", "nothing_by_this_name"):
        result = cli("context", target, "--format", "json")
        assert result.code == 0, result
        assert_valid("context", json.loads(result.out))


# --- text ----------------------------------------------------------------------------------------


def test_text_is_plain_when_piped(bcrypt_commit, cli):
    """REVIEW-11: no colour codes and no Markdown markup when the output is not a terminal."""
    out = review(cli)

    assert "\x1b" not in out
    assert "<details" not in out and "**" not in out and "###" not in out
    assert out.startswith("specflow review HEAD (")
    assert "== RESET: Password reset (specs/password-reset.md, active) ==" in out


# --- what the change does to the spec ------------------------------------------------------------

PAY_BEFORE = """\
---
id: PAY
scope: [src/pay/**]
---
# Payments

## Context
- Amounts are integers in cents.

## Requirements
- PAY-1: Charge in cents.
- PAY-2: Refunds go back to the original card.
- [ ] PAY-3: Invoices are numbered per year.
- PAY-4: Receipts are e-mailed.
- PAY-6: Failed charges are retried once.

## Edge Cases
- PAY-E1: A refund larger than the charge.
"""

PAY_AFTER = """\
---
id: PAY
scope: [src/pay/**]
---
# Payments

## Context
- Amounts are integers in cents.

## Requirements
- PAY-1: Charge in cents, rounded half up.
- [x] PAY-3: Invoices are numbered per year.
- PAY-4: Receipts   are e-mailed.
- PAY-5: Every refund is logged.

## Edge Cases
- PAY-E1: A refund larger than the charge.
"""

PAY_CODE = (
    "def charge(cents):  # PAY-1, PAY-4\n    return cents\n\n\n"
    "def refund(card):  # PAY-2\n    return card\n"
)


@pytest.fixture
def spec_delta(repo):
    repo.commit("Payments", {"specs/pay.md": PAY_BEFORE, "src/pay/core.py": PAY_CODE})
    repo.commit("Payments spec: reword, remove, tick, add", {"specs/pay.md": PAY_AFTER})
    return repo


def test_spec_delta_in_json_lists_added_reworded_removed_and_ticked(spec_delta, cli):
    """REVIEW-2: the delta comes from comparing the spec at the base with the resulting tree;
    whitespace alone is not a rewording."""
    data = review_json(cli)
    pay = next(spec for spec in data["specs"] if spec["id"] == "PAY")
    delta = pay["delta"]

    assert pay["reasons"][0] == "the spec itself changed"
    assert delta["new"] is False
    assert delta["added"] == ["PAY-5"]
    assert delta["reworded"] == ["PAY-1"]
    assert delta["ticked"] == ["PAY-3"]
    removed = {r["id"]: r for r in delta["removed"]}
    assert set(removed) == {"PAY-2", "PAY-6"}
    assert removed["PAY-2"]["text"] == "Refunds go back to the original card."
    assert [(r["path"], r["line"]) for r in removed["PAY-2"]["still_referenced"]] == [
        ("src/pay/core.py", 5)
    ]
    assert removed["PAY-6"]["still_referenced"] == []
    assert_valid("review", data)


def test_spec_delta_in_text_calls_out_a_removed_requirement_still_referenced(spec_delta, cli):
    """REVIEW-2: each change to the spec on its own line; the dangling one is called out."""
    out = review(cli)

    assert "   What this change does to the spec:" in out
    assert "     + PAY-5 added: Every refund is logged." in out
    assert '     ~ PAY-1 reworded: "Charge in cents." -> "Charge in cents, rounded half up."' in out
    assert "     x PAY-3 ticked: now enforced" in out
    assert "     - PAY-2 removed, but still referenced at src/pay/core.py:5" in out
    assert "     - PAY-6 removed\n" in out
    assert "PAY-4 reworded" not in out


def test_spec_delta_in_markdown(spec_delta, cli):
    """REVIEW-2, REVIEW-11: the same delta for a pull request."""
    md = review(cli, fmt="markdown")

    assert "**What this change does to the spec**" in md
    assert "- added PAY-5: Every refund is logged." in md
    assert "- reworded PAY-1: ~~Charge in cents.~~ → Charge in cents, rounded half up." in md
    assert "- ticked PAY-3: now enforced" in md
    assert "- removed PAY-2, **still referenced** at src/pay/core.py:5" in md
    assert "- removed PAY-6\n" in md


def test_a_new_spec_is_reported_as_new(repo, cli):
    """REVIEW-2: a spec file that did not exist at the base."""
    repo.commit("Code", {"src/pay/core.py": PAY_CODE})
    repo.commit("Spec", {"specs/pay.md": PAY_BEFORE})
    pay = review_json(cli)["specs"][0]

    assert pay["delta"]["new"] is True
    assert "+ the spec is new" in review(cli)


def test_an_untouched_spec_has_an_empty_delta(bcrypt_commit, cli):
    """REVIEW-2: a spec affected only by scope shows no delta section."""
    data = review_json(cli)

    for spec in data["specs"]:
        assert spec["delta"] == {
            "new": False,
            "deleted": False,
            "status_was": None,
            "added": [],
            "reworded": [],
            "removed": [],
            "ticked": [],
            "planned": [],
        }
    assert "What this change does to the spec" not in review(cli)


# --- hostile text --------------------------------------------------------------------------------

ESC = "\x1b"
HOSTILE_SPEC = f"""\
---
id: EVIL
status: "<img src=x onerror=alert(1)>"
scope: ["src/**"]
owners: ["@everyone", "<script>alert('o')</script>"]
---
# <script>alert('title')</script> {ESC}[31mred{ESC}[0m @octocat `tick` a|b

## Context
- Context with <script>alert('ctx')</script> and @octocat and | pipes | and {ESC}[2J.

## Requirements
- EVIL-1: Keep <script>alert('req')</script> inert, ping @octocat, `code`, a|b, {ESC}[31mred.
- EVIL-2: <img src=x onerror=alert(2)> stays text.

## Edge Cases
- EVIL-E1: A title with ``` fences ``` and {ESC}]8;;http://x{ESC}\\\\link.
"""
HOSTILE_FILE = "src/my <script> file @octocat.py"
HOSTILE_CODE = "def evil():  # EVIL-1 <script>alert('code')</script>\n    return '\x1b[31m'\n"


@pytest.fixture
def hostile(repo):
    repo.commit("Spec", {"specs/evil.md": HOSTILE_SPEC})
    repo.commit(
        f"<script>alert('msg')</script> {ESC}[31m @octocat EVIL-1",
        {HOSTILE_FILE: HOSTILE_CODE, "src/plain name with spaces.py": "x = 1  # EVIL-2\n"},
    )
    return repo


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_escape_byte_reaches_any_output(hostile, cli, fmt):
    """REVIEW-E1: terminal escape codes from specs, paths and messages never reach the output."""
    out = review(cli, fmt=fmt)

    assert ESC not in out
    assert "\\u001b" not in out  # not even escaped inside JSON
    assert "EVIL-1" in out


def test_hostile_markdown_renders_no_html_and_pings_nobody(hostile, cli):
    """REVIEW-E1: titles, statuses, owners, requirements, messages and paths cannot open HTML
    (the <summary> line is raw HTML, so it is HTML-escaped) and cannot mention anyone."""
    md = review(cli, fmt="markdown")
    rendered = html_of(md)

    # a code span shows its text literally (a backtick in it cannot close it): only there may
    # `<script>` stand unescaped
    assert "<script>" not in re.sub(r"`[^`\n]*`", "", md)
    assert not re.search(r"<script|<img", rendered, re.I), rendered
    assert "&lt;script&gt;alert('title')&lt;/script&gt;" in md
    assert "(&lt;img src=x onerror=alert(1)&gt;)</summary>" in md
    assert "@octocat" not in md and "@everyone" not in md
    assert "@\u200boctocat" in md
    assert md.count("<details open>") == 1 and md.count("</details>") == 1


def test_hostile_text_keeps_backticks_and_pipes_from_breaking_markdown(hostile, cli):
    """REVIEW-E1: a spec's code span stays a code span, rebuilt from its text (not escaped into
    backslashes, issue #12); a pipe cannot open a table cell."""
    md = review(cli, fmt="markdown")
    line = next(row for row in md.splitlines() if "**EVIL-1**" in row)

    assert " `code`," in line and "\\`" not in line and "a\\|b" in line
    assert "\\<script\\>" in line


def test_file_names_with_spaces_are_shown_whole(hostile, cli):
    """REVIEW-E1, REVIEW-E2: paths with spaces and markup are kept, in every format."""
    data = review_json(cli)

    assert {f["path"] for f in data["files"]} == {HOSTILE_FILE, "src/plain name with spaces.py"}
    assert "src/plain name with spaces.py" in review(cli)
    assert "`src/my <script> file @\u200boctocat.py:1`" in review(cli, fmt="markdown")
    assert_valid("review", data)


def test_json_keeps_hostile_text_as_data(hostile, cli):
    """REVIEW-E1: JSON carries the text itself (it is data), only the control bytes replaced."""
    data = review_json(cli)
    evil = data["specs"][0]

    assert evil["title"].startswith("<script>alert('title')</script> \ufffd[31mred")
    assert evil["owners"] == ["@everyone", "<script>alert('o')</script>"]
    assert evil["status"] == "<img src=x onerror=alert(1)>"
    assert_valid("review", data)


# --- no specs, and the exit code -----------------------------------------------------------------


def test_a_repository_without_specs_says_so_and_exits_0(repo, cli):
    """REVIEW-E3: nothing to link to is a state to report, not an error."""
    repo.commit("Code", {"src/app.py": "def main():\n    return 1\n"})
    repo.commit("More code", {"src/app.py": "def main():\n    return 2\n"})

    out = review(cli)
    assert "No spec is affected by this change." in out
    assert "There are no specs in HEAD: a change is reviewed against the specs committed" in out
    assert "No spec is affected by this change." in review(cli, fmt="markdown")
    data = review_json(cli)
    assert data["specs"] == [] and data["spec_count"] == 0
    assert data["unlinked"] == [{"path": "src/app.py", "start": 1, "end": 2}]
    assert_valid("review", data)


def test_a_root_commit_and_an_empty_commit_are_reviewed_with_exit_0(repo, cli):
    """REVIEW-12, REVIEW-E3: the first commit of a repository, and a commit that changes nothing."""
    repo.commit("First", {"specs/pay.md": PAY_BEFORE, "src/pay/core.py": PAY_CODE})
    assert_valid("review", review_json(cli))
    repo.commit("Nothing")
    for fmt in FORMATS:
        assert cli("review", "--format", fmt).code == 0
    assert review_json(cli)["files"] == []


def test_an_unknown_revision_is_exit_2_not_a_review(bcrypt_commit, cli):
    """REVIEW-12: exit 2 on bad input, with one line naming it."""
    result = cli("review", "no-such-branch")

    assert result.code == 2
    assert "no-such-branch" in result.err and result.out == ""


WRAPPED_SPEC = """---
id: TS
title: Timestamps
scope: ["src/**"]
---
## Context
- `from_timestamp` returns naive datetimes,
  always in UTC.
## Requirements
- TS-1: Timestamps never depend on the machine's time zone: `from_timestamp` returns a naive
  datetime in UTC and never an aware one.
- TS-2: Timestamps before the epoch are refused.

  Why: the store cannot hold them.
  - negative seconds
"""
WRAPPED_CODE = (
    "import datetime\n\n\n# TS-1\ndef from_timestamp(value):\n"
    "    return datetime.datetime.utcfromtimestamp(value)\n"
)
TS_1 = (
    "Timestamps never depend on the machine's time zone: `from_timestamp` returns a naive "
    "datetime in UTC and never an aware one."
)


def test_a_wrapped_statement_is_shown_whole_on_one_line(repo, cli):
    """CLI-E9: the marshmallow trial's TS-1 lost "datetime in UTC and never an aware one" in
    every text and Markdown output; its first paragraph is shown joined, never past a blank
    line or a nested item."""
    repo.commit("ts", {"specs/ts.md": WRAPPED_SPEC, "src/ts.py": WRAPPED_CODE})
    aware = WRAPPED_CODE.replace("utcfromtimestamp(value)", "fromtimestamp(value, tz=None)")
    repo.commit("aware", {"src/ts.py": aware})
    shown = cli("show", "TS").out
    assert TS_1 in shown and "always in UTC." in shown, shown
    assert "TS-2: Timestamps before the epoch are refused.  (" in shown, shown
    assert TS_1 in cli("review", "HEAD").out
    markdown = cli("review", "HEAD", "--format", "markdown").out
    assert TS_1 in markdown, markdown
    # REVIEW-E57: the code a reference heads is asked whether it meets it, not to reference it
    assert f"{TS_1}” Does this change meet it? <sub>" in markdown, markdown
    assert review_json(cli, "HEAD")["questions"][0]["statement"]["text"] == TS_1.replace(
        "naive datetime", "naive\ndatetime"
    )
    repo.stage({"src/ts.py": WRAPPED_CODE})
    assert TS_1 in cli("check", "--staged").out  # touched-requirement quotes it
    assert TS_1 in cli("check", "--staged", "--before-message").out  # the hook's questions


AUTH_SPEC = "---\nid: AUTH\nscope: [src/**]\n---\n# Auth\n\n## Requirements\n"
AUTH_SPEC += "- AUTH-1: Passwords are hashed with SHA-256.\n- AUTH-2: Tokens expire.\n"
AUTH_CODE = "import hashlib\n\n\ndef hash_password(p):  # AUTH-1\n    return hashlib.sha256(p)\n"
AUTH_CODE += "\n\ndef expire(t):  # AUTH-2\n    return t\n"


AUTH_TEST = "def test_expiry():  # AUTH-1, AUTH-2\n    assert True\n"


def _bcrypt_under_a_reference(repo) -> None:
    """AUTH-1's referenced code changes to bcrypt; AUTH-2's referenced code stays; a test
    references both."""
    files = {"specs/auth.md": AUTH_SPEC, "src/auth.py": AUTH_CODE, "tests/test_auth.py": AUTH_TEST}
    repo.commit("base", files)
    repo.commit("bcrypt", {"src/auth.py": AUTH_CODE.replace("hashlib.sha256(p)", "bcrypt(p)")})


def test_a_referenced_requirement_the_change_touches_is_not_marked_ok(repo, cli):
    """REVIEW-E109: the h11 trial read "ok CONN-3 [linked to this change]" beside a change
    that contradicts CONN-3 as reassurance; a requirement the change touches is marked `?`.
    REVIEW-E235: one it does not touch is `-`, not `ok` (the hyperlink and sqlparse trials read
    `ok` beside an untested requirement as "checked against this change"), and the header
    says what each mark means."""
    _bcrypt_under_a_reference(repo)
    out = cli("review", "HEAD").out
    assert "? AUTH-1 [linked to this change]" in out and "- AUTH-2:" in out, out
    assert "ok AUTH" not in out and "(? linked to this change, - not linked," in out, out


def test_every_format_leaves_a_touched_requirement_unticked_as_the_text_marks_it(repo, cli):
    """REVIEW-E113: structlog's trial (b93037f, `# PROC-2` heading the changed code) read
    `? PROC-2 [linked to this change]` in the text and `- [x] **PROC-2**` in the Markdown: the
    PR-facing forms ticked what the text asks to check. The Markdown review and the comment
    leave it unticked and say it is linked; JSON says `touched`; an untouched one stays ticked."""
    _bcrypt_under_a_reference(repo)
    assert "? AUTH-1 [linked to this change]" in cli("review", "HEAD").out
    markdown = cli("review", "HEAD", "--format", "markdown").out
    comment = cli("comment", "HEAD").out
    for shown in (markdown, comment):
        assert "- [ ] **AUTH-1**" in shown and "- [x] **AUTH-1**" not in shown, shown
        assert "· **linked to this change**" in shown.split("**AUTH-1**")[1].split("\n")[0]
        assert "- [x] **AUTH-2**" in shown and "linked" not in shown.split("**AUTH-2**")[1]
    data = review_json(cli, "HEAD")["specs"][0]["requirements"]
    assert [(r["id"], r["touched"]) for r in data] == [("AUTH-1", True), ("AUTH-2", False)]


def test_a_requirement_no_test_references_is_never_ticked(repo, cli):
    """REVIEW-E176: the werkzeug trial read `ok HDR-1` and `- [x] **HDR-1**` (in the PR
    comment too) for a requirement whose code is referenced and that no test references, while
    `check` warned `untested-requirement`: a ticked box reads as verified. Ticked only once a
    test references it; the text says no test does."""
    repo.commit("base", {"specs/auth.md": AUTH_SPEC, "src/auth.py": AUTH_CODE})
    repo.commit("bcrypt", {"src/auth.py": AUTH_CODE.replace("hashlib.sha256(p)", "bcrypt(p)")})
    markdown = cli("review", "HEAD", "--format", "markdown").out
    for shown in (markdown, cli("comment", "HEAD").out):
        assert "- [ ] **AUTH-2**" in shown and "- [x]" not in shown, shown
    text = cli("review", "HEAD").out
    assert "no test references it" in text.split("AUTH-2:")[1].split("\n\n")[0], text
    repo.commit("tested", {"tests/test_auth.py": AUTH_TEST})
    later = AUTH_CODE.replace("hashlib.sha256(p)", "bcrypt(p)").replace("t\n", "t + 1\n")
    repo.commit("expire later", {"src/auth.py": later})
    assert "- [x] **AUTH-1**" in cli("review", "HEAD", "--format", "markdown").out


def test_markdown_without_specs_keeps_the_sentence_and_the_unlinked_list_apart(repo, cli):
    """REVIEW-E3, REVIEW-8: the sentence that no spec is affected is its own paragraph, so the
    bold heading of the hunks linked to no spec after it renders as a heading, not run into it."""
    repo.commit("one", {"a.py": "x = 1\n"})
    repo.commit("two", {"a.py": "x = 2\n"})

    html = html_of(review(cli, "HEAD", fmt="markdown"))

    assert "<p><strong>Hunks linked to no spec</strong></p>" in html
    assert re.search(r"<p>No spec is affected by this change\.[^<]*<code>", html)
