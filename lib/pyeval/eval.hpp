// SPDX-License-Identifier: GPL-2.0-or-later
// The tree evaluator and the builtins it needs (internal to lib/pyeval).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pyeval/parser.hpp"
#include "pyeval/value.hpp"

namespace oimap::pyeval {

/// Names visible to an expression: lambda parameters over globals.
struct Scope {
    std::map<std::string, Value, std::less<>> vars;
    std::shared_ptr<const Scope> parent;
    const Value* find(std::string_view name) const;
};
using ScopePtr = std::shared_ptr<const Scope>;

/// Evaluates node; throws PyError for what Python raises too, Unsupported otherwise.
Value evaluate(const NodePtr& node, const ScopePtr& scope);
/// v(args...); TypeError when v is not callable.
Value call_value(const Value& v, Args& args);
/// v.name for str, list, dict and objects (builtins.cpp).
Value attribute(const Value& v, const std::string& name);
/// The elements of a str (code points), list, tuple or dict (keys) (builtins.cpp).
std::vector<Value> iterate(const Value& v);
/// len, str, int, bool, list, tuple, sorted, min, max, abs, repr (builtins.cpp).
std::map<std::string, Value, std::less<>> builtin_names();
/// The `re` module (re_module.cpp).
Value make_re_module();
/// s[index] and s[lower:upper:step] on code points (builtins.cpp).
Value subscript(const Value& v, const Value& index);
Value slice(const Value& v, const Value& lower, const Value& upper, const Value& step);

/// Throws PyError "TypeError: <name>() takes ..." unless args has between min and max
/// positional arguments and no keyword outside allowed.
void check_arity(const Args& args, const std::string& name, size_t min, size_t max,
                 std::vector<std::string_view> allowed = {});
/// The keyword argument name, or the positional argument at index, or nullptr.
const Value* argument(const Args& args, size_t index, std::string_view name);

}  // namespace oimap::pyeval
