"""The ripple search reads git's rows without function headers and asks for the functions only of
the files whose rows it keeps (SPEED-12): the same uses, in the same functions, as one
`git grep -w -p` of the whole tree finds."""

from __future__ import annotations

import json

import pytest

from specflow import gitio, gitread, pipeline_review
from specflow.change import Revision
from specflow.languages.pylayout import prose_lines
from specflow.refs import path_of
from specflow.ripple import chosen_rows, uses, without_prose
from specflow.usekind import Use

NAMES = ["token", "store", "Account", "issue", "limit"]

ACCOUNT = '''"""Accounts: token is a word of this docstring too."""
import os

store = {}
limit = 3


class Account:
    token = None

    def issue(self, token):
        self.token = token
        store[token] = self

        def inner():
            return store.get(self.token)

        return inner

    @property
    def limit(self):
        return limit


def issue(account):
    account.issue(os.urandom(8))
    store.setdefault("last", account)
    return account.token


handler = lambda account: account.token
'''

CLIENT = """import { issue } from "./issue";

export function renew(account) {
  const token = issue(account);
  store.save(token);
  return token;
}

function unrelated() {
  return 1;
}

function limit(account) {
  return account.limit;
}
"""

WORKER = """package worker

func Issue(account *Account) string {
\ttoken := issue(account)
\treturn token
}
"""

TESTS = """from src.accounts import Account, issue, store


def test_issue():
    account = Account()
    assert issue(account).token
    assert store


def test_limit():
    assert Account().limit == 3
"""

FILES = {
    "README.md": "Every token is issued by `issue`; the store keeps them.\n",
    "src/accounts.py": ACCOUNT,
    "src/client.js": CLIENT,
    "src/worker.go": WORKER,
    "src/more.py": "from src.accounts import store, issue\n\n\ndef again():\n    issue(store)\n",
    "tests/test_accounts.py": TESTS,
}


def one_search(repo: gitio.RepoInfo, revision: Revision, **choose: object) -> dict[str, list[Use]]:
    """What the review found before SPEED-12: the rows and functions of one `git grep -w -p`
    of the whole tree, rows without a searched name being function headers."""
    args = gitread.grep_args(NAMES, revision, (), words=True, functions=True)
    whole = gitread.grep(repo.root, args)
    chosen = chosen_rows([whole], revision.tree, set(NAMES), **choose)
    python = {row.raw_path for row in chosen if row.raw_path.endswith(b".py")}
    prose = {raw: prose_lines((repo.root / path_of(raw)).read_bytes()) for raw in python}
    return uses(without_prose(chosen, prose), [whole], revision.tree, set(NAMES))


def functions(found: dict[str, list[Use]]) -> set[tuple[str, str, int, str, str]]:
    return {(name, u.path, u.line, u.use, u.function) for name, us in found.items() for u in us}


@pytest.mark.parametrize("limit", [1, 2, 4, None])
@pytest.mark.parametrize("mode", ["commit", "worktree"])
def test_two_searches_find_what_one_search_of_the_whole_tree_finds(repo, limit, mode):
    """SPEED-12: the same uses, in the same order, each in the same function, whether a name is
    used past the limit, in a test file, in prose, in a docstring (REVIEW-E18), on a line the
    change adds or on a definition's line."""
    repo.commit("accounts", FILES)
    edited = {
        "src/accounts.py": ACCOUNT.replace("store[token] = self", "store[token] = [self]"),
        "src/client.js": CLIENT.replace("store.save(token);", "store.save(token, 1);"),
    }
    head = repo.commit("edit", edited)
    info = gitio.open_repo(repo.path)
    revision = (
        Revision("HEAD", "commit", f"{head}~1", head)
        if mode == "commit"
        else Revision("--worktree", "worktree", "")
    )
    change = gitread.read_change(info, Revision("HEAD", "commit", f"{head}~1", head))
    choose = {"limit": limit, "skip": change.files, "test_globs": ("tests/**",)}
    found, _ = pipeline_review._uses(info, revision, NAMES, (), **choose)
    assert found == one_search(info, revision, **choose)
    assert not any((u.path, u.line) in {("src/accounts.py", 13)} for u in found.get("store", []))
    if limit is None:
        expected = {
            ("issue", "src/accounts.py", 26, "call", "issue"),
            ("token", "src/accounts.py", 16, "read", "inner"),
            ("limit", "src/accounts.py", 22, "read", "limit"),
            ("token", "src/client.js", 4, "write", "renew"),
            ("limit", "src/client.js", 14, "read", "limit"),
            ("token", "src/worker.go", 5, "read", "Issue"),
        }
        assert expected <= functions(found)
        assert ("store", "src/accounts.py", 27, "write", "issue") in functions(found)
        assert not any(u.path == "README.md" for us in found.values() for u in us)


