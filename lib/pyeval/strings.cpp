// SPDX-License-Identifier: GPL-2.0-or-later
#include "pyeval/strings.hpp"
#include "core/text.hpp"

namespace oimap::pyeval {

std::u32string to_code_points(const std::string& text) {
    std::u32string out;
    for (size_t i = 0; i < text.size();) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool ok = len > 0 && i + len <= text.size();
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; ok && k < len; ++k) {
            unsigned char d = static_cast<unsigned char>(text[i + k]);
            ok = (d & 0xC0) == 0x80;
            cp = (cp << 6) | (d & 0x3F);
        }
        if (!ok) {
            out += static_cast<char32_t>(0xDC00 + c);
            ++i;
            continue;
        }
        out += cp;
        i += len;
    }
    return out;
}

std::string to_utf8(const std::u32string& text) {
    std::string out;
    for (char32_t cp : text) {
        if (cp >= 0xDC80 && cp <= 0xDCFF) {
            out += static_cast<char>(cp - 0xDC00);
        } else {
            append_utf8(out, static_cast<uint32_t>(cp));
        }
    }
    return out;
}

bool is_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

size_t code_point_index(const std::string& text, size_t byte_offset) {
    size_t n = 0;
    for (size_t i = 0; i < byte_offset && i < text.size(); ++i) {
        n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    }
    return n;
}

}  // namespace oimap::pyeval
