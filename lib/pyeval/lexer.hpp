// SPDX-License-Identifier: GPL-2.0-or-later
// Tokens of a Python expression (internal to lib/pyeval).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pyeval/value.hpp"

namespace oimap::pyeval {

struct Token {
    enum class Kind { kName, kNumber, kString, kOp, kEnd };
    Kind kind = Kind::kEnd;
    std::string text;  ///< name, operator, or decoded string contents
    int64_t number = 0;
    size_t offset = 0;  ///< in the expression text, for messages
};

/// Splits text into tokens ending with kEnd; newlines are whitespace.  Throws PyError
/// SyntaxError for a bad literal, Unsupported for bytes/f-strings/floats and unknown
/// operators.
std::vector<Token> tokenize(std::string_view text);

}  // namespace oimap::pyeval
