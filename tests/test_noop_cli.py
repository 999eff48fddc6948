"""REVIEW-16 (REVIEW-E8 to REVIEW-E12) through the CLI on real repositories: what pyupgrade,
ruff and black write over a module (block by block, formatted strings, the old names of OSError,
typing by another alias, locals renamed, log text) asks nothing about specs, and a real change
in the same place still asks."""

from __future__ import annotations

import json
from typing import Any

from testing.util import review_json

SPEC = """---
id: DIGEST
scope: [requests/auth.py]
---
# Digest authentication

## Context
- `HTTPDigestAuth` builds the Digest header in `build_digest_header`.

## Requirements
- DIGEST-1: The digest response hashes `A1` and `A2` with the algorithm the server names.
- DIGEST-2: The header names the username, realm, nonce, uri and response.
- DIGEST-3: A socket error while sending the header is raised as a ConnectionError.
"""

AUTH = """import hashlib
import socket
import typing as _t

_t_str_bytes = _t.Union[str, bytes]


class HTTPDigestAuth(object):
    def __init__(self, username, password):
        self.username = username
        self.password = password

    def build_digest_header(self, method, path, realm, nonce, qop):
        if qop == 'auth':
            A1 = '%s:%s:%s' % (self.username, realm, self.password)
            A2 = '%s:%s' % (method, path)
            HA1 = hashlib.sha256(A1.encode()).hexdigest()
            HA2 = hashlib.sha256(A2.encode()).hexdigest()
            respdig = hashlib.sha256(('%s:%s:%s' % (HA1, nonce, HA2)).encode()).hexdigest()
            base = 'username="{}", realm="{}", nonce="{}", uri="{}", response="{}"'.format(
                self.username, realm, nonce, path, respdig
            )
        else:
            base = None
        return 'Digest %s' % (base,)

    def send(self, conn, header):
        try:
            conn.sendall(header)
        except (socket.error, IOError) as err:
            raise ConnectionError(err)

    def counted(self, nonces):
        l = 0
        for n in nonces:
            l += len(n)
        return l

    def check(self, value: _t_str_bytes) -> _t.Optional[bool]:
        return bool(value)
"""

UPGRADED = """from __future__ import annotations

import hashlib
import socket
import typing as t


class HTTPDigestAuth:
    def __init__(self, username, password):
        self.username = username
        self.password = password

    def build_digest_header(self, method, path, realm, nonce, qop):
        if qop == "auth":
            A1 = f"{self.username}:{realm}:{self.password}"
            A2 = f"{method}:{path}"
            HA1 = hashlib.sha256(A1.encode()).hexdigest()
            HA2 = hashlib.sha256(A2.encode()).hexdigest()
            respdig = hashlib.sha256(f"{HA1}:{nonce}:{HA2}".encode()).hexdigest()
            base = (
                f'username="{self.username}", realm="{realm}", nonce="{nonce}", '
                f'uri="{path}", response="{respdig}"'
            )
        else:
            base = None
        return f"Digest {base}"

    def send(self, conn, header):
        try:
            conn.sendall(header)
        except OSError as err:
            raise ConnectionError(err)

    def counted(self, nonces):
        total = 0
        for n in nonces:
            total += len(n)
        return total

    def check(self, value: str | bytes) -> bool | None:
        return bool(value)
"""


def test_a_pyupgraded_module_asks_nothing(repo, cli):
    """REVIEW-16, REVIEW-E9, REVIEW-E10, REVIEW-E11: f-strings for `%` and `str.format`,
    OSError for `socket.error` and `IOError`, `import typing as t` for `as _t`, a type alias
    dropped, a local renamed through its function, `class X` for `class X(object)`: no
    question, and the file is listed as such."""
    repo.commit("base", {"specs/digest.md": SPEC, "requests/auth.py": AUTH})
    repo.commit("pyupgrade", {"requests/auth.py": UPGRADED})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["noop_files"] == ["requests/auth.py"]
    assert "changes only formatting" in cli("review", "HEAD").out


