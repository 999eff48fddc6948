"""Score `specflow review`'s ripples against labelled commits of real public history (issue #12).

    python benchmarks/bench_ripples.py --project requests=/work/.mirror/psf+requests/repo \\
        --project itsdangerous=/work/.mirror/pallets+itsdangerous/repo \\
        --project tenacity=/work/.mirror/jd+tenacity/repo \\
        --project pluggy=/work/.mirror/pytest-dev+pluggy/repo [--specflow CMD] [--verbose]

(and markupsafe, cachecontrol, packaging, cachetools, filelock, tomli: the ten projects of
`bench_links.py` with ripple labels, one file each under benchmarks/ripples/; docs/benchmarks.md,
"Ripples on real history", has the figures)

A ripple is a name the change writes, stops writing or redefines, with the untouched places
that call, read or write it. `benchmarks/ripples/<project>.yaml` holds, for commits of the
project's `benchmarks/links/<project>/labels.yaml`, the names a careful reviewer follows to
their untouched users (`follow`), each with the users that must be shown (`at`, as
`path:function`, `path:` for module level); the labels were written from `git show` and
`git grep` before specflow ran on those commits. The links labels' no-op commits expect no
ripple at all. Each commit is replayed as `bench_links.py` replays it (the history's objects
borrowed, the project's specs overlaid) and reviewed with `specflow review <commit> --format
json`, as a user sees it: the ripples and uses the default output shows.

Prints per project and overall: precision and recall over the distinct ripple names per commit
(a name matches by its last dotted part), the share of the must-show users that are shown, and
the mean number of ripples per labelled commit and per no-op commit. `--verbose` adds one line
per commit. A script, not a test: exits 0 whatever the figures, 1 when a command fails, 2 with
one line naming the file and line for labels or arguments it cannot use.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_links import (
    Scratch,
    _dicts,
    argument_parser,
    figure,
    load_labels,
    read_specs,
    review,
    yaml_list,
)
from bench_links import projects as links_projects
from common import print_table, specflow_script

RIPPLES = Path(__file__).resolve().parent / "ripples"
SITE = re.compile(r"[^:]+:[\w.<>]*")


@dataclass(frozen=True)
class Follow:
    name: str
    at: tuple[str, ...]  # `path:function` users that must be shown


@dataclass(frozen=True)
class RippleLabel:
    sha: str
    noop: bool  # a no-op commit of the links labels: no ripple is wanted
    follow: tuple[Follow, ...]
    why: str


@dataclass(frozen=True)
class Shown:
    """One ripple as the review shows it: its name and the users listed under it."""

    name: str
    sites: frozenset[str]


@dataclass(frozen=True)
class RippleOutcome:
    label: RippleLabel
    shown: tuple[Shown, ...]


@dataclass(frozen=True)
class RippleScore:
    commits: int
    precision: float | None  # None when no ripple was shown at all
    recall: float | None  # None when no name was to be followed
    sites: float | None  # must-show users shown, of those labelled
    per_commit: float | None  # ripples per labelled (behaviour or unrelated) commit
    per_noop: float | None


# RIPBENCH-4
def bad_input(message: str) -> NoReturn:
    print(f"bench_ripples: {message}", file=sys.stderr)
    raise SystemExit(2)


def last_part(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def shown_names(shown: Sequence[Shown]) -> list[str]:
    return list(dict.fromkeys(last_part(ripple.name) for ripple in shown))


def users(outcome: RippleOutcome, name: str) -> set[str]:
    """The users shown under the ripples of `name` (by its last dotted part)."""
    return {s for r in outcome.shown if last_part(r.name) == last_part(name) for s in r.sites}


# RIPBENCH-3
def score(outcomes: Sequence[RippleOutcome]) -> RippleScore:
    """Micro precision and recall over the distinct names per commit; must-show users found
    under a ripple of their name."""
    right = listed = wanted = sites = sites_shown = 0
    for outcome in outcomes:
        names = shown_names(outcome.shown)
        follow = {last_part(item.name) for item in outcome.label.follow}
        right += len(follow.intersection(names))
        listed += len(names)
        wanted += len(follow)
        for item in outcome.label.follow:
            sites += len(item.at)
            sites_shown += len(users(outcome, item.name).intersection(item.at))
    labelled = [len(o.shown) for o in outcomes if not o.label.noop]
    noops = [len(o.shown) for o in outcomes if o.label.noop]
    return RippleScore(
        commits=len(outcomes),
        precision=right / listed if listed else None,
        recall=right / wanted if wanted else None,
        sites=sites_shown / sites if sites else None,
        per_commit=sum(labelled) / len(labelled) if labelled else None,
        per_noop=sum(noops) / len(noops) if noops else None,
    )


# RIPBENCH-2
def shown_ripples(review_json: dict[str, object]) -> list[Shown]:
    """The review's ripples in order, each with its users as `path:function`."""
    found: list[Shown] = []
    for ripple in _dicts(review_json.get("ripples")):
        symbol = ripple.get("symbol")
        if not isinstance(symbol, dict):
            continue
        sites = frozenset(
            f"{use.get('path')}:{use.get('function') or ''}" for use in _dicts(ripple.get("uses"))
        )
        found.append(Shown(str(symbol.get("name", "")), sites))
    return found


