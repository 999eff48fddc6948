"""`specflow list` and `specflow show`: the specs of the work tree, and one spec or item."""

from __future__ import annotations

import difflib
from pathlib import Path

from specflow import pipeline
from specflow.errors import SpecflowError
from specflow.model import Spec
from specflow.output import render
from specflow.specset import SpecSet


def list_specs(*, fmt: str) -> None:
    render.spec_list(*pipeline.catalogue_here(Path.cwd()), fmt)


def show(key: str, *, fmt: str) -> None:
    specs, references = pipeline.catalogue_here(Path.cwd())
    key = _as_written(specs, key)
    found = specs.find(key)
    if found is None:
        raise SpecflowError(
            f"no spec or requirement {key!r}{_close_to(specs, key)}; "
            "`specflow list` shows what exists"
        )
    if isinstance(found, Spec):
        render.show_spec(found, references, fmt, pipeline.constraint_coverage(found))
        return
    spec = specs.spec_of(key)
    assert spec is not None
    render.show_item(spec, found, references, fmt)


def _keys(specs: SpecSet) -> list[str]:
    return [*specs.by_id, *specs.items]


def _as_written(specs: SpecSet, key: str) -> str:
    """CLI-E11: `arrow-4` is ARROW-4 when only that key has those letters in another case
    (IDs are capitals, an OpenSpec slug is lower case: a key is never both)."""
    if specs.find(key) is not None:
        return key
    alike = [known for known in _keys(specs) if known.casefold() == key.casefold()]
    return alike[0] if len(alike) == 1 else key


def _close_to(specs: SpecSet, key: str) -> str:
    """CLI-E11: the keys that look like a mistyped `key`, as ` (did you mean X?)`."""
    folded = {known.casefold(): known for known in _keys(specs)}
    close = difflib.get_close_matches(key.casefold(), folded, n=3, cutoff=0.75)
    return f" (did you mean {' or '.join(folded[c] for c in close)}?)" if close else ""