def test_a_class_attribute_that_gains_classvar_asks_nothing(repo, cli):
    """REVIEW-E34, through the CLI: python-semver's `6a90bd3` and pyjwt's `45fff3a` annotate
    class attributes with `ClassVar`; in a dataclass a plain annotation is a field, and asks."""
    dataclass = "@dataclass\nclass HTTPDigestAuth(object):\n    ALGORITHM = 'MD5'\n\n"
    base = AUTH.replace("class HTTPDigestAuth(object):\n", dataclass)
    repo.commit("base", {"specs/digest.md": SPEC, "requests/auth.py": base})
    typed = base.replace("    ALGORITHM = 'MD5'", "    ALGORITHM: _t.ClassVar[str] = 'MD5'")
    repo.commit("ClassVar", {"requests/auth.py": typed})
    assert review_json(cli, "HEAD")["noop_files"] == ["requests/auth.py"]
    repo.git("reset", "-q", "--hard", "HEAD~1")
    field = base.replace("    ALGORITHM = 'MD5'", "    ALGORITHM: str = 'MD5'")
    repo.commit("a field", {"requests/auth.py": field})
    assert review_json(cli, "HEAD")["noop_files"] == []


def test_a_real_change_among_the_rewrites_still_asks(repo, cli):
    """REVIEW-E9, REVIEW-E11: the same rewrite, with the realm left out of A1, or the counter
    renamed in one place only: questions."""
    repo.commit("base", {"specs/digest.md": SPEC, "requests/auth.py": AUTH})
    changed = UPGRADED.replace('A1 = f"{self.username}:{realm}:', 'A1 = f"{self.username}::')
    repo.commit("pyupgrade", {"requests/auth.py": changed})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == [] and data["questions"]
    renamed_once = UPGRADED.replace("        return total", "        return l")
    repo.commit("renamed", {"requests/auth.py": AUTH})
    repo.commit("renamed once", {"requests/auth.py": renamed_once})
    assert review_json(cli, "HEAD")["noop_files"] == []


def test_a_rewrite_in_a_block_another_hunk_changes_asks_only_about_that_hunk(repo, cli):
    """REVIEW-E8: black's quotes on the `if` line and `A1` as an f-string (a hunk that names
    `A1`, which DIGEST-1 names), and a real change at the end of the same `if` block (another
    hunk): only the real change is asked about."""
    padded = AUTH.replace(
        "            A2 = '%s:%s' % (method, path)\n",
        "            A2 = '%s:%s' % (method, path)\n" + "            pass\n" * 8,
    )
    repo.commit("base", {"specs/digest.md": SPEC, "requests/auth.py": padded})
    edited = padded.replace("if qop == 'auth':", 'if qop == "auth":')
    edited = edited.replace(
        "A1 = '%s:%s:%s' % (self.username, realm, self.password)",
        'A1 = f"{self.username}:{realm}:{self.password}"',
    )
    edited = edited.replace("nonce, path, respdig", "nonce, path.lower(), respdig")
    repo.commit("edit", {"requests/auth.py": edited})
    data = review_json(cli, "HEAD")
    hunks = [hunk["start"] for question in data["questions"] for hunk in question["hunks"]]
    a1_line = edited.splitlines().index(
        '            A1 = f"{self.username}:{realm}:{self.password}"'
    )
    assert hunks and min(hunks) > a1_line + 1


def test_a_symlink_that_becomes_an_empty_file_is_reviewed(repo, cli):
    """REVIEW-16: one side of the hunk has no line at all (found by the random histories of
    tests/test_properties.py): a change, reviewed without a traceback."""
    repo.commit("spec", {"specs/digest.md": SPEC})
    link = repo.path / "requests" / "auth.py"
    link.parent.mkdir()
    link.symlink_to("auth.py")  # a link to itself, as the random histories made
    repo.commit("a link", {})
    link.unlink()
    repo.commit("an empty file", {"requests/auth.py": ""})
    result = cli("review", "HEAD", "--format", "json")
    assert result.code == 0, result
    data: dict[str, Any] = json.loads(result.out)
    assert data["noop_files"] == []


LOGGED = """import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)
HeaderHash = Callable[[bytes], str]


class HTTPDigestAuth:
    def send(self, conn, header):
        logger.debug("sending the Digest heder with its response")
        try:
            conn.sendall(header)
        except OSError as err:
            raise ConnectionError(err)
"""


