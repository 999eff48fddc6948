"""`specflow mcp`: the assistant's questions served over the Model Context Protocol (stdio), with
the official SDK. Read-only: every tool answers from `assistant`, which reads git and the work
tree and writes nothing there, bar the caches of `.git/specflow/` (ASSIST-1).

The SDK reads the tools' annotations at run time, so this module imports it at the top (and
`cli.mcp` imports this module only for `specflow mcp`) and has no postponed annotations."""

import functools
from collections.abc import AsyncIterable, Callable, Mapping
from functools import partial
from inspect import signature
from pathlib import Path
from typing import Annotated, Any, Protocol

import anyio
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError, ResourceNotFoundError, ToolError
from mcp.server.mcpserver.resources import FunctionResource
from mcp.server.stdio import stdio_server
from mcp.shared.exceptions import MCPError
from mcp.shared.message import SessionMessage
from mcp_types import (
    INVALID_PARAMS,
    INVALID_REQUEST,
    PARSE_ERROR,
    CallToolResult,
    ErrorData,
    JSONRPCError,
    JSONRPCNotification,
    JSONRPCRequest,
    JSONRPCResponse,
    RequestId,
    TextContent,
    ToolAnnotations,
)
from pydantic import Field, ValidationError

from specflow import __version__, pipeline
from specflow.commands import assistant
from specflow.entry import failure_message
from specflow.errors import SpecflowError
from specflow.gitio import RepoInfo

URI = "specflow://spec/"
Arguments = Mapping[str, frozenset[str]]  # each tool's name: the arguments it takes
CANCELLED = "notifications/cancelled"


class Sink(Protocol):
    """Where messages go: the SDK's stdout stream, or anyio's memory stream to the server."""

    async def send(self, item: Any, /) -> None: ...

    async def aclose(self) -> None: ...


# The text for assistants that read text, and the data: the object the CLI's JSON holds.
ToolResult = Annotated[CallToolResult, dict[str, Any]]
# What each tool takes, as its JSON schema tells the assistant. Values are checked by
# `assistant`, not by the SDK, so a wrong one gets the CLI's one-line message (ASSIST-4).
Paths = Annotated[list[str], Field(description="Files about to change, relative to the root")]
Target = Annotated[str, Field(description="A name (password_hash) or a file path")]
Key = Annotated[str, Field(description="A spec ID (RESET) or a requirement ID (RESET-1)")]
Change = Annotated[
    str,
    Field(
        description="The work tree or the index, each against HEAD",
        json_schema_extra={"enum": list(assistant.CHANGES)},
    ),
]
Revision = Annotated[
    str, Field(description="worktree, staged, or a commit or range (HEAD, main...HEAD)")
]


def serve(root: Path) -> None:
    """Serve the repository at `root` on stdin and stdout until the client hangs up."""
    repo = pipeline.open_repository(root)
    arguments = {tool.__name__: frozenset(signature(tool).parameters) for tool in _tools(repo)}
    anyio.run(_serve_stdio, build(repo), arguments)


# ASSIST-E3: how long the requests read before stdin ended may take to be answered; a handler
# that never returns must not keep the process alive after its client has gone.
DRAIN_SECONDS = 120.0


async def _serve_stdio(server: MCPServer[Any], arguments: Arguments) -> None:
    """As `MCPServer.run("stdio")`, with the client's messages relayed in between.

    ASSIST-E3: the SDK cancels every handler still running when stdin ends (its issue #2678),
    so `printf '...' | specflow mcp` answered `initialize` alone: the relay holds the end of
    stdin back until each request read has its answer. A line that is not a JSON-RPC message
    reaches the SDK as an exception it drops without a word; the relay answers it, and a tool
    call with an argument the tool does not take (ASSIST-E4: `arguments`, each tool's).
    """
    lowlevel = server._lowlevel_server  # what run("stdio") serves; the SDK offers no other door
    unanswered = _Unanswered()
    async with stdio_server() as (stdin, stdout):
        to_server, from_client = anyio.create_memory_object_stream[SessionMessage | Exception]()
        to_client, from_server = anyio.create_memory_object_stream[SessionMessage]()
        async with anyio.create_task_group() as tasks:
            relay = partial(_relay_requests, arguments=arguments)
            tasks.start_soon(relay, stdin, to_server, stdout, unanswered)
            tasks.start_soon(_relay_answers, from_server, stdout, unanswered)
            options = lowlevel.create_initialization_options()
            await lowlevel.run(from_client, to_client, options)


