"""REVIEW-E393, REVIEW-E394 through the CLI on real repositories (gorilla/websocket `629990d`:
`101` and `200` written `http.StatusSwitchingProtocols` and `http.StatusOK`, 2 questions on a
no-op; `a70cea5`: `ioutil.NopCloser`, `Discard` and `ReadAll` written `io.*`, 3 questions): a
constant or function of Go's standard library spelled as what it is, where the file's imports
say which package the name is, changes nothing; a near change still asks."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: DIAL
scope: ["*.go"]
---
# Dialing

## Context
- `checkResponse()` accepts a handshake reply only with status 101.

## Requirements
- DIAL-1: A reply other than 101 fails the handshake with `errBadHandshake`.
"""

STATUS = """package websocket

import (
\t"errors"
\t"net/http"
)

var errBadHandshake = errors.New("websocket: bad handshake")

type limits struct{ StatusOK int }

// DIAL-1: the handshake needs 101.
func checkResponse(resp *http.Response) error {
\tif resp.StatusCode != 101 {
\t\treturn errBadHandshake
\t}
\tif resp.StatusCode == 301 || resp.Header.Get("X-Code") == "200" {
\t\treturn errBadHandshake
\t}
\treturn nil
}

// DIAL-1: a proxy's CONNECT needs 200.
func checkProxy(resp *http.Response, code limits) error {
\tif resp.StatusCode != 200 {
\t\treturn errBadHandshake
\t}
\treturn nil
}
"""

IOUTIL = """package websocket

import (
\t"bytes"
\t"io"
\t"io/ioutil"
\t"os"
)

// DIAL-1: the reply's body is read whole.
func readBody(r io.Reader) ([]byte, error) {
\tif _, err := io.Copy(ioutil.Discard, r); err != nil {
\t\treturn nil, err
\t}
\treturn ioutil.ReadAll(r)
}

// DIAL-1: a buffered reply.
func replay(buf []byte) io.ReadCloser {
\treturn ioutil.NopCloser(bytes.NewReader(buf))
}

// DIAL-1: the reply kept.
func keep(name string, b []byte) error {
\tif _, err := ioutil.ReadFile(name); err == nil {
\t\treturn ioutil.WriteFile(name, b, 0o600)
\t}
\tf, err := ioutil.TempFile("", "ws")
\tif err != nil {
\t\treturn err
\t}
\tdir, err := ioutil.TempDir("", "ws")
\t_ = dir
\treturn f.Close()
}

// DIAL-1: the kept replies listed.
func kept(dir string) (int, error) {
\tentries, err := ioutil.ReadDir(dir)
\treturn len(entries), err
}
"""

MODERN = [
    ("io.Copy(ioutil.Discard, r)", "io.Copy(io.Discard, r)"),
    ("ioutil.ReadAll(r)", "io.ReadAll(r)"),
    ("ioutil.NopCloser(", "io.NopCloser("),
    ("ioutil.ReadFile(name)", "os.ReadFile(name)"),
    ("ioutil.WriteFile(name", "os.WriteFile(name"),
    ('ioutil.TempFile("", "ws")', 'os.CreateTemp("", "ws")'),
    ('ioutil.TempDir("", "ws")', 'os.MkdirTemp("", "ws")'),
]


def _judged(repo, cli, path: str, base: str, pairs) -> tuple[bool, list[str], list[str]]:
    """Whether the hook warns of DIAL-1 with each (old, new) of `pairs` replaced in `base`;
    then, committed, what the review calls formatting only and what it asks."""
    repo.commit("base", {"specs/dial.md": SPEC, path: base})
    text = base
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new)
    repo.stage({path: text})
    warned = "touched-requirement" in cli("check", "--staged").out
    repo.git("commit", "-q", "--no-verify", "-m", "Use the standard library's names")
    data = review_json(cli, "HEAD", "--all")
    return warned, data["noop_files"], [q["statement"]["text"] for q in data["questions"]]


def test_a_status_code_written_as_its_net_http_constant_is_formatting(repo, cli):
    """REVIEW-E393 (gorilla/websocket `629990d`, gorilla/mux `521ea7b`): `101`, `301` and `200`
    written `http.StatusSwitchingProtocols`, `http.StatusMovedPermanently` and `http.StatusOK`,
    `http` being `net/http`: the same untyped constants, no question, the hook silent."""
    pairs = [
        ("!= 101", "!= http.StatusSwitchingProtocols"),
        ("== 301", "== http.StatusMovedPermanently"),
        ("!= 200", "!= http.StatusOK"),
    ]
    assert _judged(repo, cli, "client.go", STATUS, pairs) == (False, ["client.go"], [])


