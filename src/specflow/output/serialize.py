"""The JSON machine interface (`"schema": 1`): explicit, so that refactoring cannot change it.
Every command's JSON is built here, and only here (LAYOUT-7; `console.dump_json` adds the schema).

Every field is documented in `schemas/review.schema.json` and `schemas/context.schema.json`,
which the tests validate the output against: a field added here goes there too (REVIEW-11)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from specflow.output.escape import printable

BRIEF_CHECKS = ("specflow check --staged", "specflow review --staged")  # BRIEF-5

if TYPE_CHECKING:  # types only: `check --format json` must not import the review's stages
    from specflow.acts import Act
    from specflow.budget import Cut
    from specflow.change import FileChange, Hunk, Revision
    from specflow.commands.brief import Brief
    from specflow.commands.report import Coverage, Report, Row, SpecRows
    from specflow.constraints import ConstraintCover
    from specflow.context import Governing, NameContext, PathContext
    from specflow.languages.base import Symbol
    from specflow.link import Statement
    from specflow.model import Finding, Requirement, Spec
    from specflow.pipeline import CheckResult
    from specflow.refs import Reference
    from specflow.review import Question, Review
    from specflow.ripple import Ripple
    from specflow.specreview import ItemStatus, SpecReview
    from specflow.usekind import Use


def text(value: str) -> str:
    cleaned = printable(value)
    assert isinstance(cleaned, str)
    return cleaned


def revision(rev: Revision) -> dict[str, Any]:
    return {"label": text(rev.label), "mode": rev.mode, "base": rev.base, "head": rev.head}


def file_change(file: FileChange) -> dict[str, Any]:
    return {
        "path": text(file.path),
        "old_path": text(file.old_path) if file.old_path else None,
        "status": file.status,
        "binary": file.binary,
        "submodule": file.submodule,
        "mode_only": file.mode_only,
        "added": file.added_count,  # git's own counts, also for a truncated file
        "removed": file.removed_count,
        "truncated": file.truncated,
    }


def hunk(h: Hunk) -> dict[str, Any]:
    return {"path": text(h.path), "start": h.new_start, "end": h.new_end}


def reference(r: Reference) -> dict[str, Any]:
    return {"id": r.id, "path": text(r.path), "line": r.line, "kind": r.kind}


def statement(s: Statement) -> dict[str, Any]:
    return {
        "spec": s.spec,
        "kind": s.kind,
        "id": s.id,
        "text": text(s.text),
        "path": text(s.path),
        "line": s.line,
    }


def item_status(st: ItemStatus) -> dict[str, Any]:
    return {
        "id": st.item.id,
        "text": text(st.item.text),
        "line": st.item.line,
        "state": st.item.state.value,
        "enforced": st.item.enforced,
        "implemented": [reference(r) for r in st.implemented],
        "verified": [reference(r) for r in st.verified],
        "in_message": st.in_message,
        "touched": st.touched,
    }


REVIEW_SCHEMA = 2  # 2: questions ranked once for the whole review, with their confidence


def question(q: Question) -> dict[str, Any]:
    return {
        "statement": statement(q.statement),
        "path": text(q.path),
        "hunks": [hunk(h) for h in q.hunks],
        "acts": [act(a) for a in q.acts],
        "confidence": q.confidence,
        "evidence": {
            "kind": q.evidence,
            "names": [text(n) for n in q.names],
            "words": list(q.words),
        }
        | ({"said": list(q.said)} if q.said else {}),
        "affected": q.affected,
    } | ({"assumes": [{"value": text(v), "expects": e} for v, e in q.assumes]} if q.assumes else {})


def act(a: Act) -> dict[str, Any]:
    """REVIEW-E166: `kind` only of a class, which the syntax told (Python's)."""
    shown = {"verb": a.verb, "name": text(a.name), "using": text(a.using)}
    return shown | ({"kind": a.kind} if a.kind else {})


def spec_review(sr: SpecReview) -> dict[str, Any]:
    d = sr.delta
    return {
        "id": sr.spec.id,
        "title": text(sr.spec.title),
        "path": text(sr.spec.path),
        "status": sr.spec.status,
        "owners": [text(o) for o in sr.spec.owners],
        "reasons": [text(r) for r in sr.reasons],
        "delta": {
            "new": d.is_new,
            "deleted": sr.deleted,
            "status_was": d.status_was or None,
            "added": [i.id for i in d.added],
            "reworded": [i.id for i, _ in d.reworded],
            "removed": [
                {
                    "id": r.id,
                    "text": text(r.text),
                    "still_referenced": [reference(x) for x in r.still_referenced],
                }
                for r in d.removed
            ],
            "ticked": [i.id for i in d.ticked],
            "planned": [i.id for i in d.planned],
        },
        "requirements": [item_status(st) for st in sr.requirements],
        "edge_cases": [item_status(st) for st in sr.edge_cases],
    }


def symbol(s: Symbol) -> dict[str, Any]:
    return {
        "name": text(s.name),
        "kind": s.kind,
        "path": text(s.path),
        "line": s.line,
        "function": text(s.function),
        "producers": [text(p) for p in s.producers],
    }


def use(u: Use) -> dict[str, Any]:
    return {
        "path": text(u.path),
        "line": u.line,
        "function": text(u.function),
        "use": u.use,
        "callee": text(u.callee),
        "text": text(u.text),
        "producers": [text(p) for p in u.producers],
    }


def ripple(r: Ripple) -> dict[str, Any]:
    return {
        "symbol": symbol(r.symbol),
        "uses": [use(u) for u in r.uses],
        "settled_by": use(r.settled_by) if r.settled_by else None,
        "more": r.more,
    }


def review(rv: Review) -> dict[str, Any]:
    return {
        "schema": REVIEW_SCHEMA,
        "kind": "review",
        "revision": revision(rv.revision),
        "messages": [text(m) for m in rv.messages],
        "files": [file_change(f) for f in rv.files],
        "specs": [spec_review(sr) for sr in rv.specs],
        "ripples": [ripple(r) for r in rv.ripples],
        "untested": [symbol(s) for s in rv.untested],
        "unlinked": [hunk(h) for h in rv.unlinked],
        "unasked": [{"hunk": hunk(u.hunk), "specs": list(u.specs)} for u in rv.unasked],
        "questions": [question(q) for q in rv.questions],
        "questions_not_shown": rv.not_shown,
        "questions_cut": None if rv.cut is None else cut(rv.cut),  # REVIEW-E347
        "noop_files": [text(p) for p in rv.noop_files],
        "spec_count": rv.spec_count,
    }


def cut(c: Cut) -> dict[str, Any]:
    """REVIEW-E347: why the review's weaker questions are not shown."""
    return {
        "under_relative_cut": c.under,
        "past_budget": c.past,
        "least_confidence_shown": round(c.floor, 3),
        "relative_cut": c.share,
        "budget": c.budget,
    }


def name_context(nc: NameContext) -> dict[str, Any]:
    return {
        "name": text(nc.name),
        "uses": [use(u) for u in nc.uses],
        "specs": [governing(g) for g in nc.specs],
    }


def governing(g: Governing) -> dict[str, Any]:
    return {"spec": g.spec, "title": text(g.title), "path": text(g.path), "why": text(g.why)}


def context(result: NameContext | PathContext) -> dict[str, Any]:
    from specflow.context import NameContext

    if isinstance(result, NameContext):
        return {"kind": "context", "name": name_context(result)}
    return {
        "kind": "context",
        "path": text(result.path),
        "defines": [text(n) for n in result.defines],
        "names": [name_context(nc) for nc in result.names],
        "specs": [governing(g) for g in result.specs],
    }


# --- findings, specs and items (check, lint, list, show) ------------------------------------


def finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": finding.line,
        "message": finding.message,
    }


