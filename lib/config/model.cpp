// SPDX-License-Identifier: GPL-2.0-or-later
// Reads the typed model with the defaults of offlineimap's getconf* calls (spec §2.3-§2.8;
// repository/IMAP.py, Maildir.py, Gmail.py, accounts.py, init.py, mbnames.py).
#include "config/model.hpp"

#include <filesystem>

#include "config/section.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::config {
namespace {

int to_int(const SectionView& s, std::string_view option, int fallback) {
    int64_t v = s.integer(option, fallback);
    if (v < INT32_MIN || v > INT32_MAX) s.fail(option, cat("'", v, "' is out of range"));
    return static_cast<int>(v);
}

std::string absolute(const std::string& path) {
    return std::filesystem::absolute(path).lexically_normal().string();
}

std::optional<std::string> absolute_path(const SectionView& s, std::string_view option) {
    auto v = s.path(option);
    if (v) v = absolute(*v);
    return v;
}

std::string required(const SectionView& s, std::string_view option) {
    auto v = s.str(option);
    if (!v) throw ConfigError(cat("[", s.name(), "] ", option, ": option is required"));
    return *v;
}

void read_common(const SectionView& s, Repository& r) {
    r.nametrans = s.str("nametrans");
    r.folderfilter = s.str("folderfilter");
    r.folderincludes = s.str("folderincludes");
    r.foldersort = s.str("foldersort");
    r.dynamic_folderfilter = s.boolean("dynamic_folderfilter", false);
    r.readonly = s.boolean("readonly", false);
    r.createfolders = s.boolean("createfolders", true);
    r.sync_deletes = s.boolean("sync_deletes", true);
    r.startdate = s.str("startdate");
    if (s.has("maxconnections")) r.maxconnections = to_int(s, "maxconnections", 1);
}

// The [general] defaults of the repository options utime_from_header and
// filename_use_mail_timestamp.
bool general_bool(const SectionView& s, std::string_view option) {
    return SectionView(s.ini(), "general").boolean(option, false);
}

MaildirOptions read_maildir(const SectionView& s) {
    MaildirOptions m;
    auto localfolders = s.path("localfolders");
    m.localfolders = localfolders ? *localfolders : required(s, "localfolders");
    m.sep = std::string(trim(s.str("sep", ".")));
    m.restoreatime = s.boolean("restoreatime", false);
    m.utime_from_header = s.boolean("utime_from_header", general_bool(s, "utime_from_header"));
    m.filename_use_mail_timestamp =
        s.boolean("filename_use_mail_timestamp", general_bool(s, "filename_use_mail_timestamp"));
    for (char c = 'a'; c <= 'z'; ++c) {
        auto keyword = s.str(cat("customflag_", c));
        if (keyword) m.customflags[c] = *keyword;
    }
    return m;
}

void read_imap_auth(const SectionView& s, ImapOptions& o) {
    o.remotehost = s.str("remotehost");
    o.remotehosteval = s.str("remotehosteval");
    if (s.has("remoteport")) o.remoteport = to_int(s, "remoteport", 0);
    o.remoteporteval = s.str("remoteporteval");
    o.remoteuser = s.str("remoteuser");
    o.remoteusereval = s.str("remoteusereval");
    o.remotepass = s.str("remotepass");
    o.remotepasseval = s.str("remotepasseval");
    if (auto f = s.str("remotepassfile")) o.remotepassfile = expand_user(*f);
    o.remote_identity = s.str("remote_identity");
    o.auth_mechanisms = s.list("auth_mechanisms", true)
                            .value_or(std::vector<std::string>{"GSSAPI", "XOAUTH2", "CRAM-MD5",
                                                               "PLAIN", "LOGIN"});
    for (const char* name : {"oauth2_client_id", "oauth2_client_secret", "oauth2_refresh_token",
                             "oauth2_access_token", "oauth2_client_id_eval",
                             "oauth2_client_secret_eval", "oauth2_refresh_token_eval",
                             "oauth2_access_token_eval", "oauth2_request_url"}) {
        if (auto v = s.str(name)) o.oauth2[name] = *v;
    }
}

void read_imap_tls(const SectionView& s, ImapOptions& o) {
    o.ssl = s.boolean("ssl", true);
    o.starttls = s.boolean("starttls", true);
    o.sslcacertfile = s.str("sslcacertfile") == "OS-DEFAULT" ? s.str("sslcacertfile")
                                                             : absolute_path(s, "sslcacertfile");
    o.sslclientcert = absolute_path(s, "sslclientcert");
    o.sslclientkey = absolute_path(s, "sslclientkey");
    for (std::string_view f : split(s.str("cert_fingerprint", ""), ',')) {
        if (f.empty()) continue;
        std::string hex;
        for (char c : trim(f)) {
            if (c != ':') hex += c;
        }
        o.cert_fingerprint.push_back(option_key(hex));
    }
    o.ssl_version = s.str("ssl_version");
    o.tls_level = s.str("tls_level", "tls_compat");
    o.ipv6 = s.boolean("ipv6");
}

ImapOptions read_imap(const SectionView& s, bool gmail) {
    ImapOptions o;
    o.gmail = gmail;
    read_imap_auth(s, o);
    read_imap_tls(s, o);
    if (gmail && !o.remotehost && !o.remotehosteval) o.remotehost = "imap.gmail.com";
    if (gmail && !o.oauth2.count("oauth2_request_url")) {
        o.oauth2["oauth2_request_url"] = "https://accounts.google.com/o/oauth2/token";
    }
    if (!gmail) o.preauthtunnel = s.str("preauthtunnel");
    o.transporttunnel = s.str("transporttunnel");
    o.reference = s.str("reference", "\"\"");
    o.idlefolders = s.str("idlefolders");
    bool idle = o.idlefolders.has_value();
    o.usecompression = s.boolean("usecompression", false);
    o.maxconnections = to_int(s, "maxconnections", 1);
    o.singlethreadperfolder = s.boolean("singlethreadperfolder", idle);
    o.holdconnectionopen = s.boolean("holdconnectionopen", idle);
    o.keepalive = to_int(s, "keepalive", idle ? 29 * 60 : 0);
    o.expunge = s.boolean("expunge", true);
    o.subscribedonly = s.boolean("subscribedonly", false);
    o.retrycount = to_int(s, "retrycount", 2);
    o.copy_ignore_eval = s.str("copy_ignore_eval");
    o.newmail_hook = s.str("newmail_hook");
    return o;
}

std::optional<RepositoryType> parse_type(std::string_view type, bool remote) {
    if (type == "IMAP") return RepositoryType::kImap;
    if (remote && type == "Gmail") return RepositoryType::kGmail;
    if (!remote && type == "Maildir") return RepositoryType::kMaildir;
    if (!remote && type == "GmailMaildir") return RepositoryType::kGmailMaildir;
    return std::nullopt;
}

}  // namespace

