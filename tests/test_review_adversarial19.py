"""Adversarial reviews of the s19 rules on real repositories, through the CLI: where a rule
judged a real change no-op or asked nothing (REVIEW-E103 to REVIEW-E105, CHECK-E35)."""

from __future__ import annotations

from testing.util import review_json

URLS_SPEC = """---
id: X
scope: [pkg/**]
---
# Urls

## Requirements
- X-1: the compat module exports `urlparse` to every caller, and `load` reads a path.
"""
COMPAT = "# X-1\nfrom urllib.parse import quote, urlparse\n"
LOAD = "# X-1\nimport pathlib\n\n\ndef load(path: pathlib.Path) -> str:\n"
LOAD += "    return open(path).read()\n"


def _asked(repo, cli, before: dict[str, str], after: dict[str, str]) -> tuple[bool, str]:
    """Whether the review of `after` over `before` asks X-1, and what the hook says staged."""
    repo.commit("base", {"specs/x.md": URLS_SPEC, **before})
    repo.stage(after)
    hook = cli("check", "--staged").out
    repo.commit("change")
    data = review_json(cli, "HEAD")
    return [q["statement"]["id"] for q in data["questions"]] == ["X-1"], hook


def test_a_stdlib_import_dropped_or_starred_is_a_change(repo, cli):
    """REVIEW-E103: REVIEW-E84 read a standard library import nothing reads as inert: dropping
    `urlparse` from a compat module other modules import it from, dropping `pathlib` that an
    annotation evaluated at `def` time still reads (NameError on import), and `from os import *`,
    whose `open` is `os.open`, asked nothing and passed the hook under `# X-1`."""
    importer = "from .compat import urlparse\n\n\ndef split(url):\n    return urlparse(url)\n"
    dropped = COMPAT.replace("quote, urlparse", "quote")
    asked, hook = _asked(
        repo, cli, {"pkg/compat.py": COMPAT, "pkg/urls.py": importer}, {"pkg/compat.py": dropped}
    )
    assert asked and "touches the code of X-1" in hook
    asked, hook = _asked(
        repo, cli, {"pkg/io.py": LOAD}, {"pkg/io.py": LOAD.replace("import pathlib\n", "")}
    )
    assert asked and "touches the code of X-1" in hook
    starred = LOAD.replace("import pathlib\n", "import pathlib\nfrom os import *\n")
    asked, hook = _asked(repo, cli, {"pkg/io.py": LOAD}, {"pkg/io.py": starred})
    assert asked and "touches the code of X-1" in hook


def test_a_stdlib_import_only_annotations_read_still_asks_nothing(repo, cli):
    """REVIEW-E103 keeps REVIEW-E84: `Iterator` read only in an annotation, imported from
    `collections.abc` then from `typing`, asks nothing; without the new import it asks."""
    lines = "# X-1\nfrom collections.abc import Iterator\n\n\ndef lines(t) -> Iterator[str]:\n"
    lines += "    return iter(t.split())\n"
    moved = lines.replace("collections.abc", "typing")
    asked, hook = _asked(repo, cli, {"pkg/io.py": lines}, {"pkg/io.py": moved})
    assert not asked and "touched-requirement" not in hook
    gone = lines.replace("from collections.abc import Iterator\n", "")
    asked, hook = _asked(repo, cli, {"pkg/io.py": lines}, {"pkg/io.py": gone})
    assert asked and "touches the code of X-1" in hook


HTTP_SPEC = """---
id: X
scope: [app/**]
---
# Http

## Requirements
- X-1: `read_status` reads the status with the standard library's `HTTPResponse`.
"""
SERVER = "# X-1\nfrom {module} import HTTPResponse\n\n\ndef read_status(sock):\n"
SERVER += "    return HTTPResponse(sock).status\n"


def test_an_absolute_import_of_the_standard_library_is_not_the_folder_of_its_name(repo, cli):
    """REVIEW-E104: REVIEW-E83 read `from http.client` in `app/http/server.py` as the app's
    own `app/http/client.py`: replacing the standard library's class by the app's was no-op
    and passed the hook under `# X-1`. A folder below the top (`app/`, not `src/`) is not
    the root of the package either (`contrib/django/apps.py` wraps the `django` library)."""
    local = "class HTTPResponse:\n    def __init__(self, sock):\n        self.status = 0\n"
    server = SERVER.format(module="http.client")
    repo.commit("base", {"specs/x.md": HTTP_SPEC, "app/http/client.py": local})
    repo.commit("server", {"app/http/server.py": server})
    repo.stage({"app/http/server.py": SERVER.format(module=".client")})
    assert "touches the code of X-1" in cli("check", "--staged").out
    repo.commit("relative")
    assert [q["statement"]["id"] for q in review_json(cli, "HEAD")["questions"]] == ["X-1"]
    wrapped = SERVER.format(module="django.client")
    repo.commit("django", {"app/contrib/django/server.py": wrapped})
    repo.commit("relative", {"app/contrib/django/server.py": SERVER.format(module=".client")})
    assert review_json(cli, "HEAD")["noop_files"] == []


