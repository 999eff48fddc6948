"""CHECK-E20: what a change takes away that a spec still names: the definition of a function,
class or type (in Python also a module's name) that no line of the resulting tree defines any
more. Pure: the change, the specs and the rows of one `git grep` in; findings out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from specflow.change import Change
from specflow.globs import is_code, matches
from specflow.model import Finding, Severity, Spec
from specflow.refs import path_of
from specflow.specset import SpecDirs, SpecSet, in_specs_dir

# The line that defines a name, in any language specflow reads: `def`, `class`, `function`,
# `func (r *T)`, `fn`, ... Patterns, not compiled ones: `re` compiles them when a change first
# removes a line, not on every commit.
_DEFINED_NAME = (
    r"(?m)^[ \t]*(?:(?:export|pub(?:\([\w:]+\))?|async|static|public|private|abstract|unsafe"
    r"|const(?=[ \t]+(?:unsafe[ \t]+)?fn\b)|extern(?:[ \t]+\"\w*\")?)[ \t]+)*"
    r"(?:def|class|function|func|fn|struct|interface|trait|enum)[ \t]+(?:\([^)\n]*\)[ \t]*|self\.)?"
    r"([A-Za-z_]\w*)"
)
# a Python module's own name; `nested`, in any language: a name assigned or declared anywhere
# (`if TYPE_CHECKING:`, a class, `export const f = () =>`, `type Options =`): still defined
_ASSIGNED = r"(?m)^([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)"
_NESTED = (
    r"(?m)^[ \t]*(?:(?:export|declare|pub|const|let|var|val|type|static|final|readonly)[ \t]+)*"
    r"([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)"
)
# CHECK-E23, other code: a function bound to a name (`export const f = (...) =>`), a type
# (`type Options =`, Go's `type Mux struct`), a method in braces (`protected _retry<T>(f: T) {`)
_BRACES = (
    r"(?m)^[ \t]*(?:export[ \t]+)?(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]*)?="
    r"[ \t]*(?:async[ \t]+)?(?:function\b|\(|[A-Za-z_$][\w$]*[ \t]*=>)",
    r"(?m)^[ \t]*(?:export[ \t]+)?(?:declare[ \t]+)?type[ \t]+([A-Za-z_]\w*)",
    # CHECK-E39: a function assigned to a property, by the property: `res.vary = function(f) {`
    r"(?m)^[ \t]*(?:[A-Za-z_$][\w$]*[ \t]*\.[ \t]*)+([A-Za-z_$][\w$]*)[ \t]*=[ \t]*"
    r"(?:async[ \t]+)?(?:function\b|\([^()\n]*\)[ \t]*(?::[^=;\n]*)?=>|[A-Za-z_$][\w$]*[ \t]*=>)",
    r"(?m)^[ \t]+(?:(?:public|private|protected|static|async|override|readonly|get|set)[ \t]+)*"
    r"#?(?!(?:if|for|while|switch|catch|with|return|function)\b)([A-Za-z_$][\w$]*)[ \t]*"
    r"(?:<[^\n]{0,200}?>)?\((?:[^()\n]|\([^()\n]*\))*\)[ \t]*(?::[^{;\n]*)?\{[ \t]*$",
)
# CHECK-E45, REVIEW-E141: a Go method is its receiver's type's: `func (r *Route) Match(` defines
# `Route.Match`, `func (t *Tree[K, V]) Insert(` is `Tree`'s (the receiver, then the name)
GO_METHOD = (
    r"func[ \t]*\([ \t]*(?:[A-Za-z_]\w*[ \t]+)?\*?[ \t]*([A-Za-z_]\w*)[ \t]*"
    r"(?:\[[^\]\n]*\])?[ \t]*\)[ \t]*([A-Za-z_]\w*)"
)
# `name`, `module.name()`, REVIEW-E80: Ruby's `Rack::Utils.get_byte_ranges`, `Utils#serving`
_NAMED = r"`([A-Za-z_](?:[\w.#]|::)*)(?:\(\))?`"
_FILE_NAME = r".+\.(?:json|toml|ya?ml|md|rst|txt|cfg|ini|lock|html?|css|py|js|ts|sh)\Z"


def defined_names(path: str, text: str, nested: bool = False) -> Iterator[tuple[str, int]]:
    """Each name the lines of `text` define (a function, class or type; in Python a module's
    name; with `nested`, any name assigned), with where its line starts in `text`."""
    python = path.endswith((".py", ".pyi"))
    patterns = [_DEFINED_NAME, *(() if python else _BRACES)]
    if nested or python:
        patterns.append(_NESTED if nested else _ASSIGNED)
    for pattern in patterns:
        for found in re.finditer(pattern, text):
            yield found[1], found.start()
    if path.endswith(".go") and "func" in text:  # CHECK-E45
        for found in re.finditer(rf"(?m)^[ \t]*{GO_METHOD}", text):
            yield f"{found[1]}.{found[2]}", found.start()


def removed_definitions(
    change: Change, specs: SpecSet, test_globs: tuple[str, ...], specs_dir: SpecDirs
) -> dict[str, tuple[str, int]]:
    """The names an enforced spec names whose definitions the change removes from code and
    defines on no added line (a function rewritten in place, or moved in the change, is not
    removed): where each was."""
    files = [
        file
        for file in change.files
        if is_code(path := file.old_path or file.path)
        and not matches(path, test_globs)
        and not in_specs_dir(path, specs_dir)
    ]
    removed: dict[str, tuple[str, int]] = {}
    for file in files:
        path = file.old_path or file.path
        for hunk in filter(lambda hunk: hunk.removed, file.hunks):
            block = "\n".join(line.text for line in hunk.removed)  # one search a hunk, in C
            for name, at in defined_names(path, block):
                removed.setdefault(name, (path, hunk.removed[block.count("\n", 0, at)].number))
    if removed:
        named = spec_names(specs)
        removed = {name: where for name, where in removed.items() if name in named}
    if removed:  # the added lines are read only for those
        for file in files:
            for hunk in file.hunks:
                block = "\n".join(line.text for line in hunk.added)
                for name, _ in defined_names(file.path, block, nested=True):
                    removed.pop(name, None)
    return removed


def spec_names(specs: SpecSet) -> set[str]:
    """The names the enforced specs' statements write in backticks, each by its last part and
    (CHECK-E45: `Route.Match`, a Go method by its receiver) as written."""
    return {
        named
        for spec in specs.specs
        if spec.enforced
        for text, _, _ in _statements(spec)
        for name in quoted_names(text)
        for named in (last_name(name), name)
    }


def searched(gone: Iterable[str]) -> list[str]:
    """The words the tree is searched for: each name's last part (`Match` of `Route.Match`)."""
    return sorted({name.rsplit(".", 1)[-1] for name in gone})


