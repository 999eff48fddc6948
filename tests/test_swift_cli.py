"""What the Alamofire trial (Swift) found, through the CLI on real repositories: SwiftFormat's
and newer Swift's rewrites change nothing that runs (REVIEW-E120), and the same-looking changes
that do still ask and warn under a reference; XCTest files are tests (CHECK-E36)."""

from __future__ import annotations

from testing.util import review_json, reviewed_rewrite

SPEC = """---
id: VAL
scope: ["Sources/**"]
---
# Validation

## Context
- `validate(statusCode:)` checks `acceptableStatusCodes` with `check`.

## Requirements
- VAL-1: A code outside `acceptableStatusCodes` fails.
"""

VALIDATION = """import Foundation

extension DataRequest {
    // VAL-1
    func validate(statusCode acceptableStatusCodes: [Int], response: Response?) -> Self {
        guard let response = response else { return self }
        let other = response.statusCode
        let f: @Sendable @escaping (Int) -> Void = { _ in self.check(acceptableStatusCodes) }
        if other == 0 { return self }
        complete(Void())
        let g = {
            foo()
            return check(acceptableStatusCodes)
        }
        g()
        return self
    }

    // VAL-1
    func validate() -> Self {
        return validate { _ in
            self.check(acceptableStatusCodes)
        }
    }

    var codes: [Int] {
        return acceptableStatusCodes
    }
}
"""


def _commit(repo, cli, subject, *pairs):
    return reviewed_rewrite(repo, cli, "Sources/Validation.swift", VALIDATION, subject, *pairs)


def test_swift_rewrites_ask_nothing(repo, cli):
    """REVIEW-E120 (Alamofire `23b239a`, `81a2972`, `827a879`, `6efcb40`; the trial's defect 1):
    an implicit `return` in a function's, a getter's or a closure's one expression, `self.`
    dropped before a member no local shadows, `guard let x = x` as `guard let x`, `Void()` as
    `()` (Alamofire `5c34603`), built-in
    attributes in another order: no question, no unasked code, and no `touched-requirement`
    under `// VAL-1` (CHECK-E21)."""
    repo.commit("base", {"specs/val.md": SPEC, "Sources/Validation.swift": VALIDATION})
    rewrites = {
        "return": ("        return validate { _ in", "        validate { _ in"),
        "getter": ("        return acceptableStatusCodes\n", "        acceptableStatusCodes\n"),
        "self": (
            "            self.check(acceptableStatusCodes)",
            "            check(acceptableStatusCodes)",
        ),
        "closure self": ("{ _ in self.check(", "{ _ in check("),
        "shorthand": ("guard let response = response else", "guard let response else"),
        "attributes": ("@Sendable @escaping (Int)", "@escaping @Sendable (Int)"),
        "void": ("complete(Void())", "complete(())"),
    }
    for subject, pairs in rewrites.items():
        data, checked = _commit(repo, cli, subject, *pairs)
        assert data["noop_files"] == ["Sources/Validation.swift"], subject
        assert (data["questions"], data["unasked"]) == ([], []), subject
        assert "touched-requirement" not in checked, subject


def test_swift_rewrites_that_change_what_runs_still_ask(repo, cli):
    """REVIEW-E120, adversarial: a `return` dropped from an `if`'s block (it left the function)
    or from a closure of two statements; `self.x` as `x` where a parameter, a closure's
    parameter or a local `x` shadows the member (also one the change declares elsewhere);
    `guard let response = other` as `guard let response`; property wrappers in another order
    (their order is their nesting). Each is a change, asked and warned under `// VAL-1`."""
    repo.commit("base", {"specs/val.md": SPEC, "Sources/Validation.swift": VALIDATION})
    changes = {
        "if block": ("if other == 0 { return self }", "if other == 0 { self }"),
        "two statements": (
            "            return check(acceptableStatusCodes)\n",
            "            check(acceptableStatusCodes)\n",
        ),
        "parameter": ("{ _ in self.check(acceptableStatusCodes) }", "{ _ in self.response }"),
        "shadowed by a closure's parameter": (
            "{ _ in self.check(acceptableStatusCodes) }",
            "{ check in check(acceptableStatusCodes) }",
        ),
        "shadowed by a local the change declares": (
            *("let other = response.statusCode", "let check = response.statusCode"),
            *(
                "            self.check(acceptableStatusCodes)",
                "            check(acceptableStatusCodes)",
            ),
        ),
        "another value": ("guard let response = response else", "guard let response = other else"),
    }
    for subject, pairs in changes.items():
        data, checked = _commit(repo, cli, subject, *pairs)
        assert data["noop_files"] == [], subject
        assert "touches the code of VAL-1" in checked, subject
    wrapped = VALIDATION.replace("        let other", "        @Clamped @Logged var other")
    repo.commit("wrappers", {"Sources/Validation.swift": wrapped})
    repo.commit(
        "order",
        {"Sources/Validation.swift": wrapped.replace("@Clamped @Logged", "@Logged @Clamped")},
    )
    assert review_json(cli, "HEAD")["noop_files"] == []


