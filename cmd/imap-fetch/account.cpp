// SPDX-License-Identifier: GPL-2.0-or-later
#include "account.hpp"

#include "config/credentials.hpp"
#include "config/load.hpp"
#include "config/model.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::imap_fetch {
namespace {

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

std::string refuse_eval(std::string_view option, const std::string&) {
    throw ConfigError(cat("cannot evaluate '", option,
                          "': imap-fetch does not run Python; give the value on the command line"));
}

template <typename T>
void fill(std::optional<T>& target, const std::optional<T>& value) {
    if (!target && value) target = value;
}

void fill_tls(Options& o, const config::ImapOptions& imap) {
    if (!o.tls) o.tls = imap.ssl ? "implicit" : imap.starttls ? "starttls-if-offered" : "none";
    fill(o.ca_file, imap.sslcacertfile);
    if (!o.fingerprints && !imap.cert_fingerprint.empty()) o.fingerprints = join(imap.cert_fingerprint);
    fill(o.client_cert, imap.sslclientcert);
    fill(o.client_key, imap.sslclientkey);
    if (!o.tls_level) o.tls_level = imap.tls_level;
    fill(o.ssl_version, imap.ssl_version);
}

void fill_credentials(Options& o, const config::ImapOptions& imap) {
    const std::string host = o.host.value_or("");
    fill(o.user, config::find_user(imap, host, refuse_eval));
    if (!o.password_file) o.password = config::find_password(imap, host, o.user, refuse_eval);
    if (auto t = imap.oauth2.find("oauth2_access_token"); t != imap.oauth2.end()) o.oauth2_token = t->second;
    fill(o.authzid, imap.remote_identity);
    if (!o.auth_mechanisms && !imap.auth_mechanisms.empty()) o.auth_mechanisms = join(imap.auth_mechanisms);
}

}  // namespace

void apply_account(Options& o) {
    if (!o.config_file || !o.account) throw UsageError("-c FILE and -a ACCOUNT go together");
    config::Ini ini = config::load_file(config::find_config_file(o.config_file));
    config::General general = config::read_general(ini);
    config::ResolvedAccount account = config::resolve_account(ini, *o.account);
    const config::ImapOptions& imap = *account.remote.imap;
    if (imap.remotehosteval) refuse_eval("remotehosteval", *imap.remotehosteval);
    if (imap.remoteporteval) refuse_eval("remoteporteval", *imap.remoteporteval);
    bool tunnel = imap.preauthtunnel || imap.transporttunnel;
    if (!o.host && !o.tunnel) {
        if (tunnel) {
            o.tunnel = imap.preauthtunnel ? imap.preauthtunnel : imap.transporttunnel;
            o.preauth_tunnel = imap.preauthtunnel.has_value();
        }
        o.host = imap.remotehost;
    }
    if (!o.port) o.port = imap.port();
    fill_tls(o, imap);
    fill_credentials(o, imap);
    if (!o.reference && imap.reference != "\"\"") o.reference = imap.reference;
    o.subscribed_only = o.subscribed_only || imap.subscribedonly;
    o.utf8_folder_names = o.utf8_folder_names || account.account.utf8foldernames;
    if (!o.ipv6) o.ipv6 = imap.ipv6;
    if (!o.timeout && general.socktimeout > 0) o.timeout = general.socktimeout;
}

}  // namespace oimap::imap_fetch
