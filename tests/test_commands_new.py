"""`specflow init` and `specflow new`: the guide, the scaffold, its name, its ID and its draft."""

from __future__ import annotations

import os
import stat

import pytest
from markdown_it import MarkdownIt

from specflow.commands.scaffold import derive_id, draft_context, slugify
from specflow.errors import SpecflowError
from specflow.fsio import write_atomic
from specflow.sources.markdown import parse_spec
from specflow.templates import packaged_dir, render


def spec_files(repo) -> list[str]:
    folder = repo.path / "specs"
    return sorted(os.listdir(folder)) if folder.is_dir() else []


def parsed(repo, name: str):
    return parse_spec(f"specs/{name}", repo.read(f"specs/{name}"))


def assert_refused(result, *words: str) -> None:
    """Exit 2, one line on stderr naming the problem, no traceback."""
    assert result.code == 2, result
    assert result.err.startswith("specflow: error: ") and result.err.count("\n") == 1, result
    assert "Traceback" not in result.err + result.out
    for word in words:
        assert word in result.err, result


# --- init --------------------------------------------------------------------------------------


def test_init_creates_the_specs_guide_and_a_config_stub(repo, cli):
    """NEW-6"""
    result = cli("init")
    assert result.code == 0
    assert result.out.splitlines() == ["created specs/README.md", "created specflow.toml"]
    assert "Each Markdown file in `specs/`" in repo.read("specs/README.md")
    assert 'specs_dir = "specs"' in repo.read("specflow.toml")
    assert cli("lint").code == 0  # the stub is a valid configuration, the guide no spec


def test_a_spec_git_ignores_is_said_by_new_and_by_lint(repo, cli):
    """LINT-E5: 11me/light-session's `.gitignore` lists `specs/`: `new` and `lint` said nothing,
    and the hook then passed every commit with "no specs in this tree"."""
    repo.commit("ignore", {".gitignore": "node_modules/\nspecs/\n"})
    written = cli("new", "Trim", "--id", "TRIM")
    assert written.code == 0
    said = (
        "git ignores this spec (.gitignore:2: specs/): it is never committed, so no hook or "
        "CI checks it; un-ignore the folder, or `git add -f` the spec"
    )
    assert written.err == f"specflow: warning: specs/trim.md: {said}\n"
    assert f"specs/trim.md:1: warning [ignored-spec] {said}" in cli("lint").out
    repo.commit("un-ignore", {".gitignore": "node_modules/\n", "specs/trim.md": None})
    assert cli("new", "Trim", "--id", "TRIM").err == ""
    assert "ignored-spec" not in cli("lint").out


def test_a_spec_id_that_is_a_requirement_id_is_refused_and_linted(repo, cli):
    """LINT-E6: `new "Id test" --id RESET-1` beside spec RESET was accepted, lint was silent,
    and `show RESET-1` showed the new spec instead of the requirement."""
    reset = "---\nid: RESET\n---\n# Reset\n\n## Requirements\n- RESET-1: Links expire.\n"
    repo.commit("reset", {"specs/reset.md": reset})
    refused = cli("new", "Id test", "--id", "RESET-1")
    assert refused.code == 2
    assert "RESET-1 is a requirement of specs/reset.md:7; pass another --id" in refused.err
    clash = reset.replace("id: RESET", "id: RESET-1").replace("- RESET-1:", "- RESET-1-1:")
    repo.commit("clash", {"specs/clash.md": clash})
    lint = cli("lint")
    assert lint.code == 1
    assert (
        "specs/clash.md:2: error [duplicate-spec-id] spec id RESET-1 is also a requirement of "
        "specs/reset.md:7; set a unique `id:`"
    ) in lint.out


def test_init_twice_is_safe(repo, cli):
    """NEW-6"""
    cli("init")
    before = {name: repo.read(name) for name in ("specs/README.md", "specflow.toml")}
    again = cli("init")
    assert again.code == 0 and "Nothing to do" in again.out
    assert {name: repo.read(name) for name in before} == before


def test_init_never_overwrites_an_existing_guide_or_config(repo, cli):
    """NEW-6"""
    repo.write({"specs/README.md": "# Our own guide\n", "specflow.toml": "exclude = []\n"})
    result = cli("init")
    assert result.code == 0 and "Nothing to do" in result.out
    assert repo.read("specs/README.md") == "# Our own guide\n"
    assert repo.read("specflow.toml") == "exclude = []\n"


def test_init_uses_the_configured_specs_dir_and_keeps_pyproject(repo, cli):
    pyproject = '[project]\nname = "x"\n\n[tool.specflow]\nspecs_dir = "docs/specs"\n'
    repo.write({"pyproject.toml": pyproject})
    result = cli("init")
    assert result.out.splitlines() == ["created docs/specs/README.md"]
    assert "`docs/specs/`" in repo.read("docs/specs/README.md")
    assert not (repo.path / "specflow.toml").exists()
    assert repo.read("pyproject.toml") == pyproject


def test_init_renders_a_repository_guide_template(repo, cli):
    repo.write({".specflow/templates/specs-guide.md.j2": "Our specs live in {{ specs_dir }}.\n"})
    cli("init")
    assert repo.read("specs/README.md") == "Our specs live in specs.\n"


