"""REVIEW-E291: the relative cut of REVIEW-17 is set by the questions about files a spec
governs; a certain question about a file no spec's scope holds does not hide them. Through the
CLI on real repositories."""

from __future__ import annotations

from testing.util import review_json

REQUEST = """---
id: PROTO
scope:
  - pkg/proto/**
---
# Protocol

## Context
- `read_request()` in `pkg/proto/request.py` parses the incoming query.
"""

GRANTS = """---
id: GRANT
scope:
  - pkg/grants/**
---
# Grants

## Context
- `RESPONSE_TYPES` lists the response types a grant serves.
"""

CODE = """def read_request(query):
    parts = query.split("&")
    return dict(part.split("=", 1) for part in parts)
"""

SORTED = CODE.replace('query.split("&")', 'sorted(query.split("&"))')

HYBRID = 'RESPONSE_TYPES = {"code id_token", "code token"}\n'
SHORTER = 'RESPONSE_TYPES = {"code id_token"}\n'


def _ids(data: dict) -> list[str]:
    return [q["statement"]["id"] or q["statement"]["text"][:16] for q in data["questions"]]


def _base(repo, hybrid_path: str) -> None:
    repo.commit(
        "base",
        {
            "specs/proto.md": REQUEST,
            "specs/grants.md": GRANTS,
            "pkg/proto/request.py": CODE,
            hybrid_path: HYBRID,
        },
    )


def test_an_unowned_file_does_not_hide_the_owners_question(repo, cli):
    """REVIEW-E291 (lepture/authlib 2149842a): `RESPONSE_TYPES` shortened in the OpenID
    `hybrid.py`, which no spec's scope holds, asked certainly about GRANT's context and hid the
    question of the spec owning `wrappers.py`, whose changed property sorts response types."""
    _base(repo, "pkg/oidc/hybrid.py")
    repo.commit(
        "sorted response types",
        {"pkg/proto/request.py": SORTED, "pkg/oidc/hybrid.py": SHORTER},
    )
    data = review_json(cli, "HEAD")
    paths = [q["path"] for q in data["questions"]]
    assert "pkg/oidc/hybrid.py" in paths, "the unowned file is still asked"
    assert "pkg/proto/request.py" in paths, paths


def test_an_owned_certain_question_still_sets_the_cut(repo, cli):
    """REVIEW-E291, adversarial: the same certain question about a file GRANT governs still
    sets the cut, so the weak guess inside `read_request()` stays among those not shown."""
    _base(repo, "pkg/grants/hybrid.py")
    repo.commit(
        "sorted response types",
        {"pkg/proto/request.py": SORTED, "pkg/grants/hybrid.py": SHORTER},
    )
    data = review_json(cli, "HEAD")
    paths = [q["path"] for q in data["questions"]]
    assert paths == ["pkg/grants/hybrid.py"], paths
    assert data["questions_not_shown"] >= 1