HANDLER_SPEC = """---
id: X
scope: [pkg/**]
---
# Handlers

## Requirements
- X-1: a handler answers every request with its status.
"""
FACTORY = """def build(status):
    class Handler:
        def respond_to(self, request):
            def header():
                return status

            return header()

    return Handler
"""
SERVER_PY = """from pkg.factory import build


def serve(request):
    handler = build(200)()
    return handler.respond_to(request)


def header():
    return None
"""


def _rippled(data: dict) -> dict[str, list[str]]:
    return {r["symbol"]["name"]: [u["path"] for u in r["uses"]] for r in data["ripples"]}


def test_a_method_of_a_class_a_function_defines_ripples_to_its_callers(repo, cli):
    """REVIEW-E105: REVIEW-E102 read a method of a class defined inside a function as a
    closure, seen in its file alone: `handler.respond_to(request)` in another module was
    dropped from the ripple. A closure inside that method still reaches its file alone."""
    repo.commit("base", {"specs/x.md": HANDLER_SPEC, "pkg/factory.py": FACTORY})
    repo.commit("server", {"pkg/server.py": SERVER_PY})
    repo.commit("method", {"pkg/factory.py": FACTORY.replace("header()\n\n", "header() + 1\n\n")})
    assert _rippled(review_json(cli, "HEAD")).get("respond_to") == ["pkg/server.py"]
    repo.commit("closure", {"pkg/factory.py": FACTORY.replace("return status", "return -status")})
    assert "pkg/server.py" not in _rippled(review_json(cli, "HEAD")).get("header", [])


CLIENT_SPEC = """---
id: X
scope: [web/**]
---
# Test client

## Requirements
- X-1: the test client's `get` sends a GET request and returns the response.
"""
CLIENT = (
    '# X-1\nclass Client:\n    def get(self, path):\n        return self.request("GET", path)\n'
)


def test_a_librarys_own_test_package_is_code(repo, cli):
    """CHECK-E35: CHECK-E34's `**/test/**` read a library's own `test` package (Django's
    `django/test/client.py`, spring-test's `org/springframework/test/`) as tests: a change
    there under `# X-1` passed the hook. A nested `tests/` is still tests."""
    repo.commit("base", {"specs/x.md": CLIENT_SPEC, "web/test/client.py": CLIENT})
    repo.stage({"web/test/client.py": CLIENT.replace('"GET"', '"POST"')})
    assert "touches the code of X-1" in cli("check", "--staged").out
    repo.git("reset", "-q", "--hard")
    repo.commit("tests", {"web/tests/client.py": CLIENT})
    repo.stage({"web/tests/client.py": CLIENT.replace('"GET"', '"POST"')})
    assert "touched-requirement" not in cli("check", "--staged").out


SETTINGS_SPEC = """---
id: X
scope: [pkg/**]
---
# Settings

## Requirements
- X-1: `os.environ["RETRIES"]` is read once, at startup, and `log("giving up now")` ends.
"""


def test_a_key_in_a_code_span_still_names_what_it_holds(repo, cli):
    """REVIEW-E106: REVIEW-E85 dropped every string of a code span: `os.environ["RETRIES"]`
    named `RETRIES` no more, and a change to `settings.RETRIES` asked nothing (before, X-1
    by the identifier). A string with spaces is still a message: `giving` links nothing."""
    settings = 'import os\n\nRETRIES = int(os.environ["RETRIES"])\n'
    db = "def connect(settings):\n    return settings.RETRIES\n"
    repo.commit("base", {"specs/x.md": SETTINGS_SPEC, "pkg/s.py": settings, "pkg/db.py": db})
    repo.commit("more", {"pkg/db.py": db.replace("RETRIES\n", "RETRIES + 1\n")})
    questions = review_json(cli, "HEAD")["questions"]
    assert [(q["statement"]["id"], q["evidence"]["names"]) for q in questions] == [
        ("X-1", ["RETRIES"])
    ]
    repo.commit("giving", {"pkg/other.py": "def giving():\n    return 0\n"})
    assert review_json(cli, "HEAD")["questions"] == []