# --- new: name, ID, content --------------------------------------------------------------------


def test_new_writes_a_spec_named_after_the_title_with_a_derived_id(repo, cli):
    """NEW-1, NEW-5"""
    result = cli("new", "Password reset")
    assert result.code == 0, result
    assert result.out.startswith("created specs/password-reset.md")
    spec = parsed(repo, "password-reset.md")
    assert (spec.id, spec.title, spec.status) == ("PASSWORD-RESET", "Password reset", "active")
    assert [i.id for i in spec.items] == ["PASSWORD-RESET-1", "PASSWORD-RESET-E1"]
    assert cli("lint").code == 0


def test_new_with_id_and_draft_status(repo, cli):
    """NEW-1"""
    assert cli("new", "Password reset", "--id", "RESET", "--status", "draft").code == 0
    spec = parsed(repo, "password-reset.md")
    assert (spec.id, spec.status, spec.requirements[0].id) == ("RESET", "draft", "RESET-1")


def test_the_written_spec_lints_clean(repo, cli):
    """NEW-5: warnings allowed; LINT-10: the only ones are the placeholders left to replace,
    and (LINT-E17) the scope `new` was given none of."""
    cli("new", "Session expiry", "--id", "AUTH-SESSION")
    result = cli("lint")
    lines = result.out.strip().splitlines()
    assert result.code == 0 and lines[-1] == "0 errors, 4 warnings in 1 spec(s)."
    assert lines[0].startswith("specs/session-expiry.md:2: warning [no-scope]")
    assert all("[placeholder-text]" in line for line in lines[1:-1])


@pytest.mark.parametrize(
    ("title", "slug", "spec_id"),
    [
        ("Password reset", "password-reset", "PASSWORD-RESET"),
        ("Add support for two-factor login", "add-support-for-two-factor-login", "TWO-FACTOR"),
        ("2FA login", "2fa-login", "FA-LOGIN"),
        ("2024", "2024", "SPEC"),
        ("The", "the", "THE"),
    ],
)
def test_slug_and_id_from_a_title(title, slug, spec_id):
    """NEW-1"""
    assert (slugify(title), derive_id(slugify(title))) == (slug, spec_id)


@pytest.mark.parametrize(
    ("title", "file"),
    [
        ("../x", "x.md"),
        ("/etc/x", "etc-x.md"),
        ("..\\..\\windows", "windows.md"),
        ("Café crème", "cafe-creme.md"),
        ("密码重置 reset", "reset.md"),
        ("README", "readme-spec.md"),
        ("a " * 80, ("a-" * 30)[:-1] + ".md"),
    ],
)
def test_the_slug_never_leaves_specs(repo, cli, title, file):
    """NEW-3"""
    result = cli("new", title, "--id", "X")
    assert result.code == 0, result
    assert spec_files(repo) == [file]
    assert sorted(os.listdir(repo.path)) == [".git", "specs"]
    assert "[missing-requirements]" not in cli("lint").out  # README would not be read as a spec


@pytest.mark.parametrize("title", ["", "   ", "???", "Пароль", "密码"])
def test_a_title_without_ascii_letters_or_digits_is_a_clear_error(repo, cli, title):
    """NEW-3"""
    assert_refused(cli("new", title), "cannot make a file name from the title")
    assert spec_files(repo) == []


def test_a_title_without_ascii_takes_its_file_name_from_the_id(repo, cli):
    """NEW-E6"""
    created = cli("new", "日本語の仕様", "--id", "JP")
    assert created.code == 0 and created.out.startswith("created specs/jp.md")
    assert parsed(repo, "jp.md").title == "日本語の仕様"
    assert "or give --id" in cli("new", "密码").err


def test_a_docstring_that_opens_with_a_heading_drafts_its_prose(repo, cli):
    """NEW-E5: as every module of psf/requests opens."""
    module = '"""\nrequests.auth\n~~~~~~~~~~~~~\n\nThis module holds the auth handlers.\n"""\n'
    repo.write({"src/auth.py": module})
    assert cli("new", "Auth", "--id", "AUTH", "--scope", "src/auth.py").code == 0
    (drafted,) = [c.text for c in parsed(repo, "auth.md").context]
    assert drafted.startswith("Draft: `src/auth.py`: This module holds the auth handlers."), drafted
    assert "~" not in drafted


def test_new_never_overwrites(repo, cli):
    """NEW-2: exit 2, and the existing file keeps its bytes."""
    repo.write({"specs/password-reset.md": b"---\nid: MINE\n---\r\n# Mine\r\n"})
    result = cli("new", "Password reset", "--id", "RESET")
    assert_refused(result, "specs/password-reset.md", "already exists")
    assert (
        repo.path / "specs/password-reset.md"
    ).read_bytes() == b"---\nid: MINE\n---\r\n# Mine\r\n"


def test_new_never_writes_through_a_symlink(repo, cli, tmp_path):
    """NEW-2: a dangling link at the target is not followed."""
    outside = tmp_path / "outside.md"
    (repo.path / "specs").mkdir()
    os.symlink(outside, repo.path / "specs" / "password-reset.md")
    assert_refused(cli("new", "Password reset", "--id", "RESET"), "already exists")
    assert not outside.exists()


