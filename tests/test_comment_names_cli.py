"""A name a hunk's comment mentions is prose, not a name its code uses, through the CLI on real
repositories (REVIEW-E391: w3lib `e1be00d`, "as get_meta_refresh does" in `get_base_url`); beside
it, what must still ask: the name the code calls, an ID the comment names."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

SPEC = """---
id: H
scope: ["lib.{ext}"]
---
# Html
## Requirements
- H-1: `func_a()` returns the base URL of the page text.
- H-2: `read_meta_refresh()` reads the refresh target of a meta tag.
- H-3: `helper_c()` drops the content of script elements.
- H-4: An empty page text raises `HelperError`.
"""

PYTHON = """def read_meta_refresh(text):
    return text.strip()


def helper_c(text):
    return text.replace("<script>", "")


def func_a(text, url):
    page = text.lower()
    return url + page
"""

SCRIPT = """function read_meta_refresh(text) {
  return text.trim();
}

function helper_c(text) {
  return text.replace("<script>", "");
}

function func_a(text, url) {
  const page = text.toLowerCase();
  return url + page;
}
"""


def _asked(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each question's statement ID → its evidence."""
    return {q["statement"]["id"]: q["evidence"] for q in data["questions"]}


def _named(repo: Any, cli: Any, ext: str, base: str, changed: str) -> dict[str, dict[str, Any]]:
    repo.commit("base", {"specs/h.md": SPEC.replace("{ext}", ext), f"lib.{ext}": base})
    repo.commit("strip scripts", {f"lib.{ext}": changed})
    return _asked(review_json(cli, "HEAD", "--all"))


def _no_name(evidence: dict[str, Any] | None) -> bool:
    """Asked by words at most: no identifier, nor an identifier's parts, is its evidence."""
    return evidence is None or (
        evidence["kind"] not in ("identifier", "identifier-part")
        and "read_meta_refresh" not in evidence["names"]
    )


def test_a_name_only_a_python_comment_mentions_is_no_identifier(repo, cli):
    """REVIEW-E391, REVIEW-E392 (w3lib e1be00d): `func_a`'s body made to call `helper_c` under
    a comment saying it works "as read_meta_refresh does": H-2, which names
    `read_meta_refresh()`, is asked neither by that name nor by its parts; H-3 is, by the
    call."""
    changed = PYTHON.replace(
        "    page = text.lower()\n",
        "    # drop the script content first (as read_meta_refresh does) so the\n"
        "    # base is the one a browser sees\n"
        "    page = helper_c(text.lower())\n",
    )
    asked = _named(repo, cli, "py", PYTHON, changed)
    assert _no_name(asked.get("H-2"))
    assert asked["H-3"]["kind"] == "identifier"
    assert asked["H-3"]["names"] == ["helper_c"]


def test_a_trailing_comment_is_prose_and_an_id_in_it_still_links(repo, cli):
    """REVIEW-E391: the comment after code on the same line is prose as well; an ID the comment
    names still links its statement (REVIEW-15)."""
    changed = PYTHON.replace(
        "    page = text.lower()\n",
        "    page = text.lower().strip()  # H-1: as read_meta_refresh does\n",
    )
    asked = _named(repo, cli, "py", PYTHON, changed)
    assert _no_name(asked.get("H-2"))
    assert asked["H-1"]["kind"] == "reference"


def test_a_name_only_script_comments_mention_is_no_identifier(repo, cli):
    """REVIEW-E391 in JavaScript: `//`, `/* ... */` before code on its line and a block's lines
    are prose; the code after a closed comment still calls `helper_c`, and a doc comment's
    names stay, as a Python docstring's do (java-jwt `373bb6b`: `@throws ...Exception`)."""
    changed = SCRIPT.replace(
        "function func_a(text, url) {\n  const page = text.toLowerCase();\n",
        "/**\n * @throws HelperError when the text is empty\n */\n"
        "function func_a(text, url) {\n"
        "  /*\n   * drop the script content first,\n   * as read_meta_refresh does\n   */\n"
        "  const page = /* read_meta_refresh() */ helper_c(text.toLowerCase());"
        " // read_meta_refresh too\n",
    )
    asked = _named(repo, cli, "js", SCRIPT, changed)
    assert _no_name(asked.get("H-2"))
    assert asked["H-3"]["names"] == ["helper_c"]
    assert "HelperError" in asked["H-4"]["names"]
