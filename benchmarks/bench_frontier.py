"""How far the review's own evidence can go on labelled real history (issue #12, FRONTIER-*).

    python benchmarks/bench_frontier.py --project requests=/work/.mirror/psf+requests/repo \\
        --project itsdangerous=/work/.mirror/pallets+itsdangerous/repo ... [--specflow CMD]

`bench_links.py` scores the questions specflow shows. This script asks a different question:
could any selection among the questions specflow finds, judged only by what its JSON says of
each one, reach the targets? It replays the same labelled commits (`bench_links.Scratch`), runs
`specflow review <commit> --format json --all`, describes each question by the features the JSON
holds (confidence, and against the strongest of its review; the evidence kind; the statement's
kind; how many words and identifiers the evidence shares; whether the spec is affected; how many
hunks and acts; how many questions the review has; its rank), and fits a logistic regression on
the labels of every project but one, then selects the questions of the one left out: those the
model gives at least a threshold, strongest first, at most the budget of 10. Leave-one-project-
out, so each project is judged by a model that never saw its labels: an estimate of the best a
rule on these features could do, and an optimistic one, since the model is fitted to the labels
of the other projects.

Prints the figures of `bench_links.py` (precision, recall, hit@3, questions per no-op and per
unrelated commit) for the questions as specflow shows them (its budget and cut, read from the
same `--all` output) and as it would with each smaller budget (`--budgets`), for the learned
order of those same questions, and for each threshold.
Needs two projects or more. Exits 0 whatever the figures, 1 when a command fails, 2 for
arguments, labels or specs it cannot use (one line naming the file and line).
"""

from __future__ import annotations

import math
import shlex
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_links import (
    Label,
    Outcome,
    Scratch,
    argument_parser,
    bad_input,
    load_labels,
    projects,
    read_absent,
    read_specs,
    score,
    score_row,
    specflow_json,
    statement_key,
)
from common import print_table, specflow_script

from specflow.budget import PER_FILE, RELATIVE_CUT  # what `budget.within` picks by

BUDGET = 10  # the review's default `review.max_questions`
THRESHOLDS = (0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
BUDGETS = (6, 5, 4, 3)
EVIDENCE = (
    "reference",
    "heading",
    "reaches",
    "identifier",
    "reads",
    "identifier-part",
    "enclosing",
)
KINDS = ("requirement", "context")  # edge-case: neither
FEATURES = (
    "confidence",
    "confidence / strongest",
    *(f"evidence {kind}" for kind in EVIDENCE),
    *(f"statement {kind}" for kind in KINDS),
    "words",
    "identifiers",
    "affected",
    "hunks",
    "acts",
    "log questions",
    "log rank",
)


class Candidate(NamedTuple):
    key: str
    confidence: float
    features: tuple[float, ...]
    path: str = ""


class Commit(NamedTuple):
    project: str
    label: Label
    candidates: tuple[Candidate, ...]  # in specflow's order


class Model(NamedTuple):
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]  # one per feature, then the bias


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def candidates(review: dict[str, object], contexts: dict[tuple[str, int], int]) -> list[Candidate]:
    """Each question of a `--all` review, with its features (FEATURES, in order; FRONTIER-1)."""
    questions = [q for q in _list(review.get("questions")) if isinstance(q, dict)]
    strongest = max((_number(q.get("confidence")) for q in questions), default=0.0) or 1.0
    found = []
    for rank, question in enumerate(questions):
        evidence = question.get("evidence")
        evidence = evidence if isinstance(evidence, dict) else {}
        statement = question.get("statement")
        kind = statement.get("kind") if isinstance(statement, dict) else None
        sure = _number(question.get("confidence"))
        features = (
            sure,
            sure / strongest,
            *(float(evidence.get("kind") == name) for name in EVIDENCE),
            *(float(kind == name) for name in KINDS),
            float(len(_list(evidence.get("words")))),
            float(len(_list(evidence.get("names")))),
            float(bool(question.get("affected"))),
            float(len(_list(question.get("hunks")))),
            float(len(_list(question.get("acts")))),
            math.log1p(len(questions)),
            math.log1p(rank),
        )
        path = str(question.get("path", ""))
        found.append(Candidate(statement_key(question, contexts), sure, features, path))
    return found


