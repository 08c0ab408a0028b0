// SPDX-License-Identifier: GPL-2.0-or-later
// The option registry: spec §2.3-§2.8, one row per option.
#include "config/registry.hpp"

#include <algorithm>

#include "config/section.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::config {
namespace {

using S = Support;
using C = Scope;

// clang-format off
constexpr OptionInfo kOptions[] = {
    // [general], spec §2.3
    {C::kGeneral, "accounts", S::kSupported},
    {C::kGeneral, "metadata", S::kSupported},
    {C::kGeneral, "maxsyncaccounts", S::kSupported},
    {C::kGeneral, "ui", S::kSupported},
    {C::kGeneral, "ignore-readonly", S::kSupported},
    {C::kGeneral, "pythonfile", S::kSupported},
    {C::kGeneral, "socktimeout", S::kSupported},
    {C::kGeneral, "fsync", S::kSupported},
    {C::kGeneral, "dry-run", S::kSupported},
    {C::kGeneral, "ignore-keyring", S::kSupported},  // we never query a keyring
    {C::kGeneral, "update-keyring", S::kNotYet, "no", true},
    {C::kGeneral, "utime_from_header", S::kNotYet, "no", true},
    {C::kGeneral, "filename_use_mail_timestamp", S::kNotYet, "no", true},
    // [mbnames], spec §2.4
    {C::kMbnames, "enabled", S::kSupported},
    {C::kMbnames, "filename", S::kSupported},
    {C::kMbnames, "header", S::kSupported},
    {C::kMbnames, "peritem", S::kSupported},
    {C::kMbnames, "sep", S::kSupported},
    {C::kMbnames, "footer", S::kSupported},
    {C::kMbnames, "incremental", S::kSupported},
    {C::kMbnames, "sort_keyfunc", S::kSupported},
    {C::kMbnames, "folderfilter", S::kSupported},
    // [Account NAME], spec §2.5
    {C::kAccount, "localrepository", S::kSupported},
    {C::kAccount, "remoterepository", S::kSupported},
    {C::kAccount, "autorefresh", S::kSupported},
    {C::kAccount, "quick", S::kSupported},
    {C::kAccount, "presynchook", S::kSupported},
    {C::kAccount, "postsynchook", S::kSupported},
    {C::kAccount, "maxsize", S::kSupported},
    {C::kAccount, "maxage", S::kSupported},
    {C::kAccount, "maildir-windows-compatible", S::kSupported},
    {C::kAccount, "utf8foldernames", S::kSupported},
    {C::kAccount, "synclabels", S::kNotYet, "no", true},
    {C::kAccount, "labelsheader", S::kNotYet},
    {C::kAccount, "ignorelabels", S::kNotYet},
    {C::kAccount, "filterheaders", S::kNotYet, ""},
    {C::kAccount, "proxy", S::kNotYet, ""},
    {C::kAccount, "authproxy", S::kNotYet, ""},
    {C::kAccount, "status_backend", S::kRemoved},
    {C::kAccount, "skipsleep", S::kIgnored},  // internal to offlineimap
    // [Repository NAME], every type, spec §2.6
    {C::kRepository, "type", S::kSupported},
    {C::kRepository, "nametrans", S::kSupported},
    {C::kRepository, "folderfilter", S::kSupported},
    {C::kRepository, "folderincludes", S::kSupported},
    {C::kRepository, "foldersort", S::kSupported},
    {C::kRepository, "dynamic_folderfilter", S::kIgnored},  // filters are evaluated per check
    {C::kRepository, "readonly", S::kSupported},
    {C::kRepository, "createfolders", S::kSupported},
    {C::kRepository, "sync_deletes", S::kSupported},
    {C::kRepository, "startdate", S::kSupported},  // not of a local Maildir (below)
    {C::kRepository, "maxconnections", S::kSupported},
    {C::kRepository, "realdelete", S::kIgnored},  // obsolete; offlineimap no longer reads it
    // Maildir and GmailMaildir, spec §2.7
    {C::kMaildir, "localfolders", S::kSupported},
    {C::kMaildir, "sep", S::kSupported},
    {C::kMaildir, "customflag_*", S::kSupported},
    {C::kMaildir, "restoreatime", S::kNotYet, "no", true},
    {C::kMaildir, "utime_from_header", S::kNotYet, "no", true},
    {C::kMaildir, "filename_use_mail_timestamp", S::kNotYet, "no", true},
    // IMAP and Gmail, spec §2.8
    {C::kImap, "remotehost", S::kSupported},
    {C::kImap, "remotehosteval", S::kSupported},
    {C::kImap, "remoteport", S::kSupported},
    {C::kImap, "remoteporteval", S::kSupported},
    {C::kImap, "remoteuser", S::kSupported},
    {C::kImap, "remoteusereval", S::kSupported},
    {C::kImap, "remotepass", S::kSupported},
    {C::kImap, "remotepasseval", S::kSupported},
    {C::kImap, "remotepassfile", S::kSupported},
    {C::kImap, "remote_identity", S::kSupported},
    {C::kImap, "auth_mechanisms", S::kSupported},  // GSSAPI-only lists are refused below
    {C::kImap, "ssl", S::kSupported},
    {C::kImap, "starttls", S::kSupported},
    {C::kImap, "sslcacertfile", S::kSupported},
    {C::kImap, "sslclientcert", S::kSupported},
    {C::kImap, "sslclientkey", S::kSupported},
    {C::kImap, "cert_fingerprint", S::kSupported},
    {C::kImap, "ssl_version", S::kSupported},
    {C::kImap, "tls_level", S::kSupported},
    {C::kImap, "ipv6", S::kSupported},
    {C::kImap, "preauthtunnel", S::kSupported},
    {C::kImap, "transporttunnel", S::kSupported},
    {C::kImap, "reference", S::kSupported},
    {C::kImap, "maxconnections", S::kSupported},
    {C::kImap, "decodefoldernames", S::kNotYet, "no", true},
    {C::kImap, "idlefolders", S::kSupported, "[]"},
    {C::kImap, "usecompression", S::kNotYet, "no", true},
    {C::kImap, "singlethreadperfolder", S::kIgnored},  // threading detail
    {C::kImap, "holdconnectionopen", S::kSupported},   // cmd/offlineimap/held.hpp
    {C::kImap, "keepalive", S::kSupported},            // IDLE renewal, held connections' NOOP
    {C::kImap, "expunge", S::kNotYet, "yes", true},
    {C::kImap, "subscribedonly", S::kNotYet, "no", true},
    {C::kImap, "retrycount", S::kSupported},  // sync-apply --fetch-attempts
    {C::kImap, "copy_ignore_eval", S::kNotYet},
    {C::kImap, "newmail_hook", S::kSupported},
    {C::kImap, "oauth2_client_id", S::kNotYet},
    {C::kImap, "oauth2_client_secret", S::kNotYet},
    {C::kImap, "oauth2_refresh_token", S::kNotYet},
    {C::kImap, "oauth2_access_token", S::kNotYet},
    {C::kImap, "oauth2_client_id_eval", S::kNotYet},
    {C::kImap, "oauth2_client_secret_eval", S::kNotYet},
    {C::kImap, "oauth2_refresh_token_eval", S::kNotYet},
    {C::kImap, "oauth2_access_token_eval", S::kNotYet},
    {C::kImap, "oauth2_request_url", S::kIgnored},  // only used by XOAUTH2 token refresh
    {C::kImap, "sep", S::kIgnored},          // offlineimap: "is being ignored ... autodetected"
    {C::kImap, "trashfolder", S::kIgnored},  // Gmail getters nothing calls
    {C::kImap, "spamfolder", S::kIgnored},
};
// clang-format on

bool name_matches(std::string_view pattern, std::string_view option) {
    if (pattern == "customflag_*") {
        return option.size() == 12 && option.substr(0, 11) == "customflag_" &&
               option[11] >= 'a' && option[11] <= 'z';
    }
    return pattern == option;
}

bool harmless(const OptionInfo& info, std::string_view value) {
    if (!info.harmless) return false;
    if (info.boolean) {
        auto b = parse_bool(value);
        return b && b == parse_bool(*info.harmless);
    }
    return trim(value) == *info.harmless;
}

[[noreturn]] void refuse(std::string_view option, const std::string& section,
                         std::string_view detail = "") {
    throw ConfigError(cat("option '", option, "' in [", section,
                          "] is not supported yet by this offlineimap", detail,
                          "; remove it or use offlineimap3"));
}

void check_section(const Ini& ini, const std::string& section, std::initializer_list<Scope> scopes) {
    for (const std::string& option : ini.options(section)) {
        std::optional<OptionInfo> info;
        for (Scope scope : scopes) {
            if (!info) info = find_option(scope, option);
        }
        if (!info || info->support == Support::kSupported || info->support == Support::kIgnored) {
            continue;
        }
        if (info->support == Support::kRemoved) {
            throw ConfigError(cat("the '", option, "' configuration option is not supported "
                                  "anymore; please, remove this configuration option."));
        }
        if (!harmless(*info, *ini.get(section, option))) refuse(option, section);
    }
}

void check_repository(const Ini& ini, const std::string& name, bool remote) {
    std::string section = "Repository " + name;
    if (!ini.has_section(section)) return;  // resolve_account reports it
    std::string type(trim(ini.get(section, "type").value_or("")));
    bool imap = type == "IMAP" || type == "Gmail";
    if (type == "Gmail" && !remote) refuse("type", section, ": a local repository of type Gmail");
    if (!remote && !imap && ini.get(section, "startdate"))
        refuse("startdate", section, " on a local repository");
    check_section(ini, section, {Scope::kRepository, imap ? Scope::kImap : Scope::kMaildir});
    auto mechs = SectionView(ini, section).list("auth_mechanisms", true);
    if (imap && mechs && std::all_of(mechs->begin(), mechs->end(),
                                     [](const std::string& m) { return m == "GSSAPI"; })) {
        refuse("auth_mechanisms", section, ": GSSAPI is not implemented");
    }
}

}  // namespace

std::span<const OptionInfo> option_table() { return kOptions; }

std::optional<OptionInfo> find_option(Scope scope, std::string_view option) {
    for (const OptionInfo& info : kOptions) {
        if (info.scope == scope && name_matches(info.name, option)) return info;
    }
    return std::nullopt;
}

void check_supported(const Ini& ini, const std::string& account) {
    check_section(ini, "general", {Scope::kGeneral});
    if (ini.has_section("mbnames")) check_section(ini, "mbnames", {Scope::kMbnames});
    std::string section = "Account " + account;
    if (!ini.has_section(section)) return;
    check_section(ini, section, {Scope::kAccount});
    if (auto local = ini.get(section, "localrepository")) check_repository(ini, *local, false);
    if (auto remote = ini.get(section, "remoterepository")) check_repository(ini, *remote, true);
}

}  // namespace oimap::config