class _Unanswered:
    """The ids of the requests read and not yet answered."""

    def __init__(self) -> None:
        self.ids: set[RequestId] = set()
        self._changed = anyio.Event()

    def add(self, request_id: RequestId) -> None:
        self.ids.add(request_id)

    def discard(self, request_id: RequestId | None) -> None:
        if request_id is not None:
            self.ids.discard(request_id)
        self._changed.set()
        self._changed = anyio.Event()

    async def none_left(self) -> None:
        while self.ids:
            await self._changed.wait()


async def _relay_requests(
    stdin: AsyncIterable[SessionMessage | Exception],
    to_server: Sink,
    stdout: Sink,
    unanswered: _Unanswered,
    arguments: Arguments,
) -> None:
    try:
        await _relay_each_request(stdin, to_server, stdout, unanswered, arguments)
        with anyio.move_on_after(DRAIN_SECONDS):
            await unanswered.none_left()
    finally:
        await to_server.aclose()  # the server's EOF, once each request read has its answer


async def _relay_each_request(
    stdin: AsyncIterable[SessionMessage | Exception],
    to_server: Sink,
    stdout: Sink,
    unanswered: _Unanswered,
    arguments: Arguments,
) -> None:
    async for item in stdin:
        if isinstance(item, Exception):
            if (answer := _unreadable(item)) is not None:
                await stdout.send(SessionMessage(answer))
            continue
        message = item.message
        if isinstance(message, JSONRPCRequest):
            if refusal := _unknown(message, arguments):
                await stdout.send(SessionMessage(refusal))
                continue
            unanswered.add(message.id)
        elif isinstance(message, JSONRPCNotification) and message.method == CANCELLED:
            unanswered.discard((message.params or {}).get("requestId"))
        await to_server.send(item)


async def _relay_answers(
    from_server: AsyncIterable[SessionMessage], stdout: Sink, unanswered: _Unanswered
) -> None:
    try:
        async for item in from_server:
            await stdout.send(item)
            if isinstance(item.message, (JSONRPCResponse, JSONRPCError)):
                unanswered.discard(item.message.id)
    finally:
        await stdout.aclose()


def _unknown(request: JSONRPCRequest, arguments: Arguments) -> JSONRPCResponse | None:
    """ASSIST-E4: a tool's error for a call with an argument the tool does not take (`rev` for
    `change`), which the SDK would drop, answering for the default instead."""
    params = request.params or {}
    name, given = params.get("name"), params.get("arguments")
    if request.method != "tools/call" or not isinstance(given, dict):
        return None
    if not isinstance(name, str) or name not in arguments:
        return None
    unknown = sorted(set(given) - arguments[name])
    if not unknown:
        return None
    takes = ", ".join(sorted(arguments[name]))
    text = f"specflow: error: {name} takes no argument {', '.join(map(repr, unknown))}"
    text += f" (its arguments: {takes})" if takes else " (it takes none)"
    result = CallToolResult(content=[TextContent(type="text", text=text)], is_error=True)
    answer = result.model_dump(by_alias=True, exclude_unset=True, mode="json")
    return JSONRPCResponse(jsonrpc="2.0", id=request.id, result=answer)


def _unreadable(error: Exception) -> JSONRPCError | None:
    """ASSIST-E3: JSON-RPC's answer to a line that is not JSON (-32700) or not a message
    (-32600); None for a blank line, which a client sends between messages, if at all."""
    details: dict[str, Any] = dict(error.errors()[0]) if isinstance(error, ValidationError) else {}
    text = details.get("input")
    if isinstance(text, str) and not text.strip():
        return None
    if details.get("type") == "json_invalid":
        failure = ErrorData(code=PARSE_ERROR, message=f"Parse error: {details.get('msg', '')}")
        return JSONRPCError(jsonrpc="2.0", id=None, error=failure)
    # the message's id, from the error whose input is the whole message (not one field's)
    errors = error.errors() if isinstance(error, ValidationError) else []
    ids = (e["input"].get("id") for e in errors if isinstance(e.get("input"), dict))
    valid_id = next((i for i in ids if isinstance(i, (str, int))), None)
    failure = ErrorData(code=INVALID_REQUEST, message="Invalid Request: not a JSON-RPC message")
    return JSONRPCError(jsonrpc="2.0", id=valid_id, error=failure)