XCTEST = """import XCTest

final class ValidationTests: XCTestCase {
    // VAL-1
    func testThatUnacceptableCodesFail() { XCTAssertTrue(validate()) }
}
"""


def test_xctest_files_are_tests(repo, cli):
    """CHECK-E36 (Alamofire's `Tests/*Tests.swift`; the trial's defect 2): a reference in the
    root's `Tests/` or in a `*Tests.swift` file verifies, it implements nothing, and no
    `untested-requirement` warns; `Sources/Tests.swift` (no prefix) and a nested `Tests/`
    folder stay implementation (CHECK-E35's caution: a library may name its own code so)."""
    source = "func validate() -> Bool {\n    // VAL-1\n    return true\n}\n"
    repo.commit(
        "base",
        {
            "specs/val.md": SPEC,
            "Sources/Validation.swift": source,
            "Tests/ValidationTests.swift": XCTEST,
        },
    )
    shown = cli("show", "VAL-1").out
    assert "verifies at Tests/ValidationTests.swift:4" in shown
    assert "untested-requirement" not in cli("check", "HEAD").out
    repo.commit(
        "moved", {"Tests/ValidationTests.swift": None, "Sources/App/AppTests.swift": XCTEST}
    )
    assert "verifies at Sources/App/AppTests.swift:4" in cli("show", "VAL-1").out
    repo.commit("helpers", {"Sources/App/AppTests.swift": None, "Sources/Tests.swift": XCTEST})
    assert "implemented at Sources/Tests.swift:4" in cli("show", "VAL-1").out
    repo.commit("nested", {"Sources/Tests.swift": None, "Sources/Tests/Helpers.swift": XCTEST})
    assert "implemented at Sources/Tests/Helpers.swift:4" in cli("show", "VAL-1").out


ENCODING_SPEC = """---
id: ENC
scope: ["Sources/**"]
---
# Encoding

## Context
- A failure carries an `ErrorReason`.

## Requirements
- ENC-1: Array values are encoded with the configured `ArrayEncoding`.
- ENC-2: An empty response passes `validate`.
"""

ENCODING = """import Foundation

public struct URLEncoding {
    public enum ArrayEncoding {
        case brackets
        case noBrackets

        func encode(key: String) -> String {
            switch self {
            case .brackets:
                return "\\\\(key)[]"
            case .noBrackets:
                return key
            }
        }
    }
}

extension Request {
    fileprivate typealias ErrorReason = AFError.ResponseValidationFailureReason

    fileprivate func validate<S: Sequence>(statusCode acceptableStatusCodes: S,
                                           response: HTTPURLResponse)
        -> ValidationResult
        where S.Iterator.Element == Int {
        if acceptableStatusCodes.contains(response.statusCode) {
            return .success(())
        }
        return .failure(.unacceptable)
    }
}
"""


def _asked(repo, cli, subject, old, new):
    assert old in ENCODING, subject
    repo.commit(subject, {"Sources/Encoding.swift": ENCODING.replace(old, new)})
    data = review_json(cli, "HEAD", "--all")
    repo.commit("back", {"Sources/Encoding.swift": ENCODING})
    return {(q["statement"]["id"], q["acts"][0]["name"]) for q in data["questions"]}


def test_swift_definitions_hold_their_code(repo, cli):
    """REVIEW-E121 (Alamofire `079dc27`, `92c7683`; the trial's defects 4 and 5): a hunk in an
    `extension Request` changes `Request`, not the `import Foundation` git's header names; one
    in a generic function whose signature spans lines (`-> T`, `where`) lies inside it, and
    asks the statement that names it; a new `case` of an enum nested in a struct lies inside
    that enum."""
    repo.commit("base", {"specs/enc.md": ENCODING_SPEC, "Sources/Encoding.swift": ENCODING})
    typealias = "    fileprivate typealias ErrorReason"
    changed = _asked(repo, cli, "alias", typealias, "    typealias ErrorReason")
    assert {name for _, name in changed} == {"Request"}, changed
    guard = "            guard !isEmpty else { return .success(()) }\n"
    success = "            return .success(())\n"
    assert ("ENC-2", "validate") in _asked(repo, cli, "empty", success, guard + success)
    case = "        case noBrackets\n"
    assert ("ENC-1", "ArrayEncoding") in _asked(
        repo, cli, "case", case, case + "        case indexInBrackets\n"
    )


