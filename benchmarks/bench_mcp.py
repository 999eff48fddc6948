"""ASSIST: what one `specflow mcp` tool call costs an assistant on a 20,000-file repository.

    python benchmarks/bench_mcp.py [--runs 7] [--files 20000] [--keep DIR]

Builds the synthetic repository of benchmarks/synthetic.py (committed and packed, one one-line
change in a governed file), starts `specflow mcp` in it through the MCP SDK's own stdio client,
and times, after one warm-up call each: the server's start (spawn, imports, initialize), then
each tool's round trip over the protocol. For each tool, the same question asked of the CLI
(a fresh `specflow ... --format json` process) is timed too: the ratio says what the server
saves by staying up, or what the protocol adds.

Run it with the Python of the venv that has specflow installed with its `mcp` extra. A script,
not a test: it prints MISSED when a call takes a second or more.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    machine,
    print_table,
    sizes_arguments,
    specflow_script,
    time_command,
    verdict,
    work_folder,
)
from synthetic import build, shape_for, touch

CALL_TARGET = 1.0  # seconds: "well under a second"
# (tool, its arguments, the CLI's own form of the same question)
CALLS: tuple[tuple[str, dict[str, Any], tuple[str, ...]], ...] = (
    ("specs_for", {"paths": ["src/pkg000/m40.py"]}, ("context", "src/pkg000/m40.py")),
    ("context", {"target": "handle_40"}, ("context", "handle_40")),
    ("brief", {"id": "S000"}, ("brief", "S000")),
    ("check", {"change": "worktree"}, ("check", "--worktree")),
    ("review", {"change": "worktree"}, ("review", "--worktree")),
)


def served(repo: Path, specflow: Path, runs: int) -> tuple[list[float], dict[str, list[float]]]:
    """Start times of the server and, from one server, each tool's round trips."""
    import anyio
    from mcp.client.session import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    server = StdioServerParameters(command=str(specflow), args=["mcp"], cwd=str(repo))
    starts: list[float] = []
    calls: dict[str, list[float]] = {tool: [] for tool, _, _ in CALLS}

    async def session(timed: bool) -> None:
        began = time.perf_counter()
        async with stdio_client(server) as (read, write), ClientSession(read, write) as client:
            await client.initialize()
            starts.append(time.perf_counter() - began)
            if not timed:
                return
            for tool, arguments, _ in CALLS:
                for run in range(runs + 1):
                    began = time.perf_counter()
                    result = await client.call_tool(tool, arguments)
                    elapsed = time.perf_counter() - began
                    if result.is_error:
                        raise SystemExit(f"{tool} failed: {result.content}")
                    if run:  # the first call warms the caches, as the CLI's warm-up run does
                        calls[tool].append(elapsed)

    for _ in range(runs + 1):
        anyio.run(session, False)
    anyio.run(session, True)
    return starts[1 : runs + 1], calls


def main(argv: Sequence[str] | None = None) -> int:
    args = sizes_arguments(argv, __doc__, runs=7, files="20000")
    specflow = specflow_script()
    rows: list[tuple[str, ...]] = [("what", "median s", "min-max s", "CLI s", "target")]
    with work_folder(args.keep) as root:
        for files in (int(size) for size in args.files.split(",")):
            repo = root / f"repo-{files}"
            build(repo, shape_for(files))
            touch(repo, 1)
            starts, calls = served(repo, specflow, args.runs)
            rows.append((f"{files:,} files: server start + initialize", *_figures(starts), "", ""))
            for tool, _, cli in CALLS:
                asked = time_command(tool, [str(specflow), *cli, "--format", "json"], repo, 3)
                ok = statistics.median(calls[tool]) < CALL_TARGET
                rows.append(
                    (
                        f"  {tool} call (CLI: specflow {' '.join(cli)})",
                        *_figures(calls[tool]),
                        f"{asked.median:.3f}",
                        f"< {CALL_TARGET} s: {verdict(ok)}",
                    )
                )
    print(f"machine: {machine()}; {args.runs} runs after one warm-up (the CLI: 3)\n")
    print_table(rows)
    return 0


def _figures(times: list[float]) -> tuple[str, str]:
    return f"{statistics.median(times):.3f}", f"{min(times):.3f}-{max(times):.3f}"


if __name__ == "__main__":
    sys.exit(main())
