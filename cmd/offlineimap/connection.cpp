// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the password goes into a memfd without FD_CLOEXEC; the children
// open it as /dev/fd/N, which on Linux reopens the file from its start, so every child (and
// every reconnect) reads it whole.  Nothing reaches argv, the environment or the disk.
#include "connection.hpp"

#include <sys/mman.h>

#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::driver {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
    return out;
}

void add(std::vector<std::string>& args, const char* flag, const std::string& value) {
    args.push_back(flag);
    args.push_back(value);
}

fs::UniqueFd password_file(const std::string& password) {
    fs::UniqueFd fd(::memfd_create("offlineimap-password", 0));
    if (!fd.valid()) throw_errno("create", "password memfd");
    fs::write_all(fd.get(), password + "\n", "password memfd");
    return fd;
}

void add_tls(std::vector<std::string>& args, const config::ImapOptions& imap) {
    add(args, "--tls", imap.ssl ? "implicit" : imap.starttls ? "starttls-if-offered" : "none");
    if (imap.sslcacertfile) add(args, "--ca-file", *imap.sslcacertfile);
    if (!imap.cert_fingerprint.empty()) add(args, "--fingerprint", join(imap.cert_fingerprint));
    if (imap.sslclientcert) add(args, "--client-cert", *imap.sslclientcert);
    if (imap.sslclientkey) add(args, "--client-key", *imap.sslclientkey);
    add(args, "--tls-level", imap.tls_level);
    if (imap.ssl_version) add(args, "--ssl-version", *imap.ssl_version);
}

void add_endpoint(Connection& c, const config::ImapOptions& imap, const config::EvalString& eval) {
    std::optional<std::string> host = imap.remotehost;
    if (imap.remotehosteval) host = eval("remotehosteval", *imap.remotehosteval);
    c.port = imap.port();
    if (imap.remoteporteval) {
        std::string port = eval("remoteporteval", *imap.remoteporteval);
        auto n = parse_number<int>(trim(port));
        if (!n) throw ConfigError(cat("remoteporteval: '", port, "' is not a port number"));
        c.port = *n;
    }
    if (imap.preauthtunnel || imap.transporttunnel) {
        bool preauth = imap.preauthtunnel.has_value();
        const std::string& cmd = preauth ? *imap.preauthtunnel : *imap.transporttunnel;
        add(c.args, preauth ? "--preauth-tunnel" : "--tunnel", cmd);
        c.host = "tunnel:" + cmd;
        if (host) add(c.args, "--tls-server-name", *host);
        return;
    }
    if (!host) throw ConfigError("no remotehost configured");
    c.host = *host;
    add(c.args, "--host", *host);
    add(c.args, "--port", std::to_string(c.port));
}

}  // namespace

Connection make_connection(const config::ResolvedAccount& account, const config::General& general,
                           const config::EvalString& eval) {
    const config::ImapOptions& imap = *account.remote.imap;
    Connection c;
    add_endpoint(c, imap, eval);
    if (!imap.preauthtunnel) add_tls(c.args, imap);
    std::string host = c.host.rfind("tunnel:", 0) == 0 ? imap.remotehost.value_or("") : c.host;
    if (!imap.preauthtunnel) {
        std::optional<std::string> user = config::find_user(imap, host, eval);
        std::optional<std::string> password = config::find_password(imap, host, user, eval);
        if (user) add(c.args, "--user", *user);
        if (!password)
            throw AuthError(cat("no password for '", user.value_or(""), "' on '", c.host,
                                "': set remotepass, remotepassfile, remotepasseval or a netrc entry"));
        c.password = password_file(*password);
        add(c.args, "--password-file", cat("/dev/fd/", c.password.get()));
        if (!imap.auth_mechanisms.empty())
            add(c.args, "--auth-mechanisms", join(imap.auth_mechanisms));
    }
    if (imap.reference != "\"\"") add(c.listing_args, "--reference", imap.reference);
    if (account.account.utf8foldernames) c.listing_args.push_back("--utf8-folder-names");
    if (imap.ipv6) c.args.push_back(*imap.ipv6 ? "--ipv6" : "--ipv4");
    if (general.socktimeout > 0) add(c.args, "--timeout", std::to_string(general.socktimeout));
    return c;
}

}  // namespace oimap::driver