@pytest.mark.parametrize("bad", ["reset", "", "RE SET", "-RESET", "RESET-", "1RESET", "RÉSET"])
def test_an_invalid_id_is_refused(repo, cli, bad):
    """NEW-1: `--id` must be a spec id; an empty one is not a request to derive it."""
    assert_refused(cli("new", "Password reset", "--id", bad), "--id")
    assert spec_files(repo) == []


def test_an_id_already_used_by_another_spec_is_refused(repo, cli):
    """NEW-E2"""
    cli("new", "Password reset", "--id", "RESET")
    assert_refused(cli("new", "Login", "--id", "RESET"), "RESET", "specs/password-reset.md")
    assert spec_files(repo) == ["password-reset.md"]


def test_a_derived_id_already_used_is_refused_with_a_way_out(repo, cli):
    """NEW-E2"""
    cli("new", "Password reset")
    assert_refused(cli("new", "Password reset flow"), "PASSWORD-RESET", "--id")


def test_a_title_with_markdown_and_yaml_metacharacters(repo, cli):
    """NEW-E3: the title is the heading, nothing else; the spec still parses and lints."""
    title = 'Reset: "quoted" *bold* #1 [x] `code` {{ jinja }} --- id: EVIL'
    assert cli("new", title, "--id", "RESET").code == 0
    spec = parsed(repo, spec_files(repo)[0])
    assert (spec.id, spec.title) == ("RESET", title)
    assert cli("lint").code == 0


def test_a_scope_glob_with_yaml_metacharacters_reads_back_exactly(repo, cli):
    """NEW-E3"""
    globs = ["src/a: b/**", "lib/#x/*.py", "'quoted'/**", 'x"\\y', "del\x7f/\x85/\u2028/**"]
    args = [arg for glob in globs for arg in ("--scope", glob)]
    assert cli("new", "Odd scope", "--id", "ODD", *args).code == 0
    assert parsed(repo, "odd-scope.md").scope == tuple(globs)


def test_a_file_where_the_specs_folder_should_be_is_a_clear_error(repo, cli):
    repo.write({"specs": "not a folder\n"})
    assert_refused(cli("new", "Password reset"), "specs/password-reset.md", "a file is in the way")
    assert_refused(cli("init"), "specs/README.md", "a file is in the way")
    assert repo.read("specs") == "not a folder\n"


def test_the_new_file_has_the_mode_a_new_file_gets(repo, cli):
    """Written through a temporary file, yet readable like any file the user creates."""
    old = os.umask(0o022)
    try:
        cli("new", "Password reset")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((repo.path / "specs/password-reset.md").stat().st_mode)
    assert mode == 0o644
    assert sorted(os.listdir(repo.path / "specs")) == ["password-reset.md"]


# --- new --scope: the drafted Context ----------------------------------------------------------

HASHING = '''\
"""Password hashing.

More detail that is not drafted.
"""


def hash_password(password, *, salt=None):
    """Hash with SHA-256.

    Returns the hex digest.
    """


async def verify_password(self, password, digest):
    """Compare in constant time."""


class Hasher:
    """Holds the algorithm."""


def _private():
    """Not public."""


class _Hidden:
    pass
'''


def test_scope_drafts_context_from_python_modules_and_lists_other_files(repo, cli):
    """NEW-4"""
    repo.write(
        {
            "src/auth/hashing.py": HASHING,
            "src/auth/broken.py": "def oops(:\n",
            "src/auth/schema.sql": "create table users();\n",
            "src/other.py": '"""Out of scope."""\n',
        }
    )
    result = cli("new", "Password reset", "--id", "RESET", "--scope", "src/auth/**")
    assert result.code == 0, result
    spec = parsed(repo, "password-reset.md")
    assert spec.scope == ("src/auth/**",)
    (broken, hashing, schema) = [c.text for c in spec.context]
    assert broken == "Draft: `src/auth/broken.py` (could not be parsed as Python)"
    assert hashing.splitlines() == [
        "Draft: `src/auth/hashing.py`: Password hashing.",
        "- `hash_password(password, salt)`: Hash with SHA-256.",
        "- `verify_password(password, digest)`: Compare in constant time.",
        "- `class Hasher`: Holds the algorithm.",
    ]
    assert schema == "Draft: `src/auth/schema.sql`"
    assert "Drafted by `specflow new --scope`" in repo.read("specs/password-reset.md")
    assert "other.py" not in repo.read("specs/password-reset.md")
    assert cli("lint").code == 0


