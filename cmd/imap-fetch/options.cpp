// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: --folder and --include are collected from ParseResult::arguments(),
// because cxxopts splits vector values on ',' and folder names may contain commas.
#include "options.hpp"

#include <cxxopts.hpp>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::imap_fetch {
namespace {

constexpr const char* kUsage =
    "usage: imap-fetch (--host HOST | --tunnel CMD | -c FILE -a ACCOUNT) [--port N] [--user NAME]\n"
    "                  [--password-file FILE] [--tls none|starttls|implicit] [--ca-file FILE]\n"
    "                  [--fingerprint LIST] [--folder NAME]... [--include NAME]... [--subscribed-only]\n"
    "                  [--changed-since-file FILE] [--state-dir DIR] [-o FILE] [-d CATEGORIES] [options]\n"
    "       imap-fetch --help | --version\n";

cxxopts::Options make_parser() {
    cxxopts::Options o("imap-fetch");
    auto s = [] { return cxxopts::value<std::string>(); };
    auto n = [] { return cxxopts::value<int>(); };
    o.add_options()
        ("host", "", s())("port", "", n())("user", "", s())("password-file", "", s())
        ("oauth2-token-file", "", s())("tls", "", s())("ca-file", "", s())("fingerprint", "", s())
        ("client-cert", "", s())("client-key", "", s())("tls-level", "", s())("ssl-version", "", s())
        ("tls-server-name", "", s())("tunnel", "", s())("preauth-tunnel", "", s())("folder", "", s())
        ("include", "", s())("stats", "", s())("subscribed-only", "")("reference", "", s())("utf8-folder-names", "")
        ("auth-mechanisms", "", s())("timeout", "", n())("ipv4", "")("ipv6", "")
        ("held-fd", "", n())("held-enabled", "", s())
        ("changed-since-file", "", s())("state-dir", "", s())("window", "", n())("o", "", s())("c", "", s())("a", "", s())
        ("d", "", s())("h,help", "")("version", "");
    return o;
}

template <typename T>
std::optional<T> get(const cxxopts::ParseResult& r, const char* name) {
    if (r.count(name) == 0) return std::nullopt;
    return r[name].as<T>();
}

void check(const Options& o) {
    if (o.tls && *o.tls != "none" && *o.tls != "starttls" && *o.tls != "starttls-if-offered" && *o.tls != "implicit")
        throw UsageError(cat("cannot use --tls '", log::sanitize(*o.tls),
                             "': expected none, starttls, starttls-if-offered or implicit"));
    if (o.port && (*o.port < 1 || *o.port > 65535)) throw UsageError(cat("cannot use --port ", *o.port, ": out of range"));
    if (o.timeout && *o.timeout < 0) throw UsageError("cannot use a negative --timeout");
    if (o.window < 1) throw UsageError("cannot use --window below 1");
}

}  // namespace

