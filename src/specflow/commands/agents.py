"""`specflow agents install|uninstall`: what each coding assistant reads, so that it uses
specflow unprompted. Every edit is a marked block or one inserted JSON member, so `uninstall`
takes out exactly the bytes `install` put in (AGENTS-3); formats and sources: docs/agents.md."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specflow import pipeline, templates
from specflow.errors import SpecflowError
from specflow.fsio import write_atomic
from specflow.output import console

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ASSISTANTS = ("claude", "cursor", "copilot", "codex")
SERVER = "specflow"


@dataclass(frozen=True)
class Block:
    """A marked block in a text file (Markdown or TOML); `new_file` opens a file we create."""

    path: str
    begin: str
    end: str
    body: str
    new_file: str = ""

    def text(self) -> str:
        return f"{self.begin}\n{self.body.rstrip()}\n{self.end}\n"


@dataclass(frozen=True)
class Member:
    """One server in a JSON file's object of MCP servers (`container`), added as one member."""

    path: str
    container: str
    server: dict[str, Any]


Edit = Block | Member


def md_block(path: str, body: str, new_file: str = "") -> Block:
    return Block(path, "<!-- specflow:begin -->", "<!-- specflow:end -->", body, new_file)


def edits(names: Sequence[str], rule: str) -> list[Edit]:
    """AGENTS-1, AGENTS-2: AGENTS.md always; each named assistant's rules and MCP config."""
    stdio: dict[str, Any] = {"command": "specflow", "args": ["mcp"]}
    # Cursor and VS Code fill in ${workspaceFolder}; they may start a server elsewhere.
    rooted: dict[str, Any] = {
        "command": "specflow",
        "args": ["mcp", "--root", "${workspaceFolder}"],
    }
    found: list[Edit] = [md_block("AGENTS.md", rule)]
    for name in names:
        if name == "claude":
            found += [md_block("CLAUDE.md", "@AGENTS.md"), Member(".mcp.json", "mcpServers", stdio)]
        elif name == "cursor":
            front = (
                "---\ndescription: The specs in specs/ govern this code\nalwaysApply: true\n---\n"
            )
            found += [
                md_block(".cursor/rules/specflow.mdc", rule, new_file=front),
                Member(".cursor/mcp.json", "mcpServers", rooted),
            ]
        elif name == "copilot":
            found += [
                md_block(".github/copilot-instructions.md", rule),
                Member(".vscode/mcp.json", "servers", {"type": "stdio", **rooted}),
            ]
        elif name == "codex":
            toml = 'command = "specflow"\nargs = ["mcp"]'
            found.append(
                Block(
                    ".codex/config.toml",
                    "# specflow:begin",
                    "# specflow:end",
                    f"[mcp_servers.{SERVER}]\n{toml}",
                )
            )
    return found


def chosen(root: Path, wanted: str | None) -> list[str]:
    """AGENTS-2: the assistants named, or those whose files are already in the repository."""
    if wanted is not None:
        names = [n.strip() for n in wanted.split(",") if n.strip()]
        unknown = [n for n in names if n not in ASSISTANTS]
        if unknown:
            raise SpecflowError(
                f"unknown assistant {unknown[0]!r}: choose from {', '.join(ASSISTANTS)}"
            )
        return names
    signs = {
        "claude": ("CLAUDE.md", ".claude", ".mcp.json"),
        "cursor": (".cursor", ".cursorrules"),
        "copilot": (".github/copilot-instructions.md", ".vscode/mcp.json"),
        "codex": (".codex",),
    }
    return [name for name in ASSISTANTS if any((root / p).exists() for p in signs[name])]


