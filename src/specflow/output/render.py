"""Every command's output but the verdict the hooks print (that is `console` and the formats of
`base.formatter`): spec lists and details, the review, the context, the report and the brief,
as text, Markdown, HTML or JSON."""

from __future__ import annotations

import base64
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from rich.cells import cell_len
from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from specflow import templates
from specflow.errors import SpecflowError
from specflow.forges import comment
from specflow.fsio import write_atomic
from specflow.model import Finding, Requirement, Spec, headline
from specflow.output import serialize
from specflow.output.console import dump_json, err, is_terminal, out
from specflow.refs import Reference, by_id, is_changelog
from specflow.specset import SpecSet

if TYPE_CHECKING:
    from specflow.commands.brief import Brief
    from specflow.commands.report import Report
    from specflow.constraints import ConstraintCover
    from specflow.context import NameContext, PathContext
    from specflow.forges.post import Outcome
    from specflow.review import Review


def spec_list(specs: SpecSet, references: Sequence[Reference], fmt: str) -> None:
    where = by_id(references)
    if fmt == "json":
        dump_json({"specs": [serialize.spec_data(spec, where) for spec in specs.specs]})
        return
    rows = [
        (
            spec.id,
            spec.status,
            # CLI-E6: a draft or deprecated spec enforces nothing, whatever its items say
            f"{sum(i.enforced and spec.enforced for i in spec.requirements)}"
            f"/{len(spec.requirements)}",
            f"{sum(bool(where.get(i.id or '')) for i in spec.requirements)}"
            f"/{len(spec.requirements)}",
            str(len(spec.edge_cases)),
            spec.title,
            spec.path,
        )
        for spec in specs.specs
    ]
    headers = ("ID", "STATUS", "ENFORCED", "REFERENCED", "EDGE", "TITLE", "PATH")
    table(headers, rows, empty='No specs yet: `specflow new "Title"` writes the first one.')


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], empty: str) -> None:
    if not rows:
        out(empty)
        return
    if is_terminal():
        grid = Table(*headers, box=None, header_style="bold")
        for row in rows:
            grid.add_row(*(Text(cell) for cell in row))  # Text: spec text is never markup
        Console().print(grid)
        return
    # CLI-E4: by the cells a character takes on screen: a CJK title is twice as wide
    widths = [max(map(cell_len, column)) for column in zip(headers, *rows, strict=True)]
    for row in (headers, *rows):
        cells = (
            cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths, strict=True)
        )
        out("  ".join(cells).rstrip())


def show_spec(
    spec: Spec, references: Sequence[Reference], fmt: str, covers: Sequence[ConstraintCover] = ()
) -> None:
    """`covers`: the spec's constraints with the files each governs today (CHECK-22)."""
    where = by_id(references)
    if fmt == "json":
        data = serialize.spec_data(spec, where, full=True)
        if covers:  # outside git there are no files to say it covers
            data["constraints"] = [serialize.constraint_cover(c) for c in covers]
        dump_json({"spec": data})
        return
    lines = [f"{spec.id}  {spec.title}", f"  {spec.path} · status {spec.status}"]
    if spec.scope:
        lines.append(f"  scope: {', '.join(spec.scope)}")
    if spec.owners:
        lines.append(f"  owners: {', '.join(spec.owners)}")
    for heading, items in (("Requirements", spec.requirements), ("Edge cases", spec.edge_cases)):
        lines += ["", heading]
        for item in items:
            lines += [_item_line(item), f"      {_places(where.get(item.id or '', []))}"]
    if spec.context:
        lines += ["", "Context"] + [f"  - {headline(c.text)}" for c in spec.context]
    if covers:
        lines += ["", "Constraints"] + [_coverage_line(c) for c in covers]
    out("\n".join(lines))


def _coverage_line(cover: ConstraintCover, limit: int = 4) -> str:
    if cover.error:
        return f"  - {headline(cover.text)}  (line {cover.line}: {cover.error})"
    shown = ", ".join(cover.files[:limit]) + (" …" if len(cover.files) > limit else "")
    return (
        f"  - {headline(cover.text)}  (line {cover.line})\n"
        f"      covers {len(cover.files)} file(s){': ' + shown if shown else ''}"
    )


def _item_line(item: Requirement) -> str:
    box = {"planned": "[ ] ", "ticked": "[x] "}.get(item.state.value, "")
    return f"  {box}{item.id or '(no id)'}: {headline(item.text)}  ({item.path}:{item.line})"


def _places(found: Sequence[Reference], limit: int = 4) -> str:
    if not found:
        return "referenced nowhere"
    parts = []
    for kind, label in (
        ("implements", "implemented"),
        ("verifies", "verified"),
        ("mentions", "mentioned"),
    ):
        places = [f"{r.path}:{r.line}" for r in found if r.kind == kind]
        if places:
            more = f" and {len(places) - limit} more" if len(places) > limit else ""
            parts.append(f"{label}: {', '.join(places[:limit])}{more}")
    return " · ".join(parts)


_VERB = {"implements": "implemented", "verifies": "verified", "message": "named"}
_SHOWN_KIND = {"implements": "implemented"}