LAYOUT_SPEC = """---
id: LAY
scope: ["Sources/**"]
---
# Layout

## Requirements
- LAY-1: `size` returns the `height` of the view.
- LAY-2: `make` returns a fresh instance ready for display.
"""

LAYOUT = """import Foundation

open class View {
    var height = 10
    var scale = 1
    class var factor: Int { 2 }

    // LAY-1
    func size(small: Bool) -> Int {
        var width = 0, height = 0
        let (depth,
             scale) = (1, 2)
        width += depth
        height += self.scale
        if small
        {
            return self.height / 2
        }
        return self.height + width
    }

    // LAY-1
    class final func size(factor: Int) -> Int {
        return self.factor * 2
    }

    func total() -> Int {
        return self.height + self.scale
    }

    open class func make() -> View {
        let view = View()
        view.height = 10
        return view
    }
}
"""


def test_swift_locals_and_blocks_the_rewrites_missed_still_ask(repo, cli):
    """REVIEW-E122 (the adversarial review of the s20 rules): `self.x` as `x` where `x` is the
    second local of `var a = 0, x = 0`, the second name of a pattern over two lines, or a
    parameter of a `class final func`; and a `return` dropped from an `if` whose `{` is on a
    line of its own (Allman: it left the function). Each was "formatting only", silent and no
    `touched-requirement` under `// LAY-1`; each asks and warns. `return` and `self.` dropped
    where no local shadows is still formatting."""
    repo.commit("base", {"specs/lay.md": LAYOUT_SPEC, "Sources/View.swift": LAYOUT})
    changes = {
        "a list's second local": ("return self.height + width", "return height + width"),
        "a pattern over two lines": ("height += self.scale", "height += scale"),
        "class final func": ("return self.factor * 2", "return factor * 2"),
        "Allman": ("            return self.height / 2", "            self.height / 2"),
    }
    for subject, (old, new) in changes.items():
        assert old in LAYOUT, subject
        repo.commit(subject, {"Sources/View.swift": LAYOUT.replace(old, new)})
        assert review_json(cli, "HEAD", "--all")["noop_files"] == [], subject
        assert "touches the code of LAY-1" in cli("check", "HEAD").out, subject
        repo.commit("back", {"Sources/View.swift": LAYOUT})
    total = ("        return self.height + self.scale\n", "        height + scale\n")
    repo.commit("formatting", {"Sources/View.swift": LAYOUT.replace(*total)})
    assert review_json(cli, "HEAD")["noop_files"] == ["Sources/View.swift"]


def test_swift_class_func_is_its_function(repo, cli):
    """REVIEW-E122: `class` before `func`, a modifier or `var` is a modifier, not a class: a
    hunk in `open class func make()` was "changes `func()`" and asked nothing of LAY-2, which
    names `make` alone; one in `class var factor` changed a `var()`."""
    repo.commit("base", {"specs/lay.md": LAYOUT_SPEC, "Sources/View.swift": LAYOUT})
    tweak = LAYOUT.replace("view.height = 10", "view.height = 12")
    repo.commit("tweak", {"Sources/View.swift": tweak})
    data = review_json(cli, "HEAD", "--all")
    asked = {(q["statement"]["id"], *q["evidence"]["names"]) for q in data["questions"]}
    assert ("LAY-2", "make") in asked, asked
    assert [u["name"] for u in data["untested"]] == ["make"]
    repo.commit("factor", {"Sources/View.swift": LAYOUT.replace("{ 2 }", "{ 3 }")})
    untested = [u["name"] for u in review_json(cli, "HEAD", "--all")["untested"]]
    assert "var" not in untested, untested


def test_swift_statements_swapped_are_a_change(repo, cli):
    """REVIEW-E307 (the rule json-c `9361d8d` showed in C, in Swift's spelled comparison):
    two statements swapped (`complete(Void())` before the `if` that may leave) ask and warn
    under `// VAL-1`; one spelled another way alone still asks nothing."""
    repo.commit("base", {"specs/val.md": SPEC, "Sources/Validation.swift": VALIDATION})
    data, checked = _commit(
        repo,
        cli,
        "swap",
        "        if other == 0 { return self }\n        complete(Void())\n",
        "        complete(Void())\n        if other == 0 { return self }\n",
    )
    assert data["noop_files"] == [] and "touches the code of VAL-1" in checked
