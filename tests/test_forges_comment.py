"""`specflow comment`: the review as one Markdown comment, hostile text made inert, the size
limit kept. Real repositories; the Markdown is read back with markdown-it as a forge would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from specflow.forges import comment as comments
from specflow.output.escape import _code_spans, html_text, md_code_span, md_prose, md_text
from testing.stories import RESET_SPEC

ZWSP = "\u200b"
RESET = 'def reset(user, pw):\n    """RESET-2"""\n    user.password_hash = pw\n'
HOSTILE = "<script>alert(1)</script> @octocat #1 owner/repo#2 <!-- hide --> `tick` a|b **x** [l](u)"


def render(markdown: str) -> str:
    """The HTML a forge would make of the comment, before its sanitiser runs."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


def assert_inert(body: str) -> None:
    """Nothing from the change can hide text, forge the marker, notify, link or inject."""
    assert body.count("<!--") == 1 and body.count("-->") == 1, "only the marker is a comment"
    assert body.startswith("<!-- specflow:comment v1 key=")
    assert "<script" not in body.lower()
    html = render(body)
    text = re.sub(r"<code>.*?</code>", "", html, flags=re.DOTALL)  # forges link no code
    assert not re.search(r"@\w", text), "a mention would notify"
    assert not re.search(r"#\d", text), "a reference would link"
    assert "<script" not in html.lower()
    assert html.count("<details") == html.count("</details>")
    assert "<a href" not in html


def balanced(body: str) -> None:
    """Every <details> closes, and Markdown inside it has a blank line on each side."""
    assert body.count("<details") == body.count("</details>")
    for match in re.finditer(r"</summary>", body):
        assert body[match.end() : match.end() + 2] == "\n\n", body[match.start() : match.end() + 40]
    for match in re.finditer(r"</details>", body):
        assert body[match.start() - 2 : match.start()] == "\n\n"


# ---------------------------------------------------------------- escaping, unit by unit


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("hello @octocat and @org/team", f"hello @{ZWSP}octocat and @{ZWSP}org/team"),
        ("see #12, acme/app#3 and GH-4", f"see #{ZWSP}12, acme/app#{ZWSP}3 and GH-{ZWSP}4"),
        ("GitLab !42", f"GitLab !{ZWSP}42"),
        ("<!-- hide", "&lt;!-- hide"),
        ("end -->", "end --&gt;"),
        ("a|b", "a\\|b"),
        ("*b* _i_ [l](u) `c` ~s~ $m$", "\\*b\\* \\_i\\_ \\[l\\](u) \\`c\\` \\~s\\~ \\$m\\$"),
        ("# heading", "\\# heading"),
        ("1. item", "1\\. item"),
        ("&#64;user &amp;", f"&amp;#{ZWSP}64;user &amp;amp;"),
        ("two\nlines\r\nhere", "two lines here"),
        ("bidi \u202e reversed", "bidi \ufffd reversed"),
    ],
)
def test_md_text_makes_untrusted_text_inert(text, shown):
    """COMMENT-3"""
    assert md_text(text) == shown


def test_md_text_caps_each_string():
    """COMMENT-3"""
    capped = md_text("x" * 10_000, 300)
    assert len(capped) == 300 and capped.endswith("…")


def test_md_text_renders_as_the_text_itself():
    """COMMENT-3: escaped, it still reads as what was written."""
    html = render(f"- {md_text(HOSTILE)}")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>" not in html and "<a " not in html and "<code>" not in html
    assert "**x**" in html and "[l](u)" in html and "`tick`" in html


def test_html_text_for_summary_lines():
    """COMMENT-3: inside HTML, Markdown is not read: entities only, no backslashes."""
    assert (
        html_text('a <b> & "c" *d* @e #1')
        == f"a &lt;b&gt; &amp; &quot;c&quot; *d* @{ZWSP}e #{ZWSP}1"
    )


@pytest.mark.parametrize(
    ("text", "span", "code"),
    [
        ("plain.py", "`plain.py`", "plain.py"),
        ("re`set.py", "``re`set.py``", "re`set.py"),
        ("a``b`c", "```a``b`c```", "a``b`c"),
        ("`start", "`` `start ``", "`start"),
        ("end`", "`` end` ``", "end`"),
        ("<!-- x -->", f"`<!-{ZWSP}- x --{ZWSP}>`", f"&lt;!-{ZWSP}- x --{ZWSP}&gt;"),
        ("line\nbreak", "`line break`", "line break"),
    ],
)
def test_code_span_is_fenced_longer_than_any_run_inside(text, span, code):
    """COMMENT-3, COMMENT-E4"""
    assert md_code_span(text) == span
    assert render(span) == f"<p><code>{code}</code></p>\n"


