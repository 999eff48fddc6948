"""The JSON machine interface (`"schema": 1`): explicit, so that refactoring cannot change it.

Every field is documented in `schemas/review.schema.json` and `schemas/context.schema.json`,
which the tests validate the output against: a field added here goes there too."""

from __future__ import annotations

from typing import Any

from specflow.change import FileChange, Hunk, Revision
from specflow.context import Governing, NameContext, PathContext
from specflow.languages.base import Symbol
from specflow.link import Statement
from specflow.output.escape import printable
from specflow.refs import Reference
from specflow.review import ItemStatus, Question, Review, SpecReview
from specflow.ripple import Ripple, Use


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
        "acts": [{"verb": a.verb, "name": text(a.name), "using": text(a.using)} for a in q.acts],
        "confidence": q.confidence,
        "evidence": {
            "kind": q.evidence,
            "names": [text(n) for n in q.names],
            "words": list(q.words),
        },
        "affected": q.affected,
    }


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
        "questions": [question(q) for q in rv.questions],
        "questions_not_shown": rv.not_shown,
        "noop_files": [text(p) for p in rv.noop_files],
        "spec_count": rv.spec_count,
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
    if isinstance(result, NameContext):
        return {"kind": "context", "name": name_context(result)}
    return {
        "kind": "context",
        "path": text(result.path),
        "defines": [text(n) for n in result.defines],
        "names": [name_context(nc) for nc in result.names],
        "specs": [governing(g) for g in result.specs],
    }
