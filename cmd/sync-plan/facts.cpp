// SPDX-License-Identifier: GPL-2.0-or-later
#include "facts.hpp"

#include <unistd.h>

#include "../maildir-scan/listing.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "core/text.hpp"
#include "maildir/filename.hpp"
#include "status/facts.hpp"
#include "status/paths.hpp"

namespace oimap::sync_plan {

std::vector<format::LocalMessage> rescan_local(const std::string& root, bool windows_compatible,
                                              const std::string& folder) {
    std::string path = folder.empty() ? root : cat(root, '/', folder);
    log::debug(log::Category::kPlan, cat("reading local folder '", log::sanitize(folder),
                                         "': unchanged there, but the remote side changed"));
    return maildir_scan::folder_messages(folder, path, maildir::info_separator(windows_compatible));
}

void save_settled(const std::string& metadata, const std::string& account,
                  const std::vector<sync::SettledFolder>& settled) {
    for (const auto& s : settled) {
        if (s.local.scanned_ns == 0 || s.remote.uid_validity == 0)
            continue;
        std::string path = status::status_db_path(metadata, account, s.status_name);
        if (::access(path.c_str(), F_OK) != 0)
            continue;
        status::FolderFacts f{.remote = s.remote.name,
                              .local = s.local.name,
                              .uid_validity = s.remote.uid_validity,
                              .uid_next = s.remote.uid_next,
                              .highest_modseq = s.remote.highest_modseq,
                              .exists = s.remote.exists,
                              .new_mtime_ns = s.local.new_mtime_ns,
                              .cur_mtime_ns = s.local.cur_mtime_ns,
                              .scanned_ns = s.local.scanned_ns};
        try {
            status::save_folder_facts(path, f);
        } catch (const Error& e) {
            log::debug(log::Category::kPlan, cat("cannot save the facts of '", s.status_name, "': ", e.what()));
        }
    }
}

}  // namespace oimap::sync_plan