def test_code_span_in_a_table_cell_escapes_the_pipe():
    """COMMENT-3: GFM splits cells before it reads code spans."""
    cell = md_code_span("a|b", table=True)
    table = f"| path | n |\n| --- | --- |\n| {cell} | 1 |\n"
    assert "<td><code>a|b</code></td>\n<td>1</td>" in render(table)


# ---------------------------------------------------------------- the comment end to end


def test_comment_shows_verdict_blocking_first_specs_and_footer(story, cli):
    """COMMENT-1: verdict, blocking findings, a section per spec, task lists, footer;
    REVIEW-E113: RESET-2, which the change implements, is left for the reviewer to tick."""
    head = story.commit("reset", {"src/auth/reset.py": RESET})
    result = cli("comment", "HEAD")
    assert result.code == 0, result
    body = result.out
    assert body.startswith(f"<!-- specflow:comment v1 key=default head={head} -->\n")
    lines = body.splitlines()
    waiting = "4 questions wait for a reviewer (RESET-2, AUTH-2)"  # COMMENT-E10
    assert lines[1] == f"### ❌ specflow: 1 blocking finding; {waiting}"
    blocking = body.index("**Blocking")
    assert blocking < body.index("unreferenced-requirement") < body.index("<details open>")
    assert "- [ ] **RESET-1**: New password hashes" in body
    assert "- [ ] **RESET-2**: Reset verifies" in body and "· **linked to this change**" in body
    assert "<summary>❌ <b>RESET</b> Password reset · 1 of 2 requirements referenced</summary>" in (
        body
    )
    assert (
        "- [ ] **RESET-E1**: The user resets the password several times in a row. "
        "· no test references it" in body
    )
    assert "🧪 Changed, and no test mentions it (1)" in body
    assert f"checked `{head[:12]}` (`HEAD`)" in lines[-1]
    balanced(body)
    assert_inert(body)


def test_comment_on_a_passing_change(story, cli):
    """COMMENT-1, COMMENT-E5; COMMENT-E10: nothing blocks, and the questions asked wait for a
    reviewer: the headline says so, not "nothing blocks this change"."""
    story.commit("reset", {"src/auth/reset.py": RESET.replace("RESET-2", "RESET-1, RESET-2")})
    body = cli("comment", "HEAD").out
    waiting = "5 questions wait for a reviewer (RESET-1, RESET-2, AUTH-2)"
    assert body.splitlines()[1] == f"### 🔍 specflow: {waiting}"
    assert "Nothing fails the check; the questions below are for a reviewer" in body
    assert "<details>\n<summary>📋 <b>RESET</b>" in body
    assert "**Blocking" not in body


def test_comment_without_specs_or_affected_specs_says_so(repo, cli):
    """COMMENT-E5"""
    repo.commit("first", {"README.md": "hello\n"})
    body = cli("comment", "HEAD").out
    assert "### ✅ specflow: no specs in this tree, nothing to check" in body
    repo.commit("spec", {"specs/password-reset.md": RESET_SPEC})
    repo.commit("docs", {"README.md": "hello again\n"})
    body = cli("comment", "HEAD").out
    assert "0 of 1 spec affected" in body and "nothing blocks this change" in body


def test_hostile_specs_and_file_names_stay_text(story, cli):
    """COMMENT-3, COMMENT-E4: script tags, mentions, references, comments, backticks, pipes,
    line breaks and huge strings from the change."""
    spec = RESET_SPEC.replace("# Password reset", f"# Password reset {HOSTILE}")
    spec = spec.replace("changing anything.", f"changing anything. {HOSTILE} {'y' * 50_000}")
    spec = spec.replace("several times in a row.", "several times -->  <!-- @admin #9")
    story.commit("spec", {"specs/password-reset.md": spec})
    names = ["src/auth/re`set @bob #7.py", "src/auth/a|b <!--.py", "src/auth/new\nline.py"]
    story.commit(
        "reset @alice fixes #3 <!--",
        {name: f"# {HOSTILE}\n" + RESET for name in names},
    )
    result = cli("comment", "HEAD")
    assert result.code == 0, result
    body = result.out
    assert_inert(body)
    balanced(body)
    assert len(body) < 20_000, "every string is capped"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    html = render(body)
    assert "<code>src/auth/re`set @bob #7.py</code> lines 1-4" in html  # no mention in code
    assert "<code>src/auth/new line.py</code> lines 1-4" in html
    assert f"<code>src/auth/a|b &lt;!-{ZWSP}-.py</code>" in html
    assert not any(line.startswith("line.py") for line in body.splitlines())