const char* type_name(RepositoryType type) {
    switch (type) {
        case RepositoryType::kImap: return "IMAP";
        case RepositoryType::kGmail: return "Gmail";
        case RepositoryType::kMaildir: return "Maildir";
        case RepositoryType::kGmailMaildir: return "GmailMaildir";
    }
    return "?";
}

General read_general(const Ini& ini) {
    if (!ini.has_section("general")) throw ConfigError(cat(ini.file(), ": no [general] section"));
    SectionView s(ini, "general");
    General g;
    for (std::string_view name : split(required(s, "accounts"), ',')) {
        name.remove_prefix(std::min(name.size(), name.find_first_not_of(" \t\n\r\f\v")));
        g.accounts.emplace_back(name);
    }
    g.metadata = expand_vars(expand_user(s.str("metadata", "~/.offlineimap")));
    g.maxsyncaccounts = to_int(s, "maxsyncaccounts", 1);
    g.ui = s.str("ui", "ttyui");
    g.ignore_readonly = s.boolean("ignore-readonly", false);
    g.pythonfile = s.path("pythonfile");
    g.socktimeout = to_int(s, "socktimeout", 0);
    g.fsync = s.boolean("fsync", true);
    g.dry_run = s.boolean("dry-run", false);
    g.utime_from_header = s.boolean("utime_from_header", false);
    g.filename_use_mail_timestamp = s.boolean("filename_use_mail_timestamp", false);
    return g;
}

