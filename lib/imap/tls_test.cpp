// SPDX-License-Identifier: GPL-2.0-or-later
#include "imap/tls.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <thread>

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

// A TLS 1.3 server on one end of a socketpair, with a throw-away self-signed certificate
// that the client pins by fingerprint.
class TlsPair {
public:
    TlsPair() {
        int fds[2];
        EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
        client_fd_ = fds[0];
        server_fd_ = fds[1];
        key_ = EVP_EC_gen("P-256");
        cert_ = X509_new();
        ASN1_INTEGER_set(X509_get_serialNumber(cert_), 1);
        X509_gmtime_adj(X509_getm_notBefore(cert_), 0);
        X509_gmtime_adj(X509_getm_notAfter(cert_), 3600);
        X509_set_pubkey(cert_, key_);
        X509_NAME* name = X509_get_subject_name(cert_);
        const auto* cn = reinterpret_cast<const unsigned char*>("localhost");
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0);
        X509_set_issuer_name(cert_, name);
        X509_sign(cert_, key_, EVP_sha256());
        ctx_ = SSL_CTX_new(TLS_server_method());
        SSL_CTX_use_certificate(ctx_, cert_);
        SSL_CTX_use_PrivateKey(ctx_, key_);
        ssl_ = SSL_new(ctx_);
        SSL_set_fd(ssl_, server_fd_);
    }
    ~TlsPair() {
        SSL_free(ssl_);
        SSL_CTX_free(ctx_);
        X509_free(cert_);
        EVP_PKEY_free(key_);
        close(server_fd_);
    }
    /// Handshakes (the server in a thread); the server then sends a KeyUpdate, which, like
    /// its session tickets, is a record without application data.
    std::unique_ptr<Stream> connect() {
        auto server = std::async(std::launch::async, [this] {
            EXPECT_EQ(SSL_accept(ssl_), 1);
            SSL_key_update(ssl_, SSL_KEY_UPDATE_NOT_REQUESTED);
            SSL_do_handshake(ssl_);
        });
        TlsOptions o;
        o.server_name = "localhost";
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        X509_digest(cert_, EVP_sha256(), md, &len);
        std::string hex;
        for (unsigned i = 0; i < len; ++i) {
            hex += "0123456789abcdef"[md[i] >> 4];
            hex += "0123456789abcdef"[md[i] & 15];
        }
        o.fingerprints = {hex};
        auto stream = start_tls(std::make_unique<SocketStream>(fs::UniqueFd(client_fd_), "pair", 5), o);
        server.get();
        return stream;
    }
    void send(std::string_view data) {
        int size = static_cast<int>(data.size());
        EXPECT_EQ(SSL_write(ssl_, data.data(), size), size);
    }

private:
    int client_fd_ = -1, server_fd_ = -1;
    EVP_PKEY* key_ = nullptr;
    X509* cert_ = nullptr;
    SSL_CTX* ctx_ = nullptr;
    SSL* ssl_ = nullptr;
};

using std::chrono::milliseconds;

TEST(TlsWaitForInput, RecordsWithoutDataAreNoInputAndDecryptedBytesAre) {
    TlsPair pair;
    std::unique_ptr<Stream> tls = pair.connect();
    // Session tickets and the KeyUpdate make the socket readable, with nothing to read.
    EXPECT_EQ(wait_for_input(*tls, -1, milliseconds(300)), Input::kTimeout);
    pair.send("* 1 EXISTS\r\n");
    EXPECT_EQ(wait_for_input(*tls, -1, milliseconds(5000)), Input::kReady);
    char buf[64];
    ASSERT_EQ(tls->read_some(buf, 4), 4u);
    EXPECT_EQ(std::string(buf, 4), "* 1 ");
    // The rest of the record is decrypted and held by OpenSSL; the socket is quiet.
    EXPECT_TRUE(tls->has_buffered());
    EXPECT_EQ(wait_for_input(*tls, -1, milliseconds(0)), Input::kReady);
    ASSERT_EQ(tls->read_some(buf, sizeof buf), 8u);
    EXPECT_FALSE(tls->has_buffered());
    EXPECT_EQ(wait_for_input(*tls, -1, milliseconds(0)), Input::kTimeout);
}

}  // namespace
}  // namespace oimap::imap
