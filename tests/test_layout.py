"""The shape of src/specflow: families are packages, and loading a module runs no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import specflow

ROOT = Path(specflow.__file__).parent
FAMILIES = ("commands", "output", "forges", "sources", "languages")


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _loaded_statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """The statements a module runs when it is loaded: its body, and the bodies of module-level
    if/try blocks but for `if TYPE_CHECKING:` (LAYOUT-E1: function bodies run later)."""
    found: list[ast.stmt] = []
    for node in body:
        found.append(node)
        if isinstance(node, ast.If) and not _is_type_checking(node):
            found += _loaded_statements(node.body) + _loaded_statements(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody, *(h.body for h in node.handlers)):
                found += _loaded_statements(block)
    return found


def imported_at_load(path: Path, known: set[str]) -> set[str]:
    """The specflow modules that loading `path` imports (a package import loads its __init__)."""
    found: set[str] = set()
    for node in _loaded_statements(ast.parse(path.read_text()).body):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in known}
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    files = {module_name(path, root): path for path in root.rglob("*.py")}
    known = set(files)
    graph = {name: imported_at_load(path, known) - {name} for name, path in files.items()}
    for name in known:  # importing a.b.c loads the package a.b first
        if (parent := name.rpartition(".")[0]) in known:
            graph[name].add(parent)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of `graph` as the modules along it, or None."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(name: str) -> list[str] | None:
        path.append(name)
        on_path.add(name)
        for target in sorted(graph.get(name, ())):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done and (cycle := visit(target)):
                return cycle
        on_path.discard(path.pop())
        done.add(name)
        return None

    for name in sorted(graph):
        if name not in done and (cycle := visit(name)):
            return cycle
    return None


def test_loading_any_module_runs_no_import_cycle():
    """LAYOUT-2"""
    graph = import_graph()
    assert len(graph) > 40 and "specflow.pipeline" in graph
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle at module level: " + " -> ".join(cycle or [])


def test_a_cycle_is_found_and_a_lazy_import_is_not_one(tmp_path):
    """LAYOUT-2, LAYOUT-E1: the walker itself, on a package written for it."""
    package = tmp_path / "specflow"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from specflow import b\n")
    (package / "b.py").write_text("def f():\n    from specflow import a\n")
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from specflow import a\n"
    )
    assert find_cycle(import_graph(package)) is None
    (package / "b.py").write_text(
        "try:\n    from specflow.a import x\nexcept ImportError:\n    pass\n"
    )
    assert find_cycle(import_graph(package)) == ["specflow.a", "specflow.b", "specflow.a"]


def test_each_family_is_a_package_that_names_itself():
    """LAYOUT-1"""
    for family in FAMILIES:
        init = ROOT / family / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text()))
        assert doc and len(doc.split()) > 10, f"{init}: no docstring naming the family"
        assert len(list((ROOT / family).glob("*.py"))) > 1, f"{family}/ has no member"


def test_states_are_literal_types_that_hold_what_the_cli_writes(repo, cli):
    """LAYOUT-5: a review's revision mode and its uses' kinds are among their Literal types."""
    import json
    from typing import get_args

    from specflow.change import Mode
    from specflow.usekind import UseKind

    repo.commit(
        "one", {"src/a.py": "import os\n\n\ndef f():\n    return g()\n\n\ndef g():\n    return 1\n"}
    )
    repo.stage(
        {"src/a.py": "import os\n\n\ndef f():\n    return g()\n\n\ndef g():\n    return 2\n"}
    )
    review = json.loads(cli("review", "--staged", "--format", "json").out)
    assert review["revision"]["mode"] == "staged" and "staged" in get_args(Mode)
    uses = [use["use"] for ripple in review["ripples"] for use in ripple["uses"]]
    assert "call" in uses and set(uses) <= set(get_args(UseKind))
    for mode in ("commit", "range"):
        rev = "HEAD" if mode == "commit" else "HEAD..HEAD"
        shown = json.loads(cli("review", rev, "--format", "json").out)["revision"]["mode"]
        assert shown == mode and mode in get_args(Mode)


def test_the_architecture_page_names_every_family_cache_and_dependency():
    """LAYOUT-3: docs/architecture.md keeps up with the code: each family, each core module,
    each cache file the code writes, each dependency in pyproject.toml; the README links it."""
    import re
    import sys

    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib

    repository = ROOT.parents[1]
    page = (repository / "docs" / "architecture.md").read_text()
    for family in FAMILIES:
        assert f"{family}/" in page, family
    for module in ROOT.glob("*.py"):
        if module.stem not in ("__init__", "__main__"):
            assert f"{module.name}" in page or f"{module.stem}." in page, module.name
    caches = set()
    for module in ROOT.rglob("*.py"):
        caches |= set(re.findall(r'"(\w+\.pickle)"', module.read_text()))
    assert caches and all(f"`{cache}`" in page for cache in caches), caches
    project = tomllib.loads((repository / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"]:
        name = re.split(r"[<>=;! ]", requirement)[0].lower()
        assert name in page.lower(), name
    assert "GitPython" in page and "unidiff" in page and "GIT_INDEX_FILE" in page
    assert "(docs/architecture.md)" in (repository / "README.md").read_text()


def test_every_check_format_is_a_formatter_the_cli_offers(repo, cli):
    """LAYOUT-6: each of check's --format choices is one Formatter, and each prints the
    verdict on a real change."""
    import json

    from specflow.cli import CheckFormat
    from specflow.output.base import FORMATS, Formatter, formatter

    assert set(FORMATS) == {choice.value for choice in CheckFormat}
    for name in FORMATS:
        assert isinstance(formatter(name), Formatter) and formatter(name).name == name
    spec = "---\nid: PAY\nscope: [src/**]\n---\n# Pay\n\n## Requirements\n- PAY-1: Cents.\n"
    repo.commit("spec", {"specs/pay.md": spec})
    repo.commit("code", {"src/pay.py": "def pay():\n    return 1\n"})
    printed = {name: cli("check", "HEAD", "--format", name) for name in FORMATS}
    assert all(result.code == 1 for result in printed.values()), printed
    assert "PAY-1" in printed["text"].out and "(blocked)" in printed["text"].out
    assert json.loads(printed["json"].out)["blocking"] is True
    assert printed["github"].out.startswith("::error file=specs/pay.md")
    assert json.loads(printed["sarif"].out)["runs"][0]["results"][0]["ruleId"]


def test_command_json_is_built_only_in_serialize():
    """LAYOUT-7: no module but output/serialize.py has a `*_dict`/`as_dict` builder, and the
    JSON specflow prints is written only by console.dump_json (SARIF by its own formatter)."""
    builders, writers = [], []
    for path in ROOT.rglob("*.py"):
        name = module_name(path, ROOT)
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef) and node.name.endswith("_dict"):
                builders.append(f"{name}.{node.name}")
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("dumps", "dump")
                and isinstance(node.value, ast.Name)
                and node.value.id == "json"
            ):
                writers.append(name)
    assert [b for b in builders if not b.startswith("specflow.output.serialize.")] == []
    # the forge's request body and the assistants' settings files (`agents`) are not output
    assert sorted(set(writers)) == [
        "specflow.commands.agents",
        "specflow.forges.post",
        "specflow.output.console",
        "specflow.output.github",
    ]


def test_no_module_is_over_460_lines():
    """LAYOUT-8: a module that grows past this holds several concerns: split it by stage or
    give its family a member."""
    sizes = {module_name(p, ROOT): len(p.read_text().splitlines()) for p in ROOT.rglob("*.py")}
    over = {name: size for name, size in sizes.items() if size > 460}
    assert over == {}


COMMAND_MODULES = {
    "check": "check",
    "comment": "comment",
    "review": "review_context",
    "context": "review_context",
    "list_specs": "list_show",
    "show": "list_show",
    "init": "init_new_lint",
    "new": "init_new_lint",
    "lint": "init_new_lint",
    "report": "report",
    "brief": "brief",
    "demo": "demo",
    "mcp": "serve",
    "agents_install": "agents",
    "agents_uninstall": "agents",
    "hook_install": "hook",
    "hook_uninstall": "hook",
}


def test_the_typer_layer_only_parses_and_calls():
    """LAYOUT-9: these commands' typer functions import their command and call it."""
    tree = ast.parse((ROOT / "cli.py").read_text())
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    for name, module in COMMAND_MODULES.items():
        body = functions[name].body[1:]  # after the docstring
        imported = [node.module for node in body if isinstance(node, ast.ImportFrom)]
        assert imported == [f"specflow.commands.{module}"], name
        rest = [node for node in body if not isinstance(node, ast.ImportFrom)]
        assert len(rest) <= 2, name
        assert all(isinstance(node, (ast.Expr, ast.Assign, ast.Raise)) for node in rest), name


