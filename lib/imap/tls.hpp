// SPDX-License-Identifier: GPL-2.0-or-later
// TLS over a connected socket, with certificate verification, and the few other uses of
// OpenSSL the client needs (HMAC-MD5 for CRAM-MD5).  The only file that includes OpenSSL.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "imap/transport.hpp"

namespace oimap::imap {

/// What to trust and how to talk TLS (offlineimap's sslcacertfile, cert_fingerprint,
/// sslclientcert/key, tls_level and ssl_version; spec §9.3).
struct TlsOptions {
    std::string server_name;                ///< checked against the certificate; SNI if DNS
    std::string ca_file;                    ///< PEM bundle; "" or "OS-DEFAULT": system store
    std::vector<std::string> fingerprints;  ///< from parse_fingerprints
    std::string client_cert;                ///< PEM chain, optional
    std::string client_key;                 ///< PEM key, optional (default: in client_cert)
    std::string tls_level = "tls_compat";   ///< tls_compat, tls_no_ssl or tls_secure
    std::string ssl_version;                ///< "", ssl23, tls1, tls1_1, tls1_2, tls1_3
};

/// Splits a comma-separated list of hex fingerprints; each is trimmed, lower-cased and has
/// its colons removed, and must be a SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512 digest.
/// Throws ConfigError "invalid certificate fingerprint '<item>': <reason>".
std::vector<std::string> parse_fingerprints(std::string_view list);

/// Lower-case hex digests of a certificate's DER encoding.
struct CertificateDigests {
    std::string sha1, sha224, sha256, sha384, sha512;
};

/// True when one of configured equals one of the digests.
bool fingerprint_matches(const std::vector<std::string>& configured, const CertificateDigests& actual);

/// Inclusive protocol-version bounds as OpenSSL numbers (0: no bound).
struct ProtocolRange {
    int min = 0;
    int max = 0;
};

/// Maps tls_level and ssl_version to protocol bounds.  An ssl_version pins one version and
/// must be allowed by the level; tls_secure and tls_no_ssl without one set a minimum of
/// TLS 1.1 and TLS 1.0.  Throws ConfigError for unknown or disallowed values.
ProtocolRange protocol_range(std::string_view tls_level, std::string_view ssl_version);

/// Runs the TLS handshake over socket and verifies the server: with fingerprints and no CA
/// file a matching fingerprint is enough (pinning); otherwise the chain must verify against
/// ca_file (or the system store) and the certificate must name server_name, and any
/// fingerprints must match too.  Throws NetworkError naming the cause and the option to set.
std::unique_ptr<Stream> start_tls(std::unique_ptr<SocketStream> socket, const TlsOptions& options);

/// Lower-case hex HMAC-MD5 of data with key (RFC 2104), for CRAM-MD5 (RFC 2195).
std::string hmac_md5_hex(std::string_view key, std::string_view data);

}  // namespace oimap::imap
