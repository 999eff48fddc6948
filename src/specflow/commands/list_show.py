"""`specflow list` and `specflow show`: the specs of the work tree, and one spec or item."""

from __future__ import annotations

from pathlib import Path

from specflow import pipeline
from specflow.errors import SpecflowError
from specflow.model import Spec
from specflow.output import render


def list_specs(*, fmt: str) -> None:
    render.spec_list(*pipeline.catalogue_here(Path.cwd()), fmt)


def show(key: str, *, fmt: str) -> None:
    specs, references = pipeline.catalogue_here(Path.cwd())
    found = specs.find(key)
    if found is None:
        raise SpecflowError(f"no spec or requirement {key!r}; `specflow list` shows what exists")
    if isinstance(found, Spec):
        render.show_spec(found, references, fmt, pipeline.constraint_coverage(found))
        return
    spec = specs.spec_of(key)
    assert spec is not None
    render.show_item(spec, found, references, fmt)
