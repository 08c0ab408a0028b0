// SPDX-License-Identifier: GPL-2.0-or-later
#include "options.hpp"

#include <cxxopts.hpp>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::sync_apply {
namespace {

constexpr const char* kUsage =
    "usage: sync-apply (--host HOST | --tunnel CMD | -c FILE -a ACCOUNT) [--port N] [--user NAME]\n"
    "                  [--password-file FILE] [--tls none|starttls|implicit] [--ca-file FILE]\n"
    "                  [--fingerprint LIST] [--root DIR] [--metadata DIR] [--no-fsync]\n"
    "                  [--batch-size N] [--fetch-attempts N] [--stats FILE] [-d CATEGORIES] [-q | -v]\n"
    "                  [--local-host HOST | --local-tunnel CMD [--local-port N] ...] [PLAN]\n"
    "       sync-apply --help | --version\n";

// The connection flags, once plain (the remote) and once with "local-" (a local IMAP server).
void add_connection(cxxopts::Options& o, const std::string& p) {
    auto s = [] { return cxxopts::value<std::string>(); };
    auto n = [] { return cxxopts::value<int>(); };
    o.add_options()
        (p + "host", "", s())(p + "port", "", n())(p + "user", "", s())(p + "password-file", "", s())
        (p + "oauth2-token-file", "", s())(p + "tls", "", s())(p + "ca-file", "", s())
        (p + "fingerprint", "", s())(p + "client-cert", "", s())(p + "client-key", "", s())
        (p + "tls-level", "", s())(p + "ssl-version", "", s())(p + "tls-server-name", "", s())
        (p + "tunnel", "", s())(p + "preauth-tunnel", "", s())(p + "auth-mechanisms", "", s())
        (p + "timeout", "", n())(p + "ipv4", "")(p + "ipv6", "")(p + "held-fd", "", n())
        (p + "held-enabled", "", s());
}

cxxopts::Options make_parser() {
    cxxopts::Options o("sync-apply");
    auto s = [] { return cxxopts::value<std::string>(); };
    auto n = [] { return cxxopts::value<int>(); };
    add_connection(o, "");
    add_connection(o, "local-");
    o.add_options()
        ("root", "", s())("sep", "", s())("metadata", "", s())("account", "", s())
        ("fsync", "")("no-fsync", "")("no-lock", "")("maildir-windows-compatible", "")
        ("batch-size", "", n())("fetch-attempts", "", n())("stats", "", s())("test-stop-after", "", cxxopts::value<uint64_t>())
        ("c", "", s())("a", "", s())("d", "", s())("q", "")("v", "")("h,help", "")("version", "")
        ("plan", "", s());
    o.parse_positional({"plan"});
    return o;
}

template <typename T>
std::optional<T> get(const cxxopts::ParseResult& r, const std::string& name) {
    if (r.count(name) == 0) return std::nullopt;
    return r[name].as<T>();
}

void read_connection(const cxxopts::ParseResult& r, imap_fetch::Options& c, const std::string& p) {
    auto get_s = [&](const char* name) { return get<std::string>(r, p + name); };
    c.host = get_s("host");
    c.port = get<int>(r, p + "port");
    c.user = get_s("user");
    c.password_file = get_s("password-file");
    c.oauth2_token_file = get_s("oauth2-token-file");
    c.tls = get_s("tls");
    c.ca_file = get_s("ca-file");
    c.fingerprints = get_s("fingerprint");
    c.client_cert = get_s("client-cert");
    c.client_key = get_s("client-key");
    c.tls_level = get_s("tls-level");
    c.ssl_version = get_s("ssl-version");
    c.tls_server_name = get_s("tls-server-name");
    c.tunnel = get_s("tunnel");
    if (auto pre = get_s("preauth-tunnel")) {
        if (c.tunnel) throw UsageError(cat("cannot use both --", p, "tunnel and --", p, "preauth-tunnel"));
        c.tunnel = pre;
        c.preauth_tunnel = true;
    }
    c.auth_mechanisms = get_s("auth-mechanisms");
    c.timeout = get<int>(r, p + "timeout");
    c.held_fd = get<int>(r, p + "held-fd");
    c.held_enabled = get_s("held-enabled");
    bool v4 = r.count(p + "ipv4") > 0, v6 = r.count(p + "ipv6") > 0;
    if (v4 && v6) throw UsageError(cat("cannot use both --", p, "ipv4 and --", p, "ipv6"));
    if (v4 || v6) c.ipv6 = v6;
}

void check(const Options& o) {
    const auto& tls = o.connection.tls;
    if (tls && *tls != "none" && *tls != "starttls" && *tls != "starttls-if-offered" && *tls != "implicit")
        throw UsageError(cat("cannot use --tls '", log::sanitize(*tls),
                             "': expected none, starttls, starttls-if-offered or implicit"));
    const auto& port = o.connection.port;
    if (port && (*port < 1 || *port > 65535)) throw UsageError(cat("cannot use --port ", *port, ": out of range"));
    if (o.sep && *o.sep != "." && *o.sep != "/") throw UsageError("cannot use --sep: expected '.' or '/'");
    if (o.quiet && o.verbose) throw UsageError("cannot use both -q and -v");
}

}  // namespace

