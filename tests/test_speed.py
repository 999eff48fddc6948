"""The hook's path stays light: the spec cache and lazy imports (SPEED-*)."""

from __future__ import annotations

import argparse
import ast
import asyncio.base_events
import email.message
import inspect
import json
import os
import re
import subprocess
import sys
import typing
from pathlib import Path

from specflow import identifiers
from specflow.languages import pylayout, python, pywalk
from specflow.languages.pyconditions import governed_blocks
from specflow.languages.pysource import parse
from specflow.patch import parse_hunks
from test_review_links import TIMED, TIMED_SPEC
from testing.util import review_json

SPEC = """---
id: PAY
scope: [src/**]
---
# Payments

## Context
- Amounts are integer cents.

## Requirements
- PAY-1: Amounts are stored as integer cents.

## Edge Cases
- PAY-E1: A zero amount.
"""


def imported_modules(repo, *args: str) -> tuple[int, str]:
    """Run specflow in a fresh interpreter with `-X importtime`; its module list and exit code."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "specflow", *args],
        cwd=repo.path,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stderr


def test_second_check_takes_specs_from_the_cache_without_the_parsers(repo):
    """SPEED-1, SPEED-3, SPEED-7, SPEED-9: a warm cache means no markdown-it, no YAML, no review
    stages, and the hook's command line imports neither typer nor pathspec."""
    repo.commit("spec", {"specs/pay.md": SPEC, "src/pay.py": "# PAY-1\n"})
    repo.stage({"src/pay.py": "# PAY-1\nx = 1\n"})
    code, cold = imported_modules(repo, "check", "--staged")
    assert code == 0 and "markdown_it" in cold
    assert (repo.path / ".git" / "specflow" / "specs.pickle").is_file()
    code, warm = imported_modules(repo, "check", "--staged")
    assert code == 0
    heavy_modules = (
        "markdown_it",
        "yaml",
        "specflow.touches",
        "specflow.ripple",
        "specflow.link",
        "specflow.linkmatch",
        "specflow.words",
        "specflow.confidence",
        "specflow.pipeline_review",
    )
    for heavy in (*heavy_modules, "specflow.review", "typer", "pathspec"):
        assert f" {heavy}\n" not in warm, heavy


def test_a_spec_changed_in_the_index_is_parsed_again(repo, cli):
    """SPEED-E1, SPEED-1"""
    repo.commit("spec", {"specs/pay.md": SPEC, "src/pay.py": "# PAY-1\n"})
    assert cli("check", "--staged").code == 0
    repo.stage({"specs/pay.md": SPEC.replace("- PAY-1:", "- PAY-2: New.\n- PAY-1:")})
    result = cli("check", "--staged")
    assert result.code == 1 and "PAY-2 is referenced nowhere" in result.out


def test_a_corrupt_or_foreign_cache_is_ignored(repo, cli):
    """SPEED-2"""
    repo.commit("spec", {"specs/pay.md": SPEC, "src/pay.py": "# PAY-1\n"})
    cache = repo.path / ".git" / "specflow" / "specs.pickle"
    cache.parent.mkdir(parents=True)
    for junk in (b"not a pickle", b"\x80\x04N.", b""):
        cache.write_bytes(junk)
        repo.stage({"src/pay.py": "# PAY-9\n"})
        result = cli("check", "--staged")
        assert result.code == 1 and "PAY-9 does not exist" in result.out