def test_a_package_init_drafts_the_names_it_re_exports(repo, cli):
    """NEW-E7: seen on tomli: `__init__.py` holds the package's API as re-exports in `__all__`
    and drafted nothing; each name not defined there is drafted with the module it comes from,
    and a name it defines is drafted once."""
    init = (
        '"""The package."""\n\nfrom ._parser import TOMLDecodeError, load as load\n'
        'import os\n\n__all__ = ["load", "TOMLDecodeError", "dumps", "helper", 3]\n\n\n'
        "def helper(x):\n    return x\n"
    )
    repo.write({"src/pkg/__init__.py": init, "src/pkg/_parser.py": "def load(fp):\n    pass\n"})
    assert cli("new", "Parsing", "--id", "PARSE", "--scope", "src/pkg/**").code == 0
    drafted = parsed(repo, "parsing.md").context[0].text.splitlines()
    assert drafted == [
        "Draft: `src/pkg/__init__.py`: The package.",
        "- `helper(x)`",
        "- `load`: from `._parser`",
        "- `TOMLDecodeError`: from `._parser`",
        "- `dumps`",
    ]
    assert cli("lint").code == 0


SPHINX = '''"""Parameter sources.

More about them.
"""


class ParameterSource:
    """This is an :class:`~enum.IntEnum` that indicates the source of a
    parameter's value. Use :meth:`Context.get_parameter_source` to get it.
    """


def echo(message):
    """Prints ``message`` and a newline, unlike :func:`click.echo <print>`, which
    may not. ``err`` writes to standard error.
    """
'''


def test_the_draft_shows_each_docstrings_first_sentence_as_a_reader_sees_it(repo, cli):
    """NEW-4: a first sentence that runs over two lines is whole, and Sphinx's roles and
    ``literals`` read as the names they show, not as escaped markup; NEW-E41: each as code."""
    repo.write({"src/params.py": SPHINX})
    assert cli("new", "Parameters", "--id", "PARAM", "--scope", "src/params.py").code == 0
    (module,) = [c.text for c in parsed(repo, "parameters.md").context]
    assert module.splitlines() == [
        "Draft: `src/params.py`: Parameter sources.",
        "- `class ParameterSource`: This is an `IntEnum` that indicates the source of a"
        " parameter's value.",
        "- `echo(message)`: Prints `message` and a newline, unlike `click.echo`, which may not.",
    ]
    assert cli("lint").code == 0


EXAMPLES = '''"""URLs."""


class UseDefault:
    """For some parameters such as `auth=...` and `timeout=...` we need to be able to indicate
    the default "unset" state, in a way that is distinctly different to using None, which has
    a meaning of its own."""


class URL:
    """
    url = httpx.URL("HTTPS://jo%40email.com:a%20secret@example.org:1234/pa%20th?search=ab")

    assert url.scheme == "https"

    The components of a URL are broken down like this.
    """


def only_examples():
    """>>> only_examples()
    1
    """
'''


def test_a_drafted_sentence_keeps_code_spans_skips_examples_and_cuts_at_a_word(repo, cli):
    """NEW-E4 through the CLI (found by a new user on httpx)."""
    repo.write({"src/urls.py": EXAMPLES})
    assert cli("new", "URLs", "--id", "URLS", "--scope", "src/urls.py").code == 0
    (module,) = [c.text for c in parsed(repo, "urls.md").context]
    default, url, examples = module.splitlines()[1:]
    assert default.startswith("- `class UseDefault`: For some parameters such as `auth=...` and")
    assert default.endswith(" distinctly different to…"), default
    assert url == "- `class URL`: The components of a URL are broken down like this."
    assert examples == "- `only_examples()`"
    assert cli("lint").code == 0


def test_a_module_with_a_syntax_error_is_listed_not_fatal():
    """NEW-E1: also a null byte, a bad encoding and nesting deep enough to exhaust recursion."""
    sources = [b"def oops(:\n", b"x = '\x00'\n", b"\xff\xfe", b"1" + b"+1" * 200_000]
    files = {f"m{i}.py": data for i, data in enumerate(sources)}
    drafted, more = draft_context(list(files), files.get)
    assert more == 0
    assert [d.note for d in drafted[:3]] == ["could not be parsed as Python"] * 3
    # the deep one is valid Python: 3.11 and later refuse it (RecursionError), 3.10 parses it
    # with a large stack (its parser would otherwise crash the process)
    assert drafted[3].note in ("could not be parsed as Python", "")


def many_names(count: int) -> str:
    functions = "".join(f'def func_{i:02}(x):\n    """Function {i:02}."""\n' for i in range(count))
    return functions + "class DateTime:\n    pass\n"


def test_a_module_with_many_names_names_the_rest_on_one_line(repo, cli):
    """NEW-E8: found on marshmallow's fields.py, whose `DateTime` hid behind "(26 more names)";
    a 60-name module drafts 12 lines and names the other 48 on one."""
    repo.write({"src/fields.py": many_names(59)})
    assert cli("new", "Dates", "--id", "DATES", "--scope", "src/fields.py").code == 0
    drafted = parsed(repo, "dates.md").context[0].text.splitlines()
    assert drafted[0] == "Draft: `src/fields.py`"
    assert drafted[1:13] == [f"- `func_{i:02}(x)`: Function {i:02}." for i in range(12)]
    names = ", ".join([*(f"`func_{i:02}`" for i in range(12, 59)), "`DateTime`"])
    assert drafted[13:] == [f"- Also: {names}"]
    assert "more names" not in repo.read("specs/dates.md")


