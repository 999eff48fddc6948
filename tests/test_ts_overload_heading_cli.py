"""CHECK-E60: a reference above TypeScript's overload signatures heads the implementation below
them, through the hook, on real repositories (the uuidjs trial: `// TIME-1` above `v1`'s two
signatures, and an edit of the body passed without a word)."""

from __future__ import annotations

SPEC = """---
id: TIME
scope:
  - "src/**"
---
# Time

## Context
- `v1()` makes ids.

## Requirements
- TIME-1: `v1()` returns a string unless a buffer is given.

## Edge Cases
- TIME-E1: empty options.
"""
FUNCTIONS = """// TIME-1
export function v1(options?: object, buf?: undefined, offset?: number): string;
export function v1(options: object, buf: Uint8Array, offset?: number): Uint8Array;
export function v1(options?: object, buf?: Uint8Array, offset?: number): string | Uint8Array {
  if (buf) {
    return buf;
  }
  return 'x';
}

export function other(): string {
  return 'o';
}
"""
METHODS = """export class Clock {
  // TIME-1
  v1(options?: object): string;
  v1(options: object, buf: Uint8Array): Uint8Array;
  v1(options?: object, buf?: Uint8Array): string | Uint8Array {
    return buf ?? 'x';
  }
}
"""
CALLED = """// TIME-1
setup(clock);
function v1(): string {
  return 'x';
}
"""
TEST = "// TIME-1\ntest('v1', () => {});\n"
WARNED = "warning [touched-requirement] this change touches the code of TIME-1"


def base(repo, code: str) -> None:
    repo.commit("base", {"specs/time.md": SPEC, "src/v1.ts": code, "test/v1.test.ts": TEST})


def staged(repo, cli, code: str, old: str, new: str) -> str:
    assert old in code
    repo.write({"src/v1.ts": code.replace(old, new)})
    repo.git("add", "-A")
    return cli("check", "--staged").out


def test_a_reference_above_overloads_heads_the_implementation(repo, cli):
    """CHECK-E60: an edit of the body below `export function` overloads warns of TIME-1, and the
    function after the implementation is not TIME-1's."""
    base(repo, FUNCTIONS)
    assert WARNED in staged(repo, cli, FUNCTIONS, "return 'x';", "return 'y';")
    repo.git("reset", "-q", "--hard")
    assert WARNED not in staged(repo, cli, FUNCTIONS, "return 'o';", "return 'p';")


def test_a_reference_above_method_overloads_heads_the_method(repo, cli):
    """CHECK-E60: a class's method overloads (`v1(...): string;`) are signatures too."""
    base(repo, METHODS)
    assert WARNED in staged(repo, cli, METHODS, "buf ?? 'x'", "buf ?? 'y'")


def test_a_call_between_the_reference_and_a_function_still_ends_it(repo, cli):
    """CHECK-E60, adversarial: `setup(clock);` is a statement, not a signature (no return type):
    the reference heads it, not the function below."""
    base(repo, CALLED)
    assert WARNED not in staged(repo, cli, CALLED, "return 'x';", "return 'y';")