# The modules, written as the process ends: at exit, or at the `os._exit` that `review` and
# `context` leave by (SPEED-14); never from a forked child.
PROBE = """
import atexit, os, sys
sys.argv = ["specflow", *sys.argv[1:]]
pid, leave = os.getpid(), os._exit
def report():
    if os.getpid() == pid:
        sys.stderr.write("\\n@@ " + " ".join(sorted(sys.modules)) + "\\n")
        sys.stderr.flush()
def hard_exit(code):
    report()
    leave(code)
atexit.register(report)
os._exit = hard_exit
from specflow.entry import main
main()
"""


def loaded_modules(cwd: Path, *args: str) -> tuple[int, set[str]]:
    """The exit code of `specflow ARGS` run as the console script runs it, and every module
    it loaded."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True
    )
    return done.returncode, set(done.stderr.rpartition("\n@@ ")[2].split())


PAY_SPEC = """---
id: PAY
scope: [src/**]
---
# Pay

## Context
- Amounts are integer cents, converted by `to_cents()` in `src/pay.py`.

## Requirements
- PAY-1: Cents.
"""
PAY = "# PAY-1\ndef to_cents(amount):\n    return round(amount * 100)\n"
KIRO = (  # a foreign source on the hook's path (SOURCES-*): its module, never its parser
    "# Requirements Document\n\n## Introduction\nWhy.\n\n## Requirements\n\n"
    "### Requirement 1: Lockout\n**Objective:** As a user, I want x\n\n"
    "#### Acceptance Criteria\n1. When five logins fail, the account shall be locked\n"
)
PAY_GO = (
    "package pay\n\n// PAY-1\nfunc ToCents(amount float64) int {\n\treturn int(amount * 100)\n}\n"
)
PAY_TEST = "from pay import to_cents\n\n\ndef test_cents():  # PAY-1\n    assert to_cents(1)\n"


def hook_runs(repo) -> dict[str, set[str]]:
    """The modules each of the hooks' command lines loads on a real repository, and those that
    `--help` and `--version` load: with no cache, then warm; with specflow's specs alone, then
    with a Kiro spec too; passing (the pre-commit hook asks its questions) and blocked."""
    repo.commit(
        "spec", {"specs/pay.md": PAY_SPEC, "src/pay.py": PAY, "tests/test_pay.py": PAY_TEST}
    )
    repo.stage({"src/pay.py": PAY.replace("100", "100.0")})
    (repo.path / ".git" / "MSG").write_text("Cents as floats (PAY-1)\n")
    staged = ("check", "--staged")
    runs = {"cold": staged, "warm": staged, "help": ("--help",), "version": ("--version",)}
    loaded = {}
    for name, args in runs.items():
        code, loaded[name] = loaded_modules(repo.path, *args)
        assert code == 0, (name, code)
    repo.stage({".kiro/specs/lock/requirements.md": KIRO, "tests/lock.py": "# LOCK-1.1\n"})
    runs = {
        "foreign cold": staged,
        "foreign warm": staged,
        "pre-commit": (*staged, "--before-message"),
        "commit-msg": (*staged, "--message-file", ".git/MSG", "--message-only"),
    }
    for name, args in runs.items():
        code, loaded[name] = loaded_modules(repo.path, *args)
        assert code == 0, (name, code)
    repo.stage({"src/pay.py": PAY + "# PAY-9\n"})
    code, loaded["blocked"] = loaded_modules(repo.path, *staged)
    assert code == 1
    repo.commit("go", {"src/pay.py": PAY, "src/pay.go": PAY_GO})
    repo.stage({"src/pay.go": PAY_GO.replace("amount * 100", "amount  *  100")})
    loaded_modules(repo.path, *staged)  # the caches written, as "warm"
    code, loaded["go"] = loaded_modules(repo.path, *staged)  # CHECK-E21: no syntax tree
    assert code == 0
    return loaded


def lazy_imports(path: Path, known: set[str]) -> list[tuple[str, str]]:
    """(function, module) for each import inside a function of `path`: what it loads when the
    function runs (`from a import b` loads `a.b` when that is a module of specflow)."""
    found: list[tuple[str, str]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, f"{function}.{child.name}" if function else child.name)
            elif function and isinstance(child, ast.Import):
                found.extend((function, alias.name) for alias in child.names)
            elif function and isinstance(child, ast.ImportFrom) and child.module:
                for alias in child.names:
                    name = f"{child.module}.{alias.name}"
                    found.append((function, name if name in known else child.module))
            else:
                visit(child, function)

    visit(ast.parse(path.read_text()), "")
    return found


# LAYOUT-12: imports kept inside a function though every run that loads the module loads them
# too, each with the reason that outweighs the call graph it hides.
LAZY_ALLOWED = {
    ("specflow.commands.check", "specflow.judged"): "SPEED-4: imported while git opens the repo",
    ("specflow.commands.check", "specflow.pipeline"): "SPEED-4: imported while git opens the repo",
    ("specflow.commands.serve", "specflow.commands.mcpserver"): "the optional MCP SDK: without "
    "`specflow[mcp]`, `specflow mcp` says what to install",
    ("specflow.commands.serve", "mcp"): "ASSIST-E5: the SDK before mcpserver's anyio, so that "
    "a plain install gets the line that says what to install",
    ("specflow.output.serialize", "specflow.context"): "SPEED-3: `check --format json` "
    "serialises here, and context.py would load the review's stages",
    ("specflow.commands.review_context", "specflow.output.render"): "SPEED-11: `review` and "
    "`context` in JSON load neither rich nor Jinja2 (90 ms)",
}


def test_an_import_sits_in_a_function_only_where_a_hook_or_help_gains(repo):
    """LAYOUT-12: a module imports inside a function only what some hook run (or `--help`,
    `--version`) that loads the module does not load: the rest is at the top, where a reader
    sees the call graph. The exceptions are listed with their reason."""
    runs = hook_runs(repo)
    files = {module_name(path, ROOT): path for path in ROOT.rglob("*.py")}
    hidden = set()
    for module, path in files.items():
        for function, target in lazy_imports(path, set(files)):
            if not any(module in run and target not in run for run in runs.values()):
                hidden.add((module, target, function))
    unexplained = {(m, t, f) for m, t, f in hidden if (m, t) not in LAZY_ALLOWED}
    assert sorted(unexplained) == []
    assert {(m, t) for m, t, _ in hidden} == set(LAZY_ALLOWED)  # no stale exception


def test_a_lazy_import_that_every_run_loads_anyway_is_found(tmp_path):
    """LAYOUT-12: the walker itself: what a function imports, as the module it loads."""
    package = tmp_path / "specflow"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text(
        "import os\n\n\ndef f():\n    from specflow import b\n    if os.sep:\n"
        "        import json\n\n    def g():\n        from specflow.b import x\n"
    )
    known = {"specflow", "specflow.a", "specflow.b"}
    found = lazy_imports(package / "a.py", known)
    assert found == [("f", "specflow.b"), ("f", "json"), ("f.g", "specflow.b")]


# LAYOUT-13: what the hooks' check loads. A module added here costs every commit: measure it
# with benchmarks/bench_check.py against main first (docs/architecture.md).
HOOK_MODULES = {
    f"specflow{name}"
    for name in (
        "",
        ".affected",
        ".cachefile",
        ".change",
        ".commands",
        ".commands.check",
        ".config",
        ".constraints",
        ".entry",
        ".errors",
        ".forges",
        ".forges.ci_env",
        ".gitio",
        ".gitread",
        ".globs",
        ".heading",
        ".ids",
        ".judged",
        ".definitions",
        ".losses",
        ".model",
        ".output",
        ".output.base",
        ".output.console",
        ".output.escape",
        ".output.text",
        ".patch",
        ".pipeline",
        ".refcache",
        ".refs",
        ".rules",
        ".sources",
        ".speccache",
        ".specset",
        ".testcode",
    )
}
QUESTION_MODULES = {  # HOOK-14: the review's stages, when the pre-commit hook asks questions
    f"specflow.{name}"
    for name in (
        "acts",
        "armrows",
        "budget",
        "callargs",  # REVIEW-E284
        "confidence",
        "dunders",
        "forked",
        "headernames",  # REVIEW-E404
        "hunkcode",
        "identifiers",
        "languages",
        "languages.base",
        "languages.brackets",  # REVIEW-E415's bracket matcher, shared by the brace languages
        "languages.cppforms",  # REVIEW-E415
        "languages.defining",
        "languages.generic",
        "languages.goarms",
        "languages.javaforms",  # REVIEW-E315, REVIEW-E317: a few patterns
        "languages.ktforms",  # REVIEW-E411
        "languages.ktowner",  # REVIEW-E411
        "languages.localnames",
        "languages.pyacts",
        "languages.pyannotate",
        "languages.pyargs",
        "languages.pybindings",
        "languages.pyblocks",
        "languages.pycaught",  # REVIEW-E353
        "languages.pyconditions",
        "languages.pyconstants",  # REVIEW-E357
        "languages.pydefinitions",
        "languages.pydropped",  # REVIEW-E355
        "languages.pyexits",  # REVIEW-E383, REVIEW-E384, REVIEW-E385
        "languages.pyfields",
        "languages.pyflow",
        "languages.pyformat",
        "languages.pyimports",  # REVIEW-E303
        "languages.pylayout",
        "languages.pyliteral",
        "languages.pylog",
        "languages.pymodern",
        "languages.pyproperty",  # REVIEW-E426
        "languages.pymoves",
        "languages.pyreach",
        "languages.pyregex",  # REVIEW-E214
        "languages.pyrename",
        "languages.pyshape",
        "languages.pyslots",
        "languages.pysource",
        "languages.pytyping",
        "languages.python",
        "languages.pyunread",  # REVIEW-E428
        "languages.pywalk",
        "languages.respelled",  # REVIEW-E413: which language module respells tokens, none loaded
        "languages.rbowner",  # REVIEW-E297
        "languages.rustitems",
        "languages.tokens",
        "languages.tstypes",
        "languages.writes",
        "lineage",
        "link",
        "keyrows",  # REVIEW-E299
        "linkmatch",
        "linkrows",
        "literals",
        "noop",
        "outranked",
        "ownedrows",
        "phpcalls",  # REVIEW-E286
        "pipeline_review",
        "raisedrows",  # REVIEW-E298
        "renames",
        "review",
        "ripple",
        "ripplerows",
        "said",  # REVIEW-E266
        "selfwrites",  # REVIEW-E285
        "specreview",
        "spellings",
        "statednumbers",
        "subject",  # REVIEW-E369
        "tableentry",
        "templated",  # REVIEW-E321
        "touches",
        "unchanged",
        "usekind",
        "words",
    )
}
NOOP_RULES = [
    "annotate",
    "bindings",
    "blocks",
    "caught",  # REVIEW-E353
    "constants",  # REVIEW-E357
    "dropped",  # REVIEW-E355
    "exits",  # REVIEW-E383, REVIEW-E384, REVIEW-E385
    "fields",
    "flow",
    "format",
    "imports",  # REVIEW-E303
    "literal",
    "log",
    "modern",
    "moves",
    "regex",  # REVIEW-E214
    "rename",
    "shape",
    "slots",
    "source",
    "typing",
    "unread",  # REVIEW-E428
]
GO_MODULES = {  # CHECK-E21: other code under a reference, judged on its tokens, not a tree
    f"specflow.{name}"
    for name in (
        "unchanged",
        "languages",
        "languages.tokens",
        "languages.respelled",  # REVIEW-E413: which language respells its tokens, none loaded
        "languages.tstypes",
        "languages.goforms",  # REVIEW-E163: Go's declaration groups, for a Go file alone
        "languages.gorenames",  # REVIEW-E227: a package's renamed names, for a Go file alone
        "languages.gostd",  # REVIEW-E393, REVIEW-E394: its standard names, for a Go file alone
        "braces",
    )
}
KIRO_MODULES = {"specflow.sources.kiro", "specflow.sources.blocks"}  # its reader, not its parser
NOOP_MODULES = {  # CHECK-E19: a change to Python code under a reference: is it a change?
    f"specflow.{name}"
    for name in (
        "noop",
        "renames",
        "unchanged",
        "languages",
        *(f"languages.py{rule}" for rule in NOOP_RULES),
    )
}


def test_the_hooks_load_their_listed_modules_and_print_through_the_console(repo):
    """LAYOUT-10, LAYOUT-13: with warm caches, the hooks' check loads its command, the core
    stages it runs, the console and the text format: exactly the listed modules, and no
    package from outside the standard library; `--help` and `--version` load typer alone."""
    import subprocess
    import sys

    runs = hook_runs(repo)
    bare = subprocess.run(  # what the interpreter loads by itself (site, .pth files)
        [sys.executable, "-c", "import sys; print(*sys.modules)"], capture_output=True, text=True
    ).stdout.split()
    ours = {name: {m for m in run if m.startswith("specflow")} for name, run in runs.items()}
    assert ours["warm"] == HOOK_MODULES | NOOP_MODULES
    assert ours["blocked"] == HOOK_MODULES | KIRO_MODULES  # a comment: no tree to read
    assert ours["foreign warm"] == HOOK_MODULES | KIRO_MODULES | NOOP_MODULES
    assert ours["pre-commit"] == HOOK_MODULES | KIRO_MODULES | QUESTION_MODULES
    assert ours["commit-msg"] == ours["foreign warm"] | {"specflow.commitmsg"}
    assert ours["go"] == HOOK_MODULES | KIRO_MODULES | GO_MODULES
    for name in ("warm", "foreign warm", "pre-commit", "commit-msg", "blocked"):
        outside = {m.split(".")[0] for m in runs[name]} - set(sys.stdlib_module_names)
        assert outside - set(bare) == {"specflow"}, name
        assert not ours[name] & {"specflow.output.render", "specflow.output.serialize"}, name
    for name in ("help", "version"):
        assert ours[name] == {
            "specflow",
            "specflow.entry",
            "specflow.cli",
            "specflow.choices",
            "specflow.errors",
        }, name
        assert not runs[name] & {"rich", "jinja2", "markdown_it", "yaml"}, name


TESTS = Path(__file__).parent


def _is_fixture(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name == "fixture"


def _fixture_name(node: ast.FunctionDef | ast.AsyncFunctionDef, decorator: ast.expr) -> str:
    """The name pytest knows the fixture by: `name=` if the decorator gives one."""
    for keyword in decorator.keywords if isinstance(decorator, ast.Call) else []:
        if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return node.name


def fixtures_named(name: str, root: Path) -> list[str]:
    """`path:line` of every fixture called `name` in the test files under `root`."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names = [_fixture_name(node, d) for d in node.decorator_list if _is_fixture(d)]
                if name in names:
                    found.append(f"{path.relative_to(root).as_posix()}:{node.lineno}")
    return found


def test_the_story_has_one_fixture_in_the_shared_conftest():
    """LAYOUT-11: a second `story` fixture would tell the story another way."""
    found = fixtures_named("story", TESTS)
    assert [place.split(":")[0] for place in found] == ["conftest.py"], found


def test_a_story_fixture_is_found_under_any_spelling(tmp_path):
    """LAYOUT-11: the search itself, on test files written for it."""
    (tmp_path / "test_a.py").write_text(
        "import pytest\nfrom pytest import fixture\n\n\n@pytest.fixture\ndef story(repo):\n"
        "    return repo\n\n\n@fixture(name='story')\ndef other(repo):\n    return repo\n"
    )
    (tmp_path / "test_b.py").write_text(
        "import pytest\n\n\n@pytest.fixture(scope='module')\nasync def story():\n    pass\n\n\n"
        "def story_text():\n    return 'not a fixture'\n\n\n@pytest.fixture\ndef repo():\n"
        "    pass\n"
    )
    assert fixtures_named("story", tmp_path) == ["test_a.py:6", "test_a.py:11", "test_b.py:5"]


def test_json_reviews_load_neither_rich_nor_jinja2(repo):
    """SPEED-11: what integrations read (`review`, `context` in JSON) skips the libraries that
    only the text and Markdown outputs use; Markdown loads them."""
    repo.commit("spec", {"specs/pay.md": PAY_SPEC, "src/pay.py": PAY})
    repo.commit("floats", {"src/pay.py": PAY.replace("100", "100.0")})
    for args in (
        ("review", "HEAD", "--format", "json"),
        ("context", "src/pay.py", "--format", "json"),
    ):
        code, modules = loaded_modules(repo.path, *args)
        assert code == 0
        assert not {m.split(".")[0] for m in modules} & {"rich", "jinja2"}, args
    code, modules = loaded_modules(repo.path, "review", "HEAD", "--format", "markdown")
    assert code == 0 and {"rich", "jinja2"} <= {m.split(".")[0] for m in modules}


def test_the_hook_loads_no_brace_moves_for_a_c_change(repo):
    """SPEED-24: REVIEW-E359's and REVIEW-E360's modules (bracemoves, paramrenames) read
    Java, Go, JavaScript and TypeScript alone: the hook checking a C change loads neither."""
    spec = '---\nid: CAL\nscope: ["src/**"]\n---\n# Calc\n\n## Requirements\n'
    code = "/* CAL-1 */\nint add(int a, int b) {\n    return a + b;\n}\n"
    repo.commit("base", {"specs/cal.md": spec + "- CAL-1: `add` sums.\n", "src/cal.c": code})
    repo.stage({"src/cal.c": code.replace("a + b;", "a + b + 0;")})
    status, loaded = loaded_modules(repo.path, "check", "--staged")
    assert status == 0
    moves = {"specflow.languages.bracemoves", "specflow.languages.paramrenames"}
    assert not loaded & moves