def test_a_log_typo_and_a_declared_type_alias_ask_nothing(repo, cli):
    """REVIEW-E10, REVIEW-E12: a typo fixed in a logged message and `X: TypeAlias` declared
    over an existing alias ask nothing; the message logged at another level still asks."""
    repo.commit("base", {"specs/digest.md": SPEC, "requests/auth.py": LOGGED})
    fixed = (
        LOGGED.replace("heder", "header")
        .replace("HeaderHash =", "HeaderHash: TypeAlias =")
        .replace("Callable\n", "Callable\nfrom typing import TypeAlias\n")
    )
    repo.commit("typo", {"requests/auth.py": fixed})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["noop_files"] == ["requests/auth.py"]
    repo.commit("level", {"requests/auth.py": fixed.replace("logger.debug", "logger.error")})
    assert review_json(cli, "HEAD")["noop_files"] == []


REGISTRY_SPEC = """---
id: REG
scope: [plugins.py]
---
# Registration

## Context
- `PluginManager.register()` adds each hook implementation of a plugin to its `HookCaller`.

## Requirements
- REG-1: `register()` looks each hook up by its `specname`, else by the attribute's name.
"""

PLUGINS = """from typing import List, NamedTuple, Optional


class HookImpl(NamedTuple):
    name: str
    tags: List[str]
    spec: Optional[str]


class PluginManager:
    @property
    def hooks(self):
        return self._hooks

    def register(self, plugin, name=None):
        plugin_name = name or plugin.__name__
        for name in dir(plugin):
            opts = self.parse(plugin, name)
            if opts is not None:
                name = opts.get("specname") or name
                self.add(name, HookImpl(name, [], None))
        return plugin_name
"""


def test_a_split_loop_variable_and_modern_annotations_ask_nothing(repo, cli):
    """REVIEW-E11, REVIEW-E10, REVIEW-E8 through the CLI: the loop variable split into
    `attr_name` and `hook_name` and a named tuple's fields as pyupgrade writes them ask
    nothing; a method's decorator replaced still asks."""
    repo.commit("base", {"specs/registry.md": REGISTRY_SPEC, "plugins.py": PLUGINS})
    split = (
        PLUGINS.replace("for name in dir", "for attr_name in dir")
        .replace("self.parse(plugin, name)", "self.parse(plugin, attr_name)")
        .replace(
            'name = opts.get("specname") or name', 'hook_name = opts.get("specname") or attr_name'
        )
        .replace("self.add(name, HookImpl(name,", "self.add(hook_name, HookImpl(hook_name,")
        .replace("List[str]", "list[str]")
        .replace("Optional[str]", "str | None")
    )
    repo.commit("split", {"plugins.py": split})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["noop_files"] == ["plugins.py"]
    cached = split.replace("@property", "@functools.cached_property")
    repo.commit("cached", {"plugins.py": cached})
    assert review_json(cli, "HEAD")["noop_files"] == []


PRIVATE = """class HTTPDigestAuth:
    def __init__(self, username, password):
        self.username = username
        self.__count = 0

    def build_digest_header(self, nonce):
        self.__next_count(nonce)
        return f"Digest {self.username} nc={self.__count:08x}"

    def handle_401(self, response):
        self.__next_count(response.nonce)
        return self.build_digest_header(response.nonce)

    def __next_count(self, nonce):
        self.__count += 1
"""


def test_a_private_method_renamed_through_its_class_asks_nothing(repo, cli):
    """REVIEW-E13: `__next_count` renamed `__count_up` in its definition and both calls (as
    cachetools renamed `LRUCache.__update`): no question; a call left on the old name, which
    raises AttributeError at run time, asks."""
    repo.commit("base", {"specs/digest.md": SPEC, "requests/auth.py": PRIVATE})
    repo.commit("rename", {"requests/auth.py": PRIVATE.replace("__next_count", "__count_up")})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["noop_files"] == ["requests/auth.py"]
    left = PRIVATE.replace("__next_count", "__count_up").replace(
        "self.__count_up(response.nonce)", "self.__next_count(response.nonce)"
    )
    repo.commit("back", {"requests/auth.py": PRIVATE})
    repo.commit("in part", {"requests/auth.py": left})
    assert review_json(cli, "HEAD")["noop_files"] == []


