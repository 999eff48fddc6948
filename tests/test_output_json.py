"""The JSON that every `--format json` writes: strings as `escape.printable` makes them, in one
pass over the encoded text (specs/hardening.md: HARDEN-17)."""

from __future__ import annotations

import contextlib
import io
import json
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from specflow.output import render
from specflow.output.escape import printable

# What JSON escapes, what `printable` replaces, and what may look like an escape once encoded.
CHARS = ["a", "b", "f", "r", "u", "0", "1", "\\", '"', "\x00", "\x08", "\x0c", "\r", "\x1b"]
CHARS += ["\x1f", "\t", "\n", "\x7f", "\x85", "\x9b", "é", "\u2028", "\udcc3", "\udca9", "\udce9"]
TEXT = st.text(alphabet=st.sampled_from(CHARS), max_size=12)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(st.sampled_from(["path", "text"]), inner, max_size=2)
    ),
    max_leaves=12,
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def printed(data: dict[str, Any], stdout: io.StringIO) -> str:
    with contextlib.redirect_stdout(stdout):
        render.dump_json(data)
    return stdout.getvalue()


def cleaned(value: Any) -> Any:
    """Each string through `printable`, as the JSON must carry it."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: cleaned(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [cleaned(item) for item in value]
    return value


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(st.sampled_from(["files", "message"]), VALUES, max_size=2))
def test_json_carries_every_string_as_printable_makes_it(data):
    """HARDEN-17: no control character, escaped or not, and no undecodable byte; one line in a
    pipe, indented on a terminal, the same data either way."""
    piped, shown = printed(data, io.StringIO()), printed(data, Terminal())
    for text in (piped, shown):
        assert json.loads(text) == {"schema": 1, **cleaned(data)}
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\x9b]", text)
        text.encode("utf-8")  # strict: no surrogate left
    assert piped.count("\n") == 1
    assert shown == json.dumps(json.loads(shown), indent=2, ensure_ascii=False) + "\n"
