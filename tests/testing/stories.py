"""Spec and code texts that several test files tell the same story with."""

RESET_SPEC = """---
id: RESET
scope: [src/auth/**]
---
# Password reset

## Context
- All stored passwords are SHA-256 hex digests in `users.password_hash`.

## Requirements
- RESET-1: New password hashes use the existing SHA-256 format.
- RESET-2: Reset verifies the account by e-mail first.
"""

HASHING = "import hashlib\n\n\ndef hash_password(p):\n    return hashlib.sha256(p).hexdigest()\n"

PAY_SPEC = """---
id: PAY
scope:
  - src/pay/**
---
# Payments

## Context
- Amounts are stored in integer cents.

## Requirements
- PAY-1: Charge in cents.
- PAY-2: Refunds are logged.

## Edge Cases
- PAY-E1: A zero amount.

## Constraints
- forbid `float(` in `src/pay/**`: amounts are integers.
"""