def test_comments_added_in_a_class_another_hunk_changes_ask_nothing(repo, cli):
    """REVIEW-E14: a comment about the nonce count added inside `build_digest_header`, while
    another hunk renames the class (a change, which asks): no question lists the comment's
    hunk, though its words are the requirement's."""
    padded = PRIVATE.replace(
        "    def build_digest_header(self, nonce):\n",
        "    def build_digest_header(self, nonce):\n" + "        pass\n" * 8,
    )
    repo.commit("base", {"specs/digest.md": SPEC, "requests/auth.py": padded})
    commented = padded.replace("class HTTPDigestAuth:", "class DigestAuth:").replace(
        "        self.__next_count(nonce)\n",
        "        # the digest response hashes A1 and A2 with the algorithm the server names\n"
        "        self.__next_count(nonce)\n",
    )
    repo.commit("comment", {"requests/auth.py": commented})
    data = review_json(cli, "HEAD", "--all")
    comment_line = (
        commented.splitlines().index(
            "        # the digest response hashes A1 and A2 with the algorithm the server names"
        )
        + 1
    )
    spans = [(h["start"], h["end"]) for q in data["questions"] for h in q["hunks"]]
    assert data["questions"] and all(not (a <= comment_line <= b) for a, b in spans), spans


HOOKS_SPEC = """---
id: HOOKS
scope: [requests/hooks.py]
---
# Hooks

## Context
- `default_hooks()` maps every event in `HOOKS` to an empty list; `dispatch_hook()` calls them.

## Requirements
- HOOKS-1: `dispatch_hook` returns the data the last hook returned, or the data unchanged.
"""

HOOKS = """HOOKS = ['response']


def default_hooks():
    return dict((event, []) for event in HOOKS)


def dispatch_hook(key, hooks, hook_data, **kwargs):
    hooks = hooks or dict()
    for hook in hooks.get(key) or []:
        hook_data = hook(hook_data, **kwargs) or hook_data
    return hook_data
"""

SESSIONS = """from .hooks import default_hooks, dispatch_hook


class Session:
    def __init__(self):
        self.hooks = default_hooks()

    def send(self, r):
        return dispatch_hook('response', self.hooks, r)
"""


def test_comprehension_rewrites_ask_nothing_and_ripple_nowhere(repo, cli):
    """REVIEW-16, REVIEW-E9: ruff's C402 and C408 over a module (seen on psf/requests'
    89ab030): `dict((k, v) for ...)` to a dict comprehension and `dict()` to `{}` ask no
    question and list no ripple to the untouched callers; the same line building other lists
    does both."""
    files = {"specs/hooks.md": HOOKS_SPEC, "requests/hooks.py": HOOKS}
    repo.commit("base", {**files, "requests/sessions.py": SESSIONS})
    rewritten = HOOKS.replace(
        "dict((event, []) for event in HOOKS)", "{event: [] for event in HOOKS}"
    )
    rewritten = rewritten.replace("hooks or dict()", "hooks or {}")
    repo.commit("C4", {"requests/hooks.py": rewritten})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == ["requests/hooks.py"]
    assert (data["questions"], data["ripples"]) == ([], [])
    other = rewritten.replace(
        "{event: [] for event in HOOKS}", "{event: [None] for event in HOOKS}"
    )
    repo.commit("real", {"requests/hooks.py": other})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == []
    assert data["questions"] and [r["symbol"]["name"] for r in data["ripples"]] == ["default_hooks"]


def test_module_constants_that_gain_annotations_ask_nothing_and_ripple_nowhere(repo, cli):
    """REVIEW-16: `LIMIT = 30` to `LIMIT: int = 30` (psf/requests' 561e4b6) is no question and
    no ripple to the untouched reader; `LIMIT: int = 31` is both."""
    hooks = HOOKS.replace("HOOKS = ['response']", "HOOKS = ['response']\nLIMIT = 30")
    reader = SESSIONS.replace("import default_hooks,", "import LIMIT, default_hooks,")
    reader += "\n    def limit(self):\n        return LIMIT\n"
    repo.commit(
        "base",
        {"specs/hooks.md": HOOKS_SPEC, "requests/hooks.py": hooks, "requests/sessions.py": reader},
    )
    repo.commit("typed", {"requests/hooks.py": hooks.replace("LIMIT = 30", "LIMIT: int = 30")})
    data = review_json(cli, "HEAD")
    assert (data["noop_files"], data["ripples"]) == (["requests/hooks.py"], [])
    repo.commit("raised", {"requests/hooks.py": hooks.replace("LIMIT = 30", "LIMIT: int = 31")})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == [] and [r["symbol"]["name"] for r in data["ripples"]] == ["LIMIT"]


