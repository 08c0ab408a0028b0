// SPDX-License-Identifier: GPL-2.0-or-later
#include "maildir/utf8_units.hpp"

#include <gtest/gtest.h>

namespace oimap::maildir {
namespace {

TEST(Utf8UnitAt, DecodesValidSequencesAndSplitsInvalidBytes) {
    struct Case {
        std::string_view text;
        uint32_t code_point;
        size_t length;
    };
    const Case cases[] = {
        {"a", 'a', 1},
        {"\xc3\xa9", 0xe9, 2},
        {"\xe4\xb8\x80", 0x4e00, 3},
        {"\xf0\x9f\x98\x80", 0x1f600, 4},
        {"\xff", 0xdcff, 1},          // never valid
        {"\xc3", 0xdcc3, 1},          // truncated
        {"\xc0\xaf", 0xdcc0, 1},      // overlong
        {"\xed\xa0\x80", 0xdced, 1},  // a surrogate
        {"\xe4\x41\x80", 0xdce4, 1},  // bad continuation
    };
    for (const auto& c : cases) {
        Utf8Unit unit = utf8_unit_at(c.text, 0);
        EXPECT_EQ(unit.code_point, c.code_point) << c.text;
        EXPECT_EQ(unit.length, c.length) << c.text;
    }
}

TEST(IsWordCharacter, LikePythonBackslashW) {
    auto word = [](std::string_view s) { return is_word_character(utf8_unit_at(s, 0)); };
    EXPECT_TRUE(word("a"));
    EXPECT_TRUE(word("Z"));
    EXPECT_TRUE(word("0"));
    EXPECT_TRUE(word("_"));
    EXPECT_FALSE(word(","));
    EXPECT_FALSE(word(":"));
    EXPECT_FALSE(word("."));
    EXPECT_TRUE(word("\xc3\xa9"));      // é
    EXPECT_TRUE(word("\xe4\xb8\x80"));  // 一
    EXPECT_FALSE(word("\xc2\xb7"));     // · (punctuation)
    EXPECT_FALSE(word("\xff"));         // undecodable byte
}

}  // namespace
}  // namespace oimap::maildir
