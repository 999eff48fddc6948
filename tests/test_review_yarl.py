"""The yarl new-user trial's defects, through the CLI on real repositories (REVIEW-E129 to
REVIEW-E132): a change inside `join()` that asked nothing of the requirement naming it, a
comprehension's `name` read as the property, and ruff's SIM102 and return-ternary rewrites
read as changes; each with the same-looking change that must still ask."""

from __future__ import annotations

from typing import Any

from testing.util import review_json

JOIN_SPEC = """---
id: J
scope: [lib/**]
---
# Joining

## Context
{context}

## Requirements
- J-1: `{name}()` resolves a relative reference against self as RFC 3986 section 5.2 says.
{more}
## Edge Cases
- J-E1: A base whose path is empty.
"""
URL = """class URL:
    def __init__(self, path):
        self.path = path

    def {name}(self, other):
        if other.path[0] == "/" or not self.path:
            path = other.path
        else:
            path = self.path.rsplit("/", 1)[0] + "/" + other.path
        return URL(path)

    def parent(self):
        return URL(self.path.rsplit("/", 1)[0])
"""
FIXED = """        if other.path[0] == "/":
            path = other.path
        elif not self.path:
            path = "/" + other.path
"""
BROKEN = '        if other.path[0] == "/" or not self.path:\n            path = other.path\n'


def _questions(data: dict[str, Any]) -> dict[str, str]:
    """Each question's statement (its ID, else its line), with its evidence."""
    return {
        q["statement"].get("id") or str(q["statement"]["line"]): q["evidence"]["kind"]
        for q in data["questions"]
    }


def _joined(repo, cli, name="join", context="- URLs are immutable.", more="") -> dict[str, str]:
    spec = JOIN_SPEC.format(name=name, context=context, more=more)
    source = URL.format(name=name)
    repo.commit("base", {"specs/join.md": spec, "lib/_url.py": source})
    repo.commit("Fix joining onto an empty path", {"lib/_url.py": source.replace(BROKEN, FIXED)})
    return _questions(review_json(cli, "HEAD", "--all"))


def test_a_change_inside_join_asks_the_requirement_naming_join(repo, cli):
    """REVIEW-E129: yarl `0f01077` changed `URL.join()`, which PATH-7 names, and asked nothing
    of PATH-7: `join` is a method every `str` has, so the hunk's enclosing `join` counted only
    as `URL.join`. Inside its own definition, in the spec's scope, the bare name counts."""
    assert _joined(repo, cli).get("J-1") == "enclosing"


def test_join_called_elsewhere_or_defined_outside_the_scope_still_asks_nothing(repo, cli):
    """REVIEW-E129 keeps the rule for a name every program calls: `"/".join(...)` in another
    method is no link, and a `join` defined in a file no spec governs is not the spec's."""
    spec = JOIN_SPEC.format(name="join", context="- URLs are immutable.", more="")
    source = URL.format(name="join")
    repo.commit("base", {"specs/join.md": spec, "lib/_url.py": source, "other/seq.py": SEQ})
    calls = 'URL("/".join(self.path.split("/")[:-1]))'
    repo.commit("parent by join", {"lib/_url.py": source.replace(PARENT, calls)})
    assert "J-1" not in _questions(review_json(cli, "HEAD", "--all"))
    repo.commit("seq", {"other/seq.py": SEQ.replace("sep + ", "sep * 2 + ")})
    assert "J-1" not in _questions(review_json(cli, "HEAD", "--all"))


PARENT = 'URL(self.path.rsplit("/", 1)[0])'
SEQ = "class Seq:\n    def join(self, sep):\n        return sep + str(self)\n"


def test_a_context_line_naming_the_method_does_not_silence_the_requirement(repo, cli):
    """REVIEW-E130: with a Context line naming `resolve()` beside J-1, the hunk inside
    `resolve()` asked neither (two statements name it, so `enclosing` needed a rare shared
    word). The Context says how it works, J-1 what it must do: J-1 is asked, the Context not."""
    context = "- `resolve()` hands the two string forms to `urljoin()`."
    found = _joined(repo, cli, name="resolve", context=context)
    assert found.get("J-1") == "enclosing" and "9" not in found


def test_two_requirements_naming_the_method_still_need_a_shared_word(repo, cli):
    """REVIEW-E130 keeps REVIEW-E108 among requirements: when J-2 names `resolve()` too, the
    hunk inside it does not say which of the two it concerns, and neither is asked alone."""
    more = "- J-2: `resolve()` keeps both operands unchanged.\n"
    found = _joined(repo, cli, name="resolve", more=more)
    assert "J-1" not in found and "J-2" not in found