def _shown_kind(reference: Reference) -> str:
    """CHECK-E56, CHECK-E61: a changelog's or a documentation page's reference is a mention."""
    if reference.kind != "mentions":
        return _SHOWN_KIND.get(reference.kind, reference.kind)
    return "mentioned (changelog)" if is_changelog(reference.path) else "mentioned (documentation)"


def _item_state(spec: Spec, item: Requirement) -> str:
    if not spec.enforced:  # CLI-E6: as check reads it
        return f"not enforced (the spec is {spec.status})"
    state = {"planned": "planned, not yet enforced", "ticked": "ticked, enforced"}
    return state.get(item.state.value, "enforced")


def show_item(spec: Spec, item: Requirement, references: Sequence[Reference], fmt: str) -> None:
    where = by_id(references)
    if fmt == "json":
        dump_json({"spec": serialize.spec_data(spec), "item": serialize.spec_item(item, where)})
        return
    found = where.get(item.id or "", [])
    lines = [
        f"{item.id}  ({item.kind} of {spec.id}: {spec.title})",
        f"  {item.path}:{item.line} · {_item_state(spec, item)}",
        "",
        *("  " + text for text in item.text.splitlines()),
        "",
        *(f"  {_shown_kind(r)} at {r.path}:{r.line}: {r.text}" for r in found),
    ]
    if not found:
        lines.append("  referenced nowhere")
    out("\n".join(lines))


def review(result: Review, fmt: str, root: Path) -> None:
    """A review as text (rich Markdown on a terminal) or markdown; its JSON needs neither rich
    nor Jinja2, and commands/review_context.py writes it (SPEED-11)."""
    if fmt == "text" and is_terminal():
        Console().print(Markdown(templates.render(root, "review.md.j2", review=result)))
        return
    name = "review.md.j2" if fmt == "markdown" else "review.txt.j2"
    out(templates.render(root, name, review=result))


def context(result: NameContext | PathContext, root: Path) -> None:
    """A name's or a file's context as text; its JSON: see `review`."""
    out(templates.render(root, "context.txt.j2", context=result))


def step_summary(path: Path, result: Review, found: Sequence[Finding], root: Path) -> None:
    """Append the full review to GitHub's job summary, within what is left of its 1 MiB."""
    used = path.stat().st_size if path.is_file() else 0
    text = comment.summary(result, found, root, comment.SUMMARY_LIMIT - used)
    if text:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)


def write_file(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def posted(outcome: Outcome, forge: str) -> None:
    """One line on stderr about the comment: where it is, or why there is none."""
    if outcome.action == "read-only":
        err(
            "specflow: this pull request comes from a fork, and its token is read-only: no "
            "comment was posted; the review is in the job summary and the annotations"
        )
        return
    deleted = f" ({outcome.deleted} duplicate(s) deleted)" if outcome.deleted else ""
    said = {"unchanged": "unchanged (not edited)"}.get(outcome.action, outcome.action)
    err(f"specflow: {forge} comment {said}{deleted}: {outcome.url or '(no link)'}")


def report(result: Report, fmt: str, root: Path, html_dir: Path | None = None) -> None:
    """The traceability matrix as text, markdown or json; with `html_dir`, one page there."""
    if html_dir is not None:  # REPORT-5; REPORT-E4: write_atomic creates the folder
        target = html_dir / "index.html"
        _refuse_a_page_not_ours(target)
        write_atomic(target, _report_page(result, root).encode())
        percent = result.coverage.percent
        coverage = "no counted items" if percent is None else f"coverage {percent}%"
        out(f"wrote {target}: {len(result.specs)} spec(s), {coverage}")
    elif fmt == "json":
        dump_json(serialize.report(result))
    else:
        name = "report.md.j2" if fmt == "markdown" else "report.txt.j2"
        out(templates.render(root, name, report=result))


_OUR_PAGE = b'<meta name="generator" content="specflow report">'


def _refuse_a_page_not_ours(target: Path) -> None:
    """REPORT-E5: an index.html specflow did not write (a docs site's) is never replaced."""
    try:
        with target.open("rb") as page:
            head = page.read(4096)
    except FileNotFoundError:
        return
    except OSError as error:  # a folder in its place, unreadable: write_atomic would fail too
        raise SpecflowError(f"cannot write the report: {error.strerror}", str(target)) from None
    if _OUR_PAGE not in head:
        raise SpecflowError(
            "exists and specflow did not write it: give --html a folder of its own",
            str(target),
        )


def _report_page(result: Report, root: Path) -> str:
    """The page allows only its own script, by hash: an injected handler could never run."""
    script = templates.render(root, "report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    # The script is our template's output, not spec text: it goes in as it is (and by hash).
    trusted = Markup(script)  # noqa: S704
    return templates.render(
        root, "report.html.j2", report=result, script=trusted, script_hash=digest
    )


def brief(result: Brief, fmt: str, root: Path) -> None:
    """A spec as an implementation brief: Markdown, or json."""
    if fmt == "json":
        dump_json(serialize.brief(result))
        return
    out(templates.render(root, "brief.md.j2", brief=result))


def demo_step(step: str, model: dict[str, Any]) -> None:
    """One step of `specflow demo`, narrated as it happens."""
    text = templates.render(templates.packaged_dir(), "demo/narration.txt.j2", step=step, **model)
    sys.stdout.write(text)
    sys.stdout.flush()
