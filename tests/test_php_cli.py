"""What the psr7 trial (PHP) found of php-cs-fixer's rewrites, through the CLI on real
repositories: a plain string's quotes, `$i++` whose value nothing reads and a class named by its
imported name change nothing that runs (REVIEW-E96); the same-looking changes that do still
ask, and warn under a reference."""

from __future__ import annotations

from testing.util import review_json, reviewed_rewrite

SPEC = """---
id: BOX
scope: ["src/**"]
---
# Box

## Context
- `Box` labels things.

## Requirements
- BOX-1: An empty name is an `InvalidArgumentException`.
"""

BOX = """<?php

namespace App;

use InvalidArgumentException;
use Other\\Lib\\Formatter as Fmt;

class Box
{
    private $count = 0;

    # BOX-1
    public function label($name, $suffix)
    {
        if ($name === '') {
            throw new \\InvalidArgumentException("empty");
        }
        $this->count++;
        for ($i = 0; $i < 3; $i++) {
            $name .= "!" . '\\d' . "a\\\\b" . "it's";
        }
        $seen = $i++;
        $total = $seen++ + $i;
        $f = new \\Other\\Lib\\Formatter();

        return $f->format("{$name}", "\\t") . \\Other\\Lib\\Formatter::SEP . $suffix;
    }
}
"""

APP = "<?php\n$b = new App\\Box();\necho $b->label('x', '');\n"


def _commit(repo, cli, subject, *pairs):
    return reviewed_rewrite(repo, cli, "src/Box.php", BOX, subject, *pairs)


def test_php_cs_fixer_rewrites_ask_nothing(repo, cli):
    """REVIEW-E96 (psr7 `124aab5`, `7e5aa3c`; the trial's defect 3): `"empty"` as `'empty'`,
    `"a\\\\b"` as `'a\\\\b'`, `"it's"` as `'it\\'s'`, `$this->count++;` and a `for`'s `$i++` as
    `++...`, and classes the file imports named without their namespace: no question, no
    ripple, no unasked code, and no `touched-requirement` under `# BOX-1` (CHECK-E21)."""
    repo.commit("base", {"specs/box.md": SPEC, "src/Box.php": BOX, "src/App.php": APP})
    rewrites = {
        "quotes": ('"empty"', "'empty'"),
        "escaped": ('"!" . \'\\d\' . "a\\\\b" . "it\'s"', "'!' . \"\\d\" . 'a\\\\b' . 'it\\'s'"),
        "statement": ("$this->count++;", "++$this->count;"),
        "for": ("$i < 3; $i++)", "$i < 3; ++$i)"),
        "imported": ("new \\InvalidArgumentException", "new InvalidArgumentException"),
        "alias": ("new \\Other\\Lib\\Formatter()", "new Fmt()"),
        "static": ("\\Other\\Lib\\Formatter::SEP", "Fmt::SEP"),
    }
    for subject, pairs in rewrites.items():
        data, checked = _commit(repo, cli, subject, *pairs)
        assert data["noop_files"] == ["src/Box.php"], subject
        assert (data["questions"], data["ripples"], data["unasked"]) == ([], [], []), subject
        assert "touched-requirement" not in checked, subject


def test_php_rewrites_that_change_what_runs_still_ask(repo, cli):
    """REVIEW-E96, adversarial: a string with an escape single quotes cannot write (`"\\t"`)
    or an interpolation (`"{$name}"`); `$i++` whose value is read (`$seen = $i++`, `$seen++ +
    $i`); a class the file does not import (a namespaced file resolves `Formatter` in `App`),
    or imports from elsewhere; a return type, which PHP
    checks when it runs. Each is a change, asked and warned under `# BOX-1`."""
    repo.commit("base", {"specs/box.md": SPEC, "src/Box.php": BOX, "src/App.php": APP})
    changes = {
        "tab": ('"\\t")', "'\\t')"),
        "interpolation": ('"{$name}"', "'{$name}'"),
        "read": ("$seen = $i++;", "$seen = ++$i;"),
        "operand": ("$seen++ + $i", "$seen + ++$i"),
        "not imported": ("new \\Other\\Lib\\Formatter()", "new Formatter()"),
        "elsewhere": (
            *("use Other\\Lib\\Formatter as Fmt;", "use Mine\\Formatter as Fmt;"),
            *("new \\Other\\Lib\\Formatter()", "new Fmt()"),
        ),
        "return type": ("label($name, $suffix)", "label($name, $suffix): string"),
    }
    for subject, pairs in changes.items():
        data, checked = _commit(repo, cli, subject, *pairs)
        assert data["noop_files"] == [], subject
        assert "touches the code of BOX-1" in checked, subject
    heredoc = BOX.replace('"it\'s"', '<<<TXT\nsay "hi"\nTXT\n')
    repo.commit("heredoc", {"src/Box.php": heredoc})
    repo.commit("quoted", {"src/Box.php": heredoc.replace('say "hi"', "say 'hi'")})
    assert review_json(cli, "HEAD")["noop_files"] == []