std::optional<Mbnames> read_mbnames(const Ini& ini) {
    if (!ini.has_section("mbnames")) return std::nullopt;
    SectionView s(ini, "mbnames");
    Mbnames m;
    m.enabled = s.boolean("enabled", false);
    m.incremental = s.boolean("incremental", false);
    m.sort_keyfunc = s.str("sort_keyfunc");
    m.folderfilter = s.str("folderfilter");
    if (!m.enabled) return m;
    m.filename = expand_vars(expand_user(required(s, "filename")));
    m.header = required(s, "header");
    auto peritem = ini.get_raw("mbnames", "peritem");
    m.peritem = peritem ? *peritem : required(s, "peritem");
    m.sep = required(s, "sep");
    m.footer = required(s, "footer");
    return m;
}

std::vector<std::string> account_names(const Ini& ini) {
    std::vector<std::string> names;
    for (const std::string& section : ini.sections()) {
        if (section.rfind("Account ", 0) == 0) names.push_back(section.substr(8));
    }
    return names;
}

Account read_account(const Ini& ini, const std::string& name) {
    std::string section = "Account " + name;
    if (!ini.has_section(section)) throw ConfigError(cat("account '", name, "' does not exist"));
    SectionView s(ini, section);
    Account a;
    a.name = name;
    a.localrepository = required(s, "localrepository");
    a.remoterepository = required(s, "remoterepository");
    a.autorefresh = s.real("autorefresh");
    a.autorefresh_negative = a.autorefresh && *a.autorefresh < 0;
    if (a.autorefresh && *a.autorefresh <= 0) a.autorefresh.reset();
    a.quick = to_int(s, "quick", 0);
    a.presynchook = s.str("presynchook", "");
    a.postsynchook = s.str("postsynchook", "");
    a.maxsize = s.integer("maxsize");
    a.maxage = s.str("maxage");
    a.maildir_windows_compatible = s.boolean("maildir-windows-compatible", false);
    a.synclabels = s.boolean("synclabels", false);
    a.labelsheader = s.str("labelsheader", "X-Keywords");
    a.ignorelabels = s.list("ignorelabels", true).value_or(std::vector<std::string>{});
    a.filterheaders = s.list("filterheaders", true).value_or(std::vector<std::string>{});
    a.proxy = s.str("proxy");
    a.authproxy = s.has("authproxy") ? s.str("authproxy") : a.proxy;
    a.utf8foldernames = s.boolean("utf8foldernames", false);
    return a;
}

Repository read_repository(const Ini& ini, const std::string& name, bool remote) {
    std::string section = "Repository " + name;
    if (!ini.has_section(section)) {
        throw ConfigError(cat("could not find section '", section, "' in configuration"));
    }
    SectionView s(ini, section);
    std::string type(trim(required(s, "type")));
    auto parsed = parse_type(type, remote);
    if (!parsed) {
        throw ConfigError(cat("'", type, "' repository not supported for '",
                              remote ? "remote" : "local", "' repositories."));
    }
    Repository r;
    r.name = name;
    r.type = *parsed;
    read_common(s, r);
    if (r.type == RepositoryType::kMaildir || r.type == RepositoryType::kGmailMaildir) {
        r.maildir = read_maildir(s);
    } else {
        r.imap = read_imap(s, r.type == RepositoryType::kGmail);
    }
    return r;
}

ResolvedAccount resolve_account(const Ini& ini, const std::string& name) {
    ResolvedAccount resolved;
    resolved.account = read_account(ini, name);
    resolved.local = read_repository(ini, resolved.account.localrepository, false);
    resolved.remote = read_repository(ini, resolved.account.remoterepository, true);
    return resolved;
}

}  // namespace oimap::config
