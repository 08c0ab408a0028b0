// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: the repeatable options are collected from ParseResult::arguments(),
// because cxxopts splits vector values on ',' and folder names may contain commas.
#include "options.hpp"

#include <cxxopts.hpp>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"

namespace oimap::maildir_scan {
namespace {

constexpr const char* kUsage =
    "usage: maildir-scan --root DIR [--sep . | /] [--folder NAME]... [--windows-compatible]\n"
    "                    [--customflag LETTER=KEYWORD]... [--state-dir DIR] [-o FILE] [-d CATEGORIES]\n"
    "                    [-c FILE -a ACCOUNT]\n"
    "       maildir-scan --help | --version\n";

cxxopts::Options make_parser() {
    cxxopts::Options o("maildir-scan");
    // clang-format off
    o.add_options()
        ("root", "the Maildir root (localfolders)", cxxopts::value<std::string>(), "DIR")
        ("sep", "folder separator, '.' (default) or '/'", cxxopts::value<std::string>(), "SEP")
        ("folder", "scan only this folder (repeatable)", cxxopts::value<std::string>(), "NAME")
        ("windows-compatible", "info separator '!' instead of ':'")
        ("customflag", "keyword of a letter a-z (repeatable)", cxxopts::value<std::string>(),
         "LETTER=KEYWORD")
        ("o", "write the listing to FILE (atomically)", cxxopts::value<std::string>(), "FILE")
        ("state-dir", "status DBs of the account (incremental)", cxxopts::value<std::string>(), "DIR")
        ("c", "offlineimaprc to take defaults from", cxxopts::value<std::string>(), "FILE")
        ("a", "account in the offlineimaprc", cxxopts::value<std::string>(), "ACCOUNT")
        ("d", "debug categories (maildir, all, ...)", cxxopts::value<std::string>(), "LIST")
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
    if (value != "." && value != "/") {
        throw UsageError(
            cat("cannot use --sep '", log::sanitize(value), "': it must be '.' or '/'"));
    }
    return value[0];
}

void add_customflag(maildir::KeywordMap& map, const std::string& value) {
    size_t eq = value.find('=');
    if (eq != 1 || !maildir::is_keyword_letter(value[0]) || value.size() == 2) {
        throw UsageError(cat("cannot use --customflag '", log::sanitize(value),
                             "': expected LETTER=KEYWORD with a letter a-z"));
    }
    map[value[0]] = value.substr(2);
}

// cxxopts quotes names with typographic quotes; our messages use plain ones.
std::string plain(std::string message) {
    for (std::string quote : {"\u2018", "\u2019"}) {
        for (size_t at; (at = message.find(quote)) != std::string::npos;) {
            message.replace(at, quote.size(), "'");
        }
    }
    return message;
}

void check_unmatched(const cxxopts::ParseResult& r) {
    for (const std::string& word : r.unmatched()) {
        throw UsageError(cat("unexpected argument '", log::sanitize(word), "'"));
    }
}

}  // namespace

Options parse_options(int argc, char** argv) {
    Options opt;
    try {
        cxxopts::ParseResult r = make_parser().parse(argc, argv);
        check_unmatched(r);
        opt.help = r.count("help") > 0;
        opt.version = r.count("version") > 0;
        opt.root = text(r, "root");
        if (auto sep = text(r, "sep"))
            opt.sep = parse_sep(*sep);
        opt.windows_compatible = r.count("windows-compatible") > 0;
        opt.output = text(r, "o");
        opt.state_dir = text(r, "state-dir");
        opt.config_file = text(r, "c");
        opt.account = text(r, "a");
        opt.debug = text(r, "d");
        for (const auto& kv : r.arguments()) {
            if (kv.key() == "folder")
                opt.folders.push_back(kv.value());
            if (kv.key() == "customflag")
                add_customflag(opt.customflags, kv.value());
        }
    } catch (const cxxopts::exceptions::exception& e) {
        throw UsageError(plain(e.what()));
    }
    return opt;
}

std::string help_text() {
    return cat(kUsage,
               "\nLists the folders and message files of a Maildir as a local-state stream\n"
               "(oimap-formats(5)).\n\n"
               "  --root DIR                 the Maildir root (localfolders)\n"
               "  --sep . | /                folder separator (default '.')\n"
               "  --folder NAME              scan only this folder; repeatable\n"
               "  --windows-compatible       info separator '!' instead of ':'\n"
               "  --customflag LETTER=KEYWORD\n"
               "                             a keyword letter a-z (checked, as offlineimaprc's\n"
               "                             customflag_x; the listing reports letters)\n"
               "  -o FILE                    write to FILE atomically instead of stdout\n"
               "  --state-dir DIR            the account's status DBs: a folder whose new/ and\n"
               "                             cur/ are unchanged since the last sync is not\n"
               "                             read (listing none); folder records carry mtimes\n"
               "  -d CATEGORIES              debug output on stderr (maildir, all)\n"
               "  -c FILE -a ACCOUNT         defaults for the above from an offlineimaprc\n"
               "  -h, --help                 show this help\n"
               "  --version                  show the version and the formats written\n");
}

}  // namespace oimap::maildir_scan