def test_one_name_past_the_cap_is_drafted_like_the_others(repo, cli):
    """NEW-E8: no "(1 more names)": the thirteenth name gets its own line."""
    repo.write({"src/fields.py": many_names(12)})
    assert cli("new", "Dates", "--id", "DATES", "--scope", "src/fields.py").code == 0
    drafted = parsed(repo, "dates.md").context[0].text.splitlines()
    assert drafted[1:] == [
        *(f"- `func_{i:02}(x)`: Function {i:02}." for i in range(12)),
        "- `class DateTime`",
    ]
    assert cli("lint").code == 0


def test_only_the_drafted_python_modules_are_read():
    """NEW-4: `--scope '**'` in a large repository reads at most MAX_DRAFTED_FILES modules."""
    read: list[str] = []
    paths = [f"m{i:03}.py" for i in range(500)] + ["notes.txt"]
    drafted, more = draft_context(paths, lambda path: read.append(path) or b"")
    assert (len(drafted), more) == (40, 461)
    assert read == paths[:40]


def test_an_unreadable_module_is_listed():
    ((module,), _) = draft_context(["gone.py"], lambda path: None)
    assert (module.path, module.note) == ("gone.py", "could not be read")


def test_many_files_in_scope_are_summarised(repo, cli):
    repo.write({f"src/m{i:02}.txt": "" for i in range(45)})
    assert cli("new", "Many", "--id", "MANY", "--scope", "src/**").code == 0
    context = [c.text for c in parsed(repo, "many.md").context]
    assert len(context) == 41 and context[-1] == "Draft: and 5 more file(s) in scope."


def test_scope_that_matches_nothing_still_writes_and_lint_warns(repo, cli):
    """NEW-5: warnings allowed. NEW-E19: `new` says so at once, of that glob only (the httpx
    trial's typo went unseen until `lint`)."""
    repo.write({"src/auth.py": "x = 1\n"})
    made = cli("new", "Password reset", "--scope", "src/nowhere/**", "--scope", "src/*.py")
    assert made.code == 0 and "scope `src/nowhere/**` matches no file yet" in made.err
    assert "src/*.py" not in made.err
    result = cli("lint")
    assert result.code == 0 and "[unmatched-scope]" in result.out


def test_scope_never_drafts_from_the_specs_folder_or_through_symlinks(repo, cli, tmp_path):
    secret = tmp_path / "secret.py"
    secret.write_text('"""TOP SECRET."""\n')
    repo.write({"specs/other.md": "## Requirements\n- OTHER-1: a\n", "src/ok.py": '"""Fine."""\n'})
    os.symlink(secret, repo.path / "src" / "link.py")
    assert cli("new", "Password reset", "--id", "RESET", "--scope", "**").code == 0
    text = repo.read("specs/password-reset.md")
    assert "TOP SECRET" not in text and "specs/other.md" not in text
    assert "`src/ok.py`: Fine." in text


def test_a_docstring_with_markdown_is_escaped(repo, cli):
    """NEW-E3, NEW-E4: its markup is escaped, its code spans stay code spans; NEW-E13: its
    emphasis (reST's and Markdown's alike) reads as its words."""
    repo.write({"src/x.py": '"""Use *any* `tick` <b>html</b> [link](u) here."""\n'})
    cli("new", "X", "--id", "X", "--scope", "src/**")
    (statement,) = parsed(repo, "x.md").context
    assert statement.text == r"Draft: `src/x.py`: Use any `tick` \<b\>html\</b\> \[link\](u) here."


REST = '''"""Processors from the `Python standard library <https://docs.python.org/>`_."""


class AsyncBoundLogger:
    """Wraps a `BoundLogger` & exposes its methods as ``async`` versions."""


class LoggerFactory:
    """Build a logger when an *instance* is called."""


def render(event_dict):
    """Render ``event_dict`` into keyword arguments for `logging.log`."""


class ProcessorFormatter:
    r"""Call processors on `logging.LogRecord`\\s and :class:`~logging.Handler`\\ s."""


def digits(text):
    r"""Matches \\d+ runs, not d+."""


def inert(text):
    """Keeps _private_ names, &amp; and &#64;user, a*b*c, **kw and <b>tags</b> as text."""
'''


