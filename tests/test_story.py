"""The SHA-256 / bcrypt story, end to end through the CLI on real commits (specs/review.md).

Login hashes with SHA-256; sessions keep tokens in a module-level dict; a spec for password
reset is written first; then a reset that stores bcrypt hashes lands. The review must ask the
question nobody asked: does this keep the hash format the specs describe?"""

from __future__ import annotations

import json
from typing import Any

import pytest

from testing.stories import AUTH_SPEC, BCRYPT_RESET, FIXED_RESET, SESSIONS
from testing.util import review_json

FORMAT_QUESTION = "do they agree on the format of `password_hash`?"


def spec_of(data: dict[str, Any], spec_id: str) -> dict[str, Any]:
    return next(spec for spec in data["specs"] if spec["id"] == spec_id)


def context_questions(data: dict[str, Any], spec_id: str) -> list[dict[str, Any]]:
    return [
        q
        for q in data["questions"]
        if q["statement"]["kind"] == "context" and q["statement"]["spec"] == spec_id
    ]


def ripple_of(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(r for r in data["ripples"] if r["symbol"]["name"] == name)


# --- the bcrypt commit --------------------------------------------------------------------------


@pytest.mark.parametrize("spec_id", ["AUTH", "RESET"])
def test_bcrypt_hunk_is_linked_to_the_sha256_context_of_both_specs(bcrypt_commit, cli, spec_id):
    """REVIEW-3, REVIEW-5, REVIEW-15: each spec's SHA-256 context statements are asked about,
    with the evidence: the hunk writes `password_hash` (with `bcrypt.hashpw`), which the
    statement names; that is certain, and asked first."""
    data = review_json(cli)
    about_sha = [q for q in context_questions(data, spec_id) if "SHA-256" in q["statement"]["text"]]

    assert about_sha, data["questions"]
    for question in about_sha:
        assert question["path"] == "src/auth/reset.py"
        assert {"verb": "writes", "name": "password_hash", "using": "bcrypt.hashpw"} in question[
            "acts"
        ]
    by_name = [q for q in about_sha if q["evidence"]["kind"] == "identifier"]
    assert by_name and all("password_hash" in q["evidence"]["names"] for q in by_name)
    assert all(q["confidence"] == 1.0 for q in by_name)
    first = data["questions"][0]
    assert first["statement"]["kind"] == "context" and "SHA-256" in first["statement"]["text"]


def test_text_review_asks_whether_the_change_keeps_the_stored_format(bcrypt_commit, cli):
    """REVIEW-5: the question in the reviewer's words, with the place and the statement."""
    out = cli("review").out

    assert "src/auth/reset.py 1-16 writes `password_hash` with `bcrypt.hashpw`." in out
    assert 'Context specs/password-reset.md:10: "All stored passwords are SHA-256 hex' in out
    assert 'Context specs/auth.md:9: "All stored passwords are SHA-256 hex digests' in out
    assert "Does this change keep to it?" in out


def test_verify_password_in_login_is_a_ripple_of_password_hash(bcrypt_commit, cli):
    """REVIEW-6: the bcrypt write ripples to the untouched reader, named by its function and
    the callee it feeds, and to the other writer, which uses `hash_password`."""
    data = review_json(cli)
    ripple = ripple_of(data, "password_hash")
    uses = {(u["use"], u["path"], u["line"], u["function"], u["callee"]) for u in ripple["uses"]}

    assert ripple["symbol"]["kind"] == "write"
    assert ripple["symbol"]["function"] == "reset_password"
    assert ripple["symbol"]["producers"] == ["bcrypt.hashpw"]
    assert ("read", "src/auth/users.py", 12, "login", "verify_password") in uses
    assert ("write", "src/auth/users.py", 7, "register", "db.User") in uses
    assert ripple["settled_by"] is None

    out = cli("review").out
    assert "read at src/auth/users.py:12 in login(), passed to verify_password()" in out
    assert f"This change does not touch these places: {FORMAT_QUESTION}" in out


def test_reset_1_is_flagged_as_referenced_nowhere(bcrypt_commit, cli):
    """REVIEW-4: an enforced requirement that nothing references stands out; a planned one and
    a referenced one do not."""
    reset = {r["id"]: r for r in spec_of(review_json(cli), "RESET")["requirements"]}

    assert reset["RESET-1"]["implemented"] == reset["RESET-1"]["verified"] == []
    assert not reset["RESET-1"]["in_message"]
    assert [r["path"] for r in reset["RESET-2"]["implemented"]] == ["src/auth/reset.py"]
    assert reset["RESET-3"]["enforced"] is False

    out = cli("review").out
    assert "! RESET-1: New password hashes use the existing SHA-256 format." in out
    assert "referenced nowhere: reference RESET-1 where it is implemented and tested" in out
    assert "referenced nowhere: reference RESET-2" not in out
    assert "referenced nowhere: reference RESET-3" not in out


def test_reset_password_is_listed_as_changed_with_no_test(bcrypt_commit, cli):
    """REVIEW-7: test the integration, not only the feature."""
    data = review_json(cli)

    assert [(s["name"], s["path"]) for s in data["untested"]] == [
        ("reset_password", "src/auth/reset.py")
    ]
    assert "[ ] reset_password() at src/auth/reset.py:7" in cli("review").out


def test_a_test_that_mentions_the_function_takes_it_off_the_untested_list(
    story, bcrypt_commit, cli
):
    """REVIEW-7: a changed function that a test file names is not listed."""
    story.commit(
        "Reset keeps SHA-256, with its integration test",
        {
            "src/auth/reset.py": FIXED_RESET,
            "tests/test_reset.py": "def test_login_after_reset_password():\n"
            '    """RESET-4"""\n    reset_password("a@b", "new")\n',
        },
    )

    assert review_json(cli)["untested"] == []


def test_review_exits_0_even_though_the_change_breaks_the_spec(bcrypt_commit, cli):
    """REVIEW-12: review informs; blocking is `check`'s job."""
    for fmt in ("text", "markdown", "json"):
        assert cli("review", "HEAD", "--format", fmt).code == 0


# --- the fixed commit ---------------------------------------------------------------------------


def test_fixed_commit_calling_hash_password_settles_the_format_question(story, bcrypt_commit, cli):
    """REVIEW-6: a write computed like an existing writer's (`hash_password`) settles the ripple:
    no format question, and the agreeing place is named instead."""
    story.commit("Reset keeps SHA-256 (RESET-1)", {"src/auth/reset.py": FIXED_RESET})
    data = review_json(cli)
    ripple = ripple_of(data, "password_hash")

    assert ripple["symbol"]["producers"] == ["hash_password"]
    assert ripple["settled_by"]["path"] == "src/auth/users.py"
    assert ripple["settled_by"]["function"] == "register"

    out = cli("review").out
    assert FORMAT_QUESTION not in out
    assert "Agrees: `src/auth/users.py:7` writes it with `hash_password` too." in out
    md = cli("review", "--format", "markdown").out
    assert "format of `password_hash`" not in md
    assert "- [ ] `password_hash`" not in md


def test_a_different_digest_does_not_settle_the_format_question(story, bcrypt_commit, cli):
    """REVIEW-6: `hashlib.md5(...).hexdigest()` is produced by md5, not by `hexdigest`, so a
    SHA-256 writer elsewhere does not make it agree."""
    story.commit(
        "Import users",
        {
            "src/auth/importer.py": "import hashlib\n\n\ndef load(user, raw):\n"
            "    user.password_hash = hashlib.sha256(raw.encode()).hexdigest()\n"
        },
    )
    md5 = FIXED_RESET.replace(
        "user.password_hash = hash_password(new_password)",
        "user.password_hash = hashlib.md5(new_password.encode()).hexdigest()",
    )
    story.commit("Reset with MD5", {"src/auth/reset.py": "import hashlib\n" + md5})
    ripple = ripple_of(review_json(cli), "password_hash")

    assert ripple["symbol"]["producers"] == ["hashlib.md5"]
    assert ripple["settled_by"] is None
    assert FORMAT_QUESTION in cli("review").out


def test_fixed_commit_references_reset_1_so_it_is_no_longer_flagged(story, bcrypt_commit, cli):
    """REVIEW-4: a requirement referenced by the change is implemented where it is named."""
    story.commit("Reset keeps SHA-256", {"src/auth/reset.py": FIXED_RESET})
    reset = {r["id"]: r for r in spec_of(review_json(cli), "RESET")["requirements"]}

    assert [(r["path"], r["line"]) for r in reset["RESET-1"]["implemented"]] == [
        ("src/auth/reset.py", 7)
    ]
    assert reset["RESET-1"]["touched"] is True
    assert "referenced nowhere: reference RESET-1" not in cli("review").out


def test_reviewing_the_old_bcrypt_commit_still_asks_after_the_fix(story, bcrypt_commit, cli):
    """REVIEW-6: `review HEAD~1` judges that commit's own tree."""
    story.commit("Reset keeps SHA-256", {"src/auth/reset.py": FIXED_RESET})

    assert FORMAT_QUESTION in cli("review", bcrypt_commit).out


# --- sessions: a write that stops -----------------------------------------------------------------


def test_create_session_no_longer_writing_tokens_ripples_to_validate_token(story, cli):
    """REVIEW-6: a removed write matters as much as an added one."""
    stateless = SESSIONS.replace("    _TOKENS[token] = username  # AUTH-3\n", "")
    story.commit("Stateless sessions", {"src/auth/sessions.py": stateless})
    data = review_json(cli)
    ripple = ripple_of(data, "_TOKENS")
    readers = {(u["function"], u["use"]) for u in ripple["uses"]}

    assert ripple["symbol"]["kind"] == "unwrite"
    assert ripple["symbol"]["function"] == "create_session"
    assert ("validate_token", "read") in readers
    assert ("logout", "write") in readers  # `.pop()` changes the dict
    assert ("", "write") in readers  # the annotated module-level assignment

    out = cli("review").out
    assert "`_TOKENS` is no longer written at src/auth/sessions.py:9 in create_session()." in out
    assert "read at src/auth/sessions.py:13 in validate_token()" in out
    assert "These places still use `_TOKENS`: who writes it now?" in out


def test_a_write_that_moves_to_another_line_is_not_an_unwrite(story, cli):
    """REVIEW-E5: a name still written by the change is a write, not a stopped write."""
    moved = SESSIONS.replace(
        "    token = secrets.token_hex(16)\n    _TOKENS[token] = username  # AUTH-3\n",
        "    token = secrets.token_hex(32)\n    _TOKENS[token] = username.lower()  # AUTH-3\n",
    )
    story.commit("Longer tokens", {"src/auth/sessions.py": moved})
    kinds = {r["symbol"]["name"]: r["symbol"]["kind"] for r in review_json(cli)["ripples"]}

    assert kinds["_TOKENS"] == "write"


def test_a_stopped_write_is_not_crowded_out_by_many_changed_functions(story, cli):
    """REVIEW-13: past the cap on names searched, stopped and new writes still come first."""
    many = "".join(f"def step_{n}(x):\n    return x + {n}\n\n\n" for n in range(260))
    story.commit("Many steps", {"src/auth/steps.py": many})
    stateless = SESSIONS.replace("    _TOKENS[token] = username  # AUTH-3\n", "")
    story.commit(
        "Stateless sessions, every step changed",
        {"src/auth/sessions.py": stateless, "src/auth/steps.py": many.replace("x + ", "x - ")},
    )
    data = review_json(cli)

    assert ripple_of(data, "_TOKENS")["symbol"]["kind"] == "unwrite"
    assert 150 <= len(data["untested"]) < 260  # capped, not all 260 searched


# --- which specs, and why ----------------------------------------------------------------------


def test_specs_are_affected_by_scope_by_reference_and_by_their_own_change(story, cli):
    """REVIEW-1: each affected spec says why; a spec nothing touches is left out."""
    notes = "---\nid: NOTES\n---\n# Notes\n\n## Requirements\n- NOTES-1: Kept.\n"
    other = "---\nid: OTHER\n---\n# Other\n\n## Requirements\n- OTHER-1: Untouched.\n"
    story.commit("More specs", {"specs/notes.md": notes, "specs/other.md": other})
    story.commit(
        "Reset, for NOTES-1",
        {
            "src/auth/reset.py": BCRYPT_RESET,
            "specs/auth.md": AUTH_SPEC.replace("Empty", "An empty"),
        },
    )
    reasons = {spec["id"]: spec["reasons"] for spec in review_json(cli)["specs"]}

    assert list(reasons) == ["AUTH", "NOTES", "RESET"]  # by path; OTHER is not affected
    assert reasons["AUTH"] == ["the spec itself changed", "in scope: src/auth/reset.py"]
    assert reasons["NOTES"] == ["referenced: NOTES-1"]
    assert reasons["RESET"] == ["in scope: src/auth/reset.py", "referenced: RESET-2"]


def test_a_file_renamed_out_of_a_spec_scope_affects_the_spec(repo, cli):
    """REVIEW-E38: `git mv src/storage.py src/store.py` empties STORE's scope (check blocks:
    `emptied-scope`); the review said "No spec is affected" and never named the rename."""
    spec = "---\nid: STORE\nscope:\n  - src/storage.py\n---\n# Store\n\n## Requirements\n"
    repo.commit(
        "store",
        {
            "specs/store.md": spec + "- STORE-1: Saves.\n",
            "src/storage.py": "def save():  # STORE-1\n    return 1\n",
        },
    )
    repo.git("mv", "src/storage.py", "src/store.py")
    reasons = {s["id"]: s["reasons"] for s in review_json(cli, "--staged")["specs"]}
    assert reasons == {"STORE": ["moved out of scope: src/storage.py → src/store.py"]}
    assert cli("check", "--staged").code == 1


def test_a_deleted_file_is_shown_by_its_old_lines_and_asked_where_its_ids_went(repo, cli):
    """REVIEW-E39: a deleted module's questions said "0" for its lines and "should it
    reference WSM-2? (it names WSM-2)" of the code that stops naming it."""
    spec = "---\nid: WSM\nscope:\n  - src/**\n---\n# W\n\n## Requirements\n"
    code = "def connect(s):  # WSM-1\n    return s\n\n\ndef disconnect(s):  # WSM-2\n    return s\n"
    repo.commit("w", {"specs/w.md": spec + "- WSM-1: Adds.\n- WSM-2: Removes.\n", "src/w.py": code})
    repo.git("rm", "-q", "src/w.py")
    text = cli("review", "--staged").out
    assert "  [ ] src/w.py 1-6 (removed) " in text and " 0 " not in text
    assert (
        "Does WSM-2 still hold without this code? (it removes the lines that named WSM-2: "
        "where is it implemented now?)"
    ) in text
    assert "should it reference" not in text


def test_a_question_names_the_lines_a_hunk_changes_not_its_context(repo, cli):
    """REVIEW-E66 (the ky trial): a one-line change on line 6 read "src/w.py 3-9" in every
    question, its three lines of context each side counted; the JSON keeps the hunk."""
    spec = "---\nid: WSM\nscope:\n  - src/**\n---\n# W\n\n## Requirements\n- WSM-1: Adds.\n"
    code = "".join(f"x{n} = {n}\n" for n in range(1, 5)) + "# WSM-1\ny = 1\n"
    code += "".join(f"z{n} = {n}\n" for n in range(1, 5))
    repo.commit("w", {"specs/w.md": spec, "src/w.py": code, "tests/t.py": "# WSM-1\n"})
    repo.commit("y", {"src/w.py": code.replace("y = 1", "y = 2")})
    assert "  [ ] src/w.py 6 writes `y`." in cli("review", "HEAD").out
    assert review_json(cli, "HEAD")["questions"][0]["hunks"] == [
        {"path": "src/w.py", "start": 3, "end": 9}
    ]
    # helper-63's review: lines only removed are named by where they stood, said so
    repo.commit("no y", {"src/w.py": code.replace("# WSM-1\ny = 1\n", "")})
    assert "  [ ] src/w.py 5-6 (removed) " in cli("review", "HEAD").out


def test_a_reference_to_an_id_the_spec_lacks_is_said_so_by_the_review(story, cli):
    """REVIEW-E37: a comment adding `# NOTES-9` is no spec question (comments only), and the
    review said "referenced: NOTES-9" while check blocked it as dangling."""
    notes = "---\nid: NOTES\n---\n# Notes\n\n## Requirements\n- NOTES-1: Kept.\n"
    story.commit("More specs", {"specs/notes.md": notes})
    story.commit("Notes", {"src/notes.py": "# NOTES-1, NOTES-9\nx = 1\n"})
    reasons = {spec["id"]: spec["reasons"] for spec in review_json(cli)["specs"]}
    assert reasons["NOTES"] == ["referenced: NOTES-1, NOTES-9 (no such ID)"]


def test_a_hunk_outside_every_scope_is_asked_about_the_specs_whose_identifiers_it_writes(
    story, cli
):
    """REVIEW-3, REVIEW-5, REVIEW-15: an identifier links a hunk where no scope reaches: an
    admin tool that writes `password_hash` with MD5 is asked about the SHA-256 context, marked as
    outside the change's specs, since no spec is affected."""
    admin = (
        "import hashlib\n\n\ndef force_password(user, password):\n"
        "    user.password_hash = hashlib.md5(password.encode()).hexdigest()\n"
    )
    story.commit("Admin tool", {"tools/admin.py": admin})
    data = review_json(cli)

    assert data["specs"] == [] and data["unlinked"] == []
    about_sha = [q for q in data["questions"] if "SHA-256 hex" in q["statement"]["text"]]
    assert {q["statement"]["spec"] for q in about_sha} == {"AUTH", "RESET"}
    for question in about_sha:
        assert question["evidence"]["kind"] == "identifier" and not question["affected"]
        assert question["path"] == "tools/admin.py"
        assert {"verb": "writes", "name": "password_hash", "using": "hashlib.md5"} in question[
            "acts"
        ]

    out = cli("review").out
    assert "== Questions for the reviewer, strongest first ==" in out
    assert "tools/admin.py 1-5 writes `password_hash` with `hashlib.md5`." in out
    assert (
        "Context specs/auth.md:9 (AUTH, outside the change's specs): \"All stored passwords" in out
    )
    md = cli("review", "--format", "markdown").out
    assert "outside the change's specs" in md


def test_a_hunk_sharing_no_words_with_any_spec_is_listed_as_unlinked(story, cli):
    """REVIEW-8: the hunks linked to no spec at all, after the three questions' reminder."""
    story.commit("Unrelated", {"tools/colour.py": "PALETTE = ['teal', 'ochre']\n"})
    data = review_json(cli)

    assert data["questions"] == []
    assert data["unlinked"] == [{"path": "tools/colour.py", "start": 1, "end": 1}]
    out = cli("review").out
    assert "== Hunks linked to no spec ==\n  tools/colour.py 1\n" in out
    assert out.rstrip().endswith(
        "[ ] What could go wrong: which edge case, which caller, which stored data?"
    )


# --- specflow context ----------------------------------------------------------------------------


def test_context_of_password_hash_shows_writers_readers_and_governing_specs(bcrypt_commit, cli):
    """REVIEW-9: understand before asking: where the name is written and read, and which
    specs govern those places."""
    result = cli("context", "password_hash")
    assert result.code == 0, result
    written, read = result.out.split("  written:\n")[1].split("  read:\n")

    assert (
        "src/auth/reset.py:14 in reset_password(): user.password_hash = hashed.decode()" in written
    )
    assert "src/auth/users.py:7 in register()" in written
    assert "src/auth/users.py:12 in login(): if user and verify_password(" in read
    assert "AUTH (specs/auth.md): Authentication, by scope" in result.out
    assert "RESET (specs/password-reset.md): Password reset, by scope" in result.out


def test_context_of_password_hash_as_json(bcrypt_commit, cli):
    """REVIEW-9: the same facts for machines."""
    result = cli("context", "password_hash", "--format", "json")
    data = json.loads(result.out)
    uses = {(u["use"], u["path"], u["line"], u["function"]) for u in data["name"]["uses"]}

    assert data["schema"] == 1 and data["kind"] == "context"
    assert data["name"]["name"] == "password_hash"
    assert ("write", "src/auth/reset.py", 14, "reset_password") in uses
    assert ("read", "src/auth/users.py", 12, "login") in uses
    assert {g["spec"] for g in data["name"]["specs"]} == {"AUTH", "RESET"}


def test_context_of_a_file_lists_what_it_defines_and_who_calls_it(bcrypt_commit, cli):
    """REVIEW-10: for a path, its public names, each with its uses, and the governing specs."""
    result = cli("context", "src/auth/hashing.py")
    assert result.code == 0, result
    out = result.out

    assert out.startswith("src/auth/hashing.py\n")
    assert "`hash_password`" in out and "`verify_password`" in out
    assert "src/auth/hashing.py:10: def verify_password(" in out  # not "in hash_password()"
    assert "src/auth/users.py:12 in login(): if user and verify_password(" in out
    assert "src/auth/hashing.py:12 in verify_password(): return hash_password(password)" in out
    assert "AUTH (specs/auth.md): Authentication, by scope" in out


def test_context_of_a_file_as_json(bcrypt_commit, cli):
    """REVIEW-10: defines, each name's uses, and the specs governing the file."""
    data = json.loads(cli("context", "src/auth/hashing.py", "--format", "json").out)
    names = {n["name"]: n for n in data["names"]}
    verify = {(u["use"], u["path"], u["function"]) for u in names["verify_password"]["uses"]}

    assert data["path"] == "src/auth/hashing.py"
    assert data["defines"] == ["hash_password", "verify_password"]
    assert ("definition", "src/auth/hashing.py", "") in verify
    assert ("call", "src/auth/users.py", "login") in verify
    assert [g["spec"] for g in data["specs"]] == ["AUTH", "RESET"]


def test_context_from_a_sub_folder_takes_paths_relative_to_it(
    story, bcrypt_commit, cli, monkeypatch
):
    """REVIEW-10: a path is read relative to the current folder, as a shell user means it."""
    monkeypatch.chdir(story.path / "src" / "auth")
    data = json.loads(cli("context", "hashing.py", "--format", "json").out)

    assert data["path"] == "src/auth/hashing.py"


def test_context_of_an_unknown_name_says_so_and_names_no_spec(bcrypt_commit, cli):
    """REVIEW-E4: nothing found is an answer, not an error."""
    result = cli("context", "no_such_name_anywhere")

    assert result.code == 0
    assert "not found in the work tree's tracked files" in result.out
    assert "drafts one from this code" not in result.out  # there is no code


def test_context_of_an_empty_name_is_bad_input(bcrypt_commit, cli):
    """REVIEW-E4: `specflow context ""` (a shell variable that was empty) is no name at all."""
    for empty in ("", "  "):
        result = cli("context", empty)
        assert result.code == 2
        assert result.err.strip() == (
            "specflow: error: context of nothing: give a name (password_hash) or a file path"
        )
    folder = cli("context", "src")
    assert folder.code == 2
    assert folder.err == "specflow: error: src is a folder: give one of its files, or a name\n"
    two = cli("context", "hash_password\nverify_password")  # `git grep` split it in two
    assert two.code == 2 and "is one line of text" in two.err and "git grep" not in two.err
    revision = cli("review", "HEAD\nHEAD~1")  # GIT-E12
    assert revision.code == 2 and "a revision is one line of text" in revision.err
