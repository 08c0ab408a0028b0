// SPDX-License-Identifier: GPL-2.0-or-later
// Modified UTF-7 (RFC 3501 §5.1.3): base64 with ',' for '/', no padding, "&" as shift.
#include "imap/utf7.hpp"

#include <cstdint>
#include <vector>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::imap {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

std::string hex_byte(unsigned char c) {
    constexpr char kDigits[] = "0123456789abcdef";
    return {'0', 'x', kDigits[c >> 4], kDigits[c & 15]};
}

bool is_printable_ascii(uint32_t c) { return c >= 0x20 && c <= 0x7e; }

int base64_value(char c) {
    auto pos = kAlphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

[[noreturn]] void bad_utf8(std::string_view name, std::string_view why) {
    throw FormatError(cat("invalid UTF-8 in '", log::sanitize(name), "': ", why));
}

[[noreturn]] void bad_utf7(std::string_view name, std::string_view why) {
    throw FormatError(cat("invalid modified UTF-7 in '", log::sanitize(name), "': ", why));
}

// Reads one code point at pos (advancing it); rejects every malformed form of RFC 3629 §4.
uint32_t next_code_point(std::string_view s, size_t& pos) {
    auto lead = static_cast<unsigned char>(s[pos++]);
    if (lead < 0x80) return lead;
    int extra = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : -1;
    if (extra < 0 || lead > 0xf4) bad_utf8(s, cat("unexpected byte ", hex_byte(lead)));
    uint32_t cp = lead & (0x3f >> extra);
    for (int i = 0; i < extra; ++i) {
        if (pos >= s.size()) bad_utf8(s, "truncated sequence");
        auto b = static_cast<unsigned char>(s[pos++]);
        if ((b & 0xc0) != 0x80) bad_utf8(s, "truncated sequence");
        cp = (cp << 6) | (b & 0x3f);
    }
    static constexpr uint32_t kMinimum[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[extra]) bad_utf8(s, "overlong sequence");
    if (cp >= 0xd800 && cp <= 0xdfff) bad_utf8(s, "surrogate code point");
    if (cp > 0x10ffff) bad_utf8(s, "code point above U+10FFFF");
    return cp;
}

void flush_base64(std::string& out, const std::vector<uint16_t>& units) {
    uint32_t bits = 0;
    int nbits = 0;
    out += '&';
    for (uint16_t unit : units) {
        bits = (bits << 16) | unit;
        nbits += 16;
        while (nbits >= 6) {
            nbits -= 6;
            out += kAlphabet[(bits >> nbits) & 0x3f];
        }
    }
    if (nbits > 0) out += kAlphabet[(bits << (6 - nbits)) & 0x3f];
    out += '-';
}

// Decodes one "&...-" run starting after the '&'; returns the position after the '-'.
size_t decode_run(std::string_view s, size_t pos, std::string& out) {
    uint32_t bits = 0;
    int nbits = 0;
    std::vector<uint16_t> units;
    for (;; ++pos) {
        if (pos >= s.size()) bad_utf7(s, "unterminated base64 run");
        if (s[pos] == '-') break;
        int v = base64_value(s[pos]);
        if (v < 0) bad_utf7(s, cat("invalid character '", log::sanitize(s.substr(pos, 1)), "' in base64 run"));
        bits = (bits << 6) | static_cast<uint32_t>(v);
        nbits += 6;
        if (nbits >= 16) {
            nbits -= 16;
            units.push_back(static_cast<uint16_t>(bits >> nbits));
            bits &= (1u << nbits) - 1;
        }
    }
    if (nbits >= 6 || bits != 0) bad_utf7(s, "base64 run does not end on a UTF-16 boundary");
    for (size_t i = 0; i < units.size(); ++i) {
        uint32_t cp = units[i];
        if (cp >= 0xdc00 && cp <= 0xdfff) bad_utf7(s, "unpaired low surrogate");
        if (cp >= 0xd800 && cp <= 0xdbff) {
            if (i + 1 >= units.size() || units[i + 1] < 0xdc00 || units[i + 1] > 0xdfff)
                bad_utf7(s, "unpaired high surrogate");
            cp = 0x10000 + ((cp - 0xd800) << 10) + (units[++i] - 0xdc00);
        }
        if (is_printable_ascii(cp)) bad_utf7(s, "printable US-ASCII encoded in base64");
        append_utf8(out, cp);
    }
    return pos + 1;
}

}  // namespace

std::string encode_mutf7(std::string_view utf8) {
    std::string out;
    std::vector<uint16_t> run;
    size_t pos = 0;
    while (pos < utf8.size()) {
        uint32_t cp = next_code_point(utf8, pos);
        if (is_printable_ascii(cp)) {
            if (!run.empty()) flush_base64(out, run);
            run.clear();
            out += cp == '&' ? std::string("&-") : std::string(1, static_cast<char>(cp));
        } else if (cp >= 0x10000) {
            cp -= 0x10000;
            run.push_back(static_cast<uint16_t>(0xd800 + (cp >> 10)));
            run.push_back(static_cast<uint16_t>(0xdc00 + (cp & 0x3ff)));
        } else {
            run.push_back(static_cast<uint16_t>(cp));
        }
    }
    if (!run.empty()) flush_base64(out, run);
    return out;
}

std::string decode_mutf7(std::string_view mutf7) {
    std::string out;
    size_t pos = 0;
    while (pos < mutf7.size()) {
        auto c = static_cast<unsigned char>(mutf7[pos]);
        if (!is_printable_ascii(c)) bad_utf7(mutf7, cat("byte ", hex_byte(c), " outside printable US-ASCII"));
        if (c != '&') {
            out += static_cast<char>(c);
            ++pos;
        } else if (pos + 1 < mutf7.size() && mutf7[pos + 1] == '-') {
            out += '&';
            pos += 2;
        } else {
            pos = decode_run(mutf7, pos + 1, out);
        }
    }
    return out;
}

}  // namespace oimap::imap
