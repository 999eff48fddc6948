"""What the CLI11 trial (C++) found, through the CLI on real repositories: an out-of-class
definition `RET Class::method(...)` defines `method` and holds its body; it calls nothing
(REVIEW-E415)."""

from __future__ import annotations

from typing import Any

import pytest

from testing.util import asked_acts, review_json

SPEC = """---
id: OPT
scope: ["include/**"]
---
# Options

## Context
- `Option` is one option of an app.

## Requirements
- OPT-1: `_reduce_results()` joins the results with the delimiter under the Join policy.
- OPT-2: `matching_name()` returns the name two options share, else an empty string.
- OPT-3: `_add_result()` splits a bracketed value into its items.
- OPT-4: `count()` is the number of results.
- OPT-5: `release()` frees the option's callback.
"""

OPTION = """#pragma once
#include <string>

namespace CLI {

CLI11_NODISCARD CLI11_INLINE const std::string &Option::matching_name(const Option &other) const {
    static const std::string estring;
    if(other.check_sname(pname_))
        return pname_;
    return estring;
}

CLI11_INLINE int Option::_add_result(std::string &&result, std::vector<std::string> &res) const {
    int result_count = 0;
    if(result.size() >= 4) {
        auto str = detail::split(result, ',');
        result_count += str.size();
    }
    return result_count;
}

template <typename T>
CLI11_INLINE void
Option::_reduce_results(std::vector<std::string> &out,
                        const std::vector<std::string> &original) const {
    out.clear();
    if(original.size() > 1) {
        out.push_back(detail::join(original, std::string(1, delimiter_)));
    }
}

Option::Option(std::string option_name, App *parent) : name_(option_name), parent_(parent) {
    std::string name(option_name);
    process(name);
}

Option::~Option() noexcept {
    release(callback_);
}

auto Option::count() const -> std::size_t {
    return results_.size();
}

bool Option::operator==(const Option &other) const {
    return matching_name(other).empty();
}

void App::parse(std::string args) {
    Option::count();
    option_->release(args);
}

}  // namespace CLI
"""


def _changed(repo, cli, old: str, new: str, path: str = "include/CLI/impl/Option_inl.hpp"):
    repo.commit("base", {"specs/opt.md": SPEC, path: OPTION})
    assert old in OPTION
    repo.commit("change", {path: OPTION.replace(old, new)})
    return review_json(cli, "HEAD", "--all")


@pytest.mark.parametrize(
    ("old", "new", "line", "name"),
    [
        (  # CLI11 `4ecbdd83e`: macros and a `const std::string &` return type before the name
            "if(other.check_sname(pname_))",
            "if(configurable_ && other.check_sname(pname_))",
            12,
            "matching_name",
        ),
        (  # CLI11 `af270cee4`: `CLI11_INLINE int Option::_add_result(`
            "detail::split(result, ',')",
            "detail::split_up(result, ',')",
            13,
            "_add_result",
        ),
        (  # CLI11 `5c0ba6ab0`: a template, the return type above, parameters over lines
            "if(original.size() > 1) {",
            "if(out.size() > 1) {",
            11,
            "_reduce_results",
        ),
        ("release(callback_);", "release(nullptr);", 15, "~Option"),  # a destructor
        (  # an operator: its call of `matching_name` asks the statement naming that
            "return matching_name(other).empty();",
            "return !matching_name(other).empty();",
            12,
            "operator==",
        ),
        (  # a trailing return type
            "return results_.size();",
            "return results_.size() + 1;",
            14,
            "count",
        ),
    ],
)
def test_a_qualified_definition_holds_its_body(repo, cli, old, new, line, name):
    """REVIEW-E415: a change inside `RET Option::name(...) {` is a change of `name`, asked of
    the statement naming it, never a call of `Option::name`."""
    asked = asked_acts(_changed(repo, cli, old, new))
    assert asked.get(line) == [("changes", name)], asked


def test_a_changed_definition_line_defines_and_calls_nothing(repo, cli):
    """REVIEW-E415: a definition's own line changed (its `const` dropped) changes `count`."""
    old, new = "auto Option::count() const ->", "auto Option::count() ->"
    asked = asked_acts(_changed(repo, cli, old, new))
    assert asked.get(14) == [("changes", "count")], asked


def test_calls_and_declarations_in_a_body_are_no_definitions(repo, cli):
    """REVIEW-E415: `Option::count();` and `option_->release(args);` in `App::parse` are calls,
    the change is `parse`'s; `std::string name(option_name);` in the constructor declares a
    variable, it defines no function `name`: the change is the constructor's."""
    calls = asked_acts(_changed(repo, cli, "option_->release(args);", "option_->release(args, 1);"))
    assert calls == {15: [("changes", "parse")]}, calls
    counted = asked_acts(_changed(repo, cli, "    Option::count();", "    Option::count(1);"))
    assert set(map(tuple, counted.values())) == {(("changes", "parse"),)}, counted
    declared = _changed(repo, cli, "std::string name(option_name);", "std::string name(parent);")
    acts = {act["name"] for q in declared["questions"] for act in q["acts"]}
    assert acts == {"Option"}, declared["questions"]


