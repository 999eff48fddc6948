"""REVIEW-E116 through the CLI on real repositories: `self.name(...)` in a class that binds the
name itself and is no kin of the changed method's class is that class's own call, not a
ripple; a base, a mixin beside the class and a class that binds nothing still ripple."""

from __future__ import annotations

import json

SPEC = """---
id: DEV
scope: [src/dev.py]
---
# Dev

## Context
- `ConsoleRenderer` writes values with `_repr()`.

## Requirements
- DEV-1: Strings are written without quotes.

## Edge Cases
- DEV-E1: A string holding a space.
"""

DEV = """class ConsoleRenderer{bases}:
    def _repr(self, val):
        if isinstance(val, str):
            return val
        return repr(val)

    def __call__(self, d):
        return " ".join(self._repr(v) for v in d.values())
"""

KEY_VALUE = """class KeyValueRenderer:
    def __init__(self):
        self._repr = repr

    def __call__(self, d):
        return " ".join(k + "=" + self._repr(v) for k, v in d.items())
"""


def _callers(repo, cli, files: dict[str, str], bases: str = "") -> list[tuple[str, int]]:
    """The places the ripple of `_repr` lists once `ConsoleRenderer._repr` quotes spaces."""
    dev = DEV.format(bases=bases)
    repo.commit("base", {"specs/dev.md": SPEC, "src/dev.py": dev, **files})
    quoted = dev.replace(
        "            return val\n",
        '            if " " in val:\n                return repr(val)\n            return val\n',
    )
    repo.commit("quote strings with spaces", {"src/dev.py": quoted})
    return _places(cli, "_repr")


def _places(cli, name: str) -> list[tuple[str, int]]:
    """The places the ripple of `name` lists in the review of HEAD."""
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    return [
        (use["path"], use["line"])
        for ripple in data["ripples"]
        if ripple["symbol"]["name"] == name
        for use in ripple["uses"]
    ]


def test_a_class_that_sets_its_own_attribute_calls_its_own(repo, cli):
    """REVIEW-E116 (hynek/structlog `2c77735`): `KeyValueRenderer` sets `self._repr = repr`;
    its `self._repr(v)` was listed as a caller of the changed `ConsoleRenderer._repr`."""
    callers = _callers(repo, cli, {"src/processors.py": KEY_VALUE})
    assert callers == [("src/dev.py", 10)], callers


def test_a_class_with_its_own_method_of_the_name_calls_its_own(repo, cli):
    """REVIEW-E116: `PlainRenderer` defines its own `_repr`: its `self._repr(v)` is its own."""
    own = KEY_VALUE.replace("KeyValue", "Plain").replace(
        "    def __init__(self):\n        self._repr = repr\n",
        "    def _repr(self, val):\n        return str(val)\n",
    )
    assert _callers(repo, cli, {"src/processors.py": own}) == [("src/dev.py", 10)]


BASE = """class Renderer:
    def _repr(self, val):
        return str(val)

    def render(self, d):
        return " ".join(self._repr(v) for v in d.values())
"""

MIXIN = """class Quoting:
    def _repr(self, val):
        return str(val)

    def quoted(self, d):
        return " ".join(self._repr(v) for v in d.values())


class QuotingConsole(Quoting, ConsoleRenderer):
    pass
"""


def test_a_base_whose_self_call_reaches_the_override_still_ripples(repo, cli):
    """REVIEW-E116, adversarial: `Renderer` defines `_repr` too, but `ConsoleRenderer` derives
    from it: `self._repr(v)` in `Renderer.render` calls the changed override."""
    files = {"src/base.py": BASE, "src/processors.py": KEY_VALUE}
    callers = _callers(repo, cli, files, bases="(Renderer)")
    assert ("src/base.py", 6) in callers and ("src/processors.py", 6) not in callers, callers


