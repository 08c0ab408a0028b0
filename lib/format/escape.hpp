// SPDX-License-Identifier: GPL-2.0-or-later
// The percent-escaping of free-text fields (oimap-formats(5), "Escaping").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oimap::format {

/// Escapes '%', TAB, LF, CR, the other bytes 0x00-0x1F and 0x7F as %HH (upper-case hex);
/// every other byte, UTF-8 included, is copied verbatim.
std::string escape(std::string_view raw);
/// Appends escape(raw) to out, without a temporary.
void escape_into(std::string& out, std::string_view raw);
/// Reverses escape().  Returns nullopt for a '%' not followed by two upper-case hex digits,
/// or for an escape of a byte escape() would not escape (the encoding is canonical), or for
/// a raw byte that must have been escaped.
std::optional<std::string> unescape(std::string_view escaped);
/// True when escape() changes this byte.
bool needs_escape(unsigned char byte);

}  // namespace oimap::format
