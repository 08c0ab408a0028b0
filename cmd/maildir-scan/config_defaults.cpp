// SPDX-License-Identifier: GPL-2.0-or-later
#include "config_defaults.hpp"

#include "config/load.hpp"
#include "config/model.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::maildir_scan {

void apply_config(Options& opt) {
    if (!opt.config_file && !opt.account)
        return;
    // Plumbing never looks for a configuration on its own: both are explicit.
    if (!opt.config_file || !opt.account)
        throw UsageError("-c FILE and -a ACCOUNT go together");
    config::Ini ini = config::load_file(*opt.config_file);
    config::ResolvedAccount resolved = config::resolve_account(ini, *opt.account);
    const std::optional<config::MaildirOptions>& maildir = resolved.local.maildir;
    if (!maildir) {
        throw ConfigError(cat("cannot scan account '", *opt.account, "': its local repository '",
                              resolved.local.name, "' is not a Maildir"));
    }
    if (!opt.root)
        opt.root = maildir->localfolders;
    if (!opt.sep) {
        if (maildir->sep != "." && maildir->sep != "/") {
            throw ConfigError(cat("cannot use sep '", maildir->sep, "' of repository '",
                                  resolved.local.name, "': it must be '.' or '/'"));
        }
        opt.sep = maildir->sep[0];
    }
    if (resolved.account.maildir_windows_compatible)
        opt.windows_compatible = true;
    for (const auto& [letter, keyword] : maildir->customflags)
        opt.customflags.emplace(letter, keyword);
}

}  // namespace oimap::maildir_scan
