// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/tls.hpp"

#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include "core/error.hpp"

namespace oimap::imap {
namespace {

const std::string kSha1 = "d27e76810a3c3b534788e06fccc8d998a10fcf80";
const std::string kSha256 = "ce7d9a0c564cbefb87b30b4852881fb93ddd9439dbd293942c4383cc641bffe2";

TEST(Fingerprints, AreTrimmedLowerCasedAndStrippedOfColons) {
    auto list = parse_fingerprints(" D2:7E:76:81:0A:3C:3B:53:47:88:E0:6F:CC:C8:D9:98:A1:0F:CF:80 ,"
                                   "CE7D9A0C564CBEFB87B30B4852881FB93DDD9439DBD293942C4383CC641BFFE2");
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0], kSha1);
    EXPECT_EQ(list[1], kSha256);
}

TEST(Fingerprints, RejectBadDigitsAndLengthsWithExactMessages) {
    try {
        parse_fingerprints("abc");
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(), "invalid certificate fingerprint 'abc': 3 hex digits is not a SHA-1 or SHA-2 "
                               "digest (40, 56, 64, 96 or 128)");
    }
    try {
        parse_fingerprints(kSha1 + ", zz");
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(), "invalid certificate fingerprint 'zz': 'z' is not a hex digit");
    }
}

TEST(Fingerprints, MatchAnyDigestOfTheCertificate) {
    CertificateDigests d{.sha1 = kSha1, .sha256 = kSha256};
    EXPECT_TRUE(fingerprint_matches({kSha1}, d));
    EXPECT_TRUE(fingerprint_matches({std::string(64, '0'), kSha256}, d));
    EXPECT_FALSE(fingerprint_matches({std::string(40, '0')}, d));
    EXPECT_FALSE(fingerprint_matches({}, d));
}

TEST(ProtocolRange, MapsLevelsAndVersions) {
    EXPECT_EQ(protocol_range("tls_compat", "").min, 0);
    EXPECT_EQ(protocol_range("tls_compat", "ssl23").max, 0);
    EXPECT_EQ(protocol_range("tls_compat", "tls1_2").min, TLS1_2_VERSION);
    EXPECT_EQ(protocol_range("tls_compat", "tls1_2").max, TLS1_2_VERSION);
    EXPECT_EQ(protocol_range("tls_no_ssl", "tls1").min, TLS1_VERSION);
    EXPECT_EQ(protocol_range("tls_secure", "").min, TLS1_1_VERSION);
    EXPECT_EQ(protocol_range("tls_no_ssl", "").min, TLS1_VERSION);
}

TEST(ProtocolRange, RefusesWhatTheLevelForbids) {
    try {
        protocol_range("tls_secure", "tls1");
        FAIL() << "accepted";
    } catch (const ConfigError& e) {
        EXPECT_STREQ(e.what(), "invalid ssl_version 'tls1' for tls_level 'tls_secure'");
    }
    EXPECT_THROW(protocol_range("tls_secure", "ssl23"), ConfigError);
    EXPECT_THROW(protocol_range("tls_compat", "ssl3"), ConfigError);
    EXPECT_THROW(protocol_range("tls_bogus", ""), ConfigError);
    EXPECT_THROW(protocol_range("tls_compat", "tls9"), ConfigError);
}

TEST(HmacMd5, MatchesRfc2104TestVector) {
    // RFC 2104 §A test case 2.
    EXPECT_EQ(hmac_md5_hex("Jefe", "what do ya want for nothing?"), "750c783e6ab0b503eaa86e310a5db738");
}

}  // namespace
}  // namespace oimap::imap
