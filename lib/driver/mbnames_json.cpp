// SPDX-License-Identifier: GPL-2.0-or-later
#include "driver/mbnames_json.hpp"

#include <cstdint>

#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::driver {
namespace {

void hex4(std::string& out, uint32_t unit) {
    static const char kHex[] = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += kHex[(unit >> shift) & 15];
}

// The length of a valid UTF-8 sequence at s[i] and its code point; 0 if invalid.
size_t utf8_at(std::string_view s, size_t i, uint32_t& cp) {
    auto b = static_cast<unsigned char>(s[i]);
    size_t n = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
    if (n == 0 || b >= 0xF5 || i + n > s.size())
        return 0;
    cp = b & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
        auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

void append_escaped_char(std::string& out, uint32_t cp) {
    switch (cp) {
        case '"':
            out += "\\\"";
            return;
        case '\\':
            out += "\\\\";
            return;
        case '\n':
            out += "\\n";
            return;
        case '\r':
            out += "\\r";
            return;
        case '\t':
            out += "\\t";
            return;
        case '\b':
            out += "\\b";
            return;
        case '\f':
            out += "\\f";
            return;
    }
    if (cp >= 0x20 && cp < 0x7F) {
        out += static_cast<char>(cp);
    } else if (cp >= 0x10000) {
        cp -= 0x10000;
        hex4(out, 0xD800 + (cp >> 10));
        hex4(out, 0xDC00 + (cp & 0x3FF));
    } else {
        hex4(out, cp);
    }
}

void append_string(std::string& out, std::string_view s) {
    out += '"';
    for (size_t i = 0; i < s.size();) {
        uint32_t cp = 0;
        size_t n = static_cast<unsigned char>(s[i]) < 0x80 ? 1 : utf8_at(s, i, cp);
        if (n == 1)
            cp = static_cast<unsigned char>(s[i]);
        if (n == 0) {
            hex4(out, 0xDC00 + static_cast<unsigned char>(s[i]));  // surrogateescape
            ++i;
            continue;
        }
        append_escaped_char(out, cp);
        i += n;
    }
    out += '"';
}

}  // namespace

std::string mbnames_to_json(const std::vector<MbnamesItem>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += "{\"accountname\": ";
        append_string(out, items[i].accountname);
        out += ", \"foldername\": ";
        append_string(out, items[i].foldername);
        out += ", \"localfolders\": ";
        if (items[i].localfolders)
            append_string(out, *items[i].localfolders);
        else
            out += "null";
        out += "}";
    }
    return out + "]";
}

std::string format_peritem(std::string_view peritem, const MbnamesItem& item) {
    std::string out;
    for (size_t i = 0; i < peritem.size(); ++i) {
        if (peritem[i] != '%') {
            out += peritem[i];
            continue;
        }
        if (peritem.substr(i, 2) == "%%") {
            out += '%';
            ++i;
            continue;
        }
        size_t close = peritem.find(")s", i);
        std::string_view key = close == std::string_view::npos || peritem.substr(i, 2) != "%("
                                   ? std::string_view{}
                                   : peritem.substr(i + 2, close - i - 2);
        if (key == "accountname")
            out += item.accountname;
        else if (key == "foldername")
            out += item.foldername;
        else if (key == "localfolders")
            out += item.localfolders.value_or("None");
        else
            throw ConfigError(cat("[mbnames] peritem: unsupported format at '", peritem.substr(i),
                                  "' (use %(accountname)s, %(foldername)s, "
                                  "%(localfolders)s or %%)"));
        i = close + 1;
    }
    return out;
}

}  // namespace oimap::driver
