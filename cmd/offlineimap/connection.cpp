// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the password goes into a memfd without FD_CLOEXEC; the children
// open it as /dev/fd/N, which on Linux reopens the file from its start, so every child (and
// every reconnect) reads it whole.  Nothing reaches argv, the environment or the disk.
#include "connection.hpp"

#include <sys/mman.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "imap/session.hpp"

namespace oimap::driver {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : ",") + item;
    return out;
}

void add(std::vector<std::string>& args, const char* flag, const std::string& value) {
    args.push_back(flag);
    args.push_back(value);
}

fs::UniqueFd password_file(const std::string& password) {
    fs::UniqueFd fd(::memfd_create("offlineimap-password", 0));
    if (!fd.valid())
        throw_errno("create", "password memfd");
    fs::write_all(fd.get(), password + "\n", "password memfd");
    return fd;
}

void add_tls(std::vector<std::string>& args, const Endpoint& e) {
    const config::ImapOptions& imap = *e.imap;
    add(args, "--tls", e.tls);
    if (imap.sslcacertfile)
        add(args, "--ca-file", *imap.sslcacertfile);
    if (!imap.cert_fingerprint.empty())
        add(args, "--fingerprint", join(imap.cert_fingerprint));
    if (imap.sslclientcert)
        add(args, "--client-cert", *imap.sslclientcert);
    if (imap.sslclientkey)
        add(args, "--client-key", *imap.sslclientkey);
    add(args, "--tls-level", imap.tls_level);
    if (imap.ssl_version)
        add(args, "--ssl-version", *imap.ssl_version);
}

const std::string* tunnel(const config::ImapOptions& imap) {
    if (imap.preauthtunnel)
        return &*imap.preauthtunnel;
    if (imap.transporttunnel)
        return &*imap.transporttunnel;
    return nullptr;
}

}  // namespace

std::string Endpoint::display() const {
    if (const std::string* t = tunnel(*imap))
        return "tunnel:" + *t;
    return cat(host, ":", port);
}

Endpoint resolve_endpoint(const config::ResolvedAccount& account, const config::General& general,
                          const config::EvalString& eval, const PasswordPrompt& prompt) {
    return resolve_endpoint(account, account.remote, general, eval, prompt);
}

Endpoint resolve_endpoint(const config::ResolvedAccount& account, const config::Repository& repository,
                          const config::General& general, const config::EvalString& eval,
                          const PasswordPrompt& prompt) {
    const config::ImapOptions& imap = *repository.imap;
    Endpoint e{.imap = &imap};
    e.host = imap.remotehosteval ? eval("remotehosteval", *imap.remotehosteval)
                                 : imap.remotehost.value_or("");
    e.port = imap.port();
    if (imap.remoteporteval) {
        std::string port = eval("remoteporteval", *imap.remoteporteval);
        auto n = parse_number<int>(trim(port));
        if (!n)
            throw ConfigError(cat("remoteporteval: '", port, "' is not a port number"));
        e.port = *n;
    }
    if (e.host.empty() && !tunnel(imap))
        throw ConfigError("no remotehost configured");
    e.tls = imap.ssl ? "implicit" : imap.starttls ? "starttls-if-offered" : "none";
    e.utf8_folder_names = account.account.utf8foldernames;
    e.timeout = general.socktimeout;
    if (imap.preauthtunnel)
        return e;  // already authenticated
    e.user = config::find_user(imap, e.host, eval);
    e.password = config::find_password(imap, e.host, e.user, eval);
    if (!e.password && prompt)
        e.password = prompt(e.user.value_or(""));
    if (!e.password)
        throw AuthError(cat("no password for '", e.user.value_or(""), "' on '", e.display(),
                            "': set remotepass, remotepassfile, remotepasseval or a netrc entry"));
    return e;
}

Connection make_connection(const Endpoint& e) {
    const config::ImapOptions& imap = *e.imap;
    Connection c{.display = e.display()};
    const std::string* tun = tunnel(*e.imap);
    c.host_port = tun ? cat("tunnel\n", *tun) : cat(e.host, "\n", e.port);
    if (const std::string* t = tunnel(imap)) {
        add(c.args, imap.preauthtunnel ? "--preauth-tunnel" : "--tunnel", *t);
        if (!e.host.empty())
            add(c.args, "--tls-server-name", e.host);
    } else {
        add(c.args, "--host", e.host);
        add(c.args, "--port", std::to_string(e.port));
    }
    if (!imap.preauthtunnel)
        add_tls(c.args, e);
    if (e.user)
        add(c.args, "--user", *e.user);
    if (e.password) {
        c.password = password_file(*e.password);
        add(c.args, "--password-file", cat("/dev/fd/", c.password.get()));
    }
    if (!imap.auth_mechanisms.empty())
        add(c.args, "--auth-mechanisms", join(imap.auth_mechanisms));
    if (imap.ipv6)
        c.args.push_back(*imap.ipv6 ? "--ipv6" : "--ipv4");
    if (e.timeout > 0)
        add(c.args, "--timeout", std::to_string(e.timeout));
    if (imap.reference != "\"\"")
        add(c.listing_args, "--reference", imap.reference);
    if (e.utf8_folder_names)
        c.listing_args.push_back("--utf8-folder-names");
    return c;
}

void open_session(imap::Session& session, const Endpoint& e) {
    const config::ImapOptions& imap = *e.imap;
    imap::ConnectOptions c;
    c.host = e.host;
    c.port = static_cast<uint16_t>(e.port);
    c.tls = e.tls == "none"       ? imap::TlsMode::kNone
            : e.tls == "implicit" ? imap::TlsMode::kImplicit
                                  : imap::TlsMode::kStartTlsIfOffered;
    c.tls_options.server_name = e.host;
    c.tls_options.ca_file = imap.sslcacertfile.value_or("");
    c.tls_options.fingerprints = imap.cert_fingerprint;
    c.tls_options.client_cert = imap.sslclientcert.value_or("");
    c.tls_options.client_key = imap.sslclientkey.value_or("");
    c.tls_options.tls_level = imap.tls_level;
    c.tls_options.ssl_version = imap.ssl_version.value_or("");
    if (const std::string* t = tunnel(imap))
        c.tunnel = *t;
    c.preauth_tunnel = imap.preauthtunnel.has_value();
    c.family = !imap.ipv6   ? imap::AddressFamily::kAny
               : *imap.ipv6 ? imap::AddressFamily::kIpv6
                            : imap::AddressFamily::kIpv4;
    c.timeout_seconds = e.timeout > 0 ? e.timeout : 120;
    session.connect(c);
    imap::Credentials creds;
    creds.user = e.user.value_or("");
    creds.password = e.password.value_or("");
    if (imap.remote_identity)
        creds.authzid = *imap.remote_identity;
    if (!imap.auth_mechanisms.empty())
        creds.mechanisms = imap.auth_mechanisms;
    if (!c.preauth_tunnel)
        session.login(creds);
}

}  // namespace oimap::driver
