"""specflow report on real repositories: statuses, coverage, the formats, the HTML page in a real
browser, and hostile spec text that must stay text."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

SPEC = """---
id: RESET
scope: [src/auth/**]
---
# Password reset

## Context
- Hashes are SHA-256 hex digests in `users.password_hash`.

## Requirements
- RESET-1: New hashes use SHA-256.
- RESET-2: Reset finds the account by e-mail.
- RESET-3: A reset is logged.
- RESET-4: Reset tokens expire.
- [ ] RESET-5: Old hashes move to bcrypt.

## Edge Cases
- RESET-E1: Two resets in a row.
- RESET-E2: An unknown e-mail.
- RESET-E3: A reset during login.
"""

DRAFT = """---
id: AUDIT
status: draft
---
# Audit

## Requirements
- AUDIT-1: Every reset is audited.
"""

CODE = {
    # RESET-1 implemented and verified: covered. RESET-2 implemented only: untested.
    # RESET-3 verified only: test-only. RESET-4 nowhere: unreferenced. RESET-5 planned.
    "src/auth/reset.py": "def reset():  # RESET-1\n    pass  # RESET-2, RESET-E2\n# RESET-9\n",
    "tests/test_reset.py": 'def test_reset():\n    """RESET-1, RESET-3, RESET-E1"""\n',
    "specs/audit.md": DRAFT,
}


@pytest.fixture
def matrix(repo):
    repo.commit("spec", {"specs/password-reset.md": SPEC})
    repo.commit("code", CODE)
    return repo


def rows_of(data):
    return {
        row["id"]: row
        for spec in data["specs"]
        for row in spec["requirements"] + spec["edge_cases"]
    }


def test_every_item_has_its_status_and_places(matrix, cli):
    """REPORT-1, REPORT-2: covered, untested, test-only, unreferenced, planned; edge cases
    by their tests."""
    result = cli("report")
    assert result.code == 0, result
    out = result.out
    assert re.search(r"covered\s+RESET-1: New hashes use SHA-256\.", out)
    assert "implemented: src/auth/reset.py:1" in out
    assert "verified by: tests/test_reset.py:2" in out
    assert re.search(r"untested\s+RESET-2:", out)
    assert re.search(r"test-only\s+RESET-3:", out)
    assert re.search(r"unreferenced\s+RESET-4:", out)
    assert re.search(r"planned\s+RESET-5:", out)
    assert re.search(r"covered\s+RESET-E1:", out)
    assert re.search(r"untested\s+RESET-E2:", out)
    assert re.search(r"unreferenced\s+RESET-E3:", out)

    data = json.loads(cli("report", "--format", "json").out)
    rows = rows_of(data)
    assert {key: row["status"] for key, row in rows.items()} == {
        "RESET-1": "covered",
        "RESET-2": "untested",
        "RESET-3": "test-only",
        "RESET-4": "unreferenced",
        "RESET-5": "planned",
        "RESET-E1": "covered",
        "RESET-E2": "untested",
        "RESET-E3": "unreferenced",
        "AUDIT-1": "unreferenced",
    }
    assert rows["RESET-1"]["implemented"] == [
        {"id": "RESET-1", "path": "src/auth/reset.py", "line": 1, "text": "def reset():  # RESET-1"}
    ]
    assert [(r["path"], r["line"]) for r in rows["RESET-1"]["verified"]] == [
        ("tests/test_reset.py", 2)
    ]


def test_coverage_counts_enforced_items_and_enforced_specs(matrix, cli):
    """REPORT-3: planned items are not counted; a draft spec is not in the overall figure."""
    data = json.loads(cli("report", "--format", "json").out)
    assert (data["schema"], data["kind"], data["revision"]) == (1, "report", "HEAD")
    specs = {spec["id"]: spec for spec in data["specs"]}
    # RESET: 4 enforced requirements + 3 edge cases counted; RESET-1 and RESET-E1 covered.
    assert specs["RESET"]["coverage"] == {"covered": 2, "counted": 7, "percent": 28}
    assert specs["RESET"]["counts"] == {
        "covered": 2,
        "untested": 2,
        "test-only": 1,
        "unreferenced": 2,
        "planned": 1,
    }
    assert specs["AUDIT"]["coverage"] == {"covered": 0, "counted": 1, "percent": 0}
    assert data["coverage"] == {"covered": 2, "counted": 7, "percent": 28}
    assert "coverage 28% (2 of 7 covered)" in cli("report").out.splitlines()[0]


def test_dangling_references_are_listed(matrix, cli):
    """REPORT-6"""
    data = json.loads(cli("report", "--format", "json").out)
    assert [(r["id"], r["path"], r["line"]) for r in data["dangling"]] == [
        ("RESET-9", "src/auth/reset.py", 3)
    ]
    assert "RESET-9 at src/auth/reset.py:3" in cli("report").out


def test_a_revision_and_the_index_are_reported_as_they_are(matrix, cli):
    """REPORT-1: HEAD~1's tree has no references yet; --staged sees what is staged only."""
    old = rows_of(json.loads(cli("report", "HEAD~1", "--format", "json").out))
    assert old["RESET-1"]["status"] == "unreferenced"
    assert "AUDIT-1" not in old
    matrix.stage({"tests/test_more.py": "# RESET-2 RESET-4\n"})
    matrix.write({"tests/test_unstaged.py": "# RESET-E3\n"})
    staged = json.loads(cli("report", "--staged", "--format", "json").out)
    assert staged["revision"] == "--staged" and staged["head"] is None
    rows = rows_of(staged)
    assert rows["RESET-2"]["status"] == "covered"
    assert rows["RESET-4"]["status"] == "test-only"
    assert rows["RESET-E3"]["status"] == "unreferenced"


def test_markdown_is_one_document_with_escaped_text(repo, cli):
    """REPORT-4, REPORT-E1: spec text cannot become Markdown or HTML."""
    hostile = SPEC.replace("# Password reset", "# Reset <script>alert(1)</script> | *x*").replace(
        "RESET-4: Reset tokens expire.", 'RESET-4: "><img src=x onerror=alert(1)> | `tick`'
    )
    repo.commit("spec", {"specs/password-reset.md": hostile})
    result = cli("report", "--format", "markdown")
    assert result.code == 0
    assert result.out.startswith("# Traceability: HEAD (")
    assert "| [RESET](#reset) |" in result.out
    html = MarkdownIt("commonmark").enable("table").render(result.out)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # The pipes in the text stay inside their cells: every row of the RESET table has 6 cells.
    table = html.split("<h2>RESET</h2>")[1].split("</table>")[0]
    assert all(row.count("<td>") == 6 for row in table.split("<tr>")[2:])


def test_same_tree_same_bytes(matrix, cli, tmp_path):
    """REPORT-7"""
    for fmt in ("text", "markdown", "json"):
        assert cli("report", "--format", fmt).out == cli("report", "--format", fmt).out
    cli("report", "--html", str(tmp_path / "a"))
    cli("report", "--html", str(tmp_path / "b"))
    assert (tmp_path / "a/index.html").read_bytes() == (tmp_path / "b/index.html").read_bytes()


def test_a_tree_without_specs(repo, cli, tmp_path):
    """REPORT-E2"""
    repo.commit("code", {"a.py": "x = 1\n"})
    result = cli("report")
    assert result.code == 0
    assert 'No specs in this tree yet: `specflow new "Title"` writes the first one.' in result.out
    assert cli("report", "--html", str(tmp_path / "out")).code == 0
    assert "No specs in this tree yet" in (tmp_path / "out/index.html").read_text()


def test_a_requirement_without_an_id(repo, cli):
    """REPORT-E3"""
    repo.commit("spec", {"specs/reset.md": "# Reset\n\n## Requirements\n- Hash with SHA-256.\n"})
    result = cli("report")
    assert re.search(r"unreferenced\s+\(no id\): Hash with SHA-256\.", result.out), result
    data = json.loads(cli("report", "--format", "json").out)
    assert data["specs"][0]["requirements"][0]["id"] is None


def test_html_folder_is_created_and_a_file_in_its_place_is_bad_input(matrix, cli, tmp_path):
    """REPORT-E4, REPORT-5"""
    result = cli("report", "--html", str(tmp_path / "deep/er"))
    assert result.code == 0, result
    assert result.out == f"wrote {tmp_path / 'deep/er/index.html'}: 2 spec(s), coverage 28%\n"
    (tmp_path / "file").write_text("x")
    result = cli("report", "--html", str(tmp_path / "file"))
    assert result.code == 2
    assert result.err.startswith("specflow: error: ") and "file" in result.err


def test_an_index_html_specflow_did_not_write_is_never_replaced(matrix, cli, tmp_path):
    """REPORT-E5: `--html docs` in a repository whose docs site has an index.html; the page
    specflow wrote itself is replaced on the next run."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>My precious site</h1>\n", encoding="utf-8")
    refused = cli("report", "--html", str(site))
    assert refused.code == 2
    assert refused.err == (
        f"specflow: error: {site / 'index.html'}: exists and specflow did not write it: give "
        "--html a folder of its own\n"
    )
    assert (site / "index.html").read_text(encoding="utf-8") == "<h1>My precious site</h1>\n"
    ours = tmp_path / "ours"
    assert cli("report", "--html", str(ours)).code == 0
    assert cli("report", "--html", str(ours)).code == 0


def test_bad_revision_exits_2(matrix, cli):
    assert cli("report", "nope").code == 2


# --- REPORT-5: the page -------------------------------------------------------------------------

HOSTILE_SPEC = """---
id: EVIL
---
# <script>document.body.dataset.pwned = "title"</script>

## Requirements
- EVIL-1: "><img src=x onerror="document.body.dataset.pwned='attr'"> closes an attribute.
- EVIL-2: <b onmouseover="document.body.dataset.pwned='b'">bold</b> and </td></tr></table> too.
"""
HOSTILE_PATH = 'src/x"><img src=y onerror="document.body.dataset.pwned=\'path\'">.py'


@pytest.fixture
def page(matrix, cli, tmp_path) -> Path:
    matrix.commit(
        "hostile",
        {
            "specs/evil.md": HOSTILE_SPEC,
            HOSTILE_PATH: "# EVIL-1 \"><script>document.body.dataset.pwned='line'</script>\n",
        },
    )
    result = cli("report", "--html", str(tmp_path / "site"))
    assert result.code == 0, result
    return tmp_path / "site/index.html"


def test_the_page_is_self_contained_and_allows_only_its_own_script(page):
    """REPORT-5: inline CSS and script, no network asset, the script allowed by its hash only."""
    html = page.read_text()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html
    assert html.count("<script") == 1 and html.count("<style") == 1
    script = html.split("<script>")[1].split("</script>")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html
    assert "default-src 'none'" in html


def test_hostile_text_stays_text_in_the_page(page):
    """REPORT-E1: autoescape in text and in attributes; no tag or handler of the spec's own."""
    html = page.read_text()
    assert html.count("<img") == 0 and html.count("<b ") == 0
    assert "&lt;script&gt;document.body.dataset.pwned = &#34;title&#34;&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=&#34;" in html
    assert "onerror=" not in html.replace("onerror=&#34;", "")  # only ever inside escaped text
    line = (
        "# EVIL-1 &#34;&gt;&lt;script&gt;document.body.dataset.pwned=&#39;line&#39;&lt;/script&gt;"
    )
    assert f'title="{line}"' in html  # the referencing line, inside an attribute
    assert "src/x&#34;&gt;&lt;img src=y onerror=&#34;document.body.dataset.pwned=" in html


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


needs_chromium = pytest.mark.skipif(
    chromium() is None,
    reason="chromium is not installed (Debian: apt-get install -y chromium; .ci/run does it)",
)


def browse(page: Path, profile: Path, *args: str, fragment: str = "") -> str:
    command = [
        str(chromium()),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
        page.as_uri() + fragment,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@needs_chromium
def test_in_a_browser_the_filter_runs_and_nothing_hostile_does(page, tmp_path):
    """REPORT-5, REPORT-E1: the DOM after scripts ran, preset by the URL hash."""
    dom = browse(page, tmp_path / "p1", "--dump-dom", fragment="#status=unreferenced&spec=RESET")
    assert '<body data-filter="ready" data-shown="2"' in dom  # the script ran, under the policy
    items = dom.split('<table id="items">')[1].split("</table>")[0]
    rows = re.findall(
        r"<tr data-spec=\"(\w+)\" data-source=\"\w+\" data-status=\"([\w-]+)\"( hidden=\"\")?>",
        items,
    )
    assert len(rows) == 11  # 8 RESET + 1 AUDIT + 2 EVIL
    shown = [(spec, status) for spec, status, hidden in rows if not hidden]
    assert shown == [("RESET", "unreferenced"), ("RESET", "unreferenced")]
    assert '<span id="shown">2</span>' in dom
    assert "pwned" not in dom.split("<script>")[0].split("<body")[1].split(">")[0]
    assert "<img" not in dom and "<b " not in dom  # parsed as text, not as elements

    assert '<p class="note" id="none" hidden="">' in dom
    one = browse(page, tmp_path / "p2", "--dump-dom", fragment="#q=bcrypt")
    assert 'data-shown="1"' in one  # RESET-5: "Old hashes move to bcrypt."
    nothing = browse(page, tmp_path / "p4", "--dump-dom", fragment="#q=no+such+words")
    assert 'data-shown="0"' in nothing
    assert '<p class="note" id="none">No requirement or edge case matches' in nothing


@needs_chromium
def test_the_page_renders_to_a_real_screenshot(page, tmp_path):
    """REPORT-5: the page draws something of substance (look at it: it should read well)."""
    shot = tmp_path / "report.png"
    browse(page, tmp_path / "p3", "--window-size=1280,900", f"--screenshot={shot}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 900)
    assert len(data) > 20_000
    assert len(set(png_pixels(data))) > 20  # text, badges and bars: many colours, not a blank


def png_pixels(data: bytes) -> bytes:
    """The decompressed scanlines of a PNG (filter bytes included): enough to tell a blank."""
    chunks, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        if kind == b"IDAT":
            chunks.append(data[position + 8 : position + 8 + length])
        position += 12 + length
    return zlib.decompress(b"".join(chunks))


def test_the_text_breakdown_adds_up_to_the_coverage_total(matrix, cli):
    """REPORT-E6 (the jsonc trial's D7: "coverage 0% (0 of 32 covered)" over a breakdown summing
    to 34, a draft spec's items in it): the breakdown counts the enforced specs' items, as the
    coverage does, planned ones marked not counted and the draft's items said apart."""
    lines = cli("report").out.splitlines()
    assert "coverage 28% (2 of 7 covered)" in lines[0]
    assert lines[1] == (
        "covered 2 · untested 2 · test-only 1 · unreferenced 2 · planned 1 (not counted)"
        " · 1 item of draft specs (not counted)"
    )