def install(root: Path, edits: Sequence[Edit]) -> list[str]:
    """Put the edits in (or bring their blocks up to date); say what was done. Every file's
    new text is made before any file is written (AGENTS-E2): a file install cannot edit (JSON
    with comments, a TOML that would not parse) leaves every file as it was."""
    planned = []
    for edit in edits:
        file = _inside(root, edit.path)
        old = _read(file)
        lf = _lf(old)  # AGENTS-E3
        new = _add_block(lf, edit) if isinstance(edit, Block) else _add_member(lf, edit)
        planned.append((file, edit.path, old, new if lf == old else new.replace("\n", "\r\n")))
    return [_write(*plan, "added to", "created") for plan in planned]


def uninstall(root: Path, edit: Edit) -> str:
    """AGENTS-3: take out exactly what install added; a file it created goes away."""
    file = _inside(root, edit.path)
    old = _read(file)
    if old is None:
        return f"{edit.path}: not there, nothing to remove"
    lf = _lf(old) or ""  # AGENTS-E3
    new = _drop_block(lf, edit) if isinstance(edit, Block) else _drop_member(lf, edit)
    if new is not None and lf != old:
        new = new.replace("\n", "\r\n")
    if new is None:  # the file holds what install created and nothing else
        file.unlink()
        for folder in file.parents:  # the folders install made for it, now empty
            if folder == root or any(folder.iterdir()):
                break
            folder.rmdir()
        return f"removed {edit.path} (specflow created it)"
    return _write(file, edit.path, old, new, "removed from", "removed from")


def _lf(old: str | None) -> str | None:
    """AGENTS-E3: a file whose every line ends in CRLF, as LF text: install's block goes in (and
    uninstall's comes out) in the file's own line endings, put back when it is written."""
    if old is None or "\n" not in old or old.count("\r\n") != old.count("\n"):
        return old
    return old.replace("\r\n", "\n")


def _inside(root: Path, path: str) -> Path:
    file = root / path
    for part in (file, *file.parents):
        if part == root:
            break
        if part.is_symlink():  # HARDEN-20's rule: specflow writes only inside the repository
            raise SpecflowError("a symbolic link: not followed; edit it by hand", path)
    return file


def _read(file: Path) -> str | None:
    if not file.exists():
        return None
    try:
        return file.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SpecflowError("not UTF-8: not changed", str(file)) from None


def _write(file: Path, path: str, old: str | None, new: str, verb: str, created: str) -> str:
    if new == old:
        return f"{path}: up to date"
    write_atomic(file, new.encode("utf-8"))
    return f"{created} {path}" if old is None else f"specflow {verb} {path}"


def _span(old: str, block: Block) -> tuple[int, int] | None:
    """Where install's block is in `old` (begin marker to end marker's newline), or None."""
    text = "\n" + old  # a file specflow created starts with its block
    start = text.find("\n" + block.begin + "\n")
    if start < 0:
        return None
    end = text.find("\n" + block.end + "\n", start)
    if end < 0:
        raise SpecflowError(f"{block.begin!r} without {block.end!r}: fix it by hand", block.path)
    return start, end + len(block.end) + 1


def _add_block(old: str | None, block: Block) -> str:
    """AGENTS-4: a new file is the block alone; an existing one gets it after a newline at its
    end, or has its block brought up to date in place."""
    span = None if old is None else _span(old, block)
    if old is None:
        new = block.new_file + block.text()
    elif span is None:
        new = old + "\n" + block.text()
    else:
        new = old[: span[0]] + block.text() + old[span[1] :]
    _valid(block.path, new)
    return new


def _drop_block(old: str, block: Block) -> str | None:
    if old == block.new_file + block.text():
        return None
    span = _span(old, block)
    if span is None:
        return old
    start, end = span
    return old[end:] if start == 0 else old[: start - 1] + old[end:]


def _valid(path: str, text: str) -> None:
    """A TOML file must still parse, and hold our server table once (AGENTS-5)."""
    if not path.endswith(".toml"):
        return
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SpecflowError(
            f"cannot add [mcp_servers.{SERVER}] without breaking or rewriting this file ({exc}); "
            "add it by hand",
            path,
        ) from None


