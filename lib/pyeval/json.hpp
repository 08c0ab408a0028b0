// SPDX-License-Identifier: GPL-2.0-or-later
// The JSON subset of the python3 child protocol (internal to lib/pyeval): null, booleans,
// integers, strings, arrays and objects with string keys.
#pragma once

#include <string>
#include <string_view>

#include "pyeval/value.hpp"

namespace oimap::pyeval {

/// Encodes None, bool, int, str, list, tuple (as an array) and dict with str keys; bytes
/// that are not UTF-8 are sent as \udcXX (Python's surrogateescape).  Throws Unsupported for
/// anything else.
std::string to_json(const Value& v);

/// Decodes one JSON document; objects become dicts, \udcXX lone surrogates become bytes.
/// Throws PyError "ValueError: ..." on malformed input or a non-integer number.
Value from_json(std::string_view text);

}  // namespace oimap::pyeval
