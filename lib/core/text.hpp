// SPDX-License-Identifier: GPL-2.0-or-later
// Small string helpers: cat() instead of <format> (absent from libstdc++ 12), split, numbers.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace oimap {

/// Concatenates its arguments as an ostream would print them.
template <typename... Args>
std::string cat(const Args&... args) {
    std::ostringstream out;
    (out << ... << args);
    return out.str();
}

/// Splits on every separator; "a,,b" gives {"a", "", "b"}, "" gives {""}.
inline std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (;;) {
        size_t end = text.find(separator, start);
        if (end == std::string_view::npos) {
            parts.push_back(text.substr(start));
            return parts;
        }
        parts.push_back(text.substr(start, end - start));
        start = end + 1;
    }
}

/// Parses an unsigned decimal that fills the whole text ("007" is fine, "", "+1", "1x" are not).
template <typename T>
std::optional<T> parse_number(std::string_view text) {
    T value{};
    if (text.empty() || text.front() == '+' || text.front() == '-') return std::nullopt;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

/// Appends the UTF-8 encoding of code point cp (up to 0x10FFFF; surrogates are encoded as
/// they are, as Python's surrogateescape round trip needs).
inline void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

inline std::string_view trim(std::string_view text) {
    const char* ws = " \t\r\n";
    size_t b = text.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    size_t e = text.find_last_not_of(ws);
    return text.substr(b, e - b + 1);
}

}  // namespace oimap