PATH_SPEC = """---
id: P
scope: [lib/**]
---
# Paths

## Context
- `URL` keeps its path in `self.path`.

## Requirements
- P-1: `name` is the last segment of the path; `suffix` is its last dotted part.
- P-2: `with_query()` replaces the query; None clears it.
"""
PATH_URL = """class URL:
    def __init__(self, path, pairs=()):
        self.path = path
        self.pairs = tuple(pairs)

    @property
    def name(self):
        return self.path.rsplit("/", 1)[-1]

    def with_query(self, pairs):
        return URL(self.path, pairs)
"""
WITHOUT = """
    def without_query_params(self, *keys):
        return self.with_query(
            tuple((name, value) for name, value in self.pairs if name not in keys)
        )
"""


def _path_questions(repo, cli, added: str) -> dict[str, str]:
    repo.commit("base", {"specs/p.md": PATH_SPEC, "lib/url.py": PATH_URL})
    repo.commit("change", {"lib/url.py": PATH_URL + added})
    return _questions(review_json(cli, "HEAD", "--all"))


def test_a_comprehension_variable_is_not_the_property_a_statement_names(repo, cli):
    """REVIEW-E131: yarl `2c531c7` added `without_query_params()`, whose generator binds
    `name`, and asked PATH-6 "(it names `name`, as the statement does)". A name a loop, a
    comprehension or a lambda of the hunk binds is a local there: P-2 (`with_query`) only."""
    found = _path_questions(repo, cli, WITHOUT)
    assert found.get("P-2") == "identifier" and "P-1" not in found


def test_a_lambda_parameter_is_not_the_property_either(repo, cli):
    """REVIEW-E131: `key=lambda name: ...` binds `name` for the lambda alone."""
    added = "\n    def sorted_pairs(self):\n        return sorted(self.pairs, key=lambda name: 1)\n"
    assert "P-1" not in _path_questions(repo, cli, added)


def test_a_loop_that_writes_self_name_still_asks(repo, cli):
    """REVIEW-E131 keeps the real link: a loop over `name` that writes `self.name` reaches the
    property through the object, and P-1 is asked."""
    added = "\n    def rename(self, names):\n        for name in names:\n"
    added += "            self.name = name\n"
    assert "P-1" in _path_questions(repo, cli, added)


QUOTE_SPEC = """---
id: Q
scope: [lib/**]
---
# Quoting

## Requirements
- Q-1: `Quoter` writes a space as `+` when `qs` is set.
- Q-2: `make_netloc()` joins the user and the host with `@`.
"""
QUOTING = """# Q-2
def make_netloc(user, host):
    if user:
        return f"{user}@{host}"
    return host


# Q-1
class Quoter:
    def __init__(self, qs):
        self.qs = qs

    def __call__(self, s):
        out = []
        for ch in s:
            if self.qs:
                if ch == " ":
                    out.append("+")
                    continue
            out.append(ch)
        return "".join(out)
"""
NESTED = """            if self.qs:
                if ch == " ":
                    out.append("+")
                    continue
"""
MERGED = """            if self.qs and ch == " ":
                out.append("+")
                continue
"""
RETURNS = '    if user:\n        return f"{user}@{host}"\n    return host\n'


def _rewritten(repo, cli, before: str, after: str) -> tuple[dict[str, Any], str]:
    """The review of `lib/_quoting.py` changed from `before` to `after` (each QUOTING with
    `before`'s or `after`'s part written in), and what the hook says of it staged."""
    if "specs/q.md" not in repo.git("ls-files"):
        repo.commit("spec", {"specs/q.md": QUOTE_SPEC})
    repo.commit("before", {"lib/_quoting.py": before})
    repo.stage({"lib/_quoting.py": after})
    hook = cli("check", "--staged").out
    repo.commit("ruff")
    return review_json(cli, "HEAD"), hook


TERNARY = '    return f"{user}@{host}" if user else host\n'


