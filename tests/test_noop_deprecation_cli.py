"""REVIEW-E306 through the CLI on real repositories (the authlib trial's D2, a524d23e): a
deprecation notice's texts (its message, `version="1.7"`) are prose, as a log message's are
(REVIEW-E12); its category, a value it computes, a plain warning and a call that does more
still ask."""

from __future__ import annotations

import pytest

from testing.util import review_json

SPEC = """---
id: SERVER
scope:
  - pkg/**
---
# Server

## Context
- `AuthorizationServer` answers the authorization endpoint.

## Requirements
- SERVER-1: `create_authorization_response()` never lets an `OAuth2Error` escape.

## Edge Cases
- SERVER-E1: A request without `scope`.
"""


def server(notice: str) -> str:
    return (
        "import warnings\n\nfrom .deprecate import deprecate\n\n\n"
        "class AuthorizationServer:\n"
        "    # SERVER-1\n"
        "    def create_authorization_response(self, request=None, grant=None):\n"
        "        if grant is None:\n"
        f"            {notice}\n"
        "        return grant.respond(request)\n"
    )


def test_a_deprecation_version_bumped_asks_nothing(repo, cli):
    """REVIEW-E306 (authlib a524d23e): `deprecate("...", version="1.7")` to `"1.8"`: no
    question, a no-op file."""
    old = server('deprecate("The grant parameter will become mandatory.", version="1.7")')
    repo.commit("base", {"specs/server.md": SPEC, "pkg/server.py": old})
    repo.commit("bump", {"pkg/server.py": old.replace('"1.7"', '"1.8"')})
    data = review_json(cli, "HEAD", "--all")
    assert data["questions"] == []
    assert data["noop_files"] == ["pkg/server.py"]


def test_a_deprecation_warning_reworded_asks_nothing(repo, cli):
    """REVIEW-E306: `warnings.warn("...", DeprecationWarning)` reworded: no question."""
    old = server('warnings.warn("grant will be required", DeprecationWarning, stacklevel=2)')
    repo.commit("base", {"specs/server.md": SPEC, "pkg/server.py": old})
    new = old.replace("grant will be required", "grant is required from 1.8")
    repo.commit("reword", {"pkg/server.py": new})
    data = review_json(cli, "HEAD", "--all")
    assert data["noop_files"] == ["pkg/server.py"]


# REVIEW-E306: the same-looking edits that change what runs
CHANGES = {
    "the category": (
        'warnings.warn("grant will be required", DeprecationWarning)',
        'warnings.warn("grant will be required", FutureWarning)',
    ),
    "a plain warning's text": (
        'warnings.warn("grant will be required", UserWarning)',
        'warnings.warn("grant is required", UserWarning)',
    ),
    "a computed argument": (
        'deprecate("mandatory", version=VERSION)',
        'deprecate("mandatory", version=next_version())',
    ),
    "the stack level": (
        'deprecate("mandatory", version="1.7", stacklevel=2)',
        'deprecate("mandatory", version="1.7", stacklevel=3)',
    ),
    "another function": (
        'deprecate("mandatory", version="1.7")',
        'remove("mandatory", version="1.7")',
    ),
}


@pytest.mark.parametrize("case", sorted(CHANGES))
def test_a_notice_that_changes_what_runs_still_asks(repo, cli, case):
    """REVIEW-E306: another category (a filter or `-W error` treats it otherwise), a plain
    warning's text (`filterwarnings(message=...)` may match it), a computed value, a stack
    level, another function: still a change."""
    before, after = CHANGES[case]
    repo.commit("base", {"specs/server.md": SPEC, "pkg/server.py": server(before)})
    repo.commit("edit", {"pkg/server.py": server(after)})
    data = review_json(cli, "HEAD", "--all")
    assert "pkg/server.py" not in data["noop_files"]
