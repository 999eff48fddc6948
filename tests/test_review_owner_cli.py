"""REVIEW-E237, REVIEW-E238, REVIEW-E239, REVIEW-E241: evidence that belongs to another owner
than the code a hunk changes, and a stated number it stops writing, through the CLI on real
repositories (this session's schedule, golang-jwt/jwt and python-email-validator trials)."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

PLAN_SPEC = """---
id: PLAN
scope: [lib/**]
---
# Planning

## Context
- `Job._compute_slot()` computes `slot` from `period` after every run.
- `Pool.slot` is the earliest slot of all jobs, a `datetime`.

## Requirements
- PLAN-1: A job's next slot is one period after its last run.
- PLAN-2: `slot` of the pool is `None` when it holds no job.

## Edge Cases
- PLAN-E1: A run that lasts longer than its period.
"""
PLAN = """import datetime


class Job:
    def _compute_slot(self):
        now = datetime.datetime.now()
        self.slot = now + self.period
        return self.slot


class Pool:
    def fill(self):
        self.slot = min(j.slot for j in self.jobs) if self.jobs else None
"""


def questions(cli: Any) -> list[tuple[str, float]]:
    found = review_json(cli, "HEAD", "--all")["questions"]
    return [(q["statement"]["id"] or f"C{q['statement']['line']}", q["confidence"]) for q in found]


def test_another_classes_attribute_of_the_same_name_is_no_evidence(repo, cli):
    """REVIEW-E237 (schedule trial, defect 2): `self.slot = ...` inside `Job` does not ask the
    line about `Pool.slot`, a property of another class (before: first, at confidence 1.0)."""
    repo.commit("base", {"specs/plan.md": PLAN_SPEC, "lib/plan.py": PLAN})
    repo.commit(
        "double the period",
        {"lib/plan.py": PLAN.replace("now + self.period", "now + 2 * self.period")},
    )
    asked = dict(questions(cli))
    assert "C9" not in asked
    assert "C8" in asked


def test_the_same_classes_attribute_is_still_certain(repo, cli):
    """REVIEW-E237, adversarial: the same write inside `Pool` itself still asks the `Pool.slot`
    line first, as certain."""
    repo.commit("base", {"specs/plan.md": PLAN_SPEC, "lib/plan.py": PLAN})
    repo.commit(
        "the pool's latest slot",
        {"lib/plan.py": PLAN.replace("min(j.slot", "max(j.slot")},
    )
    asked = questions(cli)
    assert asked[0][0] == "C9" and asked[0][1] >= 0.95


CLAIMS_SPEC = """---
id: CLAIMS
scope: [claims.go]
---
# Claims

## Context
- `verifyExp` compares times.

## Requirements
- CLAIMS-3: A claim that is absent passes every `Verify*` method when `req` is false and fails
  when `req` is true.

## Edge Cases
- CLAIMS-E1: An empty audience.
"""
SIGN_SPEC = """---
id: SIGN
scope: [ecdsa.go]
---
# Signing

## Context
- `SigningMethodECDSA` signs with ECDSA.

## Requirements
- SIGN-3: ECDSA signatures are the fixed-width concatenation r || s.

## Edge Cases
- SIGN-E1: A signature of the wrong length.
"""
CLAIMS = """package jwt

func verifyExp(exp, now int64, req bool) bool {
\tif exp == 0 {
\t\treturn !req
\t}
\treturn now <= exp
}
"""
ECDSA = """package jwt

type SigningMethodECDSA struct{ KeySize int }

func (m *SigningMethodECDSA) Verify(signingString string, sig []byte, key interface{}) error {
\tif len(sig) != 2*m.KeySize {
\t\treturn ErrECDSAVerification
\t}
\treturn nil
}
"""


def _signing(repo: Any, claims: str) -> None:
    repo.commit(
        "base",
        {
            "specs/claims.md": CLAIMS_SPEC,
            "specs/sign.md": SIGN_SPEC,
            "claims.go": claims,
            "ecdsa.go": ECDSA,
        },
    )


def test_a_family_of_names_is_no_name_of_another_specs_code(repo, cli):
    """REVIEW-E238 (golang-jwt/jwt trial, defect 3; 75740f1): `Verify*` in CLAIMS-3 is a family
    of the claims' methods; the `Verify()` of `ecdsa.go`, in SIGN's scope, does not ask it
    (before: CLAIMS-3 first, "it names `Verify`", marked outside the change's specs)."""
    _signing(repo, CLAIMS)
    repo.commit("interface{} to any", {"ecdsa.go": ECDSA.replace("key interface{})", "key any)")})
    assert "CLAIMS-3" not in dict(questions(cli))


def test_a_family_of_names_still_names_its_own_specs_code(repo, cli):
    """REVIEW-E238, adversarial: a method named by the stem alone (`Verify`) inside the claims
    spec's own file still asks CLAIMS-3 when its body changes."""
    claims = (
        CLAIMS
        + "\nfunc Verify(exp, now int64, req bool) bool {\n\treturn verifyExp(exp, now, req)\n}\n"
    )
    _signing(repo, claims)
    repo.commit(
        "absent passes",
        {"claims.go": claims.replace("verifyExp(exp, now, req)", "verifyExp(exp, now, !req)")},
    )
    assert "CLAIMS-3" in dict(questions(cli))


DOM_SPEC = """---
id: DOM
scope: [pkg/**]
---
# Domain

## Context
- The limits are constants in `pkg/limits.py`: `EMAIL_MAX_LENGTH`, `DOMAIN_MAX_LENGTH`.

## Requirements
- DOM-1: The domain must be at most 255 octets in ASCII.

## Edge Cases
- DOM-E1: A domain at the length limit.
"""
LIMITS = "EMAIL_MAX_LENGTH = 254\nDOMAIN_MAX_LENGTH = 255\n"
CHECK = """from .limits import DOMAIN_MAX_LENGTH


def check_domain(d):
    if len(d) > DOMAIN_MAX_LENGTH:
        raise ValueError("too long")
"""


def _limits(repo: Any, subject: str, old: str, new: str) -> None:
    repo.commit("base", {"specs/dom.md": DOM_SPEC, "pkg/limits.py": LIMITS, "pkg/check.py": CHECK})
    repo.commit(subject, {"pkg/limits.py": LIMITS.replace(old, new)})


def test_a_stated_number_the_code_stops_writing_is_shown_and_said_so(repo, cli):
    """REVIEW-E239 (python-email-validator trial, defect 6; 8d2610a): `DOMAIN_MAX_LENGTH` 255
    made 253 asks DOM-1, which states 255, within the default budget, and says the change stops
    writing `255` (before: behind "weaker links not shown", "it names `255`, as the statement
    does")."""
    _limits(repo, "Fix the domain length limit", "= 255", "= 253")
    shown = cli("review", "HEAD").out
    assert "Requirement DOM-1" in shown
    assert "it stops writing `255`, which the statement states" in shown
    assert "it names `255`" not in shown


def test_a_stated_number_the_code_keeps_is_not_asked_by_it(repo, cli):
    """REVIEW-E239, adversarial: another limit's number changed (254 made 320) beside the 255
    DOM-1 states, kept, asks nothing of DOM-1 by a number."""
    _limits(repo, "Raise the address limit", "= 254", "= 320")
    found = review_json(cli, "HEAD", "--all")["questions"]
    assert all(
        q["statement"]["id"] != "DOM-1" or "255" not in q["evidence"]["names"] for q in found
    )


DNS_SPEC = """---
id: DNS
scope: [pkg/dns.py]
---
# DNS

## Context
- `lookup()` in `pkg/dns.py` takes the email domain and returns a dict of facts that
  `validate()` copies onto the result.

## Requirements
- DNS-1: A timeout is not a failure.

## Edge Cases
- DNS-E1: NXDOMAIN.
"""
ENTRY_SPEC = """---
id: ENTRY
scope: [pkg/entry.py]
---
# Entry

## Context
- `validate()` in `pkg/entry.py` is the entry point.

## Requirements
- ENTRY-1: The address may be `str` or `bytes`; other types are rejected.

## Edge Cases
- ENTRY-E1: An empty address.
"""
DNS = 'def lookup(domain):\n    return {"mx": [(0, domain)]}\n'
ENTRY = """from .dns import lookup


def validate(email, check=True):
    if not isinstance(email, str):
        email = email.decode("ascii")
    local, domain = email.split("@")
    ret = {"local": local, "domain": domain}
    if check:
        ret.update(lookup(domain))
    return ret
"""
TYPED = """    if isinstance(email, bytes):
        email = email.decode("ascii")
    elif not isinstance(email, str):
        raise TypeError("email must be str or bytes")
"""


def _entry(repo: Any, dns_spec: str) -> None:
    files = {"specs/dns.md": dns_spec, "specs/entry.md": ENTRY_SPEC, "pkg/dns.py": DNS}
    repo.commit("base", {**files, "pkg/entry.py": ENTRY})
    old = '    if not isinstance(email, str):\n        email = email.decode("ascii")\n'
    repo.commit("Raise TypeError for other types", {"pkg/entry.py": ENTRY.replace(old, TYPED)})


def test_another_specs_mention_in_passing_of_the_function_is_no_evidence(repo, cli):
    """REVIEW-E241 (python-email-validator trial, defect 5: DELIV:C1 on 12 of 30 commits, e.g.
    e943a0f): a change inside `validate()` (ENTRY's file) does not ask DNS's Context line, whose
    subject is `lookup()` and which names `validate()` in passing (before: "it lies inside
    `validate`, which the statement names; shared words: email")."""
    _entry(repo, DNS_SPEC)
    asked = dict(questions(cli))
    assert "ENTRY-1" in asked
    # by spec: ENTRY's own line 8 opens with `validate()` and is asked (REVIEW-E369)
    found = review_json(cli, "HEAD", "--all")["questions"]
    assert not [q for q in found if q["statement"]["spec"] == "DNS"]


def test_another_specs_statement_about_the_function_still_links(repo, cli):
    """REVIEW-E241, adversarial: where the other spec's line is about `validate()` itself (its
    first code span), the change inside it still asks that line."""
    spec = DNS_SPEC.replace(
        "- `lookup()` in `pkg/dns.py` takes the email domain and returns a dict of facts that\n"
        "  `validate()` copies onto the result.",
        "- `validate()` copies the dict of email facts `lookup()` returns onto the result.",
    )
    _entry(repo, spec)
    assert "C8" in dict(questions(cli))
