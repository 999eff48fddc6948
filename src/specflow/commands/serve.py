"""`specflow mcp`: the MCP server, when the optional SDK is installed (ASSIST-2)."""

from __future__ import annotations

from pathlib import Path

from specflow.errors import SpecflowError


def serve(root: Path | None) -> None:
    """Serve `root` (this folder by default) over stdio; without the SDK, say how to get it.
    mcpserver imports the SDK at its top, so it is imported here, only when asked for."""
    try:
        import mcp  # noqa: F401  ASSIST-E5: the SDK first, not anyio, which comes with it

        from specflow.commands import mcpserver
    except ModuleNotFoundError as exc:  # ASSIST-2: the SDK is an optional extra
        if not (exc.name or "").startswith("mcp"):
            raise
        raise SpecflowError(
            f"`specflow mcp` needs the MCP Python SDK (no module {exc.name!r}); "
            "install it with: pip install 'specflow[mcp]'"
        ) from None
    mcpserver.serve(root or Path.cwd())