@pytest.mark.parametrize(
    ("base", "pairs"),
    [
        (STATUS, [("!= 200", "!= http.StatusCreated")]),  # another value
        (STATUS, [('"200"', '"http.StatusOK"')]),  # a string's text
        (  # `http` is a parameter there: its field, not net/http's constant
            STATUS.replace("code limits)", "http limits)"),
            [("!= 200", "!= http.StatusOK")],
        ),
        (  # another package imported as `http`
            STATUS.replace('"net/http"', 'http "example.com/ws/internal/http"'),
            [("!= 101", "!= http.StatusSwitchingProtocols")],
        ),
    ],
    ids=["other-value", "string", "local-http", "other-package"],
)
def test_a_status_code_not_net_http_s_same_constant_still_asks(repo, cli, base, pairs):
    """REVIEW-E393, adversarial: a constant of another value, a string's text, the field of a
    local `http` and the constant of another package imported as `http` are changes."""
    warned, noop, asked = _judged(repo, cli, "client.go", base, pairs)
    assert warned and noop == [] and asked


def test_ioutil_written_as_what_it_calls_since_go_1_16_is_formatting(repo, cli):
    """REVIEW-E394 (gorilla/websocket `a70cea5`): `ioutil.ReadAll`, `NopCloser` and `Discard`
    written `io.*`, `ReadFile` and `WriteFile` written `os.*`, `TempFile` and `TempDir` written
    `os.CreateTemp` and `os.MkdirTemp`, the files importing `io` and `os`: no question, the hook
    silent."""
    assert _judged(repo, cli, "conn.go", IOUTIL, MODERN) == (False, ["conn.go"], [])


def test_ioutil_s_import_dropped_with_its_last_use_is_formatting(repo, cli):
    """REVIEW-E394 (gorilla/websocket `a70cea5`): the `"io/ioutil"` import line removed with
    the last of its uses written `io.*` and `os.*`: no question, the hook silent."""
    base = IOUTIL[: IOUTIL.index("// DIAL-1: the kept replies listed.")]
    pairs = [('\t"io/ioutil"\n', ""), *MODERN]
    assert _judged(repo, cli, "conn.go", base, pairs) == (False, ["conn.go"], [])


@pytest.mark.parametrize(
    ("base", "pairs"),
    [
        (IOUTIL, [("ioutil.ReadDir(dir)", "os.ReadDir(dir)")]),  # []fs.DirEntry, not FileInfo
        (IOUTIL, [("ioutil.TempDir(", "os.TempDir(")]),  # another function
        (  # `io` not imported: not the package io
            IOUTIL.replace('\t"io"\n', "").replace("r io.Reader", "r *bytes.Reader"),
            [("ioutil.ReadAll(r)", "io.ReadAll(r)")],
        ),
        (  # `io` is a parameter there: its method, not the package's function
            IOUTIL.replace("replay(buf []byte)", "replay(io nopper, buf []byte)"),
            [("ioutil.NopCloser(", "io.NopCloser(")],
        ),
        (  # another package imported as `ioutil`
            IOUTIL.replace('"io/ioutil"', 'ioutil "example.com/ws/internal/ioutil"'),
            [("ioutil.ReadAll(r)", "io.ReadAll(r)")],
        ),
    ],
    ids=["read-dir", "other-function", "io-not-imported", "local-io", "other-package"],
)
def test_ioutil_not_what_it_calls_still_asks(repo, cli, base, pairs):
    """REVIEW-E394, adversarial: `ReadDir` (its result's type differs), another function, an
    `io` the file does not import, a local `io`, and another package imported as `ioutil`."""
    warned, noop, asked = _judged(repo, cli, "conn.go", base, pairs)
    assert warned and noop == [] and asked


def test_an_import_of_another_package_is_no_formatting(repo, cli):
    """REVIEW-E394, adversarial: only an import line of `io/ioutil`, `io` or `os` is no line;
    `"os"` replaced by `"os/signal"` leaves the file changed."""
    pairs = [('\t"os"\n', '\t"os/signal"\n')]
    assert _judged(repo, cli, "conn.go", IOUTIL, pairs)[1] == []
