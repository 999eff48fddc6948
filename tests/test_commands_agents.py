"""`specflow agents install|uninstall` on a repository whose files a person wrote by hand."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from testing.util import Cli, Repo

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

HAND_WRITTEN = {
    "AGENTS.md": "# Agents\n\nRun `make test` before pushing.",  # no final newline
    "CLAUDE.md": "Be brief.\n",
    ".mcp.json": '{\n    "mcpServers": {\n        "db": {"command": "db-mcp"}\n    }\n}\n',
    ".cursor/mcp.json": '{"mcpServers":{"web":{"url":"https://example.com/mcp"}}}',
    ".vscode/mcp.json": '{\n  "inputs": [],\n  "servers": {}\n}\n',
    ".codex/config.toml": 'model = "o4"\n\n[mcp_servers.db]\ncommand = "db-mcp"\n',
    ".github/copilot-instructions.md": "Use tabs.\n",
}
EVERYONE = "claude,cursor,copilot,codex"


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def agents(cli: Cli, *args: str) -> str:
    result = cli("agents", *args)
    assert result.code == 0, result
    return result.out


@pytest.fixture
def hand_written(repo: Repo) -> Repo:
    repo.commit("by hand", dict(HAND_WRITTEN))
    return repo


def test_install_twice_then_uninstall_is_byte_exact(hand_written: Repo, cli: Cli) -> None:
    """AGENTS-1, AGENTS-2, AGENTS-3, AGENTS-4, AGENTS-E1: install, install, uninstall on
    hand-written files with other MCP servers: the repository is as it was, byte for byte."""
    root = hand_written.path
    before = snapshot(root)
    agents(cli, "install", "--for", EVERYONE)
    once = snapshot(root)
    assert set(agents(cli, "install", "--for", EVERYONE).splitlines()) == {
        f"{path}: up to date"
        for path in [
            "AGENTS.md",
            "CLAUDE.md",
            ".mcp.json",
            ".cursor/rules/specflow.mdc",
            ".cursor/mcp.json",
            ".github/copilot-instructions.md",
            ".vscode/mcp.json",
            ".codex/config.toml",
        ]
    }
    assert snapshot(root) == once  # AGENTS-4: twice changes nothing

    assert once["AGENTS.md"].startswith(before["AGENTS.md"])
    assert b"<!-- specflow:begin -->" in once["AGENTS.md"]
    assert b"@AGENTS.md" in once["CLAUDE.md"]
    for path, container in (
        (".mcp.json", "mcpServers"),
        (".cursor/mcp.json", "mcpServers"),
        (".vscode/mcp.json", "servers"),
    ):
        data = json.loads(once[path])
        assert data[container]["specflow"]["command"] == "specflow"
        old = json.loads(before[path])
        assert {k: v for k, v in data[container].items() if k != "specflow"} == old[container]
    codex = tomllib.loads(once[".codex/config.toml"].decode())
    assert codex["mcp_servers"]["specflow"] == {"command": "specflow", "args": ["mcp"]}
    assert codex["mcp_servers"]["db"] == {"command": "db-mcp"}
    assert ".cursor/rules/specflow.mdc" in once

    agents(cli, "uninstall")
    assert snapshot(root) == before  # AGENTS-3: byte for byte, and the created file is gone
    assert hand_written.git("status", "--porcelain", "--untracked-files=all") == ""


def test_default_is_the_assistants_already_there_and_created_files_go(repo: Repo, cli: Cli) -> None:
    """AGENTS-2: with no --for, only the assistants whose files exist; AGENTS-3: uninstall
    removes the files (and folders) install created."""
    repo.commit("claude only", {"CLAUDE.md": "Hello.\n"})
    said = agents(cli, "install")
    assert "created AGENTS.md" in said and "created .mcp.json" in said
    assert not (repo.path / ".cursor").exists() and not (repo.path / ".codex").exists()
    agents(cli, "uninstall")
    assert repo.git("status", "--porcelain", "--untracked-files=all") == ""


def test_a_file_that_cannot_be_edited_in_place_is_refused(repo: Repo, cli: Cli) -> None:
    """AGENTS-5: JSON with comments is not rewritten; the error names the file; nothing moves.
    AGENTS-E2: nor does any other file: AGENTS.md and the Copilot rules were written before
    the refusal (108yen/task-orchestrator-mcp's CLAUDE.md and AGENTS.md, with a JSONC
    .mcp.json)."""
    jsonc = '{\n  // mine\n  "servers": {}\n}\n'
    repo.commit("jsonc", {".vscode/mcp.json": jsonc, "AGENTS.md": "# Agents\n"})
    result = cli("agents", "install", "--for", "copilot")
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert ".vscode/mcp.json:2" in result.err and "by hand" in result.err
    assert (repo.path / ".vscode/mcp.json").read_text() == jsonc
    assert repo.git("status", "--porcelain", "--untracked-files=all") == ""


def test_a_crlf_agents_md_gets_its_block_in_crlf_and_back_byte_for_byte(
    repo: Repo, cli: Cli
) -> None:
    """AGENTS-E3: the block was appended in LF to a CRLF AGENTS.md (mixed line endings)."""
    original = b"user text\r\nno newline at end"
    repo.commit("agents", {"AGENTS.md": original})
    assert cli("agents", "install", "--for", "claude").code == 0
    installed = (repo.path / "AGENTS.md").read_bytes()
    assert b"<!-- specflow:begin -->\r\n" in installed
    assert installed.count(b"\n") == installed.count(b"\r\n")
    assert cli("agents", "install", "--for", "claude").out.count("up to date") >= 1
    assert cli("agents", "uninstall").code == 0
    assert (repo.path / "AGENTS.md").read_bytes() == original


def test_a_server_named_specflow_configured_otherwise_is_left_alone(repo: Repo, cli: Cli) -> None:
    """AGENTS-5: someone else's `specflow` server is theirs."""
    mine = '{"mcpServers": {"specflow": {"command": "/opt/specflow", "args": ["mcp"]}}}\n'
    repo.commit("own", {".mcp.json": mine})
    result = cli("agents", "install", "--for", "claude")
    assert result.code == 2 and "configured differently" in result.err
    assert (repo.path / ".mcp.json").read_text() == mine


def test_an_unknown_assistant_is_named(repo: Repo, cli: Cli) -> None:
    result = cli("agents", "install", "--for", "claude,emacs")
    assert result.code == 2 and "'emacs'" in result.err


def test_init_mentions_agents_install(repo: Repo, cli: Cli) -> None:
    """ASSIST-13"""
    result = cli("init")
    assert result.code == 0 and "specflow agents install" in result.err
    assert "agents" not in result.out


def test_an_empty_file_stays_and_uninstall_for_one_assistant_keeps_agents_md(
    repo: Repo, cli: Cli
) -> None:
    """AGENTS-3: an empty AGENTS.md that was there comes back empty, not deleted; uninstalling
    one assistant leaves the block the others read."""
    repo.commit("empty", {"AGENTS.md": "", ".cursor/rules/team.mdc": "Tabs.\n"})
    before = snapshot(repo.path)
    agents(cli, "install", "--for", "claude,cursor")
    agents(cli, "uninstall", "--for", "claude")
    assert not (repo.path / "CLAUDE.md").exists() and not (repo.path / ".mcp.json").exists()
    assert b"specflow:begin" in (repo.path / "AGENTS.md").read_bytes()
    assert (repo.path / ".cursor/mcp.json").exists()
    agents(cli, "uninstall")
    assert snapshot(repo.path) == before