def test_marker_key_and_bad_keys(story, cli):
    """COMMENT-2"""
    story.commit("reset", {"src/auth/reset.py": RESET})
    body = cli("comment", "HEAD", "--key", "docs.v2_a-b").out
    assert body.startswith("<!-- specflow:comment v1 key=docs.v2_a-b head=")
    assert comments.marker_key(body) == "docs.v2_a-b"
    assert comments.marker_key("<!-- specflow:comment v7 key=docs head=x -->") == "docs"
    assert comments.marker_key("text\n<!-- specflow:comment v1 key=docs head=x -->") is None
    for bad in ("a b", "x-->", "", "-a", "k" * 65):
        result = cli("comment", "HEAD", "--key", bad)
        assert result.code == 2, bad
        assert "--key" in result.err


def test_output_file(story, cli, tmp_path):
    """COMMENT-1"""
    story.commit("reset", {"src/auth/reset.py": RESET})
    target = tmp_path / "out" / "comment.md"
    result = cli("comment", "HEAD", "--output", str(target))
    assert result.code == 0 and result.out == ""
    assert target.read_text(encoding="utf-8").startswith("<!-- specflow:comment v1")


def test_ripples_are_listed(story, cli):
    """COMMENT-1: untouched code that reads what the change writes."""
    story.commit("reader", {"src/report.py": "def show(user):\n    return user.password_hash\n"})
    story.commit("reset", {"src/auth/reset.py": RESET})
    body = cli("comment", "HEAD").out
    assert "🌊 Ripples (1): untouched code that depends on what this change touches" in body
    assert (
        "- [ ] `password_hash` is written at `src/auth/reset.py:3`; used, untouched, at "
        "`src/auth/users.py:7`, `src/auth/users.py:12`, `src/report.py:2`"
    ) in body


# ---------------------------------------------------------------- the size limit


def _thousand_files(repo) -> None:
    """Two specs over src/**: CORE's 40 requirements referenced nowhere (blocking), BIG's 400
    referenced from the files; 600 changed files in scope, 400 in no spec's scope."""
    core = "\n".join(f"- CORE-{n}: The core keeps promise number {n}." for n in range(1, 41))
    big = "\n".join(
        f"- BIG-{n}: Behaviour {n} of the big module is described here at some length."
        for n in range(1, 401)
    )
    head = "---\nid: {0}\nscope: [src/**]\n---\n# {0}\n\n## Context\n- {1}\n\n## Requirements\n"
    specs = {
        "specs/core.md": head.format("CORE", "The core.") + core + "\n",
        "specs/big.md": head.format("BIG", "Big module data.") + big + "\n",
    }
    repo.commit("specs", specs)
    body = "def handler_{0}(data):\n    data.total_{0} = 1\n    return data\n"
    files = {f"src/m{n}.py": f"# BIG-{n % 400 + 1}\n" + body.format(n) for n in range(600)}
    files |= {f"lib/l{n}.py": f"def helper_{n}():\n    return {n}\n" for n in range(400)}
    repo.commit("a thousand files", files)


def test_a_thousand_file_change_fits_and_keeps_what_matters(repo, cli):
    """COMMENT-4, COMMENT-14: under 65,536 UTF-16 code units; marker, verdict, every blocking
    finding and the footer kept; what was left out is named."""
    _thousand_files(repo)
    result = cli("comment", "HEAD")
    assert result.code == 0, result
    body = result.out.rstrip("\n")
    assert len(body.encode("utf-16-le")) // 2 <= comments.LIMIT
    assert comments.size(body) <= comments.LIMIT
    assert body.startswith("<!-- specflow:comment v1 key=default head=")
    assert "### ❌ specflow: 40 blocking findings" in body
    for n in range(1, 41):
        assert f"**unreferenced-requirement**: CORE-{n} is referenced nowhere" in body
    assert "1000 files changed" in body
    assert "**Trimmed to stay under the 65,536-character limit of a comment.** Left out:" in body
    assert "`specflow review HEAD`" in body
    assert body.splitlines()[-1].startswith("<sub>specflow ")
    balanced(body)
    assert render(body).count("<details") == render(body).count("</details>")


