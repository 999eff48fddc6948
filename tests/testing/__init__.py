"""Helpers for the tests (as pre-commit's `testing.util`): `util` (a real repository, the
CLI runner), `histories` (histories built on it), `stories` (the texts the tests tell
their stories with, and their only source), `fakeforge` (a local GitHub/GitLab API)."""
