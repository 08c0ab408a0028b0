// SPDX-License-Identifier: GPL-2.0-or-later
// OpenSSL: TLS streams, certificate checks with precise diagnostics, HMAC-MD5.
//
// Implementation notes: verification runs with SSL_VERIFY_PEER and a callback that records
// every chain and host-name error but lets the handshake finish, so that the decision (and
// the message) is ours: a pinned fingerprint may override an unknown CA, and the message
// can list the server's fingerprints.  Nothing is sent to the server before that decision.
#include "imap/tls.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::imap {
namespace {

struct SslCtxFree {
    void operator()(SSL_CTX* p) const { SSL_CTX_free(p); }
};
struct SslFree {
    void operator()(SSL* p) const { SSL_free(p); }
};
struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxFree>;
using SslPtr = std::unique_ptr<SSL, SslFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;

std::string openssl_errors() {
    std::string out;
    while (unsigned long e = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        out += (out.empty() ? "" : "; ") + std::string(buf);
    }
    return out.empty() ? "unknown TLS error" : out;
}

std::string to_hex(const unsigned char* data, size_t size) {
    constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (size_t i = 0; i < size; ++i) {
        out += kDigits[data[i] >> 4];
        out += kDigits[data[i] & 15];
    }
    return out;
}

std::string digest(X509* cert, const EVP_MD* md) {
    unsigned char buf[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    X509_digest(cert, md, buf, &len);
    return to_hex(buf, len);
}

CertificateDigests digests_of(X509* cert) {
    return {digest(cert, EVP_sha1()), digest(cert, EVP_sha224()), digest(cert, EVP_sha256()),
            digest(cert, EVP_sha384()), digest(cert, EVP_sha512())};
}

// The verification errors of one handshake, first seen first (ex_data of the SSL).
struct VerifyErrors {
    std::vector<int> codes;
};
int g_ex_index = -1;

int record_error(int ok, X509_STORE_CTX* ctx) {
    if (!ok) {
        auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(ctx, SSL_get_ex_data_X509_STORE_CTX_idx()));
        auto* errors = static_cast<VerifyErrors*>(SSL_get_ex_data(ssl, g_ex_index));
        int code = X509_STORE_CTX_get_error(ctx);
        if (std::find(errors->codes.begin(), errors->codes.end(), code) == errors->codes.end())
            errors->codes.push_back(code);
    }
    return 1;
}

std::string names_in(X509* cert) {
    std::string out;
    auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* n = sk_GENERAL_NAME_value(names, i);
        std::string item;
        if (n->type == GEN_DNS) {
            auto* s = n->d.dNSName;
            item = "DNS:" + std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s));
        } else if (n->type == GEN_IPADD && (n->d.iPAddress->length == 4 || n->d.iPAddress->length == 16)) {
            char buf[INET6_ADDRSTRLEN];
            inet_ntop(n->d.iPAddress->length == 4 ? AF_INET : AF_INET6, n->d.iPAddress->data, buf, sizeof buf);
            item = cat("IP:", buf);
        }
        if (!item.empty()) out += (out.empty() ? "" : ", ") + item;
    }
    GENERAL_NAMES_free(names);
    return out.empty() ? "no subjectAltName" : out;
}

std::string not_after(X509* cert) {
    tm t{};
    ASN1_TIME_to_tm(X509_get0_notAfter(cert), &t);
    char buf[64];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &t);
    return buf;
}

std::string fingerprints_hint(const CertificateDigests& d) {
    return cat("the server's certificate has SHA-256 fingerprint ", d.sha256, " and SHA-1 fingerprint ", d.sha1);
}

// One sentence per verification error, saying what is wrong and what to set.
std::string explain(int code, X509* cert, const TlsOptions& o, const CertificateDigests& d) {
    switch (code) {
        case X509_V_ERR_CERT_HAS_EXPIRED:
            return cat("certificate expired on ", not_after(cert), "; renew it on the server, or pin it with cert_fingerprint (--fingerprint) if you accept that");
        case X509_V_ERR_CERT_NOT_YET_VALID:
            return "certificate is not yet valid; check the clocks of both machines";
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH:
            return cat("host name mismatch '", o.server_name, "': the certificate is for ", names_in(cert),
                       "; connect with one of those names (remotehost, --host or --tls-server-name), or pin the certificate with cert_fingerprint (--fingerprint)");
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            return cat("unknown CA: the certificate is self-signed or signed by a CA that is not in ",
                       o.ca_file.empty() || o.ca_file == "OS-DEFAULT" ? std::string("the system CA store") : "'" + o.ca_file + "'",
                       " (", X509_verify_cert_error_string(code), "); set sslcacertfile (--ca-file) to the CA's certificate, or pin the server's certificate with cert_fingerprint (--fingerprint): ",
                       fingerprints_hint(d));
        default:
            return X509_verify_cert_error_string(code);
    }
}

