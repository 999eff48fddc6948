"""Score `specflow review`'s questions against labelled commits of real public history (issue #12).

    python benchmarks/bench_links.py --project requests=/work/.mirror/psf+requests/repo \\
        --project itsdangerous=/work/.mirror/pallets+itsdangerous/repo \\
        --project markupsafe=/work/.mirror/pallets+markupsafe/repo \\
        --project tenacity=/work/.mirror/jd+tenacity/repo \\
        --project cachecontrol=/work/.mirror/psf+cachecontrol/repo \\
        --project pluggy=/work/.mirror/pytest-dev+pluggy/repo \\
        --project packaging=/work/.mirror/pypa+packaging/repo \\
        --project cachetools=/work/.mirror/tkem+cachetools/repo \\
        --project filelock=/work/.mirror/tox-dev+filelock/repo [--specflow CMD] [--verbose]

Each project has, under benchmarks/links/<project>/, the specs its maintainers would write
(`specs/*.md`) and `labels.yaml`: commits of its real history, each with the statements a careful
reviewer wants raised (`AUTH-3`, `AUTH-E1`, or `AUTH:C2` for the second Context item). The
history itself is never committed here: bring it with the `fetch` tool (github:psf/requests,
github:pallets/itsdangerous, github:pallets/markupsafe, github:jd/tenacity,
github:psf/cachecontrol, github:pytest-dev/pluggy, github:pypa/packaging,
github:tkem/cachetools, github:tox-dev/filelock, and for the later histories
github:python-humanize/humanize, github:hukkin/tomli, github:theskumar/python-dotenv,
github:jpadilla/pyjwt, github:python-semver/python-semver, github:kjd/idna,
github:marshmallow-code/marshmallow, github:go-chi/chi, github:sindresorhus/ky,
github:seanmonstar/httparse, github:jshttp/cookie, github:rack/rack, github:apache/commons-csv,
github:python-hyper/h11, github:encode/starlette, github:guzzle/psr7, github:DaveGamble/cJSON,
github:pallets/click, github:hynek/structlog, github:Alamofire/Alamofire, github:aio-libs/yarl,
github:expressjs/express, github:python-attrs/attrs, github:urllib3/urllib3, github:gorilla/mux,
github:jnunemaker/httparty, github:rust-lang/log, github:python-jsonschema/jsonschema,
github:axios/axios, github:python-poetry/tomlkit, github:sirupsen/logrus,
github:pallets/werkzeug, github:encode/httpx, github:msiemens/tinydb,
github:python-hyper/wsproto, github:dateutil/dateutil, github:ljharb/qs, github:BurntSushi/toml
(`gotoml`), github:Pylons/waitress, github:pillarjs/path-to-regexp (`ptre`),
github:dtolnay/semver (`rsemver`), github:aio-libs/multidict, github:agronholm/cbor2,
github:andialbrecht/sqlparse, github:arrow-py/arrow, github:r1chardj0n3s/parse,
github:google/uuid (`gouuid`), github:uuidjs/uuid (`uuidjs`), github:python-hyper/hyperlink,
github:oauthlib/oauthlib, github:Kludex/python-multipart (`multipart`),
github:JoshData/python-email-validator (`emailval`), github:dbader/schedule,
github:golang-jwt/jwt (`gojwt`), github:auth0/node-jsonwebtoken (`jsonwebtoken`),
github:lepture/authlib, github:Delgan/loguru, github:jwt/ruby-jwt (`rubyjwt`),
github:firebase/php-jwt (`phpjwt`), github:panva/jose, github:servo/rust-url (`rusturl`),
github:auth0/java-jwt (`javajwt`), github:spf13/cobra, github:json-c/json-c (`jsonc`),
github:pallets/flask, github:scrapy/w3lib, github:hynek/argon2-cffi (`argon2`),
github:gorilla/websocket (`gows`), github:expressjs/body-parser (`bodyparser`),
github:benoitc/gunicorn, github:pillarjs/send, github:hyperium/http (`hyperhttp`),
github:msgpack/msgpack-python (`msgpack`), github:jbogard/MediatR (`mediatr`), github:ajalt/clikt,
github:encode/uvicorn, github:pillarjs/path-to-regexp (`pathtoregexp`, a second take from v8.0.0
after `ptre`'s from v6.1.0), github:CLIUtils/CLI11 (`cli11`), github:Pylons/webob,
github:google/gson, github:expressjs/session (`session`), github:mahmoud/boltons,
github:unjs/ufo; a
project's name is its folder under benchmarks/links/: `dotenv`, `semver`, `csv`, `cjson`,
`alamofire`, `rustlog`) and pass its git directory; the figures and the exact snapshots are in
docs/benchmarks.md, "Review links on real history". tenacity, cachecontrol, pluggy, packaging,
cachetools and filelock were held out: each labelled blind, and measured before any rule was
judged on it.

For each labelled commit, in a scratch repository that borrows the history's objects (git
alternates, nothing copied): the parent's tree + `specs/` -> a base commit, the commit's tree +
`specs/` -> a commit on it with the real message, checked out; then `specflow review <commit>
--format json`. A fetched history may lack a few blobs (github:apache/commons-csv lacks two large
test-data files), and a checkout that needs one fails. So `benchmarks/links/<project>/absent.txt`,
when a project has one, lists the paths its checkout leaves out: one a line, from the repository's
root, blank lines and `#` comment lines skipped; each becomes a `!/<path>` pattern after `/*` in a
sparse checkout (`core.sparseCheckout`, not cone mode, so `*` globs). The commits still hold those
files in their trees, so a review that read one would still fail.

What counts as the questions raised, in order: the top-level `questions` array when the JSON has
one (review schema 2: ranked, strongest first, within the budget); otherwise (schema 1) every
spec's `questions`, then `elsewhere`, then requirements and edge cases marked `touched` that no
question named (a hunk naming the ID). A context statement becomes `<SPEC>:C<n>` by its line in
the overlaid spec file.

Prints per project and overall: precision and recall (over the distinct statements raised per
commit), hit@3 (commits with an expected statement among their first three questions, out of the
commits that expect one), and questions per no-op and per unrelated commit. `--verbose` adds one
line per commit. A script, not a test: it needs the fetched history and exits 0 whatever the
figures; 1 when a command fails (git, or specflow on a commit); 2, with one line naming the file
and line, for labels, specs or arguments it cannot use.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import GIT_ENV, USER_ENV, print_table, specflow_script

LINKS = Path(__file__).resolve().parent / "links"
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
KINDS = ("behaviour", "noop", "unrelated")
CONTEXT_HEADING = re.compile(r"^##\s+context\s*$", re.IGNORECASE)
TOP_ITEM = re.compile(r"^[-*+]\s")


@dataclass(frozen=True)
class Label:
    sha: str
    kind: str
    why: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """One reviewed commit: what was expected and the statement keys raised, in order (a key
    appears once per question, so twice when two files ask about the same statement)."""

    label: Label
    raised: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    commits: int
    precision: float | None  # None when nothing was raised at all
    recall: float | None  # None when nothing was expected
    hit_at_3: float | None
    noop_questions: float | None  # mean questions per no-op commit
    unrelated_questions: float | None


def distinct(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def mean(values: Sequence[int]) -> float | None:
    return sum(values) / len(values) if values else None


# LINKS-4
def score(outcomes: Sequence[Outcome]) -> Score:
    """Micro precision and recall over distinct statements per commit; hit@3 over the commits that
    expect something; questions (not distinct) per no-op and per unrelated commit."""
    right = raised = expected = hits = wanting = 0
    for outcome in outcomes:
        keys = distinct(outcome.raised)
        wanted = set(outcome.label.expect)
        right += len(wanted.intersection(keys))
        raised += len(keys)
        expected += len(wanted)
        if wanted:
            wanting += 1
            hits += bool(wanted.intersection(keys[:3]))
    return Score(
        commits=len(outcomes),
        precision=right / raised if raised else None,
        recall=right / expected if expected else None,
        hit_at_3=hits / wanting if wanting else None,
        noop_questions=mean([len(o.raised) for o in outcomes if o.label.kind == "noop"]),
        unrelated_questions=mean([len(o.raised) for o in outcomes if o.label.kind == "unrelated"]),
    )


def context_lines(text: str) -> list[int]:
    """1-based lines of the top-level items of a spec's `## Context` section."""
    lines: list[int] = []
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("## "):
            inside = bool(CONTEXT_HEADING.match(line.strip()))
        elif inside and TOP_ITEM.match(line):
            lines.append(number)
    return lines


