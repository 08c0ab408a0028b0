// SPDX-License-Identifier: GPL-2.0-or-later
#include "format/escape.hpp"

#include <gtest/gtest.h>

namespace oimap::format {
namespace {

TEST(Escape, EveryByteRoundTripsAndEscapesExactlyTheTable) {
    for (int b = 0; b < 256; ++b) {
        std::string raw(1, static_cast<char>(b));
        std::string escaped = escape(raw);
        bool expect_escaped = b < 0x20 || b == 0x7f || b == '%';
        EXPECT_EQ(escaped.size(), expect_escaped ? 3u : 1u) << "byte " << b;
        EXPECT_EQ(unescape(escaped), raw) << "byte " << b;
    }
}

TEST(Escape, KnownValues) {
    EXPECT_EQ(escape("a b\tc\nd%e\r"), "a b%09c%0Ad%25e%0D");
    EXPECT_EQ(escape("\\Seen Entw\xc3\xbcrfe"), "\\Seen Entw\xc3\xbcrfe");
    EXPECT_EQ(escape(std::string("\0", 1)), "%00");
    EXPECT_EQ(escape(""), "");
}

TEST(Unescape, RejectsMalformedAndNonCanonicalEscapes) {
    const char* bad[] = {"%", "%2", "%zz", "%41", "%2f", "a\tb", "x\ny", "%0a", "%7f", "%20"};
    for (const char* text : bad) EXPECT_EQ(unescape(text), std::nullopt) << text;
}

TEST(Unescape, AllBytesStringRoundTrips) {
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    EXPECT_EQ(unescape(escape(all)), all);
    EXPECT_EQ(escape(all).find('\t'), std::string::npos);
    EXPECT_EQ(escape(all).find('\n'), std::string::npos);
}

}  // namespace
}  // namespace oimap::format