def test_ruffs_nested_if_and_return_ternary_rewrites_ask_nothing(repo, cli):
    """REVIEW-E132: yarl `784452b` merged `if self._qs:` and `if ch == " ":` into one `and`
    (ruff's SIM102) and `832cbb2` wrote `if user: return a` / `return b` as `return a if user
    else b`; each asked a question, and the hook warned under the reference. Both the same."""
    after = QUOTING.replace(NESTED, MERGED).replace(RETURNS, TERNARY)
    data, hook = _rewritten(repo, cli, QUOTING, after)
    assert data["questions"] == [] and data["noop_files"] == ["lib/_quoting.py"]
    assert "touched-requirement" not in hook


def test_a_return_ternary_from_an_else_and_three_nested_ifs_ask_nothing(repo, cli):
    """REVIEW-E132: `if user: return a` / `else: return b` is the same ternary, and three
    nested `if`s are one `and` of three tests."""
    with_else = '    if user:\n        return f"{user}@{host}"\n    else:\n        return host\n'
    three = NESTED.replace('if ch == " ":\n', 'if ch == " ":\n                    if s:\n')
    three = three.replace("                    out", "                        out")
    three = three.replace("                    cont", "                        cont")
    merged = MERGED.replace('ch == " ":', 'ch == " " and s:')
    before = QUOTING.replace(RETURNS, with_else).replace(NESTED, three)
    after = QUOTING.replace(NESTED, merged).replace(RETURNS, TERNARY)
    data, hook = _rewritten(repo, cli, before, after)
    assert data["noop_files"] == ["lib/_quoting.py"] and "touched-requirement" not in hook


def test_nested_ifs_merged_with_an_else_or_in_another_order_still_ask(repo, cli):
    """REVIEW-E132's adversaries: an `else` under the inner `if` runs when `qs` is unset once
    merged; the tests swapped evaluate `ch == " "` first (a side effect of a test would run
    when it did not); a statement beside the inner `if` runs only when both hold once merged;
    `or` for `and`."""
    inner_else = NESTED + '                else:\n                    out.append("?")\n'
    merged_else = MERGED + '            else:\n                out.append("?")\n'
    swapped = MERGED.replace('self.qs and ch == " "', 'ch == " " and self.qs')
    beside = NESTED + '                out.append("")\n'
    merged_beside = MERGED.replace("                continue\n", "")
    merged_beside += '                out.append("")\n'
    cases = [
        (inner_else, merged_else),
        (NESTED, swapped),
        (beside, merged_beside),
        (NESTED, MERGED.replace(" and ", " or ")),
    ]
    for before, after in cases:
        data, hook = _rewritten(
            repo, cli, QUOTING.replace(NESTED, before), QUOTING.replace(NESTED, after)
        )
        assert "Q-1" in _questions(data) and "touched-requirement" in hook, after


def test_a_return_rewritten_as_and_or_or_swapped_still_asks(repo, cli):
    """REVIEW-E132's adversaries: `return user and a or host` returns `host` when `a` is falsy,
    `return host if user else a` swaps the branches, and a statement between the `if` and the
    last `return` makes them no ternary: each asks Q-2."""
    # (REVIEW-E304: `host = host.lower(); return host` is `return host.lower()`, the same:
    # the statement between is one that does something of its own)
    between = RETURNS.replace("    return host\n", "    audit(host)\n    return host\n")
    cases = [
        (RETURNS, '    return user and f"{user}@{host}" or host\n'),
        (RETURNS, '    return host if user else f"{user}@{host}"\n'),
        (between, '    return f"{user}@{host}" if user else host\n'),
    ]
    for before, after in cases:
        data, hook = _rewritten(
            repo, cli, QUOTING.replace(RETURNS, before), QUOTING.replace(RETURNS, after)
        )
        assert "Q-2" in _questions(data) and "touched-requirement" in hook, after


def test_a_context_line_naming_the_class_still_counts_against_a_requirement(repo, cli):
    """REVIEW-E130 is for the function a requirement calls: a hunk anywhere in class `URL`,
    which a Context line and J-1 both name, does not say it concerns J-1 (filelock's logging
    commits inside `BaseFileLock` asked LOCK-E4 when the Context line stopped counting)."""
    spec = JOIN_SPEC.format(name="join", context="- `URL` is immutable.", more="")
    spec = spec.replace("- J-1: `join()` resolves", "- J-1: A `URL` is hashable; `join()` resolves")
    source = URL.format(name="join")
    repo.commit("base", {"specs/join.md": spec, "lib/_url.py": source})
    changed = source.replace("self.path = path\n", 'self.path = path or "/"\n')
    repo.commit("root", {"lib/_url.py": changed})
    assert "J-1" not in _questions(review_json(cli, "HEAD", "--all"))
