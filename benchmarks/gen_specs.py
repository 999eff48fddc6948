"""Generate a synthetic repository of specs for benchmarking specflow.

    python benchmarks/gen_specs.py OUT [--specs 500] [--requirements 20] [--seed 1]
                                       [--extra-files 0] [--no-git]

writes OUT/specs/*.md (N specs of R requirements each) and OUT/src/<module>/... (the files their
scopes and constraints govern), plus `--extra-files` files under OUT/lib/ that no spec governs
(a larger repository), and makes OUT a git repository when git is on PATH. The output is
deterministic for a given seed.

The specs are meant to lint clean (exit 0, no findings) while exercising the parser broadly:
every ID form (`ID: text`, `**ID**: text`, `**ID** text`, `[ID] text`), planned `- [ ]` and
ticked `- [x]` items, `-`, `*`, `+`, `1.` and `1)` markers, tab after the marker, nested items
and follow-up paragraphs, setext headings, heading variants (`Edge cases`, `EDGE-CASES`), IDs
with inner dashes (`AUTH-SESSION-12`), CRLF line endings, a UTF-8 BOM, non-ASCII text, extra
sections, and constraints with globs, `re:` patterns and `until`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DOMAINS = (
    "auth",
    "billing",
    "search",
    "checkout",
    "inventory",
    "notifications",
    "reports",
    "sessions",
    "uploads",
    "webhooks",
    "audit",
    "pricing",
    "accounts",
    "exports",
    "scheduler",
    "catalog",
)
ASPECTS = (
    "password reset",
    "session expiry",
    "rate limiting",
    "retry policy",
    "CSV export",
    "refund flow",
    "e-mail digest",
    "tenant isolation",
    "soft delete",
    "search ranking",
    "invoice numbering",
    "cache invalidation",
    "audit trail",
    "token rotation",
    "bulk import",
    "currency rounding",
)
SUBJECTS = (
    "The service",
    "A request",
    "The API",
    "Every write",
    "The worker",
    "A user",
    "An administrator",
    "The scheduler",
    "The importer",
    "Each response",
)
VERBS = (
    "must reject",
    "keeps",
    "logs",
    "returns",
    "stores",
    "verifies",
    "never exposes",
    "retries",
    "records",
    "validates",
)
OBJECTS = (
    "the password hash in the existing SHA-256 hex format (`users.password_hash`)",
    "a 429 status with a `Retry-After` header when the limit is reached",
    "every change with the actor, the time and the previous value",
    "the tenant id of the caller, and nothing from another tenant",
    "amounts as integer cents, rounded half-even",
    "an idempotency key for 24 hours",
    "the session token only as an HttpOnly cookie",
    "the invoice number from a gap-free sequence per year",
    "malformed rows with their line number, without aborting the import",
    "a consistent snapshot even while writes are in flight",
    "the e-mail address in lower case, NFC-normalised (e.g. « José@Example.com »)",
    "at most 3 attempts, with exponential back-off starting at 200 ms",
)
CONDITIONS = (
    "",
    " before changing anything",
    " within 200 ms at the 99th percentile",
    " after a successful login",
    " when the upstream call times out",
    " for every locale, including `tr_TR` and `ja_JP`",
    " on each retry",
    " even when the cache is cold",
)
EDGES = (
    "The user resets the password several times in a row.",
    "Two changes to the same record arrive concurrently.",
    "The clock jumps backwards (NTP correction) during a session.",
    "The input is empty, or is exactly at the size limit.",
    "The upstream service answers 200 with an error body.",
    "A row contains a BOM, CRLF line endings, or a NUL byte.",
    "The tenant is deleted while an export is running.",
    "The same webhook is delivered twice, out of order.",
)
CONTEXT = (
    "`{module}/core.py` defines `handle()`, called by every route in `{module}/api.py`.",
    "State lives in the `{table}` table; `{module}/store.py` is the only writer.",
    "Callers read the result through `{module}.load()`, which expects the current format.",
    "Background jobs in `{module}/jobs.py` run every 5 minutes and may overlap.",
    "Errors are reported through `errors.report()`, which tags them with the request id.",
)
FORBIDDEN = (
    "import bcrypt",
    "time.sleep(",
    "print(",
    "re:requests\\.(get|post)\\(",
    "re:\\beval\\(",
    "pickle.loads",
)


@dataclass(frozen=True)
class Options:
    specs: int = 500
    requirements: int = 20
    seed: int = 1
    git: bool = True
    extra_files: int = 0


def spec_key(index: int, domain: str, rng: random.Random) -> str:
    """A unique spec id; about one in five has an inner dash (`AUTH-SESSION7`)."""
    base = domain.upper()
    if rng.random() < 0.2:
        return f"{base}-S{index}"
    return f"{base}{index}"


def sentence(rng: random.Random) -> str:
    subject, verb, thing = rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)
    return f"{subject} {verb} {thing}{rng.choice(CONDITIONS)}."


def requirement_head(key: str, rng: random.Random) -> str:
    """One of the four ID forms of SPEC-FORMAT.md, weighted towards the plain one."""
    form = rng.choices(("plain", "bold-colon", "bold", "bracket"), weights=(70, 10, 10, 10))[0]
    if form == "bold-colon":
        return f"**{key}**: "
    if form == "bold":
        return f"**{key}** "
    if form == "bracket":
        return f"[{key}] "
    return f"{key}: "


def marker(rng: random.Random, ordinal: int, numbered: str | None) -> str:
    if numbered:
        return f"{ordinal}{numbered} "
    bullet = rng.choices(("-", "*", "+"), weights=(90, 5, 5))[0]
    return f"{bullet}\t" if rng.random() < 0.03 else f"{bullet} "


def heading(title: str, rng: random.Random) -> list[str]:
    if rng.random() < 0.1:
        return [title, "-" * len(title)]  # setext H2
    return [f"## {title}"]


def render_spec(index: int, options: Options, rng: random.Random) -> tuple[str, str, str, bytes]:
    """(file name, spec id, module, file bytes) of spec number `index`."""
    domain = DOMAINS[index % len(DOMAINS)]
    aspect = rng.choice(ASPECTS)
    key = spec_key(index, domain, rng)
    module = f"src/{domain}/m{index:04d}"
    status = rng.choices(("active", "draft", "done"), weights=(80, 10, 10))[0]
    lines = [
        "---",
        f"id: {key}",
        f"status: {status}",
        "scope:",
        f"  - {module}/**",
        f"owners: [{domain}, platform]",
        "---",
        "",
        f"# {aspect.capitalize()} for {domain} ({index})",
        "",
    ]
    lines += heading("Context", rng)
    for template in rng.sample(CONTEXT, k=3):
        lines.append("- " + template.format(module=module, table=f"{domain}_{index}"))
    lines.append("")

    lines += heading(rng.choice(("Requirements", "requirements", "REQUIREMENTS")), rng)
    numbered = rng.choices((None, ".", ")"), weights=(85, 10, 5))[0]
    for number in range(1, options.requirements + 1):
        box = ""
        if numbered is None and status != "done" and rng.random() < 0.1:
            box = "[ ] "
        elif numbered is None and rng.random() < 0.1:
            box = "[x] "
        head = requirement_head(f"{key}-{number}", rng)
        opener = marker(rng, number, numbered)
        lines.append(f"{opener}{box}{head}{sentence(rng)}")
        # Nested items and paragraphs must start at the item's content column (CommonMark):
        # 2 after `- `, 3 after `1. `, 4 after `10. ` or after a tab (`-\t` reaches column 4).
        indent = " " * (4 if "\t" in opener else len(opener))
        roll = rng.random()
        if roll < 0.15:
            lines.append(f"{indent}- {sentence(rng)}")
            lines.append(f"{indent}- {sentence(rng)}")
        elif roll < 0.2:
            lines += ["", f"{indent}{sentence(rng)} See `{module}/core.py`."]
    lines.append("")

    if rng.random() < 0.3:
        lines += heading("Migration Strategy", rng)
        lines += [
            "1. On login, verify with the old format.",
            "2. If that succeeds, rehash with the new one.",
            "",
        ]
    lines += heading(rng.choice(("Edge Cases", "Edge cases", "Edge-Cases", "EDGE CASES")), rng)
    for number, text in enumerate(rng.sample(EDGES, k=3), start=1):
        lines.append(f"- {key}-E{number}: {text}")
    lines.append("")

    if rng.random() < 0.5:
        lines += heading("Constraints", rng)
        pattern = rng.choice(FORBIDDEN)
        until = f" until {key}-{rng.randint(1, options.requirements)}" if rng.random() < 0.5 else ""
        lines.append(f"- forbid `{pattern}` in `{module}/**`{until}: keep {aspect} in one place.")
        lines.append("")

    newline = "\r\n" if rng.random() < 0.05 else "\n"
    data = newline.join(lines).encode()
    if rng.random() < 0.02:
        data = b"\xef\xbb\xbf" + data
    name = f"{domain}-{index:04d}-{aspect.replace(' ', '-').lower()}.md"
    return name, key, module, data


def write_source(root: Path, module: str, key: str) -> None:
    folder = root / module
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "__init__.py").write_text(f'"""{module}: governed by {key}."""\n', encoding="utf-8")
    (folder / "core.py").write_text(
        f'"""Core of {module}."""\n\n\ndef handle(request: object) -> object:\n'
        f'    """{key}-1: the behaviour this spec asks for."""\n    return request\n',
        encoding="utf-8",
    )


def generate(root: Path, options: Options) -> list[Path]:
    """Write the repository into `root` (created; must be empty or absent); return the specs."""
    if root.exists() and any(root.iterdir()):
        raise SystemExit(f"gen_specs: {root} is not empty")
    rng = random.Random(options.seed)
    specs_dir = root / "specs"
    specs_dir.mkdir(parents=True)
    written: list[Path] = []
    for index in range(options.specs):
        name, key, module, data = render_spec(index, options, rng)
        path = specs_dir / name
        path.write_bytes(data)
        write_source(root, module, key)
        written.append(path)
    for number in range(options.extra_files):
        extra = root / "lib" / f"pkg{number // 100:03d}" / f"mod{number:05d}.py"
        extra.parent.mkdir(parents=True, exist_ok=True)
        extra.write_text(f'"""Module {number}, governed by no spec."""\n', encoding="utf-8")
    if options.git and shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    return written


def parse_args(argv: Sequence[str] | None = None) -> tuple[Path, Options]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to create (must be empty or absent)")
    parser.add_argument("--specs", type=int, default=Options.specs, help="number of specs")
    parser.add_argument(
        "--requirements", type=int, default=Options.requirements, help="requirements per spec"
    )
    parser.add_argument("--seed", type=int, default=Options.seed, help="random seed")
    parser.add_argument(
        "--extra-files", type=int, default=0, help="files under lib/ that no spec governs"
    )
    parser.add_argument("--no-git", action="store_true", help="do not run `git init`")
    args = parser.parse_args(argv)
    if args.specs < 1 or args.requirements < 1 or args.extra_files < 0:
        parser.error("--specs and --requirements must be at least 1, --extra-files at least 0")
    options = Options(args.specs, args.requirements, args.seed, not args.no_git, args.extra_files)
    return args.out, options


def main(argv: Sequence[str] | None = None) -> int:
    out, options = parse_args(argv)
    written = generate(out, options)
    total = len(written) * options.requirements
    extra = f" and {options.extra_files} extra files" if options.extra_files else ""
    print(f"wrote {len(written)} specs, {total} requirements{extra}, into {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
