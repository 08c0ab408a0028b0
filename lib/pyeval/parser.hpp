// SPDX-License-Identifier: GPL-2.0-or-later
// Parsing a Python expression (the subset offlineimaprc options use) into a tree.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pyeval/value.hpp"

namespace oimap::pyeval {

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Node {
    enum class Kind {
        kConst,      ///< constant
        kName,       ///< text
        kList,       ///< kids
        kTuple,      ///< kids
        kDict,       ///< kids: key, value, key, value...
        kLambda,     ///< names: parameters; kids[0]: body
        kIf,         ///< kids: value, condition, alternative
        kOr,         ///< kids
        kAnd,        ///< kids
        kNot,        ///< kids[0]
        kCompare,    ///< kids: operands; names: operators ("<", "in", "not in", "is not")
        kBinary,     ///< text: operator; kids: left, right
        kNegate,     ///< kids[0]
        kCall,       ///< kids: callee, positional..., keyword values...; names: keyword names
        kAttribute,  ///< kids[0]; text: attribute
        kSubscript,  ///< kids: object, index
        kSlice,      ///< kids: object, lower, upper, step (null when absent)
    };
    Kind kind = Kind::kConst;
    Value constant;
    std::string text;
    std::vector<NodePtr> kids;
    std::vector<std::string> names;
};

/// Parses one expression.  Throws PyError "SyntaxError: ..." for text Python rejects too
/// and Unsupported for Python syntax outside the subset (comprehensions, f-strings, floats,
/// bytes, bitwise operators, ...).
NodePtr parse_expression(std::string_view text);

/// The free names an expression refers to (not lambda parameters), for the fallback rule.
std::vector<std::string> free_names(const NodePtr& node);

}  // namespace oimap::pyeval
