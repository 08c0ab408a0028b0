// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: --customflag is collected from ParseResult::arguments(), because
// cxxopts splits vector values on ',' and keywords may contain commas.
#include "options.hpp"

#include <cxxopts.hpp>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::sync_plan {
namespace {

constexpr const char* kUsage =
    "usage: sync-plan --remote FILE (--local FILE | --local-imap FILE) --metadata DIR --account NAME\n"
    "                 --local-repository NAME --remote-repository NAME [--local-sep . | /]\n"
    "                 [--local-root DIR] [--quick] [--remote-readonly] [--local-readonly]\n"
    "                 [--save-facts]\n"
    "                 [--no-create-remote-folders] [--no-create-local-folders]\n"
    "                 [--no-sync-deletes-remote] [--no-sync-deletes-local]\n"
    "                 [--maxage DAYS | YYYY-mm-dd | --remote-startdate YYYY-mm-dd |\n"
    "                  --local-startdate YYYY-mm-dd]\n"
    "                 [--maxsize BYTES]\n"
    "                 [--customflag LETTER=KEYWORD]... [--windows-compatible]\n"
    "                 [--upload-unmatched] [-c FILE -a ACCOUNT] [-o FILE] [-d CATEGORIES]\n"
    "       sync-plan --help | --version\n";

cxxopts::Options make_parser() {
    cxxopts::Options o("sync-plan");
    auto text = [] { return cxxopts::value<std::string>(); };
    // clang-format off
    o.add_options()
        ("remote", "remote-state listing", text(), "FILE")
        ("local", "local-state listing", text(), "FILE")
        ("local-imap", "remote-state listing of a local IMAP server", text(), "FILE")
        ("metadata", "offlineimap's metadata directory", text(), "DIR")
        ("account", "account name", text(), "NAME")
        ("local-repository", "local repository name", text(), "NAME")
        ("remote-repository", "remote repository name", text(), "NAME")
        ("local-sep", "local folder separator", text(), "SEP")
        ("local-root", "the Maildir root, passed on in the plan", text(), "DIR")
        ("quick", "skip folders unchanged on both sides")
        ("remote-readonly", "never change the remote")
        ("local-readonly", "never change the local Maildir")
        ("no-create-remote-folders", "do not create folders on the remote")
        ("no-create-local-folders", "do not create local folders")
        ("no-sync-deletes-remote", "do not propagate deletions made on the remote")
        ("no-sync-deletes-local", "do not propagate deletions made locally")
        ("maxage", "only messages newer than this", text(), "DAYS")
        ("remote-startdate", "the remote repository's startdate", text(), "YYYY-mm-dd")
        ("local-startdate", "the local IMAP repository's startdate", text(), "YYYY-mm-dd")
        ("maxsize", "only messages smaller than this", text(), "BYTES")
        ("customflag", "keyword of a letter a-z (repeatable)", text(), "LETTER=KEYWORD")
        ("windows-compatible", "info separator '!' instead of ':'")
        ("upload-unmatched", "upload UID-less files without looking for them by Message-ID")
        ("save-facts", "save the facts of folders with nothing to do (incremental)")
        ("o", "write the plan to FILE (atomically)", text(), "FILE")
        ("c", "offlineimaprc to take defaults from", text(), "FILE")
        ("a", "account in the offlineimaprc", text(), "ACCOUNT")
        ("d", "debug categories (plan, all, ...)", text(), "LIST")
        ("h,help", "show this help")
        ("version", "show the version");
    // clang-format on
    return o;
}

std::optional<std::string> text(const cxxopts::ParseResult& r, const char* name) {
    if (r.count(name) == 0)
        return std::nullopt;
    return r[name].as<std::string>();
}

char parse_sep(const std::string& value) {
    if (value != "." && value != "/")
        throw UsageError(
            cat("cannot use --local-sep '", log::sanitize(value), "': it must be '.' or '/'"));
    return value[0];
}

void add_customflag(maildir::KeywordMap& map, const std::string& value) {
    if (value.size() < 3 || value[1] != '=' || !maildir::is_keyword_letter(value[0]))
        throw UsageError(cat("cannot use --customflag '", log::sanitize(value),
                             "': expected LETTER=KEYWORD with a letter a-z"));
    map[value[0]] = value.substr(2);
}

// cxxopts quotes names with typographic quotes; our messages use plain ones.
std::string plain(std::string message) {
    for (std::string quote : {"\u2018", "\u2019"})
        for (size_t at; (at = message.find(quote)) != std::string::npos;)
            message.replace(at, quote.size(), "'");
    return message;
}

void read_flags(const cxxopts::ParseResult& r, Options& opt) {
    opt.help = r.count("help") > 0;
    opt.version = r.count("version") > 0;
    opt.quick = r.count("quick") > 0;
    opt.remote_readonly = r.count("remote-readonly") > 0;
    opt.local_readonly = r.count("local-readonly") > 0;
    opt.no_create_remote_folders = r.count("no-create-remote-folders") > 0;
    opt.no_create_local_folders = r.count("no-create-local-folders") > 0;
    opt.no_sync_deletes_remote = r.count("no-sync-deletes-remote") > 0;
    opt.no_sync_deletes_local = r.count("no-sync-deletes-local") > 0;
    opt.windows_compatible = r.count("windows-compatible") > 0;
    opt.upload_unmatched = r.count("upload-unmatched") > 0;
    opt.save_facts = r.count("save-facts") > 0;
}

void read_values(const cxxopts::ParseResult& r, Options& opt) {
    opt.remote = text(r, "remote");
    opt.local = text(r, "local");
    opt.local_imap = text(r, "local-imap");
    opt.metadata = text(r, "metadata");
    opt.account = text(r, "account");
    opt.local_repository = text(r, "local-repository");
    opt.remote_repository = text(r, "remote-repository");
    if (auto sep = text(r, "local-sep"))
        opt.local_sep = parse_sep(*sep);
    opt.local_root = text(r, "local-root");
    opt.maxage = text(r, "maxage");
    opt.remote_startdate = text(r, "remote-startdate");
    opt.local_startdate = text(r, "local-startdate");
    if (auto size = text(r, "maxsize")) {
        opt.maxsize = parse_number<uint64_t>(*size);
        if (!opt.maxsize || *opt.maxsize == 0)
            throw UsageError(cat("cannot use --maxsize '", log::sanitize(*size),
                                 "': expected a positive number of bytes"));
    }
    opt.output = text(r, "o");
    opt.config_file = text(r, "c");
    opt.config_account = text(r, "a");
    opt.debug = text(r, "d");
    for (const auto& kv : r.arguments())
        if (kv.key() == "customflag")
            add_customflag(opt.customflags, kv.value());
}

}  // namespace