def statement_key(question: dict[str, object], contexts: dict[tuple[str, int], int]) -> str:
    """`AUTH-3` for a requirement or edge case, `AUTH:C2` for the second Context item."""
    statement = question.get("statement")
    if not isinstance(statement, dict):
        raise SystemExit(f"a question without a statement: {question}")
    spec, line, ident = statement.get("spec"), statement.get("line"), statement.get("id")
    if statement.get("kind") != "context" and isinstance(ident, str):
        return ident
    position = contexts.get((str(spec), line)) if isinstance(line, int) else None
    return f"{spec}:C{position}" if position else f"{spec}:line{line}"


# LINKS-3
def raised_keys(review: dict[str, object], contexts: dict[tuple[str, int], int]) -> list[str]:
    if isinstance(review.get("questions"), list):
        return [statement_key(q, contexts) for q in _dicts(review["questions"])]
    return _schema_1_keys(review, contexts)


def _schema_1_keys(review: dict[str, object], contexts: dict[tuple[str, int], int]) -> list[str]:
    specs = _dicts(review.get("specs", []))
    questions = [q for spec in specs for q in _dicts(spec.get("questions", []))]
    questions += _dicts(review.get("elsewhere", []))
    keys = [statement_key(q, contexts) for q in questions]
    touched = [
        str(item["id"])
        for spec in specs
        for item in _dicts(spec.get("requirements", [])) + _dicts(spec.get("edge_cases", []))
        if item.get("touched") and item.get("id")
    ]
    return keys + [key for key in touched if key not in keys]