RETURNS = """import hashlib


class HTTPDigestAuth:
    def build_digest_header(self, nonce, count, qop):
        ncvalue = '%08x' % (int(count),)
        if not qop:
            return None
        elif qop == 'auth':
            header = 'Digest nonce=%s, nc=%s' % (nonce, ncvalue)
            return header
        else:
            return hashlib.sha256(nonce.encode()).hexdigest()
"""


def test_ruffs_return_rewrites_and_pyupgrades_numbers_ask_nothing(repo, cli):
    """REVIEW-16, REVIEW-E9, REVIEW-E26: ruff's RET505 and RET504 and pyupgrade's `%08x` over
    a method (as on psf/requests' 2a6f290 and python-humanize's a4cacf0): no question, and the
    file is listed; the same rewrite that drops the `return` ending a branch asks."""
    repo.commit("base", {"specs/digest.md": SPEC, "requests/auth.py": RETURNS})
    rewritten = """import hashlib


class HTTPDigestAuth:
    def build_digest_header(self, nonce, count, qop):
        ncvalue = f"{int(count):08x}"
        if not qop:
            return None
        if qop == "auth":
            return f"Digest nonce={nonce}, nc={ncvalue}"
        return hashlib.sha256(nonce.encode()).hexdigest()
"""
    repo.commit("ruff", {"requests/auth.py": rewritten})
    data = review_json(cli, "HEAD")
    assert (data["noop_files"], data["questions"]) == (["requests/auth.py"], [])
    falls_through = rewritten.replace(
        '            return f"Digest', '            header = f"Digest'
    )
    repo.commit("falls through", {"requests/auth.py": falls_through})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == [] and data["questions"]


def test_an_alias_moved_under_type_checking_asks_nothing(repo, cli):
    """REVIEW-16, REVIEW-E26: `X: type[B] = _Impl` to an `if TYPE_CHECKING:` whose `else`
    binds the same (tox-dev/filelock 579ccc3) asks nothing; binding another class at run time
    asks."""
    module = RETURNS + "\n\nDigestAuth: type[HTTPDigestAuth] = HTTPDigestAuth\n"
    repo.commit("base", {"specs/digest.md": SPEC, "requests/auth.py": module})
    typed = module.replace(
        "DigestAuth: type[HTTPDigestAuth] = HTTPDigestAuth\n",
        "if TYPE_CHECKING:\n    DigestAuth = object\nelse:\n    DigestAuth = HTTPDigestAuth\n",
    ).replace("import hashlib\n", "import hashlib\nfrom typing import TYPE_CHECKING\n")
    repo.commit("typed", {"requests/auth.py": typed})
    data = review_json(cli, "HEAD")
    assert (data["noop_files"], data["questions"]) == (["requests/auth.py"], [])
    repo.commit(
        "other",
        {
            "requests/auth.py": typed.replace(
                "    DigestAuth = HTTPDigest", "    DigestAuth = Digest"
            )
        },
    )
    assert review_json(cli, "HEAD")["noop_files"] == []


HASHES = """from typing import NamedTuple
import functools

Hash = NamedTuple("Hash", [("kind", str), ("lines", list)])


@functools.lru_cache()
def read_hashes(path):
    with open(path, 'r') as stream:
        lines = [line for line in stream]
    if not lines:
        return None
    else:
        pass
    if isinstance(lines, (list, tuple)):
        kind = str('sha256')
    else:
        kind = str('md5')
    return list(sorted(lines)), kind
"""