def test_a_rest_docstring_drafts_what_a_reader_of_the_markdown_should_see(repo, cli):
    """NEW-E13, NEW-E14: structlog's stdlib.py (0ca06b7) drafted reST with Markdown escapes
    in sight: "`Python standard library <https://docs.python.org/>`\\_", "\\&", "\\*instance\\*",
    "event\\_dict", "`logging.LogRecord`\\\\s". A link reads as its text, emphasis as its words,
    a reST escape as what it escapes, and only what would open markup is escaped: the same
    characters where they would (`_private_`, `&amp;`, `a*b*c`, `<b>`) stay inert; NEW-E41: a
    literal and a role naming code are code spans."""
    repo.write({"src/std.py": REST})
    assert cli("new", "Stdlib", "--id", "STD", "--scope", "src/std.py").code == 0
    (module,) = [c.text for c in parsed(repo, "stdlib.md").context]
    lines = module.splitlines()
    assert lines == [
        "Draft: `src/std.py`: Processors from the Python standard library.",
        "- `class AsyncBoundLogger`: Wraps a `BoundLogger` & exposes its methods as `async`"
        " versions.",
        "- `class LoggerFactory`: Build a logger when an instance is called.",
        "- `render(event_dict)`: Render `event_dict` into keyword arguments for `logging.log`.",
        "- `class ProcessorFormatter`: Call processors on `logging.LogRecord`s and `Handler`s.",
        r"- `digits(text)`: Matches \\d+ runs, not d+.",
        r"- `inert(text)`: Keeps \_private\_ names, \&amp; and \&#64;user, a\*b\*c, \*\*kw and"
        r" \<b\>tags\</b\> as text.",
    ]
    shown = MarkdownIt("commonmark").renderInline(lines[-1])
    assert "<em>" not in shown and "<b>" not in shown and "@" not in shown, shown
    assert "_private_ names, &amp;amp; and &amp;#64;user, a*b*c, **kw" in shown, shown
    assert "<em>" not in MarkdownIt("commonmark").renderInline(lines[4] + " a_b_c x_y_z")
    assert r"Matches \d+ runs" in MarkdownIt("commonmark").renderInline(lines[5])
    assert cli("lint").code == 0


# --- templates: shipped, overridden, sandboxed ---------------------------------------------------


def test_the_templates_ship_with_the_package():
    assert (packaged_dir() / "spec.md.j2").is_file()
    assert (packaged_dir() / "specs-guide.md.j2").is_file()


def test_a_shipped_template_given_too_little_is_an_error_naming_it(tmp_path):
    with pytest.raises(SpecflowError) as raised:
        render(tmp_path, "spec.md.j2", id="X")
    assert raised.value.path == str(packaged_dir() / "spec.md.j2")
    assert "UndefinedError" in raised.value.message


def test_a_write_that_fails_is_an_error_naming_the_file(tmp_path):
    target = tmp_path / ("x" * 300)  # longer than any file system allows a name to be
    with pytest.raises(SpecflowError, match="cannot write") as raised:
        write_atomic(target, b"data")
    assert raised.value.path == str(target) and os.listdir(tmp_path) == []


def test_a_repository_template_overrides_the_shipped_one(repo, cli):
    """NEW-7: it renders (in the sandbox) with the same model."""
    template = (
        "---\nid: {{ id }}\nstatus: {{ status }}\n---\n# {{ title | upper }}\n\n"
        "## Context\n- Ours.\n\n## Requirements\n- {{ id }}-1: Ours.\n\n## Edge Cases\n"
        "- {{ id }}-E1: Ours.\n"
    )
    repo.write({".specflow/templates/spec.md.j2": template})
    assert cli("new", "Password reset", "--id", "RESET").code == 0
    assert repo.read("specs/password-reset.md").startswith("---\nid: RESET\nstatus: active\n")
    assert parsed(repo, "password-reset.md").title == "PASSWORD RESET"


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'].system('touch pwned') }}",
        "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    ],
)
def test_a_hostile_template_fails_instead_of_executing(repo, cli, hostile):
    """NEW-7"""
    repo.write({".specflow/templates/spec.md.j2": f"---\nid: X\n---\n\n{hostile}\n"})
    result = cli("new", "Password reset", "--id", "RESET")
    assert_refused(result, ".specflow/templates/spec.md.j2:5", "sandbox")
    assert spec_files(repo) == [] and not (repo.path / "pwned").exists()


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{{ 1 / 0 }}", ["spec.md.j2:1", "ZeroDivisionError"]),
        ("{{ range(10 ** 9) | list }}", ["spec.md.j2:1", "Range too big"]),
        ("ok\n{% if %}", ["spec.md.j2:2", "template error"]),
        ("{{ no_such_name }}", ["spec.md.j2:1", "no_such_name"]),
        (b"\xff\xfe", [".specflow/templates/spec.md.j2", "UnicodeDecodeError"]),
        ("---\n- not a mapping\n---\n", ["specs/password-reset.md:1", "mapping"]),
    ],
)
def test_a_broken_repository_template_is_bad_input(repo, cli, template, words):
    """CLI-2: a broken template names itself and its line; nothing is written."""
    repo.write({".specflow/templates/spec.md.j2": template})
    assert_refused(cli("new", "Password reset", "--id", "RESET"), *words)
    assert spec_files(repo) == []