Options parse_options(int argc, char** argv) {
    Options opt;
    try {
        cxxopts::ParseResult r = make_parser().parse(argc, argv);
        for (const std::string& word : r.unmatched())
            throw UsageError(cat("unexpected argument '", log::sanitize(word), "'"));
        read_flags(r, opt);
        read_values(r, opt);
    } catch (const cxxopts::exceptions::exception& e) {
        throw UsageError(plain(e.what()));
    }
    return opt;
}

std::string help_text() {
    return cat(kUsage,
               "\nComputes the operations of one offlineimap sync from a remote-state and a\n"
               "local-state listing and the sync state under --metadata, and writes them as a\n"
               "sync-plan stream (oimap-formats(5)).  Reads nothing else, changes nothing.\n\n"
               "  --remote FILE, --local FILE  the listings; one of them may be '-' (stdin)\n"
               "  --local-imap FILE            instead of --local: the local repository is IMAP;\n"
               "                               FILE is imap-fetch's listing of its server, read\n"
               "                               with the UID maps under --metadata\n"
               "  --metadata DIR               offlineimap's metadata directory\n"
               "  --account NAME               the account (its status DBs)\n"
               "  --local-repository NAME      names the FolderValidity directories\n"
               "  --remote-repository NAME\n"
               "  --local-sep . | /            local folder separator (default '.')\n"
               "  --local-root DIR             the Maildir root, written into the plan\n"
               "  --quick                      skip folders unchanged on both sides (-q)\n"
               "  --remote-readonly, --local-readonly\n"
               "                               never change that side\n"
               "  --no-create-remote-folders, --no-create-local-folders\n"
               "                               createfolders = no on that side\n"
               "  --no-sync-deletes-remote, --no-sync-deletes-local\n"
               "                               sync_deletes = no on that repository\n"
               "  --maxage DAYS | YYYY-mm-dd   only mail newer than that\n"
               "  --remote-startdate YYYY-mm-dd  the remote's startdate: a first sync needs an\n"
               "                               empty local folder and takes the server's mail\n"
               "                               from that day on; later ones from its first UID\n"
               "  --local-startdate YYYY-mm-dd   the same with the sides swapped, for a local\n"
               "                               IMAP repository (--local-imap) only\n"
               "  --maxsize BYTES              only mail smaller than that\n"
               "  --customflag LETTER=KEYWORD  customflag_<letter> of the local repository\n"
               "  --windows-compatible         maildir-windows-compatible (passed on)\n"
               "  --upload-unmatched           upload UID-less files without looking for them on\n"
               "                               the server by Message-ID first (offlineimap's way;\n"
               "                               may duplicate mail; see sync-plan(1))\n"
               "  --save-facts                 save what the listings say of each folder with\n"
               "                               nothing to do in its status DB, for the next\n"
               "                               incremental listing (needs the account lock)\n"
               "  -c FILE -a ACCOUNT           defaults for the above from an offlineimaprc\n"
               "  -o FILE                      write the plan to FILE atomically\n"
               "  -d CATEGORIES                debug output on stderr (plan, all)\n"
               "  -h, --help                   show this help\n"
               "  --version                    show the version and the formats\n");
}

}  // namespace oimap::sync_plan
