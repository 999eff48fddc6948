"""REVIEW-E168: a module's name the change writes, read by a function a statement names, links
that statement, through the CLI on real repositories (the httpx trial's e63b6594: the dots of
`IPv4_STYLE_HOSTNAME` escaped, read only by `encode_host()`, asked nothing)."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: H
scope: [pkg/urlparse.py]
---
# Hosts

## Requirements
- H-1: `encode_host()` raises `InvalidURL` for an invalid IPv4 address.
- H-2: `split_port()` returns the port as an int.
"""
URLPARSE = """import ipaddress
import re


class InvalidURL(Exception):
    pass


IPv4_STYLE_HOSTNAME = re.compile(r"^[0-9]+.[0-9]+.[0-9]+.[0-9]+$")
DEFAULT_PORT = 80


def encode_host(host):
    if IPv4_STYLE_HOSTNAME.match(host):
        try:
            ipaddress.IPv4Address(host)
        except ipaddress.AddressValueError:
            raise InvalidURL(f"Invalid IPv4 address: {host!r}")
        return host
    return host.lower()


def split_port(netloc):
    host, _, port = netloc.partition(":")
    return host, int(port) if port else DEFAULT_PORT


def describe(host):
    return f"{host}:{DEFAULT_PORT}"
"""
ESCAPED = URLPARSE.replace("[0-9]+.[0-9]+.[0-9]+.[0-9]+", r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")


def evidence(cli) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    questions = review_json(cli, "HEAD", "--all")["questions"]
    return {q["statement"]["id"]: q["evidence"] for q in questions}


def test_a_constant_read_by_a_function_a_requirement_names_asks_it(repo, cli):
    """REVIEW-E168: the hunk writes `IPv4_STYLE_HOSTNAME`, which `encode_host()` reads: H-1
    is asked, its evidence the name, the reader and where it reads it; H-2 is not."""
    repo.commit("base", {"specs/h.md": SPEC, "pkg/urlparse.py": URLPARSE})
    repo.commit("Escape the dots", {"pkg/urlparse.py": ESCAPED})
    found = evidence(cli)
    assert found["H-1"] == {
        "kind": "reads",
        "names": ["IPv4_STYLE_HOSTNAME", "encode_host", "pkg/urlparse.py:14"],
        "words": [],
    }
    assert "H-2" not in found
    out = cli("review", "HEAD").out
    assert "which `encode_host()` reads at pkg/urlparse.py:14, as the statement names it" in out


def test_a_name_several_functions_read_or_a_file_no_spec_governs_asks_nothing(repo, cli):
    """REVIEW-E168, adversarial: `DEFAULT_PORT` is read by `split_port()` (H-2 names it) and by
    `describe()`: a name several functions read is none's alone (filelock 676d62f0: its
    `_LOGGER`, read by `acquire()` and `release()`, asked seven questions of an unrelated
    commit); the same module outside the spec's scope asks nothing either."""
    moved = URLPARSE.replace("DEFAULT_PORT = 80", "DEFAULT_PORT = 8080")
    repo.commit("base", {"specs/h.md": SPEC, "pkg/urlparse.py": URLPARSE, "lib/u.py": URLPARSE})
    repo.commit("port", {"pkg/urlparse.py": moved})
    assert evidence(cli) == {}
    repo.commit("other module", {"lib/u.py": ESCAPED})
    assert evidence(cli) == {}


def test_a_local_written_in_a_function_is_no_module_name(repo, cli):
    """REVIEW-E168 follows a module's names only: a local of the same name written inside
    another function is not what `encode_host()` reads."""
    local = URLPARSE + "\n\ndef probe(host):\n    IPv4_STYLE_HOSTNAME = host\n    return host\n"
    repo.commit("base", {"specs/h.md": SPEC, "pkg/urlparse.py": local})
    changed = local.replace("= host\n    return", "= 1\n    return")
    repo.commit("probe", {"pkg/urlparse.py": changed})
    assert "H-1" not in evidence(cli)