Options parse_options(int argc, char** argv) {
    Options o;
    try {
        cxxopts::ParseResult r = make_parser().parse(argc, argv);
        for (const std::string& word : r.unmatched()) throw UsageError(cat("unexpected argument '", log::sanitize(word), "'"));
        read_connection(r, o.connection, "");
        o.connection.config_file = get<std::string>(r, "c");
        o.connection.account = get<std::string>(r, "a");
        o.connection.debug = get<std::string>(r, "d");
        o.connection.help = r.count("help") > 0;
        o.connection.version = r.count("version") > 0;
        imap_fetch::Options local;
        read_connection(r, local, "local-");
        if (local.host || local.tunnel) o.local_imap = std::move(local);
        o.plan = get<std::string>(r, "plan").value_or("-");
        o.root = get<std::string>(r, "root");
        o.sep = get<std::string>(r, "sep");
        o.metadata = get<std::string>(r, "metadata");
        o.account = get<std::string>(r, "account");
        if (r.count("fsync") && r.count("no-fsync")) throw UsageError("cannot use both --fsync and --no-fsync");
        if (r.count("fsync") || r.count("no-fsync")) o.fsync = r.count("no-fsync") == 0;
        o.lock = r.count("no-lock") == 0;
        o.windows_compatible = r.count("maildir-windows-compatible") > 0;
        int batch = get<int>(r, "batch-size").value_or(500);
        if (batch < 1) throw UsageError("cannot use --batch-size below 1");
        o.batch_size = static_cast<size_t>(batch);
        if (auto attempts = get<int>(r, "fetch-attempts")) {
            if (*attempts < 1) throw UsageError("cannot use --fetch-attempts below 1");
            o.fetch_attempts = static_cast<unsigned>(*attempts);
        }
        o.test_stop_after = get<uint64_t>(r, "test-stop-after").value_or(0);
        o.stats = get<std::string>(r, "stats");
        o.quiet = r.count("q") > 0;
        o.verbose = r.count("v") > 0;
    } catch (const cxxopts::exceptions::exception& e) {
        throw UsageError(e.what());
    }
    check(o);
    return o;
}

std::string help_text() {
    return cat(kUsage,
               "\nCarries out a sync-plan (oimap-formats(5)) against the Maildir, the IMAP server\n"
               "and offlineimap's status databases.\n\n"
               "  PLAN                      the plan file; '-' or nothing for stdin\n"
               "  --host HOST, --port N, --user NAME, --password-file FILE,\n"
               "  --oauth2-token-file FILE, --auth-mechanisms LIST, --tls MODE, --ca-file FILE,\n"
               "  --fingerprint LIST, --tls-server-name NAME, --client-cert FILE,\n"
               "  --client-key FILE, --tls-level LEVEL, --ssl-version VERSION, --tunnel CMD,\n"
               "  --preauth-tunnel CMD, --timeout SECONDS, --ipv4, --ipv6, --held-fd N,\n"
               "  --held-enabled LIST\n"
               "                            the connection, as for imap-fetch(1)\n"
               "  --local-host HOST, --local-tunnel CMD, --local-port N, ... (every flag above\n"
               "  with 'local-')            the local repository is IMAP (spec 5.12): apply the\n"
               "                            plan to that server and the UID maps\n"
               "  -c FILE -a ACCOUNT        take the connection, Maildir root, metadata and\n"
               "                            fsync settings from an offlineimaprc\n"
               "  --root DIR                the Maildir root (default: the plan's local-root)\n"
               "  --sep SEP                 the local separator (default: the plan's local-sep)\n"
               "  --metadata DIR            offlineimap's metadata directory (default: the plan's)\n"
               "  --account NAME            the account (default: the plan's)\n"
               "  --fsync, --no-fsync       fsync files and directories (default on)\n"
               "  --no-lock                 do not take the account lock (the caller holds it)\n"
               "  --maildir-windows-compatible  '!' instead of ':' before the flags\n"
               "  --batch-size N            operations carried out together (default 500)\n"
               "  --fetch-attempts N        attempts of a batch of downloads whose connection\n"
               "                            broke, reconnecting in between (default 2)\n"
               "  --stats FILE              write round trips, bytes and time per folder to FILE\n"
               "  -d CATEGORIES             debug output on stderr (apply, imap, status, all)\n"
               "  -q, -v                    fewer or more messages\n"
               "  -h, --help                show this help\n"
               "  --version                 show the version and the format read\n");
}

}  // namespace oimap::sync_apply
