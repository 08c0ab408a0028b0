// SPDX-License-Identifier: GPL-2.0-or-later
#include "setup.hpp"

#include <sys/stat.h>

#include <algorithm>

#include "config/load.hpp"
#include "config/model.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "driver/offlineimap_text.hpp"
#include "ui.hpp"

namespace oimap::driver {
namespace {

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

void apply_folders(config::Ini& ini, const std::string& folders) {
    std::string filter = folder_filter_expression(folders);
    for (const std::string& account : config::account_names(ini)) {
        auto remote = ini.get("Account " + account, "remoterepository");
        if (!remote)
            continue;  // reported when the account is synced
        // '%' must be doubled: ConfigParser interpolates what set() stores.
        std::string escaped;
        for (char c : filter)
            escaped += c == '%' ? std::string("%%") : std::string(1, c);
        ini.set("Repository " + *remote, "folderfilter", escaped);
        // "[]" is what offlineimap sets; leaving an absent option absent is the same.
        if (ini.has_option("Repository " + *remote, "folderincludes"))
            ini.set("Repository " + *remote, "folderincludes", "[]");
    }
}

config::Ini load_config(const Options& options) {
    std::string path = config::find_config_file(options.config_file);
    if (!exists(path))
        throw ConfigError(cat("*** Config file '", path, "' does not exist; aborting!"));
    config::Ini ini = config::load_file(path);
    for (const std::string& spec : options.overrides)
        config::apply_override(ini, spec);
    if (options.dry_run)
        ini.set("general", "dry-run", "True");
    if (options.quick) {
        for (const std::string& account : config::account_names(ini))
            ini.set("Account " + account, "quick", "-1");
    }
    if (options.folders)
        apply_folders(ini, *options.folders);
    return ini;
}

std::vector<std::string> active_accounts(const config::Ini& ini, const Options& options, Ui& ui) {
    std::string list =
        options.accounts ? *options.accounts : ini.get("general", "accounts").value_or("");
    if (!options.accounts && !ini.has_option("general", "accounts"))
        throw ConfigError("[general] accounts: option is missing");
    std::vector<std::string> all = config::account_names(ini);
    std::vector<std::string> active;
    bool unknown = false;
    for (std::string_view item : split(list, ',')) {
        std::string name(item.substr(std::min(item.find_first_not_of(" \t\n\r\f\v"), item.size())));
        if (std::find(all.begin(), all.end(), name) != all.end()) {
            if (std::find(active.begin(), active.end(), name) == active.end())
                active.push_back(name);
        } else {
            ui.error(cat("The account '", name, "' does not exist"));
            unknown = true;
        }
    }
    if (unknown || active.empty()) {
        std::string valid;
        for (const auto& a : all)
            valid += (valid.empty() ? "" : ", ") + a;
        throw ConfigError(active.empty() && !unknown ? "No accounts are defined!"
                                                     : "Valid accounts are: " + valid);
    }
    return active;
}

}  // namespace oimap::driver