def load_ripple_labels(path: Path) -> list[RippleLabel]:
    return [_ripple_label(where, entry) for where, entry in yaml_list(path, "{sha, follow, why}")]


def _ripple_label(where: str, entry: object) -> RippleLabel:
    if not isinstance(entry, dict) or not re.fullmatch(r"[0-9a-f]{40}", str(entry.get("sha"))):
        bad_input(f"{where}: an entry needs sha (the full 40-hex commit id), follow and why")
    follow = entry.get("follow") or []
    if not isinstance(follow, list):
        bad_input(f"{where}: follow must be a list of {{name, at}}")
    return RippleLabel(
        str(entry["sha"]),
        False,
        tuple(_follow(where, item) for item in follow),
        str(entry.get("why", "")),
    )


def _follow(where: str, item: object) -> Follow:
    name = item.get("name") if isinstance(item, dict) else None
    at = (item.get("at") or []) if isinstance(item, dict) else None
    if not isinstance(name, str) or not name or not isinstance(at, list):
        bad_input(f"{where}: each follow is {{name: NAME, at: [path:function, ...]}}")
    if not all(isinstance(site, str) and SITE.fullmatch(site) for site in at):
        bad_input(f"{where}: `at` of {name} must be `path:function` or `path:`, not {at!r}")
    return Follow(name, tuple(at))


def labels_of(project: str, ripples: Path, links: Path) -> list[RippleLabel]:
    """The project's ripple labels, then the links labels' no-op commits (no ripple wanted)."""
    labelled = load_ripple_labels(ripples / f"{project}.yaml")
    noops = [
        RippleLabel(label.sha, True, (), label.why)
        for label in load_labels(links / project / "labels.yaml")
        if label.kind == "noop"
    ]
    return labelled + noops


def run_project(
    project: str, history: Path, specflow: Sequence[str], ripples: Path, links: Path
) -> list[RippleOutcome]:
    specs, _ = read_specs(links / project / "specs")
    outcomes: list[RippleOutcome] = []
    with tempfile.TemporaryDirectory(prefix=f"bench-ripples-{project}-") as folder:
        scratch = Scratch(Path(folder), history, specs)
        for label in labels_of(project, ripples, links):
            commit = scratch.replay(label.sha)
            shown = shown_ripples(review(specflow, Path(folder), commit))
            outcomes.append(RippleOutcome(label, tuple(shown)))
    return outcomes


def score_row(name: str, result: RippleScore) -> tuple[str, ...]:
    return (
        name,
        str(result.commits),
        figure(result.precision),
        figure(result.recall),
        figure(result.sites),
        figure(result.per_commit, 1),
        figure(result.per_noop, 1),
    )


def detail(project: str, outcome: RippleOutcome) -> str:
    label = outcome.label
    follow = {last_part(item.name) for item in label.follow}
    names = shown_names(outcome.shown)
    marked = [f"{name}{'' if name in follow else '?'}" for name in names]
    missed = sorted(follow.difference(names))
    sites = [
        site for item in label.follow for site in item.at if site not in users(outcome, item.name)
    ]
    kind = "noop" if label.noop else "labelled"
    return (
        f"{project} {label.sha[:10]} {kind:8} ripples {len(outcome.shown)}: "
        f"{' '.join(marked) or '-'}"
        f"{'  missed: ' + ' '.join(missed) if missed else ''}"
        f"{'  users not shown: ' + ' '.join(sites) if sites else ''}  ({label.why})"
    )


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argument_parser(__doc__)
    parser.add_argument("--ripples", type=Path, default=RIPPLES, help="the ripple labels' folder")
    return parser.parse_args(argv)


def projects(values: Sequence[str], ripples: Path, links: Path) -> list[tuple[str, Path]]:
    """The projects as `bench_links.projects` checks them (their specs, no-op commits and
    history), each with its ripple labels."""
    for value in values:
        name = value.partition("=")[0]
        if not (ripples / f"{name}.yaml").is_file():
            bad_input(f"--project {value}: want NAME=GIT_DIR with {ripples / name}.yaml")
    return links_projects(values, links)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    specflow = shlex.split(args.specflow) if args.specflow else [str(specflow_script())]
    header = ("project", "commits", "precision", "recall", "users shown", "per commit", "per no-op")
    rows: list[tuple[str, ...]] = [header]
    everything: list[RippleOutcome] = []
    for name, history in projects(args.project, args.ripples, args.links):
        outcomes = run_project(name, history, specflow, args.ripples, args.links)
        everything += outcomes
        rows.append(score_row(name, score(outcomes)))
        if args.verbose:
            print("\n".join(detail(name, outcome) for outcome in outcomes))
    rows.append(score_row("overall", score(everything)))
    print_table(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
