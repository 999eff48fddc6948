"""`specflow mcp` driven by the MCP SDK's own stdio client, on the demo story's repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from specflow.commands import demo

if TYPE_CHECKING:
    # Imported when a test runs, not at collection: the SDK and pydantic would grow the pytest
    # process by ~40 MB for every test after, and a child's ru_maxrss starts from the RSS of
    # the process it was forked from (test_matrix's memory bounds measure exactly that).
    from mcp.client.session import ClientSession

SPECFLOW = str(Path(sys.executable).with_name("specflow"))


def demo_repository(root: Path) -> Path:
    """The demo's repository up to the reset spec: login, sessions, and RESET."""
    root.mkdir()
    demo._init(root)
    for step in ("1-login", "2-sessions", "3-reset-spec"):
        assert demo._commit(root, step) is not None
    return root


def write_step(root: Path, step: str) -> None:
    demo._write(root, step)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)  # new files, as before a commit


Session = Callable[["ClientSession"], Awaitable[None]]


def talk(root: Path, conversation: Session, args: tuple[str, ...] = ()) -> None:
    import anyio
    from mcp.client.session import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    async def main() -> None:
        server = StdioServerParameters(command=SPECFLOW, args=["mcp", *args], cwd=str(root))
        async with stdio_client(server) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            await conversation(session)

    anyio.run(main)


async def call(session: ClientSession, tool: str, **arguments: Any) -> tuple[bool, Any, str]:
    result = await session.call_tool(tool, arguments)
    text = "".join(getattr(block, "text", "") for block in result.content)
    return bool(result.is_error), result.structured_content, text


def test_the_story_through_the_assistants_tools(tmp_path: Path) -> None:
    """ASSIST-1, ASSIST-3, ASSIST-6, ASSIST-7, ASSIST-9: specs_for, context, then check blocks
    the bcrypt reset with the constraint and the unreferenced requirements, and passes the fix."""
    root = demo_repository(tmp_path / "story")

    async def conversation(session: ClientSession) -> None:
        tools = {tool.name for tool in (await session.list_tools()).tools}
        assert tools == {"specs_for", "context", "brief", "check", "review"}

        error, data, text = await call(session, "specs_for", paths=["src/auth/reset.py"])
        assert not error and data["schema"] == 1
        reset = next(spec for spec in data["specs"] if spec["id"] == "RESET")
        assert any("SHA-256" in c["text"] for c in reset["context"])
        assert [r["id"] for r in reset["requirements"]][:2] == ["RESET-1", "RESET-2"]
        assert reset["constraints"] and "RESET" in text

        error, data, text = await call(session, "context", target="password_hash")
        assert not error and data["kind"] == "context"
        assert "verify_password" in text
        assert any(
            u["callee"] == "verify_password" or "verify_password" in u["text"]
            for u in data["name"]["uses"]
        )

        write_step(root, "4-bcrypt-reset")
        error, data, text = await call(session, "check")
        assert not error and data["blocking"] is True
        rules = {f["rule"] for f in data["findings"]}
        assert {"constraint", "unreferenced-requirement"} <= rules
        assert "import bcrypt" in text or "bcrypt" in text

        write_step(root, "5-fixed-reset")
        error, data, text = await call(session, "check", change="worktree")
        assert not error and data["blocking"] is False, text

    talk(root, conversation)