void configure_trust(SSL_CTX* ctx, const TlsOptions& o) {
    if (o.ca_file.empty() || o.ca_file == "OS-DEFAULT") {
        SSL_CTX_set_default_verify_paths(ctx);
    } else if (SSL_CTX_load_verify_locations(ctx, o.ca_file.c_str(), nullptr) != 1) {
        throw ConfigError(cat("cannot load CA certificates from '", o.ca_file, "': ", openssl_errors()));
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, record_error);
    if (!o.client_cert.empty()) {
        const std::string& key = o.client_key.empty() ? o.client_cert : o.client_key;
        if (SSL_CTX_use_certificate_chain_file(ctx, o.client_cert.c_str()) != 1 ||
            SSL_CTX_use_PrivateKey_file(ctx, key.c_str(), SSL_FILETYPE_PEM) != 1)
            throw ConfigError(cat("cannot load client certificate '", o.client_cert, "': ", openssl_errors()));
    }
}

SslCtxPtr make_context(const TlsOptions& o) {
    SslCtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx) throw NetworkError("cannot create TLS context: " + openssl_errors());
    ProtocolRange range = protocol_range(o.tls_level, o.ssl_version);
    if (range.min != 0) SSL_CTX_set_min_proto_version(ctx.get(), range.min);
    if (range.max != 0) SSL_CTX_set_max_proto_version(ctx.get(), range.max);
    // Servers commonly close without close_notify after BYE; that is an end of stream.
    SSL_CTX_set_options(ctx.get(), SSL_OP_IGNORE_UNEXPECTED_EOF);
    configure_trust(ctx.get(), o);
    return ctx;
}

// Host name or IP address checked during verification (RFC 6125), and SNI for DNS names.
void set_server_name(SSL* ssl, const std::string& name) {
    in6_addr addr;
    bool is_ip = inet_pton(AF_INET, name.c_str(), &addr) == 1 || inet_pton(AF_INET6, name.c_str(), &addr) == 1;
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (is_ip) {
        X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str());
    } else {
        X509_VERIFY_PARAM_set1_host(param, name.c_str(), 0);
        SSL_set_tlsext_host_name(ssl, name.c_str());
    }
}

class TlsStream : public Stream {
public:
    TlsStream(std::unique_ptr<SocketStream> socket, SslCtxPtr ctx, SslPtr ssl)
        : socket_(std::move(socket)), ctx_(std::move(ctx)), ssl_(std::move(ssl)),
          peer_(socket_->peer()) {}
    size_t read_some(char* buffer, size_t size) override;
    void write(std::string_view bytes) override;
    const std::string& peer() const override { return peer_; }
    int poll_fd() const override { return socket_->fd(); }
    bool has_buffered() const override { return SSL_pending(ssl_.get()) > 0; }
    bool input_arrived() override;
    void handshake();
    void verify(const TlsOptions& o);

private:
    [[noreturn]] void fail(std::string_view what, int rc);
    std::unique_ptr<SocketStream> socket_;
    SslCtxPtr ctx_;
    SslPtr ssl_;
    std::string peer_;
};

void TlsStream::fail(std::string_view what, int rc) {
    int err = SSL_get_error(ssl_.get(), rc);
    std::string why = (err == SSL_ERROR_SYSCALL && (errno == EAGAIN || errno == EWOULDBLOCK))
                          ? cat("timed out after ", socket_->timeout(), " seconds")
                      : err == SSL_ERROR_SYSCALL && errno != 0 ? std::string(std::strerror(errno))
                      : err == SSL_ERROR_SYSCALL ? std::string("connection closed by the server")
                                                 : openssl_errors();
    throw NetworkError(cat("cannot ", what, " '", peer_, "': ", why));
}

size_t TlsStream::read_some(char* buffer, size_t size) {
    errno = 0;
    int n = SSL_read(ssl_.get(), buffer, static_cast<int>(std::min<size_t>(size, INT32_MAX)));
    if (n > 0) return static_cast<size_t>(n);
    if (SSL_get_error(ssl_.get(), n) == SSL_ERROR_ZERO_RETURN) return 0;
    fail("read from", n);
}

// A peek with the socket made non-blocking for the call: records that carry no data are
// processed, and WANT_READ means no application data yet.
bool TlsStream::input_arrived() {
    if (has_buffered()) return true;
    int fd = socket_->fd();
    int flags = fcntl(fd, F_GETFL);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    char byte;
    int n = SSL_peek(ssl_.get(), &byte, 1);
    int err = n > 0 ? SSL_ERROR_NONE : SSL_get_error(ssl_.get(), n);
    fcntl(fd, F_SETFL, flags);
    return err != SSL_ERROR_WANT_READ;
}

void TlsStream::write(std::string_view bytes) {
    while (!bytes.empty()) {
        errno = 0;
        int n = SSL_write(ssl_.get(), bytes.data(), static_cast<int>(std::min<size_t>(bytes.size(), INT32_MAX)));
        if (n <= 0) fail("write to", n);
        bytes.remove_prefix(static_cast<size_t>(n));
    }
}

void TlsStream::handshake() {
    errno = 0;
    int rc = SSL_connect(ssl_.get());
    if (rc != 1) fail("start TLS with", rc);
}