def build(repo: RepoInfo) -> MCPServer[Any]:
    server: MCPServer[Any] = MCPServer(
        "specflow",
        version=__version__,
        instructions="Which spec governs a file, who reads a name, and may the change land.",
        log_level="WARNING",
    )
    read_only = ToolAnnotations(read_only_hint=True, open_world_hint=False)
    for tool in _tools(repo):
        server.add_tool(tool, annotations=read_only)
    _add_resources(server, repo)
    _add_prompt(server, repo)
    return server


def _tools(repo: RepoInfo) -> list[Callable[..., ToolResult]]:
    def specs_for(paths: Paths) -> ToolResult:
        """The specs whose scope covers these files (or that they reference): each spec's
        Context, requirements (state, where implemented and verified) and constraints."""
        return _answer(lambda: assistant.specs_for(repo, paths))

    def context(target: Target) -> ToolResult:
        """As `specflow context NAME|PATH`: where a name is defined, written, read and called
        (or what a file defines and who uses it), and which specs govern those places."""
        return _answer(lambda: assistant.context(repo, target))

    def brief(id: Key) -> ToolResult:
        """As `specflow brief ID`: a spec (RESET) or requirement (RESET-1) as an
        implementation brief."""
        return _answer(lambda: assistant.brief(repo, id))

    def check(change: Change = "worktree") -> ToolResult:
        """As `specflow check --format json`: may the change (`worktree` or `staged`) land, and
        the findings that block it."""
        return _answer(lambda: assistant.check(repo, change))

    def review(change: Revision = "worktree") -> ToolResult:
        """The review checklist of a change (`worktree`, `staged` or a revision such as
        `HEAD` or `main...HEAD`) as `specflow review --format json` gives it."""
        return _answer(lambda: assistant.review(repo, change))

    return [specs_for, context, brief, check, review]


def _answer(ask: Callable[[], assistant.Answer]) -> ToolResult:
    """ASSIST-4: bad input is a tool error carrying the CLI's one-line message."""
    try:
        answer = ask()
    except (SpecflowError, OSError) as exc:
        raise ToolError(failure_message(exc)) from None
    return CallToolResult(
        content=[TextContent(type="text", text=answer.text)], structured_content=answer.data
    )


def _add_resources(server: MCPServer[Any], repo: RepoInfo) -> None:
    """ASSIST-11: one resource per spec (its Markdown), and a template for specs added later."""

    def read(spec_id: str) -> str:
        try:
            found = assistant.spec_sources(repo).get(spec_id)
        except (SpecflowError, OSError) as exc:
            raise ResourceError(failure_message(exc)) from None
        if found is None:
            raise ResourceNotFoundError(f"specflow: error: no spec {spec_id!r}")
        return found[1]

    try:
        sources = assistant.spec_sources(repo)
    except SpecflowError:  # a spec that does not parse: the tools say so, call by call
        sources = {}
    for spec_id, (path, _) in sources.items():
        server.add_resource(
            FunctionResource(
                uri=URI + spec_id,
                name=spec_id,
                description=path,
                mime_type="text/markdown",
                fn=functools.partial(read, spec_id),
            )
        )
    server.resource(URI + "{spec_id}", name="spec", mime_type="text/markdown")(read)


def _add_prompt(server: MCPServer[Any], repo: RepoInfo) -> None:
    def implement(spec_id: str) -> str:  # ASSIST-12: the docstring is what clients show
        """The spec's brief and the rule: read specs_for and context before editing,
        reference the requirement IDs, run check before saying the work is done."""
        try:
            return assistant.implement(repo, spec_id)
        except (SpecflowError, OSError) as exc:
            # ASSIST-E2: an MCPError reaches the client as it is; the SDK turns any other
            # exception into "Error rendering prompt implement"
            raise MCPError(INVALID_PARAMS, failure_message(exc) or str(exc)) from None

    server.prompt(name="implement")(implement)
