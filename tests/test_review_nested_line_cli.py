"""The line a question quotes of a statement with nested lines (REVIEW-E408), through the CLI
on a real repository: a Context line drafted by `specflow new --scope` holds the file's
definitions as nested items under "Draft: `name.rs`", and its signatures (REVIEW-E409)."""

from __future__ import annotations

from testing.util import review_json

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


SEND = '''def send(req, path, options):
    """Send a file."""
    return _open(path)


def _open(path):
    return open(path)
'''


def test_a_drafted_signature_names_its_function_not_its_parameters(repo, cli):
    """REVIEW-E409 (the send and hyperium/http trials kept `specflow new`'s draft): the line
    "Draft: `lib/send.py`" lists `send(req, path, options)`; a hunk of another function that
    reads a `path` met it by that parameter ("it names `path`"). A drafted signature names
    its function alone; a hand-written statement's `pack(items, limit)` still names `items`."""
    repo.commit("code", {"lib/send.py": SEND})
    assert cli("new", "Sending", "--id", "SEND", "--scope", "lib/send.py").code == 0
    repo.commit("spec", {})
    repo.commit(
        "binary",
        {"lib/send.py": SEND.replace("    return open(path)", '    return open(path, "rb")')},
    )
    data = review_json(cli, "HEAD", "--all")
    assert [q for q in data["questions"] if "path" in q["evidence"]["names"]] == []
    spec = repo.read("specs/sending.md").replace("- Draft: `lib/send.py`", "- The sender:")
    repo.commit("hand-written", {"specs/sending.md": spec})
    repo.commit(
        "text", {"lib/send.py": SEND.replace("    return open(path)", '    return open(path, "r")')}
    )
    data = review_json(cli, "HEAD", "--all")
    assert any("path" in q["evidence"]["names"] for q in data["questions"]), data["questions"]


READER = '''class Reader:
    def peek(self):
        """Returns the type of the next token without consuming it."""
        return self.token

    def skip(self):
        """Skips the next value."""
        self.pos += 1
'''


def _reviewed_draft(repo, cli, reader: str) -> str:
    """`specflow new` drafts a spec of `reader`, committed; then `skip` changes: the review."""
    repo.commit("code", {"lib/reader.py": reader})
    assert cli("new", "Reader", "--id", "READER", "--scope", "lib/reader.py").code == 0
    repo.commit("spec", {})
    repo.commit("two", {"lib/reader.py": reader.replace("self.pos += 1", "self.pos += 2")})
    return str(cli("review", "HEAD").out)


def test_a_question_quotes_the_nested_line_of_the_method_not_its_class(repo, cli):
    """REVIEW-E430 (the gson trial's user met a question quoting only "Draft: `...`"): a hunk
    in `Reader`'s `skip` meets both `class Reader` and `Reader.skip()`; the line that spells
    both is quoted, with what `skip` does."""
    out = _reviewed_draft(repo, cli, READER)
    assert "Draft: `lib/reader.py` ... `Reader.skip()`: Skips the next value." in out, out


def test_a_name_qualified_by_another_owner_counts_for_no_line(repo, cli):
    """REVIEW-E430: `Reader.peek()` whose text mentions `Stream.skip()` spells `Reader`, and
    `skip` only qualified by something else: it spells one of the names, not two, and the
    line of `Reader.skip()` is quoted for a hunk in it."""
    peeking = READER.replace(
        "Returns the type of the next token without consuming it.",
        "Returns the next token, as Stream.skip() would, without consuming it.",
    )
    out = _reviewed_draft(repo, cli, peeking)
    assert "Draft: `lib/reader.py` ... `Reader.skip()`: Skips the next value." in out, out