def quoted_names(text: str) -> list[str]:
    """The names a statement writes in backticks: `name`, `module.name()`, `Rack::Utils.x`."""
    return re.findall(_NAMED, text)


def last_name(name: str) -> str:
    """`module.name` by `name`; a file's name (`report.json`) is no name: ''."""
    return "" if re.match(_FILE_NAME, name) else re.split(r"::|[.#]", name)[-1]


def _statements(spec: Spec) -> Iterator[tuple[str, str, int]]:
    """Each statement's text, path and line: requirements, edge cases and Context lines."""
    for item in spec.items:
        yield item.text, item.path, item.line
    for context in spec.context:
        yield context.text, context.path, context.line


def _gone(name: str, gone: Mapping[str, tuple[str, int]]) -> str:
    """The name a statement writes as `gone` knows it: CHECK-E45, `Route.Match` when the change
    took Route's `Match` away (another type's may remain), else by its last part."""
    return name if name in gone else last_name(name)


def still_lost(
    gone: Mapping[str, tuple[str, int]], rows: Iterable[tuple[bytes, bytes, bytes]]
) -> dict[str, tuple[str, int]]:
    """Of the names `gone`, those no row of the tree's search (`git grep -w` of them) defines."""
    defined = {
        name
        for raw, _, row in rows
        for name, _ in defined_names(path_of(raw), row.decode("utf-8", "replace"), nested=True)
    }
    return {name: where for name, where in gone.items() if name not in defined}


def names_removed(specs: SpecSet, gone: Mapping[str, tuple[str, int]]) -> Iterator[Finding]:
    """CHECK-E20: `gone`: the names `removed_definitions` found that the resulting tree defines
    nowhere; each statement of an enforced spec that still names one."""
    for spec in specs.specs if gone else ():
        if not spec.enforced:
            continue
        for text, path, line in _statements(spec):
            for name in dict.fromkeys(_gone(name, gone) for name in quoted_names(text)):
                if (where := gone.get(name)) is None:
                    continue
                yield Finding(
                    "name-removed",
                    Severity.warning,
                    path,
                    line,
                    f"this change removes `{name}` ({where[0]}:{where[1]}), "
                    f"which {spec.id} names here, and the tree defines it nowhere else: "
                    "update the spec to what the code does now",
                )