def _dicts(value: object) -> list[dict[str, object]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


# LINKS-5
def bad_input(message: str) -> NoReturn:
    """Bad labels, specs or arguments: one line, exit 2 (a failing command exits 1)."""
    print(f"bench_links: {message}", file=sys.stderr)
    raise SystemExit(2)


def load_labels(path: Path) -> list[Label]:
    return [_label(where, entry) for where, entry in yaml_list(path, "{sha, kind, why, expect}")]


def yaml_list(path: Path, shape: str) -> list[tuple[str, object]]:
    """The entries of a YAML list, each with `path:line` for the error that names it."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
        entries = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        bad_input(f"{path}: cannot read the labels: {' '.join(str(error).split())}")
    if not isinstance(entries, list) or not isinstance(root, yaml.SequenceNode):
        bad_input(f"{path}:1: the labels are a list of {shape}")
    lines = [node.start_mark.line + 1 for node in root.value]
    return [(f"{path}:{line}", entry) for line, entry in zip(lines, entries, strict=True)]


def _label(where: str, entry: object) -> Label:
    if not isinstance(entry, dict) or entry.get("kind") not in KINDS:
        bad_input(f"{where}: an entry needs sha, kind ({'|'.join(KINDS)}), why and expect")
    expect = entry.get("expect") or []
    if not re.fullmatch(r"[0-9a-f]{40}", str(entry.get("sha"))):
        bad_input(f"{where}: sha must be the full 40-hex commit id, not {entry.get('sha')!r}")
    if not isinstance(expect, list) or not all(isinstance(key, str) for key in expect):
        bad_input(f"{where}: expect must be a list of statement keys (AUTH-3, AUTH:C2)")
    return Label(str(entry["sha"]), str(entry["kind"]), str(entry.get("why", "")), tuple(expect))


# LINKS-2
class Scratch:
    """A repository whose objects come from the fetched history, where the specs are overlaid."""

    def __init__(
        self, folder: Path, history: Path, specs: dict[str, str], absent: Sequence[str] = ()
    ) -> None:
        self.folder = folder
        self.run("init", "-q")
        alternates = self.folder / ".git" / "objects" / "info" / "alternates"
        alternates.write_text(f"{(history / 'objects').resolve()}\n", encoding="utf-8")
        if absent:  # LINKS-E4: paths whose blobs the history lacks are never checked out
            self.run("config", "core.sparseCheckout", "true")
            self.run("config", "core.sparseCheckoutCone", "false")
            sparse = self.folder / ".git" / "info" / "sparse-checkout"
            sparse.parent.mkdir(exist_ok=True)
            patterns = ["/*", *(f"!/{path.lstrip('/')}" for path in absent)]
            sparse.write_text("".join(f"{line}\n" for line in patterns), encoding="utf-8")
        self.spec_blobs = {
            name: self.run("hash-object", "-w", "--stdin", stdin=text)
            for name, text in specs.items()
        }

    def run(self, *args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.folder,
            input=stdin,
            env={**os.environ, **GIT_ENV, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"git {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def with_specs(self, tree: str) -> str:
        index = {"GIT_INDEX_FILE": str(self.folder / ".git" / "bench-index")}
        self.run("read-tree", tree, env=index)
        for name, blob in self.spec_blobs.items():
            self.run(
                "update-index", "--add", "--cacheinfo", f"100644,{blob},specs/{name}", env=index
            )
        return self.run("write-tree", env=index)

    def replay(self, sha: str) -> str:
        """The commit and its parent, each with the specs: the commit's id in the scratch repo."""
        parents = self.run("rev-list", "--parents", "-n", "1", sha).split()[1:]
        base_tree = f"{parents[0]}^{{tree}}" if parents else EMPTY_TREE
        base = self.run("commit-tree", self.with_specs(base_tree), stdin="base with specs\n")
        message = self.run("log", "-1", "--format=%B", sha) + "\n"
        commit = self.run(
            "commit-tree", self.with_specs(f"{sha}^{{tree}}"), "-p", base, stdin=message
        )
        self.run("checkout", "-q", "-f", "--detach", commit)
        return commit


def review(specflow: Sequence[str], folder: Path, commit: str) -> dict[str, object]:
    return specflow_json(specflow, folder, ("review", commit, "--format", "json"))


def specflow_json(
    specflow: Sequence[str], folder: Path, args: Sequence[str], codes: Sequence[int] = (0,)
) -> dict[str, object]:
    """The JSON object a specflow command prints; any other exit code than `codes` stops."""
    done = subprocess.run(
        [*specflow, *args],
        cwd=folder,
        env=USER_ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    what = f"specflow {' '.join(args[:2])}"
    if done.returncode not in codes:
        raise SystemExit(f"{what} exited {done.returncode}: {done.stderr.strip()}")
    try:
        parsed = json.loads(done.stdout)
    except ValueError as error:
        raise SystemExit(f"{what}: not JSON ({error})") from error
    if not isinstance(parsed, dict):
        raise SystemExit(f"{what}: the JSON is not an object")
    return parsed


def read_specs(folder: Path) -> tuple[dict[str, str], dict[tuple[str, int], int]]:
    """The spec files by name, and each Context item's position by (spec id, line)."""
    specs = {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.md"))}
    if not specs:
        bad_input(f"{folder}: no specs (*.md)")
    contexts: dict[tuple[str, int], int] = {}
    for name, text in specs.items():
        # Without `id:` a spec's ID comes from its file name (SPEC-FORMAT.md).
        found = re.search(r"^id:\s*(\S+)\s*$", text, re.MULTILINE)
        spec = found.group(1) if found else Path(name).stem.upper()
        for position, line in enumerate(context_lines(text), start=1):
            contexts[(spec, line)] = position
    return specs, contexts


def read_absent(path: Path) -> list[str]:
    """The paths `absent.txt` leaves out of the checkout (none without the file): one a line,
    blank lines and `#` comment lines skipped."""
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def run_project(labelled: Path, history: Path, specflow: Sequence[str]) -> list[Outcome]:
    """Review every labelled commit of one project (`labelled` holds its specs/ and labels)."""
    labels = load_labels(labelled / "labels.yaml")
    specs, contexts = read_specs(labelled / "specs")
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix=f"bench-links-{labelled.name}-") as folder:
        scratch = Scratch(Path(folder), history, specs, read_absent(labelled / "absent.txt"))
        for label in labels:
            commit = scratch.replay(label.sha)
            keys = raised_keys(review(specflow, Path(folder), commit), contexts)
            outcomes.append(Outcome(label, tuple(keys)))
    return outcomes


def figure(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def score_row(name: str, result: Score) -> tuple[str, ...]:
    return (
        name,
        str(result.commits),
        figure(result.precision),
        figure(result.recall),
        figure(result.hit_at_3),
        figure(result.noop_questions, 1),
        figure(result.unrelated_questions, 1),
    )


def detail(project: str, outcome: Outcome) -> str:
    keys = distinct(outcome.raised)
    wanted = set(outcome.label.expect)
    marked = [f"{key}{'' if key in wanted else '?'}" for key in keys]
    missed = sorted(wanted.difference(keys))
    return (
        f"{project} {outcome.label.sha[:10]} {outcome.label.kind:9} "
        f"raised {len(outcome.raised)}: {' '.join(marked) or '-'}"
        f"{'  missed: ' + ' '.join(missed) if missed else ''}  ({outcome.label.why})"
    )


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    return argument_parser(__doc__).parse_args(argv)


def argument_parser(doc: str | None) -> argparse.ArgumentParser:
    """The arguments every benchmark of labelled real history takes."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--project", action="append", required=True, metavar="NAME=GIT_DIR")
    parser.add_argument("--specflow", help="the command to run (default: specflow beside python)")
    parser.add_argument("--verbose", action="store_true", help="one line per commit")
    parser.add_argument("--links", type=Path, default=LINKS, help="the labelled projects' folder")
    return parser


def projects(values: Sequence[str], links: Path) -> list[tuple[str, Path]]:
    pairs: list[tuple[str, Path]] = []
    for value in values:
        name, _, folder = value.partition("=")
        if not folder or not (links / name / "labels.yaml").is_file():
            bad_input(f"--project {value}: want NAME=GIT_DIR with {links / name}/labels.yaml")
        if not (Path(folder) / "objects").is_dir():
            bad_input(f"--project {value}: {folder} is not a git directory")
        pairs.append((name, Path(folder)))
    return pairs


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    specflow = shlex.split(args.specflow) if args.specflow else [str(specflow_script())]
    header = ("project", "commits", "precision", "recall", "hit@3", "q/no-op", "q/unrelated")
    rows: list[tuple[str, ...]] = [header]
    everything: list[Outcome] = []
    for name, history in projects(args.project, args.links):
        outcomes = run_project(args.links / name, history, specflow)
        everything += outcomes
        rows.append(score_row(name, score(outcomes)))
        if args.verbose:
            print("\n".join(detail(name, outcome) for outcome in outcomes))
    rows.append(score_row("overall", score(everything)))
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
