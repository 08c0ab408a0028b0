// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/escape.hpp"

namespace oimap::format {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;  // lower-case hex is not canonical
}

}  // namespace

bool needs_escape(unsigned char byte) { return byte < 0x20 || byte == 0x7f || byte == '%'; }

void escape_into(std::string& out, std::string_view raw) {
    size_t run_start = 0;  // bytes are copied in runs: escapes are rare in real names
    for (size_t i = 0; i < raw.size(); ++i) {
        auto byte = static_cast<unsigned char>(raw[i]);
        if (!needs_escape(byte)) continue;
        out.append(raw.data() + run_start, i - run_start);
        out += '%';
        out += kHex[byte >> 4];
        out += kHex[byte & 15];
        run_start = i + 1;
    }
    out.append(raw.data() + run_start, raw.size() - run_start);
}

std::string escape(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    escape_into(out, raw);
    return out;
}

std::optional<std::string> unescape(std::string_view escaped) {
    std::string out;
    out.reserve(escaped.size());
    for (size_t i = 0; i < escaped.size(); ++i) {
        unsigned char byte = static_cast<unsigned char>(escaped[i]);
        if (byte != '%') {
            if (needs_escape(byte)) return std::nullopt;
            out += static_cast<char>(byte);
            continue;
        }
        if (i + 2 >= escaped.size()) return std::nullopt;
        int high = hex_value(escaped[i + 1]);
        int low = hex_value(escaped[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        auto decoded = static_cast<unsigned char>(high * 16 + low);
        if (!needs_escape(decoded)) return std::nullopt;
        out += static_cast<char>(decoded);
        i += 2;
    }
    return out;
}

}  // namespace oimap::format