def test_a_ruff_fix_over_a_module_asks_nothing(repo, cli):
    """REVIEW-16, REVIEW-E26, REVIEW-E27: what `ruff check --fix` writes with UP, C4, RET, PIE
    and SIM selected (a `NamedTuple` class among them) asks nothing and the file is listed;
    reading the file in binary asks."""
    spec = SPEC.replace("requests/auth.py", "requests/hashes.py")
    repo.commit("base", {"specs/digest.md": spec, "requests/hashes.py": HASHES})
    fixed = """from typing import NamedTuple
import functools


class Hash(NamedTuple):
    kind: str
    lines: list


@functools.lru_cache
def read_hashes(path):
    with open(path) as stream:
        lines = list(stream)
    if not lines:
        return
    kind = "sha256" if isinstance(lines, list | tuple) else "md5"
    return sorted(lines), kind
"""
    repo.commit("ruff --fix", {"requests/hashes.py": fixed})
    data = review_json(cli, "HEAD")
    assert (data["noop_files"], data["questions"]) == (["requests/hashes.py"], [])
    repo.commit("binary", {"requests/hashes.py": fixed.replace("open(path)", "open(path, 'rb')")})
    assert review_json(cli, "HEAD")["noop_files"] == []


VERSION_SPEC = """---
id: VERSION
scope: [version.py]
---
# Versions

## Context
- `_BaseVersion` compares and hashes `_key`; `Version` builds `_key` with `_cmpkey()`.

## Requirements
- VERSION-1: Two versions with the same `_key` are equal and hash alike.
"""

VERSION = """from typing import Callable, Tuple, Union

CmpKey = Tuple[int, ...]


class _BaseVersion:
    _key: CmpKey

    def __hash__(self) -> int:
        return hash(self._key)


class Version(_BaseVersion):
    _regex = None

    def __init__(self, version: str) -> None:
        self._key = _cmpkey(version)


def _cmpkey(version):
    return tuple(int(part) for part in version.split("."))
"""


def test_the_annotations_of_plain_classes_ask_nothing(repo, cli):
    """REVIEW-E29 through the CLI (pypa/packaging's 28c1a05): `_key` annotated otherwise in a
    class of no base and added to the class derived from it ask nothing; the same under
    `@dataclass`, where `_key` is a field, asks."""
    repo.commit("base", {"specs/version.md": VERSION_SPEC, "version.py": VERSION})
    relaxed = VERSION.replace("    _key: CmpKey\n", "    _key: Tuple[Any, ...]\n").replace(
        "    _regex = None\n", "    _regex = None\n    _key: CmpKey\n"
    )
    repo.commit("relax the typing of _key", {"version.py": relaxed})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["noop_files"] == ["version.py"]
    fielded = VERSION.replace("class Version(", "@dataclass\nclass Version(")
    repo.commit("a dataclass", {"version.py": fielded})
    repo.commit(
        "a field",
        {
            "version.py": fielded.replace(
                "    _regex = None\n", "    _regex = None\n    _key: CmpKey\n"
            )
        },
    )
    assert review_json(cli, "HEAD")["noop_files"] == []


def test_ruffs_not_in_and_is_not_rewrites_ask_nothing(repo, cli):
    """REVIEW-E54: kjd/idna 8b55055 (ruff format): `not direction in [...]` written
    `direction not in [...]` asked 9 questions; `x not in y` is `not x in y` and `x is not y`
    is `not x is y` by the language's definition. `not a == b` still asks (REVIEW-E28)."""
    code = (
        "def build_digest_header(realm, qop):\n    if not qop in ('auth', 'auth-int'):\n"
        "        return None\n    if not realm is None:\n        return realm\n    return qop\n"
    )
    repo.commit("base", {"specs/digest.md": SPEC, "requests/auth.py": code})
    ruffed = code.replace("not qop in", "qop not in").replace(
        "not realm is None", "realm is not None"
    )
    repo.commit("ruff", {"requests/auth.py": ruffed})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["noop_files"] == ["requests/auth.py"], data["questions"]
    repo.commit("flip", {"requests/auth.py": ruffed.replace("qop not in", "qop in")})
    assert review_json(cli, "HEAD")["questions"], "a real change asks"


STUB = """class HTTPDigestAuth:
    def __init__(self, username: str, password: str) -> None: ...
    def build_digest_header(self, method: str, path: str, realm: str, qop: str) -> str: ...
"""