def test_review_brief_resources_and_the_implement_prompt(tmp_path: Path) -> None:
    """ASSIST-8, ASSIST-10, ASSIST-11, ASSIST-12: the review through the CLI's serialiser, the
    brief, one resource per spec, and the implement prompt with its rule."""
    root = demo_repository(tmp_path / "story")
    cli = subprocess.run(
        [SPECFLOW, "review", "HEAD", "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )

    async def conversation(session: ClientSession) -> None:
        import json

        error, data, _ = await call(session, "review", change="HEAD")
        assert not error and data == json.loads(cli.stdout)

        error, data, text = await call(session, "brief", id="RESET-1")
        assert not error and data["kind"] == "brief" and data["spec"]["id"] == "RESET"
        assert "RESET-1" in text

        listed = {str(r.uri) for r in (await session.list_resources()).resources}
        assert {"specflow://spec/AUTH", "specflow://spec/RESET"} <= listed
        read = await session.read_resource("specflow://spec/RESET")
        spec = (root / "specs/password-reset.md").read_text(encoding="utf-8")
        assert read.contents[0].text == spec  # type: ignore[union-attr]

        (listed_prompt,) = (await session.list_prompts()).prompts  # what a client shows
        assert (listed_prompt.description or "").startswith("The spec's brief and the rule")
        prompt = await session.get_prompt("implement", {"spec_id": "RESET"})
        said = prompt.messages[0].content.text  # type: ignore[union-attr]
        assert "RESET-1" in said and "specs_for" in said and "`check`" in said

    talk(root, conversation)


def test_bad_input_is_a_tool_error_and_the_server_goes_on(tmp_path: Path) -> None:
    """ASSIST-4, ASSIST-5, ASSIST-E1, ASSIST-E2, ASSIST-E4: an unknown ID, a path outside the
    repository, a revision starting with '-' or not one line, a name on two lines, an argument
    the tool does not take: each a tool error with the CLI's one-line message; the prompt of an
    unknown spec, an invalid-params error."""
    from mcp.shared.exceptions import MCPError
    from mcp_types import INVALID_PARAMS

    root = demo_repository(tmp_path / "story")

    async def conversation(session: ClientSession) -> None:
        error, _, text = await call(session, "brief", id="NOPE-9")
        assert error and "specflow: error: no spec or requirement 'NOPE-9'" in text
        error, _, text = await call(session, "specs_for", paths=["../../etc/passwd"])
        assert error and "outside the repository" in text
        error, _, text = await call(session, "context", target="/etc/passwd")
        assert error and "outside the repository" in text
        error, _, text = await call(session, "context", target="")  # REVIEW-E4, as the CLI
        assert error and "context of nothing" in text
        error, _, text = await call(session, "context", target="src")
        assert error and "src is a folder" in text
        error, _, text = await call(session, "review", change="--output=/tmp/x")
        assert error and "starts with '-'" in text
        for target in ("x\0y", "hash_password\nverify_password"):  # REVIEW-E4
            error, _, text = await call(session, "context", target=target)
            assert error and "is one line of text" in text, text
        error, _, text = await call(session, "review", change="HEAD\0")  # GIT-E12
        assert error and "specflow: error: refusing revision" in text, text
        with pytest.raises(MCPError) as refused:  # ASSIST-E2
            await session.get_prompt("implement", {"spec_id": "NOPE"})
        assert refused.value.code == INVALID_PARAMS
        assert refused.value.message.startswith("specflow: error: no spec or requirement 'NOPE'")
        error, _, text = await call(session, "check", change="HEAD")
        assert error and "worktree, staged" in text
        # ASSIST-E4: the CLI's word for the argument, which the SDK dropped (a work tree review)
        error, _, text = await call(session, "review", rev="HEAD")
        assert error and text == (
            "specflow: error: review takes no argument 'rev' (its arguments: change)"
        )
        error, _, text = await call(session, "specs_for", paths=["src/x.py"], staged=True)
        assert error and "specs_for takes no argument 'staged'" in text
        assert "Traceback" not in text
        error, data, _ = await call(session, "specs_for", paths=["src/auth/users.py"])
        assert not error and data["specs"]

    talk(root, conversation)


def test_without_the_sdk_mcp_exits_2_with_the_install_command(tmp_path: Path) -> None:
    """ASSIST-2: an `mcp` that cannot be imported gives one line and exit 2; ASSIST-E5: so does
    a plain `pip install specflow`, where anyio, which the SDK brings, is missing too."""
    root = demo_repository(tmp_path / "story")
    blocker = tmp_path / "blocker"
    for module in ("mcp", "anyio"):
        (blocker / module).mkdir(parents=True)
        (blocker / module / "__init__.py").write_text(
            f"raise ModuleNotFoundError(name={module!r})\n"
        )
    done = subprocess.run(
        [SPECFLOW, "mcp"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(blocker), "HOME": str(tmp_path)},
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "pip install 'specflow[mcp]'" in done.stderr


def test_stdout_carries_protocol_messages_only(tmp_path: Path) -> None:
    """ASSIST-1: every line the server writes to stdout is a JSON-RPC message."""
    import json

    root = demo_repository(tmp_path / "story")
    messages = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "t", "version": "0"},
            },
        },
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {
            "jsonrpc": "2.0",
            "id": 2,
            "method": "tools/call",
            "params": {"name": "brief", "arguments": {"id": "NOPE"}},
        },
    ]
    server = subprocess.Popen(
        [SPECFLOW, "mcp"],
        cwd=root,
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert server.stdin is not None and server.stdout is not None
    server.stdin.write("".join(json.dumps(m) + "\n" for m in messages))
    server.stdin.flush()
    lines = [server.stdout.readline(), server.stdout.readline()]
    server.stdin.close()  # the client hangs up: the server ends, and says nothing more
    rest = server.stdout.read()
    assert server.wait(timeout=60) == 0
    assert rest == ""  # the answers to initialize and to the call; no other line
    answers = [json.loads(line) for line in lines]
    assert [a["id"] for a in answers] == [1, 2]
    assert answers[1]["result"]["isError"] is True
    server.stderr.close()  # type: ignore[union-attr]
    shutil.rmtree(root)


def test_a_spec_that_does_not_parse_is_a_tool_error_not_a_dead_server(tmp_path: Path) -> None:
    """ASSIST-4: the server starts, and each call says which file is wrong and where."""
    root = demo_repository(tmp_path / "story")
    (root / "specs" / "broken.md").write_bytes(b"---\nid: [unclosed\n---\n# Broken\n")

    async def conversation(session: ClientSession) -> None:
        error, _, text = await call(session, "specs_for", paths=["src/auth/users.py"])
        assert error and "specflow: error: specs/broken.md" in text
        assert (await session.list_resources()).resources == []
        (root / "specs" / "broken.md").unlink()
        error, data, _ = await call(session, "specs_for", paths=["src/auth/users.py"])
        assert not error and data["specs"]

    talk(root, conversation)


def piped(root: Path, lines: list[str]) -> tuple[int, list[dict[str, Any]]]:
    """`printf LINES | specflow mcp`: stdin ends right after the last line."""
    import json

    done = subprocess.run(
        [SPECFLOW, "mcp"],
        cwd=root,
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()]


HELLO = [
    '{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": '
    '"2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "0"}}}',
    '{"jsonrpc": "2.0", "method": "notifications/initialized"}',
]


def test_requests_piped_before_stdin_ends_are_all_answered(tmp_path: Path) -> None:
    """ASSIST-E3: the trial's `printf ... | specflow mcp` got the answer to initialize alone
    (the SDK cancels what is in flight at EOF); now each request read is answered, then exit 0."""
    root = demo_repository(tmp_path / "story")
    calls = [
        '{"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {"name": "check"}}',
        '{"jsonrpc": "2.0", "id": "three", "method": "tools/call", "params": {"name": '
        '"context", "arguments": {"target": "password_hash"}}}',
    ]
    code, answers = piped(root, [*HELLO, *calls])
    assert code == 0
    assert sorted(str(answer["id"]) for answer in answers) == ["1", "2", "three"]
    by_id = {answer["id"]: answer["result"] for answer in answers}
    assert by_id[2]["structuredContent"]["schema"] == 1
    assert "verify_password" in by_id["three"]["content"][0]["text"]


def test_a_line_that_is_not_a_message_gets_a_json_rpc_error(tmp_path: Path) -> None:
    """ASSIST-E3: not JSON is -32700 and JSON that is no message -32600 (with its id when it
    has one), as JSON-RPC says; a blank line gets nothing; the server goes on."""
    root = demo_repository(tmp_path / "story")
    ping = '{"jsonrpc": "2.0", "id": 4, "method": "ping"}'
    bad_field = '{"jsonrpc": "2.0", "id": 5, "method": 5}'  # helper-58: its id, not null
    code, answers = piped(root, [*HELLO, "not json", "", '{"id": 3, "foo": 1}', bad_field, ping])
    assert code == 0
    found = sorted((str(a["id"]), a.get("error", {}).get("code", 0)) for a in answers)
    assert found == [("1", 0), ("3", -32600), ("4", 0), ("5", -32600), ("None", -32700)]
