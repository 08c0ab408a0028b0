// SPDX-License-Identifier: GPL-2.0-or-later
// Python str semantics over UTF-8 (internal to lib/pyeval): code points, whitespace.
#pragma once

#include <string>

namespace oimap::pyeval {

/// UTF-8 to code points; invalid bytes become U+DC80..U+DCFF (surrogateescape).
std::u32string to_code_points(const std::string& text);
/// Code points to UTF-8 (surrogateescape bytes restored).
std::string to_utf8(const std::u32string& text);
/// Python's str.isspace for one code point.
bool is_space(char32_t c);
/// The code-point index of byte offset in text.
size_t code_point_index(const std::string& text, size_t byte_offset);

}  // namespace oimap::pyeval