def shown(commit: Commit, budget: int = BUDGET) -> list[str]:
    """The questions specflow shows by default, as `budget.within` picks them: within
    RELATIVE_CUT of the strongest, each file's first PER_FILE before any file's next, the
    first `budget` of those, in rank order (FRONTIER-2; FRONTIER-6: a smaller budget)."""
    floor = max((c.confidence for c in commit.candidates), default=0.0) * RELATIVE_CUT
    strong = [c for c in commit.candidates if c.confidence >= floor]
    seen: dict[str, int] = {}
    early = []
    for candidate in strong:
        seen[candidate.path] = seen.get(candidate.path, 0) + 1
        early.append(seen[candidate.path] <= PER_FILE)
    ordered = [c for c, e in zip(strong, early, strict=True) if e]
    ordered += [c for c, e in zip(strong, early, strict=True) if not e]
    chosen = {id(c) for c in ordered[:budget]}
    return [c.key for c in strong if id(c) in chosen]


def solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix · x = vector: Gaussian elimination with partial pivoting (the matrix is
    regularised, so never singular)."""
    size = len(vector)
    rows = [[*row, value] for row, value in zip(matrix, vector, strict=True)]
    for column in range(size):
        pivot = max(range(column, size), key=lambda r: abs(rows[r][column]))
        rows[column], rows[pivot] = rows[pivot], rows[column]
        for row in range(column + 1, size):
            factor = rows[row][column] / rows[column][column]
            for at in range(column, size + 1):
                rows[row][at] -= factor * rows[column][at]
    solution = [0.0] * size
    for row in reversed(range(size)):
        known = sum(rows[row][at] * solution[at] for at in range(row + 1, size))
        solution[row] = (rows[row][size] - known) / rows[row][row]
    return solution


def _sigmoid(value: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, value))))


def fit(rows: Sequence[Sequence[float]], truth: Sequence[bool], ridge: float = 1.0) -> Model:
    """Logistic regression by Newton's method on standardised features, with an L2 ridge; a
    feature of one value is scaled by 1 (FRONTIER-E2)."""
    width = len(rows[0])
    means = [sum(row[i] for row in rows) / len(rows) for i in range(width)]
    scales = [
        math.sqrt(sum((row[i] - means[i]) ** 2 for row in rows) / len(rows)) or 1.0
        for i in range(width)
    ]
    z = [[*((row[i] - means[i]) / scales[i] for i in range(width)), 1.0] for row in rows]
    weights = [0.0] * (width + 1)
    for _ in range(12):
        p = [_sigmoid(sum(w * x for w, x in zip(weights, row, strict=True))) for row in z]
        gradient = [
            sum((pi - yi) * row[i] for pi, yi, row in zip(p, truth, z, strict=True))
            + ridge * weights[i]
            for i in range(width + 1)
        ]
        hessian = [[ridge * (i == j) for j in range(width + 1)] for i in range(width + 1)]
        for pi, row in zip(p, z, strict=True):
            weight = pi * (1 - pi)
            for i in range(width + 1):
                scaled = weight * row[i]
                line = hessian[i]
                for j in range(i, width + 1):
                    line[j] += scaled * row[j]
        for i in range(width + 1):
            for j in range(i):
                hessian[i][j] = hessian[j][i]
        step = solve(hessian, gradient)
        weights = [w - s for w, s in zip(weights, step, strict=True)]
        if max(map(abs, step)) < 1e-6:
            break
    return Model(tuple(means), tuple(scales), tuple(weights))


def probability(model: Model, features: Sequence[float]) -> float:
    scaled = ((x - m) / s for x, m, s in zip(features, model.means, model.scales, strict=True))
    *weights, bias = model.weights
    return _sigmoid(sum(w * x for w, x in zip(weights, scaled, strict=True)) + bias)


def left_out(commits: Sequence[Commit], project: str) -> Model:
    """The model fitted on every project's questions but `project`'s (FRONTIER-3)."""
    rows, truth = [], []
    for commit in commits:
        if commit.project == project:
            continue
        for candidate in commit.candidates:
            rows.append(candidate.features)
            truth.append(candidate.key in commit.label.expect)
    if not rows or all(truth) or not any(truth):
        bad_input(f"--project: the projects besides {project} have no questions to learn from")
    return fit(rows, truth)


def selected(model: Model, commit: Commit, threshold: float | None) -> list[str]:
    """The questions the model gives at least `threshold`, strongest first, within the budget;
    with no threshold, the questions specflow shows, in the model's order."""
    chances = {c.key: max(probability(model, c.features), 0.0) for c in commit.candidates}
    if threshold is None:
        return sorted(shown(commit), key=lambda key: -chances[key])
    ranked = sorted(dict.fromkeys(c.key for c in commit.candidates), key=lambda key: -chances[key])
    return [key for key in ranked if chances[key] >= threshold][:BUDGET]


