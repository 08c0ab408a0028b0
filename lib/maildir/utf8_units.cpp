// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/utf8_units.hpp"

#include <locale.h>
#include <wctype.h>

namespace oimap::maildir {
namespace {

// Length of a well-formed sequence starting with lead byte b, 0 for an invalid lead byte.
size_t sequence_length(unsigned char b) {
    if (b < 0x80)
        return 1;
    if (b >= 0xc2 && b <= 0xdf)
        return 2;
    if (b >= 0xe0 && b <= 0xef)
        return 3;
    if (b >= 0xf0 && b <= 0xf4)
        return 4;
    return 0;
}

bool valid_code_point(uint32_t cp, size_t length) {
    static constexpr uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinimum[length] || cp > 0x10ffff)
        return false;
    return cp < 0xd800 || cp > 0xdfff;  // surrogates are not valid in UTF-8
}

locale_t utf8_locale() {
    static locale_t locale = ::newlocale(LC_CTYPE_MASK, "C.UTF-8", nullptr);
    return locale;
}

}  // namespace

Utf8Unit utf8_unit_at(std::string_view text, size_t pos) {
    auto lead = static_cast<unsigned char>(text[pos]);
    Utf8Unit invalid{0xdc00u + lead, 1};
    size_t length = sequence_length(lead);
    if (length == 1)
        return {lead, 1};
    if (length == 0 || pos + length > text.size())
        return invalid;
    uint32_t cp = lead & (0xff >> (length + 1));
    for (size_t i = 1; i < length; ++i) {
        auto b = static_cast<unsigned char>(text[pos + i]);
        if ((b & 0xc0) != 0x80)
            return invalid;
        cp = (cp << 6) | (b & 0x3f);
    }
    if (!valid_code_point(cp, length))
        return invalid;
    return {cp, length};
}

bool is_word_character(const Utf8Unit& unit) {
    uint32_t cp = unit.code_point;
    if (cp < 0x80) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
               cp == '_';
    }
    if (unit.length == 1)
        return false;  // an undecodable byte (a lone surrogate in Python)
    locale_t locale = utf8_locale();
    return locale != nullptr && ::iswalnum_l(static_cast<wint_t>(cp), locale) != 0;
}

}  // namespace oimap::maildir