def test_past_many_files_the_functions_come_from_the_whole_tree(repo, monkeypatch):
    """SPEED-12: when the rows kept lie in more files than a command line should name, the
    functions are read from a search of the whole tree, with the same result."""
    head = repo.commit("accounts", FILES)
    info = gitio.open_repo(repo.path)
    revision = Revision("HEAD", "commit", f"{head}~1", head)
    few, _ = pipeline_review._uses(info, revision, NAMES, ())
    monkeypatch.setattr(pipeline_review, "MAX_FUNCTION_FILES", 1)
    assert pipeline_review._uses(info, revision, NAMES, ())[0] == few == one_search(info, revision)


def test_review_and_context_name_the_function_of_each_use(repo, cli):
    """SPEED-12 through the CLI: a write of `token` ripples to its readers, and `context` lists
    every use of `token`, each in the function (or method) around it: Python, JavaScript, Go."""
    repo.commit("accounts", FILES)
    changed = ACCOUNT.replace("self.token = token", "self.token = token.upper()")
    repo.commit("upper", {"src/accounts.py": changed})
    data = json.loads(cli("review", "HEAD", "--format", "json").out)
    ripple = next(r for r in data["ripples"] if r["symbol"]["name"] == "token")
    assert ("src/accounts.py", 16, "inner") in {
        (u["path"], u["line"], u["function"]) for u in ripple["uses"]
    }
    data = json.loads(cli("context", "token", "--format", "json").out)
    seen = {(u["path"], u["line"], u["function"]) for u in data["name"]["uses"]}
    assert {("src/client.js", 4, "renew"), ("src/worker.go", 5, "Issue")} <= seen
    assert ("tests/test_accounts.py", 6, "test_issue") in seen


NESTED = """class A:
    def outer(self):
        def inner():
            return 1
        return inner


a = A()


def f():
    return A()


b = A()
"""


def test_code_after_a_function_is_not_in_it(repo, cli):
    """REVIEW-E35: git's header above a use is the last `def` before it; module code after a
    nested `inner()` (or after `f()`) was listed as written "in inner()"."""
    repo.commit("nested", {"src/m.py": NESTED})
    data = json.loads(cli("context", "A", "--format", "json").out)
    seen = {(u["line"], u["function"]) for u in data["name"]["uses"]}
    assert {(8, ""), (12, "f"), (15, "")} <= seen and not any(
        line in (8, 15) and f for line, f in seen
    )
    text = cli("context", "A").out
    assert "src/m.py:8: a = A()" in text and "in inner()" not in text


def test_a_use_inside_an_if_condition_is_passed_to_no_call(repo, cli):
    """REVIEW-E40: 108yen/task-orchestrator-mcp's `if (resetLeafTasks.length > 0)` was read
    "passed to if()"; a real call around the use is still named."""
    source = (
        "export function start(tasks) {\n"
        "  if (tasks.length > 0) {\n"
        "    notify(tasks.length);\n"
        "  }\n"
        "}\n"
    )
    repo.commit("ts", {"src/task.ts": source})
    data = json.loads(cli("context", "tasks", "--format", "json").out)
    callees = {u["line"]: u["callee"] for u in data["name"]["uses"]}
    assert callees[2] == "" and callees[3] == "notify"


def test_a_name_right_after_digits_is_no_use(repo, cli):
    """SPEED-E3: `git grep -w` does not match `token` in `2token`: the header line git shows
    above a real use is no use of `token`, and the use below it is in that function; `2store`
    beside a real use of `token` is no use of `store`."""
    source = "def convert(value):  # 2token\n    return value.token, 2store\n"
    head = repo.commit("convert", {"src/convert.py": source})
    data = json.loads(cli("context", "token", "--format", "json").out)
    seen = {(u["path"], u["line"], u["function"]) for u in data["name"]["uses"]}
    assert seen == {("src/convert.py", 2, "convert")}
    info = gitio.open_repo(repo.path)
    revision = Revision("HEAD", "commit", f"{head}~1", head)
    found, _ = pipeline_review._uses(info, revision, ["token", "store"], ())
    assert set(found) == {"token"}
