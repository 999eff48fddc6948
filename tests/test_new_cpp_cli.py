"""NEW-E38: `new --scope` drafts a C++ file's classes, their public methods by their class and
its free functions, each with the first sentence of its doc comment (the CLI11 trial:
`--scope include/CLI/Option.hpp` drafted the path alone). Through the CLI on real
repositories."""

from __future__ import annotations

from testing.util import drafted_context


def drafted(repo, cli, files: dict[str, str | bytes]) -> list[list[str]]:
    return drafted_context(repo, cli, files, "include/**")


OPTION = """// Copyright (c) 2017-2026
#pragma once

#include <string>
#include <vector>

namespace CLI {

using results_t = std::vector<std::string>;

namespace detail {
/// Split a string at a delimiter.
inline std::vector<std::string> split(const std::string &s, char delim) { return {}; }
}  // namespace detail

/// Enumeration of the multi option policies
enum class MultiOptionPolicy : char { Throw, TakeLast };

/// This is the CRTP base class for Option and OptionDefaults. It shares their settings.
template <typename CRTP> class OptionBase {
  protected:
    /// The group membership
    std::string group_ = std::string("OPTIONS");
    template <typename T> void copy_to(T *other) const;

  public:
    /// @brief Changes the group membership
    CRTP *group(const std::string &name) {
        if(name.empty()) {
            throw IncorrectConstruction("Group names may not be empty {");
        }
        group_ = name;
        return static_cast<CRTP *>(this);
    }
};

/**
 * One option of an app: its names, its results and its callback.
 */
class Option : public OptionBase<Option> {
    friend App;
    std::string pname_{};

  public:
    Option(const Option &) = delete;
    Option(std::string option_name, App *parent);
    ~Option() = default;

    /// Count the total number of times an option was passed
    CLI11_NODISCARD std::size_t count() const { return results_.size(); }

    /// This bool operator returns true if any arguments were passed
    explicit operator bool() const { return count() > 0; }

    /// Set the number of expected arguments
    Option *expected(int value);

    /// Set the range of expected arguments
    Option *expected(int value_min, int value_max);

    /// If options share any of the same names, find it
    CLI11_NODISCARD const std::string &matching_name(const Option &other,
                                                     std::string all = std::string{}) const;

    /// A name and its kind.
    struct Name {
        std::string text;
        /// The name as written.
        std::string str() const { return text; }
    };

    /// Return the results as the specified type
    template <typename T = std::string>
    CLI11_NODISCARD T as() const {
        T output;
        return output;
    }

  private:
    /// Reduce the results in accordance with the MultiOptionPolicy
    void _reduce_results(results_t &out, const results_t &original) const;
};

// Checks that two options do not clash
CLI11_INLINE bool check_clash(const Option &a, const Option &b);

static int counter(int start) { return start + 1; }

}  // namespace CLI
"""


def test_a_cpp_header_drafts_its_public_methods_by_their_class(repo, cli):
    """NEW-E38: classes and their public methods (`Option::expected` once for its two
    overloads, a template's), the free function, each with its doc comment's first sentence
    (`@brief` dropped); no protected or private member, no constructor, destructor, deleted
    function or operator, nothing of `namespace detail`, no `static` function nor enum."""
    assert drafted(repo, cli, {"include/CLI/Option.hpp": OPTION}) == [
        [
            "Draft: `include/CLI/Option.hpp`",
            "- `class OptionBase`: This is the CRTP base class for Option and OptionDefaults.",
            "- `OptionBase::group(name)`: Changes the group membership",
            "- `class Option`: One option of an app: its names, its results and its callback.",
            "- `Option::count()`: Count the total number of times an option was passed",
            "- `Option::expected(value)`: Set the number of expected arguments",
            "- `Option::matching_name(other, all)`: If options share any of the same names,"
            " find it",
            "- `struct Option::Name`: A name and its kind.",
            "- `Option::Name::str()`: The name as written.",
            "- `Option::as()`: Return the results as the specified type",
            "- `check_clash(a, b)`: Checks that two options do not clash",
        ]
    ]


OPTION_INL = """#pragma once

#include "../Option.hpp"

namespace CLI {

/// Clear the parsed results
CLI11_INLINE void Option::clear() {
    results_.clear();
}

CLI11_INLINE Option::Option(std::string option_name, App *parent) : parent_(parent) {
    std::string name(option_name);
}

template <typename T>
CLI11_NODISCARD CLI11_INLINE const std::string &
Option::matching_name(const Option &other,
                      bool all) const {
    return other.pname_;
}

}  // namespace CLI
"""


def test_a_cpp_source_drafts_its_out_of_class_definitions(repo, cli):
    """NEW-E38 with REVIEW-E415: `Option::clear()` and a header over lines are drafted by
    their class; a constructor and a declaration inside a body are not."""
    assert drafted(repo, cli, {"include/CLI/impl/Option_inl.cpp": OPTION_INL}) == [
        [
            "Draft: `include/CLI/impl/Option_inl.cpp`",
            "- `Option::clear()`: Clear the parsed results",
            "- `Option::matching_name(other, all)`",
        ]
    ]


CPP_H = """#pragma once
namespace demo {
/// A parsed number.
struct Number {
    /// The number as text.
    std::string str() const;
};
}  // namespace demo
"""

C_H = """#ifndef CJSON_H
#define CJSON_H
/* Parse a string into a tree. */
CJSON_PUBLIC(cJSON *) cJSON_Parse(const char *value);
#endif
"""


def test_a_dot_h_file_is_cpp_when_it_declares_a_class_or_a_namespace(repo, cli):
    """NEW-E38: a `.h` file that declares a namespace or a class is drafted as C++ (a
    struct's members are public); a C header's prototypes are drafted as before (NEW-E30)."""
    assert drafted(repo, cli, {"include/number.h": CPP_H, "include/cJSON.h": C_H}) == [
        [
            "Draft: `include/cJSON.h`",
            "- `cJSON_Parse(value)`: Parse a string into a tree.",
        ],
        [
            "Draft: `include/number.h`",
            "- `struct Number`: A parsed number.",
            "- `Number::str()`: The number as text.",
        ],
    ]


def test_a_dot_hh_header_is_drafted_as_cpp(repo, cli):
    """NEW-E38: `.hh`, C++'s other header suffix, drafts as `.hpp` does (it drafted the path
    alone: the suffix was no code's)."""
    context = drafted(repo, cli, {"include/option.hh": OPTION})
    assert any("OptionBase" in line for lines in context for line in lines), context


RUNNER = """namespace demo {
class Runner {
  public:
    /// Runs each step.
    void run(std::function<void()> step = [] { std::size_t a = 0; a += 1; std::ignore = a; });
  private :
    void hidden();
  protected:
    void inherited();
  public :
    /// How many steps ran.
    std::size_t count() const;
};
}  // namespace demo
"""


def test_a_cpp_lambda_and_spaced_access_labels_are_read(repo, cli):
    """NEW-E38: a lambda's statements inside a default argument are the parameter's, and an
    access label may have space before its colon (`private :`), read from the label's end so
    a long statement's `std::` colons cost little (the reader was quadratic in them)."""
    assert drafted(repo, cli, {"include/runner.hpp": RUNNER}) == [
        [
            "Draft: `include/runner.hpp`",
            "- `class Runner`",
            "- `Runner::run(step)`: Runs each step.",
            "- `Runner::count()`: How many steps ran.",
        ]
    ]