def test_a_long_word_before_a_qualified_call_is_read_at_once(repo, cli):
    """REVIEW-E415: `std::size_t configuration_results_total = Option::count();` in a body is
    no header, read at once (it took time exponential in the words' length): `parse`'s."""
    line = "    std::size_t configuration_results_total_count = Option::count();"
    asked = asked_acts(_changed(repo, cli, "    Option::count();", line))
    assert set(map(tuple, asked.values())) == {(("changes", "parse"),)}, asked


PARSE = """#include "cJSON.h"

CJSON_PUBLIC(cJSON *) cJSON_Parse(const char *value)
{
    return cJSON_ParseWithOpts(value, 0, 0);
}
"""

PARSE_SPEC = """---
id: PARSE
scope: [cJSON.c]
---
# Parse

## Requirements
- PARSE-1: `cJSON_Parse()` parses a string with no options.
"""


def test_c_reads_as_before(repo, cli):
    """REVIEW-E415 reads `Class::name(` in C++ only: in one change, the C++ body is
    `_add_result`'s and the C function's (its `{` below it) is still `cJSON_Parse`'s."""
    path = "include/CLI/impl/Option_inl.hpp"
    base = {"specs/opt.md": SPEC, path: OPTION, "specs/parse.md": PARSE_SPEC, "cJSON.c": PARSE}
    repo.commit("base", base)
    changed = OPTION.replace("detail::split(", "detail::split_up(")
    repo.commit("both", {path: changed, "cJSON.c": PARSE.replace("0, 0", "0, 1")})
    asked = {
        (q["statement"]["spec"], q["statement"]["line"]): [a["name"] for a in q["acts"]]
        for q in review_json(cli, "HEAD", "--all")["questions"]
    }
    assert asked[("OPT", 13)] == ["_add_result"], asked
    assert asked[("PARSE", 8)] == ["cJSON_Parse"], asked


HEADER = """#pragma once
namespace CLI {
class Option {
  public:
    /// Clear the parsed results
    void clear() {
        results_.clear();  // and the reduced ones
        proc_results_.clear();
    }

    Option *needs(Option *opt) {
        if(opt != this) {
            needs_.insert(opt);
        }
        return this;
    }

    Option(std::string name, App *parent)
        : name_(std::move(name)), parent_(parent) {
        process(name_);
    }
};
}  // namespace CLI
"""

INLINE = """#pragma once
#include "../Option.hpp"
namespace CLI {

CLI11_INLINE int Option::count() const { return 0; }

}  // namespace CLI
"""

MOVED = """
CLI11_INLINE void Option::clear() {
    results_.clear();
    proc_results_.clear();
}

CLI11_INLINE Option *Option::needs(Option *opt) {
    if(opt != this) {
        needs_.insert(opt);
    }
    return this;
}

CLI11_INLINE Option::Option(std::string name, App *parent)
    : name_(std::move(name)), parent_(parent) {
    process(name_);
}
"""

DECLARED = {
    "    void clear() {\n        results_.clear();  // and the reduced ones\n"
    "        proc_results_.clear();\n    }\n": "    void clear();\n",
    "    Option *needs(Option *opt) {\n        if(opt != this) {\n"
    "            needs_.insert(opt);\n        }\n        return this;\n    }\n": (
        "    Option *needs(Option *opt);\n"
    ),
    "    Option(std::string name, App *parent)\n"
    "        : name_(std::move(name)), parent_(parent) {\n"
    "        process(name_);\n    }\n": "    Option(std::string name, App *parent);\n",
}


def _moved(repo, cli, moved: str = MOVED) -> dict[str, Any]:
    files = {"include/CLI/Option.hpp": HEADER, "include/CLI/impl/Option_inl.hpp": INLINE}
    repo.commit("base", {"specs/opt.md": SPEC.replace('"include/**"', "include/**"), **files})
    header = HEADER
    for old, new in DECLARED.items():
        assert old in header
        header = header.replace(old, new)
    inline = INLINE.replace("\n}  // namespace CLI", moved + "\n}  // namespace CLI")
    files = {"include/CLI/Option.hpp": header, "include/CLI/impl/Option_inl.hpp": inline}
    repo.commit("move", files)
    return review_json(cli, "HEAD", "--all")


def test_bodies_moved_out_of_a_class_unchanged_change_nothing(repo, cli):
    """REVIEW-E416 (CLI11 `1daef2ff7`): bodies moved unchanged (a comment dropped) from inside
    `class Option` to `CLI11_INLINE ... Option::name(...)` in another file of the commit, a
    constructor's initializers too, are no change in either file: nothing is asked. A body
    that changes as it moves (`needs_.insert(opt)` now `needs_.emplace`) is a change."""
    data = _moved(repo, cli)
    assert data["questions"] == [], asked_acts(data)
    assert sorted(data["noop_files"]) == [
        "include/CLI/Option.hpp",
        "include/CLI/impl/Option_inl.hpp",
    ]
    changed = _moved(repo, cli, MOVED.replace("needs_.insert(opt);", "needs_.emplace(opt);"))
    assert changed["questions"], changed["noop_files"]
    assert changed["noop_files"] == [], changed["noop_files"]