def spec_item(
    item: Requirement, where: Mapping[str, list[Reference]] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "kind": item.kind,
        "state": item.state.value,
        "enforced": item.enforced,
        "text": item.text,
        "path": item.path,
        "line": item.line,
    }
    if where is not None:
        data["references"] = [
            {"path": r.path, "line": r.line, "kind": r.kind} for r in where.get(item.id or "", [])
        ]
    return data


def spec_data(
    spec: Spec, where: Mapping[str, list[Reference]] | None = None, *, full: bool = False
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": spec.id,
        "title": spec.title,
        "status": spec.status,
        "path": spec.path,
        "source": spec.source,  # SOURCES-1: the format it was read from
        "scope": list(spec.scope),
        "owners": list(spec.owners),
        "requirements": len(spec.requirements),
        "edge_cases": len(spec.edge_cases),
    }
    if where is not None:
        data["referenced"] = sum(bool(where.get(i.id or "")) for i in spec.requirements)
    if full:
        data.update(
            requirements=[spec_item(item, where) for item in spec.requirements],
            edge_cases=[spec_item(item, where) for item in spec.edge_cases],
            context=[{"text": c.text, "line": c.line} for c in spec.context],
            constraints=[{"source": c.source, "line": c.line} for c in spec.constraints],
            sections=[{"title": s.title, "line": s.line} for s in spec.sections],
            extra={key: str(value) for key, value in spec.extra.items()},
        )
    return data