def test_scope_drafts_the_exports_of_go_and_typescript_files(repo, cli):
    """NEW-E9 (both trials: `new --scope` drafted only file names for chi's Go and ky's
    TypeScript): exported functions with their arguments, Go methods by their type, types and
    classes, each with the first sentence of the comment above it; unexported names are left."""
    go = (
        "package chi\n\n// Use appends a middleware handler to the stack.\n"
        "func (mx *Mux) Use(middlewares ...func(http.Handler) http.Handler) {\n}\n\n"
        "func (mx *Mux) handle(pattern string) {\n}\n\n"
        "// NewRouter returns a new Mux. It is ready.\nfunc NewRouter() *Mux {\n}\n\n"
        "type Mux struct {\n}\n"
    )
    ts = (
        "/**\nThe retry options.\n\n@example\n```\nky(url, {retry: 2})\n```\n*/\n"
        "export type RetryOptions = {limit?: number};\n\n"
        "// Finds the options ky does not know.\nexport const findUnknownOptions = (\n"
        "\trequest: Request,\n): Record<string, unknown> => ({});\n\n"
        "export default async function delay(ms: number) {}\nconst internal = 1;\n"
    )
    repo.write({"src/mux.go": go, "src/options.ts": ts})
    assert cli("new", "Routing", "--id", "ROUTE", "--scope", "src/**").code == 0
    (mux, options) = [c.text.splitlines() for c in parsed(repo, "routing.md").context]
    assert mux == [
        "Draft: `src/mux.go`",
        "- `Mux.Use(...)`: Use appends a middleware handler to the stack.",
        "- `NewRouter()`: NewRouter returns a new Mux.",
        "- `type Mux`",
    ]
    assert options == [
        "Draft: `src/options.ts`",
        "- `type RetryOptions`: The retry options.",
        "- `findUnknownOptions(...)`: Finds the options ky does not know.",
        "- `delay(ms: number)`",
    ]
    assert cli("lint").code == 0


def drafted(repo, cli, files: dict[str, str]) -> list[list[str]]:
    """The Context lines `new --scope` drafts for `files`, committed, one list per file."""
    repo.write(files)
    repo.commit("code")
    assert cli("new", "Drafted", "--id", "DRAFTED", "--scope", "src/**").code == 0
    assert cli("lint").code == 0
    return [c.text.splitlines() for c in parsed(repo, "drafted.md").context]


def test_scope_drafts_what_a_commonjs_module_exports(repo, cli):
    """NEW-E10 (cookie's trial: `exports.parse = parse;`, as cookie's index.js and most npm code
    before ES modules are written, drafted nothing): each exported name, with the arguments
    and the JSDoc of the function it names, even a blank line below it as jshttp writes them."""
    cookie = (
        "'use strict';\n\n/**\n * Module exports.\n */\n\nexports.parse = parse;\n"
        "module.exports.serialize = function serialize(name, val) {};\n"
        "exports.encode = encodeURIComponent;\n\n"
        "/**\n * Parse a cookie header.\n *\n * @public\n */\n\nfunction parse(str, options) {}\n\n"
        "// Not exported.\nfunction tryDecode(str) {}\n"
    )
    express = (
        "exports = module.exports = createApplication;\n\n"
        "/** Create an express application. */\nfunction createApplication() {}\n"
    )
    index = (
        "const stringifyCookie = (cookie, options) => '';\n\nmodule.exports = {\n  parse,\n"
        "  stringify: stringifyCookie,\n  // Formats a value.\n  format(value, { strict }) {\n"
        "    return value;\n  },\n  ...other,\n};\n\nfunction parse(text) {}\n"
    )
    files = {"src/cookie.js": cookie, "src/express.js": express, "src/index.cjs": index}
    assert drafted(repo, cli, files) == [
        [
            "Draft: `src/cookie.js`",
            "- `parse(str, options)`: Parse a cookie header.",
            "- `serialize(name, val)`",
            "- `encode`",
        ],
        ["Draft: `src/express.js`", "- `createApplication()`: Create an express application."],
        [
            "Draft: `src/index.cjs`",
            "- `parse(text)`",
            "- `stringify(cookie, options)`",
            "- `format(value, { strict })`: Formats a value.",
        ],
    ]


def test_an_empty_comment_line_ends_the_drafted_sentence(repo, cli):
    """NEW-E11 (cookie's trial: `parseSetCookie` drafted the example below its JSDoc's first
    sentence): ` *` and `//` alone end a paragraph."""
    ts = (
        "/**\n * Deserialize a `Set-Cookie` header into an object.\n *\n"
        " * parseSetCookie('foo=bar; HttpOnly')\n *   => { name: 'foo', httpOnly: true }\n */\n"
        "export function parseSetCookie(str: string): SetCookie {}\n"
    )
    go = (
        "package chi\n\n// Route mounts a sub-Router along a pattern string\n//\n"
        '//\tr.Route("/users", fn)\nfunc Route(pattern string) {}\n'
    )
    assert drafted(repo, cli, {"src/index.ts": ts, "src/chi.go": go}) == [
        [
            "Draft: `src/chi.go`",
            "- `Route(pattern string)`: Route mounts a sub-Router along a pattern string",
        ],
        [
            "Draft: `src/index.ts`",
            "- `parseSetCookie(str: string)`: Deserialize a `Set-Cookie` header into an object.",
        ],
    ]