def test_a_mixin_beside_the_class_still_ripples(repo, cli):
    """REVIEW-E116, adversarial: `Quoting` defines `_repr`, but `QuotingConsole(Quoting,
    ConsoleRenderer)` derives from both; and a class that binds no `_repr` itself (it may be
    mixed into a class elsewhere) keeps its `self._repr(...)` too."""
    unbound = (
        "class Listing:\n    def listed(self, d):\n        return [self._repr(v) for v in d]\n"
    )
    files = {"src/mixin.py": MIXIN, "src/listing.py": unbound}
    callers = _callers(repo, cli, files)
    assert ("src/mixin.py", 6) in callers and ("src/listing.py", 3) in callers, callers


def test_two_classes_changed_keep_each_others_calls(repo, cli):
    """REVIEW-E116, adversarial: when `KeyValueRenderer` has its own `_repr` and the change
    touches both, neither class's `self._repr(...)` is dropped: the symbol is of no one class."""
    own = KEY_VALUE.replace(
        "    def __init__(self):\n        self._repr = repr\n",
        "    def _repr(self, val):\n        return str(val)\n",
    )
    dev = DEV.format(bases="")
    repo.commit("base", {"specs/dev.md": SPEC, "src/dev.py": dev, "src/processors.py": own})
    repo.commit(
        "both",
        {
            "src/dev.py": dev.replace("        return repr(val)\n", "        return ascii(val)\n"),
            "src/processors.py": own.replace("return str(val)", "return format(val)"),
        },
    )
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    callers = [(u["path"], u["line"]) for r in data["ripples"] for u in r["uses"]]
    assert ("src/processors.py", 6) in callers and ("src/dev.py", 8) in callers, callers


CODEC_SPEC = """---
id: CODEC
scope: [src/codec.py]
---
# Codec

## Context
- `Packer` joins the strings it keeps in `self._buffer`.

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

    def feed(self, data):
        self._buffer.extend(data)


class Peeking:
    def peek(self):
        return self._buffer[:1]
"""


def _buffer_places(repo, cli, codec: str) -> list[tuple[str, int]]:
    """The places the ripple of `_buffer` lists once `Packer.pack` appends `str(obj)`."""
    repo.commit("base", {"specs/codec.md": CODEC_SPEC, "src/codec.py": codec})
    changed = codec.replace("self._buffer.append(repr(obj))", "self._buffer.append(str(obj))")
    repo.commit("pack with str", {"src/codec.py": changed})
    return _places(cli, "_buffer")


def test_another_class_that_binds_the_attribute_keeps_its_own(repo, cli):
    """REVIEW-E410 (msgpack/msgpack-python's fallback.py): `Packer` writes `self._buffer`;
    `Unpacker`, which sets its own `self._buffer = bytearray()`, was listed as agreeing or not
    on its format. A class that binds nothing of the name (`Peeking`, a mixin) still ripples."""
    places = _buffer_places(repo, cli, CODEC)
    assert ("src/codec.py", 7) in places and ("src/codec.py", 20) in places, places
    assert not {("src/codec.py", 12), ("src/codec.py", 15)} & set(places), places


def test_a_derived_class_that_binds_the_attribute_still_ripples(repo, cli):
    """REVIEW-E410, adversarial: `Unpacker(Packer)` is the writer's kin: its `self._buffer` may
    be the very attribute `Packer.pack` writes."""
    places = _buffer_places(repo, cli, CODEC.replace("class Unpacker:", "class Unpacker(Packer):"))
    assert ("src/codec.py", 12) in places and ("src/codec.py", 15) in places, places


TUPLED = CODEC.replace(
    "        self._buffer.append(repr(obj))\n",
    "        self._buffer, self._size = self._buffer + [repr(obj)], 1\n",
)


def test_an_attribute_written_in_a_tuple_through_self_is_the_classs(repo, cli):
    """REVIEW-E410: `self._buffer, self._size = ...` writes `Packer`'s `_buffer` as
    `self._buffer = ...` does: `Unpacker`'s own `self._buffer` is left out of its ripple."""
    repo.commit("base", {"specs/codec.md": CODEC_SPEC, "src/codec.py": TUPLED})
    repo.commit("str", {"src/codec.py": TUPLED.replace("[repr(obj)]", "[str(obj)]")})
    places = _places(cli, "_buffer")
    assert ("src/codec.py", 20) in places, places
    assert not {("src/codec.py", 12), ("src/codec.py", 15)} & set(places), places