def frontier(
    commits: Sequence[Commit], thresholds: Sequence[float], budgets: Sequence[int] = ()
) -> list[tuple[str, ...]]:
    """The table: specflow as it ships, and with each smaller budget (FRONTIER-6); the learned
    order of the same questions, and each threshold, leave-one-project-out (FRONTIER-4)."""
    names = list(dict.fromkeys(commit.project for commit in commits))
    if len(names) < 2:
        bad_input("--project: leave-one-project-out needs two projects or more")
    models = {name: left_out(commits, name) for name in names}
    rows = [score_row("as shipped", score([Outcome(c.label, tuple(shown(c))) for c in commits]))]
    for budget in budgets:
        outcomes = [Outcome(c.label, tuple(shown(c, budget))) for c in commits]
        rows.append(score_row(f"budget {budget}", score(outcomes)))
    for threshold in (None, *thresholds):
        outcomes = [
            Outcome(c.label, tuple(selected(models[c.project], c, threshold))) for c in commits
        ]
        name = "learned order" if threshold is None else f"learned >= {threshold:g}"
        rows.append(score_row(name, score(outcomes)))
    return rows


def replayed(name: str, labelled: Path, history: Path, specflow: Sequence[str]) -> list[Commit]:
    labels = load_labels(labelled / "labels.yaml")
    specs, contexts = read_specs(labelled / "specs")
    commits = []
    with tempfile.TemporaryDirectory(prefix=f"bench-frontier-{name}-") as folder:
        scratch = Scratch(Path(folder), history, specs, read_absent(labelled / "absent.txt"))
        for label in labels:
            commit = scratch.replay(label.sha)
            review = specflow_json(
                specflow, Path(folder), ("review", commit, "--format", "json", "--all")
            )
            commits.append(Commit(name, label, tuple(candidates(review, contexts))))
    return commits


def main(argv: Sequence[str] | None = None) -> int:
    parser = argument_parser(__doc__)
    parser.add_argument("--thresholds", default=",".join(map(str, THRESHOLDS)))
    parser.add_argument("--budgets", default=",".join(map(str, BUDGETS)))
    args = parser.parse_args(argv)
    try:
        thresholds = [float(value) for value in args.thresholds.split(",")]
        budgets = [int(value) for value in args.budgets.split(",") if value]
    except ValueError:  # FRONTIER-5
        bad_input(f"--thresholds {args.thresholds} --budgets {args.budgets}: want numbers")
    specflow = shlex.split(args.specflow) if args.specflow else [str(specflow_script())]
    commits = [
        commit
        for name, history in projects(args.project, args.links)
        for commit in replayed(name, args.links / name, history, specflow)
    ]
    header = ("selection", "commits", "precision", "recall", "hit@3", "q/no-op", "q/unrelated")
    print_table([header, *frontier(commits, thresholds, budgets)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
