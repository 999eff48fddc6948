"""REVIEW-E160 through the CLI on real repositories (the logrus trial's 78f8389): in a language
other than Python, a line moved past an unchanged one is a change, though the hunk removes and
adds the same tokens; the same tokens rewritten where they stand are still formatting."""

from __future__ import annotations

from testing.util import review_json

SPEC = """---
id: LOCK
scope: ["*.go", "*.js"]
---
# Locking

## Context
- `write()` formats the entry with `Format()` and writes it to `Out` under `mu`.

## Requirements
- LOCK-1: Formatting and writing happen under `mu`.
"""
GO = """package w

// LOCK-1: formatting and writing under mu.
func (l *Logger) write(e *Entry) {
\tb := l.Formatter.Format(e)
\tl.mu.Lock()
\tdefer l.mu.Unlock()
\tl.Out.Write(b)
}
"""
MOVED = GO.replace("\tb := l.Formatter.Format(e)\n", "").replace(
    "\tl.Out.Write(b)", "\tb := l.Formatter.Format(e)\n\tl.Out.Write(b)"
)
JS = """// LOCK-1: formatting and writing under mu.
function write(logger, entry) {
  const b = logger.format(entry);
  logger.mu.lock();
  logger.out.write(b);
  logger.mu.unlock();
}
"""


def test_a_go_line_moved_below_the_lock_asks_and_warns(repo, cli):
    """REVIEW-E160: `b := l.Formatter.Format(e)` moved under the lock: LOCK-1 is asked, no file
    is called formatting only, and the hook warns of the code under `// LOCK-1`."""
    repo.commit("base", {"specs/lock.md": SPEC, "w.go": GO})
    repo.commit("format under the lock", {"w.go": MOVED})
    data = review_json(cli, "HEAD")
    assert data["noop_files"] == []
    assert "LOCK-1" in {q["statement"].get("id") for q in data["questions"]}
    repo.git("reset", "-q", "--soft", "HEAD~1")
    staged = cli("check", "--staged")
    assert "LOCK-1" in staged.out and "touched-requirement" in staged.out


def test_a_javascript_line_moved_asks_and_one_rewritten_in_place_does_not(repo, cli):
    """REVIEW-E160: the same in JavaScript; spaces and a line broken in two where they stand
    are still formatting."""
    repo.commit("base", {"specs/lock.md": SPEC, "w.js": JS})
    moved = JS.replace("  const b = logger.format(entry);\n", "").replace(
        "  logger.out.write(b);", "  const b = logger.format(entry);\n  logger.out.write(b);"
    )
    repo.commit("format under the lock", {"w.js": moved})
    assert review_json(cli, "HEAD")["noop_files"] == []
    spaced = moved.replace("logger.format(entry);", "logger.format(\n    entry\n  );")
    repo.commit("wrap", {"w.js": spaced})
    assert review_json(cli, "HEAD")["noop_files"] == ["w.js"]
