// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/auth.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "imap/session.hpp"

namespace oimap::imap {
namespace {

TEST(Base64, RoundTripsAndRejectsNonCanonicalText) {
    EXPECT_EQ(base64_encode(""), "");
    EXPECT_EQ(base64_encode("f"), "Zg==");
    EXPECT_EQ(base64_encode("fo"), "Zm8=");
    EXPECT_EQ(base64_encode("foo"), "Zm9v");
    EXPECT_EQ(base64_decode("Zm9vYg=="), "foob");
    EXPECT_EQ(base64_decode("Zm9vYmE="), "fooba");
    EXPECT_EQ(base64_decode("Zh=="), std::nullopt);  // non-zero padding bits
    EXPECT_EQ(base64_decode("Zm9"), std::nullopt);
    EXPECT_EQ(base64_decode("Zm=v"), std::nullopt);
    EXPECT_EQ(base64_decode("Zm9v!A=="), std::nullopt);
    for (int n = 0; n < 300; ++n) {
        std::string bytes;
        for (int i = 0; i < n; ++i) bytes += static_cast<char>(i * 7);
        ASSERT_EQ(base64_decode(base64_encode(bytes)), bytes);
    }
}

TEST(Sasl, BuildsEachMechanismsResponse) {
    EXPECT_EQ(sasl_plain("", "tim", "tanstaaf"), std::string("\0tim\0tanstaaf", 13));
    EXPECT_EQ(sasl_xoauth2("a@b", "tok"), "user=a@b\x01" "auth=Bearer tok\x01\x01");
    // RFC 2195 §2 example.
    EXPECT_EQ(cram_md5_response("tim", "tanstaaftanstaaf", "<1896.697170952@postoffice.reston.mci.net>"),
              "tim b913a602c7eda7a495b4e6e7334d3890");
}

TEST(AuthMechanisms, SplitOnCommasAndRejectUnknownNames) {
    EXPECT_EQ(parse_auth_mechanisms("PLAIN,  LOGIN"), (std::vector<std::string>{"PLAIN", "LOGIN"}));
    try {
        parse_auth_mechanisms("PLAIN, plain");
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(), "unknown authentication mechanism 'plain' (known: GSSAPI, XOAUTH2, CRAM-MD5, PLAIN, LOGIN)");
    }
    EXPECT_THROW(parse_auth_mechanisms("PLAIN ,LOGIN"), ConfigError);  // "PLAIN " as in offlineimap
}

}  // namespace
}  // namespace oimap::imap