def constraint_cover(cover: ConstraintCover) -> dict[str, Any]:
    return {
        "source": cover.text,
        "line": cover.line,
        "covers": list(cover.files),
        "error": cover.error,
    }


def check(result: CheckResult) -> dict[str, Any]:
    """The verdict as `check --format json` and the assistant's `check` tool give it."""
    found = sorted(result.findings, key=lambda f: (not f.is_error, f.path, f.line, f.rule))
    return {
        "kind": "check",
        "revision": result.revision.label,
        "head": result.revision.head,
        "blocking": result.blocking,
        "findings": [finding(f) for f in found],
    }


# --- REPORT-4: the traceability matrix -------------------------------------------------------


def report(report: Report) -> dict[str, Any]:
    return {
        "kind": "report",
        "revision": text(report.label),
        "head": report.head,
        "coverage": _coverage(report.coverage),
        "counts": report.counts,
        "specs": [_report_spec(spec) for spec in report.specs],
        "dangling": [_report_reference(r) for r in report.dangling],
    }


def _report_spec(rows: SpecRows) -> dict[str, Any]:
    spec = rows.spec
    return {
        "id": spec.id,
        "title": text(spec.title),
        "path": text(spec.path),
        "status": text(spec.status),
        "source": spec.source,
        "enforced": spec.enforced,
        "coverage": _coverage(rows.coverage),
        "counts": rows.counts,
        "requirements": [_report_row(row) for row in rows.requirements],
        "edge_cases": [_report_row(row) for row in rows.edge_cases],
        "constraints": [
            {"source": text(c.text), "line": c.line, "covers": [text(f) for f in c.files]}
            for c in rows.constraints
        ],
    }


def _report_row(row: Row) -> dict[str, Any]:
    return {
        "id": row.item.id,
        "kind": row.item.kind,
        "state": row.item.state.value,
        "status": row.status,
        "text": text(row.item.text),
        "path": text(row.item.path),
        "line": row.item.line,
        "implemented": [_report_reference(r) for r in row.implemented],
        "verified": [_report_reference(r) for r in row.verified],
    }


def _coverage(coverage: Coverage) -> dict[str, Any]:
    return {"covered": coverage.covered, "counted": coverage.counted, "percent": coverage.percent}


def _report_reference(r: Reference) -> dict[str, Any]:
    return {"id": r.id, "path": text(r.path), "line": r.line, "text": text(r.text)}


# --- BRIEF-6: a spec as an implementation brief ----------------------------------------------


def brief(brief: Brief) -> dict[str, Any]:
    """BRIEF-6: the same content as data (`"schema": 1` is added by console.dump_json)."""
    return {
        "kind": "brief",
        "spec": {
            "id": brief.spec.id,
            "title": text(brief.spec.title),
            "path": text(brief.spec.path),
            "status": text(brief.spec.status),
            "scope": [text(glob) for glob in brief.spec.scope],
            "source": text(brief.source),
        },
        "names": [
            {
                "written": text(found.mention.written),
                "target": text(found.mention.target),
                "context_lines": list(found.mention.lines),
                "found": not found.nowhere,
                **context(found.context),
            }
            for found in brief.names
        ],
        # BRIEF-E5: the names past the first twelve, and whether each is found anywhere
        "more_names": [
            {"written": text(m.written), "target": text(m.target), "found": m not in brief.nowhere}
            for m in brief.more
        ],
        "requirements": [_brief_item(item) for item in brief.enforced + brief.planned],
        "edge_cases": [_brief_item(item) for item in brief.edge_cases],
        "constraints": [text(c.source) for c in brief.constraints],
        "checks": list(BRIEF_CHECKS),
    }


def _brief_item(item: Requirement) -> dict[str, Any]:
    return {
        "id": item.id,
        "kind": item.kind,
        "state": item.state.value,
        "enforced": item.enforced,
        "text": text(item.text),
        "line": item.line,
    }
