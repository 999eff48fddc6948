"""Helpers for the tests (as pre-commit's `testing.util`): `util` (a real repository, the
CLI runner), `histories` (histories built on it), `stories` (the password-reset story's texts,
their only source, and `tell`, behind conftest's `story`), `fakeforge` (a local GitHub/GitLab
API)."""
