"""REVIEW-E107 through the CLI: `context` and `brief` read a name as specs write it, qualified
by its class: `BaseHTTPMiddleware.__call__()`, `Header::normalize` (the starlette and psr7
trials: `brief` listed 54 `__call__` definitions, and `context 'Cls.method'` found nothing)."""

from __future__ import annotations

SPEC = """---
id: MW
scope: [pkg/**]
---
# Middleware

## Context
- `BaseHTTPMiddleware.__call__()` runs the dispatch function.

## Requirements
- MW-1: The dispatch function sees every request.
"""
BASE = "class BaseHTTPMiddleware:\n    async def __call__(self, scope):\n        return scope\n"
OTHER = "class GZipMiddleware:\n    async def __call__(self, scope):\n        return None\n"
PHP = "<?php\n\nfinal class Header\n{\n    public static function normalize($h): array\n"
PHP += "    {\n        return [$h];\n    }\n}\n"


def test_a_method_qualified_by_its_class_is_that_class_s(repo, cli):
    repo.commit("base", {"specs/mw.md": SPEC, "pkg/base.py": BASE, "pkg/gzip.py": OTHER})
    out = cli("context", "BaseHTTPMiddleware.__call__()").out
    assert "pkg/base.py:2" in out and "pkg/gzip.py" not in out, out
    assert "pkg/gzip.py:2" in cli("context", "__call__").out
    brief = cli("brief", "MW").out
    assert "pkg/base.py:2" in brief and "pkg/gzip.py" not in brief, brief


def test_a_php_method_written_with_its_class_is_found(repo, cli):
    repo.commit("base", {"src/Header.php": PHP})
    result = cli("context", "Header::normalize")
    assert result.code == 0 and "src/Header.php:5" in result.out, result.out