def test_a_type_stub_asks_nothing_and_ripples_nowhere(repo, cli):
    """REVIEW-E82: idna's `2b16336` added `.pyi` stubs beside the modules a spec governs and
    drew ten questions and a ripple per stubbed function; a stub declares types and runs
    nothing. The module's own change in the same commit still asks."""
    repo.commit("base", {"specs/digest.md": SPEC, "requests/auth.py": AUTH})
    repo.commit("stubs", {"requests/auth.pyi": STUB})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["ripples"] == []
    assert data["noop_files"] == ["requests/auth.pyi"]
    typed = STUB.replace("qop: str) -> str", "qop: str | None) -> str | None")
    realm = AUTH.replace("% (self.username, realm,", "% (self.username, 'realm',")
    repo.commit("qop optional", {"requests/auth.pyi": typed, "requests/auth.py": realm})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == ["requests/auth.pyi"]
    assert {q["path"] for q in data["questions"]} == {"requests/auth.py"}


IDNA_SPEC = """---
id: CODEC
scope: ["src/idna/**"]
---
# The codec

## Requirements
- CODEC-1: `Codec.encode()` calls `encode()` of `core` on the whole input.
"""
CODEC = "from {core} import encode\n\n\nclass Codec:\n"
CODEC += "    def encode(self, s):\n        return encode(s)\n"


def test_an_import_made_relative_asks_nothing_and_another_module_asks(repo, cli):
    """REVIEW-E83: idna's `a7f788d` wrote `from idna.core import` as `from .core import`
    (ruff's TID252 fixes either way): the same module from `src/idna/codec.py`. Parent
    folders resolve too; a relative import of another module, or a like-named module of
    another package, is a change."""
    repo.commit(
        "base", {"specs/codec.md": IDNA_SPEC, "src/idna/codec.py": CODEC.format(core="idna.core")}
    )
    for same in (".core", "idna.core", "..idna.core"):
        repo.commit(same, {"src/idna/codec.py": CODEC.format(core=same)})
        assert review_json(cli, "HEAD")["noop_files"] == ["src/idna/codec.py"], same
    for other in (".other", "other.core", "..core"):
        repo.commit(other, {"src/idna/codec.py": CODEC.format(core=other)})
        data = review_json(cli, "HEAD")
        assert data["noop_files"] == [] and data["questions"], other
        repo.commit("back", {"src/idna/codec.py": CODEC.format(core="idna.core")})


VPREFIX_SPEC = """---
id: PARSE
scope: [semver/**]
---
# Parsing

## Context
- `parse()` reads a version tag; a tag without its `v` prefix raises `ValueError`.

## Requirements
- PARSE-1: `parse()` raises `ValueError` naming the tag when it does not start with "v" or "V".
"""
VPREFIX = """def parse(version):
    if not version[0] in ("v", "V"):
        raise ValueError(
            "{v!r}: not a valid semantic version tag. "
            "Must start with 'v' or 'V'".format(
                v=version
            )
        )
    return version[1:]
"""


def test_a_keyword_format_rewritten_as_an_f_string_asks_nothing(repo, cli):
    """REVIEW-E9, through the CLI: python-semver's `61335e0` (black, and ruff's UP032) writes
    `"{v!r}: ...".format(v=version)` as `f"{version!r}: ..."`: no question; formatting another
    value than the keyword's asks."""
    repo.commit("base", {"specs/parse.md": VPREFIX_SPEC, "semver/tag.py": VPREFIX})
    fstring = """            f"{version!r}: not a valid semantic version tag. "
            "Must start with 'v' or 'V'"
"""
    old = VPREFIX[VPREFIX.index('            "{v!r}') : VPREFIX.index("        )\n    return")]
    repo.commit("black", {"semver/tag.py": VPREFIX.replace(old, fstring)})
    data = review_json(cli, "HEAD")
    assert data["questions"] == [] and data["noop_files"] == ["semver/tag.py"]
    other = VPREFIX.replace(old, fstring.replace("{version!r}", "{version[1:]!r}"))
    repo.commit("another value", {"semver/tag.py": other})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == [] and data["questions"]
