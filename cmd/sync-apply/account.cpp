// SPDX-License-Identifier: GPL-2.0-or-later
#include "account.hpp"

#include <algorithm>

#include "config/load.hpp"
#include "config/model.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace oimap::sync_apply {

void apply_local_account(Options& o) {
    const auto& c = o.connection;
    if (!c.config_file || !c.account) throw UsageError("-c FILE and -a ACCOUNT go together");
    config::Ini ini = config::load_file(config::find_config_file(c.config_file));
    config::General general = config::read_general(ini);
    config::ResolvedAccount account = config::resolve_account(ini, *c.account);
    if (!o.metadata) o.metadata = general.metadata;
    if (!o.account) o.account = account.account.name;
    if (!o.fsync) o.fsync = general.fsync;
    if (!o.fetch_attempts && account.remote.imap)
        o.fetch_attempts = static_cast<unsigned>(std::max(1, account.remote.imap->retrycount));
    o.windows_compatible = o.windows_compatible || account.account.maildir_windows_compatible;
    if (!account.local.maildir)
        throw ConfigError(cat("cannot apply a plan to account '", account.account.name,
                              "': its local repository is not a Maildir"));
    if (!o.root) o.root = account.local.maildir->localfolders;
    if (!o.sep) o.sep = account.local.maildir->sep;
}

}  // namespace oimap::sync_apply