Options parse_options(int argc, char** argv) {
    Options o;
    try {
        cxxopts::ParseResult r = make_parser().parse(argc, argv);
        for (const std::string& word : r.unmatched()) throw UsageError(cat("unexpected argument '", log::sanitize(word), "'"));
        o.host = get<std::string>(r, "host");
        o.port = get<int>(r, "port");
        o.user = get<std::string>(r, "user");
        o.password_file = get<std::string>(r, "password-file");
        o.oauth2_token_file = get<std::string>(r, "oauth2-token-file");
        o.tls = get<std::string>(r, "tls");
        o.ca_file = get<std::string>(r, "ca-file");
        o.fingerprints = get<std::string>(r, "fingerprint");
        o.client_cert = get<std::string>(r, "client-cert");
        o.client_key = get<std::string>(r, "client-key");
        o.tls_level = get<std::string>(r, "tls-level");
        o.ssl_version = get<std::string>(r, "ssl-version");
        o.tls_server_name = get<std::string>(r, "tls-server-name");
        o.tunnel = get<std::string>(r, "tunnel");
        if (auto pre = get<std::string>(r, "preauth-tunnel")) {
            if (o.tunnel) throw UsageError("cannot use both --tunnel and --preauth-tunnel");
            o.tunnel = pre;
            o.preauth_tunnel = true;
        }
        o.subscribed_only = r.count("subscribed-only") > 0;
        o.reference = get<std::string>(r, "reference");
        o.utf8_folder_names = r.count("utf8-folder-names") > 0;
        o.auth_mechanisms = get<std::string>(r, "auth-mechanisms");
        o.timeout = get<int>(r, "timeout");
        if (r.count("ipv4") && r.count("ipv6")) throw UsageError("cannot use both --ipv4 and --ipv6");
        if (r.count("ipv4") || r.count("ipv6")) o.ipv6 = r.count("ipv6") > 0;
        o.held_fd = get<int>(r, "held-fd");
        o.held_enabled = get<std::string>(r, "held-enabled");
        o.changed_since_file = get<std::string>(r, "changed-since-file");
        o.state_dir = get<std::string>(r, "state-dir");
        o.window = get<int>(r, "window").value_or(32);
        o.output = get<std::string>(r, "o");
        o.stats = get<std::string>(r, "stats");
        o.config_file = get<std::string>(r, "c");
        o.account = get<std::string>(r, "a");
        o.debug = get<std::string>(r, "d");
        o.help = r.count("help") > 0;
        o.version = r.count("version") > 0;
        for (const auto& kv : r.arguments())
            if (kv.key() == "folder") o.folders.push_back(kv.value());
            else if (kv.key() == "include") o.includes.push_back(kv.value());
    } catch (const cxxopts::exceptions::exception& e) {
        throw UsageError(e.what());
    }
    check(o);
    return o;
}

std::string help_text() {
    return cat(kUsage,
               "\nLists the folders and messages of an IMAP account as a remote-state stream\n"
               "(oimap-formats(5)).\n\n"
               "  --host HOST               server name or address\n"
               "  --port N                  port (default 993 with implicit TLS, else 143)\n"
               "  --user NAME               user name\n"
               "  --password-file FILE      read the password from the first line of FILE\n"
               "  --oauth2-token-file FILE  XOAUTH2 access token, first line of FILE\n"
               "  --auth-mechanisms LIST    e.g. 'PLAIN, LOGIN' (default GSSAPI, XOAUTH2,\n"
               "                            CRAM-MD5, PLAIN, LOGIN)\n"
               "  --tls MODE                none, starttls, starttls-if-offered or implicit\n"
               "                            (default implicit)\n"
               "  --ca-file FILE            CA certificates (PEM) or OS-DEFAULT\n"
               "  --fingerprint LIST        pinned SHA-1/SHA-256 certificate fingerprints\n"
               "  --tls-server-name NAME    name to check the certificate against (default HOST)\n"
               "  --client-cert FILE, --client-key FILE   client certificate and key\n"
               "  --tls-level LEVEL, --ssl-version VERSION   offlineimap's tls_level/ssl_version\n"
               "  --tunnel CMD              IMAP over CMD's stdin/stdout (sh -c)\n"
               "  --preauth-tunnel CMD      the same, already authenticated\n"
               "  --folder NAME             list only this folder (raw name); repeatable\n"
               "  --include NAME            also list this folder (raw name) when it exists; repeatable\n"
               "  --subscribed-only         LSUB instead of LIST\n"
               "  --reference REF           LIST reference (default empty)\n"
               "  --utf8-folder-names       ENABLE UTF8=ACCEPT when the server offers it\n"
               "  --changed-since-file FILE list only changes since this earlier listing (QRESYNC)\n"
               "  --state-dir DIR          status DBs of the last sync: unchanged folders cost one STATUS\n"
               "  --timeout SECONDS         socket time-out (default 120; 0: none)\n"
               "  --ipv4, --ipv6            use only this address family\n"
               "  --held-fd N               use the connection on descriptor N, already open and\n"
               "                            authenticated (offlineimap's holdconnectionopen)\n"
               "  --held-enabled LIST       the extensions already ENABLEd on it (comma-separated)\n"
               "  -c FILE -a ACCOUNT        take the server settings from an offlineimaprc\n"
               "  -o FILE                   write to FILE atomically instead of stdout\n"
               "  --stats FILE              write the session's round trips and bytes to FILE\n"
               "  -d CATEGORIES             debug output on stderr (imap, imap-all, all)\n"
               "  -h, --help                show this help\n"
               "  --version                 show the version and the format written\n");
}

}  // namespace oimap::imap_fetch