def test_lint_findings_are_kept_for_the_same_spec_files_only(repo, cli):
    """SPEED-10: a warm check neither lints nor imports the linter; a spec changed in the index,
    or a lint cache that is stale, corrupt, foreign or missing, gives a fresh lint's findings."""
    broken = SPEC.replace("- PAY-E1: A zero amount.", "- PAY-1: Twice.")  # a duplicate ID
    repo.commit("spec", {"specs/pay.md": broken, "src/pay.py": "# PAY-1\n"})
    repo.stage({"src/pay.py": "# PAY-1\nx = 1\n"})
    first = cli("check", "--staged")
    assert first.code == 1 and "[duplicate-id]" in first.out
    cache = repo.path / ".git" / "specflow" / "lint.pickle"
    kept = cache.read_bytes()
    code, warm = imported_modules(repo, "check", "--staged")
    assert (
        code == 1 and " specflow.lint\n" not in warm and " specflow.sources.markdown\n" not in warm
    )
    header, body = kept.split(b"\n", 1)
    for damaged in (b"", kept[: len(kept) // 2], b"junk", b"x" + header + b"\n" + body):
        cache.write_bytes(damaged)
        assert cli("check", "--staged").out == first.out
    repo.stage({"specs/pay.md": SPEC})  # fixed in the index: a stale copy must not be used
    cache.write_bytes(kept)
    fixed = cli("check", "--staged")
    assert fixed.code == 0 and "duplicate-id" not in fixed.out
    cache.unlink()
    assert cli("check", "--staged").out == fixed.out


def test_an_unwritable_cache_only_costs_time(repo, cli):
    """SPEED-2: a file where the cache folder should be."""
    repo.commit("spec", {"specs/pay.md": SPEC, "src/pay.py": "# PAY-1\n"})
    (repo.path / ".git" / "specflow").write_text("in the way")
    assert cli("check", "HEAD").code == 0


def test_opening_the_repository_runs_one_git_process(repo, monkeypatch):
    """SPEED-4"""
    import subprocess as sp

    from specflow import gitio

    head = repo.commit("first", {"a.txt": "a\n"})
    calls: list[list[str]] = []
    real = sp.Popen

    def counting(command, *args, **kwargs):
        calls.append(list(command))
        return real(command, *args, **kwargs)

    monkeypatch.setattr(gitio.subprocess, "Popen", counting)
    info = gitio.open_repo(repo.path)
    assert info.head == head and info.root == repo.path
    assert len(calls) == 1


def test_the_hook_benchmark_runs_and_prints_its_table(tmp_path):
    """SPEED-5: the script measures (no timing is asserted: figures live in docs/benchmarks.md)."""
    from pathlib import Path

    script = Path(__file__).parents[1] / "benchmarks" / "bench_check.py"
    done = subprocess.run(
        [sys.executable, str(script), "--runs", "1", "--files", "100", "--keep", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "git commit + hooks - git commit" in done.stdout
    assert "specflow check --staged (100 files" in done.stdout
    assert "floor: git grep --cached" in done.stdout


def test_a_damaged_or_foreign_cache_is_a_miss_never_a_crash(repo, cli):
    """SPEED-2, SPEED-8: both caches, truncated, with bytes flipped, from another version, or
    naming a class that has moved since: the check runs as if there were no cache."""
    repo.commit("spec", {"specs/pay.md": SPEC, "src/pay.py": "# PAY-1\n"})
    repo.stage({"src/pay.py": "# PAY-1\nx = 1\n"})
    assert cli("check", "--staged").code == 0
    folder = repo.path / ".git" / "specflow"
    for name, module in (("specs.pickle", b"specflow.model"), ("refs.pickle", b"specflow.refs")):
        good = (folder / name).read_bytes()
        header, body = good.split(b"\n", 1)
        damaged = [
            good[: len(good) // 2],
            good.replace(module, module[:-1] + b"z"),  # the class moved in another release
            header.replace(b"specflow ", b"specflow 0.0.0-", 1) + b"\n" + body,
            *(
                good[:at] + bytes([good[at] ^ 0xFF]) + good[at + 1 :]
                for at in range(len(header) + 1, len(good), 53)
            ),
        ]
        for junk in damaged:
            (folder / name).write_bytes(junk)
            repo.stage({"src/pay.py": "# PAY-9\n"})
            result = cli("check", "--staged")
            assert result.code == 1 and "PAY-9 does not exist" in result.out, (name, junk[:60])
            repo.stage({"src/pay.py": "# PAY-1\n"})
            assert cli("check", "--staged").code == 0, (name, junk[:60])


def test_a_changed_condition_is_read_up_to_its_first_line_outside_a_condition(repo, cli):
    """SPEED-15, REVIEW-18: a hunk that changes an `except` clause and adds a comment still
    asks about the block the clause governs (a comment is no code line), by the name that
    block raises; with a changed statement outside any condition, before the clause or after
    it, the hunk governs no block."""
    repo.commit("base", {"specs/timed.md": TIMED_SPEC, "timed.py": TIMED})
    clause = ("    except ValueError", "    # OSError on Windows\n    except (ValueError, OSError)")
    repo.commit("catch", {"timed.py": TIMED.replace(*clause)})
    [question] = review_json(cli, "HEAD")["questions"]
    assert question["statement"]["id"] == "TIMED-2"
    assert question["evidence"]["names"] == ["BadTimeSignature"]
    assert governed(repo, TIMED.replace(*clause)) == {0: "        raise BadTimeSignature"}
    before = TIMED.replace(*clause).replace("fromtimestamp(ts,", "fromtimestamp(float(ts),")
    after = TIMED.replace(*clause).replace("        raise", "        log(exc)\n        raise")
    assert governed(repo, before) == governed(repo, after) == {}


def governed(repo, text: str) -> dict[int, str]:
    """The blocks each hunk of `timed.py`'s change from TIMED to `text` governs, as the review
    finds them: the hunks git writes, the trees of both sides; each block's first words."""
    (repo.path / "timed.py").write_text(text)
    diff = subprocess.run(
        ["git", "diff", "HEAD~1", "--", "timed.py"], cwd=repo.path, capture_output=True, check=True
    ).stdout.decode()
    hunks = parse_hunks("timed.py", diff[diff.index("@@") :])
    assert hunks
    trees = (parse(TIMED.encode()), parse(text.encode()))
    found = governed_blocks(hunks, set(), trees, text.encode())
    return {index: block.split("(")[0] for index, block in found.items()}


# Registered at start-up in the process under test: it writes its file only if the process is
# finalised as Python normally ends one.
_AT_EXIT = """import atexit, pathlib
atexit.register(pathlib.Path({marker!r}).write_text, "finalised")
"""


def test_review_and_context_leave_the_process_without_freeing_once_the_output_is_out(
    bcrypt_commit, cli, tmp_path
):
    """SPEED-14: run as the `specflow` command, `review` and `context` end the process once
    their whole output is written, with exit code 0 and no teardown; through CliRunner (inside
    pytest) they return as any command does. A command without it is finalised."""
    site = tmp_path / "site"
    site.mkdir()
    marker = tmp_path / "finalised"
    (site / "sitecustomize.py").write_text(_AT_EXIT.format(marker=str(marker)))
    env = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}

    def command(*args: str) -> str:
        marker.unlink(missing_ok=True)
        done = subprocess.run(
            [sys.executable, "-m", "specflow", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    for args in (
        ("review", bcrypt_commit, "--format", "json"),
        ("review", bcrypt_commit, "--format", "markdown"),
        ("context", "src/auth/reset.py", "--format", "json"),
    ):
        out = command(*args)
        assert not marker.exists(), args
        in_process = cli(*args)
        assert in_process.code == 0 and out == in_process.out, args
    assert json.loads(command("review", bcrypt_commit, "--format", "json"))["questions"]
    command("list")
    assert marker.read_text() == "finalised"


# Every block a statement can sit in, each writing an attribute of its own that `reader.py`
# reads; `nested` is a scope of its own, walked after the function. `except*` is Python 3.11's:
# on 3.10 the source would not parse, so a plain `except` stands in.
BLOCKS = """def settle(order, event):
    order.{0}_opened = 1
    try:
        order.{0}_tried = 2
    {1} ValueError:
        order.{0}_caught = 3
    else:
        order.{0}_settled = 4
    finally:
        order.{0}_closed = 5
    match event:
        case {{"kind": "refund"}}:
            order.{0}_refunded = 6
        case _:
            with open(order.path) as handle:
                order.{0}_read = handle.read()

    class Step:
        order.{0}_stepped = 7

    def nested():
        order.{0}_nested = 8

    return nested
"""
EXCEPT = "except*" if sys.version_info >= (3, 11) else "except"
WRITTEN = ("opened", "tried", "caught", "settled", "closed", "refunded", "read", "stepped")


def test_a_rewritten_function_is_walked_whole_in_every_block(repo, cli):
    """SPEED-16: a function every line of which the change writes is walked without asking
    which statements hold a changed line: every attribute written in any block (`try`,
    `except*`, `else`, `finally`, `case`, `with`, a class body, a nested function) is a
    ripple to the line that reads it."""
    names = [f"new_{name}" for name in (*WRITTEN, "nested")]  # ripples show 12 at most
    reads = "".join(f"def read_{name}(order):\n    return order.{name}\n" for name in names)
    repo.commit("base", {"orders.py": BLOCKS.format("old", EXCEPT), "reader.py": reads})
    repo.commit("rewrite", {"orders.py": BLOCKS.format("new", EXCEPT)})
    ripples = review_json(cli, "HEAD", "--all")["ripples"]
    found = {(r["symbol"]["name"], r["symbol"]["kind"]) for r in ripples}
    for name in (*WRITTEN, "nested"):
        assert (f"new_{name}", "write") in found, name


def test_the_walk_of_a_rewritten_function_finds_what_the_line_by_line_walk_finds():
    """SPEED-16: on every function of a few standard modules and of specflow itself, the
    statements of a whole function, in order, are those the walk that checks each statement's
    lines finds when every line of the function is asked about."""
    sources = [inspect.getsource(m) for m in (argparse, asyncio.base_events, email.message, typing)]
    sources += [path.read_text() for path in Path(python.__file__).parents[1].rglob("*.py")]
    sources.append(BLOCKS.format("x", EXCEPT))
    walked = 0
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                every = list(range(node.lineno, (node.end_lineno or node.lineno) + 1))
                assert list(pywalk.statements_on(node, every)) == _line_by_line(node, every)
                walked += 1
    assert walked > 1000


def _line_by_line(scope, lines):
    """The walk before SPEED-16: each statement's lines checked."""
    found = []
    for field in ("body", "orelse", "finalbody", "handlers", "cases"):
        for child in getattr(scope, field, ()):
            if not isinstance(child, ast.stmt):  # a handler or a `case`: its statements
                found += _line_by_line(child, lines)
            elif pywalk.touches(child, lines):
                found.append(child)
                if isinstance(child, pywalk.COMPOUND_ONLY):
                    found += _line_by_line(child, lines)
    return found


def _loop_bound_everywhere(text: str) -> frozenset[str]:
    """REVIEW-E131's search before SPEED-17: `\\bfor` tried at every character of every hunk."""
    code = "\n".join(line for line in text.split("\n") if line.lstrip()[:1] not in ("#", "/", "*"))
    if "for" not in code and "lambda" not in code:
        return frozenset()
    bare = identifiers.BARE.findall
    found = {name for targets in identifiers._FOR_TARGETS.findall(code) for name in bare(targets)}
    for parameters in identifiers._LAMBDA.findall(code):
        found.update(m[0] for p in parameters.split(",") if (m := bare(p.split("=")[0])))
    return frozenset(found)


def test_loops_are_searched_where_they_may_be_and_bind_the_same_names():
    """SPEED-17: over every run of ten lines of a few standard modules and of specflow itself
    (prose with "for", a target list across a comment line, `lambda` in a string), the names
    bound are those the search of every character finds, and so are the code's names."""
    sources = [inspect.getsource(m) for m in (argparse, asyncio.base_events, email.message, typing)]
    sources += [path.read_text() for path in Path(python.__file__).parents[1].rglob("*.py")]
    sources.append("for (key,\n  # the key\n  value) in pairs:\n    pass\nx = 'lambda y: y'\n")
    bound = 0
    for source in sources:
        lines = source.split("\n")
        for start in range(0, len(lines), 5):
            text = "\n".join(lines[start : start + 10])
            assert identifiers.loop_bound(text) == _loop_bound_everywhere(text), text
            bound += bool(identifiers.loop_bound(text))
    assert bound > 1000


def _built_by_pattern(source: bytes, function: str) -> tuple[str, ...]:
    """REVIEW-E190's search before SPEED-18: a pattern compiled for each function."""
    found = re.finditer(
        rb"^([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*" + re.escape(function.encode()) + rb"\(",
        source,
        re.MULTILINE,
    )
    return tuple(dict.fromkeys(match[1].decode() for match in found))


def test_a_factorys_bindings_are_found_as_the_pattern_found_them():
    """SPEED-18: the plain search for `name = factory(` finds what the pattern per function
    found, over bindings with annotations, tabs, a call in a def line, a longer name, a
    second binding and a call inside an expression."""
    source = (
        b"def __get_gettz():\n    return 1\n\n\ngettz = __get_gettz()\n"
        b"tz: object =\t__get_gettz()\nx = not__get_gettz()\nother = 1 + __get_gettz()\n"
        b"gettz = __get_gettz()\n    inner = __get_gettz()\n"
    )
    for function in ("__get_gettz", "get_gettz", "absent"):
        assert pylayout._built_by(source, function) == _built_by_pattern(source, function)
    assert pylayout._built_by(source, "__get_gettz") == ("gettz", "tz")
