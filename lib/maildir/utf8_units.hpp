// SPDX-License-Identifier: GPL-2.0-or-later
// Splitting file names into the characters Python sees: one UTF-8 code point, or one invalid
// byte (os.listdir decodes with surrogateescape, so each bad byte is one character).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace oimap::maildir {

/// One character of a file name: its code point (a lone invalid byte b gives 0xDC00 + b, as
/// Python's surrogateescape does) and its length in bytes (1 to 4).
struct Utf8Unit {
    uint32_t code_point = 0;
    size_t length = 1;
};

/// The character starting at text[pos]; pos must be < text.size().
Utf8Unit utf8_unit_at(std::string_view text, size_t pos);

/// Python's `\w` for a str pattern on this character: ASCII letters, digits and '_', and
/// non-ASCII alphanumerics (glibc's C.UTF-8 classification, see doc/QUIRKS.md).
bool is_word_character(const Utf8Unit& unit);

}  // namespace oimap::maildir
