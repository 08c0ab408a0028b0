// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/utf7.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"

namespace oimap::imap {
namespace {

struct Pair {
    const char* utf8;
    const char* mutf7;
};

// RFC 3501 §5.1.3 example, the isync tst_imap_utf7 cases and astral-plane characters.
constexpr Pair kPairs[] = {
    {"", ""},
    {"INBOX", "INBOX"},
    {"&", "&-"},
    {"a&b", "a&-b"},
    {"~peter/mail/\xe5\x8f\xb0\xe5\x8c\x97/\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
     "~peter/mail/&U,BTFw-/&ZeVnLIqe-"},
    {"Entw\xc3\xbc" "rfe", "Entw&APw-rfe"},
    {"\xc3\xa4\xc3\xb6\xc3\xbc", "&AOQA9gD8-"},
    {"Gel\xc3\xb6scht & Gesendet", "Gel&APY-scht &- Gesendet"},
    {"\xf0\x9f\x98\x80", "&2D3eAA-"},
    {"tab\there", "tab&AAk-here"},
    {"\x7f", "&AH8-"},
    {"\xe2\x82\xac/x", "&IKw-/x"},
};

TEST(Mutf7, EncodesKnownPairs) {
    for (const auto& p : kPairs) EXPECT_EQ(encode_mutf7(p.utf8), p.mutf7) << p.utf8;
}

TEST(Mutf7, DecodesKnownPairs) {
    for (const auto& p : kPairs) EXPECT_EQ(decode_mutf7(p.mutf7), p.utf8) << p.mutf7;
}

TEST(Mutf7, RoundTripsEveryBmpCodePointAndSomeAstral) {
    for (uint32_t cp = 1; cp < 0x110000; cp += (cp < 0x10000 ? 1 : 997)) {
        if (cp >= 0xd800 && cp <= 0xdfff) continue;
        std::string utf8;
        if (cp < 0x80) {
            utf8 = std::string(1, char(cp));
        } else if (cp < 0x800) {
            utf8 = {char(0xc0 | (cp >> 6)), char(0x80 | (cp & 0x3f))};
        } else if (cp < 0x10000) {
            utf8 = {char(0xe0 | (cp >> 12)), char(0x80 | ((cp >> 6) & 0x3f)), char(0x80 | (cp & 0x3f))};
        } else {
            utf8 = {char(0xf0 | (cp >> 18)), char(0x80 | ((cp >> 12) & 0x3f)),
                    char(0x80 | ((cp >> 6) & 0x3f)), char(0x80 | (cp & 0x3f))};
        }
        std::string name = "x" + utf8 + utf8 + "y";
        ASSERT_EQ(decode_mutf7(encode_mutf7(name)), name) << cp;
    }
}

struct Bad {
    const char* input;
    const char* message;
};

TEST(Mutf7, DecodingRejectsInvalidInputWithExactReasons) {
    const Bad cases[] = {
        {"&", "invalid modified UTF-7 in '&': unterminated base64 run"},
        {"&AOQ", "invalid modified UTF-7 in '&AOQ': unterminated base64 run"},
        {"&AO/-", "invalid modified UTF-7 in '&AO/-': invalid character '/' in base64 run"},
        {"&AOQ=-", "invalid modified UTF-7 in '&AOQ=-': invalid character '=' in base64 run"},
        {"&AOR-", "invalid modified UTF-7 in '&AOR-': base64 run does not end on a UTF-16 boundary"},
        {"&AO-", "invalid modified UTF-7 in '&AO-': base64 run does not end on a UTF-16 boundary"},
        {"&AGE-", "invalid modified UTF-7 in '&AGE-': printable US-ASCII encoded in base64"},
        {"&2D0-", "invalid modified UTF-7 in '&2D0-': unpaired high surrogate"},
        {"&3gA-", "invalid modified UTF-7 in '&3gA-': unpaired low surrogate"},
        {"caf\xc3\xa9", "invalid modified UTF-7 in 'caf\xc3\xa9': byte 0xc3 outside printable US-ASCII"},
        {"a\tb", "invalid modified UTF-7 in 'a%09b': byte 0x09 outside printable US-ASCII"},
    };
    for (const auto& c : cases) {
        try {
            decode_mutf7(c.input);
            ADD_FAILURE() << "accepted " << c.input;
        } catch (const FormatError& e) {
            EXPECT_EQ(std::string(e.what()), c.message);
        }
    }
}

TEST(Mutf7, EncodingRejectsInvalidUtf8WithExactReasons) {
    const Bad cases[] = {
        {"\xc0\xaf", "invalid UTF-8 in '\xc0\xaf': overlong sequence"},
        {"\xed\xa0\x80", "invalid UTF-8 in '\xed\xa0\x80': surrogate code point"},
        {"\xf4\x90\x80\x80", "invalid UTF-8 in '\xf4\x90\x80\x80': code point above U+10FFFF"},
        {"\xc3", "invalid UTF-8 in '\xc3': truncated sequence"},
        {"\xc3x", "invalid UTF-8 in '\xc3x': truncated sequence"},
        {"\x80", "invalid UTF-8 in '\x80': unexpected byte 0x80"},
        {"\xff", "invalid UTF-8 in '\xff': unexpected byte 0xff"},
    };
    for (const auto& c : cases) {
        try {
            encode_mutf7(c.input);
            ADD_FAILURE() << "accepted " << c.input;
        } catch (const FormatError& e) {
            EXPECT_EQ(std::string(e.what()), c.message);
        }
    }
}

}  // namespace
}  // namespace oimap::imap
