"""Jinja2 templates: shipped ones, overridable from `.specflow/templates/`, all sandboxed."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateSyntaxError,
)
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from specflow.errors import SpecflowError
from specflow.model import headline, headline_for
from specflow.output import escape
from specflow.words import as_written

OVERRIDE_DIR = ".specflow/templates"


def packaged_dir() -> Path:
    """Templates inside the installed wheel, or `templates/` of a source checkout."""
    inside = Path(__file__).parent / "templates"
    return inside if inside.is_dir() else Path(__file__).parents[2] / "templates"


@lru_cache(maxsize=8)
def environment(root: Path) -> Environment:
    # Repository templates are someone else's code: every template renders in the sandbox.
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader([_repository_loader(root), FileSystemLoader(str(packaged_dir()))]),
        autoescape=lambda name: bool(name and name.endswith((".html", ".html.j2"))),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        finalize=escape.printable,
    )
    env.filters.update(
        md_inline=escape.md_inline,
        md_code=escape.md_code,
        yaml_string=escape.yaml_string,
        first_line=headline,  # CLI-E9: the name predates it
        first_line_for=headline_for,  # REVIEW-E408
        md_text=escape.md_text,
        html_text=escape.html_text,
        md_code_span=escape.md_code_span,
        md_prose=escape.md_prose,
        md_draft=escape.md_draft,
        md_prose_cell=escape.md_prose_cell,
        md_prose_text=escape.md_prose_text,
        as_written=as_written,
    )
    env.tests["stated_number"] = str.isdigit  # REVIEW-E239: `255`, a number the code stops writing
    return env


def _repository_loader(root: Path) -> BaseLoader:
    """`.specflow/templates/` of the repository, never through a symlink: a template is text the
    repository ships, and a link could make it read any file (`/proc/self/environ` and its
    tokens) into a review or a pull-request comment (HARDEN-E2)."""

    class RepositoryLoader(FileSystemLoader):
        def get_source(
            self, environment: Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            _refuse_links(root, [*Path(OVERRIDE_DIR).parts, *split_template_path(template)])
            return super().get_source(environment, template)

    return RepositoryLoader(str(root / OVERRIDE_DIR))


def _refuse_links(root: Path, parts: list[str]) -> None:
    current = root
    for part in parts:
        current = current / part
        if current.is_symlink():
            shown = current.relative_to(root).as_posix()
            raise SpecflowError(
                "template refused: it is reached through a symlink; repository templates are "
                "read from the repository's own files only",
                shown,
            )
        if not current.exists():
            return  # not overridden: the shipped template is used


def render(root: Path, name: str, **model: Any) -> str:
    """Render template `name`; any failure is a SpecflowError naming the template and line."""
    with reported(root, name):
        text: str = environment(root).get_template(name).render(**model)
    return text


def macros(root: Path, name: str) -> Any:
    """Template `name` as a module whose macros Python calls one piece at a time (the PR
    comment is assembled from pieces to fit a size limit). Call them inside `reported`."""
    with reported(root, name):
        module = environment(root).get_template(name).module
    return module


@contextmanager
def reported(root: Path, name: str) -> Iterator[None]:
    """Any failure of template `name` becomes a SpecflowError naming the template and line."""
    source = _source(root, name)
    try:
        try:
            yield
        except SpecflowError:
            raise
        except Exception:
            # `render` shows template lines in a traceback; a macro module or a macro called
            # from Python does not, until Jinja2 rewrites it so (HARDEN-11: the line named).
            environment(root).handle_exception()
    except SpecflowError:
        raise
    except TemplateSyntaxError as exc:
        raise SpecflowError(
            f"template error: {exc.message}", _shown(root, source), exc.lineno
        ) from None
    except SecurityError as exc:
        # NEW-7: the sandbox refused; say so, so nobody mistakes it for a bug to work around.
        message = f"template refused by the sandbox: {exc}"
        raise SpecflowError(message, _shown(root, source), _line_in(exc, source)) from None
    except Exception as exc:
        # A repository template is foreign code: `{{ 1/0 }}`, `range(10**9)` or a file that is
        # not UTF-8 are bad input, reported like any other, never a traceback.
        message = f"template error: {type(exc).__name__}: {exc}"
        raise SpecflowError(message, _shown(root, source), _line_in(exc, source)) from None


def _source(root: Path, name: str) -> Path:
    override = root / OVERRIDE_DIR / name
    return override if override.is_file() else packaged_dir() / name


def _shown(root: Path, source: Path) -> str:
    try:
        return source.relative_to(root).as_posix()
    except ValueError:
        return str(source)


def _line_in(exc: BaseException, source: Path) -> int | None:
    """The template line being rendered: Jinja2 rewrites tracebacks to show template lines."""
    wanted = os.path.normpath(source)
    line = None
    trace = exc.__traceback__
    while trace is not None:
        if os.path.normpath(trace.tb_frame.f_code.co_filename) == wanted:
            line = trace.tb_lineno
        trace = trace.tb_next
    return line