def test_a_blocking_list_over_the_limit_is_cut_at_an_item_and_counted(story, cli):
    """COMMENT-E1, COMMENT-4"""
    from specflow import pipeline, pipeline_review

    requirements = "\n".join(f"- RESET-{n}: Rule {n} with some words." for n in range(1, 200))
    story.commit(
        "spec",
        {
            "specs/password-reset.md": RESET_SPEC.split("## Requirements")[0]
            + "## Requirements\n"
            + requirements
            + "\n"
        },
    )
    story.commit("reset", {"src/auth/reset.py": RESET.replace("RESET-2", "nothing")})
    repo = pipeline.open_repository()
    review, result = pipeline_review.verdict(repo, pipeline.gitio.revision(repo, "HEAD"))
    body = comments.body(review, result.findings, repo.root, limit=8_000)
    assert comments.size(body) <= 8_000
    shown = body.count("**unreferenced-requirement**")
    assert 10 < shown < 199
    assert f"- … and {199 - shown} more blocking findings: the full review has them all" in body
    assert f"blocking findings ({shown} of 199 shown)" in body
    assert body.splitlines()[-1].startswith("<sub>specflow ")
    balanced(body)


def _section(kind: str, items: int, rank: int, required: bool = False) -> comments.Section:
    head = f"<details>\n<summary>{kind}</summary>" if not required else f"**{kind}**"
    tail = "" if required else "</details>"
    lines = tuple(f"- {kind} item {n} " + "x" * 80 for n in range(items))
    return comments.Section(kind, kind, head, lines, tail, required=required, rank=rank)


def _more(section: comments.Section, count: int) -> str:
    return f"- … and {count} more"


def _note(parts: list[str], hidden: int) -> str:
    return f"> Left out: {', '.join(parts)}" + (f" and {hidden} more" if hidden else "")


def test_fit_keeps_everything_under_the_limit():
    """COMMENT-4"""
    sections = [_section("top", 0, 0, True), _section("a", 5, 1), _section("end", 0, 0, True)]
    whole = comments.fit(sections, 10_000, _more, _note)
    assert "Left out" not in whole and whole.count("item") == 5


def test_fit_drops_the_least_important_first_and_shortens_lists():
    """COMMENT-4: ranks decide what goes; order on the page stays; sections stay closed."""
    sections = [
        _section("top", 0, 0, True),
        _section("important", 20, 1),
        _section("minor", 20, 5),
        _section("middle", 20, 3),
        _section("end", 0, 0, True),
    ]
    text = comments.fit(sections, 3_500, _more, _note)
    assert comments.size(text) <= 3_500
    assert text.index("important") < text.index("middle") if "middle item" in text else True
    assert "important item 19" in text
    assert "minor item" not in text
    assert "minor" in text.split("> Left out: ")[1]
    assert text.count("<details>") == text.count("</details>")
    assert text.endswith("**end**")
    if "middle item 0" in text and "middle item 19" not in text:
        assert "- … and" in text and "middle (" in text


@pytest.mark.parametrize("limit", [600, 1_000, 2_000, 4_000, 8_000, 16_000])
def test_fit_never_exceeds_the_limit(limit):
    """COMMENT-4: whatever the limit, the result fits and every section closes."""
    sections = [_section("top", 0, 0, True), _section("blocking", 30, 0, True)]
    sections += [_section(f"s{n}", n * 3, n % 4 + 1) for n in range(8)]
    sections.append(_section("end", 0, 0, True))
    text = comments.fit(sections, limit, _more, _note)
    assert comments.size(text) <= limit or "s0" not in text
    assert text.count("<details>") == text.count("</details>")
    assert text.startswith("**top**") and text.endswith("**end**")


def test_fit_counts_items_that_were_never_rendered():
    """COMMENT-4: a list longer than any comment can show renders only its first items, and
    still says how many there are in all."""
    capped = comments.Section("untested", "untested", "**u**", ("- a", "- b"), total=9_000)
    sections = [_section("top", 0, 0, True), capped, _section("end", 0, 0, True)]
    text = comments.fit(sections, 10_000, _more, _note)
    assert "- a\n- b\n- … and 8998 more" in text
    text = comments.fit(sections, 40, _more, _note)
    assert "untested (0 of 9000 shown)" in text or "Left out: untested" in text


def test_size_counts_utf16_code_units_and_line_breaks_twice():
    """COMMENT-4: an emoji is two code units; a line break may be stored as CRLF."""
    assert comments.size("ab") == 2
    assert comments.size("😀") == 2
    assert comments.size("é") == 1
    assert comments.size("a\nb") == 4


