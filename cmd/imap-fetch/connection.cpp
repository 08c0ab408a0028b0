// SPDX-License-Identifier: GPL-2.0-or-later
#include "connection.hpp"

#include "core/error.hpp"
#include "core/fs.hpp"
#include "core/text.hpp"

namespace oimap::imap_fetch {
namespace {

constexpr int kDefaultTimeout = 120;

std::string first_line(const std::string& path) {
    std::string text = fs::read_file(path);
    return std::string(trim(text.substr(0, text.find('\n'))));
}

imap::TlsMode tls_mode(const std::string& mode) {
    if (mode == "none") return imap::TlsMode::kNone;
    if (mode == "starttls") return imap::TlsMode::kStartTls;
    if (mode == "starttls-if-offered") return imap::TlsMode::kStartTlsIfOffered;
    return imap::TlsMode::kImplicit;
}

}  // namespace

imap::ConnectOptions connect_options(const Options& o) {
    if (!o.host && !o.tunnel) throw UsageError("cannot connect: give --host, --tunnel or -c FILE -a ACCOUNT");
    imap::ConnectOptions c;
    c.host = o.host.value_or("");
    c.port = static_cast<uint16_t>(o.port.value_or(0));
    c.tls = tls_mode(o.tls.value_or("implicit"));
    c.tls_options.server_name = o.tls_server_name.value_or(c.host);
    c.tls_options.ca_file = o.ca_file.value_or("");
    if (o.fingerprints) c.tls_options.fingerprints = imap::parse_fingerprints(*o.fingerprints);
    c.tls_options.client_cert = o.client_cert.value_or("");
    c.tls_options.client_key = o.client_key.value_or("");
    c.tls_options.tls_level = o.tls_level.value_or("tls_compat");
    c.tls_options.ssl_version = o.ssl_version.value_or("");
    imap::protocol_range(c.tls_options.tls_level, c.tls_options.ssl_version);  // fail before connecting
    c.tunnel = o.tunnel.value_or("");
    c.preauth_tunnel = o.preauth_tunnel;
    c.family = !o.ipv6 ? imap::AddressFamily::kAny : *o.ipv6 ? imap::AddressFamily::kIpv6 : imap::AddressFamily::kIpv4;
    c.timeout_seconds = o.timeout.value_or(kDefaultTimeout);
    if (o.held_fd) {
        if (*o.held_fd < 3) throw UsageError(cat("cannot use --held-fd ", *o.held_fd, ": not an inherited descriptor"));
        c.held_fd = *o.held_fd;
        for (std::string_view e : split(o.held_enabled.value_or(""), ','))
            if (!trim(e).empty()) c.held_enabled.emplace_back(trim(e));
    }
    return c;
}

imap::Credentials credentials(const Options& o) {
    imap::Credentials c;
    c.user = o.user.value_or("");
    c.password = o.password_file ? first_line(*o.password_file) : o.password.value_or("");
    c.oauth2_token = o.oauth2_token_file ? first_line(*o.oauth2_token_file) : o.oauth2_token.value_or("");
    c.authzid = o.authzid.value_or("");
    if (o.auth_mechanisms) c.mechanisms = imap::parse_auth_mechanisms(*o.auth_mechanisms);
    return c;
}

}  // namespace oimap::imap_fetch
