"""Jinja2 templates: shipped ones, overridable from `.specflow/templates/`, all sandboxed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specflow import escape
from specflow.errors import SpecflowError

if TYPE_CHECKING:
    from jinja2 import Environment

OVERRIDE_DIR = ".specflow/templates"


def packaged_dir() -> Path:
    """Templates inside the installed wheel, or `templates/` of a source checkout."""
    inside = Path(__file__).parent / "templates"
    return inside if inside.is_dir() else Path(__file__).parents[2] / "templates"


@lru_cache(maxsize=8)
def environment(root: Path) -> Environment:
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    # Repository templates are someone else's code: every template renders in the sandbox.
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(
            [FileSystemLoader(str(root / OVERRIDE_DIR)), FileSystemLoader(str(packaged_dir()))]
        ),
        autoescape=lambda name: bool(name and name.endswith((".html", ".html.j2"))),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters.update(
        md_inline=escape.md_inline, md_code=escape.md_code, yaml_string=escape.yaml_string
    )
    return env


def render(root: Path, name: str, **model: Any) -> str:
    from jinja2 import TemplateError

    try:
        return environment(root).get_template(name).render(**model)
    except TemplateError as exc:
        where = getattr(exc, "filename", None) or name
        raise SpecflowError(f"template error: {exc}", where, getattr(exc, "lineno", None)) from None