def test_scope_drafts_a_rust_file_as_rust_writes_it(repo, cli):
    """NEW-E12 (httparse's trial: comments above `#[derive]` were lost, `impl` methods and
    `pub type` missing, `pub struct` drafted as `type`): structs, enums, traits and aliases by
    their keyword, an inherent `impl`'s `pub fn`s by their type, a trait impl's methods left;
    REVIEW-E70: a `const unsafe fn` too; NEW-E31: the private `helper` too."""
    rust = (
        "/// A parsed request.\n#[derive(Debug)]\n#[non_exhaustive]\npub struct Request<'a> {\n"
        "    pub method: &'a str,\n}\n\n/// The result of a parse.\n"
        "pub type Result<T> = core::result::Result<T, ()>;\n\n/// Something to parse.\n"
        "pub trait Parse {\n    fn parse(&self);\n}\n\npub enum Status {}\n\n"
        "/// Counts the bytes.\npub(crate) const unsafe fn count(buf: &[u8]) -> usize {}\n\n"
        "impl<'a> Request<'a> {\n    /// Creates a new request.\n    #[inline]\n"
        "    pub fn new() -> Request<'a> {}\n\n    fn helper(&self) {}\n\n"
        "    /// Parses a buffer into this request.\n"
        "    pub fn parse(&mut self, buf: &[u8]) -> Result<usize> {}\n}\n\n"
        "impl fmt::Display for Request<'_> {\n    fn fmt(&self) {}\n}\n\n"
        "impl Status {}\n\nmod tests {\n    pub fn helper() {}\n}\n"
    )
    assert drafted(repo, cli, {"src/lib.rs": rust}) == [
        [
            "Draft: `src/lib.rs`",
            "- `struct Request`: A parsed request.",
            "- `type Result`: The result of a parse.",
            "- `trait Parse`: Something to parse.",
            "- `enum Status`",
            "- `count(buf: &[u8])`: Counts the bytes.",
            "- `Request::new()`: Creates a new request.",
            "- `Request::helper()`",  # NEW-E31: a private method too
            "- `Request::parse(buf: &[u8])`: Parses a buffer into this request.",
        ]
    ]


def test_scope_drafts_a_java_class_and_its_public_methods(repo, cli):
    """REVIEW-E78 (the commons-csv trial: no method drafted, and a class's long Javadoc read
    from its middle): a public class, its public methods by their class with the first
    sentence above each, past an annotation; a Javadoc longer than read drafts nothing."""
    javadoc = "/**\n * Prints values in a CSV format.\n" + " * Example line.\n" * 250 + " */\n"
    java = (
        "package demo;\n\n/** Prints values in a CSV format. */\npublic final class Printer {\n"
        "    /** Prints one value. */\n    @Override\n    public void print(final Object v) {}\n\n"
        "    private void helper() {}\n\n    /** Prints a record. */\n"
        "    public static <T> List<T> printRecord(\n        final T... values) {}\n}\n"
    )
    long = "package demo;\n\n" + javadoc + "public class Long {}\n"
    assert drafted(repo, cli, {"src/Printer.java": java, "src/Long.java": long}) == [
        ["Draft: `src/Long.java`", "- `class Long`"],
        [
            "Draft: `src/Printer.java`",
            "- `class Printer`: Prints values in a CSV format.",
            "- `Printer.print(final Object v)`: Prints one value.",
            "- `Printer.printRecord(...)`: Prints a record.",
        ],
    ]


def test_scope_drafts_what_an_es_module_exports_by_name(repo, cli):
    """NEW-E15 (axios's `lib/core/AxiosError.js`, the trial's draft empty): `function
    AxiosError(...) {...}` exported below by `export default AxiosError;`, or by `export { a, b
    as c };`, drafts the function with its comment, and its static members (`AxiosError.from =
    (...) => `), then its prototype's (NEW-E33); not a value that is no function, a name only
    imported (`export default imported;`); `export { x } from './x'` as a re-export (NEW-E23).
    NEW-E16: a tool's directive (`// eslint-disable-next-line func-names`) documents nothing; a
    comment above it still does."""
    error = (
        "import imported from './x.js';\n\n/**\n * Create an Error with the config.\n */\n"
        "function AxiosError(message, code) {\n  this.code = code;\n}\n\n"
        "AxiosError.prototype.toJSON = function toJSON() {};\nAxiosError.ERR = 'ERR';\n\n"
        "// eslint-disable-next-line func-names\n"
        "AxiosError.from = (error, code) => new AxiosError(error.message, code);\n\n"
        "/** Wraps an error. */\n// eslint-disable-next-line func-names\n"
        "AxiosError.wrap = async function (error) {};\n\nexport default AxiosError;\n"
    )
    utils = (
        "const hasBrowserEnv = typeof window !== 'undefined';\n\n// Whether in a web worker.\n"
        "const isWorker = (self) => self.importScripts;\n\n"
        "export {\n  hasBrowserEnv,\n  isWorker as hasWorker,\n};\n"
        "export { other } from './other.js';\nexport default imported;\n"
    )
    assert drafted(repo, cli, {"src/AxiosError.js": error, "src/utils.js": utils}) == [
        [
            "Draft: `src/AxiosError.js`",
            "- `AxiosError(message, code)`: Create an Error with the config.",
            "- `AxiosError.from(error, code)`",
            "- `AxiosError.wrap(error)`: Wraps an error.",
            "- `AxiosError.toJSON()`",
        ],
        [
            "Draft: `src/utils.js`",
            "- `hasBrowserEnv`",
            "- `hasWorker(self)`: Whether in a web worker.",
            "- `other`: from `./other.js`",
        ],
    ]