# JSON: one member inserted right after an object's `{`, in one of three shapes that the
# uninstall recognises again: on its own line (the object's members are on lines of their
# own), inline before the others, or alone in an empty object.
def _member_text(key: str, value: object) -> str:
    return f"{json.dumps(key)}: {json.dumps(value)}"


def _add_member(old: str | None, member: Member) -> str:
    servers = {SERVER: member.server}
    if old is None:
        return json.dumps({member.container: servers}, indent=2) + "\n"
    data = _parse(old, member.path)
    container = data.get(member.container)
    if container is None:
        return _insert(old, 0, _member_text(member.container, servers), member)
    if not isinstance(container, dict):
        raise SpecflowError(f"{member.container!r} is not an object: not changed", member.path)
    if SERVER in container:
        if container[SERVER] == member.server:
            return old
        raise SpecflowError(
            f"a server named {SERVER!r} is already configured differently: not changed",
            member.path,
        )
    return _insert(
        old, _value_start(old, member.container), _member_text(SERVER, member.server), member
    )


def _parse(text: str, path: str) -> dict[str, object]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SpecflowError(
            f"not plain JSON ({exc.msg}, line {exc.lineno}): it cannot be edited without "
            "rewriting it; add the server by hand (docs/agents.md)",
            path,
            exc.lineno,
        ) from None
    if not isinstance(data, dict):
        raise SpecflowError("not a JSON object: not changed", path)
    return data


def _value_start(text: str, key: str) -> int:
    """Where the value of the top-level `key` starts, walking the object member by member."""
    decoder = json.JSONDecoder()
    at = _skip(text, text.index("{") + 1)
    while text[at] == '"':
        name, at = json.decoder.scanstring(text, at + 1)  # type: ignore[attr-defined]
        at = _skip(text, _skip(text, at) + 1)  # past the colon
        if name == key:
            return at
        _, at = decoder.raw_decode(text, at)
        at = _skip(text, at)
        at = _skip(text, at + 1) if text[at] == "," else at
    raise SpecflowError(f"no {key!r} found", "")


def _skip(text: str, at: int) -> int:
    while text[at] in " \t\r\n":
        at += 1
    return at


def _insert(text: str, value_at: int, member: str, where: Member) -> str:
    brace = text.index("{", value_at)
    after = brace + 1
    rest = text[after:]
    if rest.lstrip().startswith("}"):
        new = text[:after] + member + rest
    elif (line := re.match(r"\r?\n([ \t]*)", rest)) is not None:
        new = text[:after] + line[0] + member + "," + rest
    else:
        new = text[:after] + member + ", " + rest
    _parse(new, where.path)
    return new


def _drop_member(old: str, member: Member) -> str | None:
    if old == _add_member(None, member):
        return None
    for key, value in ((SERVER, member.server), (member.container, {SERVER: member.server})):
        text = re.escape(_member_text(key, value))
        for shape in (rf"\{{\r?\n[ \t]*{text},", rf"\{{{text}, ", rf"\{{{text}(?=\s*\}})"):
            found = re.search(shape, old)
            if found:
                return old[: found.start() + 1] + old[found.end() :]
    return old


def run(root: Path, wanted: str | None, *, remove: bool = False) -> list[str]:
    """Install for the chosen assistants, or uninstall from all of them; one line per change."""
    names = list(ASSISTANTS) if remove and wanted is None else chosen(root, wanted)
    rule = templates.render(root, "agents.md.j2")
    if not remove:
        return install(root, edits(names, rule))
    lines = []
    for edit in edits(names, rule):
        if not (root / edit.path).exists():
            continue
        if wanted is not None and edit.path == "AGENTS.md":
            continue  # the assistants not named still read it
        lines.append(uninstall(root, edit))
    return lines


def run_here(wanted: str | None, *, remove: bool) -> None:
    """`specflow agents install|uninstall` in this repository, one line per change."""
    repo = pipeline.open_repository()
    for line in run(repo.root, wanted, remove=remove):
        console.out(line)
