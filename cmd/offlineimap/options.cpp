// SPDX-License-Identifier: GPL-2.0-or-later
// Implementation notes: cxxopts accepts glued short arguments (-aFoo), "--opt=value" and
// "--opt value" as optparse does.  -k is declared as a plain string and collected from
// ParseResult::arguments(), so that a value with ',' is never split (cxxopts splits vector
// values on ',').  Extra words are ignored, as optparse leaves them in args unused.
#include "options.hpp"

#include <cxxopts.hpp>

#include "core/text.hpp"

namespace oimap::driver {
namespace {

cxxopts::Options make_parser() {
    cxxopts::Options o("offlineimap");
    o.add_options()("h,help", "show this help message and exit")(
        "version", "show program's version number and exit")("V", "show full version infos")(
        "dry-run", "dry run mode")("info",
                                   "output information on the configured email repositories")(
        "1", "(the number one) disable all multithreading operations")(
        "P", "sets OfflineIMAP into profile mode.", cxxopts::value<std::string>(), "DIR")(
        "a", "list of accounts to sync", cxxopts::value<std::string>(),
        "account1[,account2[,...]]")("c", "specifies a configuration file to use",
                                     cxxopts::value<std::string>(), "FILE")(
        "d", "enables debugging for OfflineIMAP  (types: imap, maildir, thread)",
        cxxopts::value<std::string>(),
        "type1[,type2[,...]]")("l", "log to FILE", cxxopts::value<std::string>(), "FILE")(
        "s", "log to syslog")("f", "only sync the specified folders", cxxopts::value<std::string>(),
                              "folder1[,folder2[,...]]")(
        "k", "override configuration file option", cxxopts::value<std::string>(),
        "[section:]option=value")("o", "run only once (ignore autorefresh)")(
        "q", "run only quick synchronizations (don't update flags)")(
        "u",
        "specifies an alternative user interface (quiet, basic, syslog, ttyui, "
        "blinkenlights, machineui)",
        cxxopts::value<std::string>(),
        "INTERFACE")("delete-folder", "Delete a folder (on the remote repository)",
                     cxxopts::value<std::string>(), "FOLDERNAME")(
        "migrate-fmd5-using-nametrans", "migrate FMD5 hashes from versions prior to 6.3.5")(
        "mbnames-prune", "remove mbnames entries for accounts not in accounts");
    o.allow_unrecognised_options();  // reported by us, with optparse's words
    return o;
}

std::optional<std::string> text(const cxxopts::ParseResult& r, const char* name) {
    if (r.count(name) == 0)
        return std::nullopt;
    return r[name].as<std::string>();
}

// offlineimap tests these options for truth ("if options.accounts:"), so an empty value
// counts as not given; -u alone is tested against None.
std::optional<std::string> nonempty(const cxxopts::ParseResult& r, const char* name) {
    std::optional<std::string> value = text(r, name);
    if (value && value->empty())
        return std::nullopt;
    return value;
}

// cxxopts quotes names with typographic quotes; optparse uses none.
std::string plain(std::string message) {
    for (std::string quote : {"\u2018", "\u2019"}) {
        for (size_t at; (at = message.find(quote)) != std::string::npos;)
            message.replace(at, quote.size(), "'");
    }
    return message;
}

constexpr const char* kLongOptions[] = {
    "help",         "version", "dry-run", "info", "delete-folder", "migrate-fmd5-using-nametrans",
    "mbnames-prune"};

// optparse accepts any unique prefix of a long option ("--dry" for "--dry-run").
std::string expand_long_option(const std::string& word) {
    if (word.size() <= 2 || word.compare(0, 2, "--") != 0)
        return word;
    size_t eq = word.find('=');
    std::string name = word.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    std::vector<std::string> matches;
    for (const char* option : kLongOptions) {
        if (name == option)
            return word;
        if (std::string_view(option).substr(0, name.size()) == name)
            matches.emplace_back(option);
    }
    if (matches.size() > 1) {
        std::string list;
        for (const auto& m : matches)
            list += (list.empty() ? "--" : ", --") + m;
        throw OptionError(cat("ambiguous option: --", name, " (", list, "?)"));
    }
    if (matches.empty())
        return word;  // cxxopts reports it
    return "--" + matches.front() + (eq == std::string::npos ? "" : word.substr(eq));
}

void check_unmatched(const cxxopts::ParseResult& r) {
    for (const std::string& word : r.unmatched()) {
        if (word.size() > 1 && word[0] == '-')
            throw OptionError("no such option: " + word);
    }
}

}  // namespace

Options parse_options(int argc, char** argv) {
    Options opt;
    for (int i = 0; i < argc; ++i)
        opt.arguments.emplace_back(argv[i]);
    std::vector<std::string> words;
    bool options_end = false;  // after "--" every word is an argument
    for (const std::string& word : opt.arguments) {
        options_end = options_end || word == "--";
        words.push_back(options_end || words.empty() ? word : expand_long_option(word));
    }
    std::vector<char*> expanded;
    for (std::string& word : words)
        expanded.push_back(word.data());
    cxxopts::Options parser = make_parser();
    try {
        cxxopts::ParseResult r = parser.parse(argc, expanded.data());
        check_unmatched(r);
        opt.help = r.count("help") > 0;
        opt.version = r.count("version") > 0;
        opt.full_version = r.count("V") > 0;
        opt.dry_run = r.count("dry-run") > 0;
        opt.info = r.count("info") > 0;
        opt.single_thread = r.count("1") > 0;
        opt.syslog = r.count("s") > 0;
        opt.once = r.count("o") > 0;
        opt.quick = r.count("q") > 0;
        opt.migrate_fmd5 = r.count("migrate-fmd5-using-nametrans") > 0;
        opt.mbnames_prune = r.count("mbnames-prune") > 0;
        opt.profile_dir = nonempty(r, "P");
        opt.accounts = nonempty(r, "a");
        opt.config_file = nonempty(r, "c");
        opt.debug = nonempty(r, "d");
        opt.log_file = nonempty(r, "l");
        opt.folders = nonempty(r, "f");
        opt.ui = text(r, "u");
        opt.delete_folder = nonempty(r, "delete-folder");
        for (const auto& kv : r.arguments())
            if (kv.key() == "k")
                opt.overrides.push_back(kv.value());
    } catch (const cxxopts::exceptions::exception& e) {
        throw OptionError(plain(e.what()));
    }
    return opt;
}

std::string usage_line() {
    return "Usage: offlineimap [options]";
}

std::string help_text() {
    std::string help = make_parser().help();
    // cxxopts starts with its own usage line; optparse's is "Usage: offlineimap [options]".
    size_t body = help.find("\n\n");
    return usage_line() + "\n\n" +
           "OfflineIMAP: synchronize mailboxes and Maildirs both ways or one either way.\n" +
           "Licensed under the GNU GPL v2 or any later version (with an OpenSSL exception)\n" +
           "\nOptions:" + (body == std::string::npos ? help : help.substr(body + 1));
}

}  // namespace oimap::driver