void TlsStream::verify(const TlsOptions& o) {
    X509Ptr cert(SSL_get1_peer_certificate(ssl_.get()));
    if (!cert) throw NetworkError(cat("cannot verify the certificate of '", peer_, "': the server sent none"));
    CertificateDigests d = digests_of(cert.get());
    if (!o.fingerprints.empty() && !fingerprint_matches(o.fingerprints, d))
        throw NetworkError(cat("cannot verify the certificate of '", peer_, "': fingerprint mismatch: ", fingerprints_hint(d),
                               ", which matches none of cert_fingerprint (--fingerprint); if the certificate changed legitimately, pin the new one"));
    // offlineimap: a matching fingerprint alone is enough trust when no CA file is given.
    if (!o.fingerprints.empty() && o.ca_file.empty()) return;
    const auto* errors = static_cast<VerifyErrors*>(SSL_get_ex_data(ssl_.get(), g_ex_index));
    if (errors->codes.empty()) return;
    std::string why;
    for (int code : errors->codes) {
        // Several chain errors say the same thing ("unknown CA"); say it once.
        std::string sentence = explain(code, cert.get(), o, d);
        if (why.find(sentence.substr(0, 12)) == std::string::npos) why += (why.empty() ? "" : "; ") + sentence;
    }
    throw NetworkError(cat("cannot verify the certificate of '", peer_, "': ", why));
}

}  // namespace

std::vector<std::string> parse_fingerprints(std::string_view list) {
    std::vector<std::string> out;
    for (std::string_view item : split(list, ',')) {
        std::string hex;
        for (char c : trim(item)) {
            if (c == ':') continue;
            if (!std::isxdigit(static_cast<unsigned char>(c)))
                throw ConfigError(cat("invalid certificate fingerprint '", trim(item), "': '", std::string(1, c), "' is not a hex digit"));
            hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        size_t n = hex.size();
        if (n != 40 && n != 56 && n != 64 && n != 96 && n != 128)
            throw ConfigError(cat("invalid certificate fingerprint '", trim(item), "': ", n,
                                  " hex digits is not a SHA-1 or SHA-2 digest (40, 56, 64, 96 or 128)"));
        out.push_back(hex);
    }
    return out;
}

bool fingerprint_matches(const std::vector<std::string>& configured, const CertificateDigests& d) {
    for (const auto& f : configured)
        if (f == d.sha1 || f == d.sha224 || f == d.sha256 || f == d.sha384 || f == d.sha512) return true;
    return false;
}

ProtocolRange protocol_range(std::string_view level, std::string_view version) {
    struct Row {
        std::string_view name;
        int proto;
        int min_level;  // 0 tls_compat, 1 tls_no_ssl, 2 tls_secure: the strictest level allowing it
    };
    static constexpr Row kVersions[] = {{"ssl23", 0, 0},           {"tls1", TLS1_VERSION, 1},
                                        {"tls1_1", TLS1_1_VERSION, 2}, {"tls1_2", TLS1_2_VERSION, 2},
                                        {"tls1_3", TLS1_3_VERSION, 2}};
    int rank = level == "tls_compat" ? 0 : level == "tls_no_ssl" ? 1 : level == "tls_secure" ? 2 : -1;
    if (rank < 0) throw ConfigError(cat("unknown tls_level '", level, "' (expected tls_compat, tls_no_ssl or tls_secure)"));
    if (version.empty()) return {rank == 2 ? TLS1_1_VERSION : rank == 1 ? TLS1_VERSION : 0, 0};
    if (version == "ssl3") throw ConfigError("unsupported ssl_version 'ssl3': SSLv3 is insecure and not available");
    for (const Row& row : kVersions) {
        if (row.name != version) continue;
        if (row.min_level < rank)
            throw ConfigError(cat("invalid ssl_version '", version, "' for tls_level '", level, "'"));
        return {row.proto, row.proto};
    }
    throw ConfigError(cat("unknown ssl_version '", version, "' (expected ssl23, tls1, tls1_1, tls1_2 or tls1_3)"));
}

std::unique_ptr<Stream> start_tls(std::unique_ptr<SocketStream> socket, const TlsOptions& options) {
    if (g_ex_index < 0) g_ex_index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    SslCtxPtr ctx = make_context(options);
    SslPtr ssl(SSL_new(ctx.get()));
    if (!ssl || SSL_set_fd(ssl.get(), socket->fd()) != 1)
        throw NetworkError("cannot create TLS session: " + openssl_errors());
    VerifyErrors errors;
    SSL_set_ex_data(ssl.get(), g_ex_index, &errors);
    set_server_name(ssl.get(), options.server_name);
    auto stream = std::make_unique<TlsStream>(std::move(socket), std::move(ctx), std::move(ssl));
    stream->handshake();
    stream->verify(options);
    return stream;
}

std::string hmac_md5_hex(std::string_view key, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(EVP_md5(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
    return to_hex(out, len);
}

}  // namespace oimap::imap