def test_the_report_link_must_be_a_plain_url():
    """COMMENT-3: the job's URL goes into a Markdown link only when it cannot break out."""
    assert comments.report_link("https://github.com/a/b/actions/runs/1") is not None
    for bad in ("javascript:alert(1)", "https://x/a)(b", "https://x/<b>", "https://x y", None):
        assert comments.report_link(bad) is None


def test_report_url_in_the_trimmed_note(repo, cli, monkeypatch):
    """COMMENT-4: the note says where the full review is: the job summary."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_EVENT_NAME", "push")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/app")
    monkeypatch.setenv("GITHUB_RUN_ID", "77")
    _thousand_files(repo)
    body = cli("comment", "HEAD").out
    assert "[the job summary](https://github.com/acme/app/actions/runs/77)" in body
    assert "[full review](https://github.com/acme/app/actions/runs/77)" in body


def test_cut_summary_keeps_whole_lines_and_closes_details():
    """COMMENT-10"""
    text = "# Review\n" + "".join(
        f"<details>\n<summary>s{n}</summary>\n\n" + "- line é\n" * 400 + "\n</details>\n"
        for n in range(400)
    )
    cut = comments.cut(text, 100_000)
    assert len(cut.encode("utf-8")) <= 100_000
    assert cut.count("<details") == cut.count("</details>")
    assert "GitHub keeps at most 1 MiB of a job summary" in cut
    assert comments.cut("short", 100) == "short"
    assert comments.cut(text, 50) == ""


def test_a_repository_template_override_is_used_and_sandboxed(story, cli):
    """COMMENT-1: `.specflow/templates/comment.md.j2` replaces the words; the sandbox holds."""
    story.commit("reset", {"src/auth/reset.py": RESET})
    packaged = (Path(__file__).parents[1] / "templates" / "comment.md.j2").read_text()
    override = story.path / ".specflow" / "templates" / "comment.md.j2"
    override.parent.mkdir(parents=True)
    override.write_text(packaged.replace("nothing blocks this change", "ship it"))
    story.commit("reset", {"src/auth/reset.py": RESET.replace("RESET-2", "RESET-1, RESET-2")})
    assert "### ✅ specflow: ship it" in cli("comment", "HEAD").out
    override.write_text(
        packaged.replace("{{ plural(v.files", "{{ v.__class__.__mro__ }}{{ plural(v.files")
    )
    result = cli("comment", "HEAD")
    assert result.code == 2
    assert "comment.md.j2" in result.err


@pytest.mark.parametrize(
    ("text", "rendered"),
    [
        ("uses `a` and ``b`c``", "uses `a` and ``b`c``"),
        ("an ``unclosed run and `x`", "an \\`\\`unclosed run and `x`"),
        ("``` `` ```", "```  ``  ```"),
    ],
)
def test_code_spans_pair_as_commonmark_pairs_them(text, rendered):
    """HARDEN-E9"""
    assert md_prose(text) == rendered


def test_code_spans_are_found_in_linear_time():
    """HARDEN-E9: helper-49's runs of 2000 down to 1 backticks (50 s in a 2 MB line): every run
    pairs with none, so it is all text; counted in steps, not timed."""
    text = "".join("`" * n + "a" for n in range(2000, 0, -1))
    assert list(_code_spans(text)) == []
    assert list(_code_spans("`a` " * 50_000)) == [
        (4 * n, 4 * n + 3, 4 * n + 1, 4 * n + 2) for n in range(50_000)
    ]


LONG = """---
id: PAY
scope: [src/**]
---
# Pay

## Requirements
- PAY-1: {text}
"""


def test_a_long_statement_leaves_the_warnings_instruction_whole(repo, cli):
    """COMMENT-E8: the comment caps a finding at 400 characters; the touched-requirement
    warning names what to do before it quotes the statement, so a long statement is what the
    cap cuts (yarl's trial read "name URL-8 in the commit me…")."""
    text = "Charges are integer cents and never floats, " * 12
    repo.commit("base", {"specs/pay.md": LONG.format(text=text), "src/pay.py": "# PAY-1\nx = 1\n"})
    repo.commit("edit", {"src/pay.py": "# PAY-1\nx = 2\n"})
    body = cli("comment", "HEAD").out
    line = next(line for line in body.splitlines() if "touched-requirement" in line)
    assert "Name PAY-1 in the commit message once you are sure" in line, line
    assert line.rstrip().endswith("…"), line
