"""Commit messages as git will store them: comments and the scissors section stripped. Pure."""

from __future__ import annotations

AUTO_COMMENT_CHARS = "#;@!$%^&|:"
SCISSORS = "------------------------ >8 ------------------------"


# CHECK-7, CHECK-E2
def strip_comments(text: str, comment_char: str = "#") -> str:
    """What `git commit` keeps of a message file (`core.commentChar`, `auto` included)."""
    lines = text.splitlines()
    char = _pick_char(lines) if comment_char == "auto" else (comment_char or "#")
    kept = []
    for line in lines:
        if line.startswith(char) and line[len(char) :].strip() == SCISSORS:
            break
        if not line.startswith(char):
            kept.append(line.rstrip())
    return "\n".join(kept).strip()


def _pick_char(lines: list[str]) -> str:
    """With `auto`, git uses a character no message line starts with; the comments show which."""
    for line in lines:
        if line and line[0] in AUTO_COMMENT_CHARS and ("Please enter" in line or SCISSORS in line):
            return line[0]
    used = {line[0] for line in lines if line}
    return next((char for char in AUTO_COMMENT_CHARS if char not in used), "#")
