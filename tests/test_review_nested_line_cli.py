"""The line a question quotes of a statement with nested lines (REVIEW-E408), through the CLI
on a real repository: a Context line drafted by `specflow new --scope` holds the file's
definitions as nested items under "Draft: `name.rs`"."""

from __future__ import annotations

NAMES = '''def normalize(name):
    """Lower-case a header name."""
    return name.lower()


def valid(name):
    """Whether a header name holds only token bytes."""
    return all(c.isalnum() or c == "-" for c in name)
'''


def test_a_question_quotes_the_nested_line_its_evidence_names(repo, cli):
    """REVIEW-E408 (the hyperium/http trial: a review's first question quoted "Draft:
    `src/header/name.rs`" alone): the question quotes the first line, then the nested line
    that names what the hunk meets; a statement whose first line names it is quoted as it was."""
    repo.commit("code", {"lib/names.py": NAMES})
    assert cli("new", "Header names", "--id", "NAME", "--scope", "lib/names.py").code == 0
    repo.commit("spec", {})
    repo.commit("strip", {"lib/names.py": NAMES.replace("name.lower()", "name.strip().lower()")})
    for form in ("text", "markdown"):
        out = cli("review", "HEAD", "--format", form).out
        assert "Draft: `lib/names.py` ... `normalize(name)`: Lower-case a header name." in out, out
        assert "`valid(name)`" not in out, out
