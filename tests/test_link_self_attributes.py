"""REVIEW-E414 through the CLI on real repositories: a statement about a class's `self.name`
(`Packer` keeps its strings in `self._buffer`) is not met by another class's `self._buffer`;
the class it names, and a statement that names no class before it, still are."""

from __future__ import annotations

import json

SPEC = """---
id: CODEC
scope: [src/codec.py]
---
# Codec

## Context
- `Packer` joins the strings it keeps in `self._buffer`.
- Chunks are joined from `self._chunks` by `Joiner` and `Splitter` alike.

## Requirements
- CODEC-1: `pack()` returns everything packed so far as one string.

## Edge Cases
- CODEC-E1: An object whose repr is empty.
"""

CODEC = """class Packer:
    def __init__(self):
        self._buffer = []

    def pack(self, obj):
        self._buffer.append(repr(obj))
        return "".join(self._buffer)


class Unpacker:
    def __init__(self):
        self._buffer = bytearray()
        self._chunks = []

    def feed(self, data):
        self._buffer.extend(data)
        self._chunks.append(data)
"""


def _evidence(repo, cli, old: str, new: str) -> dict[int, tuple[str, list[str]]]:
    """By line of specs/codec.md, the evidence of each question once `old` becomes `new`."""
    repo.commit("base", {"specs/codec.md": SPEC, "src/codec.py": CODEC})
    repo.commit("change", {"src/codec.py": CODEC.replace(old, new)})
    data = json.loads(cli("review", "HEAD", "--all", "--format", "json").out)
    return {
        q["statement"]["line"]: (q["evidence"]["kind"], q["evidence"].get("names", []))
        for q in data["questions"]
    }


def test_another_classs_attribute_of_the_same_name_is_no_identifier(repo, cli):
    """REVIEW-E414 (msgpack/msgpack-python `500a238`): `Unpacker._reserve` writing its own
    `self._buffer` was asked about "`Packer` writes into `self._buffer`" on that name alone."""
    found = _evidence(repo, cli, "self._buffer.extend(data)", "self._buffer += data")
    assert found.get(8, ("", []))[0] != "identifier", found


def test_the_named_classs_attribute_is_still_an_identifier(repo, cli):
    """REVIEW-E414, adversarial: `Packer.pack` writing `self._buffer` is the statement's."""
    found = _evidence(repo, cli, "self._buffer.append(repr(obj))", "self._buffer.append(str(obj))")
    kind, names = found.get(8, ("", []))
    assert kind in ("identifier", "identifier-part") and names == ["self._buffer"], found


def test_a_statement_naming_no_class_before_the_attribute_keeps_it(repo, cli):
    """REVIEW-E414, adversarial: "Chunks are joined from `self._chunks` by `Joiner`" says of no
    one class whose `self._chunks` it is: `Unpacker.feed` writing it still meets it."""
    found = _evidence(repo, cli, "self._chunks.append(data)", "self._chunks.insert(0, data)")
    kind, names = found.get(9, ("", []))
    assert kind in ("identifier", "identifier-part") and names == ["self._chunks"], found


HTTP_SPEC = """---
id: HTTP
scope: [src/http.py]
---
# HTTP

## Context
- Each request runs in a `Cycle`: `run_asgi()` calls the app once.
- A `Streaming` body is read with `iterate()`.

## Requirements
- HTTP-1: A request gets one response.

## Edge Cases
- HTTP-E1: An app that sends nothing.
"""

HTTP = "class Cycle:\n    def run_asgi(self, app):\n        return app(self)  # HTTP-1\n"
WS = "class WebSocketProtocol:\n    def run_asgi(self, app):\n        return app(self)\n"
UTIL = "def iterate(body):\n    return iter(body)\n"


def _asked(repo, cli, path: str, old: str, new: str) -> dict[int, str]:
    """By line of specs/http.md, the evidence kind of each question once `path` changes."""
    files = {"src/http.py": HTTP, "src/ws.py": WS, "src/util.py": UTIL}
    repo.commit("base", {"specs/http.md": HTTP_SPEC, **files})
    repo.commit("change", {path: files[path].replace(old, new)})
    data = json.loads(cli("review", "HEAD", "--all", "--format", "json").out)
    return {q["statement"]["line"]: q["evidence"]["kind"] for q in data["questions"]}


def test_another_classs_method_of_the_same_name_outside_the_scope_is_not_its_own(repo, cli):
    """REVIEW-E414 (encode/uvicorn `b9c03a8`): `WebSocketProtocol.run_asgi`, outside the HTTP
    spec's scope, was asked "Each request runs in a `RequestResponseCycle`: `run_asgi()` ..."
    as the definition it lies in."""
    asked = _asked(repo, cli, "src/ws.py", "return app(self)", "return app(self) or None")
    assert asked.get(8) != "enclosing", asked


def test_a_function_no_class_holds_is_still_the_one_named(repo, cli):
    """REVIEW-E414, adversarial: `iterate()` is a module's function the statement names beside
    `Streaming`: a change inside it outside the scope still lies in what the statement names."""
    asked = _asked(repo, cli, "src/util.py", "iter(body)", "iter(list(body))")
    assert asked.get(9) == "enclosing", asked


def test_a_function_quoted_before_the_method_is_no_class_it_is_said_of(repo, cli):
    """REVIEW-E414, adversarial (golang-jwt/jwt `b357385`: "through `EncodeSegment()`/
    `DecodeSegment()`" took the function `EncodeSegment` for the class `Parser.DecodeSegment`
    should belong to): a quoted call is no class, and the method still links by enclosing."""
    spec = HTTP_SPEC.replace(
        "Each request runs in a `Cycle`: `run_asgi()` calls the app once.",
        "Bodies pass through `Encode()` before `run_asgi()` sends them.",
    )
    files = {"src/http.py": HTTP, "src/ws.py": WS, "src/util.py": UTIL}
    repo.commit("base", {"specs/http.md": spec, **files})
    repo.commit("change", {"src/ws.py": WS.replace("return app(self)", "return app(self) or 1")})
    data = json.loads(cli("review", "HEAD", "--all", "--format", "json").out)
    asked = {q["statement"]["line"]: q["evidence"]["kind"] for q in data["questions"]}
    assert asked.get(8) == "enclosing", asked
